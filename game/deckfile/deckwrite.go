package deckfile

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"

	"metodd/game"
)

// The deck editor (server/dashboard) keeps decks as game.Deck values and
// needs three things from the loader: write a deck back to YAML (export and
// publish), validate a deck or a single card with the loader's own rules and
// French messages, and know which field each problem is about, to show it
// beside that field. All three go through ParseDeck, so there is one set of
// rules.

// MarshalDeck writes d in the format ParseDeck reads (docs/deck-format.md),
// with the fields of each card in the documented order and only the fields
// of its type. ParseDeck(MarshalDeck(d)) gives back d for any deck ParseDeck
// accepted.
func MarshalDeck(d *game.Deck) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(deckNode(d)); err != nil {
		return nil, fmt.Errorf("deckfile: write deck %q: %w", d.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func intNode(i int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(i)}
}

// numNode writes a number as an integer when it is one, so that
// "answer: 710405" stays as the cell wrote it.
func numNode(f float64) *yaml.Node {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatFloat(f, 'f', -1, 64)}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(f, 'g', -1, 64)}
}

func mapping(kv ...any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i+1 < len(kv); i += 2 {
		m.Content = append(m.Content, str(kv[i].(string)), kv[i+1].(*yaml.Node))
	}
	return m
}

func strList(list []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, s := range list {
		n.Content = append(n.Content, str(s))
	}
	return n
}

func deckNode(d *game.Deck) *yaml.Node {
	cards := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, c := range d.Cards {
		cards.Content = append(cards.Content, cardNode(c))
	}
	commits := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, c := range d.Commitments {
		commits.Content = append(commits.Content, mapping("id", str(c.ID), "text", str(c.Text), "engagement", intNode(c.Engagement)))
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{
		mapping("id", str(d.ID), "title", str(d.Title), "cards", cards, "commitments", commits),
	}}
}

func cardNode(c game.Card) *yaml.Node {
	odd := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	for _, o := range c.ODD {
		odd.Content = append(odd.Content, intNode(o))
	}
	src := mapping("axis", intNode(c.Source.Axis), "section", str(c.Source.Section))
	if c.Source.Heading != "" {
		src.Content = append(src.Content, str("heading"), str(c.Source.Heading))
	}
	n := mapping("id", str(c.ID), "engagement", intNode(c.Engagement), "type", str(c.Type),
		"difficulty", intNode(c.Difficulty), "prompt", str(c.Prompt), "explanation", str(c.Explanation),
		"source", src, "odd", odd)
	if c.Time != 0 {
		n.Content = append(n.Content, str("time"), intNode(c.Time))
	}
	add := func(k string, v *yaml.Node) { n.Content = append(n.Content, str(k), v) }
	switch c.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		add("choices", strList(c.Choices))
		add("answer", numNode(c.Answer))
	case game.TypeEstimation:
		add("answer", numNode(c.Answer))
		add("unit", str(c.Unit))
	case game.TypeClassement:
		add("items", strList(c.Items))
	case game.TypeAssociation:
		groups := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, g := range c.Groups {
			groups.Content = append(groups.Content, mapping("name", str(g.Name), "items", strList(g.Items)))
		}
		add("groups", groups)
	case game.TypeDefi:
		add("hints", strList(c.Hints))
	default:
		// An unknown type keeps every field it carries, so the validator
		// reports the type and nothing is lost.
		if len(c.Choices) > 0 {
			add("choices", strList(c.Choices))
		}
		if len(c.Items) > 0 {
			add("items", strList(c.Items))
		}
		if len(c.Hints) > 0 {
			add("hints", strList(c.Hints))
		}
	}
	return n
}

// Problem is one problem of a deck, located for the editor: Card is the
// index of the card (-1 for the deck itself or a personal commitment),
// Commitment the index of a personal commitment (-1 otherwise), and Field
// the field at fault as the editor's forms name it: "prompt",
// "source.section", "choices.2", "groups.1.items.0", "answer"… ("" when
// the problem is about the whole card or deck).
type Problem struct {
	Card       int    `json:"card"`
	Commitment int    `json:"commitment"`
	Field      string `json:"field"`
	Message    string `json:"message"`
}

// CheckDeck validates d with ParseDeck's rules and messages and locates
// each problem. It returns nil for a deck ParseDeck accepts.
func CheckDeck(d *game.Deck) []Problem {
	data, err := MarshalDeck(d)
	if err != nil {
		return []Problem{{Card: -1, Commitment: -1, Message: err.Error()}}
	}
	_, err = ParseDeck("", data)
	if err == nil {
		return nil
	}
	var des DeckErrors
	if !errors.As(err, &des) {
		return []Problem{{Card: -1, Commitment: -1, Message: err.Error()}}
	}
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root) // it parsed above
	locs := map[int]Problem{}
	if len(root.Content) > 0 {
		locateDeck(root.Content[0], locs)
	}
	out := make([]Problem, 0, len(des))
	for _, e := range des {
		p, ok := locs[e.Line]
		if !ok {
			p = Problem{Card: -1, Commitment: -1}
		}
		p.Message = e.Message
		out = append(out, p)
	}
	return out
}

// locateDeck maps each line of the written deck to what it holds; the
// first thing on a line wins (a card's first line is its id).
func locateDeck(doc *yaml.Node, locs map[int]Problem) {
	at := func(line, card, commit int, field string) {
		if _, ok := locs[line]; !ok {
			locs[line] = Problem{Card: card, Commitment: commit, Field: field}
		}
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "cards":
			for ci, c := range v.Content {
				locateMap(c, "", func(line int, field string) { at(line, ci, -1, field) })
			}
		case "commitments":
			for mi, c := range v.Content {
				locateMap(c, "", func(line int, field string) { at(line, -1, mi, field) })
			}
		default:
			at(k.Line, -1, -1, k.Value)
		}
	}
}

func locateMap(m *yaml.Node, prefix string, at func(line int, field string)) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		name := prefix + k.Value
		at(k.Line, name)
		switch v.Kind {
		case yaml.MappingNode:
			locateMap(v, name+".", at)
		case yaml.SequenceNode:
			for j, it := range v.Content {
				item := name + "." + strconv.Itoa(j)
				at(it.Line, item)
				if it.Kind == yaml.MappingNode {
					locateMap(it, item+".", at)
				}
			}
		}
		at(v.Line, name)
	}
	at(m.Line, "")
}

// CheckCard validates one card alone (not its id's uniqueness in a deck),
// with the loader's rules, for the editor's live feedback.
func CheckCard(c game.Card) []Problem {
	d := &game.Deck{ID: "x", Title: "x", Cards: []game.Card{c},
		Commitments: []game.Commitment{{ID: "x", Text: "x", Engagement: 1}}}
	var out []Problem
	for _, p := range CheckDeck(d) {
		if p.Card == 0 {
			out = append(out, p)
		}
	}
	return out
}

// FieldNumberMessage is the loader's message for a form field that should
// hold a number (integer when whole) but holds raw.
func FieldNumberMessage(field, raw string, whole bool) string {
	if whole {
		return fmt.Sprintf(msgWantInt, field, raw)
	}
	return fmt.Sprintf(msgWantNumber, field, raw)
}
