package bot

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"metodd/assets"
	"metodd/game"
	"metodd/game/deckfile"
)

// shownAs builds the CardView a server could show for c: items, groups and
// choices shuffled, no solution.
func shownAs(c game.Card, r *rand.Rand) *game.CardView {
	v := &game.CardView{ID: c.ID, Type: c.Type, Choices: slices.Clone(c.Choices)}
	r.Shuffle(len(v.Choices), func(i, j int) { v.Choices[i], v.Choices[j] = v.Choices[j], v.Choices[i] })
	switch c.Type {
	case game.TypeClassement:
		v.Items = slices.Clone(c.Items)
	case game.TypeAssociation:
		for _, g := range c.Groups {
			v.Groups = append(v.Groups, g.Name)
			v.Items = append(v.Items, g.Items...)
		}
		r.Shuffle(len(v.Groups), func(i, j int) { v.Groups[i], v.Groups[j] = v.Groups[j], v.Groups[i] })
	}
	r.Shuffle(len(v.Items), func(i, j int) { v.Items[i], v.Items[j] = v.Items[j], v.Items[i] })
	return v
}

// isRight checks a against c as the rules define a fully right answer.
func isRight(c game.Card, v *game.CardView, a game.Answer) error {
	switch c.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		if a.Choice == nil || v.Choices[*a.Choice] != c.Choices[int(c.Answer)] {
			return fmt.Errorf("choice %v", a.Choice)
		}
	case game.TypeEstimation:
		if a.Number == nil || *a.Number != c.Answer {
			return fmt.Errorf("number %v", a.Number)
		}
	case game.TypeClassement:
		for i, idx := range a.Order {
			if v.Items[idx] != c.Items[i] {
				return fmt.Errorf("order %v", a.Order)
			}
		}
	case game.TypeAssociation:
		for i, g := range a.Groups {
			if !slices.Contains(c.Groups[slices.Index(groupNames(c), v.Groups[g])].Items, v.Items[i]) {
				return fmt.Errorf("groups %v", a.Groups)
			}
		}
	}
	return nil
}

func groupNames(c game.Card) []string {
	var n []string
	for _, g := range c.Groups {
		n = append(n, g.Name)
	}
	return n
}

func TestBotAnswersEveryStandardCardRight(t *testing.T) {
	d, err := deckfile.ParseDeck(assets.StandardDeckFile, assets.StandardDeck())
	if err != nil {
		t.Fatal(err)
	}
	p := newPlayer(PlayerConfig{Deck: d, Accuracy: 1})
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range d.Cards {
		for range 3 {
			v := shownAs(c, r)
			if err := isRight(c, v, p.answer(v)); err != nil {
				t.Errorf("card %s (%s): not right: %v", c.ID, c.Type, err)
			}
		}
	}
}
