package ui

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"metodd/game"
)

// Colours of the interface. Dark blue background (reads well on a
// projector and keeps contrast high), white cards with dark text.
var (
	colBg        = rgb(0x10, 0x20, 0x36)
	colBgLight   = rgb(0x1a, 0x30, 0x4e)
	colPanel     = rgb(0x22, 0x3b, 0x5e)
	colCard      = rgb(0xff, 0xff, 0xff)
	colCardSoft  = rgb(0xee, 0xf2, 0xf7)
	colInk       = rgb(0x1b, 0x24, 0x33)
	colInkMuted  = rgb(0x55, 0x62, 0x75)
	colOnDark    = rgb(0xff, 0xff, 0xff)
	colOnDarkDim = rgb(0xb5, 0xc3, 0xd8)
	colAccent    = rgb(0xf5, 0xb7, 0x00) // mét'ODD yellow: focus, highlights
	colGood      = rgb(0x1a, 0x7f, 0x37) // 5.1:1 with white, both ways (was #1e8e3e, 4.2:1)
	colBad       = rgb(0xc6, 0x28, 0x28)
	colLine      = rgb(0xc9, 0xd3, 0xe0)
	colShadow    = color.RGBA{0, 0, 0, 0x50}
	colOverlay   = color.RGBA{0x08, 0x10, 0x1c, 0xd8}
)

// choiceColors are the answer buttons' colours (Okabe–Ito, darkened for
// white text). Each also has a shape and a letter: colour is never the only
// cue.
var choiceColors = []color.RGBA{
	rgb(0x00, 0x6b, 0xa8), // blue, triangle, A
	rgb(0xc0, 0x4a, 0x00), // vermillion, diamond, B
	rgb(0x00, 0x7a, 0x5a), // bluish green, circle, C
	rgb(0x9a, 0x4d, 0x7f), // reddish purple, square, D
}

// teamPalette is the Okabe–Ito palette (distinct for the common
// colour-vision deficiencies), black left out as it vanishes on the board.
var teamPalette = []struct {
	Hex  string
	Name string
}{
	{"#e69f00", "Orange"},
	{"#56b4e9", "Bleu ciel"},
	{"#009e73", "Vert"},
	{"#f0e442", "Jaune"},
	{"#0072b2", "Bleu"},
	{"#d55e00", "Vermillon"},
	{"#cc79a7", "Pourpre"},
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 0xff} }

// parseHex reads "#rrggbb"; anything else gives a neutral grey, so a bad
// colour from the wire never breaks a screen.
func parseHex(s string) color.RGBA {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) != 6 {
		return rgb(0x88, 0x88, 0x88)
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return rgb(0x88, 0x88, 0x88)
	}
	return rgb(uint8(v>>16), uint8(v>>8), uint8(v))
}

// inkOn picks dark or white text for a background colour (WCAG relative
// luminance).
func inkOn(c color.RGBA) color.RGBA {
	if luminance(c) > 0.4 {
		return colInk
	}
	return colOnDark
}

func lin(v uint8) float64 {
	f := float64(v) / 255
	if f <= 0.03928 {
		return f / 12.92
	}
	return pow24((f + 0.055) / 1.055)
}

func pow24(x float64) float64 { return math.Pow(x, 2.4) }

func axisColor(axis int) color.RGBA {
	if axis >= 1 && axis <= len(game.Axes) {
		return parseHex(game.Axes[axis-1].Color)
	}
	return rgb(0x88, 0x88, 0x88)
}

// axisChipColor is the axis colour darkened until white text on it reaches
// minContrast: the background of a commitment's number or label. The
// report's orange and green take white at 3.0:1 and 4.3:1 only; the
// darker shades keep their hue.
func axisChipColor(axis int) color.RGBA {
	col := axisColor(axis)
	for i := 1; contrast(colOnDark, col) < minContrast && i <= 20; i++ {
		col = mix(axisColor(axis), rgb(0, 0, 0), float64(i)*0.05)
	}
	return col
}

func sdgColor(n int) color.RGBA {
	if s, ok := game.SDGByNumber(n); ok {
		return parseHex(s.Color)
	}
	return rgb(0x88, 0x88, 0x88)
}

// mix blends a toward b by t (0..1).
func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), f(a.A, b.A)}
}

func withAlpha(c color.RGBA, a uint8) color.RGBA {
	// premultiplied
	k := float64(a) / 255
	return color.RGBA{uint8(float64(c.R) * k), uint8(float64(c.G) * k), uint8(float64(c.B) * k), a}
}

// minContrast is the text contrast WCAG 2.1 AA (RGAA 3.2) asks for normal
// text; every text of the interface meets it, large text included.
const minContrast = 4.5

// contrast is the WCAG contrast ratio of a colour over an opaque
// background (a translucent colour is blended over it first).
func contrast(fg, bg color.Color) float64 {
	b := color.RGBAModel.Convert(bg).(color.RGBA)
	f := color.RGBAModel.Convert(fg).(color.RGBA)
	if f.A < 0xff {
		k := 1 - float64(f.A)/255 // premultiplied: f + b×(1−a)
		f = color.RGBA{uint8(float64(f.R) + float64(b.R)*k + 0.5), uint8(float64(f.G) + float64(b.G)*k + 0.5), uint8(float64(f.B) + float64(b.B)*k + 0.5), 0xff}
	}
	l1, l2 := luminance(f), luminance(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

func luminance(c color.RGBA) float64 {
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}
