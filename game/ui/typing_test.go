package ui

import (
	"image"
	"image/color"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// pixels reads an image's pixels in r.
func pixels(img *ebiten.Image, r image.Rectangle) *image.RGBA {
	out := image.NewRGBA(img.Bounds())
	img.ReadPixels(out.Pix)
	return out.SubImage(r).(*image.RGBA)
}

func samePixels(a, b *image.RGBA, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.RGBAAt(x, y) != b.RGBAAt(x, y) {
				return false
			}
		}
	}
	return true
}

// TestTypingRedrawsOnlyTheField: a keystroke in a field redraws the field
// alone (what it shows is what a full redraw shows there), the rest of the
// screen is not drawn again, and once typing pauses the whole screen is.
func TestTypingRedrawsOnlyTheField(t *testing.T) {
	a := newTestApp(t, 1280, 720, 1, nil)
	h := newHome(a)
	a.goTo(h)
	a.setFocus(h.code)
	screen := newScreen(t, a.w, a.h)
	a.Draw(screen)
	if a.dirty || a.backdrop == nil {
		t.Fatalf("after a full draw: dirty %v, backdrop %v", a.dirty, a.backdrop != nil)
	}
	in := h.code.box.inset(3)
	r := image.Rect(int(in.X), int(in.Y), int(in.right()), int(in.bottom()))
	before := pixels(screen, r)
	// A mark far from the field: a full redraw would paint over it.
	mark := image.Rect(0, 0, 8, 8)
	red := color.RGBA{255, 0, 0, 255}
	screen.SubImage(mark).(*ebiten.Image).Fill(red)

	h.code.setText("K7M")
	a.typedInField()
	if a.dirty {
		t.Fatal("typing asked for a full redraw")
	}
	a.Draw(screen)
	if got := pixels(screen, mark).RGBAAt(0, 0); got != red {
		t.Fatalf("the screen was redrawn outside the field (mark is %v)", got)
	}
	// The field's inside is what a full draw shows.
	full := newScreen(t, a.w, a.h)
	a.invalidate()
	a.Draw(full)
	if !samePixels(pixels(screen, r), pixels(full, r), r) {
		t.Error("the field redrawn alone differs from the full draw")
	}
	if samePixels(pixels(screen, r), before, r) {
		t.Error("the field did not change on screen")
	}

	// Once typing pauses, the whole screen is redrawn.
	if next := a.nextFrame(testNow); !next.Equal(testNow.Add(typingSettle)) {
		t.Errorf("next frame at %v, want the settle time %v", next, testNow.Add(typingSettle))
	}
	a.dirty = false
	a.now = func() time.Time { return testNow.Add(typingSettle) }
	if err := a.Update(); err != nil {
		t.Fatal(err)
	}
	if !a.dirty {
		t.Error("no full redraw once typing paused")
	}
}
