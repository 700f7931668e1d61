package ui

import "github.com/hajimehoshi/ebiten/v2/text/v2"

// The sound toggle: a button that says its state in words (« Son :
// activé » / « Son : coupé »), on the board's top band and in a team's
// header; the key M does the same; the accessible mirror has it as a
// button whose label says the state.

// soundToggleW is the toggle's width on a desktop or board (dp): its
// longest label at 18 dp with the button's padding.
const soundToggleW = 150

// soundToggleNarrowW is its width on a phone (dp before the touch-target
// floor): « activé » under « Son ».
const soundToggleNarrowW = 76

// drawSoundToggle draws the toggle in r: one line, or « Son » over its
// state when r is taller than wide (a phone's header).
func (a *App) drawSoundToggle(c *canvas, r rect, on bool) {
	if r.W <= 0 {
		return
	}
	bg, fg := colPanel, colOnDark
	if on {
		bg, fg = colCardSoft, colInk
	}
	if a.hovered(r) {
		bg = mix(bg, rgb(0xff, 0xff, 0xff), 0.15)
	}
	c.target(r)
	c.roundRect(r, 10, bg)
	c.roundRectStroke(r, 10, 2, colOnDarkDim)
	if r.H >= 1.2*r.W || r.W < soundToggleW-1 {
		state := msgSoundOffShort
		if on {
			state = msgSoundOnShort
		}
		top, bot := r.insetXY(4, 4).rows(2, 0)[0], r.insetXY(4, 4).rows(2, 0)[1]
		c.text(top, msgSoundWord, textStyle{size: 16, bold: true, col: fg, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		c.text(bot, state, textStyle{size: 16, col: fg, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		return
	}
	c.text(r.insetXY(10, 2), soundLabel(on), textStyle{size: 18, min: 13, bold: true, col: fg, align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
}

// mSound is the toggle in the accessible mirror: a button whose label
// says the state (« Son : coupé »), which a click changes.
func (a *App) mSound(r soundRole, at rect) mirrorNode {
	return mButton("sound", soundLabel(a.soundOn(r)), at)
}
