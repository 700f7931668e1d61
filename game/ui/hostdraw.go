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
		s.drawLobby(a, c, l.main)
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
	name := fmt.Sprintf(msgHostSession, s.created.Code)
	if v.Session.Title != "" {
		name = v.Session.Title + " · " + name
	}
	c.text(title, name, textStyle{size: 26, min: 12, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
	c.roundRect(l.code, 14, colPanel)
	in := l.code.insetXY(18, 0)
	counts, code := in.cutLeft(in.W*0.55, 10)
	who := fmt.Sprintf(msgTeamsCount, countOf(v.TeamCount, nounTeam), countOf(v.MemberCount, nounAgent))
	c.text(counts, who, textStyle{size: 22, min: 11, col: colOnDarkDim, valign: text.AlignCenter, oneLine: true})
	c.text(code, msgCodeBig+" "+s.created.Code, textStyle{size: 28, min: 12, bold: true, col: colAccent, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true})
}

func (s *hostScene) drawBar(a *App, c *canvas, l hostLayout) {
	info := s.view.Session
	playing := info.Phase == game.PhaseCardOpen
	if kind, label := s.nextCommand(); kind != "" {
		a.button(c, l.next, label+"  (espace)", btnPrimary, true)
	}
	pause := msgPause + " (P)"
	if info.Paused {
		pause = msgResumeGame + " (P)"
	}
	a.button(c, l.pause, pause, btnGhost, playing)
	a.button(c, l.more, msgAddTime+" (+)", btnGhost, playing)
	a.button(c, l.skip, msgSkip+" (S)", btnGhost, playing || info.Phase == game.PhaseCardClosed)
	a.button(c, l.teams, msgTeamsPanel+" (E)", btnGhost, true)
	end := msgEnd
	if !s.endAsked.IsZero() && a.now().Sub(s.endAsked) < endConfirmWait {
		end = msgEndConfirm
	}
	a.button(c, l.end, end, btnDanger, !info.Phase.Over())
	c.text(l.keys, msgKeys, textStyle{size: 16, min: 10, col: colOnDarkDim, valign: text.AlignCenter, oneLine: true})
}

func (s *hostScene) drawLobby(a *App, c *canvas, main rect) {
	v := s.view
	b, chips, removes := s.lobbyLayout(a, main)
	c.card(b.join, colCard)
	in := b.join.inset(28)
	t, rest := in.cutTop(54, 6)
	c.text(t, msgJoinAt, textStyle{size: 40, bold: true, col: colInk, oneLine: true})
	st, rest := rest.cutTop(34, 8)
	c.text(st, msgJoinSteps, textStyle{size: 21, min: 12, col: colInkMuted, oneLine: true})
	u, rest := rest.cutTop(54, 8)
	c.text(u, s.joinURL(a), textStyle{size: 32, min: 14, bold: true, col: rgb(0x0b, 0x5c, 0xad), oneLine: true})
	c.text(rest, spaced(s.created.Code), textStyle{size: 120, min: 30, bold: true, col: colInk, valign: text.AlignCenter, oneLine: true})

	c.card(b.qr, colCard)
	if s.qr == nil {
		s.qr = qrImage(s.joinURL(a))
	}
	if s.qr != nil {
		c.image(s.qr, b.qr.inset(10))
	}

	head, _ := b.teams.cutTop(36, 8)
	c.text(head, fmt.Sprintf(msgTeamsCount, countOf(v.TeamCount, nounTeam), countOf(v.MemberCount, nounAgent)), textStyle{size: 26, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
	if len(v.Teams) == 0 {
		_, rest := b.teams.cutTop(44, 8)
		c.text(rest, msgNoTeamYet, textStyle{size: 24, col: colOnDarkDim})
		return
	}
	for i, ch := range chips {
		t := v.Teams[i]
		c.roundRect(ch, 14, colPanel)
		dot, rest := ch.insetXY(12, 6).cutLeft(ch.H*0.5, 12)
		c.circle(dot.centerX(), dot.centerY(), ch.H*0.22, parseHex(t.Color))
		name, _ := rest.cutLeft(rest.W-ch.H-4, 0)
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
		c.text(name, label, textStyle{size: 21, bold: true, col: colOnDark, valign: text.AlignCenter, clip: true})
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
	left, _ := main.cutLeft(math.Min(300, main.W*0.24), 20)
	area := s.cardArea(main)
	boardBox, below := left.cutTop(left.W, 12)
	drawBoard(c, boardBox, v.Session, true)
	if v.Session.Phase == game.PhaseCardOpen {
		secs := secondsLeft(v.Clock.Remaining, s.viewAt, a.now(), v.Session.Paused)
		drawTimer(c, below.centered(math.Min(below.W, below.H), math.Min(below.W, below.H)), secs, v.Clock.Limit, v.Session.Paused)
	} else {
		drawGauge(c, below.centered(below.W, math.Min(below.H, 90)), v.Gauge, true)
	}
	if card == nil {
		return
	}
	foot, cardBox := area.cutBottom(56, 12)
	c.card(cardBox, colCard)
	in := cardBox.insetXY(24, 18)
	head, in := in.cutTop(32, 10)
	drawCardHeader(c, head, card)
	promptH := in.H * 0.38
	if card.Type == game.TypeDefi || card.Type == game.TypeEstimation {
		promptH = in.H * 0.5
	}
	if card.Type == game.TypeDefi && v.Session.Phase == game.PhaseCardClosed {
		promptH = in.H * 0.3 // the answers to award take the rest (defiLayout)
	}
	prompt, answers := in.cutTop(promptH, 14)
	c.text(prompt, card.Prompt, textStyle{size: 36, min: 16, bold: true, col: colInk, valign: text.AlignCenter})
	s.drawAnswers(a, c, card, answers, cardBox)
	// Progress of the answers, or the result of the card.
	switch v.Session.Phase {
	case game.PhaseCardOpen:
		label := answeredLabel(v)
		if v.Session.Paused {
			label = msgPaused + " · " + label
		}
		progress(c, foot, v.Answered, v.Expected, label)
	case game.PhaseCardClosed:
		c.text(foot, msgTimeUp, textStyle{size: 28, bold: true, col: colAccent, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	default:
		progress(c, foot, v.GoodShare, 100, fmt.Sprintf(msgGoodShareCard, v.GoodShare))
	}
}

// drawReveal: the card with its answers (distribution, the right one)
// across the width, the explanation below.
func (s *hostScene) drawReveal(a *App, c *canvas, main rect) {
	v := s.view
	card := v.Card
	cardBox, expl := main.cutTop(main.H*0.56, 14)
	long := card.Type == game.TypeClassement || card.Type == game.TypeAssociation || card.Type == game.TypeDefi
	drawExplanation(c, expl, card, !long)
	c.card(cardBox, colCard)
	in := cardBox.insetXY(24, 14)
	head, in := in.cutTop(30, 8)
	share, chip := head.cutRight(360, 10)
	drawCardHeader(c, chip, card)
	c.text(share, fmt.Sprintf(msgGoodShareCard, v.GoodShare), textStyle{size: 22, min: 11, bold: true, col: colGood, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true})
	prompt, answers := in.cutTop(in.H*0.34, 10)
	c.text(prompt, card.Prompt, textStyle{size: 28, min: 14, bold: true, col: colInk, valign: text.AlignCenter})
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
			a.drawChoice(c, box, i, card.Choices[i], st, n, total)
		}
	case game.TypeEstimation:
		lines := []string{}
		if card.Unit != "" {
			lines = append(lines, fmt.Sprintf(msgEstimateLabel+" : "+msgEstimateUnit, card.Unit))
		}
		if e := v.Estimates; closed && e != nil {
			lines = append(lines, fmt.Sprintf(msgEstimates, formatNumber(e.Min), formatNumber(e.Max), formatNumber(e.Median)))
			if revealed && len(e.Closest) > 0 {
				lines = append(lines, fmt.Sprintf(msgClosest, strings.Join(e.Closest, ", ")))
			}
		}
		c.text(r, strings.Join(lines, "\n"), textStyle{size: 26, min: 12, col: colInkMuted, valign: text.AlignCenter})
	case game.TypeClassement, game.TypeAssociation:
		if revealed {
			title, body := solutionText(card)
			t, b := r.cutTop(28, 4)
			c.text(t, title, textStyle{size: 20, bold: true, col: colGood, oneLine: true})
			c.text(b, body, textStyle{size: 26, min: 11, bold: true, col: colInk, valign: text.AlignCenter})
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
		c.text(r, body, textStyle{size: 24, min: 11, col: colInk, valign: text.AlignCenter})
	case game.TypeDefi:
		if revealed {
			title, body := solutionText(card)
			t, b := r.cutTop(28, 4)
			c.text(t, title, textStyle{size: 20, bold: true, col: colGood, oneLine: true})
			c.text(b, body, textStyle{size: 24, min: 11, col: colInk, valign: text.AlignCenter})
			return
		}
		if !closed {
			return
		}
		s.drawDefiAnswers(a, c, r)
	}
}

func (s *hostScene) drawDefiAnswers(a *App, c *canvas, r rect) {
	v := s.view
	if len(v.Defi) == 0 {
		c.text(r, msgNoDefi, textStyle{size: 24, col: colInkMuted, valign: text.AlignCenter})
		return
	}
	l := s.layout(a)
	rows, buttons := s.defiLayout(s.defiArea(l.main))
	for i, row := range rows {
		d := v.Defi[i]
		c.roundRect(row, 12, colCardSoft)
		txt, _ := row.insetXY(14, 4).cutLeft(row.W-3*118-20, 0)
		c.text(txt, d.Name+" : « "+d.Text+" »", textStyle{size: 20, min: 10, col: colInk, valign: text.AlignCenter})
		for k, b := range buttons[i] {
			kind := btnSecondary
			if d.Awarded != nil && *d.Awarded == awardPoints[k] {
				kind = btnPrimary
			}
			a.button(c, b, formatInt(awardPoints[k]), kind, true)
		}
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
	drawStandings(c, rest, v.Leaderboard, "", 10)
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
	for i, p := range places {
		col := cols[i]
		if p.rank > len(v.Leaderboard) {
			continue
		}
		st := v.Leaderboard[p.rank-1]
		h := col.H * p.height
		block := rect{col.X, col.bottom() - h, col.W, h}
		c.roundRect(block, 16, parseHex(st.Color))
		ink := inkOn(parseHex(st.Color))
		c.text(rect{block.X, block.Y + 14, block.W, 80}, rankText(p.rank), textStyle{size: 64, min: 20, bold: true, col: ink, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		c.text(rect{block.X + 12, block.Y + 96, block.W - 24, 40}, fmt.Sprintf(msgPoints, formatInt(st.Score)), textStyle{size: 26, min: 12, bold: true, col: ink, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		name := rect{col.X, block.Y - 70, col.W, 64}
		c.text(name, st.Name, textStyle{size: 32, min: 14, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignEnd})
	}
}

func (s *hostScene) drawDebrief(a *App, c *canvas, main rect) {
	v := s.view
	t, rest := main.cutTop(56, 10)
	c.text(t, msgDebrief, textStyle{size: 42, bold: true, col: colOnDark, oneLine: true})
	left, right := rest.cutLeft(rest.W*0.4, 24)
	c.card(left, colCard)
	in := left.inset(24)
	h, in := in.cutTop(40, 12)
	c.text(h, msgPerAxis, textStyle{size: 26, bold: true, col: colInk, oneLine: true})
	if v.Debrief == nil {
		c.text(in, msgDebriefNone, textStyle{size: 22, col: colInkMuted})
		return
	}
	gauge, in := in.cutBottom(80, 10)
	drawGauge(c, gauge, v.Gauge, false)
	for i, row := range in.rows(3, 14) {
		if i >= len(game.Axes) {
			break
		}
		ax := game.Axes[i]
		share := game.AxisShare{Axis: ax.Number}
		for _, p := range v.Debrief.PerAxis {
			if p.Axis == ax.Number {
				share = p
			}
		}
		lab, bar := row.cutTop(row.H*0.5, 4)
		c.text(lab, fmt.Sprintf("%d · %s", ax.Number, ax.Name), textStyle{size: 20, min: 11, bold: true, col: colInk, valign: text.AlignEnd, oneLine: true})
		bar = bar.centered(bar.W, math.Min(bar.H, 34))
		c.roundRect(bar, 10, colCardSoft)
		if share.Percent > 0 {
			c.roundRect(rect{bar.X, bar.Y, math.Max(20, bar.W*float64(share.Percent)/100), bar.H}, 10, axisColor(ax.Number))
		}
		c.text(bar.insetXY(12, 0), fmt.Sprintf("%d\u00a0%%  (%d / %d)", share.Percent, share.Good, share.Total), textStyle{size: 18, min: 10, bold: true, col: colInk, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true})
	}
	h2, rest2 := right.cutTop(40, 10)
	c.text(h2, msgLeastKnown, textStyle{size: 26, bold: true, col: colOnDark, oneLine: true})
	n := len(v.Debrief.LeastKnown)
	for i, box := range rest2.rows(max(n, 1), 14) {
		if i >= n {
			break
		}
		lk := v.Debrief.LeastKnown[i]
		c.card(box, colCard)
		in := box.insetXY(20, 12)
		top, body := in.cutTop(in.H*0.42, 6)
		pct, q := top.cutRight(110, 10)
		c.text(q, lk.Prompt, textStyle{size: 22, min: 11, bold: true, col: colInk})
		c.text(pct, fmt.Sprintf("%d\u00a0%%", lk.Percent), textStyle{size: 30, min: 12, bold: true, col: colBad, align: text.AlignEnd, oneLine: true})
		c.text(body, lk.Explanation, textStyle{size: 19, min: 10, col: colInkMuted})
	}
}

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
		dot, rest := row.insetXY(10, 4).cutLeft(24, 10)
		c.circle(dot.centerX(), dot.centerY(), 10, parseHex(tm.Color))
		info, _ := rest.cutLeft(rest.W-230, 0)
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
		c.text(info, fmt.Sprintf("%s — %s · %s", tm.Name, countOf(tm.Members, nounAgent), state), textStyle{size: 18, min: 10, col: colInk, valign: text.AlignCenter})
		switch teamAction(tm) {
		case game.KindRestoreTeam:
			a.button(c, l.removes[i], msgRestore, btnPrimary, true) // bringing back: not red
		case game.KindRemoveTeam:
			a.button(c, l.removes[i], msgRemove, btnDanger, true)
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
