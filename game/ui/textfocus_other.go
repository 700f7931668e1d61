//go:build !js

package ui

// typingReachesField: on desktop exp/textinput reads the typed characters
// itself (AppendInputChars or the IME), always.
func typingReachesField() bool { return true }
