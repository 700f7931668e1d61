package ui

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// The embedded faces: Atkinson Hyperlegible Next Regular and Bold (Braille
// Institute, SIL Open Font License 1.1: fonts/OFL.txt), drawn for
// low-vision readers: letters that cannot be mistaken (I l 1, O 0), a
// hyphen shorter than the dashes, a middle dot at mid-height. Subset to
// Latin and the punctuation by scripts/subset-font.sh (37 kB each).
var (
	//go:embed fonts/AtkinsonHyperlegibleNext-Regular.ttf
	regularTTF []byte
	//go:embed fonts/AtkinsonHyperlegibleNext-Bold.ttf
	boldTTF []byte
)

// fonts are the two embedded faces (every French glyph, « », œ, ’, the
// narrow no-break space…). Parsing takes a moment in the browser, so it
// runs in a goroutine while the loading screen turns.
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
	r, err := text.NewGoTextFaceSource(bytes.NewReader(regularTTF))
	if err != nil {
		return nil, fmt.Errorf("police Atkinson Hyperlegible Next Regular\u00a0: %w", err)
	}
	b, err := text.NewGoTextFaceSource(bytes.NewReader(boldTTF))
	if err != nil {
		return nil, fmt.Errorf("police Atkinson Hyperlegible Next Bold\u00a0: %w", err)
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
