package game

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

// mkCard is a valid card of each type, with known answers: qcm choice 1 of
// 3, vrai-faux choice 0, estimation 200 agents, classement un<deux<trois<
// quatre, association {a,b} in G1 and {c,d,e} in G2.
func mkCard(id string, eng int, typ string, diff int) Card {
	c := Card{
		ID: id, Engagement: eng, Type: typ, Difficulty: diff,
		Prompt: "Question " + id, Explanation: "Parce que " + id,
		Source: Source{Axis: AxisOf(eng), Section: "Section"}, ODD: []int{eng%17 + 1},
	}
	switch typ {
	case TypeQCM:
		c.Choices, c.Answer = []string{"A", "B", "C"}, 1
	case TypeVraiFaux:
		c.Choices, c.Answer = []string{"Vrai", "Faux"}, 0
	case TypeEstimation:
		c.Answer, c.Unit = 200, "agents"
	case TypeClassement:
		c.Items = []string{"un", "deux", "trois", "quatre"}
	case TypeAssociation:
		c.Groups = []Group{{Name: "G1", Items: []string{"a", "b"}}, {Name: "G2", Items: []string{"c", "d", "e"}}}
	case TypeDefi:
		c.Hints = []string{"tri", "gourde"}
	}
	return c
}

var commitments = []Commitment{
	{ID: "gourde", Text: "J’utilise une gourde.", Engagement: 15},
	{ID: "velo", Text: "Je viens à vélo.", Engagement: 12},
	{ID: "escalier", Text: "Je prends l’escalier.", Engagement: 6},
}

// fullDeck has perEng cards for each of the 15 commitments, types and
// difficulties rotating.
func fullDeck(perEng int) *Deck {
	d := &Deck{ID: "complet", Title: "Jeu complet d’essai", Commitments: commitments}
	k := 0
	for e := 1; e <= 15; e++ {
		for j := 0; j < perEng; j++ {
			d.Cards = append(d.Cards, mkCard(fmt.Sprintf("c%02d-%d", e, j), e, CardTypes[k%len(CardTypes)], 1+k%3))
			k++
		}
	}
	return d
}

// seqDeck has one card per type given, on commitments 1, 2, 3...: a
// Standard session plays them in this order.
func seqDeck(types ...string) *Deck {
	d := &Deck{ID: "seq", Title: "Suite", Commitments: commitments}
	for i, t := range types {
		d.Cards = append(d.Cards, mkCard(fmt.Sprintf("s%d-%s", i+1, t), i+1, t, 1))
	}
	return d
}

const t0 = int64(1_750_000_000_000) // a server time in 2025, Unix ms

// harness drives a session and logs every command for replay checks.
type harness struct {
	t    *testing.T
	s    *Session
	deck *Deck
	cfg  Config
	log  []Command
	kept []Command // what the rules said to log (Effect.Log)
	now  int64
}

func newHarness(t *testing.T, d *Deck, cfg Config) *harness {
	t.Helper()
	if cfg.Format == "" {
		cfg.Format = FormatStandard
	}
	if cfg.Mode == "" {
		cfg.Mode = ModeTeam
	}
	s, err := NewSession(d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &harness{t: t, s: s, deck: d, cfg: cfg, now: t0}
}

func (h *harness) apply(c Command) (Effect, error) {
	if c.At == 0 {
		c.At = h.now
	}
	h.log = append(h.log, c)
	eff, err := h.s.Apply(c)
	if eff.Log != nil {
		h.kept = append(h.kept, *eff.Log)
	}
	return eff, err
}

// do applies a command that must be accepted.
func (h *harness) do(c Command) Effect {
	h.t.Helper()
	eff, err := h.apply(c)
	if err != nil {
		h.t.Fatalf("%s refused: %v", c.Kind, err)
	}
	return eff
}

// refused applies a command that must be refused with code, and checks it
// changed nothing.
func (h *harness) refused(c Command, code string) {
	h.t.Helper()
	before := snapshot(h.s, h.now)
	_, err := h.apply(c)
	var e *Error
	if !errors.As(err, &e) || e.Code != code {
		h.t.Fatalf("%s: got %v, want code %s", c.Kind, err, code)
	}
	if e.Message == "" || errorMessages[e.Code] == "" {
		h.t.Errorf("%s: code %s without a French message", c.Kind, e.Code)
	}
	if after := snapshot(h.s, h.now); after != before {
		h.t.Fatalf("refused %s (%s) changed the state:\nbefore %s\nafter  %s", c.Kind, code, before, after)
	}
}

func (h *harness) host(kind Kind) Effect { return h.do(Command{Kind: kind, Actor: HostActor}) }

// join makes a team (team mode) or an agent (plenary) join.
func (h *harness) join(player, team string, members ...Member) Effect {
	h.t.Helper()
	if len(members) == 0 {
		members = []Member{agent(player)}
	}
	return h.do(Command{Kind: KindJoin, Actor: player, Join: &Join{Code: "ABC123", Team: team, Members: members}})
}

func agent(name string) Member {
	return Member{FirstName: "Prénom " + name, LastName: "Nom " + name, Collectivite: "Ville de Dijon", Direction: "DRH", Category: "B"}
}

// card is the current drawn card.
func (h *harness) card() *drawnCard { return &h.s.cards[h.s.cur] }

// right is a right answer to the current card.
func (h *harness) right() *Answer {
	dc := h.card()
	a := &Answer{Card: dc.card.ID}
	switch dc.card.Type {
	case TypeQCM, TypeVraiFaux:
		c := dc.solution.Choice
		a.Choice = &c
	case TypeEstimation:
		n := dc.solution.Number
		a.Number = &n
	case TypeClassement:
		a.Order = append([]int(nil), dc.solution.Order...)
	case TypeAssociation:
		a.Groups = append([]int(nil), dc.solution.Groups...)
	case TypeDefi:
		a.Text = "Le tri et la gourde."
	}
	return a
}

// wrong is a wrong answer (base points 0 where possible).
func (h *harness) wrong() *Answer {
	dc := h.card()
	a := h.right()
	switch dc.card.Type {
	case TypeQCM, TypeVraiFaux:
		c := (dc.solution.Choice + 1) % len(dc.card.Choices)
		a.Choice = &c
	case TypeEstimation:
		n := dc.solution.Number * 10
		a.Number = &n
	case TypeClassement:
		for i, j := 0, len(a.Order)-1; i < j; i, j = i+1, j-1 {
			a.Order[i], a.Order[j] = a.Order[j], a.Order[i]
		}
	case TypeAssociation:
		for i := range a.Groups {
			a.Groups[i] = (a.Groups[i] + 1) % len(dc.view.Groups)
		}
	}
	return a
}

func (h *harness) answer(player string, a *Answer) Effect {
	h.t.Helper()
	return h.do(Command{Kind: KindAnswer, Actor: player, Answer: a})
}

// snapshot is everything observable about a session, as JSON.
func snapshot(s *Session, now int64) string {
	type all struct {
		Phase    Phase
		Deadline int64
		Host     HostView
		Teams    []TeamView
		Records  []TeamRecord
		Results  []CardResult
		Picks    []Pick
		Counted  []Member
	}
	a := all{Phase: s.Phase(), Deadline: s.Deadline(), Host: s.HostView(now), Records: s.Teams(), Results: s.Results(), Picks: s.Picks(), Counted: s.CountedMembers()}
	for _, p := range s.players {
		v, _ := s.TeamView(p.id, now)
		a.Teams = append(a.Teams, v)
	}
	b, err := json.Marshal(a)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// replay applies the logged commands to a fresh session and compares.
func (h *harness) checkReplay() {
	h.t.Helper()
	s2, err := NewSession(h.deck, h.cfg)
	if err != nil {
		h.t.Fatal(err)
	}
	for _, c := range h.log {
		_, _ = s2.Apply(c)
	}
	if a, b := snapshot(h.s, h.now), snapshot(s2, h.now); a != b {
		h.t.Fatalf("replay differs:\n%s\n%s", a, b)
	}
	// The log the server keeps (only Effect.Log, each accepted again and
	// logged again as itself) gives the same state too.
	s3, err := NewSession(h.deck, h.cfg)
	if err != nil {
		h.t.Fatal(err)
	}
	for _, c := range h.kept {
		eff, err := s3.Apply(c)
		if err != nil || eff.Log == nil {
			h.t.Fatalf("logged %s not accepted again as a change: %v (%+v)", c.Kind, err, c)
		}
		a, _ := json.Marshal(c)
		b, _ := json.Marshal(*eff.Log)
		if string(a) != string(b) {
			h.t.Fatalf("logged command changed on replay:\n%s\n%s", a, b)
		}
	}
	if a, b := snapshot(h.s, h.now), snapshot(s3, h.now); a != b {
		h.t.Fatalf("replay of the kept log differs:\n%s\n%s", a, b)
	}
}

func (h *harness) view(player string) TeamView {
	h.t.Helper()
	v, ok := h.s.TeamView(player, h.now)
	if !ok {
		h.t.Fatalf("no view for %s", player)
	}
	return v
}
