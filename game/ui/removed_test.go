package ui

import (
	"image/color"
	"testing"

	"metodd/game"
)

// removedApp is a team's device whose team the host just removed: its
// saved token, its last view, the server's final bye.
func removedApp(t *testing.T, token string, withView bool) (*App, *fakeBackend, *memStore, *teamScene) {
	t.Helper()
	back := &fakeConn{role: "team", code: "K7PM3Q", token: "tok-1"}
	back.setTeam(teamView(game.PhaseCardOpen, nil))
	b := &fakeBackend{team: back}
	st := &memStore{}
	a := storeApp(t, b, st, "")
	conn := &fakeConn{role: "team", code: "K7PM3Q", token: token, at: testNow}
	v := teamView(game.PhaseCardOpen, nil)
	v.Removed = withView
	conn.setTeam(v)
	if token != "" {
		st.t, st.ok = SavedTeam{Server: "http://localhost:8080", Code: "K7PM3Q", Token: token, Role: "team"}, true
	}
	conn.bye, conn.state = game.ByeRemoved, ConnClosed
	s := newTeamScene(a, conn, newTeamSetup(a, "K7PM3Q"))
	a.scene = s
	return a, b, st, s
}

// TestRemovedComesBack: a removed team keeps its token, and its screen
// offers « Revenir dans la séance », which resumes with that token (not a
// join: a join with its name is refused while it is removed), and
// « Rejoindre avec un autre nom ». The bye alone (before any view saying
// removed) shows the same screen.
func TestRemovedComesBack(t *testing.T) {
	for _, withView := range []bool{true, false} {
		a, b, st, s := removedApp(t, "tok-1", withView)
		s.update(a)
		if got, ok := st.Load(); !ok || got.Token != "tok-1" {
			t.Fatalf("view removed=%v: token forgotten after bye removed (%+v, %v)", withView, got, ok)
		}
		for _, sz := range sizes {
			a.resize(sz.w, sz.h, sz.dsf)
			_, log := render(t, a)
			checkFrame(t, a, log, msgRemoved, msgRemovedHelp, msgComeBack, msgRejoinOther)
			back, other := s.removedButtons(a)
			if box := messageBox(s.removedBody(a, s.layout(a).body)); overlap(box, back) || overlap(box, other) {
				t.Errorf("%s: the message %v lies under a button (%v, %v)", sz.name, box, back, other)
			}
		}
		a.resize(1280, 720, 1)
		all := checkDoc(t, s.describe(a))
		var backAt, otherAt rect
		for _, n := range all {
			switch {
			case n.Kind == mirrorButton && n.Label == msgComeBack:
				backAt = n.at[0]
			case n.Kind == mirrorButton && n.Label == msgRejoinOther:
				otherAt = n.at[0]
			}
		}
		back, other := s.removedButtons(a)
		if backAt != back || otherAt != other || overlap(back, other) {
			t.Fatalf("mirror buttons %v %v, drawn %v %v", backAt, otherAt, back, other)
		}
		clickAt(a, back)
		s.update(a)
		a.in = frame{}
		rs, ok := a.scene.(*resumeScene)
		if !ok || rs.token != "tok-1" || rs.code != "K7PM3Q" {
			t.Fatalf("after « %s »: scene %T %+v", msgComeBack, a.scene, a.scene)
		}
		rs.update(a)
		runDone(t, a)
		if _, ok := a.scene.(*teamScene); !ok {
			t.Fatalf("after the resume: scene %T", a.scene)
		}
		if len(b.resumed) != 1 || b.resumed[0] != "tok-1" || b.joined != nil {
			t.Fatalf("resumed %v joined %v: want one resume with the token, no join", b.resumed, b.joined)
		}
	}
}

// TestRemovedJoinsUnderAnotherName: the secondary button leads to the team
// form; without any token, only that button is offered.
func TestRemovedJoinsUnderAnotherName(t *testing.T) {
	a, _, _, s := removedApp(t, "tok-1", true)
	_, other := s.removedButtons(a)
	clickAt(a, other)
	s.update(a)
	if _, ok := a.scene.(*teamSetupScene); !ok {
		t.Fatalf("after « %s »: scene %T", msgRejoinOther, a.scene)
	}

	a, b, _, s := removedApp(t, "", true)
	_, log := render(t, a)
	checkFrame(t, a, log, msgRemoved, msgRejoinOther)
	if drew(log, msgComeBack) {
		t.Error("« Revenir » offered without a token")
	}
	back, _ := s.removedButtons(a)
	clickAt(a, back)
	s.update(a)
	if a.scene != scene(s) || len(b.resumed) != 0 {
		t.Fatalf("a click where no button is: scene %T, resumed %v", a.scene, b.resumed)
	}
}

// TestHostRestoresTeam: in the teams panel a removed team's button is
// « Réintégrer » (restore-team), drawn in the accent colour, not the red
// of « Bannir »; « Retirer » is a quiet button, apart from the red ban; a
// banned team has no button; a team in play keeps « Retirer ».
func TestHostRestoresTeam(t *testing.T) {
	conn := &fakeConn{}
	v := hostView(game.PhaseCardOpen, qcmCard(false))
	v.Teams[1].Removed = true
	v.Teams[2].Removed, v.Teams[2].Banned = true, true
	conn.setHost(v)
	a := newTestApp(t, 1280, 720, 1, &fakeBackend{host: conn})
	s := newHostScene(a, conn, SessionCreated{Code: "K7PM3Q"})
	s.showTeams = true
	a.scene = s
	l := s.layout(a)
	if len(l.removes) < 3 {
		t.Fatalf("%d rows", len(l.removes))
	}
	img, log := render(t, a)
	checkFrame(t, a, log, msgRestore, msgRemovedMark, msgBannedMark)
	px := pixels(img, img.Bounds())
	bg := func(r rect) color.RGBA { return px.RGBAAt(int(r.X+3), int(r.centerY())) }
	if got := bg(l.removes[1]); got != colAccent {
		t.Errorf("« Réintégrer » drawn in %v, want the accent %v", got, colAccent)
	}
	if got := bg(l.removes[0]); got != colCardSoft {
		t.Errorf("« Retirer » drawn in %v, want %v (not the ban's red)", got, colCardSoft)
	}
	if got := bg(l.bans[2]); got == colBad {
		t.Error("a banned team still has a « Bannir » button")
	}
	for _, i := range []int{2, 0, 1} {
		clickAt(a, l.removes[i])
		s.update(a)
		clickAt(a, l.bans[2])
		s.update(a)
		a.in = frame{}
	}
	want := func(what string, from int) {
		t.Helper()
		got := conn.sentKinds()[from:]
		if len(got) != 2 || got[0].Kind != game.KindRemoveTeam || got[0].TeamID != v.Teams[0].TeamID ||
			got[1].Kind != game.KindRestoreTeam || got[1].TeamID != v.Teams[1].TeamID {
			t.Fatalf("%s: sent %+v: want a removal of %s then a restore of %s, nothing for the banned team", what, got, v.Teams[0].TeamID, v.Teams[1].TeamID)
		}
	}
	want("teams panel", 0)

	// The lobby's chips: « × » removes, « + » restores, a banned team has
	// no button.
	v.Session.Phase = game.PhaseLobby
	conn.setHost(v)
	s.showTeams = false
	s.refresh(a)
	_, chips, buttons := s.lobbyLayout(a, s.layout(a).main)
	if len(chips) < 3 {
		t.Fatalf("%d chips", len(chips))
	}
	_, log = render(t, a)
	checkFrame(t, a, log, v.Teams[1].Name+" · "+msgRemovedMark, v.Teams[2].Name+" · "+msgBannedMark)
	for _, i := range []int{2, 0, 1} {
		clickAt(a, buttons[i])
		s.update(a)
		a.in = frame{}
	}
	want("lobby", 2)
}
