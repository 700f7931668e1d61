package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// measurer gives the width of a string in the current face.
type measurer func(s string) float64

// isBreakSpace says whether a line may break at r. The no-break spaces
// French typography puts before « : ; ! ? » and inside « » stay glued.
func isBreakSpace(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' && r != '\u2007'
}

// wrapText breaks s into lines no wider than width. Explicit newlines are
// kept; a word longer than the line is cut between characters. It never
// returns an empty slice for non-empty input.
func wrapText(s string, width float64, measure measurer) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, wrapParagraph(para, width, measure)...)
	}
	return lines
}

func wrapParagraph(p string, width float64, measure measurer) []string {
	words := strings.FieldsFunc(p, isBreakSpace)
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	cur := ""
	for _, w := range words {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if measure(try) <= width {
			cur = try
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
		// The word alone may still be too wide: cut it.
		for measure(w) > width {
			n := fitPrefix(w, width, measure)
			lines = append(lines, w[:n])
			w = w[n:]
		}
		cur = w
	}
	return append(lines, cur)
}

// fitPrefix is the byte length of the longest prefix of w (at least one
// character) that fits in width.
func fitPrefix(w string, width float64, measure measurer) int {
	n := 0
	for i, r := range w {
		end := i + utf8.RuneLen(r)
		if measure(w[:end]) > width {
			break
		}
		n = end
	}
	if n == 0 {
		_, size := utf8.DecodeRuneInString(w)
		n = size
	}
	return n
}

// ellipsize shortens s with "…" so it fits in width (one line).
func ellipsize(s string, width float64, measure measurer) string {
	if measure(s) <= width {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 {
		rs = rs[:len(rs)-1]
		t := strings.TrimRightFunc(string(rs), unicode.IsSpace) + "…"
		if measure(t) <= width {
			return t
		}
	}
	return "…"
}

// fitResult is a text laid out in a box: the chosen size and its lines.
type fitResult struct {
	Size  float64
	Lines []string
	LineH float64
	Fits  bool
}

// Line height as a multiple of the font size.
const lineSpacing = 1.25

// fitText finds the largest size from maxSize down to minSize (steps of
// about 8 %) at which s, wrapped, fits in w×h. measureAt gives a measurer
// for a size. At minSize it wraps anyway and reports Fits=false if it still
// overflows (the caller clips, and tests catch it).
func fitText(s string, w, h, maxSize, minSize float64, measureAt func(size float64) measurer) fitResult {
	size := maxSize
	for {
		m := measureAt(size)
		lines := wrapText(s, w, m)
		lh := size * lineSpacing
		fits := float64(len(lines))*lh <= h+0.5
		if fits {
			for _, l := range lines {
				if m(l) > w+0.5 {
					fits = false
					break
				}
			}
		}
		if fits || size <= minSize {
			return fitResult{Size: size, Lines: lines, LineH: lh, Fits: fits}
		}
		size = max(minSize, size*0.92)
	}
}
