package ui

import (
	"encoding/json"
	"strings"

	"metodd/game"
)

// SavedTeam is what a team's device keeps so that a reload of the page (or
// a restart of the desktop program) resumes the team instead of joining a
// second, duplicate team.
type SavedTeam struct {
	Server string    `json:"server"`
	Code   string    `json:"code"`
	Token  string    `json:"token"` // the resume token of the Welcome
	Role   game.Role `json:"role"`  // game.RoleTeam
}

// TeamStore keeps one SavedTeam: localStorage in the browser
// (storage_js.go), a small file under the user's configuration directory on
// desktop (storage_other.go).
type TeamStore interface {
	Load() (SavedTeam, bool)
	Save(SavedTeam) error
	Clear() error
}

// maxSavedBytes bounds what is read back: a saved team is a few hundred
// bytes; anything larger is not ours.
const maxSavedBytes = 4096

// encodeSaved and decodeSaved are the stored form (JSON).
func encodeSaved(t SavedTeam) []byte {
	b, _ := json.Marshal(t) // plain strings: cannot fail
	return b
}

func decodeSaved(b []byte) (SavedTeam, bool) {
	var t SavedTeam
	if len(b) == 0 || len(b) > maxSavedBytes || json.Unmarshal(b, &t) != nil {
		return SavedTeam{}, false
	}
	if t.Token == "" || t.Code == "" || t.Role != game.RoleTeam {
		return SavedTeam{}, false
	}
	return t, true
}

// shouldResume decides, before showing the team form for code on server,
// whether to resume the saved team instead: same server, same code, a team
// token.
func shouldResume(saved SavedTeam, ok bool, server, code string) bool {
	return ok && saved.Token != "" && saved.Role == game.RoleTeam &&
		saved.Code == normalizeCode(code) && sameServer(saved.Server, server)
}

// sameServer compares base URLs loosely (case, trailing slash).
func sameServer(a, b string) bool {
	norm := func(s string) string { return strings.TrimRight(strings.ToLower(strings.TrimSpace(s)), "/") }
	return norm(a) == norm(b)
}

// forgetTeam says whether the saved token is of no further use: the team
// was banned, the session is over (bye or phase). A removed team keeps it:
// its token is its only way back (« Revenir dans la séance »).
func forgetTeam(byeReason game.ByeReason, phase game.Phase) bool {
	switch byeReason {
	case game.ByeBanned, game.ByeClosed:
		return true
	}
	return phase.Over()
}

// teamSession is what a live team connection tells about itself, for the
// store: its Welcome and the reason of the last bye. netConn implements it.
type teamSession interface {
	welcome() (role game.Role, code, token string)
	byeReason() game.ByeReason
}

func byeReasonOf(c Conn) game.ByeReason {
	if ts, ok := c.(teamSession); ok {
		return ts.byeReason()
	}
	return ""
}

// rememberTeam saves the team's resume token, if the app has a store.
func (a *App) rememberTeam(c Conn) {
	ts, ok := c.(teamSession)
	if a.opts.Store == nil || !ok {
		return
	}
	role, code, token := ts.welcome()
	if token == "" || role != game.RoleTeam {
		return
	}
	_ = a.opts.Store.Save(SavedTeam{Server: a.opts.Server, Code: code, Token: token, Role: role}) // best effort: without it a reload joins again
	// A reload of the page opens the code again, which resumes the team
	// (openCode): a team that typed its code gets back to its game.
	keepCodeInURL(code)
}

// forgetSavedTeam clears the store.
func (a *App) forgetSavedTeam() {
	if a.opts.Store != nil {
		_ = a.opts.Store.Clear()
	}
}

// openCode is where a join code leads: the saved team's resume when there
// is one for it, else the team form.
func (a *App) openCode(code string) scene {
	if a.opts.Store != nil {
		saved, ok := a.opts.Store.Load()
		if shouldResume(saved, ok, a.opts.Server, code) {
			return &resumeScene{code: normalizeCode(code), token: saved.Token}
		}
	}
	return newTeamSetup(a, code)
}
