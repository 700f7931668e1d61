package ui

import (
	"bytes"
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// fonts are the two embedded faces (Go Regular and Go Bold: every French
// glyph, « », œ, ’, …). Parsing takes a moment in the browser, so it runs
// in a goroutine while the loading screen turns.
type fonts struct {
	regular, bold *text.GoTextFaceSource
	faces         map[faceKey]*text.GoTextFace
	widths        map[widthKey]float64
}

// widthKey caches text widths: layouts are computed at every frame that
// draws and every fit tries several sizes, and shaping is the costly part.
type widthKey struct {
	face *text.GoTextFace
	s    string
}

// maxCachedWidths bounds the cache; it is simply emptied when full.
const maxCachedWidths = 20000

func (f *fonts) advance(face *text.GoTextFace, s string) float64 {
	k := widthKey{face, s}
	if w, ok := f.widths[k]; ok {
		return w
	}
	if len(f.widths) >= maxCachedWidths {
		clear(f.widths)
	}
	w := text.Advance(s, face)
	f.widths[k] = w
	return w
}

type faceKey struct {
	bold bool
	px   float64
}

func loadFonts() (*fonts, error) {
	r, err := text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF))
	if err != nil {
		return nil, fmt.Errorf("police Go Regular : %w", err)
	}
	b, err := text.NewGoTextFaceSource(bytes.NewReader(gobold.TTF))
	if err != nil {
		return nil, fmt.Errorf("police Go Bold : %w", err)
	}
	return &fonts{regular: r, bold: b, faces: map[faceKey]*text.GoTextFace{}, widths: map[widthKey]float64{}}, nil
}

// face returns a face of px pixels, rounded to half pixels so the glyph
// cache stays small while fitting shrinks text step by step.
func (f *fonts) face(bold bool, px float64) *text.GoTextFace {
	px = math.Max(1, math.Round(px*2)/2)
	k := faceKey{bold, px}
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	src := f.regular
	if bold {
		src = f.bold
	}
	fc := &text.GoTextFace{Source: src, Size: px}
	f.faces[k] = fc
	return fc
}
