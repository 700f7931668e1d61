// Package bot plays mét'ODD sessions through game/client, as teams, agents
// or the host: for demos, end-to-end tests and load. cmd/metodd-bot is its
// command line.
//
// A bot only knows what a person at the screen would: the views the server
// sends. To answer right with a given accuracy it looks the card up by id in
// the deck it was given (the file a person could read), never in the
// Solution, which arrives only after the reveal.
package bot

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"metodd/game"
	"metodd/game/client"
)

// resendAfter is how long a bot waits for its answer or commitment to show
// in its view before sending it again: long enough for any loopback or LAN
// round trip, short enough that a command lost in a reconnection is
// replaced well before the card's timer.
const resendAfter = 3 * time.Second

// PlayerConfig is how a team or agent bot plays.
type PlayerConfig struct {
	// Deck gives the right answers by card id; nil answers at random.
	Deck *game.Deck
	// DelayMin and DelayMax bound the time to answer after a card opens.
	DelayMin, DelayMax time.Duration
	// Accuracy is the share of cards answered right (0–1), when Deck knows
	// the card.
	Accuracy float64
	// Seed draws the delays, the right/wrong coin and the wrong answers.
	Seed int64
	// Stats, when set, collects timings.
	Stats *Stats
	// Hold, when set and true for a view, keeps the bot from answering it
	// yet (tests use it to keep a card open). Re-checked at every change
	// and every HoldPoll.
	Hold func(*game.TeamView) bool
}

// Outcome is how a player bot's session ended.
type Outcome struct {
	PlayerID string
	TeamID   string
	Score    int
	Rank     int
	Answers  int
	Phase    game.Phase // the last phase seen: closed, ended, or where it stopped
	Bye      *game.Bye
	Campaign *game.Campaign
}

// Play answers every card and picks the commitments on conn (a team or
// agent connection) until the session is closed or ended, the Conn stops,
// or ctx is done.
func Play(ctx context.Context, conn *client.Conn, cfg PlayerConfig) (Outcome, error) {
	p := newPlayer(cfg)
	var out Outcome
	var w waker
	defer w.stop()
	for {
		ch := conn.Changed()
		s := conn.Snapshot()
		if s.Team != nil {
			v := s.Team
			out.PlayerID, out.TeamID, out.Score, out.Rank = v.PlayerID, v.TeamID, v.Score, v.Rank
			out.Phase, out.Campaign = v.Session.Phase, v.Campaign
			if cfg.Stats != nil && v.Session.Phase == game.PhaseCardOpen && !p.seen[v.Session.CardIndex] {
				p.seen[v.Session.CardIndex] = true
				cfg.Stats.sawOpen(v.Session.Code, v.Session.CardIndex, s.ViewAt)
			}
		}
		out.Bye = s.Bye
		if out.Phase.Over() {
			out.Answers = p.answers
			return out, nil
		}
		if s.Status == client.StatusClosed {
			out.Answers = p.answers
			if s.Bye != nil && s.Bye.Reason == game.ByeClosed {
				return out, nil
			}
			return out, closedError(s)
		}
		var wake time.Duration = -1
		if s.Status == client.StatusConnected && s.Team != nil {
			wake = p.step(conn, s, time.Now())
		}
		if err := w.wait(ctx, ch, wake); err != nil {
			out.Answers = p.answers
			return out, err
		}
	}
}

func closedError(s client.State) error {
	switch {
	case s.Bye != nil:
		return errors.New("bye " + string(s.Bye.Reason) + ": " + s.Bye.Message)
	case s.Error != nil:
		return errors.New(s.Error.Code + ": " + s.Error.Message)
	case s.LastErr != nil:
		return s.LastErr
	}
	return client.ErrClosed
}

type player struct {
	cfg     PlayerConfig
	rng     *rand.Rand
	cards   map[string]*game.Card
	answers int
	seen    map[int]bool // cards seen open, for Stats

	// The card being answered: when the answer is due, and when it was
	// last sent (zero: not yet).
	card   string
	due    time.Time
	sentAt time.Time
	commit time.Time // when the commitments were last sent
}

func newPlayer(cfg PlayerConfig) *player {
	p := &player{cfg: cfg, rng: rand.New(rand.NewPCG(uint64(cfg.Seed), 0xb07)), cards: map[string]*game.Card{}, seen: map[int]bool{}}
	if cfg.Deck != nil {
		for i := range cfg.Deck.Cards {
			p.cards[cfg.Deck.Cards[i].ID] = &cfg.Deck.Cards[i]
		}
	}
	return p
}

// step acts on the latest state and returns when to look again without a
// change (-1: only on a change).
func (p *player) step(conn *client.Conn, s client.State, now time.Time) time.Duration {
	v := s.Team
	// Our answer shows in the view (the card may have closed with it, when
	// it was the last one the card waited for).
	if v.Card != nil && v.Answer != nil && v.Answer.Card == v.Card.ID && p.card == v.Card.ID {
		if !p.sentAt.IsZero() {
			if p.cfg.Stats != nil {
				p.cfg.Stats.answered(now.Sub(p.sentAt))
			}
			p.answers++
		}
		p.sentAt = time.Time{}
		p.card = "-" + v.Card.ID // answered: nothing more to do
	}
	switch v.Session.Phase {
	case game.PhaseCardOpen:
		if v.Card == nil {
			return -1
		}
		if v.Answer != nil && v.Answer.Card == v.Card.ID {
			return -1
		}
		if p.card == "-"+v.Card.ID {
			return -1
		}
		if p.card != v.Card.ID {
			p.card, p.sentAt = v.Card.ID, time.Time{}
			p.due = now.Add(p.delay())
		}
		if now.Before(p.due) {
			return p.due.Sub(now)
		}
		if p.cfg.Hold != nil && p.cfg.Hold(v) {
			return HoldPoll
		}
		if !p.sentAt.IsZero() && now.Sub(p.sentAt) < resendAfter {
			return resendAfter - now.Sub(p.sentAt)
		}
		a := p.answer(v.Card)
		if err := conn.Send(game.KindAnswer, client.Payload{Answer: &a}); err != nil {
			return resendAfter
		}
		p.sentAt = now
		return resendAfter
	case game.PhaseCommitments:
		if len(v.Commitments) == 0 || len(v.Chosen) > 0 {
			return -1
		}
		if !p.commit.IsZero() && now.Sub(p.commit) < resendAfter {
			return resendAfter - now.Sub(p.commit)
		}
		picks := p.picks(v)
		if len(picks) == 0 {
			return -1
		}
		if conn.Send(game.KindCommit, client.Payload{Chosen: picks}) == nil {
			p.commit = now
		}
		return resendAfter
	}
	return -1
}

func (p *player) delay() time.Duration {
	lo, hi := p.cfg.DelayMin, max(p.cfg.DelayMax, p.cfg.DelayMin)
	if hi == lo {
		return lo
	}
	return lo + time.Duration(p.rng.Int64N(int64(hi-lo)))
}

// picks chooses a personal commitment for each member this device speaks
// for: the whole roster of a team; in plenary, the agent alone (the first
// member, the one it joined with).
func (p *player) picks(v *game.TeamView) []game.MemberPick {
	n := len(v.Members)
	if v.Session.Mode == game.ModePlenary {
		n = min(n, 1)
	}
	var out []game.MemberPick
	for i := range n {
		c := v.Commitments[p.rng.IntN(len(v.Commitments))]
		out = append(out, game.MemberPick{Member: i, Commitment: c.ID})
	}
	return out
}

// answer builds the bot's answer to cv: right with probability Accuracy
// when the deck knows the card, otherwise wrong (or random).
func (p *player) answer(cv *game.CardView) game.Answer {
	card := p.cards[cv.ID]
	right := card != nil && p.rng.Float64() < p.cfg.Accuracy
	a := game.Answer{Card: cv.ID}
	switch cv.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		n := max(len(cv.Choices), 1)
		good := -1
		if card != nil {
			good = indexOfFold(cv.Choices, choiceText(card))
		}
		c := p.rng.IntN(n)
		switch {
		case right && good >= 0:
			c = good
		case good >= 0 && n > 1:
			c = (good + 1 + p.rng.IntN(n-1)) % n
		}
		a.Choice = &c
	case game.TypeEstimation:
		x := 100.0
		if card != nil {
			x = card.Answer
			if !right {
				x *= []float64{0.1, 0.4, 3, 12}[p.rng.IntN(4)]
			}
		} else {
			x = math.Round(math.Pow(10, 1+3*p.rng.Float64()))
		}
		a.Number = &x
	case game.TypeClassement:
		order := p.rng.Perm(len(cv.Items))
		if card != nil {
			good := make([]int, 0, len(card.Items))
			for _, it := range card.Items {
				if j := indexOfFold(cv.Items, it); j >= 0 {
					good = append(good, j)
				}
			}
			if len(good) == len(cv.Items) {
				order = good
				if !right {
					order = append([]int(nil), good...)
					for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
						order[i], order[j] = order[j], order[i]
					}
				}
			}
		}
		a.Order = order
	case game.TypeAssociation:
		groups := make([]int, len(cv.Items))
		for i := range groups {
			groups[i] = p.rng.IntN(max(len(cv.Groups), 1))
		}
		if card != nil {
			ok := true
			for i, it := range cv.Items {
				g := groupOf(card, cv.Groups, it)
				if g < 0 {
					ok = false
					break
				}
				groups[i] = g
			}
			if ok && !right && len(cv.Groups) > 1 {
				for i := range groups {
					groups[i] = (groups[i] + 1) % len(cv.Groups)
				}
			}
		}
		a.Groups = groups
	case game.TypeDefi:
		if card != nil && len(card.Hints) > 0 && right {
			a.Text = strings.Join(card.Hints, " ; ")
		} else {
			a.Text = "Éteindre la lumière en partant, imprimer moins, venir à vélo."
		}
	}
	return a
}

// choiceText is the text of a QCM or vrai/faux card's right choice.
func choiceText(c *game.Card) string {
	i := int(c.Answer)
	if i >= 0 && i < len(c.Choices) {
		return c.Choices[i]
	}
	return ""
}

// groupOf is the index in shown of the group that item belongs to in card.
func groupOf(card *game.Card, shown []string, item string) int {
	for _, g := range card.Groups {
		for _, it := range g.Items {
			if strings.EqualFold(strings.TrimSpace(it), strings.TrimSpace(item)) {
				return indexOfFold(shown, g.Name)
			}
		}
	}
	return -1
}

func indexOfFold(list []string, s string) int {
	s = strings.TrimSpace(s)
	for i, x := range list {
		if strings.EqualFold(strings.TrimSpace(x), s) {
			return i
		}
	}
	return -1
}

// Stats collects timings from many bots at once.
type Stats struct {
	mu        sync.Mutex
	latencies []time.Duration // answer sent → the bot's view shows it
	opened    map[cardKey]time.Time
	lastSeen  map[cardKey]time.Time // the last bot's first sighting of the card
	refused   atomic.Int64          // upgrades the server refused, then tried again
}

type cardKey struct {
	code string
	card int
}

// Refused records an upgrade the server refused (429, 503) that the
// player then tried again (the load tool's lean players).
func (st *Stats) Refused() { st.refused.Add(1) }

// Refusals is how many upgrades were refused, then tried again.
func (st *Stats) Refusals() int64 { return st.refused.Load() }

// NewStats returns an empty collector.
func NewStats() *Stats {
	return &Stats{opened: map[cardKey]time.Time{}, lastSeen: map[cardKey]time.Time{}}
}

func (st *Stats) answered(d time.Duration) {
	st.mu.Lock()
	st.latencies = append(st.latencies, d)
	st.mu.Unlock()
}

// Answered records one answer round trip measured by a player of its own
// (the load tool's lean players).
func (st *Stats) Answered(d time.Duration) { st.answered(d) }

// SawOpen records a player's first sighting of card k of session code
// (the load tool's lean players).
func (st *Stats) SawOpen(code string, k int, at time.Time) { st.sawOpen(code, k, at) }

// Opening records when the host of session code asked for card k to open.
func (st *Stats) Opening(code string, k int, at time.Time) {
	st.mu.Lock()
	if _, ok := st.opened[cardKey{code, k}]; !ok {
		st.opened[cardKey{code, k}] = at
	}
	st.mu.Unlock()
}

// sawOpen records one bot's first sighting of card k of session code.
func (st *Stats) sawOpen(code string, k int, at time.Time) {
	st.mu.Lock()
	key := cardKey{code, k}
	if at.After(st.lastSeen[key]) {
		st.lastSeen[key] = at
	}
	st.mu.Unlock()
}

// Latencies returns the answer round trips seen so far.
func (st *Stats) Latencies() []time.Duration {
	st.mu.Lock()
	defer st.mu.Unlock()
	return append([]time.Duration(nil), st.latencies...)
}

// Fanouts returns, per card opened by a host that called Opening, the time
// from the host's request to the last bot seeing the card open.
func (st *Stats) Fanouts() []time.Duration {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []time.Duration
	for k, o := range st.opened {
		if l, ok := st.lastSeen[k]; ok {
			out = append(out, l.Sub(o))
		}
	}
	return out
}
