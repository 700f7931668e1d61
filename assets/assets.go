// Package assets embeds the card decks shipped with mét'ODD, so the server
// and the deck checker can read them without files beside the binary.
//
// The decks are YAML files under decks/ (format: docs/deck-format.md). This
// package only holds bytes: parsing and validation are deckfile.ParseDeck's job.
package assets

import (
	"embed"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed decks/*.yaml
var decks embed.FS

// DecksDir is the folder of the embedded deck files, inside DeckFiles.
const DecksDir = "decks"

// StandardDeckFile is the file name of the standard deck, "mét'ODD — bilan
// RSO 2024", drawn from the organisation's 2024 RSO report.
const StandardDeckFile = "metodd-bilan-2024.yaml"

// DeckFiles returns the embedded deck files, rooted at the decks folder
// (names are like "metodd-bilan-2024.yaml").
func DeckFiles() fs.FS {
	sub, err := fs.Sub(decks, DecksDir)
	if err != nil {
		// fs.Sub fails only on an invalid path; DecksDir is a constant.
		panic("assets: " + err.Error())
	}
	return sub
}

// DeckNames lists the embedded deck file names, sorted.
func DeckNames() []string {
	entries, err := decks.ReadDir(DecksDir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".yaml") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// Deck returns the bytes of the embedded deck file name, or false when there
// is no such deck.
func Deck(name string) ([]byte, bool) {
	if name != path.Base(name) {
		return nil, false
	}
	data, err := decks.ReadFile(path.Join(DecksDir, name))
	if err != nil {
		return nil, false
	}
	return data, true
}

// StandardDeck returns the bytes of the standard deck.
func StandardDeck() []byte {
	data, ok := Deck(StandardDeckFile)
	if !ok {
		// The file is embedded at build time; missing means a broken build.
		panic("assets: standard deck " + StandardDeckFile + " is not embedded")
	}
	return data
}
