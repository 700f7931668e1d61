package dashboard

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"unicode/utf8"
)

// Charts are SVG drawn by the server: nothing to load, they print well, and
// they need no script. Sizes are in SVG user units; the CSS scales them to
// the page width (viewBox + width 100%). Colours are presentation
// attributes, not style attributes, so the page's Content-Security-Policy
// can forbid inline styles.

// Chart colours: the programme's three axis colours first (game.Axes), then
// neutral blues; they stay distinct for the common colour-vision
// deficiencies.
var palette = []string{"#1f5fa8", "#e07b00", "#2e8b3d", "#6b4fa0", "#0f8b8d", "#b8434e", "#5d6d7e"}

// collectiviteColors keeps each collectivité the same colour on every chart.
var collectiviteColors = map[string]string{
	"Ville de Dijon":  "#1f5fa8",
	"CCAS":            "#e07b00",
	"Dijon métropole": "#2e8b3d",
}

const (
	chartWidth   = 720 // user units; scaled by CSS
	barRowHeight = 30
	barLabelW    = 230
	// maxBars bounds a horizontal bar chart: more lines are folded into
	// "Autres" on the chart (the table beside it keeps every line).
	maxBars = 12
	// maxLabelRunes keeps a label inside the label column.
	maxLabelRunes = 30
)

type bar struct {
	Label string
	Value int
	Color string
}

func esc(s string) string { return template.HTMLEscapeString(s) }

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// hbars draws a horizontal bar chart of counts, in the order given.
func hbars(title string, bars []bar) template.HTML { return drawHbars(title, bars, 0, frInt) }

// hbarsPercent draws shares on a fixed 0–100 scale.
func hbarsPercent(title string, bars []bar) template.HTML {
	return drawHbars(title, bars, 100, frPercent)
}

func drawHbars(title string, bars []bar, scale int, show func(int) string) template.HTML {
	if len(bars) == 0 {
		return ""
	}
	if scale == 0 && len(bars) > maxBars {
		rest := 0
		for _, b := range bars[maxBars-1:] {
			rest += b.Value
		}
		bars = append(append([]bar(nil), bars[:maxBars-1]...), bar{Label: lblOthers, Value: rest, Color: "#8a97a8"})
	}
	max := max(scale, 1)
	for _, b := range bars {
		if b.Value > max {
			max = b.Value
		}
	}
	h := len(bars)*barRowHeight + 8
	area := float64(chartWidth - barLabelW - 70)
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		chartWidth, h, esc(title))
	for i, b := range bars {
		y := i*barRowHeight + 4
		color := b.Color
		if color == "" {
			color = palette[0]
		}
		w := area * float64(b.Value) / float64(max)
		if b.Value > 0 && w < 2 {
			w = 2
		}
		fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="end" class="lbl">%s</text>`,
			barLabelW-10, y+19, esc(shorten(b.Label, maxLabelRunes)))
		fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%.1f" height="%d" rx="3" fill="%s"><title>%s : %s</title></rect>`,
			barLabelW, y+4, w, barRowHeight-10, color, esc(b.Label), show(b.Value))
		fmt.Fprintf(&s, `<text x="%.1f" y="%d" class="val">%s</text>`, float64(barLabelW)+w+8, y+19, show(b.Value))
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// columns draws a vertical bar chart (months), in the given order.
func columns(title string, bars []bar) template.HTML {
	if len(bars) == 0 {
		return ""
	}
	const h, top, bottom = 240, 24, 36
	max := 1
	for _, b := range bars {
		if b.Value > max {
			max = b.Value
		}
	}
	slot := float64(chartWidth-20) / float64(len(bars))
	bw := math.Min(slot*0.62, 60)
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		chartWidth, h, esc(title))
	fmt.Fprintf(&s, `<line x1="10" y1="%d" x2="%d" y2="%d" class="axis"/>`, h-bottom, chartWidth-10, h-bottom)
	for i, b := range bars {
		cx := 10 + slot*(float64(i)+0.5)
		bh := float64(h-top-bottom) * float64(b.Value) / float64(max)
		color := b.Color
		if color == "" {
			color = palette[0]
		}
		fmt.Fprintf(&s, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="3" fill="%s"><title>%s : %s</title></rect>`,
			cx-bw/2, float64(h-bottom)-bh, bw, bh, color, esc(b.Label), frInt(b.Value))
		if b.Value > 0 {
			fmt.Fprintf(&s, `<text x="%.1f" y="%.1f" text-anchor="middle" class="val">%s</text>`, cx, float64(h-bottom)-bh-6, frInt(b.Value))
		}
		fmt.Fprintf(&s, `<text x="%.1f" y="%d" text-anchor="middle" class="lbl">%s</text>`, cx, h-bottom+22, esc(b.Label))
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// gauge draws the campaign's progress ring: count of goal.
func gauge(count, goal int) template.HTML {
	const size, stroke = 260, 26
	r := float64(size-stroke) / 2
	c := 2 * math.Pi * r
	frac := 1.0
	if goal > 0 {
		frac = math.Min(float64(count)/float64(goal), 1)
	}
	color := palette[0]
	if goal > 0 && count >= goal {
		color = palette[2]
	}
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="gauge" viewBox="0 0 %d %d" role="img" aria-label="%s agents sensibilisés sur un objectif de %s" xmlns="http://www.w3.org/2000/svg">`,
		size, size, frInt(count), frInt(goal))
	fmt.Fprintf(&s, `<circle cx="%d" cy="%d" r="%.1f" fill="none" stroke="#e3e9f1" stroke-width="%d"/>`, size/2, size/2, r, stroke)
	if frac > 0 {
		fmt.Fprintf(&s, `<circle cx="%d" cy="%d" r="%.1f" fill="none" stroke="%s" stroke-width="%d" stroke-linecap="round" stroke-dasharray="%.2f %.2f" transform="rotate(-90 %d %d)"/>`,
			size/2, size/2, r, color, stroke, c*frac, c, size/2, size/2)
	}
	fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="middle" class="g-count">%s</text>`, size/2, size/2+8, frInt(count))
	fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="middle" class="g-goal">sur %s</text>`, size/2, size/2+40, frInt(goal))
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// minibar is the small share bar drawn in table cells (0–100). graded
// colours it by level (red under 50, orange under 70, green above): for
// shares of good answers, where low means "little known"; other shares are
// drawn in neutral blue.
func minibar(p int, graded bool) template.HTML {
	if p < 0 {
		p = 0
	}
	if p > 100 {
		p = 100
	}
	color := "#7d9cc4"
	switch {
	case !graded:
	case p < 50:
		color = "#b8434e"
	case p < 70:
		color = palette[1]
	default:
		color = palette[2]
	}
	return template.HTML(fmt.Sprintf(`<svg class="minibar" viewBox="0 0 100 8" aria-hidden="true" xmlns="http://www.w3.org/2000/svg"><rect width="100" height="8" rx="4" fill="#e3e9f1"/><rect width="%d" height="8" rx="4" fill="%s"/></svg>`, p, color))
}

// swatch is a team's colour dot.
func swatch(color string) template.HTML {
	if !validColor(color) {
		color = "#8a97a8"
	}
	return template.HTML(fmt.Sprintf(`<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" xmlns="http://www.w3.org/2000/svg"><circle cx="5" cy="5" r="5" fill="%s"/></svg>`, color))
}

func validColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, r := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}
