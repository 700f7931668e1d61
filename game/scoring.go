package game

import "math"

// Scoring, exactly as PRODUCT.md states it; docs/rules.md has worked
// examples. Every function is pure: the session feeds it server times.

// Scoring constants.
const (
	MaxPoints        = 1000 // a perfect answer
	EstimationBonus  = 200  // to the closest team(s) on an estimation card
	StreakStep       = 100  // per consecutive good answer after the first
	StreakCap        = 500  // the streak bonus never exceeds this
	DefiHalf         = 500  // a défi partly answered
	GoodThreshold    = 700  // estimation, classement, association: a good answer scores at least this
	qcmSpeedFraction = 0.5  // a correct answer at the last moment still earns half
)

// DefaultTime is each card type's time (seconds) unless the card sets
// `time`: a QCM is read and answered in half a minute; an estimation needs
// a little thinking; ordering or sorting items takes a minute; a défi is
// discussed in the team.
var DefaultTime = map[string]int{
	TypeQCM:         30,
	TypeVraiFaux:    30,
	TypeEstimation:  40,
	TypeClassement:  60,
	TypeAssociation: 60,
	TypeDefi:        120,
}

// CardTime is the time limit of a card, in seconds.
func CardTime(c Card) int {
	if c.Time > 0 {
		return c.Time
	}
	if t, ok := DefaultTime[c.Type]; ok {
		return t
	}
	return 30
}

// ScoreQCM is the points of a QCM or vrai/faux answer received elapsedMs
// after the card opened, with a limit of limitMs: round(1000 × (1 − 0.5 ×
// t/T)) when correct, t clamped to [0, T]; 0 when wrong.
func ScoreQCM(correct bool, elapsedMs, limitMs int64) int {
	if !correct {
		return 0
	}
	if limitMs <= 0 {
		return MaxPoints
	}
	t := min(max(elapsedMs, 0), limitMs)
	return int(math.Round(MaxPoints * (1 - qcmSpeedFraction*float64(t)/float64(limitMs))))
}

// ScoreEstimation is the closeness points of a guess: round(1000 × max(0,
// 1 − |ln(guess/answer)| / ln 2)). A guess half or twice the answer scores
// 0; a guess ≤ 0 (or a non-finite one) scores 0.
func ScoreEstimation(guess, answer float64) int {
	if !(guess > 0) || !(answer > 0) || math.IsInf(guess, 0) || math.IsInf(answer, 0) {
		return 0
	}
	share := 1 - math.Abs(math.Log(guess/answer))/math.Ln2
	return int(math.Round(MaxPoints * max(0, share)))
}

// EstimationDistance is how far a guess is from the answer, to find the
// closest team(s): the absolute difference. Guesses ≤ 0 are never closest
// (+Inf).
func EstimationDistance(guess, answer float64) float64 {
	if !(guess > 0) || math.IsInf(guess, 0) {
		return math.Inf(1)
	}
	return math.Abs(guess - answer)
}

// ClosestBonus gives, for each guess, the closest-estimation bonus: 200 to
// every guess at the smallest distance from the answer (ties all get it),
// none to guesses ≤ 0.
func ClosestBonus(guesses []float64, answer float64) []int {
	out := make([]int, len(guesses))
	best := math.Inf(1)
	for _, g := range guesses {
		best = min(best, EstimationDistance(g, answer))
	}
	if math.IsInf(best, 1) {
		return out
	}
	for i, g := range guesses {
		if EstimationDistance(g, answer) == best {
			out[i] = EstimationBonus
		}
	}
	return out
}

// ScoreClassement is 1000 × the share of item pairs put in the right
// relative order. ranks lists, in the team's order, each item's right
// position (0 = first); it must be a permutation of 0..n-1.
func ScoreClassement(ranks []int) int {
	n := len(ranks)
	pairs := n * (n - 1) / 2
	if pairs == 0 {
		return MaxPoints
	}
	good := 0
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if ranks[i] < ranks[j] {
				good++
			}
		}
	}
	return int(math.Round(MaxPoints * float64(good) / float64(pairs)))
}

// ScoreAssociation is 1000 × the share of items put in their right group.
func ScoreAssociation(chosen, right []int) int {
	if len(right) == 0 {
		return 0
	}
	good := 0
	for i := range right {
		if i < len(chosen) && chosen[i] == right[i] {
			good++
		}
	}
	return int(math.Round(MaxPoints * float64(good) / float64(len(right))))
}

// ValidAward says whether points may be awarded on a défi: 0, 500 or 1000.
func ValidAward(points int) bool {
	return points == 0 || points == DefiHalf || points == MaxPoints
}

// StreakBonus is the bonus of a good answer that extends a run of good
// answers to run (the first good answer has run 1): +100 for each
// consecutive good answer after the first, at most +500.
func StreakBonus(run int) int {
	if run <= 1 {
		return 0
	}
	return min((run-1)*StreakStep, StreakCap)
}

// IsGood is the one definition of a good answer, used by the streak, the
// collective gauge, the debrief and the dashboard: a correct QCM or
// vrai/faux; an estimation, classement or association whose base points
// (before bonuses) reach 700; a défi awarded at least 500.
func IsGood(cardType string, correct bool, points int) bool {
	switch cardType {
	case TypeQCM, TypeVraiFaux:
		return correct
	case TypeDefi:
		return points >= DefiHalf
	default:
		return points >= GoodThreshold
	}
}

// GoodShare is the share of good answers to a card, in percent rounded:
// good answers over every participant who had the card (present when it
// opened), a card left unanswered counting as not good. The board's
// « X % de bonnes réponses », its debrief and the dashboard all use it, so
// they give the same figure for the same card.
func GoodShare(good, had int) int { return percent(good, had) }

// percent is round(100 × part / whole), 0 when whole is 0.
func percent(part, whole int) int {
	if whole <= 0 {
		return 0
	}
	return (200*part + whole) / (2 * whole)
}
