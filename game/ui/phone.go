package ui

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"metodd/game"
)

// Phone rules (issue 12): the team and agent screens are read and tapped on
// portrait phones from 360×640 CSS px. They hold on a "compact" screen, one
// whose shorter side is under compactCSS CSS px; every team screen lays out
// through these functions rather than with sizes of its own.
const (
	// minTextCSS is the smallest text on a phone, in CSS px: below it
	// people zoom (and iOS zooms into any field with smaller text).
	minTextCSS = 16
	// minTargetCSS is the smallest touch target on a phone, in CSS px
	// (WCAG 2.5.5, Apple's 44 pt).
	minTargetCSS = 44
	// compactCSS: a screen whose shorter side is under this many CSS px
	// is a phone's (tablets and laptops start at 600).
	compactCSS = 600
)

// cssPx is how many CSS px one dp takes.
func (a *App) cssPx() float64 {
	if a.dsf <= 0 {
		return a.scale
	}
	return a.scale / a.dsf
}

// compact says whether the screen is a phone's.
func (a *App) compact() bool {
	return float64(min(a.w, a.h))/math.Max(a.dsf, 1) < compactCSS
}

// narrow says whether the screen is a portrait phone's: one column.
func (a *App) narrow() bool {
	return a.compact() && a.w < a.h
}

// textFloor is the smallest text size in dp: minTextCSS on a phone, none
// elsewhere (the desktop layouts keep their own minimums).
func (a *App) textFloor() float64 {
	if !a.compact() {
		return 0
	}
	return minTextCSS / a.cssPx()
}

// minTarget is the smallest side of a touch target in dp.
func (a *App) minTarget() float64 {
	if !a.compact() {
		return 0
	}
	return minTargetCSS / a.cssPx()
}

// tall raises a target's height to minTarget.
func (a *App) tall(h float64) float64 { return math.Max(h, a.minTarget()) }

// fieldLabelSize is the text size of a field's label.
const fieldLabelSize = 18

// lineH is the height of one line of text of size (raised to the floor).
func (a *App) lineH(size float64) float64 {
	return math.Ceil(math.Max(size, a.textFloor())*lineSpacing) + 1
}

// fieldH is the height of a labelled field whose box is box tall.
func (a *App) fieldH(box float64) float64 {
	return a.lineH(fieldLabelSize) + 4 + a.tall(box)
}

// textHeight is the height s takes wrapped to width w in style st.
func (a *App) textHeight(s string, w float64, st textStyle) float64 {
	if a.fonts == nil {
		return a.lineH(st.size)
	}
	return textHeightOn(a.canvas(nil), s, w, st)
}

// margin is the space around a screen's content.
func (a *App) margin(wide float64) float64 {
	if a.narrow() {
		return 12
	}
	return wide
}

// Text sizes of the team screens on a phone.
const (
	promptSizeNarrow = 28 // a card's question
	statusSize       = 22 // the line under the answers
)

// answerNeed is the height the open card's answers take on a phone of
// width w, for the prompt to take the rest.
func (s *teamScene) answerNeed(a *App, w float64) float64 {
	card := s.view.Card
	if card == nil {
		return 0
	}
	t := a.minTarget()
	switch card.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		h := 0.0
		for _, ch := range choiceNeeds(a, card, w) {
			h += ch + 16
		}
		return h
	case game.TypeAssociation:
		s.measureAssociation(a, card, w)
		rows := float64((len(card.Groups) + 1) / 2)
		itemH := math.Max(t, s.assocItemNeed)
		groupH := math.Max(t+4, s.assocGroupNeed)
		return float64(len(card.Items))*(itemH+4) - 4 + 10 + rows*(groupH+8) - 8 + 10 + 64 + 10
	case game.TypeClassement:
		s.fitClassRows(a, card, rect{W: w})
		h := 0.0
		for _, need := range s.classNeeds {
			h += math.Max(t+12, need) + 10
		}
		return h + 6 + 64
	case game.TypeEstimation:
		return 26 + 4 + 70 + 8 + 60 + 12 + 64
	}
	return 260 // défi: a few lines and the button
}

// Association on a phone: an item's text and its group's letter (a square
// a touch target's height, less the row's padding); a group's button.
var (
	assocItemStyle  = textStyle{size: 22, min: 11, col: colInk}
	assocGroupStyle = textStyle{size: 20, bold: true, col: colOnDark}
)

// assocTagW is the side of the group letter at an item's right on a phone.
func (s *teamScene) assocTagW() float64 { return s.minTarget - 12 }

// measureAssociation sets the heights the tallest item and the tallest
// group of an association take on a phone of width w.
func (s *teamScene) measureAssociation(a *App, card *game.CardView, w float64) {
	s.assocItemNeed, s.assocGroupNeed = 0, 0
	for _, it := range card.Items {
		s.assocItemNeed = math.Max(s.assocItemNeed, a.textHeight(it, w-20-s.assocTagW()-10, assocItemStyle)+12)
	}
	gw := (w - 8) / 2
	for g, name := range card.Groups {
		s.assocGroupNeed = math.Max(s.assocGroupNeed, a.textHeight(groupLabel(g, name), gw-20, assocGroupStyle)+8)
	}
}

// groupLabel is an association group's button label: « A. name ».
func groupLabel(g int, name string) string { return string(rune('A'+g)) + ". " + name }

// choiceNeeds is the height each answer button needs on a phone of width w.
func choiceNeeds(a *App, card *game.CardView, w float64) []float64 {
	var out []float64
	for i, ch := range card.Choices {
		label := string(rune('A'+i)) + ". " + ch
		out = append(out, math.Max(a.minTarget(), a.textHeight(label, w-24-44-14, textStyle{size: a.textFloor(), bold: true})+24))
	}
	return out
}

// choiceCells lays out the answer buttons: on a phone one a row, each as
// tall as its words need (the rest shared out), elsewhere choiceGrid.
func (s *teamScene) choiceCells(a *App, r rect, card *game.CardView) []rect {
	if !s.phone || len(card.Choices) == 0 {
		return choiceGrid(r, len(card.Choices))
	}
	needs := choiceNeeds(a, card, r.W)
	const gap = 16
	sum := 0.0
	for _, n := range needs {
		sum += n
	}
	extra := (r.H - gap*float64(len(needs)-1) - sum) / float64(len(needs))
	out := make([]rect, len(needs))
	y := r.Y
	for i, n := range needs {
		h := math.Min(n+math.Max(0, extra), n*2)
		out[i] = rect{r.X, y, r.W, h}
		y += h + gap
	}
	return out
}

// sdgBadgeSide is an SDG badge's side: two lines (« ODD », the number) at
// the canvas's text floor.
func sdgBadgeSide(c *canvas) float64 {
	return math.Max(56, 2*math.Ceil(c.floor*lineSpacing)+10)
}

// textHeightOn is App.textHeight for code that has only the canvas.
func textHeightOn(c *canvas, s string, w float64, st textStyle) float64 {
	st = c.floored(st)
	st.min = st.size
	fr := c.layoutText(rect{0, 0, w, 1e6}, s, st)
	return math.Ceil(float64(len(fr.Lines))*fr.LineH) + 1
}

// drawStandingsPhone is drawStandings on a phone: rows as tall as the
// team's name wrapped (names whole, no bar), the points measured.
func drawStandingsPhone(c *canvas, r rect, st []game.Standing, highlight string) {
	y := r.Y
	for _, s := range st {
		pts := fmt.Sprintf(msgPoints, formatInt(s.Score))
		ptsW := c.measurerAt(true, c.floor)(pts) + 4
		nameW := r.W - 24 - 48 - 10 - 28 - 10 - ptsW - 10
		h := math.Max(2*math.Ceil(c.floor*lineSpacing)+12, textHeightOn(c, s.Name, nameW, textStyle{size: c.floor, bold: true})+12)
		row := rect{r.X, y, r.W, h}
		if row.bottom() > r.bottom()+0.5 {
			break
		}
		y += h + 8
		bg := colPanel
		if s.TeamID == highlight {
			bg = mix(colAccent, colPanel, 0.35)
		}
		c.roundRect(row, 12, bg)
		rk, rest := row.insetXY(12, 6).cutLeft(48, 10)
		c.text(rk, rankText(s.Rank), textStyle{size: c.floor, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
		dot, rest := rest.cutLeft(28, 10)
		c.circle(dot.centerX(), dot.centerY(), 12, parseHex(s.Color))
		score, name := rest.cutRight(ptsW, 10)
		c.text(score, pts, textStyle{size: c.floor, bold: true, col: colOnDark, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true})
		c.text(name, s.Name, textStyle{size: c.floor, bold: true, col: colOnDark, valign: text.AlignCenter})
	}
}

// Text sizes of the commitments screen.
const (
	commitTitleSize = 36
	commitHelpSize  = 22
	commitItemSize  = 20
)

// commitLayoutPhone is the commitments screen on a portrait phone: the
// title and help wrapped, the members one a row, the commitments as many
// as fit, as tall as three lines; « Précédents » and « Suivants » on a
// row of their own above « Valider ».
func (s *teamScene) commitLayoutPhone(a *App) commitLayout {
	var l commitLayout
	body := s.layout(a).body
	t := a.minTarget()
	l.title, body = body.cutTop(a.textHeight(msgCommitTitle, body.W, textStyle{size: commitTitleSize, bold: true}), 4)
	help := msgCommitHelp
	if len(s.view.Members) == 1 {
		help = msgCommitHelpOne
	}
	l.help, body = body.cutTop(a.textHeight(help, body.W, textStyle{size: commitHelpSize}), 10)
	send, body := body.cutBottom(64, 10)
	l.send = send
	pager, body := body.cutBottom(t, 10)
	cols := pager.columns(2, 10)
	l.prev, l.next = cols[0], cols[1]
	if len(s.view.Members) > 1 {
		memberH := math.Max(t, 2*a.lineH(20)+8)
		for range s.view.Members {
			var r rect
			r, body = body.cutTop(memberH, 8)
			l.members = append(l.members, r)
		}
		_, body = body.cutTop(0, 6)
	}
	rowH := math.Max(t, 3*a.lineH(commitItemSize)+16)
	l.perPage = max(1, int((body.H+8)/(rowH+8)))
	n := len(s.view.Commitments) - s.page*l.perPage
	for i := 0; i < min(n, l.perPage); i++ {
		l.options = append(l.options, rect{body.X, body.Y + float64(i)*(rowH+8), body.W, rowH})
	}
	return l
}

// keyHints says whether the keyboard's shortcuts are worth a line: a
// keyboard was used, or the screen is a desktop's that was never touched.
func (a *App) keyHints() bool {
	return a.keysUsed || (!a.touchUsed && !a.compact())
}

// hint is the help for keys, or for fingers where no keyboard is used.
func (a *App) hint(keys, touch string) string {
	if a.keyHints() {
		return keys
	}
	return touch
}

// headerScore is the team header's « 2e sur 6 · 2 900 pts »: nothing in
// the lobby before any card (no « 1re sur 1 · 0 pts »), the points of a
// closed card only once revealed, and in a plenary said to be the mean of
// the team's members.
func (s *teamScene) headerScore(a *App) string {
	v := s.view
	if v.Session.Phase == game.PhaseLobby && v.Session.CardIndex == 0 && s.shown.score == 0 {
		return ""
	}
	sc := fmt.Sprintf(msgPoints, formatInt(s.shown.score))
	if v.Session.Mode == game.ModePlenary && !s.phone {
		sc += " (" + msgTeamMean + ")"
	}
	if s.shown.rank > 0 {
		sc = rankOf(s.shown.rank, s.shown.of) + " · " + sc
	}
	return sc
}

// headerNote is the line under the score on a phone: in a plenary, that
// the score is the team's mean.
func (s *teamScene) headerNote() string {
	if s.view.Session.Mode == game.ModePlenary {
		return msgTeamMean
	}
	return ""
}
