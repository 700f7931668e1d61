package ui

import (
	"strings"
	"testing"
)

func TestApplyEdit(t *testing.T) {
	const s = "Atténuer" // é takes two bytes
	cases := []struct {
		name       string
		start, end int
		k          editKey
		text       string
		caret      int
	}{
		{"left from the end", len(s), len(s), editLeft, s, len(s) - 1},
		{"left over é", 5, 5, editLeft, s, 3},
		{"right over é", 3, 3, editRight, s, 5},
		{"left at the start", 0, 0, editLeft, s, 0},
		{"right at the end", len(s), len(s), editRight, s, len(s)},
		{"left collapses a selection", 2, 6, editLeft, s, 2},
		{"right collapses a selection", 2, 6, editRight, s, 6},
		{"home", 4, 4, editHome, s, 0},
		{"end", 1, 1, editEnd, s, len(s)},
		{"backspace at the caret", 5, 5, editBackspace, "Attnuer", 3},
		{"backspace at the start", 0, 0, editBackspace, s, 0},
		{"delete at the caret", 3, 3, editDelete, "Attnuer", 3},
		{"delete at the end", len(s), len(s), editDelete, s, len(s)},
		{"delete a selection", 1, 5, editDelete, "Anuer", 1},
		{"backspace a selection", 1, 5, editBackspace, "Anuer", 1},
	}
	for _, c := range cases {
		text, caret := applyEdit(s, c.start, c.end, c.k)
		if text != c.text || caret != c.caret {
			t.Errorf("%s: got %q caret %d, want %q caret %d", c.name, text, caret, c.text, c.caret)
		}
	}
}

func TestInsertAt(t *testing.T) {
	text, caret := insertAt("Atténer", 6, 6, "u")
	if text != "Atténuer" || caret != 7 {
		t.Errorf("insert in the middle: %q %d", text, caret)
	}
	text, caret = insertAt("Atténuer", 0, 3, "É")
	if text != "Éénuer" || caret != 2 {
		t.Errorf("insert over a selection: %q %d", text, caret)
	}
}

func TestCaretAt(t *testing.T) {
	width := func(s string) float64 { return float64(len([]rune(s))) * 10 } // 10 dp a rune
	for _, c := range []struct {
		x    float64
		want int
	}{{-5, 0}, {4, 0}, {6, 1}, {24, 2}, {26, 4}, {1000, 7}} {
		if got := caretAt("Atéue", c.x, width); got != min(c.want, len("Atéue")) {
			t.Errorf("x=%v: caret %d, want %d", c.x, got, c.want)
		}
	}
}

// TestFieldCaret: the field's caret moves with the arrows, Home and End,
// backspace and Delete act at it, and a tap places it.
func TestFieldCaret(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	a := newTestApp(t, 1280, 720, 1, b)
	h := newHome(a)
	a.scene = h
	f := h.server
	f.setText("Atténer")
	a.setFocus(f)
	edit := func(keys ...editKey) {
		a.in = frame{edits: keys}
		a.focusInput()
	}
	caret := func() int { s, _ := f.field.Selection(); return s }
	edit(editLeft, editLeft)
	if caret() != len("Atténe")-1 {
		t.Fatalf("two lefts from the end: caret %d", caret())
	}
	edit(editRight)
	if caret() != len("Atténe") {
		t.Fatalf("right: caret %d", caret())
	}
	edit(editLeft)
	// Type at the caret (what textinput does with the selection).
	nt, c := insertAt(f.text(), caret(), caret(), "u")
	f.field.SetTextAndSelection(nt, c, c)
	if f.text() != "Atténuer" {
		t.Fatalf("insert at the caret: %q", f.text())
	}
	edit(editHome)
	edit(editDelete)
	if f.text() != "tténuer" || caret() != 0 {
		t.Fatalf("Home then Delete: %q caret %d", f.text(), caret())
	}
	edit(editEnd)
	a.in = frame{backspace: true}
	a.focusInput()
	if f.text() != "tténue" {
		t.Fatalf("End then backspace: %q", f.text())
	}
	// A tap at the start of the drawn text puts the caret there.
	layoutLog(t, a)
	a.placeCaret(f, f.drawX+1)
	if caret() != 0 {
		t.Errorf("a tap at the start: caret %d", caret())
	}
	_, log := render(t, a)
	if !strings.Contains(drawnTexts(log), "|tténue") {
		t.Errorf("the caret is not drawn at the start after a tap there:\n%s", drawnTexts(log))
	}
	a.placeCaret(f, f.drawX+1000)
	if caret() != len(f.text()) {
		t.Errorf("a tap past the end: caret %d, want %d", caret(), len(f.text()))
	}
}
