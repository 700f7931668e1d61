package ui

import (
	"context"
	"errors"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// loginScene: a partner logs in before creating a session.
type loginScene struct {
	login, password *textField
	err             string
	busy            bool
}

func newLogin(a *App) *loginScene {
	s := &loginScene{
		login:    newField(msgLoginLabel, "", 64),
		password: newField(msgPasswordLabel, "", 128),
	}
	s.password.mask = true
	a.setFocus(s.login)
	return s
}

type loginLayout struct{ card, title, login, password, err, back, submit rect }

func (s *loginScene) layout(a *App) loginLayout {
	var l loginLayout
	l.card = a.screen().centered(600, 500)
	in := l.card.inset(32)
	l.title, in = in.cutTop(56, 16)
	l.login, in = in.cutTop(90, 14)
	l.password, in = in.cutTop(90, 10)
	btns, in := in.cutBottom(64, 10)
	l.err = in
	cols := btns.columns(2, 16)
	l.back, l.submit = cols[0], cols[1]
	return l
}

func (s *loginScene) update(a *App) {
	l := s.layout(a)
	enter := a.fieldsUpdate([]*textField{s.login, s.password})
	if a.clicked(l.back) || a.has(intentBack) {
		a.goTo(newHome(a))
		return
	}
	if (a.clicked(l.submit) || enter) && !s.busy {
		s.submit(a)
	}
}

func (s *loginScene) submit(a *App) {
	login, pw := s.login.value(), s.password.text()
	if login == "" || pw == "" {
		s.err = msgLoginMissing
		return
	}
	s.busy, s.err = true, ""
	b := a.backend
	a.async(func(ctx context.Context) func() {
		acc, err := b.Login(ctx, login, pw)
		return func() {
			s.busy = false
			if err != nil {
				s.err = userError(err)
				return
			}
			a.goTo(newCreate(a, acc))
		}
	})
}

func (s *loginScene) draw(a *App, c *canvas) {
	l := s.layout(a)
	c.card(l.card, colCard)
	c.text(l.title, msgLoginTitle, textStyle{size: 36, bold: true, col: colInk, oneLine: true})
	a.drawField(c, s.login, l.login, false)
	a.drawField(c, s.password, l.password, false)
	msg, col := s.err, colBad
	if s.busy {
		msg, col = msgWorking, colInkMuted
	}
	c.text(l.err, msg, textStyle{size: 20, col: col, valign: text.AlignCenter})
	a.button(c, l.back, msgBack, btnSecondary, true)
	a.button(c, l.submit, msgLoginButton, btnPrimary, !s.busy)
}

// UserError is an error whose message is French and meant for the user
// (the backend wraps the server's {"error": "..."} in it).
type UserError struct{ Message string }

func (e *UserError) Error() string { return e.Message }

// userError is the French text to show for err.
func userError(err error) string {
	var ue *UserError
	if errors.As(err, &ue) {
		return ue.Message
	}
	return msgNetError
}
