package bot

import (
	"fmt"
	"math/rand/v2"

	"metodd/game"
)

// Names the bots use, French and accented so every screen and the identity
// folding get exercised. No two entries of a list fold to the same key
// (case, accents, spaces), so every (first, last, collectivité) triple is a
// distinct agent.
var (
	teamWords = []string{
		"Bourgogne", "Moutarde", "Chouette", "Cassis", "Pain d'épices", "Kir",
		"Gougère", "Darcy", "Liberté", "Morvan", "Côte-d'Or", "Suzon", "Ouche",
		"Toison d'or", "Jacquemart", "Clos-Vougeot",
	}
	firstNames = []string{
		"Zoé", "Chloé", "Hélène", "Jérôme", "Cédric", "Anaïs", "Noémie", "Gaël",
		"Léa", "Théo", "Inès", "Raphaël", "Frédéric", "Agnès", "Céline", "Benoît",
		"Maëlle", "Joël", "Élodie", "Loïc",
	}
	lastNames = []string{
		"Lefèvre", "Bérard", "Durand", "Gauthier", "Mérieux", "Chevalier",
		"Rémond", "Fournier", "Lécuyer", "Barbier", "Giraud", "Noël", "Pâris",
		"Dupré", "Évrard", "Mathé", "Bonnefoy", "Courtépée", "Févret", "Guérin",
	}
	directions = []string{
		"Direction des systèmes d'information", "Direction des espaces verts",
		"Direction de la culture", "Direction des finances",
		"Direction de la propreté urbaine", "Action sociale (CCAS)",
		"Direction des mobilités", "Direction de l'eau et de l'assainissement",
	}
	palette = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"}
)

// TeamName is the deterministic name of team i (0-based): "Équipe
// Bourgogne 1", "Équipe Moutarde 2", ...
func TeamName(seed int64, i int) string {
	words := shuffled(seed, len(teamWords))
	return fmt.Sprintf("Équipe %s %d", teamWords[words[i%len(words)]], i+1)
}

// TeamColor is a colour for team i, from a colour-blind-safe palette.
func TeamColor(i int) string { return palette[i%len(palette)] }

// Agents returns the first n agents of the sequence that seed draws. The
// sequence is prefix-stable: Agents(s, 12) is Agents(s, 18)[:12], so two
// rosters drawn from windows of it overlap exactly where the windows do.
// Every agent has a distinct identity; past the len(firstNames) ×
// len(lastNames) × len(game.Collectivites) distinct triples, last names get
// a number.
func Agents(seed int64, n int) []game.Member { return AgentsFrom(seed, 0, n) }

// AgentsFrom is Agents(seed, from+n)[from:] without building the first
// from agents (the load tool takes a window far into the sequence for each
// of a thousand sessions).
func AgentsFrom(seed int64, from, n int) []game.Member {
	per := len(firstNames) * len(lastNames) * len(game.Collectivites)
	order := shuffled(seed, per)
	r := rand.New(rand.NewPCG(uint64(seed), 0xa6e175))
	for range from { // the draws of the agents skipped, in the same order
		r.IntN(len(game.Categories) + 1)
		r.IntN(len(directions))
	}
	out := make([]game.Member, n)
	for j := range n {
		i := from + j
		k := order[i%per]
		f := k % len(firstNames)
		l := (k / len(firstNames)) % len(lastNames)
		c := k / (len(firstNames) * len(lastNames))
		last := lastNames[l]
		if round := i / per; round > 0 {
			last = fmt.Sprintf("%s %d", last, round+1)
		}
		cat := ""
		if j := r.IntN(len(game.Categories) + 1); j < len(game.Categories) {
			cat = game.Categories[j]
		}
		out[j] = game.Member{
			FirstName:    firstNames[f],
			LastName:     last,
			Collectivite: game.Collectivites[c],
			Direction:    directions[r.IntN(len(directions))],
			Category:     cat,
		}
	}
	return out
}

// shuffled is a permutation of 0..n-1 drawn from seed.
func shuffled(seed int64, n int) []int {
	r := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	return r.Perm(n)
}
