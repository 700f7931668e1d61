//go:build js

package ui

import (
	"strconv"
	"syscall/js"
)

// In the browser the status goes into a visually hidden aria-live region
// (read by screen readers), its fields as data- attributes.
func init() {
	announcer = func(st Status) {
		doc := js.Global().Get("document")
		el := doc.Call("getElementById", "metodd-status")
		if el.IsNull() || el.IsUndefined() {
			el = doc.Call("createElement", "div")
			el.Set("id", "metodd-status")
			el.Call("setAttribute", "role", "status")
			el.Call("setAttribute", "aria-live", "polite")
			el.Get("style").Set("cssText", "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap")
			doc.Get("body").Call("appendChild", el)
		}
		ds := el.Get("dataset")
		ds.Set("screen", st.Screen)
		ds.Set("phase", string(st.Phase)) // js.ValueOf takes no named string type
		ds.Set("card", st.Card)
		ds.Set("type", st.Type)
		ds.Set("code", st.Code)
		ds.Set("teams", strconv.Itoa(st.Teams))
		ds.Set("answered", strconv.FormatBool(st.Answered))
		ds.Set("count", strconv.Itoa(st.Count))
		ds.Set("team", st.Team)
		ds.Set("score", strconv.Itoa(st.Score))
		el.Set("textContent", st.Text)
	}
}
