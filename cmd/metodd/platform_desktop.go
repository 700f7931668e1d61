//go:build !js

package main

import "os"

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

// framePacing: the desktop keeps Ebiten's default (vsync) loop. The
// event-driven mode turns GLFW's sticky buttons and keys off and, under
// Xvfb driven by xdotool, TestDesktopGame lost clicks and typed text with
// it and idled at 13 % of a core (docs/client.md): not reliable enough.
func framePacing() {}
