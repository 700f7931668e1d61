//go:build js && wasm

package ui

import "syscall/js"

// installWakers wakes a frame on the page's text input events. Ebiten's
// event-driven mode runs a frame on key and pointer events, but the text
// of its hidden textarea (exp/textinput) arrives in "input" and
// "composition*" events that follow the keydown's frame, and a phone's
// virtual keyboard may send no key event at all: without this, a typed
// letter would show only at the next event.
func installWakers() {
	doc := js.Global().Get("document")
	if !doc.Truthy() {
		return
	}
	wake := js.FuncOf(func(js.Value, []js.Value) any {
		scheduleFrame()
		return nil
	}) // lives as long as the page
	for _, ev := range []string{"input", "compositionupdate", "compositionend", "focusin"} {
		doc.Call("addEventListener", ev, wake, true)
	}
}
