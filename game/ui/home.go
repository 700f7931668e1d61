package ui

import (
	"math"
	"net/url"
	"strings"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// homeScene: join a game with a code, or log in to host one.
type homeScene struct {
	code   *textField
	server *textField
	err    string
}

// The join code's length as the home form takes it: the server's codes have
// 6 characters; the form accepts a little around so that a code read or typed
// differently is checked by the server, which says why it is wrong.
const (
	minCodeLen = 4
	maxCodeLen = 8
)

func newHome(a *App) *homeScene {
	h := &homeScene{
		code:   newField(msgCodeLabel, msgCodePlaceholder, maxCodeLen),
		server: newField(msgServerLabel, msgServerPlaceholder, 200),
	}
	h.code.upper = true
	h.code.caps = capsAll
	h.server.setText(a.opts.Server)
	return h
}

type homeLayout struct {
	title, subtitle, logo rect
	joinCard, hostCard    rect
	joinTitle, joinHelp   rect
	codeField, joinBtn    rect
	hostTitle, hostHelp   rect
	hostBtn, serverField  rect
	err                   rect
	a11y                  rect // link to the accessibility statement
}

func (h *homeScene) layout(a *App) homeLayout {
	if a.narrow() {
		return h.narrowLayout(a)
	}
	var l homeLayout
	l.a11y = rect{a.screen().W - 520, 4, 508, 26}
	scr := a.screen().inset(32)
	head, body := scr.cutTop(150, 24)
	logo, titles := head.cutLeft(150, 24)
	l.logo = logo
	l.title, l.subtitle = titles.cutTop(86, 4)
	if a.opts.AskServer {
		var srv rect
		srv, body = body.cutBottom(84, 16)
		l.serverField = srv.centered(560, 84)
	}
	errBox, body := body.cutBottom(40, 8)
	l.err = errBox
	narrow := body.W < 900
	if narrow {
		rows := body.rows(2, 20)
		l.joinCard, l.hostCard = rows[0], rows[1]
	} else {
		cols := body.centered(math.Min(body.W, 1120), math.Min(body.H, 380)).columns(2, 32)
		l.joinCard, l.hostCard = cols[0], cols[1]
	}
	in := l.joinCard.inset(28)
	l.joinTitle, in = in.cutTop(48, 6)
	l.joinHelp, in = in.cutTop(34, 10)
	btn, in := in.cutBottom(64, 14)
	l.joinBtn = btn
	l.codeField = rect{in.X, in.bottom() - 90, in.W, 90}
	in = l.hostCard.inset(28)
	l.hostTitle, in = in.cutTop(48, 6)
	btn, in = in.cutBottom(64, 14)
	l.hostBtn = btn
	l.hostHelp = in
	return l
}

func (h *homeScene) update(a *App) {
	l := h.layout(a)
	fields := []*textField{h.code}
	if a.opts.AskServer {
		fields = append(fields, h.server)
	}
	enter := a.fieldsUpdate(fields)
	if a.clicked(l.joinBtn) || (enter && a.focus == h.code) {
		h.join(a)
	} else if a.clicked(l.a11y) {
		openURL(a.statementURL())
	} else if a.clicked(l.hostBtn) {
		if h.connect(a) {
			a.goTo(newLogin(a))
		}
	}
}

// connect makes the backend for the server address (desktop field).
func (h *homeScene) connect(a *App) bool {
	if !a.opts.AskServer {
		if a.backend == nil {
			h.err = msgNoServer
			return false
		}
		return true
	}
	srv, err := normalizeServer(h.server.value())
	if err != "" {
		h.err = err
		a.invalidate()
		return false
	}
	if srv != a.opts.Server || a.backend == nil {
		a.opts.Server = srv
		a.backend = a.opts.Connect(srv)
	}
	return true
}

func (h *homeScene) join(a *App) {
	code := normalizeCode(h.code.text())
	if !validCode(code) {
		h.err = msgBadCode
		a.invalidate()
		return
	}
	if h.connect(a) {
		a.goTo(a.openCode(code))
	}
}

// normalizeCode upper-cases a join code and drops spaces and dashes.
func normalizeCode(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u00a0' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(s)))
}

func validCode(code string) bool {
	if len(code) < minCodeLen || len(code) > maxCodeLen {
		return false
	}
	for _, r := range code {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// normalizeServer checks a server address typed on the desktop and adds
// http:// when missing. The error is French.
func normalizeServer(s string) (string, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", msgNoServer
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", msgBadServer
	}
	return strings.TrimRight(u.Scheme+"://"+u.Host+u.Path, "/"), ""
}

func (h *homeScene) draw(a *App, c *canvas) {
	l := h.layout(a)
	drawLogo(c, l.logo, a)
	c.text(l.title, appTitle, textStyle{size: 76, bold: true, col: colOnDark, valign: text.AlignEnd, oneLine: true})
	c.text(l.subtitle, appSubtitle, textStyle{size: homeSubtitleSize, col: colOnDarkDim})

	c.card(l.joinCard, colCard)
	c.text(l.joinTitle, msgJoinTitle, textStyle{size: 36, bold: true, col: colInk, oneLine: true})
	c.text(l.joinHelp, msgJoinHelp, textStyle{size: homeHelpSize, col: colInkMuted})
	a.drawField(c, h.code, l.codeField, false)
	a.button(c, l.joinBtn, msgJoinButton, btnPrimary, true)

	c.card(l.hostCard, colCard)
	c.text(l.hostTitle, msgHostTitle, textStyle{size: 36, bold: true, col: colInk, oneLine: true})
	if l.hostHelp.H > 0 {
		c.text(l.hostHelp, msgHostHelp, textStyle{size: homeHelpSize, col: colInkMuted})
	}
	a.button(c, l.hostBtn, msgHostButton, btnSecondary, true)

	if a.opts.AskServer {
		a.drawField(c, h.server, l.serverField, true)
	}
	c.target(l.a11y)
	c.text(l.a11y, msgStatementLink, textStyle{size: homeLinkSize, min: 11, col: colOnDarkDim, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true})
	if h.err != "" {
		c.text(l.err, h.err, textStyle{size: 22, bold: true, col: colAccent, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
	}
}

// drawLogo draws the board ring in small: 15 dots in the 3 axis colours.
func drawLogo(c *canvas, r rect, a *App) {
	cx, cy := r.centerX(), r.centerY()
	rad := math.Min(r.W, r.H) * 0.38
	for i := 0; i < 15; i++ {
		ang := 2*math.Pi*float64(i)/15 - math.Pi/2
		c.circle(cx+rad*math.Cos(ang), cy+rad*math.Sin(ang), rad*0.17, axisColor(1+i/5))
	}
	c.circle(cx, cy, rad*0.55, colAccent)
	if rad*0.42*c.s < 10 || rad*0.42 < c.floor {
		return // too small to read: the dots say it
	}
	c.text(rect{cx - rad*0.5, cy - rad*0.4, rad, rad * 0.8}, "ODD", textStyle{size: rad * 0.42, bold: true, col: colInk, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
}
