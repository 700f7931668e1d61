//go:build !js

package main

import (
	"os"
	"time"
)

// On desktop the server address comes from --server, METODD_SERVER or the
// home screen's field.
const askServer = true

func defaultServer() string {
	if s := os.Getenv("METODD_SERVER"); s != "" {
		return s
	}
	return "http://localhost:8080"
}

func defaultCode() string { return os.Getenv("METODD_CODE") }

// defaultPreview: the deck editor's preview opens in the browser client.
func defaultPreview() (ref, role string) { return "", "" }

// framePacing: the desktop starts in Ebiten's default loop; idleAfter
// makes the app hybrid (game/ui/pace.go, idlePacing): the event-driven
// mode once the user leaves it alone, so an idle client in the waiting room
// costs almost nothing, and the default loop back on the first input. The
// event-driven mode alone turns GLFW's sticky buttons and keys off, and a
// quick click between two frames is then missed (docs/client.md).
func framePacing() {}

// idleAfter: two seconds without input. Longer than the gap between a
// person's keystrokes or clicks in a form, so typing and playing keep the
// default loop.
const idleAfter = 2 * time.Second

// resumeOnStart: a restart of the program mid-session resumes the team
// the laptop kept (game/ui Options.ResumeOnStart).
const resumeOnStart = true
