package assets

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"metodd/game"
	"metodd/game/deckfile"
	"metodd/internal/testenv"
)

// The standard deck's requirements (issue 2): enough cards for every format
// (Express 8, Standard 15 = one per commitment, Complet 24, one axis) and
// every card type in use.
const (
	minCards          = 60
	minCardsPerEngage = 4
	minCommitments    = 15
	minEstimation     = 10
	minClassement     = 5
	minAssociation    = 5
	minDefi           = 6
	reportEnv         = "METODD_REPORT" // overrides the report's path
	defaultReportPath = "../../shared/source/bilan-rso-2024.txt"
)

// loadStandard decodes the standard deck with yaml.v3 directly, independent
// of deckfile.ParseDeck, so these checks run before and beside the loader.
func loadStandard(t *testing.T) game.Deck {
	t.Helper()
	var d game.Deck
	if err := yaml.Unmarshal(StandardDeck(), &d); err != nil {
		t.Fatalf("standard deck is not valid YAML: %v", err)
	}
	return d
}

func TestDeckFiles(t *testing.T) {
	names := DeckNames()
	found := false
	for _, n := range names {
		if n == StandardDeckFile {
			found = true
		}
	}
	if !found {
		t.Fatalf("DeckNames() = %v, want it to hold %s", names, StandardDeckFile)
	}
	if _, err := DeckFiles().Open(StandardDeckFile); err != nil {
		t.Errorf("DeckFiles().Open(%q): %v", StandardDeckFile, err)
	}
	for _, bad := range []string{"../assets.go", "decks/" + StandardDeckFile, "absent.yaml", ""} {
		if _, ok := Deck(bad); ok {
			t.Errorf("Deck(%q) found a file, want none", bad)
		}
	}
}

// TestStandardDeckParses runs the real loader on the standard deck.
func TestStandardDeckParses(t *testing.T) {
	d, err := deckfile.ParseDeck(StandardDeckFile, StandardDeck())
	if err != nil {
		var des deckfile.DeckErrors
		if errors.As(err, &des) {
			for _, e := range des {
				t.Errorf("%s", e)
			}
			t.FailNow()
		}
		t.Fatalf("ParseDeck: %v", err)
	}
	if d.ID != "metodd-bilan-2024" || d.Title != "mét’ODD — bilan RSO 2024" {
		t.Errorf("deck id/title = %q / %q", d.ID, d.Title)
	}
	if want := len(loadStandard(t).Cards); len(d.Cards) != want {
		t.Errorf("ParseDeck kept %d cards, the file has %d", len(d.Cards), want)
	}
}

func TestStandardDeckCounts(t *testing.T) {
	d := loadStandard(t)
	if d.ID != "metodd-bilan-2024" {
		t.Errorf("id = %q, want metodd-bilan-2024", d.ID)
	}
	if d.Title != "mét’ODD — bilan RSO 2024" {
		t.Errorf("title = %q", d.Title)
	}
	if len(d.Cards) < minCards {
		t.Errorf("%d cards, want at least %d", len(d.Cards), minCards)
	}

	perEngagement := map[int]int{}
	perType := map[string]int{}
	ids := map[string]bool{}
	for _, c := range d.Cards {
		if ids[c.ID] {
			t.Errorf("duplicate card id %q", c.ID)
		}
		ids[c.ID] = true
		perEngagement[c.Engagement]++
		perType[c.Type]++
	}
	for n := 1; n <= len(game.Engagements); n++ {
		if perEngagement[n] < minCardsPerEngage {
			t.Errorf("engagement %d has %d cards, want at least %d", n, perEngagement[n], minCardsPerEngage)
		}
	}
	for typ, min := range map[string]int{
		game.TypeEstimation:  minEstimation,
		game.TypeClassement:  minClassement,
		game.TypeAssociation: minAssociation,
		game.TypeDefi:        minDefi,
		game.TypeQCM:         1,
		game.TypeVraiFaux:    1,
	} {
		if perType[typ] < min {
			t.Errorf("%d cards of type %s, want at least %d", perType[typ], typ, min)
		}
	}

	if len(d.Commitments) < minCommitments {
		t.Errorf("%d personal commitments, want at least %d", len(d.Commitments), minCommitments)
	}
	cids := map[string]bool{}
	covered := map[int]bool{}
	for _, c := range d.Commitments {
		if c.ID == "" || cids[c.ID] {
			t.Errorf("personal commitment id %q empty or duplicate", c.ID)
		}
		cids[c.ID] = true
		if _, ok := game.EngagementByNumber(c.Engagement); !ok {
			t.Errorf("personal commitment %s: engagement %d outside 1–15", c.ID, c.Engagement)
		}
		if !firstPerson(c.Text) {
			t.Errorf("personal commitment %s should be a first-person gesture (\"Je …\", \"J'…\"): %q", c.ID, c.Text)
		}
		covered[c.Engagement] = true
	}
	for n := 1; n <= len(game.Engagements); n++ {
		if !covered[n] {
			t.Errorf("no personal commitment for engagement %d", n)
		}
	}
	t.Logf("cards per engagement: %v; per type: %v; personal commitments: %d", perEngagement, perType, len(d.Commitments))
}

// firstPerson says whether a personal commitment reads as "Je …" / "J'…".
func firstPerson(text string) bool {
	for _, p := range []string{"Je ", "J'", "J’"} {
		if strings.HasPrefix(text, p) {
			return true
		}
	}
	return false
}

// TestStandardDeckShapes checks each card's fields for its type, as the
// loader will; it keeps the standard deck honest while the loader is a stub.
func TestStandardDeckShapes(t *testing.T) {
	for _, c := range loadStandard(t).Cards {
		for _, p := range cardShapeProblems(c) {
			t.Errorf("card %s: %s", c.ID, p)
		}
	}
}

func cardShapeProblems(c game.Card) []string {
	var ps []string
	bad := func(format string, a ...any) { ps = append(ps, fmt.Sprintf(format, a...)) }
	e, ok := game.EngagementByNumber(c.Engagement)
	if !ok {
		bad("engagement %d outside 1–15", c.Engagement)
	}
	if c.Difficulty < 1 || c.Difficulty > 3 {
		bad("difficulty %d outside 1–3", c.Difficulty)
	}
	if strings.TrimSpace(c.Prompt) == "" || strings.TrimSpace(c.Explanation) == "" {
		bad("empty prompt or explanation")
	}
	if ok && c.Source.Axis != e.Axis {
		bad("source axis %d but engagement %d is in axis %d", c.Source.Axis, c.Engagement, e.Axis)
	}
	if c.Source.Section == "" || c.Source.Heading == "" {
		bad("source section or heading missing")
	}
	if len(c.ODD) == 0 {
		bad("no SDG")
	}
	for _, n := range c.ODD {
		if _, ok := game.SDGByNumber(n); !ok {
			bad("SDG %d outside 1–17", n)
		}
	}
	switch c.Type {
	case game.TypeQCM:
		if len(c.Choices) < 2 || len(c.Choices) > 4 {
			bad("qcm needs 2–4 choices, has %d", len(c.Choices))
		}
		if c.Answer != float64(int(c.Answer)) || int(c.Answer) < 0 || int(c.Answer) >= len(c.Choices) {
			bad("answer %v is not a choice index", c.Answer)
		}
	case game.TypeVraiFaux:
		if len(c.Choices) != 2 || c.Choices[0] != "Vrai" || c.Choices[1] != "Faux" {
			bad("vrai-faux choices must be [Vrai, Faux], are %q", c.Choices)
		}
		if c.Answer != 0 && c.Answer != 1 {
			bad("vrai-faux answer %v is not 0 or 1", c.Answer)
		}
	case game.TypeEstimation:
		if c.Answer <= 0 || c.Unit == "" {
			bad("estimation needs a positive answer and a unit")
		}
	case game.TypeClassement:
		if len(c.Items) < 3 || len(c.Items) > 5 {
			bad("classement needs 3–5 items, has %d", len(c.Items))
		}
	case game.TypeAssociation:
		n := 0
		for _, g := range c.Groups {
			n += len(g.Items)
			if g.Name == "" || len(g.Items) == 0 {
				bad("association group %q empty", g.Name)
			}
		}
		if len(c.Groups) < 2 || len(c.Groups) > 3 || n < 4 || n > 6 {
			bad("association needs 2–3 groups and 4–6 items, has %d and %d", len(c.Groups), n)
		}
	case game.TypeDefi:
		if len(c.Hints) == 0 {
			bad("défi needs hints")
		}
	default:
		bad("unknown type %q", c.Type)
	}
	return ps
}

// Truthfulness: every number a player reads on a card must be in the report.
//
// Exemptions, kept minimal:
//   - numbers that name an SDG ("ODD 12", "ODD 3 et 8", 1–17), a commitment
//     ("engagement 11", 1–15) or an axis ("axe 2", 1–3): references, not facts;
//   - the wrong choices of a QCM: they are wrong on purpose (the right choice
//     is checked).
//
// Years need no exemption: every year a card cites is in the report.

var (
	// A number as French prints it: thousands grouped by a (narrow,
	// no-break) space, decimal comma; or a plain integer or decimal.
	numberRE = regexp.MustCompile(`\d{1,3}(?:[ \x{00A0}\x{202F}]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?`)
	digitsRE = regexp.MustCompile(`\d+`)
	// programmeName masks "mét'ODD" so its "ODD" is not read as an SDG.
	programmeName = strings.NewReplacer("mét'ODD", "métodd", "mét’ODD", "métodd", "MÉT'ODD", "métodd")
	// "ODD 12", "l'ODD 3, 8 et 10", not preceded by a letter; the
	// programme's name is masked first (so "mét'ODD 2024" is no SDG reference).
	sddRefRE = regexp.MustCompile(`(?:^|[^\pL])ODD\s+(?:n°\s*)?(\d{1,2}(?:\s*(?:,|et|ou)\s*\d{1,2})*)`)
	// "engagement 11", "engagements 4 et 5", "axe 2".
	engRefRE = regexp.MustCompile(`(?i)\b(engagements?|axes?)\s+(?:n°\s*)?(\d{1,2}(?:\s*(?:,|et|ou)\s*\d{1,2})*)`)
)

// normNumber turns a printed number into a canonical form: no grouping
// spaces, "." for decimals, no leading zeros, no trailing decimal zeros.
func normNumber(s string) string {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", ",", ".").Replace(s)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	if hasFrac {
		frac = strings.TrimRight(frac, "0")
	}
	if frac == "" {
		return intPart
	}
	return intPart + "." + frac
}

// numbersIn lists the canonical numbers printed in s.
func numbersIn(s string) []string {
	var out []string
	for _, m := range numberRE.FindAllString(s, -1) {
		out = append(out, normNumber(m))
	}
	return out
}

// stripReferences removes SDG, commitment and axis references whose numbers
// are in range; out-of-range ones stay and so get checked like any number.
func stripReferences(s string) string {
	s = programmeName.Replace(s)
	s = sddRefRE.ReplaceAllStringFunc(s, func(m string) string {
		return refOrKeep(m, digitsInMatch(m, sddRefRE), len(game.SDGs))
	})
	return engRefRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := engRefRE.FindStringSubmatch(m)
		max := len(game.Engagements)
		if strings.HasPrefix(strings.ToLower(sub[1]), "axe") {
			max = len(game.Axes)
		}
		return refOrKeep(m, digitsRE.FindAllString(sub[2], -1), max)
	})
}

func digitsInMatch(m string, re *regexp.Regexp) []string {
	return digitsRE.FindAllString(re.FindStringSubmatch(m)[1], -1)
}

func refOrKeep(m string, nums []string, max int) string {
	for _, n := range nums {
		v, _ := strconv.Atoi(n)
		if v < 1 || v > max {
			return m
		}
	}
	// Keep the character before "ODD" the SDG pattern may have consumed.
	if i := strings.Index(m, "ODD"); i > 0 {
		return m[:i]
	}
	return ""
}

// reportNumbers is every number the report prints, read both grouped ("2 688")
// and digit run by digit run ("2", "688"), so neither reading is missed.
func reportNumbers(text string) map[string]bool {
	set := map[string]bool{}
	for _, n := range numbersIn(text) {
		set[n] = true
	}
	for _, n := range digitsRE.FindAllString(text, -1) {
		set[normNumber(n)] = true
	}
	return set
}

// cardTexts lists what a player or partner reads on a card, labelled for
// error messages; the wrong QCM choices are left out (see above).
func cardTexts(c game.Card) map[string]string {
	t := map[string]string{"prompt": c.Prompt, "explanation": c.Explanation}
	switch c.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		if i := int(c.Answer); i >= 0 && i < len(c.Choices) {
			t["right choice"] = c.Choices[i]
		}
	case game.TypeEstimation:
		t["answer"] = strconv.FormatFloat(c.Answer, 'f', -1, 64)
	}
	for i, it := range c.Items {
		t[fmt.Sprintf("item %d", i+1)] = it
	}
	for gi, g := range c.Groups {
		t[fmt.Sprintf("group %d name", gi+1)] = g.Name
		for i, it := range g.Items {
			t[fmt.Sprintf("group %d item %d", gi+1, i+1)] = it
		}
	}
	for i, h := range c.Hints {
		t[fmt.Sprintf("hint %d", i+1)] = h
	}
	return t
}

func readReport(t *testing.T) string {
	t.Helper()
	p := os.Getenv(reportEnv)
	if p == "" {
		p = defaultReportPath
	}
	p = filepath.FromSlash(p)
	testenv.File(t, p, "the RSO report ("+reportEnv+" overrides its path)")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("reading the report: %v", err)
	}
	return string(data)
}

func TestStandardDeckNumbersInReport(t *testing.T) {
	known := reportNumbers(readReport(t))
	d := loadStandard(t)
	checked := 0
	for _, c := range d.Cards {
		problems, n := untrueNumbers(c, known)
		checked += n
		for _, p := range problems {
			t.Errorf("card %s: %s", c.ID, p)
		}
	}
	for _, c := range d.Commitments {
		for _, n := range numbersIn(stripReferences(c.Text)) {
			checked++
			if !known[n] {
				t.Errorf("personal commitment %s: number %s is not in the report", c.ID, n)
			}
		}
	}
	t.Logf("%d numbers checked against the report", checked)
}

// untrueNumbers lists the numbers on card c that are not in known, and how
// many numbers it checked.
func untrueNumbers(c game.Card, known map[string]bool) (problems []string, checked int) {
	for field, text := range cardTexts(c) {
		if c.Type == game.TypeEstimation && field == "answer" {
			checked++
			if n := normNumber(text); !known[n] {
				problems = append(problems, fmt.Sprintf("estimation answer %s is not in the report", n))
			}
			continue
		}
		for _, n := range numbersIn(stripReferences(text)) {
			checked++
			if !known[n] {
				problems = append(problems, fmt.Sprintf("%s: number %s is not in the report (%q)", field, n, text))
			}
		}
	}
	sort.Strings(problems)
	return problems, checked
}

// TestUntrueNumbersCatches shows the truthfulness check fails where it
// should: an invented figure anywhere a player reads it, but not a wrong
// QCM choice or an SDG reference.
func TestUntrueNumbersCatches(t *testing.T) {
	known := reportNumbers("710 405 pages ont été économisées ; 922 agents ont répondu ; 4,166 tonnes")
	for _, tc := range []struct {
		name string
		card game.Card
		bad  int
	}{
		{"true figures", game.Card{Type: game.TypeEstimation, Prompt: "Combien de pages ?", Answer: 710405,
			Explanation: "710 405 pages, 4,166 tonnes (ODD 12 et 13, engagement 11)."}, 0},
		{"invented answer", game.Card{Type: game.TypeEstimation, Prompt: "Combien ?", Answer: 710000, Explanation: "x"}, 1},
		{"invented figure in prompt", game.Card{Type: game.TypeVraiFaux, Prompt: "Vrai ou faux ? 923 agents ont répondu.",
			Choices: []string{"Vrai", "Faux"}, Answer: 1, Explanation: "Faux : 922."}, 1},
		{"wrong qcm choices are free", game.Card{Type: game.TypeQCM, Prompt: "Combien ?",
			Choices: []string{"500", "922", "1 200"}, Answer: 1, Explanation: "922 agents."}, 0},
		{"right qcm choice is checked", game.Card{Type: game.TypeQCM, Prompt: "Combien ?",
			Choices: []string{"500", "922", "1 200"}, Answer: 2, Explanation: "x"}, 1},
		{"decimal comma read as a decimal", game.Card{Type: game.TypeDefi, Prompt: "Défi",
			Hints: []string{"4,167 tonnes"}, Explanation: "x"}, 1},
		{"items and groups", game.Card{Type: game.TypeAssociation, Prompt: "Rangez", Explanation: "x",
			Groups: []game.Group{{Name: "Groupe 33", Items: []string{"922 agents", "17 duos"}}}}, 2},
		{"SDG out of range is a number", game.Card{Type: game.TypeDefi, Prompt: "Défi", Explanation: "ODD 18"}, 1},
	} {
		got, _ := untrueNumbers(tc.card, known)
		if len(got) != tc.bad {
			t.Errorf("%s: %d problems %q, want %d", tc.name, len(got), got, tc.bad)
		}
	}
}

// TestNumberReading pins the number reading the truthfulness check relies
// on: a change that made it miss numbers would let false figures through.
func TestNumberReading(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"710 405 pages", "710405"},
		{"2\u00a0688 gobelets", "2688"},
		{"4,166 tonnes de CO₂", "4.166"},
		{"62/100", "62 100"},
		{"ISO 26 000", "26000"},
		{"la Feuille de route 2020-2026", "2020 2026"},
		{"+20 % de déchets recyclés", "20"},
		{"5 élus, 5 agents", "5 5"},
		{"en 2024, 182 participants", "2024 182"},
		{"00-33 : inexistante", "0 33"},
		{"Plus de 50 publications", "50"},
		{"aucun chiffre", ""},
	} {
		if got := strings.Join(numbersIn(tc.in), " "); got != tc.want {
			t.Errorf("numbersIn(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"Elle sert l'ODD 12 avec 50 pages.", "50"},
		{"ODD 3, 8 et 10 : 710 405 pages", "710405"},
		{"ODD 99", "99"},
		{"le jeu mét'ODD 200", "200"},
		{"l'engagement 11 et l'axe 3", ""},
		{"l'axe 4", "4"},
		{"engagements 4 et 16", "4 16"},
	} {
		if got := strings.Join(numbersIn(stripReferences(tc.in)), " "); got != tc.want {
			t.Errorf("numbers left in %q = %q, want %q", tc.in, got, tc.want)
		}
	}
}
