package ui

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// The team form's direction picker: the RSO cell's list of directions
// (GET /api/join) and « Autre (préciser) », which reveals a text field.
// Closed, it is a box like a field's showing the choice; a tap, a click or
// Tab from the last name opens it over the whole screen (a sheet, as a
// phone's own select): a tap, or the arrows (Home, End) and Enter, choose;
// Escape or « Fermer » close. A list longer than the screen pages by drag, wheel,
// arrows or « Précédentes / Suivantes ». In the browser the accessible
// mirror offers the same choice as a real <select> (mirror_scenes.go).

// dirPicker is the open sheet's state.
type dirPicker struct {
	open  bool
	hi    int // highlighted option (keyboard)
	first int // first option shown
}

type dirPickLayout struct {
	panel, title     rect
	rows             []rect // the options shown, from first
	first            int
	prev, next, shut rect // shut: « Fermer »
}

// dirOptions are the picker's options: the list, then « Autre ».
func (s *teamSetupScene) dirOptions() []string {
	return append(append([]string{}, s.dirs...), msgDirOther)
}

// picking says whether the direction is picked from a list (the server
// sent one); else it is typed, as before the list existed.
func (s *teamSetupScene) picking() bool { return len(s.dirs) > 0 }

// dirIndex is the option a member has chosen: -1 none.
func (s *teamSetupScene) dirIndex(m *memberForm) int {
	if m.dirOther {
		return len(s.dirs)
	}
	for i, d := range s.dirs {
		if d == m.dirName {
			return i
		}
	}
	return -1
}

// dirShown is what the closed picker shows for a member.
func (s *teamSetupScene) dirShown(m *memberForm) string {
	switch i := s.dirIndex(m); {
	case i < 0:
		return msgDirChoose
	case i == len(s.dirs):
		return msgDirOther
	default:
		return s.dirs[i]
	}
}

// chooseDir sets the selected member's direction to option i.
func (s *teamSetupScene) chooseDir(a *App, i int) {
	m := s.members[s.sel]
	s.pick.open = false
	a.invalidate()
	if i >= len(s.dirs) {
		m.dirOther, m.dirName = true, ""
		a.setFocus(m.dir)
		return
	}
	if i >= 0 {
		m.dirOther, m.dirName = false, s.dirs[i]
	}
}

func (s *teamSetupScene) openPicker(a *App) {
	s.pick = dirPicker{open: true, hi: max(0, s.dirIndex(s.members[s.sel]))}
	a.setFocus(nil)
	a.invalidate()
}

// dirRowH is the height of one option: the longest option wrapped, at
// least a touch target.
func (s *teamSetupScene) dirRowH(a *App, w float64) float64 {
	h := a.lineH(20)
	for _, o := range s.dirOptions() {
		h = math.Max(h, a.textHeight(o, w-28, textStyle{size: 20}))
	}
	return math.Max(a.tall(48), h+14)
}

func (s *teamSetupScene) pickLayout(a *App) dirPickLayout {
	var l dirPickLayout
	scr := a.screen()
	m := a.margin(28)
	l.panel = scr.inset(m)
	if l.panel.W > 760 {
		l.panel = l.panel.centered(760, l.panel.H)
	}
	in := l.panel.inset(16)
	l.title, in = in.cutTop(a.lineH(28), 12)
	l.shut, in = in.cutBottom(math.Max(a.minTarget(), 56), 12)
	opts := s.dirOptions()
	rowH := s.dirRowH(a, in.W)
	const gap = 6
	n := max(1, int((in.H+gap)/(rowH+gap)))
	if n < len(opts) {
		// Too many for the screen: page buttons above « Fermer ».
		var pager rect
		pager, in = in.cutBottom(math.Max(a.minTarget(), 56), 12)
		cols := pager.columns(2, 12)
		l.prev, l.next = cols[0], cols[1]
		n = max(1, int((in.H+gap)/(rowH+gap)))
	}
	n = min(n, len(opts))
	p := &s.pick
	p.hi = max(0, min(p.hi, len(opts)-1))
	p.first = max(0, min(p.first, len(opts)-n))
	l.first = p.first
	for i := 0; i < n; i++ {
		var r rect
		r, in = in.cutTop(rowH, gap)
		l.rows = append(l.rows, r)
	}
	return l
}

// pickUpdate runs the open sheet; the form behind it takes no input.
func (s *teamSetupScene) pickUpdate(a *App) {
	p := &s.pick
	opts := s.dirOptions()
	l := s.pickLayout(a)
	n := len(l.rows)
	show := func() { // keep the highlighted option in view
		if p.hi < p.first {
			p.first = p.hi
		}
		if p.hi >= p.first+n {
			p.first = p.hi - n + 1
		}
		a.invalidate()
	}
	switch {
	case a.has(intentBack) || a.has(intentFocusNext) || a.has(intentFocusPrev):
		p.open = false
		a.invalidate()
		return
	case a.has(intentUp):
		p.hi = max(0, p.hi-1)
		show()
	case a.has(intentDown):
		p.hi = min(len(opts)-1, p.hi+1)
		show()
	case a.has(intentConfirm):
		s.chooseDir(a, p.hi)
		return
	}
	for _, k := range a.in.edits { // Home and End, as in a native list
		switch k {
		case editHome:
			p.hi = 0
			show()
		case editEnd:
			p.hi = len(opts) - 1
			show()
		}
	}
	if a.in.wheel != 0 {
		p.first -= int(math.Copysign(1, a.in.wheel))
		a.invalidate()
	}
	if a.in.released {
		if dy := a.in.y - a.in.pressY; math.Abs(dy) > scrollDragMin && len(l.rows) > 0 {
			// A drag pages the list, by the rows it went over.
			rows := int(math.Round(dy / (l.rows[0].H + 6)))
			if rows == 0 {
				rows = int(math.Copysign(1, dy))
			}
			p.first -= rows
			a.invalidate()
			return
		}
	}
	if i := a.clickedIn(l.rows); i >= 0 {
		s.chooseDir(a, l.first+i)
		return
	}
	switch {
	case a.clicked(l.prev):
		p.first -= n
		p.hi = max(0, p.first)
	case a.clicked(l.next):
		p.first += n
		p.hi = min(len(opts)-1, p.first)
	case a.clicked(l.shut):
		p.open = false
	default:
		return
	}
	a.invalidate()
}

// drawPicker draws the open sheet over the whole screen.
func (s *teamSetupScene) drawPicker(a *App, c *canvas) {
	l := s.pickLayout(a)
	opts := s.dirOptions()
	cur := s.dirIndex(s.members[s.sel])
	c.card(l.panel, colCard)
	c.text(l.title, msgDirPickerTitle, textStyle{size: 28, bold: true, col: colInk, valign: text.AlignCenter, oneLine: true})
	for i, r := range l.rows {
		k := l.first + i
		c.target(r)
		bg, fg := colCardSoft, colInk
		if k == cur {
			bg = colAccent
		} else if a.hovered(r) {
			bg = mix(bg, rgb(0xff, 0xff, 0xff), 0.15)
		}
		c.roundRect(r, 10, bg)
		if k == s.pick.hi && a.keysUsed {
			c.roundRectStroke(r, 10, 3, colInk)
		}
		c.text(r.insetXY(14, 6), opts[k], textStyle{size: 20, bold: k == cur, col: fg, valign: text.AlignCenter})
	}
	if l.prev.W > 0 {
		a.button(c, l.prev, msgDefiPrev, btnSecondary, l.first > 0)
		a.button(c, l.next, msgDefiNext, btnSecondary, l.first+len(l.rows) < len(opts))
	}
	a.button(c, l.shut, msgDirPickerClose, btnSecondary, true)
}

// drawDirBox draws the closed picker at r: its label above, the choice in
// a box with a chevron.
func (s *teamSetupScene) drawDirBox(a *App, c *canvas, r rect, m *memberForm) rect {
	lab, box := r.cutTop(math.Max(26, a.lineH(fieldLabelSize)), 4)
	c.text(lab, msgDirectionMemberLabel, textStyle{size: fieldLabelSize, col: colInkMuted, bold: true, oneLine: true})
	c.target(box)
	c.roundRect(box, 10, colCardSoft)
	c.roundRectStroke(box, 10, 1.5, colLine)
	chev, inner := box.insetXY(14, 6).cutRight(24, 8)
	st := textStyle{size: 24, min: 14, col: colInk, valign: text.AlignCenter, oneLine: true}
	if s.dirIndex(m) < 0 {
		st.col = colInkMuted
	}
	c.text(inner, s.dirShown(m), st)
	cx, cy := chev.centerX(), chev.centerY()
	c.line(cx-8, cy-4, cx, cy+4, 3, colInk)
	c.line(cx, cy+4, cx+8, cy-4, 3, colInk)
	return box
}

// dirBox is the closed picker's box within its laid-out rect.
func (a *App) dirBox(r rect) rect {
	_, box := r.cutTop(math.Max(26, a.lineH(fieldLabelSize)), 4)
	return box
}
