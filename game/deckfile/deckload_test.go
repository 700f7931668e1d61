package deckfile

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"metodd/game"
)

// lineOf is the 1-based line of the first occurrence of s in text.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in the deck", s)
	}
	return strings.Count(text[:i], "\n") + 1
}

func TestParseDeckValid(t *testing.T) {
	d, err := ParseDeck("petit.yaml", []byte(smallDeckYAML))
	if err != nil {
		t.Fatalf("valid deck refused:\n%v", err)
	}
	if d.ID != "petit" || d.Title != "Petit jeu d’essai" || len(d.Cards) != 6 || len(d.Commitments) != 2 {
		t.Fatalf("deck = %+v", d)
	}
	q := d.Cards[0]
	if q.Type != game.TypeQCM || q.Answer != 1 || len(q.Choices) != 3 || q.Source.Axis != 1 || q.Source.Heading != "Nos engagements" || len(q.ODD) != 2 {
		t.Errorf("qcm card = %+v", q)
	}
	e, _ := d.CardByID("e1")
	if e.Answer != 200 || e.Unit != "agents" || e.Time != 45 {
		t.Errorf("estimation card = %+v", e)
	}
	a, _ := d.CardByID("a1")
	if len(a.Groups) != 2 || a.Groups[1].Name != "Environnement" || a.Groups[1].Items[0] != "Vélo" {
		t.Errorf("association card = %+v", a)
	}
	if _, ok := d.CardByID("nope"); ok {
		t.Error("CardByID found a missing card")
	}
	s := Summary(d)
	for _, want := range []string{
		"Jeu « Petit jeu d’essai » (petit) : 6 cartes, 2 engagements personnels.",
		"Axe 1 — Gouvernance responsable",
		" 1. Participation",
		"Vrai/Faux",
		"Défi",
		"2 faciles, 3 moyennes, 1 difficiles",
		"- gourde (engagement 15, Déchets) : J’utilise une gourde",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
}

// TestParseDeckBroken breaks the valid deck in one place per case and checks
// the error names the right line, card and problem.
func TestParseDeckBroken(t *testing.T) {
	type want struct {
		at   string // the text whose line the error must carry ("" = line 1)
		card string
		msg  string
	}
	cases := []struct {
		name     string
		old, new string
		wants    []want
	}{
		{"unknown type", "type: vrai-faux", "type: vrai-fau", []want{{"type: vrai-fau", "vf1", "type de carte inconnu « vrai-fau »"}}},
		{"answer out of range", "answer: 1\n", "answer: 3\n", []want{{"answer: 3", "q1", "de 0 à 2 (trouvé 3)"}}},
		{"answer not integer", "answer: 1\n", "answer: 1.5\n", []want{{"answer: 1.5", "q1", "numéro du bon choix"}}},
		{"answer missing", "    answer: 0\n", "", []want{{"- id: vf1", "vf1", "champ « answer » manquant"}}},
		{"duplicate id", "id: vf1", "id: q1", []want{{"- id: q1\n    engagement: 4", "q1", "identifiant « q1 » déjà utilisé ligne 4"}}},
		{"engagement range", "engagement: 6", "engagement: 16", []want{{"engagement: 16", "c1", "engagement 16 hors limites"}}},
		{"engagement zero", "engagement: 6", "engagement: 0", []want{{"engagement: 0", "c1", "engagement 0 hors limites"}}},
		{"difficulty", "difficulty: 3", "difficulty: 4", []want{{"difficulty: 4", "e1", "difficulté 4 hors limites"}}},
		{"empty prompt", "prompt: Classez du plus petit au plus grand.", `prompt: ""`, []want{{`prompt: ""`, "c1", "« prompt » est vide"}}},
		{"empty explanation", "explanation: Un, deux, trois.", "explanation:  ", []want{{"explanation:  ", "c1", "« explanation » est vide"}}},
		{"missing source", "    source: {axis: 2, section: QVCT}\n", "", []want{{"- id: c1", "c1", "champ « source » manquant"}}},
		{"source axis", "{axis: 2, section: QVCT}", "{axis: 4, section: QVCT}", []want{{"{axis: 4", "c1", "axe 4 hors limites"}}},
		{"source section", "{axis: 2, section: QVCT}", "{axis: 2}", []want{{"{axis: 2}", "c1", "section du bilan est manquante"}}},
		{"odd range", "odd: [3]", "odd: [3, 18]", []want{{"odd: [3, 18]", "c1", "ODD 18 hors limites"}}},
		{"odd empty", "odd: [3]", "odd: []", []want{{"odd: []", "c1", "au moins un ODD"}}},
		{"odd text", "odd: [3]", "odd: [trois]", []want{{"odd: [trois]", "c1", "nombre entier (trouvé « trois »)"}}},
		{"qcm five choices", "[Deux, Trois, Quatre]", "[Un, Deux, Trois, Quatre, Cinq]", []want{{"choices: [Un", "q1", "de 2 à 4 choix (ici 5)"}}},
		{"qcm one choice", "[Deux, Trois, Quatre]\n    answer: 1", "[Deux]\n    answer: 0", []want{{"choices: [Deux]", "q1", "de 2 à 4 choix (ici 1)"}}},
		{"vrai-faux three", "[Vrai, Faux]", "[Vrai, Faux, Peut-être]", []want{{"choices: [Vrai", "vf1", "exactement 2 choix (ici 3)"}}},
		{"repeated choice", "[Deux, Trois, Quatre]", "[Deux, Trois, Deux]", []want{{"choices: [Deux", "q1", "le choix « Deux » est répété"}}},
		{"estimation zero", "answer: 200", "answer: 0", []want{{"answer: 0\n    unit", "e1", "nombre positif et fini"}}},
		{"estimation inf", "answer: 200", "answer: .inf", []want{{"answer: .inf", "e1", "nombre positif et fini"}}},
		{"estimation text", "answer: 200", "answer: beaucoup", []want{{"answer: beaucoup", "e1", "doit être un nombre (trouvé « beaucoup »)"}}},
		{"unit missing", "    unit: agents\n", "", []want{{"- id: e1", "e1", "« unit » manquant"}}},
		{"classement two", "[un, deux, trois, quatre]", "[un, deux]", []want{{"items: [un, deux]", "c1", "de 3 à 5 éléments (ici 2)"}}},
		{"classement six", "[un, deux, trois, quatre]", "[a, b, c, d, e, f]", []want{{"items: [a, b", "c1", "ici 6"}}},
		{"association one group", "      - name: Environnement\n        items: [Vélo, Tri]\n", "", []want{{"groups:", "a1", "de 2 à 3 groupes (ici 1)"}, {"groups:", "a1", "de 4 à 6 éléments en tout (ici 2)"}}},
		{"association dup item", "[Vélo, Tri]", "[Vélo, Charte]", []want{{"[Vélo, Charte]", "a1", "l’élément « Charte » est répété"}}},
		{"association too many", "[Vélo, Tri]", "[Vélo, Tri, Bus, Train, Covoiturage]", []want{{"groups:", "a1", "ici 7"}}},
		{"defi hints", "    hints: [tri, gourde, impression recto verso]\n", "", []want{{"- id: d1", "d1", "« hints »"}}},
		{"time low", "time: 45", "time: 2", []want{{"time: 2", "e1", "temps 2 s hors limites"}}},
		{"time high", "time: 45", "time: 3600", []want{{"time: 3600", "e1", "temps 3600 s hors limites"}}},
		{"typo field", "answer: 200", "answr: 200", []want{{"answr: 200", "e1", "champ inconnu « answr » (vouliez-vous dire « answer » ?)"}, {"- id: e1", "e1", "« answer » manquant"}}},
		{"field of another type", "    unit: agents\n", "    unit: agents\n    choices: [a, b]\n", []want{{"choices: [a, b]", "e1", "« choices » ne s’applique pas à une carte de type estimation"}}},
		{"repeated field", "    unit: agents\n", "    unit: agents\n    unit: pages\n", []want{{"unit: pages", "e1", "champ « unit » répété"}}},
		{"commitment dup", "id: velo", "id: gourde", []want{{"id: gourde\n    text: Je viens", "", "engagement personnel « gourde » déjà défini"}}},
		{"commitment engagement", "semaine.\n    engagement: 12", "semaine.\n    engagement: 20", []want{{"engagement: 20", "", "engagement 20 hors limites"}}},
		{"commitment text", "text: Je viens au travail à vélo une fois par semaine.", "text: ''", []want{{"text: ''", "", "« text » est vide"}}},
		{"unknown top field", "title: Petit", "titel: Petit", []want{{"titel:", "", "champ inconnu « titel » (vouliez-vous dire « title » ?)"}, {"", "", "champ « title » manquant"}}},
		{"alias", "odd: [12]\n    answer: 200\n    unit: agents", "odd: &x [12]\n    answer: 200\n    unit: *x", []want{{"unit: *x", "e1", "alias"}}},
		{"card not a map", "  - id: d1\n", "  - just text\n  - id: d1\n", []want{{"just text", "n°6", "suite de champs"}}},
		// Ids (the deck's, its cards', its commitments') share one pattern:
		// no path step, "/", "\\", space, NUL or newline.
		{"deck id path", "id: petit", "id: ../..", []want{{"id: ../..", "", "identifiant de jeu invalide : lettres, chiffres"}}},
		{"deck id slash", "id: petit", "id: jeux/petit", []want{{"id: jeux/petit", "", "identifiant de jeu invalide"}}},
		{"deck id backslash", "id: petit", `id: 'jeux\petit'`, []want{{"id: 'jeux", "", "identifiant de jeu invalide"}}},
		{"deck id NUL", "id: petit", `id: "pe\0tit"`, []want{{"id: \"pe", "", "identifiant de jeu invalide"}}},
		{"deck id newline", "id: petit", `id: "pe\ntit"`, []want{{"id: \"pe", "", "identifiant de jeu invalide"}}},
		{"deck id dot", "id: petit", "id: .petit", []want{{"id: .petit", "", "identifiant de jeu invalide"}}},
		{"deck id empty", "id: petit", `id: ""`, []want{{`id: ""`, "", "« id » est vide"}}},
		{"card id path", "- id: q1", "- id: ../q1", []want{{"- id: ../q1", "n°1", "identifiant de carte invalide : lettres, chiffres"}}},
		{"card id NUL", "- id: q1", `- id: "q\01"`, []want{{"- id: \"q", "n°1", "identifiant de carte invalide"}}},
		{"commitment id slash", "id: velo", "id: a/velo", []want{{"id: a/velo", "", "identifiant d’engagement personnel invalide : lettres, chiffres"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(smallDeckYAML, tc.old) {
				t.Fatalf("%q not in the deck", tc.old)
			}
			text := strings.Replace(smallDeckYAML, tc.old, tc.new, 1)
			_, err := ParseDeck("casse.yaml", []byte(text))
			var des DeckErrors
			if !errors.As(err, &des) {
				t.Fatalf("err = %v, want DeckErrors", err)
			}
			for _, w := range tc.wants {
				line := 1
				if w.at != "" {
					line = lineOf(t, text, w.at)
				}
				found := false
				for _, e := range des {
					if e.File == "casse.yaml" && e.Line == line && e.Card == w.card && strings.Contains(e.Message, w.msg) {
						found = true
					}
				}
				if !found {
					t.Errorf("no error at line %d, card %q, %q; got:\n%v", line, w.card, w.msg, err)
				}
			}
			if len(des) != len(tc.wants) {
				t.Errorf("%d errors, want %d:\n%v", len(des), len(tc.wants), err)
			}
		})
	}
}

// TestParseDeckManyErrors checks that every problem is reported at once.
func TestParseDeckManyErrors(t *testing.T) {
	text := strings.NewReplacer(
		"type: vrai-faux", "type: vrai-fau",
		"engagement: 6", "engagement: 16",
		"difficulty: 3", "difficulty: 9",
	).Replace(smallDeckYAML)
	_, err := ParseDeck("x.yaml", []byte(text))
	var des DeckErrors
	if !errors.As(err, &des) || len(des) != 3 {
		t.Fatalf("want 3 errors, got %v", err)
	}
	if !strings.Contains(err.Error(), "x.yaml:") || !strings.Contains(des[0].String(), "(carte vf1) : type de carte inconnu") {
		t.Errorf("error text: %v", err)
	}
}

func TestParseDeckSyntax(t *testing.T) {
	cases := []struct {
		name, text string
		line       int
		msg        string
	}{
		{"bad indentation", "id: x\ntitle: y\ncards:\n  - id: a\n   type: qcm\n", 3, "syntaxe YAML invalide"},
		{"tab", "id: x\n\ttitle: y\n", 2, "tabulation"},
		{"unclosed quote", "id: x\ntitle: \"y\ncards: []\n", 2, "syntaxe YAML invalide"},
		{"unclosed bracket", "id: x\nodd: [1, 2\n", 1, "syntaxe YAML invalide"},
		{"colon in text", "id: x\ntitle: Bilan: 2024: suite\n", 2, "« : » inattendu"},
		{"empty", "", 1, "fichier vide"},
		{"comment only", "# rien\n", 1, "fichier vide"},
		{"list at top", "- a\n- b\n", 1, "le fichier doit décrire un jeu"},
		{"scalar at top", "bonjour\n", 1, "le fichier doit décrire un jeu"},
		{"cards not list", "id: x\ntitle: y\ncards: 3\ncommitments: []\n", 3, "« cards » doit être une liste"},
		{"empty lists", "id: x\ntitle: y\ncards: []\ncommitments: []\n", 3, "aucune carte"},
		{"not utf8", "id: x\ntitle: \xff\xfe\n", 1, "syntaxe YAML invalide"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseDeck("s.yaml", []byte(tc.text))
			var des DeckErrors
			if d != nil || !errors.As(err, &des) {
				t.Fatalf("deck %v, err %v", d, err)
			}
			if des[0].Line != tc.line || !strings.Contains(des[0].Message, tc.msg) {
				t.Errorf("got %v, want line %d %q", err, tc.line, tc.msg)
			}
		})
	}
	big := make([]byte, MaxDeckBytes+1)
	if _, err := ParseDeck("big.yaml", big); err == nil || !strings.Contains(err.Error(), "trop gros") {
		t.Errorf("oversized deck: %v", err)
	}
}

func TestParseDeckTooManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: x\ntitle: y\ncommitments: []\ncards:\n")
	for i := 0; i < 100; i++ {
		b.WriteString("  - {id: a, type: zz}\n")
	}
	_, err := ParseDeck("many.yaml", []byte(b.String()))
	var des DeckErrors
	if !errors.As(err, &des) || len(des) != MaxDeckErrors+1 || !strings.Contains(des[len(des)-1].Message, "trop d’erreurs") {
		t.Fatalf("%d errors, last %v", len(des), des[len(des)-1])
	}
}

// The RSO cell reads the errors against the file top to bottom: they come
// in line order whatever the order the checks ran in.
func TestParseDeckErrorsInLineOrder(t *testing.T) {
	src := "id: x\ntitle: t\ncards:\n  - id: a\n    engagement: 16\n    type: qcmm\n    prompt: \"\"\n" +
		"  - id: a\n    engagement: 2\n    type: qcm\n    difficulty: 1\n    prompt: \"Q ?\"\n    choices: [\"a\"]\n" +
		"    answer: 3\n    explanation: \"\"\n    source: {axis: 1}\n    odd: [18]\ncommitments: []\n"
	_, err := ParseDeck("bad.yaml", []byte(src))
	var errs DeckErrors
	if !errors.As(err, &errs) || len(errs) < 5 {
		t.Fatalf("want several errors, got %v", err)
	}
	for i := 1; i < len(errs); i++ {
		if errs[i].Line < errs[i-1].Line {
			t.Fatalf("error %d (line %d) comes after line %d:\n%v", i, errs[i].Line, errs[i-1].Line, err)
		}
	}
}

// keyBombDeck is a 3 MB deck of 300,000 keys ("k000000: 1" lines): cheap to
// send, it cost +177 MB to parse into a YAML tree before the loader looked
// at it.
func keyBombDeck() []byte {
	var b strings.Builder
	b.Grow(300000 * 10)
	for i := range 300000 {
		fmt.Fprintf(&b, "k%06d: 1\n", i)
	}
	return []byte(b.String())
}

// BenchmarkParseDeckKeyBomb measures what the 300k-key deck costs (time,
// B/op): the loader must refuse it before building the tree.
func BenchmarkParseDeckKeyBomb(b *testing.B) {
	data := keyBombDeck()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseDeck("bombe.yaml", data); err == nil {
			b.Fatal("key bomb accepted")
		}
	}
}

// BenchmarkParseDeckStandard is the cost of a real deck, to compare.
func BenchmarkParseDeckStandard(b *testing.B) {
	data := []byte(smallDeckYAML)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseDeck("petit.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// A deck whose YAML structure is too large is refused before its tree is
// built, at line 1, in French, with next to no memory: the 300,000-key
// deck allocated 293 MB before the bound, and took 3.7 s.
func TestParseDeckKeyBombRefused(t *testing.T) {
	data := keyBombDeck()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := ParseDeck("bombe.yaml", data)
	runtime.ReadMemStats(&after)
	var des DeckErrors
	if !errors.As(err, &des) || len(des) != 1 || des[0].Line != 1 ||
		!strings.Contains(des[0].Message, "fichier trop complexe : 600000 lignes et séparateurs YAML, au plus 40000") {
		t.Fatalf("key bomb: %v", err)
	}
	// The budget: the refusal allocates its message, never the tree (the
	// 64 KiB leave room for the test's own bookkeeping; 350 bytes measured).
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<10 {
		t.Fatalf("refusing the key bomb allocated %d bytes", alloc)
	}
	// The standard deck is far below the bound.
	if n := deckMarks([]byte(smallDeckYAML)); n*10 > MaxDeckMarks {
		t.Fatalf("the small deck has %d marks: the bound leaves no room", n)
	}
}

// atMarkLimit is the worst deck the bound lets through: MaxDeckMarks marks,
// each starting a node.
func atMarkLimit() []byte {
	var b strings.Builder
	for i := range MaxDeckMarks / 2 {
		fmt.Fprintf(&b, "k%06d: 1\n", i)
	}
	return []byte(b.String())
}

// BenchmarkParseDeckAtMarkLimit is the cost of the largest structure the
// bound admits (B/op is the memory a hostile deck can still cost).
func BenchmarkParseDeckAtMarkLimit(b *testing.B) {
	data := atMarkLimit()
	if n := deckMarks(data); n != MaxDeckMarks {
		b.Fatalf("%d marks", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseDeck("limite.yaml", data); err == nil {
			b.Fatal("accepted")
		}
	}
}
