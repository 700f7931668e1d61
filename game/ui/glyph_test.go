package ui

import "github.com/hajimehoshi/ebiten/v2/text/v2"

// hasGlyph reports whether face draws r (text/v2 lays out a missing glyph
// as .notdef, index 0).
func hasGlyph(face *text.GoTextFace, r rune) bool {
	gs := text.AppendGlyphs(nil, string(r), face, nil)
	if len(gs) == 0 {
		return r == '\u00a0' || r == '\u202f'
	}
	for _, g := range gs {
		if g.Image == nil && r != '\u00a0' && r != '\u202f' {
			return false
		}
	}
	return true
}
