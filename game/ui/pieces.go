package ui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"metodd/game"
)

// Pieces both roles draw: the board ring, the card header, answer buttons,
// SDG badges, the timer, the gauge, the leaderboard.

// drawBoard draws the ring of the 15 commitments: axis colours, the
// session's tiles bright and the others faded, played tiles ticked, the
// current one enlarged with a halo. The centre says which card it is.
func drawBoard(c *canvas, r rect, info game.SessionInfo, showCenter bool) {
	cx, cy := r.centerX(), r.centerY()
	rad := math.Min(r.W, r.H)/2 - math.Min(r.W, r.H)*0.09
	tile := rad * math.Sin(math.Pi/15) * 0.92
	inSession := map[int]bool{}
	for _, e := range info.Engagements {
		inSession[e] = true
	}
	played := map[int]bool{}
	current := 0
	if info.CardIndex >= 1 && info.CardIndex <= len(info.Engagements) {
		current = info.Engagements[info.CardIndex-1]
		for _, e := range info.Engagements[:info.CardIndex-1] {
			played[e] = true
		}
		if info.Phase != game.PhaseCardOpen && info.Phase != game.PhaseCardClosed {
			played[current] = true
		}
	}
	if over(info.Phase) {
		for _, e := range info.Engagements {
			played[e] = true
		}
		current = 0
	}
	c.ring(cx, cy, rad, tile*0.25, colBgLight)
	for i, eng := range game.Engagements {
		ang := 2*math.Pi*float64(i)/15 - math.Pi/2
		x, y := cx+rad*math.Cos(ang), cy+rad*math.Sin(ang)
		col := axisColor(eng.Axis)
		t := tile
		if !inSession[eng.Number] && len(info.Engagements) > 0 {
			col = mix(col, colBg, 0.65)
		}
		if eng.Number == current {
			t = tile * 1.3
			c.circle(x, y, t+tile*0.28, colAccent)
		}
		c.circle(x, y, t, col)
		if played[eng.Number] && eng.Number != current {
			drawCheck(c, x, y, t*0.6, colOnDark)
		} else {
			c.text(rect{x - t, y - t, 2 * t, 2 * t}, fmt.Sprint(eng.Number), textStyle{size: t * 0.95, min: 6, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		}
	}
	if !showCenter {
		return
	}
	inner := rect{cx - rad*0.62, cy - rad*0.5, rad * 1.24, rad}
	if current > 0 {
		e, _ := game.EngagementByNumber(current)
		top, bot := inner.cutTop(inner.H*0.35, 2)
		c.text(top, fmt.Sprintf(msgCardOf, info.CardIndex, info.CardCount), textStyle{size: rad * 0.13, min: 8, col: colOnDarkDim, align: text.AlignCenter, valign: text.AlignEnd, oneLine: true})
		c.text(bot, e.Short, textStyle{size: rad * 0.16, min: 8, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignStart})
	} else {
		c.text(inner, appTitle, textStyle{size: rad * 0.22, min: 8, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	}
}

func over(phase game.Phase) bool {
	switch phase {
	case game.PhasePodium, game.PhaseDebrief, game.PhaseCommitments, game.PhaseClosed, game.PhaseEnded:
		return true
	}
	return false
}

func typeLabel(t string) string {
	switch t {
	case game.TypeQCM:
		return typeQCM
	case game.TypeVraiFaux:
		return typeVraiFaux
	case game.TypeEstimation:
		return typeEstimation
	case game.TypeClassement:
		return typeClassement
	case game.TypeAssociation:
		return typeAssociation
	case game.TypeDefi:
		return typeDefi
	}
	return t
}

// drawCardHeader draws the commitment chip and the card type over r (one
// line) and returns nothing: the prompt goes below.
func drawCardHeader(c *canvas, r rect, card *game.CardView) {
	col := axisChipColor(engagementOf(card).Axis)
	label := engagementLabel(card)
	size := math.Max(18, c.floor)
	m := c.measurerAt(true, size)
	kind := typeLabel(card.Type)
	// The label's width, its 16 px paddings, and a pixel so that the box
	// the padding leaves is not a rounding error narrower than the text.
	need := m(label) + 32 + 1
	w := math.Min(need, r.W*0.7)
	st := textStyle{size: 18, min: 11, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true}
	if c.floor > 0 {
		// A phone: the chip whole, the type beside only when it fits;
		// a label wider than the card wraps (cardHeadH made r tall
		// enough).
		w = math.Min(need, r.W)
		if m(kind)+12 > r.W-w {
			kind = ""
		}
		st.oneLine = need <= r.W
	}
	chip := rect{r.X, r.Y, w, r.H}
	c.roundRect(chip, math.Min(r.H, cardHeadBaseH)/2, col)
	c.text(chip.insetXY(16, 0), label, st)
	if kind != "" {
		rest := rect{chip.right() + 12, r.Y, r.right() - chip.right() - 12, r.H}
		c.text(rest, kind, textStyle{size: 18, min: 11, bold: true, col: colInkMuted, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true})
	}
}

// cardHeadBaseH is the height of a card's header chip on one line.
const cardHeadBaseH = 34

// cardHeadH is the height of the card's header chip at width w: one line,
// or on a phone as many as its label takes there.
func cardHeadH(a *App, card *game.CardView, w float64) float64 {
	if !a.compact() || a.fonts == nil {
		return cardHeadBaseH
	}
	c := a.canvas(nil)
	label := engagementLabel(card)
	if c.measurerAt(true, math.Max(18, c.floor))(label)+33 <= w {
		return cardHeadBaseH
	}
	return math.Max(cardHeadBaseH, a.textHeight(label, w-32, textStyle{size: 18, bold: true})+8)
}

// engagementOf is the card's commitment of the programme.
func engagementOf(card *game.CardView) game.Engagement {
	e, _ := game.EngagementByNumber(card.Engagement)
	return e
}

// engagementLabel is the card header's « Engagement n · name ».
func engagementLabel(card *game.CardView) string {
	e := engagementOf(card)
	return fmt.Sprintf(msgEngagement, e.Number, e.Short)
}

// Answer button states.
type choiceState int

const (
	choiceNormal choiceState = iota
	choiceSelected
	choiceDimmed
	choiceCorrect
	choiceWrong
)

// drawChoice draws answer i: colour, shape and letter, then its text.
// share (0..1, or -1) draws a distribution bar with count.
func (a *App) drawChoice(c *canvas, r rect, i int, label string, st choiceState, count, total int) {
	a.drawChoiceFor(c, r, i, label, st, count, total, false)
}

// drawChoiceFor is drawChoice; room draws the answer's words for the whole
// room (the board: at least roomText).
func (a *App) drawChoiceFor(c *canvas, r rect, i int, label string, st choiceState, count, total int, room bool) {
	col := choiceColors[i%len(choiceColors)]
	switch st {
	case choiceDimmed, choiceWrong:
		col = mix(col, colBg, 0.6)
	case choiceCorrect:
		col = colGood
	}
	if st == choiceNormal && a.hovered(r) {
		col = mix(col, rgb(0xff, 0xff, 0xff), 0.15)
	}
	c.target(r)
	c.roundRect(rect{r.X, r.Y + 4, r.W, r.H}, 16, colShadow)
	c.roundRect(r, 16, col)
	if st == choiceSelected || st == choiceCorrect {
		c.roundRectStroke(r.inset(-3), 18, 5, colAccent)
	}
	pad := math.Min(12, r.H*0.12)
	iconW := math.Min(64, r.H-2*pad)
	if c.floor > 0 {
		iconW = math.Min(iconW, 44) // a phone: room for the words
	}
	icon, rest := r.inset(pad).cutLeft(iconW, 14)
	icon = icon.centered(icon.W, icon.W)
	c.circle(icon.centerX(), icon.centerY(), icon.W/2, colCard)
	c.shape(i, icon.centerX(), icon.centerY()-icon.W*0.02, icon.W*0.3, col)
	letter := string(rune('A' + i))
	if total >= 0 {
		// The count on the right, and the share as a strip along the bottom.
		var pill rect
		pill, rest = rest.cutRight(64, 10)
		pill = pill.centered(64, math.Min(44, pill.H))
		c.roundRect(pill, 10, colCard)
		c.text(pill, fmt.Sprint(count), textStyle{size: 26, min: 12, bold: true, col: colInk, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		if total > 0 && count > 0 {
			strip := rect{r.X + 12, r.bottom() - 9, (r.W - 24) * float64(count) / float64(total), 5}
			c.roundRect(strip, 2.5, colCard)
		}
	}
	if st == choiceCorrect {
		if total >= 0 {
			// Beside the count, never on it.
			var tick rect
			tick, rest = rest.cutRight(30, 8)
			drawCheck(c, tick.centerX(), tick.centerY(), 14, colOnDark)
		} else {
			drawCheck(c, r.right()-30, r.Y+28, 14, colOnDark)
		}
	}
	fg := colOnDark
	ts := textStyle{size: 28, min: 14, bold: true, col: fg, valign: text.AlignCenter}
	if room {
		ts.size, ts.min, ts.room = 26, roomText, true
	}
	c.text(rest, letter+". "+label, ts)
}

// choiceGrid lays out n answer buttons: two columns, or one on a narrow
// screen.
func choiceGrid(r rect, n int) []rect {
	cols := 2
	if r.W < 700 || n <= 1 {
		cols = 1
	}
	return r.grid(n, cols, 16)
}

// drawSDGs draws the SDG badges (number on the official colour, name
// beside when there is room); it returns the width used.
func drawSDGs(c *canvas, r rect, odd []int, withNames bool) {
	if len(odd) == 0 {
		return
	}
	size := math.Min(r.H, 64)
	if c.floor > 0 {
		size = math.Min(r.H, sdgBadgeSide(c))
		withNames = false // a phone: no room for names at a readable size
	}
	x := r.X
	for _, n := range odd {
		sdg, ok := game.SDGByNumber(n)
		if !ok {
			continue
		}
		b := rect{x, r.Y, size, size}
		if b.right() > r.right() {
			break
		}
		c.roundRect(b, 8, sdgColor(n))
		top, bot := b.inset(4).cutTop(b.H*0.3, 0)
		if c.floor > 0 {
			top, bot = b.inset(4).rows(2, 0)[0], b.inset(4).rows(2, 0)[1]
		}
		c.text(top, "ODD", textStyle{size: top.H / lineSpacing, min: 6, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		c.text(bot, fmt.Sprint(n), textStyle{size: bot.H / lineSpacing, min: 8, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		x = b.right() + 10
		if withNames && len(odd) <= 3 {
			nameBox := rect{x, r.Y, math.Min(220, r.right()-x), size}
			if nameBox.W > 80 {
				c.text(nameBox, sdg.Name, textStyle{size: 16, min: 10, col: colInkMuted, valign: text.AlignCenter})
				x = nameBox.right() + 14
			}
		}
	}
}

// sourceText is the card's place in the report.
func sourceText(s game.Source) string {
	parts := []string{}
	if s.Axis > 0 {
		parts = append(parts, fmt.Sprintf(msgSourceAxis, s.Axis))
	}
	for _, p := range []string{s.Section, s.Heading} {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	return fmt.Sprintf(msgSource, strings.Join(parts, " · "))
}

// drawTimer draws a round countdown in r.
func drawTimer(c *canvas, r rect, secs int, limitMs int64, paused bool) {
	cx, cy := r.centerX(), r.centerY()
	rad := math.Min(r.W, r.H)/2 - 4
	w := timerRingWidth(r) - 4
	c.circle(cx, cy, rad, colPanel)
	frac := 1.0
	if limitMs > 0 {
		frac = math.Min(1, float64(secs)*1000/float64(limitMs))
	}
	col := colAccent
	if secs <= 5 {
		col = colBad
	}
	c.ring(cx, cy, rad-w/2, w, colBgLight)
	c.arc(cx, cy, rad-w/2, -math.Pi/2, -math.Pi/2+2*math.Pi*frac, w, col)
	label := fmt.Sprint(secs)
	if paused {
		label = "II"
	}
	// The count in the rectangle inscribed in the ring's inner circle, 4:3,
	// so three digits (« 117 ») fit inside the ring.
	inner := math.Min(r.W, r.H)/2 - timerRingWidth(r)
	box := rect{cx - 0.8*inner, cy - 0.6*inner, 1.6 * inner, 1.2 * inner}
	if len(label) >= 3 && c.floor > 0 {
		// A phone's small ring and its text floor: three digits take the
		// inner circle's whole width (they reach its edge at the corners
		// only), never « 1… ».
		box = rect{cx - 0.98*inner, cy - 0.65*inner, 1.96 * inner, 1.3 * inner}
	}
	c.text(box, label, textStyle{size: inner * 0.9, min: 8, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true, room: true})
}

// timerRingWidth is how far the timer's ring reaches in from the edge of
// its box r (its margin and its stroke).
func timerRingWidth(r rect) float64 {
	return 4 + (math.Min(r.W, r.H)/2-4)*0.16
}

// drawGauge draws the collective gauge as a labelled bar.
func drawGauge(c *canvas, r rect, g game.Gauge, dark bool) {
	labelCol, dimCol := colInk, colInkMuted
	if dark {
		labelCol, dimCol = colOnDark, colOnDarkDim
	}
	detail := fmt.Sprintf(msgGaugeDetail, g.Percent, g.Good, g.Total)
	var bar rect
	if r.W >= 420 && c.floor == 0 {
		var top rect
		top, bar = r.cutTop(r.H*0.45, 6)
		left, right := top.cutLeft(top.W*0.4, 8)
		c.text(left, msgGauge, textStyle{size: 22, min: 12, bold: true, col: labelCol, valign: text.AlignEnd, oneLine: true})
		c.text(right, detail, textStyle{size: 18, min: 10, col: dimCol, align: text.AlignEnd, valign: text.AlignEnd, oneLine: true})
	} else {
		rows := r.rows(3, 2)
		c.text(rows[0], msgGauge, textStyle{size: 22, min: 11, bold: true, col: labelCol, valign: text.AlignCenter, oneLine: true})
		c.text(rows[1], detail, textStyle{size: 17, min: 10, col: dimCol, valign: text.AlignCenter, oneLine: true})
		bar = rows[2]
	}
	bar = bar.centered(bar.W, math.Min(bar.H, 30))
	c.roundRect(bar, bar.H/2, colBgLight)
	if g.Percent > 0 {
		w := math.Max(bar.H, bar.W*float64(min(g.Percent, 100))/100)
		c.roundRect(rect{bar.X, bar.Y, w, bar.H}, bar.H/2, colGood)
	}
}

// drawStandings draws leaderboard lines in r; highlight marks one team.
func drawStandings(c *canvas, r rect, st []game.Standing, highlight string, maxRows int) {
	if len(st) > maxRows {
		st = st[:maxRows]
	}
	if len(st) == 0 {
		return
	}
	if c.floor > 0 {
		drawStandingsPhone(c, r, st, highlight)
		return
	}
	rowH := math.Min(64, (r.H-float64(len(st)-1)*8)/float64(len(st)))
	top := st[0].Score
	for i, s := range st {
		row := rect{r.X, r.Y + float64(i)*(rowH+8), r.W, rowH}
		bg := colPanel
		if s.TeamID == highlight {
			bg = mix(colAccent, colPanel, 0.35)
		}
		c.roundRect(row, 12, bg)
		rk, rest := row.insetXY(12, 6).cutLeft(56, 10)
		c.text(rk, rankText(s.Rank), textStyle{size: rowH * 0.42, min: 10, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
		dot, rest := rest.cutLeft(rowH*0.5, 12)
		c.circle(dot.centerX(), dot.centerY(), rowH*0.22, parseHex(s.Color))
		score, name := rest.cutRight(150, 10)
		c.text(score, fmt.Sprintf(msgPoints, formatInt(s.Score)), textStyle{size: rowH * 0.4, min: 10, bold: true, col: colOnDark, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true})
		barMax := name.W * 0.35
		if top > 0 {
			bw := barMax * float64(s.Score) / float64(top)
			c.roundRect(rect{name.right() - bw, name.centerY() - 4, bw, 8}, 4, withAlpha(parseHex(s.Color), 0xb0))
		}
		c.text(rect{name.X, name.Y, name.W - barMax - 10, name.H}, s.Name, textStyle{size: rowH * 0.4, min: 10, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
	}
}

// countOf writes "1 équipe", "3 équipes" (French: 0 and 1 take the
// singular).
func countOf(n int, noun [2]string) string {
	if n <= 1 {
		return fmt.Sprintf("%d %s", n, noun[0])
	}
	return fmt.Sprintf("%s %s", formatInt(n), noun[1])
}

func rankText(r int) string {
	if r == 1 {
		return msgRank1
	}
	return fmt.Sprintf(msgRankN, r)
}

// countUp animates a counter from "from" to "to" over d since start.
func countUp(from, to int, start, now time.Time, d time.Duration) int {
	t := now.Sub(start).Seconds() / d.Seconds()
	if t >= 1 {
		return to
	}
	if t <= 0 {
		return from
	}
	e := 1 - math.Pow(1-t, 3) // ease out
	return from + int(math.Round(float64(to-from)*e))
}

// drawCampaign draws "Objectif 2025 : 137 / 200 agents sensibilisés" with
// its bar; shown is the animated count.
func drawCampaign(c *canvas, r rect, camp game.Campaign, shown int) {
	top, rest := r.cutTop(r.H*0.4, 8)
	c.text(top, fmt.Sprintf(msgCampaign, camp.Year, formatInt(shown), formatInt(camp.Goal)), textStyle{size: 40, min: 16, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	bar, rest := rest.cutTop(math.Min(44, rest.H*0.4), 12)
	c.roundRect(bar, bar.H/2, colBgLight)
	if camp.Goal > 0 && shown > 0 {
		w := math.Max(bar.H, bar.W*math.Min(1, float64(shown)/float64(camp.Goal)))
		c.roundRect(rect{bar.X, bar.Y, w, bar.H}, bar.H/2, colAccent)
	}
	if camp.Added > 0 {
		c.text(rest, fmt.Sprintf(msgCampaignAdded, countOf(camp.Added, nounAgent)), textStyle{size: 26, min: 12, col: colOnDarkDim, align: text.AlignCenter, valign: text.AlignStart, oneLine: true})
	}
}
