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
