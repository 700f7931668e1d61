package game

import "sort"

// Drawing a session's cards from a deck, deterministically from the
// session's seed: the same seed gives the same cards in the same order with
// the same shuffled items, which is what makes a replay after a crash give
// the same game.

// Cards per format (PRODUCT.md: Express about 8, Standard 15, Complet about
// 24, one axis about 10).
const (
	ExpressCards           = 8
	StandardCards          = 15
	CompletCards           = 24
	AxisCardsPerEngagement = 2
)

// rng is splitmix64: tiny, and fixed forever, unlike math/rand whose
// algorithms may change between Go releases and break old replays.
type rng struct{ s uint64 }

func newRNG(seed int64) *rng { return &rng{s: uint64(seed) ^ 0x6d65744f44440a} }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn is uniform enough in [0, n) for n this small (bias < 2^-50).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// shuffle is Fisher–Yates.
func (r *rng) shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		swap(i, r.intn(i+1))
	}
}

func (r *rng) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	r.shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// drawnCard is a card as this session plays it: its items shuffled for
// display, and what scoring needs in display order.
type drawnCard struct {
	card       Card
	view       CardView // without solution
	solution   Solution
	rank       []int // classement: right position of each displayed item
	rightGroup []int // association: right group of each displayed item
	limitMs    int64
}

// drawEngagements chooses which commitments the session visits (an
// engagement appears once per card it gets), in play order: see boardLaps.
func drawEngagements(cfg Config, avail map[int]int, r *rng) []int {
	// byAxis: for each axis, its commitments that have cards, shuffled.
	byAxis := make([][]int, len(Axes))
	for _, e := range Engagements {
		if avail[e.Number] > 0 && (cfg.Format != FormatAxis || e.Axis == cfg.Axis) {
			byAxis[e.Axis-1] = append(byAxis[e.Axis-1], e.Number)
		}
	}
	for _, l := range byAxis {
		r.shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
	}
	axisOrder := r.perm(len(Axes))
	// interleaved takes one commitment of each axis in turn, so any prefix
	// of it spreads over the three axes.
	var interleaved []int
	for i := 0; ; i++ {
		added := false
		for _, a := range axisOrder {
			if i < len(byAxis[a]) {
				interleaved = append(interleaved, byAxis[a][i])
				added = true
			}
		}
		if !added {
			break
		}
	}
	used := map[int]int{}
	var out []int
	take := func(e int) {
		used[e]++
		out = append(out, e)
	}
	switch cfg.Format {
	case FormatExpress:
		for _, e := range interleaved {
			if len(out) == ExpressCards {
				break
			}
			take(e)
		}
	case FormatStandard:
		for _, e := range interleaved {
			take(e)
		}
	case FormatComplet, FormatAxis:
		target := CompletCards
		if cfg.Format == FormatAxis {
			target = AxisCardsPerEngagement * len(interleaved)
		}
		// First every commitment once, then more cards in interleaved
		// passes while the deck has some.
		for len(out) < target {
			added := false
			for _, e := range interleaved {
				if len(out) < target && used[e] < avail[e] {
					take(e)
					added = true
				}
			}
			if !added {
				break
			}
		}
	}
	return boardLaps(out)
}

// boardLaps orders the visited commitments as laps of the board: the first
// lap visits every commitment of the session once, in board order (1 → 15);
// the next lap the commitments that get a second card, in board order; and
// so on. Two cards of one commitment are then never played in a row (the
// reveal of the first would answer the second), except where the deck leaves
// no choice: see spreadOut.
func boardLaps(slots []int) []int {
	count := map[int]int{}
	var laps [][]int
	for _, e := range slots {
		count[e]++
		k := count[e] - 1
		if k == len(laps) {
			laps = append(laps, nil)
		}
		laps[k] = append(laps[k], e)
	}
	out := make([]int, 0, len(slots))
	for _, lap := range laps {
		sort.Ints(lap)
		out = append(out, lap...)
	}
	return spreadOut(out)
}

// spreadOut moves a card that follows a card of its commitment to the first
// place where no card of that commitment is beside it. Laps in board order
// only meet such a clash when a lap is a single commitment, the last of the
// lap before it (a deck where one commitment has more cards than the rest);
// a deck with one commitment only keeps its clashes. Each move removes at
// least one clash and adds none, so the loop ends.
func spreadOut(seq []int) []int {
	for i := 1; i < len(seq); i++ {
		if seq[i] != seq[i-1] {
			continue
		}
		e := seq[i]
		rest := append(append([]int(nil), seq[:i]...), seq[i+1:]...)
		for p := 0; p <= len(rest); p++ {
			if (p > 0 && rest[p-1] == e) || (p < len(rest) && rest[p] == e) {
				continue
			}
			seq = append(append(rest[:p:p], e), rest[p:]...)
			i = 0 // rescan: the move may have joined two neighbours
			break
		}
	}
	return seq
}

// drawCards picks the session's cards: for each visited commitment a card
// of it, aiming at a difficulty that rises through the session (easy first
// third, then medium, then hard) and at a mix of card types.
func drawCards(d *Deck, cfg Config, r *rng) []Card {
	pool := map[int][]int{} // engagement → indices of its cards in the deck
	avail := map[int]int{}
	for i, c := range d.Cards {
		pool[c.Engagement] = append(pool[c.Engagement], i)
		avail[c.Engagement]++
	}
	slots := drawEngagements(cfg, avail, r)
	used := make([]bool, len(d.Cards))
	typeCount := map[string]int{}
	out := make([]Card, 0, len(slots))
	prevType := ""
	for i, e := range slots {
		target := 1 + 3*i/len(slots)
		cands := append([]int(nil), pool[e]...)
		r.shuffle(len(cands), func(a, b int) { cands[a], cands[b] = cands[b], cands[a] })
		best, bestCost := -1, 0
		for _, ci := range cands {
			if used[ci] {
				continue
			}
			c := d.Cards[ci]
			diff := c.Difficulty - target
			if diff < 0 {
				diff = -diff
			}
			cost := 2*diff + typeCount[c.Type]
			if c.Type == prevType {
				cost += 2
			}
			if best < 0 || cost < bestCost {
				best, bestCost = ci, cost
			}
		}
		if best < 0 {
			continue
		}
		used[best] = true
		c := d.Cards[best]
		typeCount[c.Type]++
		prevType = c.Type
		out = append(out, c)
	}
	return out
}

// prepare shuffles a card's items for display and computes its solution in
// display order.
func prepare(c Card, r *rng) drawnCard {
	dc := drawnCard{card: c, limitMs: int64(CardTime(c)) * 1000}
	dc.view = CardView{
		ID: c.ID, Engagement: c.Engagement, Type: c.Type, Difficulty: c.Difficulty,
		Prompt: c.Prompt, Choices: c.Choices, Unit: c.Unit,
	}
	dc.solution = Solution{Explanation: c.Explanation, Source: c.Source, ODD: c.ODD}
	switch c.Type {
	case TypeQCM, TypeVraiFaux:
		dc.solution.Choice = int(c.Answer)
	case TypeEstimation:
		dc.solution.Number = c.Answer
	case TypeClassement:
		n := len(c.Items)
		p := r.perm(n)
		// Never show the right order as the starting order.
		for tries := 0; isIdentity(p) && n > 1 && tries < 16; tries++ {
			p = r.perm(n)
		}
		dc.view.Items = make([]string, n)
		dc.rank = make([]int, n)
		dc.solution.Order = make([]int, n)
		for i, k := range p {
			dc.view.Items[i] = c.Items[k]
			dc.rank[i] = k
			dc.solution.Order[k] = i
		}
	case TypeAssociation:
		var items []string
		var groups []int
		for g, grp := range c.Groups {
			dc.view.Groups = append(dc.view.Groups, grp.Name)
			for _, it := range grp.Items {
				items = append(items, it)
				groups = append(groups, g)
			}
		}
		p := r.perm(len(items))
		dc.view.Items = make([]string, len(items))
		dc.rightGroup = make([]int, len(items))
		for i, k := range p {
			dc.view.Items[i] = items[k]
			dc.rightGroup[i] = groups[k]
		}
		dc.solution.Groups = dc.rightGroup
	case TypeDefi:
		dc.solution.Hints = c.Hints
	}
	return dc
}

func isIdentity(p []int) bool {
	for i, v := range p {
		if i != v {
			return false
		}
	}
	return true
}
