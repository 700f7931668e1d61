package ui

import (
	"fmt"
	"testing"

	"metodd/game"
)

// TestTapFieldKeepsFocusOnPhone: a finger taps a field of the phone's
// team form that lies low on the screen, holding it a few frames as a
// person does. The field focuses on the press; the form brings it up
// above the keyboard only once the finger is lifted, so the release lands
// on the field and the focus stays (found by TestBrowserPhonePlenary: the
// form scrolled under the finger, the release fell off the field, and the
// typed name went nowhere).
func TestTapFieldKeepsFocusOnPhone(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	sz := phoneSizes[1]
	a, s := phoneForm(t, sz, b)
	last := s.members[0].last
	if last.box.centerY() <= a.screen().H/2 {
		t.Fatalf("the last-name field at %v is not in the lower half of %v: nothing to scroll", last.box, a.screen())
	}
	x, y := last.box.centerX(), last.box.centerY()
	frames := []frame{
		{pressed: true, down: true, touching: true, x: x, y: y, pressX: x, pressY: y},
		{down: true, touching: true, x: x, y: y, pressX: x, pressY: y},
		{down: true, touching: true, x: x, y: y, pressX: x, pressY: y},
		{released: true, x: x, y: y, pressX: x, pressY: y},
		{},
	}
	for _, f := range frames {
		a.in = f
		s.update(a)
		layoutLog(t, a)
	}
	if a.focus != last {
		t.Fatalf("after a tap on the last-name field the focus is on %v, want the field", a.focus)
	}
	if l := s.layout(a); l.last.bottom() > a.screen().H/2+1 {
		t.Errorf("the focused field at %v was not brought above the keyboard's half of %v", l.last, a.screen())
	}
}

// TestTapFieldOpensNoPicker: with the RSO cell's list of directions, a tap
// on a low field scrolls the form once the finger is up, and the release
// that ends the tap is not taken by what the form brought under it (found
// by TestBrowserPhonePlenary: a tap on « Prénom » opened the list of
// directions and the typed first name went nowhere).
func TestTapFieldOpensNoPicker(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	for _, sz := range phoneSizes {
		for _, which := range []string{"first", "last"} { // a plenary's form, as in the end-to-end test
			a := newTestApp(t, sz.w, sz.h, sz.dsf, b)
			s := newTeamSetup(a, "K7PM3Q")
			s.infoAsked = true
			s.applyInfo(JoinInfo{Mode: game.ModePlenary, Directions: []string{"Direction des mobilités", "Direction du numérique", "Cabinet"}})
			a.scene = s
			a.setFocus(nil)
			layoutLog(t, a)
			f := s.members[0].first
			if which == "last" {
				f = s.members[0].last
			}
			x, y := f.box.centerX(), f.box.centerY()
			for _, fr := range []frame{
				{pressed: true, down: true, touching: true, x: x, y: y, pressX: x, pressY: y},
				{down: true, touching: true, x: x, y: y, pressX: x, pressY: y},
				{released: true, x: x, y: y, pressX: x, pressY: y},
				{},
			} {
				a.in = fr
				s.update(a)
				layoutLog(t, a)
			}
			if s.pick.open {
				t.Errorf("%s: a tap on %s opened the list of directions", sz.name, which)
			}
			if a.focus != f {
				t.Errorf("%s: after a tap on %s the focus is on %v", sz.name, which, a.focus)
			}
		}
	}
}

// TestMirrorFormOnPhone: on a phone's one-column team form, each
// collectivité and category button of the mirror stands for its own cell
// (found by TestBrowserPhonePlenary: they stood for the desktop's columns,
// so « Ville de Dijon » chose CCAS).
func TestMirrorFormOnPhone(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	for _, sz := range phoneSizes {
		a, s := phoneForm(t, sz, b)
		for i := range game.Collectivites {
			mirrorStep(a, click(fmt.Sprintf("coll-%d", i)))
			if got := s.members[0].coll; got != i {
				t.Errorf("%s: the mirror's coll-%d chose collectivité %d", sz.name, i, got)
			}
		}
		for i := 0; i <= len(game.Categories); i++ {
			mirrorStep(a, click(fmt.Sprintf("cat-%d", i)))
			if got := s.members[0].cat; got != i {
				t.Errorf("%s: the mirror's cat-%d chose category %d", sz.name, i, got)
			}
		}
	}
}

// phoneForm is the team form on a phone of size sz, laid out once with no
// field focused (its info already asked).
func phoneForm(t *testing.T, sz screenSize, b *fakeBackend) (*App, *teamSetupScene) {
	t.Helper()
	a := newTestApp(t, sz.w, sz.h, sz.dsf, b)
	s := newTeamSetup(a, "K7PM3Q")
	s.infoAsked = true
	a.scene = s
	a.setFocus(nil)
	layoutLog(t, a)
	return a, s
}
