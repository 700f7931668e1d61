package game

import (
	"os"
	"testing"
)

// parseDeckForTest is game/deckfile's ParseDeck, set by an external test
// file: this internal test cannot import deckfile (it imports game).
var parseDeckForTest func(file string, data []byte) (*Deck, error)

// TestStandardDeckGame loads the real standard deck and plays a whole
// Standard game on it, in both modes.
func TestStandardDeckGame(t *testing.T) {
	const file = "../assets/decks/metodd-bilan-2024.yaml"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("the standard deck: %v", err)
	}
	if parseDeckForTest == nil {
		t.Fatal("no deck loader: standard_deck_ext_test.go sets parseDeckForTest")
	}
	d, err := parseDeckForTest(file, data)
	if err != nil {
		t.Fatalf("standard deck refused:\n%v", err)
	}
	for _, mode := range []Mode{ModeTeam, ModePlenary} {
		h := newHarness(t, d, Config{Code: "BILAN1", Format: FormatStandard, Mode: mode, Seed: 2025})
		if n := len(h.s.Cards()); n != 15 {
			t.Fatalf("%d cards", n)
		}
		for i, c := range h.s.Cards() {
			if c.Engagement != i+1 {
				t.Fatalf("card %d on commitment %d", i, c.Engagement)
			}
		}
		h.join("p1", "Les Castors", agent("a"))
		h.join("p2", "Les Hiboux", agent("b"))
		h.join("p3", "Les Loutres", agent("c"))
		h.host(KindStart)
		for i := 0; h.s.Phase() != PhasePodium; i++ {
			if h.s.Phase() == PhaseCardOpen {
				h.now += 5000
				h.answer("p1", h.right())
				h.answer("p2", h.wrong())
				if h.card().card.Type == TypeDefi {
					h.answer("p3", h.right())
					h.do(Command{Kind: KindAward, Actor: HostActor, TeamID: "t1", Points: 1000})
				}
			}
			h.host(KindNext)
		}
		if tr := h.s.Teams(); tr[0].ID != "t1" || tr[0].Score < 15*500 {
			t.Errorf("%s: ranking %+v", mode, tr)
		}
		for h.s.Phase() != PhaseCommitments {
			h.host(KindNext)
		}
		h.do(Command{Kind: KindCommit, Actor: "p1", Chosen: []MemberPick{{Member: 0, Commitment: d.Commitments[0].ID}}})
		h.host(KindClose)
		if n := len(h.s.CountedMembers()); n != 3 {
			t.Errorf("%s: %d counted", mode, n)
		}
		if g := h.s.HostView(h.now).Gauge; g.Good < 15 || g.Total < 30 {
			t.Errorf("%s: gauge %+v", mode, g)
		}
		h.checkReplay()
	}
}
