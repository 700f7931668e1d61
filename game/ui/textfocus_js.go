//go:build js

package ui

import "syscall/js"

// typingReachesField says whether typed text goes to the hidden textarea
// that exp/textinput reads. Until the browser focuses it (on the release
// that follows the click), keys reach the page and only AppendInputChars
// sees them.
func typingReachesField() bool {
	el := js.Global().Get("document").Get("activeElement")
	return !el.IsNull() && el.Get("id").String() == "ebitengine-textinput"
}
