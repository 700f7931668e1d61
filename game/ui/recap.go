package ui

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"metodd/game"
)

// The recap of the commitment to keep (issue 12): once the team has sent
// its choices, its screen shows each member's commitment (the one chosen
// in the list above, one at a time): its text, its engagement, its axis,
// the goals it serves, and a QR code with the short link of its page on
// the server (game.RecapPath, server/recap.go), which the agent saves on
// their phone or prints. The address holds the commitment's id only.

// Recap text sizes (dp).
const (
	recapTextSize = 26 // the commitment itself
	recapLineSize = 20 // engagement, axis, goals
	recapKeepSize = 18 // « Gardez-le… » and the link
	// recapQRMin: a QR code smaller than this is hard to scan from a
	// phone held at arm's length: below it only the link is shown.
	recapQRMin = 110.0
)

// recapURL is the page of commitment id on the server the app talks to.
func (a *App) recapURL(id string) string {
	return strings.TrimRight(a.opts.Server, "/") + game.RecapPath(id)
}

// shortLink is a URL as written on screen: without its scheme.
func shortLink(u string) string {
	return strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
}

// recapLayout is the recap screen.
type recapLayout struct {
	title, help rect
	members     []rect
	next        rect // a phone's « next member » button (several members)
	card        rect
	lines       []rect // the commitment, then engagement, axis and goals
	qr          rect   // empty when there is no room for a scannable code
	keep, link  rect
}

// recapCommitment is the commitment the recap shows: the chosen one of
// the selected member.
func (s *teamScene) recapCommitment() (game.Commitment, bool) {
	if s.member < 0 || s.member >= len(s.picks) || s.picks[s.member] == "" {
		return game.Commitment{}, false
	}
	for _, c := range s.view.Commitments {
		if c.ID == s.picks[s.member] {
			return c, true
		}
	}
	return game.Commitment{}, false
}

// recapLines are the recap's texts under the commitment's own: its
// engagement, its axis, the goals it serves.
func recapLines(c game.Commitment) []string {
	e, ok := game.EngagementByNumber(c.Engagement)
	if !ok {
		return nil
	}
	out := []string{fmt.Sprintf(msgRecapEngage, e.Number, e.Title)}
	if e.Axis >= 1 && e.Axis <= len(game.Axes) {
		ax := game.Axes[e.Axis-1]
		out = append(out, fmt.Sprintf(msgRecapAxis, ax.Number, ax.Name))
	}
	for _, o := range c.ODD {
		if g, ok := game.SDGByNumber(o); ok {
			out = append(out, fmt.Sprintf(msgRecapODD, g.Number, g.Name))
		}
	}
	return out
}

// recapHelp is the line under the title; none once the session is
// closed (the closed screen said it, and a small phone needs the room for
// the QR code).
func (s *teamScene) recapHelp() string {
	if s.view.Session.Phase == game.PhaseClosed {
		return ""
	}
	if len(s.view.Members) > 1 {
		return msgRecapDoneTeam
	}
	return msgRecapDone
}

// The recap once the session is closed: the closed screen offers it
// again (« Revoir mon engagement »), the agent having maybe put the phone
// away before saving it; it then takes the screen above « Retour ».

// hasRecap says whether a member of the team chose a commitment.
func (s *teamScene) hasRecap() bool {
	for _, p := range s.picks {
		if p != "" {
			return true
		}
	}
	return false
}

// recapAgainButton is the closed screen's « Revoir … » button, above
// « Retour à l’accueil »; empty when nothing was chosen.
func (s *teamScene) recapAgainButton(a *App) rect {
	if s.view.Session.Phase != game.PhaseClosed || !s.hasRecap() {
		return rect{}
	}
	h := s.homeButton(a)
	return rect{h.X, h.Y - h.H - 16, h.W, h.H}
}

// recapAgainLabel is that button's words.
func (s *teamScene) recapAgainLabel() string {
	if len(s.view.Members) > 1 {
		return msgRecapAgainTeam
	}
	return msgRecapAgain
}

// recapBody is where the recap lies: the team screen's body, less the
// row of « Retour » on the closed screen.
func (s *teamScene) recapBody(a *App) rect {
	body := s.layout(a).body
	if s.view.Session.Phase == game.PhaseClosed {
		_, body = body.cutBottom(s.homeButton(a).H, 16)
	}
	return body
}

// recapBackButton is the closed recap's « Retour », where the home button
// is on the closed screen.
func (s *teamScene) recapBackButton(a *App) rect {
	h := s.homeButton(a)
	b := s.layout(a).body
	return rect{h.X, b.bottom() - h.H, h.W, h.H}
}

// updateClosedRecap opens and closes the recap on the closed screen; true
// when the recap is shown (the frame is its own).
func (s *teamScene) updateClosedRecap(a *App) bool {
	if s.view.Session.Phase != game.PhaseClosed {
		return false
	}
	if !s.recapOpen {
		if r := s.recapAgainButton(a); r.W > 0 && a.clicked(r) {
			s.recapOpen, s.member = true, 0
			a.invalidate()
			return true
		}
		return false
	}
	if a.clicked(s.recapBackButton(a)) || a.has(intentBack) {
		s.recapOpen = false
		a.invalidate()
		return true
	}
	s.updateRecap(a)
	return true
}

func (s *teamScene) recapLayout(a *App) recapLayout {
	if a.narrow() {
		// A small phone leaves the title out when the QR code would
		// otherwise be too small to scan.
		if l := s.recapLayoutPhone(a, true); l.qr.W > 0 {
			return l
		}
		return s.recapLayoutPhone(a, false)
	}
	var l recapLayout
	body := s.recapBody(a)
	c, _ := s.recapCommitment()
	texts := append([]string{c.Text}, recapLines(c)...)
	l.title, body = body.cutTop(44, 4)
	l.help, body = body.cutTop(30, 12)
	if n := len(s.view.Members); n > 1 {
		var left rect
		left, body = body.cutLeft(math.Min(360, body.W*0.3), 20)
		for i := 0; i < n; i++ {
			l.members = append(l.members, rect{left.X, left.Y + float64(i)*62, left.W, 54})
		}
	}
	l.card = body
	in := body.inset(24)
	qrCol, textCol := in.cutRight(math.Min(in.H, in.W*0.38), 24)
	cb := a.canvas(nil)
	y := textCol.Y
	for i, s := range texts {
		st := textStyle{size: recapLineSize}
		if i == 0 {
			st = textStyle{size: recapTextSize, bold: true}
		}
		fr := cb.layoutText(rect{0, 0, textCol.W, 1e6}, s, st)
		h := float64(len(fr.Lines))*fr.LineH + 2
		l.lines = append(l.lines, rect{textCol.X, y, textCol.W, math.Min(h, textCol.bottom()-y)})
		y += h + 12
	}
	l.link, qrCol = qrCol.cutBottom(30, 4)
	l.keep, qrCol = qrCol.cutBottom(52, 6)
	if side := math.Min(qrCol.W, qrCol.H); side >= recapQRMin {
		l.qr = qrCol.centered(side, side)
	}
	return l
}

// recapLayoutPhone is the recap on a portrait phone, with or without its
// title.
func (s *teamScene) recapLayoutPhone(a *App, withTitle bool) recapLayout {
	var l recapLayout
	body := s.recapBody(a)
	c, _ := s.recapCommitment()
	texts := append([]string{c.Text}, recapLines(c)...)
	t := a.minTarget()
	if withTitle {
		l.title, body = body.cutTop(a.textHeight(msgCommitTitle, body.W, textStyle{size: commitTitleSize, bold: true}), 4)
	}
	if help := s.recapHelp(); help != "" {
		l.help, body = body.cutTop(a.textHeight(help, body.W, textStyle{size: commitHelpSize, bold: true}), 10)
	}
	if len(s.view.Members) > 1 {
		// One button that goes to the next member's commitment:
		// the card keeps the room for its QR code.
		l.next, body = body.cutTop(math.Max(t, a.lineH(18)+12), 10)
	}
	l.card = body
	in := body.inset(16)
	for i, s := range texts {
		st := textStyle{size: recapLineSize}
		if i == 0 {
			st = textStyle{size: recapTextSize, bold: true}
		}
		var r rect
		r, in = in.cutTop(a.textHeight(s, in.W, st), 8)
		l.lines = append(l.lines, r)
	}
	link := shortLink(a.recapURL(c.ID))
	l.link, in = in.cutBottom(a.textHeight(link, in.W, textStyle{size: recapKeepSize, bold: true}), 4)
	l.keep, in = in.cutBottom(a.textHeight(msgRecapKeep, in.W, textStyle{size: recapKeepSize}), 6)
	if side := math.Min(in.W, in.H); side >= recapQRMin {
		l.qr = in.centered(side, side)
	}
	return l
}

// updateRecap: a member's row shows that member's commitment.
func (s *teamScene) updateRecap(a *App) {
	l := s.recapLayout(a)
	if i := a.clickedIn(l.members); i >= 0 {
		s.member = i
	}
	if n := len(s.view.Members); n > 0 && l.next.W > 0 && a.clicked(l.next) {
		s.member = (s.member + 1) % n
	}
}

// recapNextLabel is the phone's « next member » button's label.
func (s *teamScene) recapNextLabel() string {
	n := len(s.view.Members)
	if s.member < 0 || s.member >= n {
		return ""
	}
	m := s.view.Members[s.member]
	return fmt.Sprintf(msgRecapNextMember, m.FirstName+" "+m.LastName, s.member+1, n)
}

func (s *teamScene) drawRecap(a *App, c *canvas) {
	l := s.recapLayout(a)
	if l.title.H > 0 {
		c.text(l.title, msgCommitTitle, textStyle{size: commitTitleSize, bold: true, col: colOnDark, oneLine: !s.phone})
	}
	c.text(l.help, s.recapHelp(), textStyle{size: commitHelpSize, bold: true, col: colAccent, oneLine: !s.phone})
	for i, r := range l.members {
		if i >= len(s.view.Members) {
			break
		}
		m := s.view.Members[i]
		c.target(r)
		bg := colPanel
		if i == s.member {
			bg = mix(colAccent, colPanel, 0.4)
		}
		c.roundRect(r, 12, bg)
		if i == s.member {
			c.roundRectStroke(r, 12, 3, colAccent)
		}
		c.text(r.insetXY(12, 4), m.FirstName+" "+m.LastName, textStyle{size: 18, bold: i == s.member, col: colOnDark, valign: text.AlignCenter, oneLine: true})
	}
	if l.next.W > 0 {
		c.target(l.next)
		c.roundRect(l.next, 12, colPanel)
		c.roundRectStroke(l.next, 12, 2, colAccent)
		c.text(l.next.insetXY(12, 4), s.recapNextLabel(), textStyle{size: 18, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	}
	cm, ok := s.recapCommitment()
	c.card(l.card, colCard)
	if !ok {
		c.text(l.card.inset(24), msgRecapNone, textStyle{size: recapLineSize, col: colInkMuted, align: text.AlignCenter, valign: text.AlignCenter})
		return
	}
	texts := append([]string{cm.Text}, recapLines(cm)...)
	for i, r := range l.lines {
		if i >= len(texts) {
			break
		}
		st := textStyle{size: recapLineSize, min: 13, col: colInkMuted}
		if i == 0 {
			st = textStyle{size: recapTextSize, min: 14, bold: true, col: colInk}
		}
		c.text(r, texts[i], st)
	}
	u := a.recapURL(cm.ID)
	if l.qr.W > 0 {
		if img := s.recapQR.image(u); img != nil {
			c.image(img, l.qr)
		}
	}
	c.text(l.keep, msgRecapKeep, textStyle{size: recapKeepSize, min: 13, col: colInkMuted, align: text.AlignCenter})
	c.text(l.link, shortLink(u), textStyle{size: recapKeepSize, min: 12, bold: true, col: colInk, align: text.AlignCenter})
}

// describeRecap is the recap in the accessible mirror.
func (s *teamScene) describeRecap(a *App, d *mirrorDoc) {
	add := func(ns ...mirrorNode) { d.Nodes = append(d.Nodes, ns...) }
	if help := s.recapHelp(); help != "" {
		add(mText("help", help))
	}
	l := s.recapLayout(a)
	if len(l.members) > 0 {
		var ms []mirrorNode
		for i, r := range l.members {
			if i >= len(s.view.Members) {
				break
			}
			m := s.view.Members[i]
			ms = append(ms, mToggle("recap-member-"+fmt.Sprint(i), fmt.Sprintf(msgRecapWho, m.FirstName+" "+m.LastName), i == s.member, r))
		}
		add(mGroup("recap-members", msgRecapMembersOf, ms...))
	}
	if l.next.W > 0 {
		add(mButton("recap-next", s.recapNextLabel(), l.next))
	}
	cm, ok := s.recapCommitment()
	if !ok {
		add(mText("recap", msgRecapNone))
		return
	}
	add(mHeading(3, "recap-title", msgRecapTitle), mText("recap-text", cm.Text))
	for i, line := range recapLines(cm) {
		add(mText(fmt.Sprintf("recap-%d", i), line))
	}
	u := a.recapURL(cm.ID)
	add(mirrorNode{Kind: mirrorLink, Key: "recap-link", Text: msgRecapKeep + " " + shortLink(u), Label: u})
}

// drawCheck draws a check mark in r (the chosen commitment: a shape, not
// a colour only) and logs it for the tests.
func (c *canvas) drawCheck(r rect, col color.Color) {
	w := math.Max(2.5, r.W*0.14)
	c.line(r.X+r.W*0.18, r.Y+r.H*0.55, r.X+r.W*0.42, r.Y+r.H*0.78, w, col)
	c.line(r.X+r.W*0.42, r.Y+r.H*0.78, r.X+r.W*0.84, r.Y+r.H*0.24, w, col)
	if c.rec != nil {
		c.rec.checks = append(c.rec.checks, r)
	}
}

// recapQR is the recap's QR code, made again when its address changes.
type recapQR struct {
	img *ebiten.Image
	url string
}

// image is the QR code of u.
func (q *recapQR) image(u string) *ebiten.Image {
	if q.img == nil || q.url != u {
		if q.img != nil {
			q.img.Deallocate()
		}
		q.img, q.url = qrImage(u), u
	}
	return q.img
}
