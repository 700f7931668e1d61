package ui

import (
	"testing"

	"metodd/game"
)

// TestPlenaryForm: in a plenary the form asks for one agent and a team to
// join (existing ones offered) or create.
func TestPlenaryForm(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, info: JoinInfo{Title: "mét'ODD", Mode: game.ModePlenary, Phase: game.PhaseLobby, Teams: []string{"Les Sobres", "Les Vélos"}}}
	a := newTestApp(t, 1280, 720, 1, b)
	s := newTeamSetup(a, "K7PM3Q")
	a.scene = s
	if l := s.layout(a); l.add.W == 0 {
		t.Fatal("before the answer the form is the team form (add a member)")
	}
	s.update(a)
	runDone(t, a)
	if !s.plenary {
		t.Fatal("the form did not learn the plenary mode")
	}
	l := s.layout(a)
	if l.add.W != 0 {
		t.Error("a plenary form offers to add members")
	}
	if len(l.choices) != 2 {
		t.Fatalf("%d team choices, want 2", len(l.choices))
	}
	_, log := render(t, a)
	checkFrame(t, a, log, msgPlenaryMember, msgExistingTeams, "Les Vélos", msgPlenaryTeamLabel)
	clickAt(a, l.choices[1])
	s.update(a)
	a.in = frame{}
	if got := s.name.value(); got != "Les Vélos" {
		t.Fatalf("team name %q after choosing « Les Vélos »", got)
	}
	m := s.members[0]
	m.first.setText("Amélie")
	m.last.setText("Lefèvre")
	m.dir.setText("Déchets")
	m.coll = 0
	s.submit(a)
	runDone(t, a)
	if b.joined == nil || b.joined.Team != "Les Vélos" || len(b.joined.Members) != 1 {
		t.Fatalf("joined %+v, want one agent in « Les Vélos »", b.joined)
	}
}

// TestTeamModeForm: in team mode the roster stays (up to 6); an unknown
// code is said at once.
func TestTeamModeForm(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, info: JoinInfo{Mode: game.ModeTeam, Phase: game.PhaseLobby, Teams: []string{"Les Sobres"}}}
	a := newTestApp(t, 1280, 720, 1, b)
	s := newTeamSetup(a, "K7PM3Q")
	s.members = append(s.members, newMemberForm())
	s.update(a)
	runDone(t, a)
	if s.plenary || len(s.members) != 2 {
		t.Fatalf("team mode: plenary %v, %d members", s.plenary, len(s.members))
	}
	if l := s.layout(a); l.add.W == 0 || len(l.choices) != 0 {
		t.Fatalf("team mode: add %v, %d choices", l.add, len(l.choices))
	}
	u := newTeamSetup(a, "ZZZZZZ")
	u.update(a)
	runDone(t, a)
	if u.err != "Aucune séance ne porte ce code." {
		t.Fatalf("unknown code: error %q", u.err)
	}
}
