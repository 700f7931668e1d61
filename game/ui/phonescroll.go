package ui

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"metodd/game"
)

// On a portrait phone a card and its reveal are laid out as tall as their
// words. When that is taller than the screen (the report's long
// classement items, an association's long groups, a long explanation on
// 360×640), the body scrolls under the fixed header (team, score, timer,
// sound) instead of shrinking text under minTextCSS or cutting it: a
// vertical drag that does not start on a classement row (those are
// dragged to reorder), or the wheel. A thin bar at the right says there is
// more (TestPhoneEveryStandardCard, TestPhoneCardScrolls).

// phoneScroll is the body's scroll on a phone.
type phoneScroll struct {
	y        float64 // dp the body is moved up by
	key      string  // the card and phase it is for: a new one starts at the top
	from     float64 // the finger's last y, while dragging
	dragging bool
	focus    *textField // the field last brought into view
}

// scrollBarW is the width (dp) of the bar that shows the body scrolls.
const scrollBarW = 4

// bodyNeed is the height the phase's body needs on a phone of width w; 0
// when the phase does not scroll.
func (s *teamScene) bodyNeed(a *App, w float64) float64 {
	if !s.phone || s.view.Card == nil {
		return 0
	}
	switch s.view.Session.Phase {
	case game.PhaseCardOpen, game.PhaseCardClosed:
		return s.cardNeed(a, w)
	case game.PhaseRevealed:
		return s.revealNeed(a, w)
	}
	return 0
}

// scrolledBody is the rect the phase lays out in: body itself when its
// content fits, else as tall as the content and moved up by the scroll.
func (s *teamScene) scrolledBody(a *App, body rect) rect {
	need := s.bodyNeed(a, body.W)
	if need <= body.H {
		return body
	}
	s.scroll.y = math.Max(0, math.Min(s.scroll.y, need-body.H))
	return rect{body.X, body.Y - s.scroll.y, body.W, need}
}

// scrollKey names what the scroll is for.
func (s *teamScene) scrollKey() string {
	id := ""
	if s.view.Card != nil {
		id = s.view.Card.ID
	}
	return id + "/" + string(s.view.Session.Phase)
}

// scrollUpdate moves the body on a drag or the wheel, and brings a
// focused field into view above the phone's keyboard. It runs before the
// answers' update, so that a drag's release is no tap on what lies under
// the finger at its end.
func (s *teamScene) scrollUpdate(a *App, body rect) {
	if k := s.scrollKey(); k != s.scroll.key {
		s.scroll = phoneScroll{key: k}
	}
	need := s.bodyNeed(a, body.W)
	if need <= body.H {
		s.scroll.y, s.scroll.dragging = 0, false
		return
	}
	before := s.scroll.y
	if a.in.pressed {
		s.scroll.from, s.scroll.dragging = a.in.y, false
	}
	if a.in.down && !a.in.pressed && !s.draggingRow() {
		if !s.scroll.dragging && math.Abs(a.in.y-a.in.pressY) > scrollDragMin {
			s.scroll.dragging = true
		}
		if s.scroll.dragging {
			s.scroll.y -= a.in.y - s.scroll.from
			s.scroll.from = a.in.y
		}
	}
	s.scroll.y -= a.in.wheel * 40
	if !a.in.down && a.focus != s.scroll.focus {
		s.scroll.focus = a.focus
		if f := a.focus; f != nil {
			// The field in the upper half of the screen: the keyboard
			// takes the lower half.
			top := body.Y + 8
			if f.box.Y < top || f.box.bottom() > math.Max(top+f.box.H, a.screen().H/2) {
				s.scroll.y += f.box.Y - top
			}
		}
	}
	s.scroll.y = math.Max(0, math.Min(s.scroll.y, need-body.H))
	if s.scroll.y != before {
		a.invalidate()
	}
	if s.scroll.dragging && a.in.released {
		a.in.released = false // the finger scrolled: its release is no tap
		s.scroll.dragging = false
	}
}

// pointerOff says whether the pointer's press lies off the visible part
// of a scrolled body (on the header above it): the body's targets, some
// scrolled under the header, must not take it.
func (s *teamScene) pointerOff(a *App, body rect) bool {
	return s.phone && s.scrolledBody(a, body) != body && (a.in.pressY < body.Y || a.in.y < body.Y)
}

// draggingRow says whether a classement row is being dragged (the finger
// moves the row, not the body).
func (s *teamScene) draggingRow() bool { return s.drag >= 0 }

// drawScrolled draws the phase's body through draw, clipped to body and
// scrolled when it is taller, with the bar that says so; the draw log's
// content is then the whole body, where it lies.
func (s *teamScene) drawScrolled(a *App, c *canvas, body rect, draw func(c *canvas, body rect)) {
	sb := s.scrolledBody(a, body)
	if sb == body {
		draw(c, body)
		return
	}
	clip := *c
	scr := a.screen()
	px := image.Rect(0, int(math.Floor(body.Y*c.s)), int(math.Ceil(scr.W*c.s)), int(math.Ceil(scr.H*c.s)))
	clip.dst = c.dst.SubImage(px.Intersect(c.dst.Bounds())).(*ebiten.Image)
	clip.clip = rect{scr.X, body.Y, scr.W, scr.bottom() - body.Y}
	draw(&clip, sb)
	if c.rec != nil {
		top := math.Min(scr.Y, sb.Y)
		c.rec.content = rect{scr.X, top, scr.W, math.Max(scr.bottom(), sb.bottom()+a.margin(20)) - top}
	}
	// The bar: where the visible part lies in the whole.
	visible := scr.bottom() - body.Y
	track := rect{scr.right() - scrollBarW - 2, body.Y, scrollBarW, visible}
	h := math.Max(24, track.H*visible/sb.H)
	y := track.Y + (track.H-h)*s.scroll.y/math.Max(1, sb.H-visible)
	clip.roundRect(rect{track.X, y, track.W, h}, scrollBarW/2, withAlpha(colOnDark, 0x90))
}

// cardNeed is the height of the open card on a phone of width w, every
// text at its size: the prompt's card, the answers, the status.
func (s *teamScene) cardNeed(a *App, w float64) float64 {
	return s.promptNeed(a, w) + 12 + s.answerNeed(a, w) + 8 + 2*a.lineH(statusSize)
}

// promptNeed is the height of the card with the question on a phone.
func (s *teamScene) promptNeed(a *App, w float64) float64 {
	card := s.view.Card
	if card == nil {
		return 0
	}
	return 16 + cardHeadH(a, card, w-32) + 10 + a.textHeight(card.Prompt, w-32, textStyle{size: promptSizeNarrow, bold: true}) + 16
}

// revealNeed is the height of the reveal on a phone of width w.
func (s *teamScene) revealNeed(a *App, w float64) float64 {
	if s.view.Card.Solution == nil {
		return 0 // a skipped card: a message
	}
	return s.revealBand(a, w).h + 12 + explanationNeed(a.canvas(nil), s.view.Card, w)
}
