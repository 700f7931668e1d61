//go:build !js

package ui

// On desktop there is no DOM: the mirror is not shown (mirrorOut stays
// nil) and the keyboard focus is always the window's.
func mirrorFocused() bool { return false }

// openURL: the desktop client has no browser at hand; the home screen
// shows the address instead.
func openURL(string) {}
