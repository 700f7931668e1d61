// Package ui is the mét'ODD client's screens: the partner's projected board
// and the teams' screens, drawn with Ebiten. It is the only package that
// imports ebiten.
//
// The shape follows Ebiten's blocks example: App (the ebiten.Game) holds the
// current scene and the input of the frame; each scene reads input as
// intents ("choose answer B", "next") rather than keys, and draws itself from
// the latest view the server sent. Nothing here decides a score: views come
// from the server through the Backend interface (game/client provides it).
//
// Layout is in device-independent units ("dp", a 1280×720 design canvas)
// scaled to the window and the monitor's device scale factor; every text is
// drawn into a box and shrinks until it fits. The screen is redrawn only when
// something changed (a new view, input, a second of the timer, a resize), so
// a laptop waiting in the lobby stays cool.
package ui
