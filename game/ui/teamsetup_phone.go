package ui

import (
	"math"

	"metodd/game"
)

// The team form on a portrait phone is one column taller than the screen:
// it scrolls (a drag, the wheel), and a focused field is brought into the
// upper part of the screen, above the phone's keyboard.

// scrollDragMin is how far (dp) a finger moves before a press becomes a
// scroll rather than a tap.
const scrollDragMin = 12

func (s *teamSetupScene) layoutPhone(a *App) teamSetupLayout {
	var l teamSetupLayout
	scr := a.screen()
	t := a.minTarget()
	m := a.margin(28)
	col := rect{scr.X + m, scr.Y + m - s.scroll, scr.W - 2*m, 1e6}
	start := col.Y
	l.title, col = col.cutTop(a.lineH(40), 2)
	l.code, col = col.cutTop(a.lineH(26), 12)

	// The team: name, colour, members (a card).
	cardTop := col.Y
	in := col.inset(16)
	l.name, in = in.cutTop(a.fieldH(60), 12)
	if !s.joiningExisting() {
		l.colorLabel, in = in.cutTop(a.lineH(18), 6)
		var sw rect
		rowsSw := (len(teamPalette) + 3) / 4
		sw, in = in.cutTop(float64(rowsSw)*t+float64(rowsSw-1)*6, 14)
		l.swatches = sw.grid(len(teamPalette), 4, 6)
	}
	l.membersLabel, in = in.cutTop(a.lineH(20), 8)
	for range s.members {
		var r rect
		r, in = in.cutTop(math.Max(t, 2*a.lineH(20)+14), 6)
		l.memberRows = append(l.memberRows, r)
	}
	if len(s.members) < s.memberLimit() {
		l.add, in = in.cutTop(math.Max(t, 56), 6)
	}
	if s.plenary && len(s.teams) > 0 {
		l.choicesLabel, in = in.cutTop(a.textHeight(msgExistingTeams, in.W, textStyle{size: 16, bold: true}), 4)
		n := min(len(s.teams), maxTeamChoices)
		for i := 0; i < n; i++ {
			var r rect
			r, in = in.cutTop(t, 6)
			l.choices = append(l.choices, r)
		}
	}
	l.left = rect{col.X, cardTop, col.W, in.Y + 10 - cardTop}
	_, col = col.cutTop(l.left.H, 16)

	// The selected member (a card).
	cardTop = col.Y
	in = col.inset(16)
	l.first, in = in.cutTop(a.fieldH(60), 12)
	l.last, in = in.cutTop(a.fieldH(60), 12)
	l.collLabel, in = in.cutTop(a.lineH(18), 4)
	var cells rect
	cells, in = in.cutTop(float64(len(game.Collectivites))*(t+6)-6, 12)
	l.coll = cells
	l.collCells = cells.rows(len(game.Collectivites), 6)
	l.dir, in = in.cutTop(a.fieldH(60), 12)
	if s.picking() && s.members[s.sel].dirOther {
		l.dirOther, in = in.cutTop(a.fieldH(60), 12)
	}
	l.catLabel, in = in.cutTop(a.lineH(18), 4)
	nCat := len(game.Categories) + 1
	rowsCat := (nCat + 1) / 2
	cells, in = in.cutTop(float64(rowsCat)*(t+6)-6, 12)
	l.cat = cells
	l.catCells = cells.grid(nCat, 2, 6)
	if len(s.members) > 1 {
		l.remove, in = in.cutTop(math.Max(t, 56), 0)
	}
	l.right = rect{col.X, cardTop, col.W, in.Y + 6 - cardTop}
	_, col = col.cutTop(l.right.H, 12)

	l.err, col = col.cutTop(2*a.lineH(20), 4)
	l.privacy, col = col.cutTop(a.textHeight(privacyText(s.year), col.W, textStyle{size: 16}), 10)
	l.submit, col = col.cutTop(64, 0)
	end := col.Y + m
	s.contentH = end - start + 2*m
	l.content = rect{scr.X, start - m, scr.W, s.contentH}
	return l
}

// maxScroll is how far the form scrolls.
func (s *teamSetupScene) maxScroll(a *App) float64 {
	return math.Max(0, s.contentH-a.screen().H)
}

// scrollUpdate scrolls the form: a vertical drag that starts off a field,
// the wheel, and the focused field brought above the keyboard's half.
func (s *teamSetupScene) scrollUpdate(a *App) {
	if s.contentH == 0 {
		s.layoutPhone(a)
	}
	before := s.scroll
	if a.in.pressed {
		s.dragFrom, s.dragging = a.in.y, false
	}
	if a.in.down && !a.in.pressed {
		if !s.dragging && math.Abs(a.in.y-a.in.pressY) > scrollDragMin {
			s.dragging = true
		}
		if s.dragging {
			s.scroll -= a.in.y - s.dragFrom
			s.dragFrom = a.in.y
		}
	}
	s.scroll -= a.in.wheel * 40
	// Only once the finger is up: a field focuses on the press, and the
	// form scrolled under a finger still down would have the release land
	// off the field, which then loses the focus it just got.
	if !a.in.down {
		if a.focus != s.lastFocus && a.focus != nil {
			// The field above the middle of the screen: the keyboard
			// takes the lower half.
			l := s.layoutPhone(a)
			for _, r := range []rect{l.name, l.first, l.last, l.dir, l.dirOther} {
				if r.contains(a.focus.box.centerX(), a.focus.box.centerY()) && (r.Y < 0 || r.bottom() > a.screen().H/2) {
					s.scroll += r.Y - a.margin(28)
					// The release that ends this field's tap is spent: the
					// form moved under it, and what is there now (the
					// direction's picker) must not take it as its own tap.
					a.in.released = false
				}
			}
		}
		s.lastFocus = a.focus
	}
	s.scroll = math.Max(0, math.Min(s.scroll, s.maxScroll(a)))
	if s.scroll != before {
		a.invalidate()
	}
	if s.dragging && a.in.released {
		// The finger scrolled: its release is no tap.
		a.in.released = false
		s.dragging = false
	}
}
