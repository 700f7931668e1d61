package ui

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"metodd/game"
)

// TestContrastFormula checks the ratio against WCAG's known values.
func TestContrastFormula(t *testing.T) {
	for _, c := range []struct {
		fg, bg color.Color
		want   float64
	}{
		{rgb(0, 0, 0), rgb(0xff, 0xff, 0xff), 21},
		{rgb(0xff, 0xff, 0xff), rgb(0xff, 0xff, 0xff), 1},
		{rgb(0x76, 0x76, 0x76), rgb(0xff, 0xff, 0xff), 4.54},
		{color.RGBA{0, 0, 0, 0}, rgb(0xff, 0xff, 0xff), 1}, // transparent ink is the background
	} {
		if got := contrast(c.fg, c.bg); math.Abs(got-c.want) > 0.02 {
			t.Errorf("contrast(%v, %v) = %.2f, want %.2f", c.fg, c.bg, got, c.want)
		}
	}
}

// TestThemeContrast: the theme's text/background pairs, listed where the
// screens use them.
func TestThemeContrast(t *testing.T) {
	pairs := []struct {
		name   string
		fg, bg color.Color
	}{
		{"ink on card", colInk, colCard},
		{"muted ink on card", colInkMuted, colCard},
		{"muted ink on soft card (field label)", colInkMuted, colCardSoft},
		{"white on background", colOnDark, colBg},
		{"dim on background", colOnDarkDim, colBg},
		{"dim on panel", colOnDarkDim, colPanel},
		{"white on panel", colOnDark, colPanel},
		{"accent on background", colAccent, colBg},
		{"accent on panel", colAccent, colPanel},
		{"dark accent on card", colAccent2(), colCard},
		{"good on card", colGood, colCard},
		{"white on good", colOnDark, colGood},
		{"white on bad", colOnDark, colBad},
		{"ink on accent (primary button)", colInk, colAccent},
	}
	for _, ax := range game.Axes {
		pairs = append(pairs, struct {
			name   string
			fg, bg color.Color
		}{fmt.Sprintf("white on the chip of axis %d", ax.Number), colOnDark, axisChipColor(ax.Number)})
	}
	for i, c := range choiceColors {
		pairs = append(pairs, struct {
			name   string
			fg, bg color.Color
		}{fmt.Sprintf("white on answer colour %d", i), colOnDark, c})
	}
	for _, p := range pairs {
		if r := contrast(p.fg, p.bg); r < minContrast {
			t.Errorf("%s: %.2f:1, want at least %.1f:1", p.name, r, minContrast)
		} else {
			t.Logf("%s: %.2f:1", p.name, r)
		}
	}
}
