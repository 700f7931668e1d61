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
	installTapToType()
}

// installTapToType opens the phone's keyboard on the tap that lands on a
// text field. exp/textinput focuses its hidden textarea on the touchend
// that follows a frame in which the field asked for it; a phone lets a
// page open its keyboard only within such a user gesture. When the press
// is not seen by a frame before the finger lifts (a quick tap, a slow
// frame, a frame the event-driven mode does not run on touchend) that
// gesture is gone, and the keyboard stayed shut until a second tap (issue
// 12, found again by TestBrowserPhonePlenary). So the page focuses the
// textarea itself on a touch ending inside a field's box, which
// the accessible mirror keeps in data-at; the field's textinput session
// then starts on the textarea already focused. Touch only: a mouse click
// already focuses it through Ebiten (a page focusing it on mouseup too
// lost the typed défi in TestBrowserGame).
func installTapToType() {
	js.Global().Call("eval", `
(() => {
	const tapToType = (e) => {
		const p = e.changedTouches ? e.changedTouches[0] : e;
		const ta = document.getElementById("`+textareaID+`");
		if (!p || !ta || document.activeElement === ta) return;
		if (e.target && e.target.closest && e.target.closest("#metodd-mirror")) return;
		for (const el of document.querySelectorAll("#metodd-mirror input[data-at], #metodd-mirror textarea[data-at]")) {
			const [x, y, w, h] = el.dataset.at.split(",").map(Number);
			if (w > 0 && p.clientX >= x && p.clientX <= x + w && p.clientY >= y && p.clientY <= y + h) {
				ta.focus();
				return;
			}
		}
	};
	document.addEventListener("touchend", tapToType, true);
})();`)
}
