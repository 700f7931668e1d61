package ui

import (
	"testing"
	"time"

	"metodd/game"
)

// clickAt is one tick where the pointer was pressed and released on r.
func clickAt(a *App, r rect) {
	x, y := r.centerX(), r.centerY()
	a.in = frame{x: x, y: y, pressX: x, pressY: y, released: true, hasPointer: true}
}

func (f *fakeConn) sentKinds() []game.Command {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]game.Command(nil), f.sent...)
}

// TestBanNeedsTwoClicks: « Bannir » sends the ban only on a second click on
// the same team within endConfirmWait; « Retirer » stays one click.
func TestBanNeedsTwoClicks(t *testing.T) {
	conn := &fakeConn{}
	conn.setHost(hostView(game.PhaseLobby, nil))
	now := testNow
	a := newTestApp(t, 1280, 720, 1, &fakeBackend{host: conn})
	a.now = func() time.Time { return now }
	s := newHostScene(a, conn, SessionCreated{Code: "K7PM3Q"})
	s.showTeams = true
	a.scene = s
	l := s.layout(a)
	if len(l.bans) < 2 || len(l.bans) != len(l.removes) {
		t.Fatalf("%d ban buttons for %d rows", len(l.bans), len(l.removes))
	}
	for i := range l.bans {
		if overlap(l.bans[i], l.removes[i]) {
			t.Fatalf("row %d: ban %v overlaps remove %v", i, l.bans[i], l.removes[i])
		}
	}
	team0, team1 := s.view.Teams[0].TeamID, s.view.Teams[1].TeamID
	step := func(r rect, d time.Duration) {
		now = now.Add(d)
		clickAt(a, r)
		s.update(a)
		a.in = frame{}
	}

	step(l.bans[0], 0)
	if got := conn.sentKinds(); len(got) != 0 {
		t.Fatalf("first click sent %+v", got)
	}
	_, log := render(t, a)
	if !drew(log, msgBanConfirm) {
		t.Error("the button does not ask for the confirmation")
	}
	step(l.bans[1], time.Second) // another team: starts over
	step(l.bans[0], time.Second)
	if got := conn.sentKinds(); len(got) != 0 {
		t.Fatalf("clicks on two teams sent %+v", got)
	}
	step(l.bans[0], endConfirmWait+time.Second) // too late: asks again
	if got := conn.sentKinds(); len(got) != 0 {
		t.Fatalf("a late second click sent %+v", got)
	}
	step(l.bans[0], time.Second)
	got := conn.sentKinds()
	if len(got) != 1 || got[0].Kind != game.KindBanTeam || got[0].TeamID != team0 {
		t.Fatalf("sent %+v, want one ban of %s", got, team0)
	}
	step(l.bans[0], time.Second) // the confirmation was used up
	if n := len(conn.sentKinds()); n != 1 {
		t.Fatalf("%d commands after a third click, want 1", n)
	}
	step(l.removes[1], time.Second)
	got = conn.sentKinds()
	if len(got) != 2 || got[1].Kind != game.KindRemoveTeam || got[1].TeamID != team1 {
		t.Fatalf("sent %+v, want a removal of %s", got, team1)
	}
}

func overlap(a, b rect) bool {
	return a.X < b.right() && b.X < a.right() && a.Y < b.bottom() && b.Y < a.bottom()
}

func drew(log *drawLog, s string) bool {
	for _, d := range log.texts {
		if d.text == s {
			return true
		}
	}
	return false
}
