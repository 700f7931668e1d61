package game

import (
	"fmt"
	"os"
	"slices"
	"testing"
)

// drawSeeds is how many seeds the draw-order tests try per deck and format:
// enough to meet every shuffle of the commitments the formats can give, yet a
// fraction of a second.
const drawSeeds = 400

// drawFormats are every format a partner can pick, each axis included, with
// the number of cards it plays on a deck that has enough (the standard deck
// and fullDeck(4)).
var drawFormats = []struct {
	cfg   Config
	count int
}{
	{Config{Format: FormatExpress, Mode: ModeTeam}, ExpressCards},
	{Config{Format: FormatStandard, Mode: ModeTeam}, StandardCards},
	{Config{Format: FormatComplet, Mode: ModeTeam}, CompletCards},
	{Config{Format: FormatAxis, Axis: 1, Mode: ModeTeam}, 5 * AxisCardsPerEngagement},
	{Config{Format: FormatAxis, Axis: 2, Mode: ModeTeam}, 5 * AxisCardsPerEngagement},
	{Config{Format: FormatAxis, Axis: 3, Mode: ModeTeam}, 5 * AxisCardsPerEngagement},
}

// standardDeckForTest parses the real standard deck.
func standardDeckForTest(t *testing.T) *Deck {
	t.Helper()
	const file = "../assets/decks/metodd-bilan-2024.yaml"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("standard deck: %v", err)
	}
	if parseDeckForTest == nil {
		t.Fatal("no deck loader: standard_deck_ext_test.go sets parseDeckForTest")
	}
	d, err := parseDeckForTest(file, data)
	if err != nil {
		t.Fatalf("standard deck refused:\n%v", err)
	}
	return d
}

// playOrderProblems checks a session's commitments in play order: never
// one commitment twice in a row, and laps of the board each in board order,
// every lap visiting only commitments of the lap before it.
func playOrderProblems(engs []int) []string {
	var ps []string
	var prevLap, lap []int
	for i, e := range engs {
		if i > 0 && e == engs[i-1] {
			ps = append(ps, fmt.Sprintf("cards %d and %d both on commitment %d", i, i+1, e))
		}
		if len(lap) > 0 && e <= lap[len(lap)-1] {
			prevLap, lap = lap, nil
		}
		if prevLap != nil && !slices.Contains(prevLap, e) {
			ps = append(ps, fmt.Sprintf("card %d: commitment %d starts no lap but was not in the lap before", i+1, e))
		}
		lap = append(lap, e)
	}
	return ps
}

// TestDrawNeverSameCommitmentInARow plays no commitment twice in a row, in
// every format, on the standard deck and on a deck of 4 cards per
// commitment, over many seeds; and the draw stays the same for one seed.
func TestDrawNeverSameCommitmentInARow(t *testing.T) {
	for _, deck := range []struct {
		name string
		d    *Deck
	}{{"standard", standardDeckForTest(t)}, {"fullDeck(4)", fullDeck(4)}} {
		for _, f := range drawFormats {
			name := fmt.Sprintf("%s/%s%d", deck.name, f.cfg.Format, f.cfg.Axis)
			repeats := 0 // sessions where a commitment gets two cards
			for seed := int64(1); seed <= drawSeeds; seed++ {
				cfg := f.cfg
				cfg.Seed = seed
				s, err := NewSession(deck.d, cfg)
				if err != nil {
					t.Fatalf("%s seed %d: %v", name, seed, err)
				}
				if len(s.engs) != f.count {
					t.Fatalf("%s seed %d: %d cards, want %d", name, seed, len(s.engs), f.count)
				}
				for _, p := range playOrderProblems(s.engs) {
					t.Errorf("%s seed %d: %s (order %v)", name, seed, p, s.engs)
				}
				seen := map[int]bool{}
				for _, e := range s.engs {
					if seen[e] {
						repeats++
						break
					}
					seen[e] = true
				}
				if seed%50 == 0 {
					again, _ := NewSession(deck.d, cfg)
					if !slices.EqualFunc(again.Cards(), s.Cards(), func(a, b Card) bool { return a.ID == b.ID }) {
						t.Errorf("%s seed %d: the same seed drew other cards", name, seed)
					}
				}
			}
			// Complet and one axis must repeat commitments, or the test
			// above would check nothing for them.
			if (f.cfg.Format == FormatComplet || f.cfg.Format == FormatAxis) && repeats != drawSeeds {
				t.Errorf("%s: only %d of %d sessions gave a commitment two cards", name, repeats, drawSeeds)
			}
		}
	}
}

// TestBoardLaps pins the play order: laps of the board in board order, and
// the rare clash a lap of a single commitment makes moved elsewhere.
func TestBoardLaps(t *testing.T) {
	for _, tc := range []struct {
		slots, want []int
	}{
		{[]int{3, 1, 2}, []int{1, 2, 3}},
		{[]int{6, 6, 7, 7, 8, 9, 10, 10}, []int{6, 7, 8, 9, 10, 6, 7, 10}},
		// A second lap of commitment 15 alone would follow the first
		// lap's 15: that card moves to the front instead.
		{[]int{11, 12, 13, 14, 15, 15}, []int{15, 11, 12, 13, 14, 15}},
		// Three cards of 15 and one of 14: one clash is forced, no more.
		{[]int{15, 15, 15, 14}, []int{15, 14, 15, 15}},
		{[]int{1, 1, 2}, []int{1, 2, 1}},
		// One commitment only: nothing to interleave, nothing lost.
		{[]int{4, 4, 4}, []int{4, 4, 4}},
		{nil, []int{}},
	} {
		got := boardLaps(append([]int(nil), tc.slots...))
		if !slices.Equal(got, tc.want) {
			t.Errorf("boardLaps(%v) = %v, want %v", tc.slots, got, tc.want)
		}
	}
}

// TestPlayOrderProblemsCatches shows the order check fails where it should.
func TestPlayOrderProblemsCatches(t *testing.T) {
	for _, tc := range []struct {
		engs []int
		bad  int
	}{
		{[]int{1, 2, 3, 1, 3}, 0},
		{[]int{1, 2, 2}, 1},       // a commitment twice in a row
		{[]int{1, 3, 2}, 1},       // a lap out of board order: 2 starts a lap after 3, and was not in it
		{[]int{1, 2, 1, 5}, 1},    // 5 in the second lap, not in the first
		{[]int{6, 7, 6, 6, 7}, 2}, // a clash, then 7 after a lap of 6 alone
	} {
		if got := playOrderProblems(tc.engs); len(got) != tc.bad {
			t.Errorf("playOrderProblems(%v) = %q, want %d problems", tc.engs, got, tc.bad)
		}
	}
}
