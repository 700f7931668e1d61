package ui

import (
	"context"
	"errors"
	"fmt"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// resumeScene resumes the team this device joined before a reload or a
// restart, with the saved token; if the server refuses it, the token is
// forgotten and the team form shows instead.
type resumeScene struct {
	code, token string
	started     bool
	// orHome: the app resumed on its own at start (Options.ResumeOnStart);
	// a refusal then leads home, not to a form the user did not ask for.
	orHome bool
}

func (s *resumeScene) update(a *App) {
	if s.started {
		return
	}
	s.started = true
	b, code, token, orHome := a.backend, s.code, s.token, s.orHome
	a.async(func(ctx context.Context) func() {
		conn, err := b.ResumeTeam(ctx, code, token)
		return func() { a.resumed(code, conn, err, orHome) }
	})
}

// savedTeamScene is where a start without a code goes when the device kept
// a team on this server (the desktop program restarted mid-session): its
// resume, or nil.
func (a *App) savedTeamScene() scene {
	if !a.opts.ResumeOnStart || a.opts.Store == nil || a.backend == nil {
		return nil
	}
	saved, ok := a.opts.Store.Load()
	if !ok || !sameServer(saved.Server, a.opts.Server) {
		return nil
	}
	return &resumeScene{code: saved.Code, token: saved.Token, orHome: true}
}

// resumed goes on from a resume attempt: the team's screen, or the form
// (home when the attempt was the app's own, at start).
func (a *App) resumed(code string, conn TeamConn, err error, orHome bool) {
	if err != nil {
		var ue *UserError
		if errors.As(err, &ue) {
			a.forgetSavedTeam() // refused: the token is of no further use
		}
		if orHome {
			h := newHome(a)
			a.goTo(h)
			a.toast(userError(err))
			return
		}
		f := newTeamSetup(a, code)
		f.err = userError(err)
		a.goTo(f)
		return
	}
	a.rememberTeam(conn)
	setup := newTeamSetup(a, code) // to join again after a removal
	a.setFocus(nil)
	a.goTo(newTeamScene(a, conn, setup))
}

func (s *resumeScene) draw(a *App, c *canvas) {
	scr := a.screen().inset(28)
	head, body := scr.cutTop(56, 16)
	c.text(head, fmt.Sprintf(msgSessionCode, s.code), textStyle{size: 26, bold: true, col: colAccent, valign: text.AlignCenter, oneLine: true})
	c.text(body.centered(body.W, 80), msgResuming, textStyle{size: 32, bold: true, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter})
}
