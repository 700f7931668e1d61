//go:build js

package ui

import (
	"strconv"
	"syscall/js"
)

// The browser's accessible mirror: a <main> after the canvas, visually
// hidden until the keyboard focus enters it (then it shows as a panel, so
// a sighted keyboard user sees where they are). Its live regions exist
// from the start, empty, so screen readers announce their changes.
var dom struct {
	doc, root, nodes, announce js.Value
	els                        map[string]js.Value
	sigs                       map[string]string
	lastAnnounce               string
	shown                      mirrorDoc // the doc being rendered (spotsOf)
}

// mirrorCSS: hidden (but read) until focused; then a readable panel.
const mirrorCSS = `#metodd-mirror{position:fixed;left:0;top:0;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap;margin:0}
#metodd-mirror:focus-within{width:auto;height:auto;max-width:min(32rem,100vw);max-height:100vh;overflow:auto;clip-path:none;white-space:normal;box-sizing:border-box;padding:1rem;background:#fff;color:#102036;font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;z-index:10;box-shadow:0 0 0 4px #102036}
#metodd-mirror h1,#metodd-mirror h2,#metodd-mirror h3{margin:.4rem 0;line-height:1.2}
#metodd-mirror p{margin:.3rem 0}
#metodd-mirror [role=group]{margin:.5rem 0}
#metodd-mirror button{font:inherit;margin:.2rem;padding:.45rem .8rem;border:2px solid #102036;border-radius:.4rem;background:#fff;color:#102036;cursor:pointer}
#metodd-mirror button[aria-pressed=true]{background:#102036;color:#fff}
#metodd-mirror button[aria-disabled=true]{border-style:dashed;color:#4a5566}
#metodd-mirror label{display:block;margin-top:.5rem;font-weight:600}
#metodd-mirror input,#metodd-mirror textarea,#metodd-mirror select{font:inherit;display:block;width:100%;box-sizing:border-box;padding:.4rem;border:2px solid #4a5566;border-radius:.3rem;color:#102036;background:#fff}
#metodd-mirror :focus{outline:3px solid #b34700;outline-offset:2px}
#metodd-mirror a{color:#0b4f9c}`

func init() {
	doc := js.Global().Get("document")
	if !doc.Truthy() {
		return
	}
	dom.doc = doc
	dom.els = map[string]js.Value{}
	dom.sigs = map[string]string{}
	el := func(tag string) js.Value { return doc.Call("createElement", tag) }

	st := el("style")
	st.Set("textContent", mirrorCSS)
	doc.Get("head").Call("appendChild", st)

	root := el("main")
	root.Set("id", "metodd-mirror")
	root.Call("setAttribute", "aria-label", msgMirrorLabel)
	dom.root = root
	dom.nodes = el("div")
	root.Call("appendChild", dom.nodes)
	// The live regions, empty until something is said.
	status := el("div")
	status.Set("id", "metodd-status")
	status.Call("setAttribute", "role", "status")
	status.Call("setAttribute", "aria-live", "polite")
	root.Call("appendChild", status)
	dom.announce = el("div")
	dom.announce.Set("id", "metodd-annonce")
	dom.announce.Call("setAttribute", "aria-live", "polite")
	root.Call("appendChild", dom.announce)
	doc.Get("body").Call("appendChild", root)

	// Keys, clicks and typing inside the mirror are the mirror's: stop
	// them before exp/textinput's body handlers (which would move the focus
	// to Ebiten's hidden textarea).
	for _, ev := range []string{"keyup", "mouseup", "touchend"} {
		root.Call("addEventListener", ev, js.FuncOf(func(this js.Value, args []js.Value) any {
			args[0].Call("stopPropagation")
			return nil
		}))
	}
	root.Call("addEventListener", "click", js.FuncOf(func(this js.Value, args []js.Value) any {
		t := args[0].Get("target").Call("closest", "button[data-key]")
		if t.Truthy() {
			mirrorPush(mirrorEvent{Key: t.Get("dataset").Get("key").String(), Kind: "click"})
		}
		return nil
	}))
	root.Call("addEventListener", "input", js.FuncOf(func(this js.Value, args []js.Value) any {
		t := args[0].Get("target")
		if k := t.Get("dataset").Get("key"); k.Truthy() {
			mirrorPush(mirrorEvent{Key: k.String(), Kind: "input", Text: t.Get("value").String()})
		}
		return nil
	}))
	root.Call("addEventListener", "keydown", js.FuncOf(func(this js.Value, args []js.Value) any {
		e := args[0]
		t := e.Get("target")
		if e.Get("key").String() != "Enter" || !t.Get("dataset").Get("key").Truthy() {
			return nil
		}
		tag := t.Get("tagName").String()
		if tag == "INPUT" || (tag == "TEXTAREA" && (e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool())) {
			e.Call("preventDefault")
			mirrorPush(mirrorEvent{Key: t.Get("dataset").Get("key").String(), Kind: "input", Text: t.Get("value").String()})
			mirrorPush(mirrorEvent{Key: t.Get("dataset").Get("key").String(), Kind: "submit"})
		}
		return nil
	}))

	// The canvas: in the tab order at its place (Ebiten gives it
	// tabindex 1, which would put it before everything), named, and Tab
	// on it moves on to the mirror instead of being swallowed by Ebiten.
	if c := doc.Call("querySelector", "canvas"); c.Truthy() {
		c.Call("setAttribute", "tabindex", "0")
		c.Call("setAttribute", "role", "img")
		c.Call("setAttribute", "aria-label", msgCanvasLabel)
	}
	js.Global().Call("addEventListener", "keydown", js.FuncOf(func(this js.Value, args []js.Value) any {
		e := args[0]
		if e.Get("key").String() == "Tab" && e.Get("target").Get("tagName").String() == "CANVAS" {
			e.Call("stopImmediatePropagation") // Ebiten's handler would cancel it
		}
		return nil
	}), true)
	// Ebiten's hidden textarea (typing on the canvas) is named and out of
	// the tab order: the mirror has the real fields.
	if t := doc.Call("getElementById", "ebitengine-textinput"); t.Truthy() {
		t.Call("setAttribute", "tabindex", "-1")
		t.Call("setAttribute", "aria-label", msgCanvasInput)
	}
	mirrorOut = renderMirror
}

func mirrorPush(e mirrorEvent) {
	inbox.push(e)
	scheduleFrame() // the game may be asleep between frames
}

// mirrorFocused reports the keyboard focus inside the mirror.
func mirrorFocused() bool {
	if !dom.root.Truthy() {
		return false
	}
	return dom.root.Call("contains", dom.doc.Get("activeElement")).Bool()
}

func renderMirror(d mirrorDoc) {
	if !dom.root.Truthy() {
		return
	}
	active := dom.doc.Get("activeElement")
	hadFocus := dom.root.Call("contains", active).Bool()
	seen := map[string]bool{}
	dom.shown = d
	renderNodes(dom.nodes, d.Nodes, seen)
	for k, el := range dom.els {
		if !seen[k] {
			el.Call("remove")
			delete(dom.els, k)
			delete(dom.sigs, k)
		}
	}
	if d.Announce != dom.lastAnnounce {
		dom.lastAnnounce = d.Announce
		dom.announce.Set("textContent", d.Announce)
	}
	if !hadFocus {
		return
	}
	// Keep the focus in the mirror: on the same element if it is still
	// there (moved by a reorder), else on the screen's title.
	if dom.root.Call("contains", active).Bool() {
		if !active.Equal(dom.doc.Get("activeElement")) {
			active.Call("focus")
		}
		return
	}
	if h := dom.nodes.Call("querySelector", "h1"); h.Truthy() {
		h.Call("focus")
	}
}

func renderNodes(parent js.Value, nodes []mirrorNode, seen map[string]bool) {
	for i, n := range nodes {
		seen[n.Key] = true
		el := mirrorElement(n)
		if n.Kind == mirrorGroup {
			renderNodes(el, n.Kids, seen)
		}
		kids := parent.Get("children")
		if cur := kids.Index(i); !cur.Truthy() || !cur.Equal(el) {
			if cur.Truthy() {
				parent.Call("insertBefore", el, cur)
			} else {
				parent.Call("appendChild", el)
			}
		}
	}
	kids := parent.Get("children")
	for kids.Length() > len(nodes) {
		kids.Index(len(nodes)).Call("remove")
	}
}

func tagOf(n mirrorNode) string {
	switch n.Kind {
	case mirrorHeading:
		return "H" + strconv.Itoa(min(max(n.Level, 1), 3))
	case mirrorList:
		return "OL"
	case mirrorButton:
		return "BUTTON"
	case mirrorField, mirrorGroup, mirrorSelect:
		return "DIV"
	case mirrorLink:
		return "A"
	}
	return "P"
}

// mirrorElement returns the node's element, made or updated.
func mirrorElement(n mirrorNode) js.Value {
	doc := dom.doc
	tag := tagOf(n)
	el, ok := dom.els[n.Key]
	if ok && el.Get("tagName").String() != tag {
		el.Call("remove")
		ok = false
	}
	if !ok {
		el = doc.Call("createElement", tag)
		dom.els[n.Key] = el
		delete(dom.sigs, n.Key)
		switch n.Kind {
		case mirrorHeading:
			if n.Level <= 1 {
				el.Call("setAttribute", "tabindex", "-1") // focus lands here on a new screen
			}
		case mirrorButton:
			el.Set("type", "button")
			el.Get("dataset").Set("key", n.Key)
		case mirrorGroup:
			el.Call("setAttribute", "role", "group")
		case mirrorTimer:
			el.Call("setAttribute", "role", "timer")
		case mirrorField:
			lab := doc.Call("createElement", "label")
			lab.Set("htmlFor", "m-"+n.Key)
			inTag := "input"
			if n.Multiline {
				inTag = "textarea"
			}
			in := doc.Call("createElement", inTag)
			in.Set("id", "m-"+n.Key)
			in.Get("dataset").Set("key", n.Key)
			if !n.Multiline {
				in.Set("type", "text")
				if n.Mask {
					in.Set("type", "password")
				}
			}
			if f := n.field; f != nil && f.inputMode != "" {
				in.Call("setAttribute", "inputmode", f.inputMode)
			}
			if f := n.field; f != nil && f.caps != "" {
				in.Call("setAttribute", "autocapitalize", f.caps)
			}
			el.Call("appendChild", lab)
			el.Call("appendChild", in)
		case mirrorSelect:
			// A real select: arrows change it, nothing is submitted by a
			// change (RGAA 7.4); its input event carries the option index.
			lab := doc.Call("createElement", "label")
			lab.Set("htmlFor", "m-"+n.Key)
			sel := doc.Call("createElement", "select")
			sel.Set("id", "m-"+n.Key)
			sel.Get("dataset").Set("key", n.Key)
			el.Call("appendChild", lab)
			el.Call("appendChild", sel)
		}
	}
	at := dom.shown.spotsOf(n)
	sig := string(n.Kind) + "\x00" + n.Label + "\x00" + n.Text + "\x00" + strconv.FormatBool(n.Pressed) + strconv.FormatBool(n.Disabled) +
		"\x00" + strconv.Itoa(n.Selected) + "\x00" + at
	for _, it := range n.Items {
		sig += "\x00" + it
	}
	if n.Kind == mirrorField {
		// The value is the user's while they type: only set it when the
		// field is not focused.
		in := el.Get("lastChild")
		if !in.Equal(doc.Get("activeElement")) && in.Get("value").String() != n.Text {
			in.Set("value", n.Text)
		}
	}
	if dom.sigs[n.Key] == sig {
		return el
	}
	dom.sigs[n.Key] = sig
	switch n.Kind {
	case mirrorButton:
		el.Get("dataset").Set("at", at)
	case mirrorField, mirrorSelect: // the input or select after its label
		el.Get("lastChild").Get("dataset").Set("at", at)
	}
	switch n.Kind {
	case mirrorButton:
		el.Set("textContent", n.Label)
		if n.Toggle {
			el.Call("setAttribute", "aria-pressed", strconv.FormatBool(n.Pressed))
		}
		if n.Disabled {
			el.Call("setAttribute", "aria-disabled", "true")
		} else {
			el.Call("removeAttribute", "aria-disabled")
		}
	case mirrorField:
		el.Get("firstChild").Set("textContent", n.Label)
	case mirrorSelect:
		el.Get("firstChild").Set("textContent", n.Label)
		sel := el.Get("lastChild")
		sel.Set("textContent", "")
		for i, it := range n.Items {
			o := doc.Call("createElement", "option")
			o.Set("value", strconv.Itoa(i))
			o.Set("textContent", it)
			sel.Call("appendChild", o)
		}
		sel.Set("selectedIndex", n.Selected)
	case mirrorGroup:
		el.Call("setAttribute", "aria-label", n.Label)
	case mirrorLink:
		el.Set("href", n.Label)
		el.Set("textContent", n.Text)
	case mirrorList:
		el.Set("textContent", "")
		for _, it := range n.Items {
			li := doc.Call("createElement", "li")
			li.Set("textContent", it)
			el.Call("appendChild", li)
		}
	default:
		el.Set("textContent", n.Text)
	}
	return el
}

// openURL opens a page of the server (the accessibility statement) in
// place of the game.
func openURL(u string) { js.Global().Get("location").Call("assign", u) }
