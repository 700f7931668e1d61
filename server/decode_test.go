package server

import (
	"encoding/json"
	"testing"
)

// TestDecodeError checks the French detail of a message whose data does not
// decode: a number out of range is said to be one, and each expected type
// agrees in gender (« liste attendue »).
func TestDecodeError(t *testing.T) {
	for raw, want := range map[string]string{
		`{"answer":{"number":1e400}}`:  "champ « answer.number » : nombre invalide ou hors limites",
		`{"seconds":1.5}`:              "champ « seconds » : nombre invalide ou hors limites",
		`{"seconds":"dix"}`:            "champ « seconds » : nombre attendu",
		`{"members":"Ana"}`:            "champ « members » : liste attendue",
		`{"teamId":3}`:                 "champ « teamId » : texte attendu",
		`{"answer":[1]}`:               "champ « answer » : objet attendu",
		`{"answer":{"order":[true]}}`:  "champ « answer.order » : nombre attendu",
		`{"chosen":[{"member":"un"}]}`: "champ « chosen.member » : nombre attendu",
	} {
		var p payload
		err := json.Unmarshal([]byte(raw), &p)
		if err == nil {
			t.Fatalf("%s decoded", raw)
		}
		if got := decodeError(err); got != want {
			t.Errorf("%s: %q, want %q", raw, got, want)
		}
	}
}
