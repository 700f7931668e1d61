//go:build !js

package ui

// typingReachesField: on desktop exp/textinput reads the typed characters
// itself (AppendInputChars or the IME), always.
func typingReachesField() bool { return true }

// setInputKind: a desktop keyboard has one kind.
func setInputKind(mode, caps string) {}

// takePasted: on desktop a paste reaches exp/textinput.
func takePasted() string { return "" }

// restartTyping: the desktop's typing needs no tap.
func restartTyping(f *textField) {}

func fieldBlurred() {}
