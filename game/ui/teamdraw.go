package ui

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"metodd/game"
)

func (s *teamScene) draw(a *App, c *canvas) {
	v := s.view
	l := s.layout(a)
	s.drawHeader(a, c, l)
	if s.removed() {
		back, other := s.removedButtons(a)
		s.drawMessage(a, c, s.removedBody(a, l.body), msgRemoved, msgRemovedHelp)
		if _, token := s.comeBackToken(a); token != "" {
			a.button(c, back, msgComeBack, btnPrimary, true)
		}
		a.button(c, other, msgRejoinOther, btnSecondary, true)
		return
	}
	if st, reason := s.conn.State(); st == ConnClosed && !v.Session.Phase.Over() {
		s.drawMessage(a, c, l.body, msgConnClosed, reason)
		a.button(c, s.homeButton(a), msgHome, btnPrimary, true)
		return
	}
	switch v.Session.Phase {
	case game.PhaseLobby:
		s.drawLobby(a, c, l.body)
	case game.PhaseCardOpen, game.PhaseCardClosed:
		s.drawScrolled(a, c, l.body, func(c *canvas, body rect) { s.drawCard(a, c, body) })
	case game.PhaseRevealed:
		s.drawScrolled(a, c, l.body, func(c *canvas, body rect) { s.drawReveal(a, c, body) })
	case game.PhaseLeaderboard, game.PhasePodium, game.PhaseDebrief:
		s.drawStandings(a, c, l.body)
	case game.PhaseCommitments:
		s.drawCommit(a, c)
	case game.PhaseClosed:
		s.drawClosed(a, c, l.body)
	case game.PhaseEnded:
		s.drawMessage(a, c, l.body, msgEndedEarly, fmt.Sprintf(msgFinalScore, formatInt(v.Score), rankOf(v.Rank, v.Teams)))
		a.button(c, s.homeButton(a), msgHome, btnPrimary, true)
	default:
		s.drawMessage(a, c, l.body, msgLookScreen, "")
	}
}

func rankOf(rank, teams int) string {
	if rank <= 0 {
		return "—"
	}
	return fmt.Sprintf(msgRankOf, rankText(rank), teams)
}

func (s *teamScene) drawHeader(a *App, c *canvas, l teamLayout) {
	v := s.view
	col := parseHex(v.Color)
	c.roundRect(l.header, 16, colPanel)
	dot, name := l.team.insetXY(16, 0).cutLeft(36, 12)
	c.circle(dot.centerX(), dot.centerY(), math.Min(16, dot.H/2), col)
	c.text(name, v.TeamName, textStyle{size: 28, min: 14, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
	sc := s.headerScore(a)
	scoreAlign := text.AlignEnd
	if a.narrow() {
		scoreAlign = text.AlignStart
	}
	c.text(l.score.insetXY(16, 0), sc, textStyle{size: 24, min: 12, bold: true, col: colAccent, align: scoreAlign, valign: text.AlignCenter, oneLine: true})
	if l.note.H > 0 && sc != "" {
		c.text(l.note.insetXY(16, 0), s.headerNote(), textStyle{size: 20, col: colOnDarkDim, valign: text.AlignCenter, oneLine: true})
	}
	a.drawSoundToggle(c, l.sound, a.soundOn(soundTeam))
	if v.Session.Phase == game.PhaseCardOpen {
		secs := secondsLeft(v.Clock.Remaining, s.viewAt, a.now(), v.Session.Paused)
		drawTimer(c, l.timer, secs, v.Clock.Limit, v.Session.Paused)
	} else {
		drawLogo(c, l.timer, a)
	}
}

// messageBox is where drawMessage puts its card in body.
func messageBox(body rect) rect {
	return body.centered(math.Min(body.W, 900), math.Min(body.H-100, 300))
}

// drawMessage draws a centred card with a title and a line.
func (s *teamScene) drawMessage(a *App, c *canvas, body rect, title, line string) {
	box := messageBox(body)
	c.card(box, colCard)
	in := box.inset(32)
	top, rest := in.cutTop(in.H*0.5, 10)
	c.text(top, title, textStyle{size: 38, bold: true, col: colInk, align: text.AlignCenter, valign: text.AlignEnd})
	c.text(rest, line, textStyle{size: 24, col: colInkMuted, align: text.AlignCenter, valign: text.AlignStart})
}

func (s *teamScene) drawLobby(a *App, c *canvas, body rect) {
	v := s.view
	left, right := body.cutLeft(body.W*0.58, 24)
	if body.W < 900 {
		left, right = body.cutTop(body.H*0.5, 16)
	}
	c.card(left, colCard)
	in := left.inset(32)
	top, rest := in.cutTop(110, 12)
	c.text(top, fmt.Sprintf(msgWaitTitle, v.TeamName), textStyle{size: 44, bold: true, col: colInk, valign: text.AlignEnd})
	help, rest := rest.cutTop(70, 16)
	c.text(help, msgWaitHelp, textStyle{size: 24, col: colInkMuted})
	y := rest.Y
	for _, m := range v.Members {
		who := m.FirstName + " " + m.LastName + " — " + m.Collectivite
		if m.Direction != "" {
			who += ", " + m.Direction
		}
		st := textStyle{size: 22, col: colInk, valign: text.AlignCenter, oneLine: true}
		h := 42.0
		if a.narrow() {
			// Wrapped rather than cut: a phone is narrow.
			st.oneLine = false
			h = math.Max(h, a.textHeight(who, rest.W-40, st))
		}
		row := rect{rest.X, y, rest.W, h}
		if row.bottom() > rest.bottom() {
			break
		}
		y += h + 6
		dot, txt := row.cutLeft(30, 10)
		c.circle(dot.centerX(), dot.Y+21, 11, parseHex(v.Color))
		c.text(txt, who, st)
	}
	board, foot := right.cutBottom(60, 10)
	drawBoard(c, foot, v.Session, true)
	c.text(board, countOf(v.Teams, nounConnected), textStyle{size: 24, bold: true, col: colOnDarkDim, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
}

func (s *teamScene) drawCard(a *App, c *canvas, body rect) {
	v := s.view
	card := v.Card
	if card == nil {
		s.drawMessage(a, c, body, msgLookScreen, "")
		return
	}
	l := s.cardLayout(a, body)
	c.card(l.card, colCard)
	drawCardHeader(c, l.head, card)
	promptSize := 34.0
	if a.narrow() {
		promptSize = promptSizeNarrow
	}
	c.text(l.prompt, card.Prompt, textStyle{size: promptSize, min: 16, bold: true, col: colInk, valign: text.AlignCenter})
	closed := v.Session.Phase == game.PhaseCardClosed
	status, statusCol := "", colOnDarkDim
	switch {
	case v.Session.Paused:
		status = msgPaused
	case closed:
		status = msgWaitReveal
	case s.answered():
		status = msgSent
		statusCol = colAccent
	case s.ansErr != "":
		status, statusCol = s.ansErr, colAccent
	}
	locked := closed || s.answered() || v.Session.Paused
	switch card.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		if !locked && status == "" {
			status = a.hint(msgChoiceHelp, msgChoiceHelpTouch)
		}
		chosen := -1
		if v.Answer != nil && v.Answer.Choice != nil {
			chosen = *v.Answer.Choice
		}
		for i, r := range s.choiceCells(a, l.answer, card) {
			st := choiceNormal
			if locked {
				st = choiceDimmed
				if i == chosen {
					st = choiceSelected
				}
			}
			a.drawChoice(c, r, i, card.Choices[i], st, 0, -1)
		}
	case game.TypeEstimation:
		s.drawEstimate(a, c, card, l.answer, locked)
	case game.TypeClassement:
		if !locked && status == "" {
			status = a.hint(msgClassementHelp, msgClassementTouch)
		}
		s.drawClassement(a, c, card, l.answer, locked)
	case game.TypeAssociation:
		if !locked && status == "" {
			status = a.hint(msgAssocHelp, msgAssocHelpTouch)
		}
		s.drawAssociation(a, c, card, l.answer, locked)
	case game.TypeDefi:
		s.drawDefi(a, c, l.answer, locked)
	}
	c.text(l.status, status, textStyle{size: statusSize, min: 12, bold: true, col: statusCol, align: text.AlignCenter, valign: text.AlignCenter, oneLine: !a.narrow()})
}

func (s *teamScene) drawEstimate(a *App, c *canvas, card *game.CardView, r rect, locked bool) {
	field, btn := s.estimateLayout(r)
	if locked {
		box := field.centered(field.W, 90)
		c.card(box, colCard)
		c.text(box.inset(16), fmt.Sprintf(msgYourAnswer, answerText(card, s.view.Answer)), textStyle{size: 30, bold: true, col: colInk, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		return
	}
	label := s.number.label
	if card.Unit != "" {
		s.number.label = msgEstimateLabel + " (" + fmt.Sprintf(msgEstimateUnit, card.Unit) + ")"
	}
	fieldBox, preview := field.cutLeft(field.W*0.6, 16)
	if s.phone {
		fieldBox, preview = field.cutTop(a.fieldH(70), 8)
	}
	a.drawField(c, s.number, fieldBox, true)
	s.number.label = label
	if v, err := parseNumber(s.number.text()); err == nil {
		if s.phone {
			preview = preview.insetXY(0, -20)
		}
		c.text(preview.insetXY(0, 20), fmt.Sprintf(msgEstimateSeen, formatNumber(v)+" "+card.Unit), textStyle{size: 24, min: 12, bold: true, col: colOnDark, valign: text.AlignEnd})
	}
	a.button(c, btn, msgValidate, btnPrimary, true)
}

func (s *teamScene) drawClassement(a *App, c *canvas, card *game.CardView, r rect, locked bool) {
	order := s.classOrder()
	s.fitClassRows(a, card, r)
	rows, ups, downs, btn := s.classementLayout(r, len(order))
	for i, row := range rows {
		if i == s.drag && !locked {
			continue
		}
		s.drawClassRow(a, c, row, i, card.Items[order[i]], i == s.sel && !locked)
		if !locked {
			a.button(c, ups[i], "▲", btnSecondary, i > 0)
			a.button(c, downs[i], "▼", btnSecondary, i < len(rows)-1)
		}
	}
	if s.drag >= 0 && s.drag < len(rows) && !locked {
		row := rows[s.drag]
		row.Y += a.in.y - s.dragY
		s.drawClassRow(a, c, row, s.drag, card.Items[order[s.drag]], true)
	}
	if !locked {
		a.button(c, btn, msgValidateOrder, btnPrimary, true)
	}
}

func (s *teamScene) drawClassRow(a *App, c *canvas, row rect, i int, label string, selected bool) {
	c.target(row)
	bg := colCard
	c.roundRect(row, 12, bg)
	if selected {
		c.roundRectStroke(row, 12, 4, colAccent)
	}
	num, rest := row.insetXY(12, 6).cutLeft(44, 12)
	c.circle(num.centerX(), num.centerY(), math.Min(20, num.H/2), colPanel)
	c.text(num, fmt.Sprint(i+1), textStyle{size: 20, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	txt, _ := rest.cutLeft(rest.W-s.classArrowsW(row)-10, 0)
	c.text(txt, label, classItemStyle)
}

// classItemStyle is a classement item's text.
var classItemStyle = textStyle{size: 24, min: 12, col: colInk, valign: text.AlignCenter}

// classArrowsW is the width the ▲ ▼ buttons take in a row (classementLayout).
func (s *teamScene) classArrowsW(row rect) float64 {
	if s.phone {
		return 2*s.minTarget + 6
	}
	return 2 * row.H
}

// classOrder is the classement's order as shown: the answer recorded,
// else the one being sorted.
func (s *teamScene) classOrder() []int {
	if card := s.view.Card; card != nil && s.view.Answer != nil && len(s.view.Answer.Order) == len(card.Items) {
		return s.view.Answer.Order
	}
	return s.order
}

// fitClassRows measures, on a phone, each item of the card in the width a
// row leaves its text (drawClassRow), for classementLayout.
func (s *teamScene) fitClassRows(a *App, card *game.CardView, r rect) {
	s.classNeeds = s.classNeeds[:0]
	if !s.phone {
		return
	}
	w := r.W - 2*12 - 44 - 12 - s.classArrowsW(rect{}) - 10
	for _, it := range card.Items {
		s.classNeeds = append(s.classNeeds, a.textHeight(it, w, classItemStyle)+2*6+8)
	}
}

func (s *teamScene) drawAssociation(a *App, c *canvas, card *game.CardView, r rect, locked bool) {
	groups := s.groups
	if s.view.Answer != nil && len(s.view.Answer.Groups) == len(card.Items) {
		groups = s.view.Answer.Groups
	}
	items, gboxes, btn := s.associationLayout(r, len(card.Items), len(card.Groups))
	for i, row := range items {
		c.target(row)
		c.roundRect(row, 12, colCard)
		if i == s.sel && !locked {
			c.roundRectStroke(row, 12, 4, colAccent)
		}
		txt, tag := row.insetXY(14, 6).cutLeft(row.W*0.62, 10)
		if s.phone {
			// Only the group's letter, as on its button: words are
			// not cut.
			tag, txt = row.insetXY(10, 6).cutRight(s.assocTagW(), 10)
			tag = tag.centered(tag.W, math.Min(tag.H, s.assocTagW()))
		}
		itemSt := assocItemStyle
		itemSt.valign = text.AlignCenter
		c.text(txt, card.Items[i], itemSt)
		if g := groups[i]; s.phone && g >= 0 && g < len(card.Groups) {
			c.roundRect(tag, 10, choiceColors[g%len(choiceColors)])
			c.text(tag, string(rune('A'+g)), textStyle{size: 22, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		} else if g >= 0 && g < len(card.Groups) {
			col := choiceColors[g%len(choiceColors)]
			c.roundRect(tag, 10, col)
			c.text(tag.insetXY(8, 0), fmt.Sprintf("%d. %s", g+1, card.Groups[g]), textStyle{size: 18, min: 10, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
		} else {
			c.roundRectStroke(tag, 10, 2, colLine)
			c.text(tag, "?", textStyle{size: 20, bold: true, col: colInkMuted, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		}
	}
	for g, box := range gboxes {
		st := choiceNormal
		if locked {
			st = choiceDimmed
		}
		if s.phone {
			drawGroupCompact(c, box, g, card.Groups[g], locked)
			continue
		}
		a.drawChoice(c, box, g, card.Groups[g], st, 0, -1)
	}
	if !locked {
		a.button(c, btn, msgValidate, btnPrimary, true)
	}
}

func (s *teamScene) drawDefi(a *App, c *canvas, r rect, locked bool) {
	field, btn := s.defiLayout(r)
	if locked {
		box := field.inset(10)
		c.card(box, colCard)
		c.text(box.inset(20), answerText(s.view.Card, s.view.Answer), textStyle{size: 26, min: 12, col: colInk, valign: text.AlignCenter})
		return
	}
	a.drawField(c, s.defi, field, true)
	a.button(c, btn, msgDefiSend, btnPrimary, true)
}

func (s *teamScene) drawReveal(a *App, c *canvas, body rect) {
	v := s.view
	card := v.Card
	if card == nil || card.Solution == nil {
		s.drawMessage(a, c, body, msgLookScreen, "")
		return
	}
	left, right := body.cutLeft(body.W*0.4, 20)
	narrow := body.W < 900
	if narrow {
		left, right = body.cutTop(body.H*0.35, 16)
	}
	if s.phone {
		s.drawRevealPhone(a, c, body)
		return
	}
	res := v.Result
	title, col := resultTitle(res)
	c.roundRect(left, 18, col)
	in := left.inset(24)
	t, rest := in.cutTop(70, 6)
	c.text(t, title, textStyle{size: 44, min: 20, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
	if res != nil {
		pts, r2 := rest.cutTop(70, 4)
		c.text(pts, fmt.Sprintf(msgPointsWon, formatInt(res.Total)), textStyle{size: 50, min: 20, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
		rest = r2
		if res.Bonus > 0 {
			var b rect
			b, rest = rest.cutTop(30, 2)
			c.text(b, fmt.Sprintf(msgBonusClosest, res.Bonus), textStyle{size: 19, min: 10, col: colOnDark, oneLine: true})
		}
		if res.Streak > 0 {
			var b rect
			b, rest = rest.cutTop(30, 2)
			c.text(b, fmt.Sprintf(msgBonusStreak, res.Streak), textStyle{size: 19, min: 10, col: colOnDark, oneLine: true})
		}
	}
	rk, rest := rest.cutTop(44, 10)
	c.text(rk, fmt.Sprintf(msgYourRank, rankOf(v.Rank, v.Teams), formatInt(v.Score)), textStyle{size: 22, min: 11, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
	ans, icon := rest.cutTop(math.Min(rest.H, 90), 10)
	c.text(ans, fmt.Sprintf(msgYourAnswer, answerText(card, v.Answer)), textStyle{size: 20, min: 11, col: colOnDark})
	if icon.H > 80 && res != nil && res.Answered {
		side := math.Min(icon.H, 160)
		ic := icon.centered(side, side)
		c.circle(ic.centerX(), ic.centerY(), side/2, withAlpha(colCard, 0x40))
		if res.Good || res.Points > 0 {
			drawCheck(c, ic.centerX(), ic.centerY(), side*0.3, colOnDark)
		} else {
			k := side * 0.2
			c.line(ic.centerX()-k, ic.centerY()-k, ic.centerX()+k, ic.centerY()+k, side*0.09, colOnDark)
			c.line(ic.centerX()+k, ic.centerY()-k, ic.centerX()-k, ic.centerY()+k, side*0.09, colOnDark)
		}
	}

	drawExplanation(c, right, card)
}

// drawExplanation draws the revealed card on a team's screen: the right
// answer, "Le saviez-vous ?", the source and the SDG badges, one under the
// other (the board has drawBoardExplanation).
func drawExplanation(c *canvas, r rect, card *game.CardView) {
	c.card(r, colCard)
	sol := card.Solution
	in := r.inset(24)
	badgeH, srcH, solSize, explSize := 56.0, 42.0, 28.0, 24.0
	title, body := solutionText(card)
	bodyH := 0.0
	if c.floor > 0 {
		// A phone: each part as tall as its words, the badges without
		// their names (sdgBadge).
		in = r.inset(16)
		solSize, explSize = explPhoneSize, explPhoneSize
		p := explanationParts(c, card, in.W)
		badgeH, srcH = p.badge, p.src
		if p.total() > in.H {
			badgeH = 0 // a small phone: the words before the badges
		}
		bodyH = math.Min(p.sol, in.H-badgeH-12-srcH-8-14-p.expl)
	}
	badges, in := in.cutBottom(badgeH, 12)
	if badgeH == 0 {
		badges = rect{}
	}
	src, in := in.cutBottom(srcH, 8)
	if bodyH == 0 {
		bodyH = math.Min(in.H*0.4, 40+32*float64(countLines(body)))
	}
	ans, in := in.cutTop(bodyH, 14)
	at, ab := ans.cutTop(28, 4)
	c.text(at, title, textStyle{size: 19, bold: true, col: colGood, oneLine: true})
	c.text(ab, body, textStyle{size: solSize, min: 13, bold: true, col: colInk})
	c.line(in.X, in.Y-7, in.right(), in.Y-7, 1.5, colLine)
	kt, kb := in.cutTop(34, 4)
	c.text(kt, msgDidYouKnow, textStyle{size: 24, bold: true, col: colAccent2(), oneLine: true})
	c.text(kb, sol.Explanation, textStyle{size: explSize, min: 12, col: colInk})
	c.text(src, sourceText(sol.Source), textStyle{size: 16, min: 10, col: colInkMuted, valign: text.AlignEnd})
	if badges.H > 0 {
		drawSDGs(c, badges, sol.ODD, true)
	}
}

// explPhoneSize is the size of the solution and the explanation on a
// phone.
const explPhoneSize = 20

// explParts are the heights of a revealed card's parts on a phone.
type explParts struct{ badge, src, sol, expl float64 }

// total is the inner height they take, with their gaps.
func (p explParts) total() float64 { return p.badge + 12 + p.src + 8 + p.sol + 14 + p.expl }

// explanationParts measures the revealed card's parts at width w (inside
// the card's 16 dp padding) on a phone.
func explanationParts(c *canvas, card *game.CardView, w float64) explParts {
	sol := card.Solution
	_, body := solutionText(card)
	return explParts{
		badge: sdgBadgeSide(c),
		src:   textHeightOn(c, sourceText(sol.Source), w, textStyle{size: 16}),
		sol:   28 + 4 + textHeightOn(c, body, w, textStyle{size: explPhoneSize, bold: true}),
		expl:  34 + 4 + textHeightOn(c, sol.Explanation, w, textStyle{size: explPhoneSize}),
	}
}

// explanationNeed is the height drawExplanation needs on a phone of
// width w to show every part whole, badges included.
func explanationNeed(c *canvas, card *game.CardView, w float64) float64 {
	if card == nil || card.Solution == nil {
		return 0
	}
	return 16 + explanationParts(c, card, w-32).total() + 16
}

// colAccent2 is the yellow darkened enough to read on white.
func colAccent2() interface {
	RGBA() (uint32, uint32, uint32, uint32)
} {
	return rgb(0x9a, 0x6a, 0x00)
}

func countLines(s string) int {
	n := 1
	for _, r := range s {
		if r == '\n' {
			n++
		}
	}
	return n
}

func (s *teamScene) drawStandings(a *App, c *canvas, body rect) {
	v := s.view
	if s.phone {
		s.drawStandingsPhone(a, c, body)
		return
	}
	left, right := body.cutLeft(body.W*0.42, 24)
	c.card(left, colCard)
	in := left.inset(28)
	t, rest := in.cutTop(50, 10)
	title := standingsTitle(v.Session.Phase)
	c.text(t, title, textStyle{size: 36, bold: true, col: colInk, oneLine: true})
	big, rest := rest.cutTop(120, 10)
	c.text(big, rankText(max(v.Rank, 0)), textStyle{size: 96, min: 30, bold: true, col: parseHex(v.Color), valign: text.AlignCenter, oneLine: true})
	sc, rest := rest.cutTop(50, 10)
	c.text(sc, fmt.Sprintf(msgYourRank, rankOf(v.Rank, v.Teams), formatInt(v.Score)), textStyle{size: 24, bold: true, col: colInk, oneLine: true})
	gauge, rest := rest.cutBottom(90, 10)
	c.text(rest, msgLookScreen, textStyle{size: 22, col: colInkMuted})
	drawGauge(c, gauge, v.Gauge, false)
	drawStandings(c, right, v.Leaderboard, v.TeamID, 5)
}

func (s *teamScene) drawCommit(a *App, c *canvas) {
	if s.committed {
		s.drawRecap(a, c)
		return
	}
	v := s.view
	l := s.commitLayout(a)
	c.text(l.title, msgCommitTitle, textStyle{size: commitTitleSize, bold: true, col: colOnDark, oneLine: !s.phone})
	if s.committed {
		c.text(l.help, msgCommitDone, textStyle{size: 24, bold: true, col: colAccent, oneLine: !s.phone})
	} else {
		help, helpCol := msgCommitHelp, colOnDarkDim
		if len(v.Members) == 1 {
			help = msgCommitHelpOne
		}
		if s.ansErr != "" {
			help, helpCol = s.ansErr, colAccent
		}
		c.text(l.help, help, textStyle{size: commitHelpSize, col: helpCol, oneLine: !s.phone})
	}
	text1 := map[string]string{}
	for _, cm := range v.Commitments {
		text1[cm.ID] = cm.Text
	}
	for i, r := range l.members {
		if i >= len(v.Members) {
			break
		}
		c.target(r)
		bg := colPanel
		if i == s.member && !s.committed {
			bg = mix(colAccent, colPanel, 0.4)
		}
		c.roundRect(r, 12, bg)
		top, bot := r.insetXY(14, 4).rows(2, 0)[0], r.insetXY(14, 4).rows(2, 0)[1]
		m := v.Members[i]
		c.text(top, m.FirstName+" "+m.LastName, textStyle{size: 20, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
		pick := msgCommitToChoose
		if i < len(s.picks) && s.picks[i] != "" {
			pick = text1[s.picks[i]]
		}
		c.text(bot, pick, textStyle{size: 16, col: colOnDarkDim, valign: text.AlignCenter, clip: true})
	}
	chosen := ""
	if s.member < len(s.picks) {
		chosen = s.picks[s.member]
	}
	for i, r := range l.options {
		cm := v.Commitments[s.page*l.perPage+i]
		c.target(r)
		bg := colCard
		if cm.ID == chosen {
			bg = mix(colAccent, colCard, 0.5)
		}
		c.roundRect(r, 12, bg)
		if cm.ID == chosen {
			// Highlighted before and after « Valider »: the agent
			// sees the geste they took.
			c.roundRectStroke(r, 12, 4, colAccent)
		}
		chip, txt := r.insetXY(12, 8).cutLeft(40, 12)
		e, _ := game.EngagementByNumber(cm.Engagement)
		c.roundRect(chip, 8, axisChipColor(e.Axis))
		num := chip
		if cm.ID == chosen {
			// The chosen one has a check mark under its number: a
			// shape, not a colour only.
			var mark rect
			num, mark = chip.cutTop(chip.H/2, 0)
			c.drawCheck(mark.centered(math.Min(mark.W, mark.H)*0.8, math.Min(mark.W, mark.H)*0.8), colOnDark)
		}
		c.text(num, fmt.Sprint(cm.Engagement), textStyle{size: 18, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		c.text(txt, cm.Text, textStyle{size: commitItemSize, min: 11, col: colInk, valign: text.AlignCenter})
	}
	pages := (len(v.Commitments) + l.perPage - 1) / l.perPage
	if pages > 1 {
		a.button(c, l.prev, msgPrevPage, btnGhost, s.page > 0)
		a.button(c, l.next, msgNextPage, btnGhost, s.page < pages-1)
	}
	if !s.committed {
		a.button(c, l.send, s.commitSendLabel(), btnPrimary, true)
	}
}

func (s *teamScene) drawClosed(a *App, c *canvas, body rect) {
	if s.recapOpen {
		s.drawRecap(a, c)
		a.button(c, s.recapBackButton(a), msgRecapBack, btnSecondary, true)
		return
	}
	v := s.view
	top, rest := body.cutTop(body.H*0.3, 10)
	c.text(top, msgThanks, textStyle{size: 56, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	sc, rest := rest.cutTop(50, 20)
	c.text(sc, fmt.Sprintf(msgFinalScore, formatInt(v.Score), rankOf(v.Rank, v.Teams)), textStyle{size: 28, bold: true, col: colAccent, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	buttons := s.homeButton(a).Y
	if r := s.recapAgainButton(a); r.W > 0 {
		buttons = r.Y
		a.button(c, r, s.recapAgainLabel(), btnPrimary, true)
	}
	rest.H = math.Max(0, buttons-16-rest.Y)
	if v.Campaign != nil {
		shown := countUp(v.Campaign.Count-v.Campaign.Added, v.Campaign.Count, s.closedAt, a.now(), campaignAnim)
		drawCampaign(c, rest.centered(math.Min(rest.W, 1000), math.Min(rest.H, 200)), *v.Campaign, shown)
	}
	a.button(c, s.homeButton(a), msgHome, btnSecondary, true)
}

// drawGroupCompact is an association group's button on a phone: its
// colour, its letter and its name wrapped, no shape (no room for it).
func drawGroupCompact(c *canvas, r rect, g int, label string, dimmed bool) {
	col := choiceColors[g%len(choiceColors)]
	if dimmed {
		col = mix(col, colBg, 0.6)
	}
	c.target(r)
	c.roundRect(rect{r.X, r.Y + 4, r.W, r.H}, 14, colShadow)
	c.roundRect(r, 14, col)
	st := assocGroupStyle
	st.align, st.valign = text.AlignCenter, text.AlignCenter
	c.text(r.insetXY(10, 4), groupLabel(g, label), st)
}

// resultTitle is the reveal's verdict and its colour.
func resultTitle(res *game.Result) (string, color.RGBA) {
	if res == nil || !res.Answered {
		return msgNoAnswer, colPanel
	}
	switch {
	case res.Good:
		return msgGood, colGood
	case res.Points > 0:
		return msgPartial, rgb(0x8a, 0x6d, 0x00)
	}
	return msgBadAnswer, colBad
}

// drawRevealPhone is the reveal on a portrait phone: the verdict and the
// points on one band, as tall as its lines, the explanation below.
func (s *teamScene) drawRevealPhone(a *App, c *canvas, body rect) {
	v := s.view
	card, res := v.Card, v.Result
	title, col := resultTitle(res)
	rb := s.revealBand(a, body.W)
	band, rest := body.cutTop(rb.h, 12)
	c.roundRect(band, 18, col)
	in := band.insetXY(16, 16)
	top, in := in.cutTop(a.lineH(36), 0)
	verdict, ptsBox := top.cutLeft(top.W*0.5, 8)
	c.text(verdict, title, textStyle{size: 36, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
	if res != nil {
		c.text(ptsBox, fmt.Sprintf(msgPointsWon, formatInt(res.Total)), textStyle{size: 36, bold: true, col: colOnDark, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true})
	}
	for _, l := range rb.lines {
		var r rect
		r, in = in.cutTop(a.lineH(20), 0)
		c.text(r, l, textStyle{size: 20, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
	}
	if rb.answer != "" {
		_, in = in.cutTop(0, 4)
		c.text(in, rb.answer, revealAnswerStyle)
	}
	drawExplanation(c, rest, card)
}

// revealAnswerStyle is the team's answer on the phone's reveal band.
var revealAnswerStyle = textStyle{size: 20, col: colOnDark}

// revealBandLayout is the phone reveal's coloured band: its height, its
// bonus lines and the team's answer ("" when too long to repeat).
type revealBandLayout struct {
	h      float64
	lines  []string
	answer string
}

// revealBand lays out the verdict band of a phone of width w.
func (s *teamScene) revealBand(a *App, w float64) revealBandLayout {
	v := s.view
	res := v.Result
	var rb revealBandLayout
	if res != nil && res.Bonus > 0 {
		rb.lines = append(rb.lines, fmt.Sprintf(msgBonusClosest, res.Bonus))
	}
	if res != nil && res.Streak > 0 {
		rb.lines = append(rb.lines, fmt.Sprintf(msgBonusStreak, res.Streak))
	}
	// No rank line: the header above says it.
	rb.answer = fmt.Sprintf(msgYourAnswer, answerText(v.Card, v.Answer))
	ansH := a.textHeight(rb.answer, w-32, revealAnswerStyle)
	if ansH > 2*a.lineH(20) {
		// Long (a classement, a défi): the team saw it when it
		// answered; the explanation needs the room.
		rb.answer, ansH = "", 0
	}
	rb.h = 16 + a.lineH(36) + float64(len(rb.lines))*a.lineH(20) + 4 + ansH + 16
	return rb
}

func standingsTitle(p game.Phase) string {
	switch p {
	case game.PhasePodium:
		return msgPodium
	case game.PhaseDebrief:
		return msgDebrief
	}
	return msgLeaderboard
}

// drawStandingsPhone is the leaderboard on a portrait phone: the team's
// rank and the gauge in a card, the top five below, names whole.
func (s *teamScene) drawStandingsPhone(a *App, c *canvas, body rect) {
	v := s.view
	in := body.inset(16)
	line := fmt.Sprintf(msgYourRank, rankOf(v.Rank, v.Teams), formatInt(v.Score))
	lineH := a.textHeight(line, in.W, textStyle{size: 22, bold: true})
	gaugeH := 3*a.lineH(22) + 6
	in.H = a.lineH(32) + 8 + lineH + 12 + gaugeH
	card := in.inset(-16)
	c.card(card, colCard)
	t, rest := in.cutTop(a.lineH(32), 8)
	c.text(t, standingsTitle(v.Session.Phase), textStyle{size: 32, bold: true, col: colInk, valign: text.AlignCenter, oneLine: true})
	sc, rest := rest.cutTop(lineH, 12)
	c.text(sc, line, textStyle{size: 22, bold: true, col: colInk})
	drawGauge(c, rest, v.Gauge, false)
	_, list := body.cutTop(card.H, 16)
	drawStandings(c, list, v.Leaderboard, v.TeamID, 5)
}
