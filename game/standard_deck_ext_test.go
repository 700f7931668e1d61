package game_test

import (
	"metodd/game"
	"metodd/game/deckfile"
)

func init() { game.SetParseDeckForTest(deckfile.ParseDeck) }
