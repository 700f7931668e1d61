package ui

import (
	"image/color"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2/exp/textinput"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// textField is a one-line (or, for défis, multi-line) text entry. Typing
// goes through exp/textinput: accents, dead keys and IME on desktop, and in
// the browser a hidden textarea (so phones show their keyboard and paste
// works).
type textField struct {
	field       textinput.Field
	label       string
	placeholder string
	max         int  // runes
	mask        bool // passwords
	multiline   bool
	upper       bool // join codes
	box         rect // last laid out, dp
	dark        bool // last drawn on a dark background
	// Where the text was last drawn (one-line fields): from which byte,
	// at which x (dp) and size, for a tap to place the caret.
	drawFrom        int
	drawX, drawSize float64
	inputMode, caps string // the phone keyboard's kind: inputmode, autocapitalize
}

func newField(label, placeholder string, max int) *textField {
	return &textField{label: label, placeholder: placeholder, max: max}
}

func (f *textField) text() string { return f.field.Text() }

func (f *textField) setText(s string) {
	f.field.SetTextAndSelection(s, len(s), len(s))
}

// value is the text trimmed of surrounding spaces.
func (f *textField) value() string { return strings.TrimSpace(f.text()) }

func (a *App) setFocus(f *textField) {
	if a.focus == f {
		return
	}
	if a.focus != nil {
		a.focus.field.Blur()
	}
	a.focus = f
	a.focusNew = true
	if f != nil {
		f.field.Focus()
		setInputKind(f.inputMode, f.caps)
	} else {
		fieldBlurred()
	}
	a.invalidate()
}

// focusInput feeds the focused field: committed text from textinput, then
// backspace, which textinput leaves to us.
func (a *App) focusInput() {
	f := a.focus
	if f == nil || mirrorFocused() {
		return // typing goes to the accessible mirror's own field
	}
	x, y := int(f.box.X*a.scale), int(f.box.bottom()*a.scale)
	handled, err := f.field.HandleInput(x, y)
	if err != nil {
		a.setFocus(nil)
		return
	}
	if handled {
		a.typedInField()
	}
	t := f.field.Text()
	if !handled && len(a.in.chars) > 0 && !typingReachesField() {
		// Typed before the browser's textarea took the focus (the first
		// key after a click): keep it rather than lose it.
		start, end := f.field.Selection()
		nt, caret := insertAt(t, start, end, string(a.in.chars))
		f.field.SetTextAndSelection(nt, caret, caret)
		t = f.field.Text()
		a.typedInField()
	}
	if pasted := takePasted(); pasted != "" {
		// Pasted (or put by an IME) before the textarea had the focus.
		start, end := f.field.Selection()
		nt, caret := insertAt(t, start, end, pasted)
		f.field.SetTextAndSelection(nt, caret, caret)
		t = f.field.Text()
		a.typedInField()
	}
	if _, _, composing := f.field.CompositionSelection(); !composing {
		edits := a.in.edits
		if !handled && a.in.backspace {
			edits = append([]editKey{editBackspace}, edits...)
		}
		for _, k := range edits {
			start, end := f.field.Selection()
			nt, caret := applyEdit(t, start, end, k)
			f.field.SetTextAndSelection(nt, caret, caret)
			t = nt
			a.typedInField()
		}
	}
	t = f.field.Text()
	clean := t
	if !f.multiline {
		clean = strings.NewReplacer("\n", "", "\r", "", "\t", " ").Replace(clean)
	}
	if f.upper {
		clean = strings.ToUpper(clean)
	}
	if f.max > 0 && utf8.RuneCountInString(clean) > f.max {
		clean = string([]rune(clean)[:f.max])
	}
	if clean != t {
		start, _ := f.field.Selection()
		caret := min(start, len(clean))
		if len(clean) != len(t) {
			caret = len(clean) // a character was cut or dropped
		}
		f.field.SetTextAndSelection(clean, caret, caret)
	}
}

// fieldsUpdate handles clicks and Tab among a screen's fields; it returns
// true when Enter was pressed (the screen submits).
func (a *App) fieldsUpdate(fields []*textField) bool {
	// Focus on press, not release: in the browser the hidden textarea that
	// receives the typing can only be focused during a user event, and
	// textinput does it on the release that follows.
	for _, f := range fields {
		if a.in.pressed && f.box.contains(a.in.x, a.in.y) {
			if a.focus == f {
				a.placeCaret(f, a.in.x)
				restartTyping(f)
			}
			a.setFocus(f)
		}
	}
	if a.in.released && a.focus != nil && !a.focus.box.contains(a.in.x, a.in.y) {
		inAny := false
		for _, f := range fields {
			inAny = inAny || f.box.contains(a.in.x, a.in.y)
		}
		if !inAny {
			a.setFocus(nil)
		}
	}
	next := a.has(intentFocusNext)
	if next || a.has(intentFocusPrev) {
		i := -1
		for k, f := range fields {
			if f == a.focus {
				i = k
			}
		}
		if len(fields) > 0 {
			if next {
				i = (i + 1) % len(fields)
			} else {
				i = (i - 1 + len(fields)) % len(fields)
			}
			a.setFocus(fields[i])
		}
	}
	return a.has(intentConfirm)
}

// drawField draws a labelled field at r (label above, box below).
func (a *App) drawField(c *canvas, f *textField, r rect, dark bool) {
	labelCol, boxCol := colInkMuted, colCardSoft
	if dark {
		labelCol, boxCol = colOnDarkDim, colCard
	}
	box := r
	if f.label != "" {
		lab, rest := r.cutTop(math.Max(26, a.lineH(fieldLabelSize)), 4)
		c.text(lab, f.label, textStyle{size: fieldLabelSize, col: labelCol, bold: true, oneLine: true})
		box = rest
	}
	f.box, f.dark = box, dark
	c.target(box)
	a.drawFieldBox(c, f, box, boxCol)
}

// drawFieldBox draws a field's box and text (not its label): the whole of
// what a keystroke changes, redrawn alone by App.drawTyping.
func (a *App) drawFieldBox(c *canvas, f *textField, box rect, boxCol color.Color) {
	focused := a.focus == f
	c.roundRect(box, 10, boxCol)
	if focused {
		c.roundRectStroke(box, 10, 3, colAccent)
	} else {
		c.roundRectStroke(box, 10, 1.5, colLine)
	}
	inner := box.insetXY(14, 6)
	t := f.field.TextForRendering()
	if f.mask {
		t = strings.Repeat("•", utf8.RuneCountInString(t))
	}
	st := textStyle{size: 24, min: 14, col: colInk, valign: text.AlignCenter, oneLine: !f.multiline}
	if f.multiline {
		st.valign = text.AlignStart
		st.size = 22
	}
	if t == "" && !focused {
		st.col = colInkMuted
		c.text(inner, f.placeholder, st)
		return
	}
	shown, caret := t, len(t)
	if focused {
		// A steady caret (no blinking, so no redraw while idle) where
		// the selection starts.
		caret, _ = f.field.Selection()
		caret = min(caret, len(f.field.Text()))
		if f.mask {
			caret = len("•") * utf8.RuneCountInString(f.field.Text()[:caret])
		} else {
			caret += len(t) - len(f.field.Text()) // an IME's composition before it
			caret = max(0, min(caret, len(t)))
		}
		shown = t[:caret] + "|" + t[caret:]
	}
	f.drawFrom, f.drawX, f.drawSize = 0, inner.X, st.size
	if st.oneLine {
		// Show the caret, where the typing is: cut from the start until
		// it fits, then from the end.
		m := c.measurerAt(false, c.floored(st).size)
		f.drawSize = c.floored(st).size
		for m(shown[:min(len(shown), caret+1)]) > inner.W && caret > 0 {
			_, size := utf8.DecodeRuneInString(shown)
			shown, caret = shown[size:], caret-size
			f.drawFrom += size
		}
		for m(shown) > inner.W && len(shown) > caret+1 {
			_, size := utf8.DecodeLastRuneInString(shown)
			shown = shown[:len(shown)-size]
		}
	}
	c.text(inner, shown, st)
}

// Button kinds.
type buttonKind int

const (
	btnPrimary buttonKind = iota
	btnSecondary
	btnGhost // on dark backgrounds
	btnDanger
)

// button draws a button and records it as a target; it returns r.
func (a *App) button(c *canvas, r rect, label string, kind buttonKind, enabled bool) {
	var bg, fg color.RGBA
	switch kind {
	case btnPrimary:
		bg, fg = colAccent, colInk
	case btnSecondary:
		bg, fg = colCardSoft, colInk
	case btnGhost:
		bg, fg = colPanel, colOnDark
	case btnDanger:
		bg, fg = colBad, colOnDark
	}
	if !enabled {
		bg, fg = mix(bg, colBg, 0.55), mix(fg, colBg, 0.4)
	} else if a.hovered(r) {
		bg = mix(bg, rgb(0xff, 0xff, 0xff), 0.18)
	}
	c.target(r)
	c.roundRect(rect{r.X, r.Y + 3, r.W, r.H}, 12, colShadow)
	c.roundRect(r, 12, bg)
	c.text(r.insetXY(12, 4), label, textStyle{size: 24, min: 13, bold: true, col: fg, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
}

// segmented draws a row of options, the selected one filled; it returns
// the option clicked this frame or -1. Call it from draw and update alike.
func (a *App) segmented(c *canvas, r rect, options []string, selected int, dark bool) []rect {
	return a.segmentedIn(c, r.columns(len(options), 6), options, selected, dark)
}

// segmentedIn is segmented in cells laid out by the caller (a grid on a
// phone).
func (a *App) segmentedIn(c *canvas, cells []rect, options []string, selected int, dark bool) []rect {
	if c != nil {
		for i, cell := range cells {
			c.target(cell)
			bg, fg := colCardSoft, colInk
			if dark {
				bg, fg = colPanel, colOnDark
			}
			if i == selected {
				bg, fg = colAccent, colInk
			} else if a.hovered(cell) {
				bg = mix(bg, rgb(0xff, 0xff, 0xff), 0.15)
			}
			c.roundRect(cell, 10, bg)
			c.text(cell.insetXY(8, 2), options[i], textStyle{size: 20, min: 11, bold: i == selected, col: fg, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		}
	}
	return cells
}

// clickedIn returns the index of the cell clicked this frame, or -1.
func (a *App) clickedIn(cells []rect) int {
	for i, r := range cells {
		if a.clicked(r) {
			return i
		}
	}
	return -1
}

// drawOverlays paints the connection overlay and the toast on top of any
// screen.
func (a *App) drawOverlays(c *canvas) {
	scr := a.screen()
	if a.conn != nil && a.connState == ConnReconnecting {
		c.rect(scr, colOverlay)
		box := scr.centered(640, 200)
		c.card(box, colCard)
		inner := box.inset(28)
		top, rest := inner.cutTop(60, 8)
		c.text(top, msgConnLost, textStyle{size: 34, bold: true, col: colBad, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		c.text(rest, msgConnLostHelp, textStyle{size: 22, col: colInkMuted, align: text.AlignCenter, valign: text.AlignCenter})
	}
	if a.toastMsg != "" && a.now().Before(a.toastUntil) {
		w, h := scr.W, scr.H
		box := rect{w/2 - 360, h - 110, 720, 80}
		if box.X < 10 {
			box.X, box.W = 10, w-20
		}
		c.roundRect(box, 14, rgb(0x2b, 0x2f, 0x38))
		c.text(box.insetXY(24, 8), a.toastMsg, textStyle{size: 22, col: colOnDark, align: text.AlignCenter, valign: text.AlignCenter})
	}
}

// secondsLeft is the open card's countdown in whole seconds, from the
// server's Remaining at the time the view was received.
func secondsLeft(remainingMs int64, received, now time.Time, paused bool) int {
	left := remainingMs
	if !paused {
		left -= now.Sub(received).Milliseconds()
	}
	if left < 0 {
		left = 0
	}
	return int((left + 999) / 1000)
}

// placeCaret puts f's caret where x (dp) falls in its drawn text.
func (a *App) placeCaret(f *textField, x float64) {
	if f.multiline || f.mask || a.fonts == nil || f.drawSize == 0 {
		return
	}
	t := f.field.Text()
	from := min(f.drawFrom, len(t))
	m := a.canvas(nil).measurerAt(false, f.drawSize)
	caret := from + caretAt(t[from:], x-f.drawX, m)
	f.field.SetSelection(caret, caret)
	a.invalidate()
}
