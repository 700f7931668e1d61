package game

import (
	"math"
	"slices"
	"testing"
)

func TestScoreQCM(t *testing.T) {
	cases := []struct {
		name           string
		correct        bool
		elapsed, limit int64
		want           int
	}{
		{"instant", true, 0, 30000, 1000},
		{"at the limit", true, 30000, 30000, 500},
		{"half time", true, 15000, 30000, 750},
		{"rounding", true, 1000, 30000, 983},   // 1000 × (1 − 0.5/30) = 983.33
		{"rounding up", true, 100, 30000, 998}, // 998.33
		{"late is clamped", true, 45000, 30000, 500},
		{"before open is clamped", true, -500, 30000, 1000},
		{"wrong", false, 0, 30000, 0},
		{"wrong late", false, 40000, 30000, 0},
		{"no limit", true, 5000, 0, 1000},
	}
	for _, tc := range cases {
		if got := ScoreQCM(tc.correct, tc.elapsed, tc.limit); got != tc.want {
			t.Errorf("%s: ScoreQCM(%v, %d, %d) = %d, want %d", tc.name, tc.correct, tc.elapsed, tc.limit, got, tc.want)
		}
	}
}

func TestScoreEstimation(t *testing.T) {
	cases := []struct {
		name          string
		guess, answer float64
		want          int
	}{
		{"exact", 200, 200, 1000},
		{"double", 400, 200, 0},
		{"half", 100, 200, 0},
		{"more than double", 1000, 200, 0},
		{"10% over", 220, 200, 862},  // 1 − ln(1.1)/ln 2 = 0.8625
		{"10% under", 180, 200, 848}, // 1 − ln(10/9)/ln 2 = 0.8480
		{"1.5 times", 300, 200, 415}, // 1 − ln 1.5/ln 2 = 0.4150
		{"zero", 0, 200, 0},
		{"negative", -200, 200, 0},
		{"huge", 1e12, 200, 0},
		{"tiny", 1e-12, 200, 0},
		{"inf", math.Inf(1), 200, 0},
		{"nan", math.NaN(), 200, 0},
		{"large exact", 1e12, 1e12, 1000},
	}
	for _, tc := range cases {
		if got := ScoreEstimation(tc.guess, tc.answer); got != tc.want {
			t.Errorf("%s: ScoreEstimation(%g, %g) = %d, want %d", tc.name, tc.guess, tc.answer, got, tc.want)
		}
	}
}

func TestClosestBonus(t *testing.T) {
	cases := []struct {
		name    string
		guesses []float64
		answer  float64
		want    []int
	}{
		{"one closest", []float64{150, 190, 300}, 200, []int{0, 200, 0}},
		{"tie above and below", []float64{190, 210, 100}, 200, []int{200, 200, 0}},
		{"tie same guess", []float64{180, 180}, 200, []int{200, 200}},
		{"zero never closest", []float64{0, 1000}, 200, []int{0, 200}},
		{"all zero", []float64{0, -3}, 200, []int{0, 0}},
		{"far but closest", []float64{5000, 9000}, 200, []int{200, 0}},
		{"exact", []float64{200, 201}, 200, []int{200, 0}},
		{"nobody", nil, 200, []int{}},
	}
	for _, tc := range cases {
		if got := ClosestBonus(tc.guesses, tc.answer); !slices.Equal(got, tc.want) {
			t.Errorf("%s: ClosestBonus(%v) = %v, want %v", tc.name, tc.guesses, got, tc.want)
		}
	}
}

func TestScoreClassement(t *testing.T) {
	cases := []struct {
		ranks []int
		want  int
	}{
		{[]int{0, 1, 2}, 1000},
		{[]int{2, 1, 0}, 0},
		{[]int{1, 0, 2}, 667}, // 2 of 3 pairs
		{[]int{0, 1, 3, 2}, 833},
		{[]int{3, 2, 1, 0}, 0},
		{[]int{0, 1, 2, 4, 3}, 900}, // 9 of 10 pairs
		{[]int{4, 0, 1, 2, 3}, 600},
		{[]int{0}, 1000},
	}
	for _, tc := range cases {
		if got := ScoreClassement(tc.ranks); got != tc.want {
			t.Errorf("ScoreClassement(%v) = %d, want %d", tc.ranks, got, tc.want)
		}
	}
}

func TestScoreAssociation(t *testing.T) {
	right := []int{0, 0, 1, 1, 2, 2}
	cases := []struct {
		chosen []int
		want   int
	}{
		{[]int{0, 0, 1, 1, 2, 2}, 1000},
		{[]int{1, 1, 0, 0, 0, 0}, 0},
		{[]int{0, 0, 1, 1, 2, 0}, 833},
		{[]int{0, 0, 1, 0, 0, 2}, 667},
		{[]int{0}, 167}, // short: missing items are wrong
	}
	for _, tc := range cases {
		if got := ScoreAssociation(tc.chosen, right); got != tc.want {
			t.Errorf("ScoreAssociation(%v) = %d, want %d", tc.chosen, got, tc.want)
		}
	}
	if ScoreAssociation(nil, nil) != 0 {
		t.Error("no items should score 0")
	}
}

func TestStreakAndGood(t *testing.T) {
	for run, want := range map[int]int{0: 0, 1: 0, 2: 100, 3: 200, 5: 400, 6: 500, 7: 500, 40: 500} {
		if got := StreakBonus(run); got != want {
			t.Errorf("StreakBonus(%d) = %d, want %d", run, got, want)
		}
	}
	goods := []struct {
		typ     string
		correct bool
		points  int
		want    bool
	}{
		{TypeQCM, true, 500, true},
		{TypeVraiFaux, false, 0, false},
		{TypeEstimation, false, 700, true},
		{TypeEstimation, false, 699, false},
		{TypeClassement, false, 667, false},
		{TypeClassement, false, 833, true},
		{TypeAssociation, false, 1000, true},
		{TypeDefi, false, 500, true},
		{TypeDefi, false, 0, false},
	}
	for _, g := range goods {
		if got := IsGood(g.typ, g.correct, g.points); got != g.want {
			t.Errorf("IsGood(%s, %v, %d) = %v", g.typ, g.correct, g.points, got)
		}
	}
	for _, p := range []int{0, 500, 1000} {
		if !ValidAward(p) {
			t.Errorf("award %d refused", p)
		}
	}
	for _, p := range []int{-500, 1, 250, 1500} {
		if ValidAward(p) {
			t.Errorf("award %d accepted", p)
		}
	}
	if CardTime(Card{Type: TypeDefi}) != 120 || CardTime(Card{Type: TypeQCM, Time: 45}) != 45 || CardTime(Card{Type: "?"}) != 30 {
		t.Error("CardTime")
	}
	if percent(1, 3) != 33 || percent(2, 3) != 67 || percent(0, 0) != 0 || percent(1, 2) != 50 {
		t.Error("percent")
	}
}
