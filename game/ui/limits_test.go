package ui

import (
	"strconv"
	"strings"
	"testing"

	"metodd/game"
)

// TestFormLimitsAreTheRules checks that every form field bounded by a rule
// of the server has exactly the rules' bound: a form that allows more lets
// a team type what the server then refuses; one that allows less refuses
// what the server accepts (the direction once stopped at 100 of 120).
func TestFormLimitsAreTheRules(t *testing.T) {
	eq := func(what string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s: the form allows %d, the rules %d", what, got, want)
		}
	}
	m := newMemberForm()
	eq("first name", m.first.max, game.MaxMemberNameRunes)
	eq("last name", m.last.max, game.MaxMemberNameRunes)
	eq("member's direction", m.dir.max, game.MaxDirectionRunes)
	eq("members per team", maxMembers, game.MaxTeamMembers)

	a := &App{}
	s := newTeamSetup(a, "K7PM3Q")
	eq("team name", s.name.max, game.MaxTeamNameRunes)

	conn := &fakeConn{at: testNow}
	conn.setTeam(teamView(game.PhaseLobby, nil))
	ts := newTeamScene(a, conn, s)
	eq("défi answer", ts.defi.max, game.MaxDefiRunes)

	c := newCreate(a, Account{})
	eq("session's direction", c.direction.max, game.MaxDirectionRunes)
	eq("session's site", c.site.max, game.MaxSiteRunes)
	eq("expected agents (digits)", c.expected.max, len(strconv.Itoa(game.MaxExpected)))

	if _, err := parseNumber(strconv.FormatFloat(game.MaxGuess, 'f', -1, 64)); err != nil {
		t.Errorf("the largest guess the rules take is refused: %v", err)
	}
	if _, err := parseNumber(strconv.FormatFloat(game.MaxGuess*10, 'f', -1, 64)); err == nil {
		t.Error("a guess over the rules' bound is accepted")
	}
	if !strings.Contains(formatExpressHelp, strconv.Itoa(game.ExpressCards)) ||
		!strings.Contains(formatCompletHelp, strconv.Itoa(game.CompletCards)) ||
		!strings.Contains(msgBadCode, strconv.Itoa(maxCodeLen)) {
		t.Errorf("texts do not say their numbers: %q %q %q", formatExpressHelp, formatCompletHelp, msgBadCode)
	}
	if !strings.Contains(msgExpectedBad, game.FrenchNumber(game.MaxExpected)) {
		t.Errorf("%q does not say the bound", msgExpectedBad)
	}
}
