//go:build js

package ui

import (
	"sync"
	"syscall/js"
)

// textareaID is the hidden textarea exp/textinput types through.
const textareaID = "ebitengine-textinput"

// typingReachesField says whether typed text goes to the hidden textarea
// that exp/textinput reads. Until the browser focuses it (on the release
// that follows the click), keys reach the page and only AppendInputChars
// sees them.
func typingReachesField() bool {
	el := js.Global().Get("document").Get("activeElement")
	return !el.IsNull() && el.Get("id").String() == textareaID
}

// setInputKind tells the phone which keyboard the focused field wants:
// inputmode (decimal: a numeric keypad) and autocapitalize (words for
// names). The textarea is exp/textinput's, made on its first use.
func setInputKind(mode, caps string) {
	installPaste()
	js.Global().Set("_metodd_field_focused", true)
	el := js.Global().Get("document").Call("getElementById", textareaID)
	if el.IsNull() || el.IsUndefined() {
		return // exp/textinput makes it at init: not in this page
	}
	applyInputKind(el, mode, caps)
}

func applyInputKind(el js.Value, mode, caps string) {
	if mode == "" {
		mode = "text"
	}
	if caps == "" {
		caps = "off"
	}
	el.Call("setAttribute", "inputmode", mode)
	el.Call("setAttribute", "autocapitalize", caps)
}

var pasteOnce sync.Once

// installPaste keeps text pasted before the textarea has the focus (a
// paste on the canvas right after a field was focused): the page's paste
// event is caught and its text kept for takePasted.
func installPaste() {
	pasteOnce.Do(func() {
		js.Global().Call("eval", `
document.addEventListener("paste", (e) => {
	const ta = document.getElementById("`+textareaID+`");
	if (!window._metodd_field_focused || document.activeElement === ta) return;
	const text = (e.clipboardData || window.clipboardData).getData("text");
	if (!text) return;
	window._metodd_pasted = (window._metodd_pasted || "") + text;
	e.preventDefault();
}, true);`)
	})
}

// takePasted returns and forgets the text installPaste kept.
func takePasted() string {
	v := js.Global().Get("_metodd_pasted")
	if v.IsUndefined() || v.IsNull() {
		return ""
	}
	js.Global().Set("_metodd_pasted", js.Undefined())
	return v.String()
}

// restartTyping makes a tap on the focused field open the phone keyboard:
// when the textarea does not have the focus (the field was focused by the
// program, with no touch), the input session starts over, so that
// exp/textinput asks for the focus on this tap's release, a user gesture
// (the only moment a phone lets a page open its keyboard).
func restartTyping(f *textField) {
	if typingReachesField() {
		return
	}
	f.field.Blur()
	f.field.Focus()
	el := js.Global().Get("document").Call("getElementById", textareaID)
	if !el.IsNull() && !el.IsUndefined() {
		applyInputKind(el, f.inputMode, f.caps)
	}
}

// fieldBlurred says no field has the focus (a paste is then the page's).
func fieldBlurred() { js.Global().Set("_metodd_field_focused", false) }
