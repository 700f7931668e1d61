package game

import (
	"fmt"
	"strings"
)

// CONTRACT STUB: the rules work replaces the bodies, keeping the signatures.

// DeckError is one problem in a deck file, in French for the RSO cell.
type DeckError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Card    string `json:"card,omitempty"`
	Message string `json:"message"`
}

func (e DeckError) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d", e.File, e.Line)
	if e.Card != "" {
		fmt.Fprintf(&b, " (carte %s)", e.Card)
	}
	fmt.Fprintf(&b, " : %s", e.Message)
	return b.String()
}

// DeckErrors is every problem found in a deck; ParseDeck returns all of them
// at once.
type DeckErrors []DeckError

func (es DeckErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.String()
	}
	return strings.Join(lines, "\n")
}

// ParseDeck reads and validates a YAML deck. file names it in errors. On
// any problem it returns DeckErrors listing them all.
func ParseDeck(file string, data []byte) (*Deck, error) { panic("rules: not implemented") }

// Summary describes a valid deck in French: cards per commitment and per
// type, commitments offered.
func (d *Deck) Summary() string { panic("rules: not implemented") }

// IdentityKey is the normalised identity an agent is counted by: first and
// last name and collectivité, case, accents and spaces folded.
func IdentityKey(m Member) string { panic("rules: not implemented") }
