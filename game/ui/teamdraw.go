package ui

import (
	"fmt"
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
	case game.PhaseCardOpen:
		s.drawCard(a, c, l.body)
	case game.PhaseCardClosed:
		s.drawCard(a, c, l.body)
	case game.PhaseRevealed:
		s.drawReveal(a, c, l.body)
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
	c.circle(dot.centerX(), dot.centerY(), 16, col)
	c.text(name, v.TeamName, textStyle{size: 28, min: 14, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
	sc := fmt.Sprintf(msgPoints, formatInt(v.Score))
	if v.Rank > 0 {
		sc = rankOf(v.Rank, v.Teams) + " · " + sc
	}
	c.text(l.score.insetXY(12, 0), sc, textStyle{size: 24, min: 12, bold: true, col: colAccent, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true})
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
	for i, m := range v.Members {
		row := rect{rest.X, rest.Y + float64(i)*48, rest.W, 42}
		if row.bottom() > rest.bottom() {
			break
		}
		dot, txt := row.cutLeft(30, 10)
		c.circle(dot.centerX(), dot.centerY(), 11, parseHex(v.Color))
		who := m.FirstName + " " + m.LastName + " — " + m.Collectivite
		if m.Direction != "" {
			who += ", " + m.Direction
		}
		c.text(txt, who, textStyle{size: 22, col: colInk, valign: text.AlignCenter, oneLine: true})
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
	c.text(l.prompt, card.Prompt, textStyle{size: 34, min: 16, bold: true, col: colInk, valign: text.AlignCenter})
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
			status = msgChoiceHelp
		}
		chosen := -1
		if v.Answer != nil && v.Answer.Choice != nil {
			chosen = *v.Answer.Choice
		}
		for i, r := range choiceGrid(l.answer, len(card.Choices)) {
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
			status = msgClassementHelp
		}
		s.drawClassement(a, c, card, l.answer, locked)
	case game.TypeAssociation:
		if !locked && status == "" {
			status = msgAssocHelp
		}
		s.drawAssociation(a, c, card, l.answer, locked)
	case game.TypeDefi:
		s.drawDefi(a, c, l.answer, locked)
	}
	c.text(l.status, status, textStyle{size: 22, min: 12, bold: true, col: statusCol, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
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
	a.drawField(c, s.number, fieldBox, true)
	s.number.label = label
	if v, err := parseNumber(s.number.text()); err == nil {
		c.text(preview.insetXY(0, 20), fmt.Sprintf(msgEstimateSeen, formatNumber(v)+" "+card.Unit), textStyle{size: 24, min: 12, bold: true, col: colOnDark, valign: text.AlignEnd})
	}
	a.button(c, btn, msgValidate, btnPrimary, true)
}

func (s *teamScene) drawClassement(a *App, c *canvas, card *game.CardView, r rect, locked bool) {
	order := s.order
	if s.view.Answer != nil && len(s.view.Answer.Order) == len(card.Items) {
		order = s.view.Answer.Order
	}
	rows, ups, downs, btn := s.classementLayout(r, len(order))
	for i, row := range rows {
		if i == s.drag {
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
	txt, _ := rest.cutLeft(rest.W-2*row.H-10, 0)
	c.text(txt, label, textStyle{size: 24, min: 12, col: colInk, valign: text.AlignCenter})
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
		c.text(txt, card.Items[i], textStyle{size: 22, min: 11, col: colInk, valign: text.AlignCenter})
		if g := groups[i]; g >= 0 && g < len(card.Groups) {
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
	res := v.Result
	title, col := msgNoAnswer, colPanel
	if res != nil && res.Answered {
		switch {
		case res.Good:
			title, col = msgGood, colGood
		case res.Points > 0:
			title, col = msgPartial, rgb(0x8a, 0x6d, 0x00)
		default:
			title, col = msgBadAnswer, colBad
		}
	}
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

	drawExplanation(c, right, card, true)
}

// drawExplanation draws the revealed card: the right answer, "Le
// saviez-vous ?", the source and the SDG badges.
func drawExplanation(c *canvas, r rect, card *game.CardView, withSolution bool) {
	c.card(r, colCard)
	sol := card.Solution
	if r.W > 2.2*r.H {
		// Wide and low (under the card on the board): two columns.
		in := r.insetXY(24, 16)
		left, right := in.cutLeft(in.W*0.38, 24)
		badges, left := left.cutBottom(math.Min(56, left.H*0.3), 8)
		src, left := left.cutBottom(40, 6)
		if withSolution {
			title, body := solutionText(card)
			at, ab := left.cutTop(26, 2)
			c.text(at, title, textStyle{size: 19, bold: true, col: colGood, oneLine: true})
			c.text(ab, body, textStyle{size: 26, min: 12, bold: true, col: colInk})
		} else {
			src = left
		}
		c.text(src, sourceText(sol.Source), textStyle{size: 16, min: 10, col: colInkMuted, valign: text.AlignEnd})
		drawSDGs(c, badges, sol.ODD, false)
		c.line(right.X-12, right.Y, right.X-12, right.bottom(), 1.5, colLine)
		kt, kb := right.cutTop(34, 4)
		c.text(kt, msgDidYouKnow, textStyle{size: 24, bold: true, col: colAccent2(), oneLine: true})
		c.text(kb, sol.Explanation, textStyle{size: 24, min: 12, col: colInk})
		return
	}
	in := r.inset(24)
	badges, in := in.cutBottom(56, 12)
	src, in := in.cutBottom(42, 8)
	title, body := solutionText(card)
	bodyH := math.Min(in.H*0.4, 40+32*float64(countLines(body)))
	ans, in := in.cutTop(bodyH, 14)
	at, ab := ans.cutTop(28, 4)
	c.text(at, title, textStyle{size: 19, bold: true, col: colGood, oneLine: true})
	c.text(ab, body, textStyle{size: 28, min: 13, bold: true, col: colInk})
	c.line(in.X, in.Y-7, in.right(), in.Y-7, 1.5, colLine)
	kt, kb := in.cutTop(34, 4)
	c.text(kt, msgDidYouKnow, textStyle{size: 24, bold: true, col: colAccent2(), oneLine: true})
	c.text(kb, sol.Explanation, textStyle{size: 24, min: 12, col: colInk})
	c.text(src, sourceText(sol.Source), textStyle{size: 16, min: 10, col: colInkMuted, valign: text.AlignEnd})
	drawSDGs(c, badges, sol.ODD, true)
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
	left, right := body.cutLeft(body.W*0.42, 24)
	c.card(left, colCard)
	in := left.inset(28)
	t, rest := in.cutTop(50, 10)
	title := msgLeaderboard
	switch v.Session.Phase {
	case game.PhasePodium:
		title = msgPodium
	case game.PhaseDebrief:
		title = msgDebrief
	}
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
	v := s.view
	l := s.commitLayout(a)
	c.text(l.title, msgCommitTitle, textStyle{size: 36, bold: true, col: colOnDark, oneLine: true})
	if s.committed {
		c.text(l.help, msgCommitDone, textStyle{size: 24, bold: true, col: colAccent, oneLine: true})
	} else {
		help, helpCol := msgCommitHelp, colOnDarkDim
		if s.ansErr != "" {
			help, helpCol = s.ansErr, colAccent
		}
		c.text(l.help, help, textStyle{size: 22, col: helpCol, oneLine: true})
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
		if cm.ID == chosen && !s.committed {
			bg = mix(colAccent, colCard, 0.5)
		}
		c.roundRect(r, 12, bg)
		chip, txt := r.insetXY(12, 8).cutLeft(40, 12)
		e, _ := game.EngagementByNumber(cm.Engagement)
		c.roundRect(chip, 8, axisChipColor(e.Axis))
		c.text(chip, fmt.Sprint(cm.Engagement), textStyle{size: 18, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		c.text(txt, cm.Text, textStyle{size: 20, min: 11, col: colInk, valign: text.AlignCenter})
	}
	pages := (len(v.Commitments) + l.perPage - 1) / l.perPage
	if pages > 1 {
		a.button(c, l.prev, msgPrevPage, btnGhost, s.page > 0)
		a.button(c, l.next, msgNextPage, btnGhost, s.page < pages-1)
	}
	if !s.committed {
		a.button(c, l.send, msgCommitSend, btnPrimary, true)
	}
}

func (s *teamScene) drawClosed(a *App, c *canvas, body rect) {
	v := s.view
	top, rest := body.cutTop(body.H*0.3, 10)
	c.text(top, msgThanks, textStyle{size: 56, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	sc, rest := rest.cutTop(50, 20)
	c.text(sc, fmt.Sprintf(msgFinalScore, formatInt(v.Score), rankOf(v.Rank, v.Teams)), textStyle{size: 28, bold: true, col: colAccent, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	if v.Campaign != nil {
		shown := countUp(v.Campaign.Count-v.Campaign.Added, v.Campaign.Count, s.closedAt, a.now(), campaignAnim)
		drawCampaign(c, rest.centered(math.Min(rest.W, 1000), math.Min(rest.H-90, 200)), *v.Campaign, shown)
	}
	a.button(c, s.homeButton(a), msgHome, btnSecondary, true)
}
