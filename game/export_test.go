package game

// SetParseDeckForTest lets the external test package hand the deck loader
// (game/deckfile, which imports game) to the internal tests.
func SetParseDeckForTest(f func(file string, data []byte) (*Deck, error)) { parseDeckForTest = f }
