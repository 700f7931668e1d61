package server

import (
	"context"
	"strings"
	"testing"

	"metodd/game"
	"metodd/server/store"
)

// Invisible characters (format characters: zero-width space, soft hyphen,
// word joiner, byte-order mark, bidi marks) and compatibility forms
// (full-width letters) inside a name must not make one person count as
// several agents: five spellings of Jean Dupont, each in its own team of a
// real session closed over a real SQLite file, add one agent.
func TestInvisibleCharactersCountOnce(t *testing.T) {
	e := newEnv(t, fastHost)
	before := e.campaignCount()
	spellings := []game.Member{
		agent("Jean", "Dupont"),
		agent("Je\u200Ban", "Dupont"),             // zero-width space
		agent("Jean", "Du\u00ADpont"),             // soft hyphen
		agent("Jean\u2060", "\u2060Dupont"),       // word joiner
		agent("\uFEFF\u200EＪｅａｎ", "Dupont\u202C"), // BOM, LRM, full-width letters, PDF
	}
	rosters := make([][]game.Member, len(spellings))
	for i, m := range spellings {
		rosters[i] = []game.Member{m}
	}
	v, _ := e.playGame(game.FormatExpress, rosters)
	if v.Campaign.Added != 1 || v.Campaign.Count != before+1 {
		t.Fatalf("5 spellings of one agent: added %d, count %d (before %d), want 1 added", v.Campaign.Added, v.Campaign.Count, before)
	}
	if n := e.campaignCount(); n != before+1 {
		t.Fatalf("campaign count %d, want %d", n, before+1)
	}
	// What is stored and shown carries no invisible character.
	list, err := e.db.Sessions(context.Background(), store.SessionFilter{State: store.StateClosed})
	if err != nil || len(list) != 1 {
		t.Fatalf("closed sessions %v %v", list, err)
	}
	d, err := e.db.SessionDetail(context.Background(), list[0].ID, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range d.Teams {
		for _, m := range tm.Members {
			if strings.IndexFunc(m.FirstName+m.LastName, game.Invisible) >= 0 {
				t.Errorf("stored name %q %q keeps an invisible character", m.FirstName, m.LastName)
			}
		}
	}
}

// Two teams must not look alike under different names: a join whose name
// differs from a taken one only by invisible characters or compatibility
// forms, or by Cyrillic and Greek letters that look Latin, is refused as a
// taken name, and a name shown is stripped of its invisible characters.
func TestLookAlikeTeamNamesRefused(t *testing.T) {
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	e.joinTeam(c.Code, "Les Castors", agent("Ada", "Lovelace"))
	for i, name := range []string{
		"Les\u200B Castors",
		"Les Cas\u00ADtors",
		"\u202ELes Castors",
		"Les Castors\uFE0F",
		"Ｌｅｓ Ｃａｓｔｏｒｓ",
		"LES\u2060 CASTORS",
		"L\u0435s Castors",      // Cyrillic е
		"Les \u0421\u0430stors", // Cyrillic С, а
		"Les Cast\u03bfrs",      // Greek ο
	} {
		tm := e.dial("look-alike", nil)
		tm.send(game.MsgJoin, game.Join{Code: c.Code, Team: name, Members: []game.Member{agent("Grace", "Hopper"+strings.Repeat("x", i))}})
		tm.awaitError(game.CodeNameTaken)
	}
	tm := e.dial("hiboux", nil)
	tm.send(game.MsgJoin, game.Join{Code: c.Code, Team: "Les\u00AD Hi\u200Bboux\u202E", Members: []game.Member{agent("Alan", "Turing")}})
	tm.await("welcome", func(env game.Envelope) bool { return env.Type == game.MsgWelcome })
	if v := tm.awaitTeam("view", func(*game.TeamView) bool { return true }); v.TeamName != "Les Hiboux" {
		t.Fatalf("team name shown %q, want the invisible characters dropped", v.TeamName)
	}
}
