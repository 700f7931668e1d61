package game

import "fmt"

// AnyAnswer is a valid (not necessarily right) answer to a card of this
// type with these numbers of choices, items and groups, varied by pick:
// what the load tool's lean players and the tests send when the answer's
// content does not matter.
func AnyAnswer(cardID, cardType string, choices, items, groups, pick int) Answer {
	a := Answer{Card: cardID}
	switch cardType {
	case TypeQCM, TypeVraiFaux:
		ch := pick % max(choices, 1)
		a.Choice = &ch
	case TypeEstimation:
		n := float64(10 * (pick + 1))
		a.Number = &n
	case TypeClassement:
		for i := range items {
			a.Order = append(a.Order, i)
		}
	case TypeAssociation:
		for range items {
			a.Groups = append(a.Groups, pick%max(groups, 1))
		}
	case TypeDefi:
		a.Text = fmt.Sprintf("Éteindre la lumière, trier ses déchets, prendre le vélo (%d)", pick)
	}
	return a
}
