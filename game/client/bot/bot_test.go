package bot

import (
	"slices"
	"strings"
	"testing"
	"time"

	"metodd/game"
)

func TestAgentsDistinctAndPrefixStable(t *testing.T) {
	long := Agents(7, 1500)
	short := Agents(7, 40)
	if !slices.Equal(short, long[:40]) {
		t.Fatal("Agents is not prefix-stable")
	}
	for _, w := range [][2]int{{0, 40}, {40, 54}, {1000, 500}, {1499, 1}} {
		if got := AgentsFrom(7, w[0], w[1]); !slices.Equal(got, long[w[0]:w[0]+w[1]]) {
			t.Fatalf("AgentsFrom(7, %d, %d) is not that window of Agents(7, 1500)", w[0], w[1])
		}
	}
	seen := map[string]bool{}
	for _, a := range long {
		k := strings.ToLower(a.FirstName + "|" + a.LastName + "|" + a.Collectivite)
		if seen[k] {
			t.Fatalf("duplicate agent %v", a)
		}
		seen[k] = true
		if !slices.Contains(game.Collectivites, a.Collectivite) {
			t.Fatalf("unknown collectivité %q", a.Collectivite)
		}
		if a.Category != "" && !slices.Contains(game.Categories, a.Category) {
			t.Fatalf("unknown category %q", a.Category)
		}
	}
	if slices.Equal(Agents(8, 40), short) {
		t.Error("another seed gives the same agents")
	}
	if again := TeamName(3, 2); TeamName(3, 2) != again || !strings.HasPrefix(TeamName(3, 2), "Équipe ") || !strings.HasSuffix(TeamName(3, 2), " 3") {
		t.Errorf("TeamName = %q", TeamName(3, 2))
	}
}

func testCards() *game.Deck {
	return &game.Deck{Cards: []game.Card{
		{ID: "q", Type: game.TypeQCM, Choices: []string{"Un", "Deux", "Trois"}, Answer: 1},
		{ID: "e", Type: game.TypeEstimation, Answer: 2500},
		{ID: "c", Type: game.TypeClassement, Items: []string{"A", "B", "C", "D"}},
		{ID: "a", Type: game.TypeAssociation, Groups: []game.Group{
			{Name: "Axe 1", Items: []string{"x", "y"}}, {Name: "Axe 3", Items: []string{"z"}}}},
		{ID: "d", Type: game.TypeDefi, Hints: []string{"vélo", "tri"}},
	}}
}

// The shown card is shuffled differently from the deck: a right answer must
// follow the shown order.
var shown = map[string]*game.CardView{
	"q": {ID: "q", Type: game.TypeQCM, Choices: []string{"Trois", "Un", "Deux"}},
	"e": {ID: "e", Type: game.TypeEstimation},
	"c": {ID: "c", Type: game.TypeClassement, Items: []string{"C", "A", "D", "B"}},
	"a": {ID: "a", Type: game.TypeAssociation, Items: []string{"z", "x", "y"}, Groups: []string{"Axe 3", "Axe 1"}},
	"d": {ID: "d", Type: game.TypeDefi},
}

func TestRightAnswersFollowTheShownOrder(t *testing.T) {
	p := newPlayer(PlayerConfig{Deck: testCards(), Accuracy: 1})
	if a := p.answer(shown["q"]); a.Choice == nil || *a.Choice != 2 {
		t.Errorf("qcm: %+v, want choice 2 (Deux)", a)
	}
	if a := p.answer(shown["e"]); a.Number == nil || *a.Number != 2500 {
		t.Errorf("estimation: %+v", a)
	}
	if a := p.answer(shown["c"]); !slices.Equal(a.Order, []int{1, 3, 0, 2}) {
		t.Errorf("classement: %v, want [1 3 0 2]", a.Order)
	}
	if a := p.answer(shown["a"]); !slices.Equal(a.Groups, []int{0, 1, 1}) {
		t.Errorf("association: %v, want [0 1 1]", a.Groups)
	}
	if a := p.answer(shown["d"]); !strings.Contains(a.Text, "vélo") {
		t.Errorf("défi: %q", a.Text)
	}
}

func TestWrongAnswersAreWrong(t *testing.T) {
	p := newPlayer(PlayerConfig{Deck: testCards(), Accuracy: 0, Seed: 3})
	for range 20 {
		if a := p.answer(shown["q"]); *a.Choice == 2 || *a.Choice < 0 || *a.Choice > 2 {
			t.Fatalf("qcm wrong answer = %d", *a.Choice)
		}
		if a := p.answer(shown["e"]); *a.Number == 2500 {
			t.Fatal("estimation wrong answer is right")
		}
		if a := p.answer(shown["c"]); slices.Equal(a.Order, []int{1, 3, 0, 2}) {
			t.Fatal("classement wrong answer is right")
		}
		if a := p.answer(shown["a"]); slices.Equal(a.Groups, []int{0, 1, 1}) {
			t.Fatal("association wrong answer is right")
		}
	}
	// A card the deck does not know gets a well-formed answer.
	unknown := &game.CardView{ID: "zz", Type: game.TypeClassement, Items: []string{"a", "b", "c"}}
	if a := p.answer(unknown); len(a.Order) != 3 || a.Card != "zz" {
		t.Fatalf("unknown card: %+v", a)
	}
}

func TestAccuracyShare(t *testing.T) {
	p := newPlayer(PlayerConfig{Deck: testCards(), Accuracy: 0.7, Seed: 11})
	good := 0
	const n = 2000
	for range n {
		if *p.answer(shown["q"]).Choice == 2 {
			good++
		}
	}
	if share := float64(good) / n; share < 0.65 || share > 0.75 {
		t.Fatalf("share of right answers %.3f, want about 0.7", share)
	}
}

func TestHostMoves(t *testing.T) {
	cfg := HostConfig{Players: 4, Pace: time.Second, MaxCommitWait: 10 * time.Second}
	for _, tc := range []struct {
		name    string
		v       game.HostView
		elapsed time.Duration
		kind    game.Kind
		after   time.Duration
	}{
		{"lobby waiting", game.HostView{Session: game.SessionInfo{Phase: game.PhaseLobby}, PlayerCount: 3}, 0, "", -1},
		{"lobby full", game.HostView{Session: game.SessionInfo{Phase: game.PhaseLobby}, PlayerCount: 4}, 0, game.KindStart, 0},
		{"card partly answered", game.HostView{Session: game.SessionInfo{Phase: game.PhaseCardOpen}, Answered: 3, Expected: 4}, 0, "", -1},
		{"card all answered", game.HostView{Session: game.SessionInfo{Phase: game.PhaseCardOpen}, Answered: 4, Expected: 4}, 0, game.KindNext, 0},
		{"reveal paced", game.HostView{Session: game.SessionInfo{Phase: game.PhaseRevealed}}, 300 * time.Millisecond, game.KindNext, 700 * time.Millisecond},
		{"podium", game.HostView{Session: game.SessionInfo{Phase: game.PhasePodium}}, 2 * time.Second, game.KindNext, 0},
		{"commitments waiting", game.HostView{Session: game.SessionInfo{Phase: game.PhaseCommitments}, Committed: 5, MemberCount: 12}, 4 * time.Second, "", 6 * time.Second},
		{"commitments done", game.HostView{Session: game.SessionInfo{Phase: game.PhaseCommitments}, Committed: 12, MemberCount: 12}, 2 * time.Second, game.KindClose, 0},
		{"commitments timed out", game.HostView{Session: game.SessionInfo{Phase: game.PhaseCommitments}, Committed: 5, MemberCount: 12}, 11 * time.Second, game.KindClose, 0},
	} {
		kind, after := hostMove(&tc.v, cfg, tc.elapsed)
		if kind != tc.kind || after != tc.after {
			t.Errorf("%s: %q after %v, want %q after %v", tc.name, kind, after, tc.kind, tc.after)
		}
	}
	withWait := cfg
	withWait.MaxCardWait = 5 * time.Second
	v := game.HostView{Session: game.SessionInfo{Phase: game.PhaseCardOpen}, Answered: 1, Expected: 4}
	if kind, after := hostMove(&v, withWait, 2*time.Second); kind != "" || after != 3*time.Second {
		t.Errorf("card wait: %q after %v", kind, after)
	}
	if kind, _ := hostMove(&v, withWait, 6*time.Second); kind != game.KindNext {
		t.Errorf("card wait over: %q", kind)
	}
}

func TestStatsFanoutAndPercentileInputs(t *testing.T) {
	st := NewStats()
	t0 := time.Now()
	st.Opening("ABC", 1, t0)
	st.Opening("ABC", 1, t0.Add(time.Hour)) // a resend does not move the opening
	st.sawOpen("ABC", 1, t0.Add(3*time.Millisecond))
	st.sawOpen("ABC", 1, t0.Add(9*time.Millisecond))
	st.sawOpen("ABC", 1, t0.Add(5*time.Millisecond))
	st.sawOpen("XYZ", 1, t0.Add(time.Second)) // another session's card 1
	st.answered(4 * time.Millisecond)
	if f := st.Fanouts(); len(f) != 1 || f[0] != 9*time.Millisecond {
		t.Fatalf("fan-outs = %v, want [9ms]", f)
	}
	if l := st.Latencies(); len(l) != 1 || l[0] != 4*time.Millisecond {
		t.Fatalf("latencies = %v", l)
	}
}
