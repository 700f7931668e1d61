package server

import (
	"strings"
	"testing"

	"metodd/game"
)

// TestTimeFactorSession: « temps adapté » chosen at creation reaches the
// rules through POST /api/sessions (the first card lasts twice its time),
// survives a restart, and the host changes it over the websocket; an
// out-of-range factor is refused in French and creates nothing.
func TestTimeFactorSession(t *testing.T) {
	e := newEnv(t)
	var refusal struct{ Error string }
	bad := map[string]any{"format": "express", "mode": "equipe", "direction": "DRH", "timeFactor": game.MaxTimeFactor + 1}
	if st := e.api("POST", "/api/sessions", e.admin, bad, &refusal); st != 400 || !strings.Contains(refusal.Error, "Temps adapté") {
		t.Fatalf("factor %d: %d %q, want 400 with a French message", game.MaxTimeFactor+1, st, refusal.Error)
	}
	var list []game.SessionRecord
	e.api("GET", "/api/sessions", e.admin, nil, &list)
	if len(list) != 0 {
		t.Fatalf("a refused creation left %d sessions", len(list))
	}

	c := e.createSession(e.admin, map[string]any{"format": "express", "mode": "equipe", "direction": "DRH", "timeFactor": 2})
	team := e.joinTeam(c.Code, "Lentes", agent("Zoé", "Roy"))
	host := e.hostConn(c.Code, e.admin)
	if v := host.awaitHost("lobby", func(*game.HostView) bool { return true }); v.Session.TimeFactor != 2 {
		t.Fatalf("host view factor %d, want 2", v.Session.TimeFactor)
	}
	host.cmd(game.KindStart, nil)
	v := host.awaitHost("first card", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardOpen })
	// The standard deck's cards keep their type's default time.
	if want := 2 * int64(game.DefaultTime[v.Card.Type]) * 1000; v.Clock.Limit != want {
		t.Fatalf("first card (%s) lasts %d ms, want ×2 = %d", v.Card.Type, v.Clock.Limit, want)
	}
	if tv := team.awaitTeam("the card", func(v *game.TeamView) bool { return v.Card != nil }); tv.Clock.Limit != v.Clock.Limit || tv.Session.TimeFactor != 2 {
		t.Errorf("the team sees a limit of %d ms and factor %d", tv.Clock.Limit, tv.Session.TimeFactor)
	}

	e.crashAndRestart()
	host = e.hostConn(c.Code, e.admin)
	host.cmd(game.KindTimeFactor, game.CommandData{Factor: 3})
	host.awaitHost("factor 3", func(v *game.HostView) bool { return v.Session.TimeFactor == 3 })
	host.cmd(game.KindTimeFactor, game.CommandData{Factor: 0})
	host.awaitError(game.CodeBadFactor)
}
