package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"metodd/game"
)

func (s *hostScene) draw(a *App, c *canvas) {
	v := s.view
	l := s.layout(a)
	s.drawTop(a, c, l)
	switch v.Session.Phase {
	case game.PhaseLobby:
		s.drawLobby(a, c, l.lobby)
	case game.PhaseCardOpen, game.PhaseCardClosed, game.PhaseRevealed:
		s.drawPlay(a, c, l.main)
	case game.PhaseLeaderboard:
		s.drawLeaderboard(a, c, l.main)
	case game.PhasePodium:
		s.drawPodium(a, c, l.main)
	case game.PhaseDebrief:
		s.drawDebrief(a, c, l.main)
	case game.PhaseCommitments:
		s.drawCommitments(a, c, l.main)
	case game.PhaseClosed:
		s.drawClosed(a, c, l.main)
	case game.PhaseEnded:
		box := l.main.centered(900, 200)
		c.card(box, colCard)
		c.text(box.inset(30), msgEndedHost, textStyle{size: 34, bold: true, col: colInk, align: text.AlignCenter, valign: text.AlignCenter})
	}
	s.drawBar(a, c, l)
	if s.showTeams {
		s.drawTeamsPanel(a, c, l)
	}
}

func (s *hostScene) drawTop(a *App, c *canvas, l hostLayout) {
	v := s.view
	logo, title := l.title.cutLeft(54, 12)
	drawLogo(c, logo, a)
	lobby := v.Session.Phase == game.PhaseLobby
	name := v.Session.Title
	if name == "" && !lobby {
		name = fmt.Sprintf(msgHostSession, s.created.Code)
	}
	if v.Session.Mode == game.ModePlenary {
		name = strings.TrimPrefix(name+" · "+msgPlenaryBadge, " · ")
	}
	c.text(title, name, textStyle{size: 26, min: 12, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
	a.drawSoundToggle(c, l.sound, a.soundOn(soundBoard))
	c.roundRect(l.code, 14, colPanel)
	in := l.code.insetXY(18, 0)
	who := fmt.Sprintf(msgTeamsCount, countOf(v.TeamCount, nounTeam), countOf(v.MemberCount, nounAgent))
	if lobby {
		// The lobby shows the code once, large, in its join panel.
		c.text(in, who, textStyle{size: 22, min: 11, col: colOnDarkDim, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true})
		return
	}
	counts, code := in.cutLeft(in.W*0.55, 10)
	c.text(counts, who, textStyle{size: 22, min: 11, col: colOnDarkDim, valign: text.AlignCenter, oneLine: true})
	c.text(code, msgCodeBig+" "+s.created.Code, textStyle{size: 28, min: 12, bold: true, col: colAccent, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true})
}

func (s *hostScene) drawBar(a *App, c *canvas, l hostLayout) {
	info := s.view.Session
	playing := info.Phase == game.PhaseCardOpen
	if kind, label := s.nextCommand(); kind != "" {
		a.button(c, l.next, label+"  (espace)", btnPrimary, true)
	}
	if s.canStartOver() {
		a.button(c, l.next, msgCreateTitle+"  (espace)", btnPrimary, true)
	}
	pause := msgPause + " (P)"
	if info.Paused {
		pause = msgResumeGame + " (P)"
	}
	a.button(c, l.pause, pause, btnGhost, playing)
	if timeFactorPhase(info.Phase) {
		a.button(c, l.more, timeFactorLabel(info.TimeFactor), btnGhost, true)
	} else {
		a.button(c, l.more, msgAddTime+" (+)", btnGhost, playing)
	}
	a.button(c, l.skip, msgSkip+" (S)", btnGhost, playing || info.Phase == game.PhaseCardClosed)
	a.button(c, l.teams, msgTeamsPanel+" (E)", btnGhost, true)
	end := msgEnd
	if !s.endAsked.IsZero() && a.now().Sub(s.endAsked) < endConfirmWait {
		end = msgEndConfirm
	}
	a.button(c, l.end, end, btnDanger, !info.Phase.Over())
	c.text(l.keys, msgKeys, textStyle{size: 16, min: 10, col: colOnDarkDim, valign: text.AlignCenter, oneLine: true})
}

func (s *hostScene) drawLobby(a *App, c *canvas, area rect) {
	v := s.view
	b, chips, removes := s.lobbyLayout(a, area)
	c.card(b.join, colCard)
	in := b.join.insetXY(24, 16)
	t, rest := in.cutTop(44, 4)
	c.text(t, msgJoinAt, textStyle{size: 36, min: roomText, bold: true, col: colInk, oneLine: true, room: true})
	steps, stepsCol := msgJoinSteps, colInkMuted
	if v.Session.Mode == game.ModePlenary {
		steps = msgJoinPlenary + " " + steps
	}
	switch u := s.joinURL(a); {
	case loopbackURL(u):
		steps, stepsCol = msgLoopbackWarn, colBad
	case s.created.LANJoinURL != "":
		steps = msgLANNote
	}
	st, rest := rest.cutTop(50, 2)
	c.text(st, steps, textStyle{size: 19, min: 12, bold: stepsCol == colBad, col: stepsCol, valign: text.AlignCenter})
	u, rest := rest.cutTop(40, 2)
	c.text(u, s.joinURL(a), textStyle{size: 30, min: roomText, bold: true, col: rgb(0x0b, 0x5c, 0xad), oneLine: true, room: true})
	lab, rest := rest.cutTop(22, 0)
	c.text(lab, msgCodeLabel, textStyle{size: 20, min: 12, col: colInkMuted, valign: text.AlignEnd, oneLine: true})
	c.text(rest, spaced(s.created.Code), textStyle{size: 96, min: 30, bold: true, col: colInk, valign: text.AlignCenter, oneLine: true, room: true})

	c.card(b.qr, colCard)
	if s.qr == nil {
		s.qr = qrImage(s.joinURL(a))
	}
	if s.qr != nil {
		c.image(s.qr, b.qr.inset(10))
	}

	head, _ := b.teams.cutTop(36, 8)
	c.text(head, fmt.Sprintf(msgTeamsCount, countOf(v.TeamCount, nounTeam), countOf(v.MemberCount, nounAgent)), textStyle{size: 26, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true, room: true})
	if len(v.Teams) == 0 {
		_, rest := b.teams.cutTop(44, 8)
		c.text(rest, msgNoTeamYet, textStyle{size: 24, min: roomText, col: colOnDarkDim, room: true})
		return
	}
	for i, ch := range chips {
		t := v.Teams[i]
		c.roundRect(ch, 14, colPanel)
		dot, rest := ch.insetXY(12, 6).cutLeft(ch.H*0.4, 10)
		c.circle(dot.centerX(), dot.centerY(), ch.H*0.18, parseHex(t.Color))
		name, _ := rest.cutLeft(rest.W-ch.H+8, 0)
		label := fmt.Sprintf("%s · %d", t.Name, t.Members)
		switch teamAction(t) {
		case game.KindRemoveTeam:
			a.button(c, removes[i], "×", btnGhost, true)
		case game.KindRestoreTeam:
			label = fmt.Sprintf("%s · %s", t.Name, msgRemovedMark)
			a.button(c, removes[i], "+", btnPrimary, true) // « Réintégrer »: not the danger red
		default:
			label = fmt.Sprintf("%s · %s", t.Name, msgBannedMark)
		}
		// Whole names, over two lines when long: the room looks for its own.
		c.text(name, label, textStyle{size: 22, min: roomText, bold: true, col: colOnDark, valign: text.AlignCenter, room: true})
	}
	if b.more.W > 0 {
		c.roundRect(b.more, 14, colBgLight)
		c.text(b.more.insetXY(12, 4), fmt.Sprintf(msgMoreTeams, countOf(len(v.Teams)-len(chips), nounTeam)), textStyle{size: 22, min: roomText, bold: true, col: colOnDarkDim, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true, room: true})
	}
}

// spaced spreads a join code so it reads from the back of the room.
func spaced(code string) string { return strings.Join(strings.Split(code, ""), " ") }

func (s *hostScene) drawPlay(a *App, c *canvas, main rect) {
	v := s.view
	card := v.Card
	revealed := v.Session.Phase == game.PhaseRevealed && card != nil && card.Solution != nil
	if revealed {
		s.drawReveal(a, c, main)
		return
	}
	if !s.defiClosed() {
		left, _ := main.cutLeft(math.Min(300, main.W*0.24), 20)
		boardBox, below := left.cutTop(left.W, 12)
		drawBoard(c, boardBox, v.Session, true)
		if v.Session.Phase == game.PhaseCardOpen {
			secs := secondsLeft(v.Clock.Remaining, s.viewAt, a.now(), v.Session.Paused)
			drawTimer(c, s.timerBox(main), secs, v.Clock.Limit, v.Session.Paused)
		} else {
			drawGauge(c, below.centered(below.W, math.Min(below.H, 90)), v.Gauge, true)
		}
	}
	if card == nil {
		return
	}
	cardBox, foot := s.playArea(main)
	c.card(cardBox, colCard)
	in := cardBox.insetXY(24, 18)
	if s.defiClosed() {
		dl := s.defiLayout(a, in)
		head, _ := in.cutTop(32, 0)
		drawCardHeader(c, head, card)
		c.text(dl.prompt, card.Prompt, textStyle{size: 26, min: roomText, bold: true, col: colInk, valign: text.AlignCenter, room: true})
		s.drawDefiAnswers(a, c, dl)
	} else {
		head, in := in.cutTop(32, 10)
		drawCardHeader(c, head, card)
		promptH := in.H * 0.38
		if card.Type == game.TypeDefi || card.Type == game.TypeEstimation {
			promptH = in.H * 0.5
		}
		if need := boardChoicesH(c, in.W, card, false); need > 0 {
			promptH = math.Max(promptNeed(c, in.W, card.Prompt), in.H-14-need)
		}
		prompt, answers := in.cutTop(promptH, 14)
		c.text(prompt, card.Prompt, textStyle{size: 34, min: roomText, bold: true, col: colInk, valign: text.AlignCenter, room: true})
		s.drawAnswers(a, c, card, answers, cardBox)
	}
	// Progress of the answers, or why the card closed.
	switch v.Session.Phase {
	case game.PhaseCardOpen:
		label := answeredLabel(v)
		if v.Session.Paused {
			label = msgPaused + " · " + label
		}
		progress(c, foot, v.Answered, v.Expected, label)
	case game.PhaseCardClosed:
		c.text(foot, closedLabel(v), textStyle{size: 28, min: roomText, bold: true, col: colAccent, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true, room: true})
	default:
		progress(c, foot, v.GoodShare, 100, fmt.Sprintf(msgGoodShareCard, v.GoodShare))
	}
}

// closedLabel says why the card closed: the time ran out, everyone
// answered, or the partner closed it early.
func closedLabel(v game.HostView) string {
	switch v.Closed {
	case game.CloseAnswered:
		return pick(v.Session.Mode == game.ModePlenary, msgAllAgentsIn, msgAllTeamsIn)
	case game.CloseHost:
		return msgCardClosed
	case game.CloseTimer:
		return msgTimeUp
	}
	return msgCardClosed
}

// drawReveal: the card with its answers (distribution, the right one)
// across the width, the explanation below.
func (s *hostScene) drawReveal(a *App, c *canvas, main rect) {
	v := s.view
	card := v.Card
	cardH := main.H * 0.58
	if need := boardChoicesH(c, main.W-48, card, true); need > 0 {
		// The choices whole at roomText, the explanation below them.
		cardH = math.Min(main.H*0.66, 28+38+promptNeed(c, main.W-48, card.Prompt)+10+need)
	}
	cardBox, expl := main.cutTop(cardH, 14)
	// The choices show the right one (its letter is said here); an
	// estimation's number is said here.
	drawBoardExplanation(c, expl, card, card.Type == game.TypeEstimation)
	c.card(cardBox, colCard)
	in := cardBox.insetXY(24, 14)
	head, in := in.cutTop(30, 8)
	share, chip := head.cutRight(360, 10)
	drawCardHeader(c, chip, card)
	c.text(share, fmt.Sprintf(msgGoodShareCard, v.GoodShare), textStyle{size: 24, min: roomText, bold: true, col: colGood, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true, room: true})
	promptH := in.H * 0.3
	if need := boardChoicesH(c, in.W, card, true); need > 0 {
		promptH = math.Max(promptNeed(c, in.W, card.Prompt), in.H-10-need)
	}
	prompt, answers := in.cutTop(promptH, 10)
	c.text(prompt, card.Prompt, textStyle{size: 26, min: roomText, bold: true, col: colInk, valign: text.AlignCenter, room: true})
	s.drawAnswers(a, c, card, answers, cardBox)
}

// progress draws a labelled bar of n out of total.
func progress(c *canvas, r rect, n, total int, label string) {
	c.roundRect(r, r.H/2, colPanel)
	if total > 0 && n > 0 {
		w := math.Max(r.H, r.W*math.Min(1, float64(n)/float64(total)))
		c.roundRect(rect{r.X, r.Y, w, r.H}, r.H/2, colGood)
	}
	c.text(r.insetXY(20, 0), label, textStyle{size: 24, min: 12, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
}

// drawAnswers draws the card's answer area on the board: the choices (with
// their distribution after close, the right one after the reveal), the
// estimates, the items, or the défi answers to award.
func (s *hostScene) drawAnswers(a *App, c *canvas, card *game.CardView, r rect, cardBox rect) {
	v := s.view
	closed := v.Session.Phase != game.PhaseCardOpen
	revealed := v.Session.Phase == game.PhaseRevealed && card.Solution != nil
	switch card.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		total := -1
		if closed && len(v.Distribution) == len(card.Choices) {
			total = 0
			for _, n := range v.Distribution {
				total += n
			}
		}
		for i, box := range choiceGrid(r, len(card.Choices)) {
			st := choiceNormal
			if revealed {
				st = choiceWrong
				if i == card.Solution.Choice {
					st = choiceCorrect
				}
			}
			n := 0
			if total >= 0 {
				n = v.Distribution[i]
			}
			a.drawChoiceFor(c, box, i, card.Choices[i], st, n, total, true)
		}
	case game.TypeEstimation:
		lines := []string{}
		if card.Unit != "" {
			lines = append(lines, fmt.Sprintf(msgBoardUnit, card.Unit))
		}
		if e := v.Estimates; closed && e != nil {
			lines = append(lines, fmt.Sprintf(msgEstimates, formatNumber(e.Min), formatNumber(e.Max), formatNumber(e.Median)))
			if revealed && len(e.Closest) > 0 {
				lines = append(lines, fmt.Sprintf(msgClosest, strings.Join(e.Closest, ", ")))
			}
		}
		c.text(r, strings.Join(lines, "\n"), textStyle{size: 26, min: roomText, col: colInkMuted, valign: text.AlignCenter, room: true})
	case game.TypeClassement, game.TypeAssociation:
		if revealed {
			title, body := solutionText(card)
			t, b := r.cutTop(28, 4)
			c.text(t, title, textStyle{size: 20, bold: true, col: colGood, oneLine: true})
			c.text(b, body, textStyle{size: 26, min: roomText, bold: true, col: colInk, valign: text.AlignCenter, room: true})
			return
		}
		items := make([]string, len(card.Items))
		for i, it := range card.Items {
			items[i] = "• " + it
		}
		body := strings.Join(items, "\n")
		if card.Type == game.TypeAssociation && len(card.Groups) > 0 {
			body = strings.Join(card.Groups, "  |  ") + "\n" + body
		}
		c.text(r, body, textStyle{size: 24, min: roomText, col: colInk, valign: text.AlignCenter, room: true})
	case game.TypeDefi:
		if revealed {
			title, body := solutionText(card)
			t, b := r.cutTop(28, 4)
			c.text(t, title, textStyle{size: 20, bold: true, col: colGood, oneLine: true})
			c.text(b, body, textStyle{size: 24, min: roomText, col: colInk, valign: text.AlignCenter, room: true})
			return
		}
	}
}

// defiStyle is a défi answer on the board: every word read by the room.
var defiStyle = textStyle{size: roomText, min: roomText, col: colInk, valign: text.AlignCenter, room: true}

// defiLabel is one défi answer as listed: the team, then its words.
func defiLabel(d game.DefiAnswer) string { return d.Name + "\u00a0: «\u00a0" + d.Text + "\u00a0»" }

func (s *hostScene) drawDefiAnswers(a *App, c *canvas, dl defiRows) {
	v := s.view
	if len(v.Defi) == 0 {
		_, r := dl.prompt.cutTop(dl.prompt.H, 12)
		c.text(rect{r.X, r.Y, r.W, 60}, msgNoDefi, textStyle{size: 24, min: roomText, col: colInkMuted, valign: text.AlignCenter, room: true})
		return
	}
	for i, row := range dl.rows {
		d := v.Defi[dl.first+i]
		c.roundRect(row, 12, colCardSoft)
		txt, _ := row.insetXY(14, 4).cutLeft(row.W-3*110-2*8-44, 0)
		c.text(txt, defiLabel(d), defiStyle)
		for k, b := range dl.buttons[i] {
			kind := btnSecondary
			if d.Awarded != nil && *d.Awarded == awardPoints[k] {
				kind = btnPrimary
			}
			a.button(c, b, formatInt(awardPoints[k]), kind, true)
		}
	}
	if dl.page.W > 0 {
		c.text(dl.page, fmt.Sprintf(msgDefiPage, dl.first+1, dl.first+len(dl.rows), len(v.Defi)), textStyle{size: 20, min: 12, col: colInkMuted, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	}
	if dl.prev.W > 0 {
		a.button(c, dl.prev, msgDefiPrev, btnSecondary, true)
	}
	if dl.next.W > 0 {
		a.button(c, dl.next, msgDefiNext, btnSecondary, true)
	}
}

func (s *hostScene) drawLeaderboard(a *App, c *canvas, main rect) {
	v := s.view
	left, right := main.cutLeft(math.Min(360, main.W*0.3), 24)
	boardBox, below := left.cutTop(left.W, 16)
	drawBoard(c, boardBox, v.Session, true)
	drawGauge(c, below.centered(below.W, math.Min(below.H, 90)), v.Gauge, true)
	t, rest := right.cutTop(54, 10)
	c.text(t, msgLeaderboard, textStyle{size: 40, bold: true, col: colOnDark, oneLine: true})
	drawBoardStandings(c, rest, v.Leaderboard, 10)
}

func (s *hostScene) drawPodium(a *App, c *canvas, main rect) {
	v := s.view
	t, rest := main.cutTop(60, 10)
	c.text(t, msgPodium, textStyle{size: 46, bold: true, col: colOnDark, align: text.AlignCenter, oneLine: true})
	gauge, rest := rest.cutBottom(80, 16)
	drawGauge(c, gauge.centered(math.Min(gauge.W, 800), gauge.H), v.Gauge, true)
	stage := rest.centered(math.Min(rest.W, 960), rest.H)
	cols := stage.columns(3, 24)
	// Second, first, third from left to right.
	places := []struct {
		rank   int
		height float64
	}{{2, 0.62}, {1, 0.8}, {3, 0.46}}
	shown := s.podiumShown(a.now())
	for i, p := range places {
		col := cols[i]
		if p.rank > len(v.Leaderboard) || p.rank < 4-shown {
			continue
		}
		st := v.Leaderboard[p.rank-1]
		h := col.H * p.height
		block := rect{col.X, col.bottom() - h, col.W, h}
		c.roundRect(block, 16, parseHex(st.Color))
		ink := inkOn(parseHex(st.Color))
		c.text(rect{block.X, block.Y + 14, block.W, 80}, rankText(p.rank), textStyle{size: 64, min: 20, bold: true, col: ink, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		c.text(rect{block.X + 12, block.Y + 96, block.W - 24, 40}, fmt.Sprintf(msgPoints, formatInt(st.Score)), textStyle{size: 28, min: roomText, bold: true, col: ink, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true, room: true})
		name := rect{col.X, block.Y - 70, col.W, 64}
		c.text(name, st.Name, textStyle{size: 32, min: roomText, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignEnd, room: true})
	}
}

// drawDebrief: the share of good answers per axis in a strip, then the
// least known facts across the width, as many as the room can read whole.
func (s *hostScene) drawDebrief(a *App, c *canvas, main rect) {
	v := s.view
	t, rest := main.cutTop(50, 8)
	title, gauge := t.cutLeft(t.W*0.45, 16)
	c.text(title, msgDebrief, textStyle{size: 38, min: roomText, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true, room: true})
	drawGauge(c, gauge, v.Gauge, true)
	if v.Debrief == nil {
		c.text(rest, msgDebriefNone, textStyle{size: 24, min: roomText, col: colOnDarkDim, room: true})
		return
	}
	axes, rest := rest.cutTop(84, 12)
	c.card(axes, colCard)
	in := axes.insetXY(20, 10)
	h, in := in.cutLeft(150, 20)
	c.text(h, msgPerAxis, textStyle{size: 19, min: 12, bold: true, col: colInkMuted, valign: text.AlignCenter})
	for i, col := range in.columns(len(game.Axes), 20) {
		ax := game.Axes[i]
		share := game.AxisShare{Axis: ax.Number}
		for _, p := range v.Debrief.PerAxis {
			if p.Axis == ax.Number {
				share = p
			}
		}
		lab, bar := col.cutTop(col.H*0.45, 4)
		c.text(lab, fmt.Sprintf("%d · %s", ax.Number, ax.Name), textStyle{size: 21, min: roomText, bold: true, col: colInk, valign: text.AlignCenter, oneLine: true, room: true})
		c.roundRect(bar, 10, colCardSoft)
		if share.Percent > 0 {
			c.roundRect(rect{bar.X, bar.Y, math.Max(20, bar.W*float64(share.Percent)/100), bar.H}, 10, axisColor(ax.Number))
		}
		c.text(bar.insetXY(10, 0), fmt.Sprintf("%d\u00a0%%", share.Percent), textStyle{size: 22, min: roomText, bold: true, col: colInk, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true, room: true})
	}
	h2, facts := rest.cutTop(34, 8)
	c.text(h2, msgLeastKnown, textStyle{size: 26, min: roomText, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true, room: true})
	y := facts.Y
	const pctW = 96.0
	for _, lk := range v.Debrief.LeastKnown {
		// A fact is drawn whole at roomText or not at all: the least known
		// first, as many as fit.
		w := facts.W - 40
		q := c.layoutText(rect{0, 0, w - pctW, 1e6}, lk.Prompt, factPromptStyle)
		e := c.layoutText(rect{0, 0, w, 1e6}, lk.Explanation, factStyle)
		qh, eh := float64(len(q.Lines))*q.LineH, float64(len(e.Lines))*e.LineH
		box := rect{facts.X, y, facts.W, qh + eh + 4 + 20}
		if box.bottom() > facts.bottom()+0.5 {
			break
		}
		y = box.bottom() + 10
		c.card(box, colCard)
		in := box.insetXY(20, 10)
		top, eb := in.cutTop(qh, 4)
		pct, qb := top.cutLeft(pctW, 0)
		c.text(rect{pct.X, pct.Y, pct.W, q.LineH}, fmt.Sprintf("%d\u00a0%%", lk.Percent), textStyle{size: 24, min: roomText, bold: true, col: colBad, valign: text.AlignCenter, oneLine: true, room: true})
		c.text(qb, lk.Prompt, factPromptStyle)
		c.text(eb, lk.Explanation, factStyle)
	}
}

// A least known fact on the board: its question, then what to remember.
var (
	factPromptStyle = textStyle{size: roomText, min: roomText, bold: true, col: colInk, room: true}
	factStyle       = textStyle{size: roomText, min: roomText, col: colInkMuted, room: true}
)

func (s *hostScene) drawCommitments(a *App, c *canvas, main rect) {
	v := s.view
	left, right := main.cutLeft(math.Min(360, main.W*0.3), 24)
	drawBoard(c, left.centered(left.W, left.W), v.Session, true)
	c.card(right, colCard)
	in := right.inset(36)
	t, in := in.cutTop(60, 10)
	c.text(t, msgCommitTitle, textStyle{size: 44, bold: true, col: colInk, oneLine: true})
	h, in := in.cutTop(80, 16)
	c.text(h, msgCommitHost, textStyle{size: 26, col: colInkMuted})
	bar, in := in.cutTop(56, 16)
	c.roundRect(bar, bar.H/2, colCardSoft)
	if v.MemberCount > 0 && v.Committed > 0 {
		c.roundRect(rect{bar.X, bar.Y, math.Max(bar.H, bar.W*math.Min(1, float64(v.Committed)/float64(v.MemberCount))), bar.H}, bar.H/2, colGood)
	}
	c.text(bar, fmt.Sprintf(pick(v.MemberCount > 1, msgCommitCount, msgCommitOne), v.Committed, v.MemberCount), textStyle{size: 26, bold: true, col: colInk, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	c.text(in, msgCloseHelp, textStyle{size: 22, col: colInkMuted, valign: text.AlignEnd})
}

func (s *hostScene) drawClosed(a *App, c *canvas, main rect) {
	v := s.view
	top, rest := main.cutTop(main.H*0.3, 10)
	c.text(top, msgThanks, textStyle{size: 64, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	if v.Campaign != nil {
		shown := countUp(v.Campaign.Count-v.Campaign.Added, v.Campaign.Count, s.closedAt, a.now(), campaignAnim)
		drawCampaign(c, rest.centered(math.Min(rest.W, 1100), math.Min(rest.H, 260)), *v.Campaign, shown)
	}
}

func (s *hostScene) drawTeamsPanel(a *App, c *canvas, l hostLayout) {
	v := s.view
	c.card(l.panel, colCard)
	in := l.panel.inset(16)
	t, _ := in.cutTop(40, 8)
	c.text(t, fmt.Sprintf(msgTeamsCount, countOf(v.TeamCount, nounTeam), countOf(v.MemberCount, nounAgent)), textStyle{size: 24, bold: true, col: colInk, valign: text.AlignCenter, oneLine: true})
	for i, row := range l.panelRows {
		tm := v.Teams[i]
		c.roundRect(row, 10, colCardSoft)
		dot, rest := row.insetXY(10, 6).cutLeft(20, 10)
		c.circle(dot.centerX(), row.Y+20, 9, parseHex(tm.Color))
		info, _ := rest.cutLeft(rest.W-118-10, 0)
		state := msgOnline
		if !tm.Online {
			state = msgOffline
		}
		if tm.Answered {
			state += " · " + msgAnsweredMark
		}
		switch {
		case tm.Banned:
			state += " · " + msgBannedMark
		case tm.Removed:
			state += " · " + msgRemovedMark
		}
		name, rest2 := info.cutTop(26, 0)
		c.text(name, tm.Name, textStyle{size: 19, min: 12, bold: true, col: colInk, valign: text.AlignCenter, oneLine: true})
		st, names := rest2.cutTop(22, 2)
		c.text(st, countOf(tm.Members, nounAgent)+" · "+state, textStyle{size: 16, min: 11, col: colInkMuted, valign: text.AlignCenter, oneLine: true})
		if len(tm.Names) > 0 {
			list := strings.Join(tm.Names, ", ")
			if more := tm.Members - len(tm.Names); more > 0 {
				list += fmt.Sprintf(msgMoreTeams, countOf(more, nounAgent))
			}
			c.text(names, list, textStyle{size: 16, min: 11, col: colInk, valign: text.AlignStart})
		}
		// « Retirer » (a team may come back) is a quiet button; « Bannir »
		// (final, asked twice) is the red one, apart from it.
		switch teamAction(tm) {
		case game.KindRestoreTeam:
			a.button(c, l.removes[i], msgRestore, btnPrimary, true) // bringing back: not red
		case game.KindRemoveTeam:
			a.button(c, l.removes[i], msgRemove, btnSecondary, true)
		}
		if tm.Banned {
			continue
		}
		ban := msgBan
		if s.ban.asked(tm.TeamID, a.now()) {
			ban = msgBanConfirm
		}
		a.button(c, l.bans[i], ban, btnDanger, true)
	}
}

// answeredLabel is "4 / 6 équipes ont répondu" (agents in a plenary).
func answeredLabel(v game.HostView) string {
	if v.Session.Mode == game.ModePlenary {
		return fmt.Sprintf(pick(v.Expected > 1, msgAnsweredAgents, msgAnsweredAgent), v.Answered, v.Expected)
	}
	return fmt.Sprintf(pick(v.Expected > 1, msgAnsweredTeams, msgAnsweredTeam), v.Answered, v.Expected)
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// drawBoardStandings draws the board's leaderboard: each team's name whole
// and its score for the room, over a thick bar of its colour on a light
// track (a dark team colour stays visible on the dark background).
func drawBoardStandings(c *canvas, r rect, st []game.Standing, maxRows int) {
	if len(st) > maxRows {
		st = st[:maxRows]
	}
	if len(st) == 0 {
		return
	}
	const gap = 8.0
	rowH := math.Min(84, (r.H-float64(len(st)-1)*gap)/float64(len(st)))
	top := st[0].Score
	for i, s := range st {
		row := rect{r.X, r.Y + float64(i)*(rowH+gap), r.W, rowH}
		c.roundRect(row, 12, colPanel)
		in := row.insetXY(14, 5)
		rk, rest := in.cutLeft(64, 10)
		c.text(rk, rankText(s.Rank), textStyle{size: 28, min: roomText, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true, room: true})
		line, barRow := rest.cutTop(rest.H*0.62, 2)
		score, name := line.cutRight(170, 12)
		c.text(score, fmt.Sprintf(msgPoints, formatInt(s.Score)), textStyle{size: 26, min: roomText, bold: true, col: colOnDark, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true, room: true})
		c.text(name, s.Name, textStyle{size: 26, min: roomText, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true, room: true})
		track := barRow.centered(barRow.W, math.Max(10, math.Min(18, barRow.H)))
		c.roundRect(track, track.H/2, colTrack)
		if top > 0 && s.Score > 0 {
			w := math.Max(track.H, track.W*float64(s.Score)/float64(top))
			c.roundRect(rect{track.X, track.Y, w, track.H}, track.H/2, parseHex(s.Color))
		}
	}
}

// drawBoardExplanation draws, under the revealed card on the board, the
// right answer (long answers: the order, the groups, the hints), its
// source and SDGs on the left, and « Le saviez-vous ? » on the right, all
// the room reads at roomText or more.
func drawBoardExplanation(c *canvas, r rect, card *game.CardView, withSolution bool) {
	c.card(r, colCard)
	sol := card.Solution
	in := r.insetXY(24, 14)
	left, right := in.cutLeft(in.W*0.36, 24)
	badges, left := left.cutBottom(math.Min(48, left.H*0.3), 6)
	src, left := left.cutBottom(34, 4)
	if withSolution || card.Type == game.TypeQCM || card.Type == game.TypeVraiFaux {
		title, body := solutionText(card)
		if !withSolution {
			body = string(rune('A' + sol.Choice)) // the choice itself is shown above, in green
		}
		at, ab := left.cutTop(26, 2)
		c.text(at, title, textStyle{size: 19, min: 12, bold: true, col: colGood, oneLine: true})
		c.text(ab, body, textStyle{size: 24, min: roomText, bold: true, col: colInk, room: true})
	} else {
		src = left
	}
	c.text(src, sourceText(sol.Source), textStyle{size: 15, min: 10, col: colInkMuted, valign: text.AlignEnd})
	drawSDGs(c, badges, sol.ODD, false)
	c.line(right.X-12, right.Y, right.X-12, right.bottom(), 1.5, colLine)
	kt, kb := right.cutTop(30, 4)
	c.text(kt, msgDidYouKnow, textStyle{size: 22, min: roomText, bold: true, col: colAccent2(), oneLine: true, room: true})
	c.text(kb, sol.Explanation, textStyle{size: 22, min: roomText, col: colInk, room: true})
}

// colTrack is the light track under a leaderboard bar on the board.
var colTrack = rgb(0xc9, 0xd3, 0xe0)

// promptNeed is the height a card's question takes at roomText over w.
func promptNeed(c *canvas, w float64, prompt string) float64 {
	fr := c.layoutText(rect{0, 0, w, 1e6}, prompt, textStyle{size: roomText, min: roomText, bold: true})
	return float64(len(fr.Lines)) * fr.LineH
}

// boardChoicesH is the height a QCM's choices need on the board, in a
// width w: rows tall enough for the longest choice at roomText (counts:
// with the answer counts beside, after the close); 0 for other cards.
func boardChoicesH(c *canvas, w float64, card *game.CardView, counts bool) float64 {
	n := len(card.Choices)
	if n == 0 || (card.Type != game.TypeQCM && card.Type != game.TypeVraiFaux) {
		return 0
	}
	cells := choiceGrid(rect{0, 0, w, 1000}, n)
	cols := 1
	for cols < len(cells) && cells[cols].Y == cells[0].Y {
		cols++
	}
	// drawChoice's padding, icon and gap, and the count's pill.
	textW := cells[0].W - 2*12 - 64 - 14
	if counts {
		textW -= 64 + 10
	}
	lines := 1
	for i, ch := range card.Choices {
		fr := c.layoutText(rect{0, 0, textW, 1e6}, string(rune('A'+i))+". "+ch, textStyle{size: roomText, min: roomText, bold: true})
		lines = max(lines, len(fr.Lines))
	}
	rows := (n + cols - 1) / cols
	rowH := math.Max(56, float64(lines)*roomText*lineSpacing+2*12+2)
	return float64(rows)*rowH + float64(rows-1)*16
}
