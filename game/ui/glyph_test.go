package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"metodd/assets"
	"metodd/game"
)

// typography is every character French typography asks for beyond the
// strings: accents and ligatures in both cases, quotes, the apostrophe,
// dashes, ellipsis, middle dot, euro, times, the no-break spaces (U+00A0,
// U+202F) and the non-breaking hyphen, digits.
const typography = "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖŒÙÛÜŸÆ«»‹›“”‘’…–—·•€×%‰°0123456789₂\u00a0\u202f\u2011"

// literals returns every string and rune literal of the non-test Go files
// matching pattern, whatever their build tags (the browser's files show
// text too).
func literals(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no Go file matches %s", pattern)
	}
	var texts []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && (lit.Kind == token.STRING || lit.Kind == token.CHAR) {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					texts = append(texts, s)
				}
			}
			return true
		})
	}
	return texts
}

// gameTexts is every text the game can draw: the literals of the screens
// (game/ui), of the client's and the rules' messages (game/client, game),
// the catalogue (commitments, SDGs, axes, collectivités), every embedded
// deck file whole (all its runes: prompts, choices, explanations), and the
// typography list.
func gameTexts(t *testing.T) []string {
	t.Helper()
	var texts []string
	for _, pattern := range []string{"*.go", "../client/*.go", "../messages.go"} {
		texts = append(texts, literals(t, pattern)...)
	}
	for _, e := range game.Engagements {
		texts = append(texts, e.Short, e.Title)
	}
	for _, s := range game.SDGs {
		texts = append(texts, s.Name)
	}
	for _, ax := range game.Axes {
		texts = append(texts, ax.Name)
	}
	texts = append(texts, game.Collectivites...)
	names := assets.DeckNames()
	if len(names) == 0 {
		t.Fatal("no embedded deck")
	}
	for _, name := range names {
		b, err := fs.ReadFile(assets.DeckFiles(), name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "#") {
				texts = append(texts, line)
			}
		}
	}
	return append(texts, typography)
}

// TestFontsHaveEveryGlyph checks that every character the game can draw
// exists in both embedded faces: a missing glyph would be drawn as an
// empty box.
func TestFontsHaveEveryGlyph(t *testing.T) {
	texts := gameTexts(t)
	for name, ttf := range map[string][]byte{"Regular": regularTTF, "Bold": boldTTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		missing := map[rune]bool{}
		for _, s := range texts {
			for _, r := range s {
				// Control characters are not drawn; the other spaces
				// (tab, line breaks) only appear in input parsing.
				if r < ' ' || r == unicode.ReplacementChar || missing[r] || (unicode.IsSpace(r) && r != ' ' && r != '\u00a0' && r != '\u202f') {
					continue
				}
				if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
					missing[r] = true
					t.Errorf("%s: no glyph for %q (U+%04X), in %.80q", name, r, r, s)
				}
			}
		}
	}
}

// TestFontsTypography checks what issue 12 saw wrong in the Go fonts: a
// hyphen drawn as wide as a dash (« Connectez–vous »), a middle dot above
// mid-height. In both faces the hyphen is narrower than the en dash, and
// the middle dot's centre sits in the middle third of the x-height; the
// narrow no-break space is narrower than the no-break space.
func TestFontsTypography(t *testing.T) {
	for name, ttf := range map[string][]byte{"Regular": regularTTF, "Bold": boldTTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		ppem := fixed.I(int(f.UnitsPerEm()))
		glyph := func(r rune) sfnt.GlyphIndex {
			i, err := f.GlyphIndex(&buf, r)
			if err != nil || i == 0 {
				t.Fatalf("%s: no glyph for %q", name, r)
			}
			return i
		}
		advance := func(r rune) fixed.Int26_6 {
			a, err := f.GlyphAdvance(&buf, glyph(r), ppem, font.HintingNone)
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		if h, n := advance('-'), advance('–'); h*10 > n*8 {
			t.Errorf("%s: hyphen %d units wide, en dash %d: a hyphen must look shorter than a dash", name, h.Round(), n.Round())
		}
		if nn, nb := advance('\u202f'), advance('\u00a0'); nn >= nb {
			t.Errorf("%s: narrow no-break space %d units wide, no-break space %d", name, nn.Round(), nb.Round())
		}
		m, err := f.Metrics(&buf, ppem, font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := f.GlyphBounds(&buf, glyph('·'), ppem, font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		// y grows downwards: the x-height is -XHeight above the baseline.
		centre := -float64(b.Min.Y+b.Max.Y) / 2 / float64(m.XHeight)
		if centre < 1.0/3 || centre > 2.0/3 {
			t.Errorf("%s: middle dot centred at %.2f of the x-height, want the middle third", name, centre)
		}
	}
}
