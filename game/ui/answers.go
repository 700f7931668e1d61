package ui

import (
	"fmt"
	"strings"

	"metodd/game"
)

// solutionText is the right answer of a revealed card as a title and a
// body, for both roles.
func solutionText(card *game.CardView) (string, string) {
	sol := card.Solution
	if sol == nil {
		return "", ""
	}
	switch card.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		if sol.Choice >= 0 && sol.Choice < len(card.Choices) {
			return msgRightAnswer, fmt.Sprintf("%c. %s", 'A'+sol.Choice, card.Choices[sol.Choice])
		}
	case game.TypeEstimation:
		return msgRightAnswer, strings.TrimSpace(formatNumber(sol.Number) + " " + card.Unit)
	case game.TypeClassement:
		var lines []string
		for i, idx := range sol.Order {
			if idx >= 0 && idx < len(card.Items) {
				lines = append(lines, fmt.Sprintf("%d. %s", i+1, card.Items[idx]))
			}
		}
		return msgRightOrder, strings.Join(lines, "\n")
	case game.TypeAssociation:
		var lines []string
		for g, name := range card.Groups {
			var items []string
			for i, gi := range sol.Groups {
				if gi == g && i < len(card.Items) {
					items = append(items, card.Items[i])
				}
			}
			lines = append(lines, name+"\u00a0: "+strings.Join(items, ", "))
		}
		return msgRightGroups, strings.Join(lines, "\n")
	case game.TypeDefi:
		var lines []string
		for _, h := range sol.Hints {
			lines = append(lines, "• "+h)
		}
		return msgHints, strings.Join(lines, "\n")
	}
	return "", ""
}

// answerText is a team's answer in words.
func answerText(card *game.CardView, ans *game.Answer) string {
	if ans == nil || card == nil {
		return msgNoAnswer
	}
	switch {
	case ans.Choice != nil && *ans.Choice >= 0 && *ans.Choice < len(card.Choices):
		return fmt.Sprintf("%c. %s", 'A'+*ans.Choice, card.Choices[*ans.Choice])
	case ans.Number != nil:
		return strings.TrimSpace(formatNumber(*ans.Number) + " " + card.Unit)
	case len(ans.Order) > 0:
		var parts []string
		for _, i := range ans.Order {
			if i >= 0 && i < len(card.Items) {
				parts = append(parts, card.Items[i])
			}
		}
		return strings.Join(parts, " › ")
	case len(ans.Groups) > 0:
		return fmt.Sprintf("%d éléments placés", len(ans.Groups))
	case ans.Text != "":
		return "«\u00a0" + ans.Text + "\u00a0»"
	}
	return msgNoAnswer
}

// moveItem moves the element at from to position to, shifting the rest.
func moveItem(order []int, from, to int) []int {
	if from < 0 || from >= len(order) || to < 0 || to >= len(order) || from == to {
		return order
	}
	v := order[from]
	out := append([]int{}, order[:from]...)
	out = append(out, order[from+1:]...)
	out = append(out[:to], append([]int{v}, out[to:]...)...)
	return out
}
