//go:build js

package main

import (
	"net/url"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

// In the browser the server is the page's origin, and the join URL (or
// the QR code) carries the session code: https://serveur/?code=K7PM3Q.
const askServer = false

func defaultServer() string {
	return js.Global().Get("location").Get("origin").String()
}

func defaultCode() string {
	u, err := url.Parse(js.Global().Get("location").Get("href").String())
	if err != nil {
		return ""
	}
	return u.Query().Get("code")
}

// defaultPreview reads the deck editor's preview link:
// /?preview=<deck>/<card>&vue=plateau|equipe.
func defaultPreview() (ref, role string) {
	u, err := url.Parse(js.Global().Get("location").Get("href").String())
	if err != nil {
		return "", ""
	}
	return u.Query().Get("preview"), u.Query().Get("vue")
}

// framePacing: in the browser a frame runs only on input or when the app
// asks (game/ui/pace.go: a new view, a countdown's second, an animation),
// so an idle tab in the waiting room costs almost no CPU (docs/client.md).
// Deprecated since Ebiten 2.5 but still its only event-driven mode.
func framePacing() {
	ebiten.SetFPSMode(ebiten.FPSModeVsyncOffMinimum) //lint:ignore SA1019 see above
}

// idleAfter: none, the browser is event-driven from the start.
const idleAfter = 0

// resumeOnStart: the page keeps ?code= in its address, which resumes.
const resumeOnStart = false
