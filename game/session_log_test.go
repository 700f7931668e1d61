package game

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestLogHoldsOnlyWhatTheRulesAccepted: each kind logs only the fields it
// means, cleaned; a command that changes nothing is not logged.
func TestLogHoldsOnlyWhatTheRulesAccepted(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM, TypeDefi), Config{})
	fat := strings.Repeat("é", 30000)
	pad := &Answer{Card: "x", Text: fat}
	eff := h.do(Command{Kind: KindJoin, Actor: "p1", TeamID: fat, Answer: pad,
		Join: &Join{Code: "ABC123", Team: "  Les Vélos  ", Members: []Member{{FirstName: " Amélie ", LastName: "Lefèvre", Collectivite: "ville de dijon", Category: "b"}}}})
	raw, _ := json.Marshal(eff.Log)
	want := `{"kind":"join","at":1750000000000,"actor":"p1","join":{"code":"","team":"Les Vélos","color":"#0072b2","members":[{"firstName":"Amélie","lastName":"Lefèvre","collectivite":"Ville de Dijon","direction":"","category":"B"}]}}`
	if string(raw) != want {
		t.Errorf("join logged as\n%s\nwant\n%s", raw, want)
	}
	h.join("p2", "B")
	// An unchanged roster (once cleaned) is accepted and not logged.
	eff = h.do(Command{Kind: KindRoster, Actor: "p1", Answer: pad, Members: []Member{{FirstName: "Amélie", LastName: " Lefèvre", Collectivite: "Ville de Dijon", Category: "B"}}})
	if eff.Log != nil {
		t.Errorf("unchanged roster logged: %+v", eff.Log)
	}
	eff = h.do(Command{Kind: KindRoster, Actor: "p1", Answer: pad, Members: []Member{agent("x")}})
	if eff.Log == nil || eff.Log.Answer != nil || len(eff.Log.Members) != 1 {
		t.Errorf("roster logged as %+v", eff.Log)
	}
	// A rejoin of a team in the game changes nothing.
	if eff = h.do(Command{Kind: KindRejoin, Actor: "p1"}); eff.Log != nil {
		t.Errorf("plain rejoin logged: %+v", eff.Log)
	}
	if eff = h.host(KindStart); eff.Log == nil || eff.Log.Actor != HostActor {
		t.Errorf("start logged as %+v", eff.Log)
	}
	// An answer logs only the fields of the card's type.
	a := h.right()
	a.Text, a.Order, a.Groups = fat, []int{1, 2, 3}, []int{4}
	eff = h.answer("p1", a)
	raw, _ = json.Marshal(eff.Log)
	if len(raw) > 200 || eff.Log.Answer.Text != "" || eff.Log.Answer.Order != nil || eff.Log.Answer.Choice == nil {
		t.Errorf("answer logged as %s", raw)
	}
	h.checkReplay()
}

// TestExpire: an idle session ends itself when the server's expire command
// comes at or after its idle deadline; before, it is refused and changes
// nothing; time is the command's, so replay gives the same.
func TestExpire(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM, TypeQCM), Config{Created: t0})
	if d := h.s.IdleDeadline(); d != t0+IdleLobbyMs {
		t.Fatalf("lobby deadline %d, want %d", d, t0+IdleLobbyMs)
	}
	h.now = t0 + 3600_000
	h.join("p1", "A")
	if d := h.s.IdleDeadline(); d != h.now+IdleLobbyMs {
		t.Errorf("a join is activity: deadline %d", d)
	}
	h.host(KindStart)
	if d := h.s.IdleDeadline(); d != h.now+IdlePlayMs {
		t.Errorf("started: deadline %d", d)
	}
	h.refused(Command{Kind: KindExpire, At: h.now + IdlePlayMs - 1}, CodeNotDue)
	h.refused(Command{Kind: KindExpire, Actor: HostActor, At: h.now + IdlePlayMs}, CodeUnknownPlayer)
	h.now += IdlePlayMs
	if eff := h.do(Command{Kind: KindExpire}); eff.Log == nil || !eff.All {
		t.Errorf("expire %+v", eff)
	}
	if h.s.Phase() != PhaseEnded || len(h.s.CountedMembers()) != 0 || h.s.IdleDeadline() != 0 {
		t.Errorf("after expire: phase %s, counted %d", h.s.Phase(), len(h.s.CountedMembers()))
	}
	h.checkReplay()
}
