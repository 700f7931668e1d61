package deckfile

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"metodd/game"
)

// TestMarshalDeckRoundTrip: writing a parsed deck and reading it back gives
// the same deck, for the small deck (every type) and the standard deck.
func TestMarshalDeckRoundTrip(t *testing.T) {
	std, err := os.ReadFile("../../assets/decks/metodd-bilan-2024.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string][]byte{"petit": []byte(smallDeckYAML), "standard": std} {
		d, err := ParseDeck(name, src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, err := MarshalDeck(d)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseDeck(name, out)
		if err != nil {
			t.Fatalf("%s: written deck does not parse: %v\n%s", name, err, out)
		}
		if !reflect.DeepEqual(d, back) {
			t.Errorf("%s: round trip changed the deck", name)
		}
		if p := CheckDeck(d); p != nil {
			t.Errorf("%s: CheckDeck of a valid deck: %v", name, p)
		}
	}
}

// TestCheckCardFields: each problem is located on the field at fault, with
// the loader's message.
func TestCheckCardFields(t *testing.T) {
	base := game.Card{ID: "c", Engagement: 1, Type: game.TypeQCM, Difficulty: 1, Prompt: "Q ?",
		Explanation: "Parce que.", Source: game.Source{Axis: 1, Section: "S"}, ODD: []int{1},
		Choices: []string{"A", "B", "C"}, Answer: 1}
	if p := CheckCard(base); p != nil {
		t.Fatalf("valid card: %v", p)
	}
	cases := []struct {
		edit  func(c *game.Card)
		field string
		msg   string
	}{
		{func(c *game.Card) { c.Prompt = " " }, "prompt", "« prompt » est vide"},
		{func(c *game.Card) { c.Answer = 3 }, "answer", "numéro du bon choix"},
		{func(c *game.Card) { c.Choices[2] = "A" }, "choices.2", "« A » est répété"},
		{func(c *game.Card) { c.Source.Section = "" }, "source.section", "section du bilan"},
		{func(c *game.Card) { c.Source.Axis = 4 }, "source.axis", "axe 4"},
		{func(c *game.Card) { c.ODD = []int{18} }, "odd", "ODD 18"},
		{func(c *game.Card) { c.Time = 5 }, "time", "temps 5 s"},
		{func(c *game.Card) { c.Difficulty = 0 }, "difficulty", "difficulté 0"},
		{func(c *game.Card) { c.ID = "a b" }, "id", "identifiant"},
		{func(c *game.Card) { c.Type = game.TypeEstimation; c.Answer = 0 }, "answer", "nombre positif"},
		{func(c *game.Card) { c.Type = game.TypeEstimation; c.Answer = 3 }, "unit", "« unit » manquant"},
		{func(c *game.Card) { c.Type = game.TypeClassement; c.Items = []string{"a", "b"} }, "items", "de 3 à 5"},
		{func(c *game.Card) {
			c.Type = game.TypeAssociation
			c.Groups = []game.Group{{Name: "G", Items: []string{"a", "b"}}, {Name: "", Items: []string{"c", "d"}}}
		}, "groups.1", "groupe n°2"},
		{func(c *game.Card) { c.Type = game.TypeDefi; c.Hints = []string{"x", ""} }, "hints.1", "n°2 est vide"},
	}
	for _, tc := range cases {
		c := base
		c.Choices = append([]string(nil), base.Choices...)
		tc.edit(&c)
		ps := CheckCard(c)
		found := false
		for _, p := range ps {
			if p.Field == tc.field && strings.Contains(p.Message, tc.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("want %q on %q, got %+v", tc.msg, tc.field, ps)
		}
	}
}

// TestCheckDeckLocatesCards: a problem names the card's index.
func TestCheckDeckLocatesCards(t *testing.T) {
	d, err := ParseDeck("petit", []byte(smallDeckYAML))
	if err != nil {
		t.Fatal(err)
	}
	d.Cards[2].Unit = ""
	d.Cards[3].ID = d.Cards[0].ID
	ps := CheckDeck(d)
	if len(ps) != 2 || ps[0].Card != 2 || ps[0].Field != "unit" || ps[1].Card != 3 || ps[1].Field != "id" {
		t.Fatalf("got %+v", ps)
	}
}

// BenchmarkCheckDeck measures the editor's validation of the standard deck
// (every deck page and card save runs it):
//
//	go test -run '^$' -bench CheckDeck ./game/deckfile/
func BenchmarkCheckDeck(b *testing.B) {
	std, err := os.ReadFile("../../assets/decks/metodd-bilan-2024.yaml")
	if err != nil {
		b.Fatal(err)
	}
	d, err := ParseDeck("std", std)
	if err != nil {
		b.Fatal(err)
	}
	d.Cards[3].Prompt = "" // one problem, so the locating runs too
	b.ReportAllocs()
	for b.Loop() {
		if len(CheckDeck(d)) != 1 {
			b.Fatal("want one problem")
		}
	}
}
