package deckfile

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParseDeck feeds the loader arbitrary bytes: it must never panic, and
// either return a deck that passes its own checks or a list of errors that
// each carry a line and a message.
func FuzzParseDeck(f *testing.F) {
	f.Add([]byte(smallDeckYAML))
	f.Add([]byte(strings.Replace(smallDeckYAML, "type: qcm", "type: qcmm", 1)))
	f.Add([]byte(strings.Replace(smallDeckYAML, "    answer: 1\n", "    answer: [1]\n", 1)))
	f.Add([]byte("id: x\ntitle: y\ncards:\n  - id: a\n   type: qcm\n"))
	f.Add([]byte("id: x\n\ttitle: y\n"))
	f.Add([]byte("id: &a x\ntitle: *a\ncards: [*a]\ncommitments: {a: b}\n"))
	f.Add([]byte("- - - [\n"))
	f.Add([]byte("cards:\n  - {id: a, type: association, groups: [{name: g, items: [a, a]}, 3]}\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDeck("f.yaml", data)
		if err == nil {
			if d == nil || len(d.Cards) == 0 || len(d.Commitments) == 0 {
				t.Fatalf("accepted an incomplete deck: %+v", d)
			}
			for _, c := range d.Cards {
				if _, ok := typeFields[c.Type]; !ok || c.Engagement < 1 || c.Engagement > 15 {
					t.Fatalf("accepted a bad card: %+v", c)
				}
			}
			_ = Summary(d)
			return
		}
		var des DeckErrors
		if d != nil || !errors.As(err, &des) || len(des) == 0 {
			t.Fatalf("deck %v, err %T %v", d, err, err)
		}
		for _, e := range des {
			if e.Line < 1 || e.Message == "" || e.File != "f.yaml" {
				t.Fatalf("error without a line or message: %+v", e)
			}
		}
	})
}
