package ui

import (
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"
)

// editKeys are the keys that edit at the caret in a focused field.
var editKeys = map[ebiten.Key]editKey{
	ebiten.KeyArrowLeft:  editLeft,
	ebiten.KeyArrowRight: editRight,
	ebiten.KeyHome:       editHome,
	ebiten.KeyEnd:        editEnd,
	ebiten.KeyDelete:     editDelete,
}

// Caret editing for textField: pure functions on a text and its selection
// (byte offsets, start ≤ end), tested without Ebiten.

// editKey is a key that moves the caret or deletes at it.
type editKey int

const (
	editLeft editKey = iota + 1
	editRight
	editHome
	editEnd
	editDelete    // the character after the caret, or the selection
	editBackspace // the character before the caret, or the selection
)

// applyEdit applies k to t with the selection [start, end); it returns the
// new text and the caret (an empty selection).
func applyEdit(t string, start, end int, k editKey) (string, int) {
	start, end = clampSel(t, start, end)
	switch k {
	case editLeft:
		if start != end {
			return t, start
		}
		if start > 0 {
			_, n := utf8.DecodeLastRuneInString(t[:start])
			return t, start - n
		}
		return t, 0
	case editRight:
		if start != end {
			return t, end
		}
		if end < len(t) {
			_, n := utf8.DecodeRuneInString(t[end:])
			return t, end + n
		}
		return t, len(t)
	case editHome:
		return t, 0
	case editEnd:
		return t, len(t)
	case editDelete:
		if start == end && end < len(t) {
			_, n := utf8.DecodeRuneInString(t[end:])
			end += n
		}
		return t[:start] + t[end:], start
	case editBackspace:
		if start == end && start > 0 {
			_, n := utf8.DecodeLastRuneInString(t[:start])
			start -= n
		}
		return t[:start] + t[end:], start
	}
	return t, end
}

// insertAt replaces the selection [start, end) of t with s; it returns the
// new text and the caret after s.
func insertAt(t string, start, end int, s string) (string, int) {
	start, end = clampSel(t, start, end)
	return t[:start] + s + t[end:], start + len(s)
}

// caretAt is the byte offset in t nearest to x, t's width up to an offset
// given by width.
func caretAt(t string, x float64, width func(string) float64) int {
	if x <= 0 {
		return 0
	}
	prev := 0.0
	for i := range t {
		if i == 0 {
			continue
		}
		w := width(t[:i])
		if x < (prev+w)/2 {
			return prevRuneStart(t, i)
		}
		prev = w
	}
	if x < (prev+width(t))/2 {
		return prevRuneStart(t, len(t))
	}
	return len(t)
}

func prevRuneStart(t string, i int) int {
	_, n := utf8.DecodeLastRuneInString(t[:i])
	return i - n
}

// clampSel keeps a selection inside t, ordered, on rune boundaries.
func clampSel(t string, start, end int) (int, int) {
	start = max(0, min(start, len(t)))
	end = max(0, min(end, len(t)))
	if start > end {
		start, end = end, start
	}
	for start > 0 && start < len(t) && !utf8.RuneStart(t[start]) {
		start--
	}
	for end < len(t) && !utf8.RuneStart(t[end]) {
		end++
	}
	return start, end
}

// The phone keyboard a field asks for (the HTML inputmode and
// autocapitalize values).
const (
	inputDecimal  = "decimal"    // digits, a decimal separator
	capsWords     = "words"      // names
	capsSentences = "sentences"  // free text
	capsAll       = "characters" // join codes
)
