package ui

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The accessible mirror. The canvas is a picture to assistive technology,
// so beside it the browser build keeps a DOM copy of what the screen shows
// (mirror_js.go): headings, texts, real buttons and labelled fields, in the
// order of the screen. Each scene describes itself as a mirrorDoc (pure Go,
// tested without a browser); the js file only turns that into DOM.
//
// Actions from the mirror go through the same path as the mouse: a button
// is a click on the rects it stands for (the choice B button clicks the B
// cell), so the scene's own update does the rest. Text typed into a mirror
// field is set on the scene's textField; Enter in it clicks its submit rect.

// mirrorKind is what a node becomes in the DOM.
type mirrorKind string

const (
	mirrorHeading mirrorKind = "heading" // <h1>…<h3>, Level
	mirrorText    mirrorKind = "text"    // <p>
	mirrorList    mirrorKind = "list"    // <ol>, Items
	mirrorButton  mirrorKind = "button"  // <button>, Pressed when it shows a selection
	mirrorField   mirrorKind = "field"   // <label> + <input> or <textarea>
	mirrorGroup   mirrorKind = "group"   // <div role=group aria-label=Label>, Kids
	mirrorTimer   mirrorKind = "timer"   // <p role=timer>: read on demand, not announced each second
	mirrorLink    mirrorKind = "link"    // <a href=Label>Text</a>
	mirrorSelect  mirrorKind = "select"  // <label> + <select>, Items the options, Selected the chosen one
)

// mirrorNode is one element of the mirror. Key is stable across updates
// (the DOM element, and so the keyboard focus, is kept while it stays).
type mirrorNode struct {
	Kind      mirrorKind
	Key       string
	Level     int
	Label     string
	Text      string // a text's content, a field's value
	Items     []string
	Pressed   bool // a toggle button that is on (aria-pressed)
	Toggle    bool // aria-pressed is set (true or false)
	Disabled  bool
	Multiline bool
	Mask      bool // a password field
	Kids      []mirrorNode
	Selected  int // a select's chosen option

	at     []rect     // button: the clicks it stands for, in order (one per frame)
	field  *textField // field: the scene's field
	submit []rect     // field: the clicks Enter stands for
	choose func(int)  // select: an option chosen
}

// mirrorDoc is a screen for the mirror: its nodes in screen order, and a
// polite announcement (the timer's milestones, a result) that changes
// only when there is something new to say.
type mirrorDoc struct {
	Nodes    []mirrorNode
	Announce string
	cssPx    float64 // CSS px per dp, for spotsOf
}

// describer is a scene that describes itself to the mirror.
type describer interface {
	describe(a *App) mirrorDoc
}

// Node constructors, so scenes stay short.
func mHeading(level int, key, text string) mirrorNode {
	return mirrorNode{Kind: mirrorHeading, Key: key, Level: level, Text: text}
}

func mText(key, text string) mirrorNode { return mirrorNode{Kind: mirrorText, Key: key, Text: text} }

func mButton(key, label string, at ...rect) mirrorNode {
	return mirrorNode{Kind: mirrorButton, Key: key, Label: label, at: at}
}

func mToggle(key, label string, on bool, at ...rect) mirrorNode {
	return mirrorNode{Kind: mirrorButton, Key: key, Label: label, at: at, Toggle: true, Pressed: on}
}

func mField(key string, f *textField, label string, submit ...rect) mirrorNode {
	if label == "" {
		label = f.label
	}
	return mirrorNode{Kind: mirrorField, Key: key, Label: label, Text: f.text(), Multiline: f.multiline, field: f, submit: submit}
}

// mSelect is a labelled select; choose gets the index of the option picked.
func mSelect(key, label string, options []string, selected int, choose func(int)) mirrorNode {
	return mirrorNode{Kind: mirrorSelect, Key: key, Label: label, Items: options, Selected: selected, choose: choose}
}

func mGroup(key, label string, kids ...mirrorNode) mirrorNode {
	return mirrorNode{Kind: mirrorGroup, Key: key, Label: label, Kids: kids}
}

// describeScene is the mirror of the current scene (a heading and the
// status line for scenes that do not describe themselves).
func describeScene(a *App) mirrorDoc {
	if d, ok := a.scene.(describer); ok && a.fonts != nil {
		doc := d.describe(a)
		doc.cssPx = a.cssPx()
		return doc
	}
	st := statusOf(a.scene)
	d := mirrorDoc{Nodes: []mirrorNode{mHeading(1, "title", appTitle), mText("status", st.Text)}, cssPx: a.cssPx()}
	if h, ok := a.scene.(*hostScene); ok && a.fonts != nil {
		d.Nodes = append(d.Nodes, a.mSound(soundBoard, h.layout(a).sound))
	}
	return d
}

// spotsOf is where a node stands on the screen, in CSS px: a button's
// rects (the clicks it stands for), a field's box as last drawn, as
// "x,y,w,h" joined by ";". The browser mirror keeps it in data-at, so an
// end-to-end test taps a control where a person sees it, wherever the
// screen scrolled or laid it out for the card at hand.
func (d mirrorDoc) spotsOf(n mirrorNode) string {
	rs := n.at
	if n.field != nil {
		rs = []rect{n.field.box}
	}
	k := d.cssPx
	if k <= 0 {
		k = 1
	}
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%.1f,%.1f,%.1f,%.1f", r.X*k, r.Y*k, r.W*k, r.H*k))
	}
	return strings.Join(parts, ";")
}

// find returns the node with key, depth first.
func (d mirrorDoc) find(key string) (mirrorNode, bool) {
	var walk func(ns []mirrorNode) (mirrorNode, bool)
	walk = func(ns []mirrorNode) (mirrorNode, bool) {
		for _, n := range ns {
			if n.Key == key {
				return n, true
			}
			if m, ok := walk(n.Kids); ok {
				return m, true
			}
		}
		return mirrorNode{}, false
	}
	return walk(d.Nodes)
}

// mirrorEvent is what the DOM reports: a button pressed, a field's new
// text, Enter in a field.
type mirrorEvent struct {
	Key  string
	Kind string // "click", "input", "submit"
	Text string
}

// mirrorInbox collects the DOM's events (js callbacks) for Update.
type mirrorInbox struct {
	mu     sync.Mutex
	events []mirrorEvent
}

func (b *mirrorInbox) push(e mirrorEvent) {
	b.mu.Lock()
	b.events = append(b.events, e)
	b.mu.Unlock()
}

func (b *mirrorInbox) take() []mirrorEvent {
	b.mu.Lock()
	defer b.mu.Unlock()
	ev := b.events
	b.events = nil
	return ev
}

// mirrorOut shows a doc in the platform's mirror (nil: no mirror).
var mirrorOut func(mirrorDoc)

// inbox is the platform mirror's event queue.
var inbox mirrorInbox

// mirrorInput runs the mirror's events of this frame: a pending click
// becomes this frame's pointer input; typed text goes to its field.
func (a *App) mirrorInput() {
	for _, e := range inbox.take() {
		n, ok := describeScene(a).find(e.Key)
		if !ok {
			continue
		}
		switch e.Kind {
		case "click":
			if !n.Disabled {
				a.mirrorClicks = append(a.mirrorClicks, n.at...)
			}
		case "submit":
			a.mirrorClicks = append(a.mirrorClicks, n.submit...)
		case "input":
			if n.choose != nil {
				if i, err := strconv.Atoi(e.Text); err == nil && i >= 0 && i < len(n.Items) {
					n.choose(i)
					a.invalidate()
				}
			}
			if n.field != nil {
				n.field.setText(cleanField(n.field, e.Text))
				a.invalidate()
			}
		}
	}
	if len(a.mirrorClicks) == 0 {
		return
	}
	r := a.mirrorClicks[0]
	a.mirrorClicks = a.mirrorClicks[1:]
	x, y := r.centerX(), r.centerY()
	a.in.x, a.in.y, a.in.pressX, a.in.pressY = x, y, x, y
	a.in.pressed, a.in.released, a.in.down, a.in.hasPointer = true, true, false, false
	a.invalidate()
}

// cleanField applies a field's rules (one line, upper case, length) to
// text typed in the mirror, as focusInput does for the canvas.
func cleanField(f *textField, s string) string {
	if !f.multiline {
		s = strings.NewReplacer("\n", "", "\r", "", "\t", " ").Replace(s)
	}
	if f.upper {
		s = strings.ToUpper(s)
	}
	if f.max > 0 && utf8.RuneCountInString(s) > f.max {
		s = string([]rune(s)[:f.max])
	}
	return s
}

// syncMirror shows the current screen in the mirror; Update calls it when
// the frame is dirty (something changed).
func (a *App) syncMirror() {
	if mirrorOut != nil {
		mirrorOut(describeScene(a))
	}
}

// statementPath is where the server serves the accessibility statement.
const statementPath = "/accessibilite"

// statementURL is the accessibility statement on the game's server.
func (a *App) statementURL() string {
	return strings.TrimRight(a.opts.Server, "/") + statementPath
}
