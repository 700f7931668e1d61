package assets

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"metodd/game"
)

// A player who knows nothing must not beat chance on the standard deck by
// reading the form of the answers (issue 9). These checks keep the deck from
// drifting back.
const (
	// maxLongestRightShare: in at most 1 QCM in 5 is the right answer the
	// strictly longest choice. A test-writer's habit is to make the right
	// answer the most complete one; with 4 choices chance alone would put
	// the longest choice right in 1 QCM in 4.
	maxLongestRightNum, maxLongestRightDen = 1, 5
	// maxShortestRightShare: the fix must not turn into the opposite habit,
	// the right answer as the strictly shortest choice in more than 1 QCM
	// in 3.
	maxShortestRightNum, maxShortestRightDen = 1, 3
	// minVraiFauxShare: each of "Vrai" and "Faux" is the answer of at least
	// 1 vrai-faux card in 3, so "always Faux" is no strategy.
	minVraiFauxNum, minVraiFauxDen = 1, 3
)

// giveawayREs match the absolute words that mark a distractor (« Recruter
// uniquement des contractuels ») or a false vrai-faux statement (« désignés
// à vie », « n'a été déployé qu'à… »).
var giveawayREs = []*regexp.Regexp{
	regexp.MustCompile(`(?i)(?:^|[^\pL])(uniquement|seulement|exclusivement|à vie|jamais|toujours|aucune?|seule?s?)(?:[^\pL]|$)`),
	regexp.MustCompile(`(?i)(?:^|[^\pL])(n(?:'|e\s)(?:\S+\s+){1,4}qu(?:e[^\pL]|e$|'))`),
}

// rightIsStrictlyLongest says whether the right choice of a QCM is longer,
// in characters, than every other choice.
func rightIsStrictlyLongest(c game.Card) bool {
	return rightStrictly(c, func(right, other int) bool { return right > other })
}

// rightIsStrictlyShortest says whether the right choice of a QCM is shorter,
// in characters, than every other choice.
func rightIsStrictlyShortest(c game.Card) bool {
	return rightStrictly(c, func(right, other int) bool { return right < other })
}

func rightStrictly(c game.Card, beats func(right, other int) bool) bool {
	a := int(c.Answer)
	if c.Type != game.TypeQCM || a < 0 || a >= len(c.Choices) {
		return false
	}
	right := utf8.RuneCountInString(c.Choices[a])
	for i, ch := range c.Choices {
		if i != a && !beats(right, utf8.RuneCountInString(ch)) {
			return false
		}
	}
	return true
}

// longestRightProblems lists the deck's faults in the length of right
// answers: none when at most maxLongestRight of its QCMs have the strictly
// longest right answer.
func longestRightProblems(cards []game.Card) (qcms int, longest []string, ok bool) {
	for _, c := range cards {
		if c.Type != game.TypeQCM {
			continue
		}
		qcms++
		if rightIsStrictlyLongest(c) {
			longest = append(longest, c.ID)
		}
	}
	return qcms, longest, len(longest)*maxLongestRightDen <= qcms*maxLongestRightNum
}

func TestStandardDeckRightAnswerNotLongest(t *testing.T) {
	qcms, longest, ok := longestRightProblems(loadStandard(t).Cards)
	if qcms == 0 {
		t.Fatal("no QCM in the standard deck")
	}
	if !ok {
		t.Errorf("in %d of %d QCMs the right answer is the strictly longest choice, want at most %d in %d: %v",
			len(longest), qcms, maxLongestRightNum, maxLongestRightDen, longest)
	}
	t.Logf("%d of %d QCMs with the strictly longest right answer: %v", len(longest), qcms, longest)
}

func TestStandardDeckRightAnswerNotShortest(t *testing.T) {
	var qcms int
	var shortest []string
	for _, c := range loadStandard(t).Cards {
		if c.Type == game.TypeQCM {
			qcms++
			if rightIsStrictlyShortest(c) {
				shortest = append(shortest, c.ID)
			}
		}
	}
	if len(shortest)*maxShortestRightDen > qcms*maxShortestRightNum {
		t.Errorf("in %d of %d QCMs the right answer is the strictly shortest choice, want at most %d in %d: %v",
			len(shortest), qcms, maxShortestRightNum, maxShortestRightDen, shortest)
	}
	t.Logf("%d of %d QCMs with the strictly shortest right answer: %v", len(shortest), qcms, shortest)
}

func TestStandardDeckVraiFauxBalance(t *testing.T) {
	byAnswer := map[int]int{}
	n := 0
	for _, c := range loadStandard(t).Cards {
		if c.Type == game.TypeVraiFaux {
			byAnswer[int(c.Answer)]++
			n++
		}
	}
	for a, name := range []string{"Vrai", "Faux"} {
		if byAnswer[a]*minVraiFauxDen < n*minVraiFauxNum {
			t.Errorf("%d of %d vrai-faux cards answer %s, want at least %d in %d", byAnswer[a], n, name, minVraiFauxNum, minVraiFauxDen)
		}
	}
	t.Logf("vrai-faux: %d Vrai, %d Faux", byAnswer[0], byAnswer[1])
}

// TestStandardDeckNoGiveawayWords: no QCM choice and no vrai-faux statement
// carries an absolute word that tells a wrong answer from a right one.
func TestStandardDeckNoGiveawayWords(t *testing.T) {
	for _, c := range loadStandard(t).Cards {
		for _, p := range giveaways(c) {
			t.Errorf("card %s: %s", c.ID, p)
		}
	}
}

func giveaways(c game.Card) []string {
	var texts []string
	switch c.Type {
	case game.TypeQCM:
		texts = c.Choices
	case game.TypeVraiFaux:
		texts = []string{strings.TrimPrefix(c.Prompt, "Vrai ou faux ?")}
	}
	var ps []string
	for _, s := range texts {
		for _, re := range giveawayREs {
			if m := re.FindStringSubmatch(strings.ReplaceAll(s, "’", "'")); m != nil {
				ps = append(ps, "giveaway word « "+strings.TrimSpace(m[1])+" » in "+`"`+s+`"`)
			}
		}
	}
	return ps
}

// TestStandardDeckEstimationNotGivenAway: no card prints the answer of an
// estimation of its commitment. A Complet or one-axis session plays two
// cards of some commitments, and the first one's texts or reveal would
// answer the second.
func TestStandardDeckEstimationNotGivenAway(t *testing.T) {
	for _, p := range estimationLeaks(loadStandard(t).Cards) {
		t.Error(p)
	}
}

func estimationLeaks(cards []game.Card) []string {
	var ps []string
	for _, e := range cards {
		if e.Type != game.TypeEstimation {
			continue
		}
		answer := normNumber(strconv.FormatFloat(e.Answer, 'f', -1, 64))
		for _, c := range cards {
			if c.ID == e.ID || c.Engagement != e.Engagement {
				continue
			}
			texts := cardTexts(c)
			for i, ch := range c.Choices {
				texts["choice "+strconv.Itoa(i+1)] = ch
			}
			for field, text := range texts {
				for _, n := range numbersIn(stripReferences(text)) {
					if n == answer {
						ps = append(ps, "card "+c.ID+" ("+field+") gives the answer "+answer+" of estimation "+e.ID)
					}
				}
			}
		}
	}
	return ps
}

// TestDeckQualityChecksCatch shows the checks fail where they should.
func TestDeckQualityChecksCatch(t *testing.T) {
	qcm := func(id string, answer int, choices ...string) game.Card {
		return game.Card{ID: id, Type: game.TypeQCM, Choices: choices, Answer: float64(answer)}
	}
	long := qcm("long", 1, "Non", "La réponse la plus complète", "Oui")
	tie := qcm("tie", 0, "Abcd", "Efgh", "Ij")
	short := qcm("short", 2, "Une réponse longue", "Une autre longue", "Brève")
	accents := qcm("accents", 0, "été", "abcd") // 3 characters, not 5 bytes
	for _, tc := range []struct {
		c    game.Card
		want bool
	}{{long, true}, {tie, false}, {short, false}, {accents, false},
		{game.Card{Type: game.TypeVraiFaux, Choices: []string{"Vrai", "Faux"}, Answer: 0}, false}} {
		if got := rightIsStrictlyLongest(tc.c); got != tc.want {
			t.Errorf("rightIsStrictlyLongest(%s) = %v, want %v", tc.c.ID, got, tc.want)
		}
	}
	if !rightIsStrictlyShortest(short) || rightIsStrictlyShortest(tie) || rightIsStrictlyShortest(long) {
		t.Error("rightIsStrictlyShortest is wrong on short, tie or long")
	}
	// 1 in 5 passes, 2 in 5 fails; other card types do not count.
	five := []game.Card{long, tie, short, accents, short, {Type: game.TypeEstimation}}
	if _, _, ok := longestRightProblems(five); !ok {
		t.Error("1 longest right answer in 5 QCMs refused")
	}
	if _, longest, ok := longestRightProblems(append(five[:4:4], long)); ok || len(longest) != 2 {
		t.Errorf("2 longest right answers in 5 QCMs: %v accepted", longest)
	}

	est := game.Card{ID: "est", Engagement: 7, Type: game.TypeEstimation, Answer: 182}
	leaks := estimationLeaks([]game.Card{est,
		{ID: "same-commitment", Engagement: 7, Type: game.TypeClassement, Explanation: "182 participants, 58 assistants"},
		{ID: "wrong-choice", Engagement: 7, Type: game.TypeQCM, Choices: []string{"182", "19"}, Answer: 1},
		{ID: "other-commitment", Engagement: 8, Type: game.TypeDefi, Hints: []string{"182 participants"}},
		{ID: "other-number", Engagement: 7, Type: game.TypeDefi, Hints: []string{"1 182 pages"}},
	})
	if len(leaks) != 2 {
		t.Errorf("estimationLeaks found %q, want the classement and the QCM choice", leaks)
	}

	for _, tc := range []struct {
		c    game.Card
		want int
	}{
		{qcm("q", 0, "Fidéliser les talents", "Recruter uniquement des contractuels"), 1},
		{qcm("q", 0, "Le label Numérique responsable seul", "Les deux labels"), 1},
		{qcm("q", 0, "Dans les 3 mois", "Seulement à la fin de la période d'essai"), 1},
		{qcm("q", 0, "Une consultation", "Une résolution", "Un seuil"), 0}, // "seul" inside a word
		{game.Card{Type: game.TypeVraiFaux, Prompt: "Vrai ou faux ? Les agents sont désignés à vie."}, 1},
		{game.Card{Type: game.TypeVraiFaux, Prompt: "Vrai ou faux ? L'outil n'a été déployé qu'à la DRH."}, 1},
		{game.Card{Type: game.TypeVraiFaux, Prompt: "Vrai ou faux ? L'outil ne suit que les courriels."}, 1},
		{game.Card{Type: game.TypeVraiFaux, Prompt: "Vrai ou faux ? Les agents sont désignés pour 2 ans."}, 0},
		{game.Card{Type: game.TypeVraiFaux, Prompt: "Vrai ou faux ? Ce n'est pas la question que l'on croit."}, 1},
		{game.Card{Type: game.TypeDefi, Prompt: "Défi : citez uniquement des gestes simples."}, 0},
	} {
		if got := giveaways(tc.c); len(got) != tc.want {
			t.Errorf("giveaways(%q %q) = %q, want %d", tc.c.Prompt, tc.c.Choices, got, tc.want)
		}
	}
}
