package ui

import (
	"testing"

	"metodd/game"
)

// TestCreateTimeFactor: the partner picks « temps adapté » on the create
// screen and the creation request carries the factor; normal sends none.
func TestCreateTimeFactor(t *testing.T) {
	a := newTestApp(t, 1280, 720, 1, nil)
	s := newCreate(a, Account{Name: "Camille Martin"})
	s.decks, s.loading = []DeckInfo{{ID: "d", Title: "Jeu", Cards: 64}}, false
	s.direction.setText("Direction du numérique")
	a.scene = s
	if req, msg := s.request(); msg != "" || req.TimeFactor != 0 {
		t.Fatalf("default request %+v %q: want no factor", req, msg)
	}
	if opts := timeOptions(); len(opts) != game.MaxTimeFactor {
		t.Fatalf("options %q: want normal, then ×2 to ×%d", opts, game.MaxTimeFactor)
	}
	for i := game.MaxTimeFactor - 1; i >= 0; i-- {
		clickAt(a, s.layout(a).time.columns(game.MaxTimeFactor, 6)[i])
		s.update(a)
		a.in = frame{}
		req, msg := s.request()
		want := i + 1
		if i == 0 {
			want = 0
		}
		if msg != "" || req.TimeFactor != want {
			t.Errorf("option %d: request %+v %q, want factor %d", i, req, msg, want)
		}
	}
}

// TestHostTimeFactorButton: between cards the partner's « +30 s » button is
// « temps adapté » for the coming cards, cycling normal → ×2 → ×3 → normal;
// on an open card it adds time, as before.
func TestHostTimeFactorButton(t *testing.T) {
	conn := &fakeConn{}
	v := hostView(game.PhaseLobby, nil)
	conn.setHost(v)
	a := newTestApp(t, 1280, 720, 1, &fakeBackend{host: conn})
	s := newHostScene(a, conn, SessionCreated{Code: "K7PM3Q"})
	a.scene = s
	press := func() {
		clickAt(a, s.layout(a).more)
		s.update(a)
		a.in = frame{}
	}
	for _, tc := range []struct{ now, want int }{{0, 2}, {1, 2}, {2, 3}, {game.MaxTimeFactor, 1}} {
		v.Session.TimeFactor = tc.now
		conn.setHost(v)
		s.refresh(a)
		_, log := render(t, a)
		checkFrame(t, a, log, timeFactorLabel(tc.now))
		before := len(conn.sentKinds())
		press()
		sent := conn.sentKinds()[before:]
		if len(sent) != 1 || sent[0].Kind != game.KindTimeFactor || sent[0].Factor != tc.want {
			t.Errorf("factor %d: sent %+v, want time-factor %d", tc.now, sent, tc.want)
		}
	}
	v = hostView(game.PhaseCardOpen, qcmCard(false))
	conn.setHost(v)
	s.refresh(a)
	before := len(conn.sentKinds())
	press()
	if sent := conn.sentKinds()[before:]; len(sent) != 1 || sent[0].Kind != game.KindAddTime {
		t.Errorf("on an open card: sent %+v, want add-time", sent)
	}
}
