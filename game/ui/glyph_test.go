package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"metodd/game"
)

// TestFontsHaveEveryGlyph checks that every character the interface can
// show exists in both embedded fonts: each string literal of the screens'
// source files and the catalogue (commitments, SDGs, collectivités). A
// missing glyph would be drawn as an empty box.
func TestFontsHaveEveryGlyph(t *testing.T) {
	var texts []string
	// Every non-test source file, whatever its build tags (the browser's
	// files show text too).
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
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
	texts = append(texts, "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖŒÙÛÜŸÆ«»’…–—")
	for name, ttf := range map[string][]byte{"Go Regular": goregular.TTF, "Go Bold": gobold.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		missing := map[rune]bool{}
		for _, s := range texts {
			for _, r := range s {
				if r < ' ' || r == unicode.ReplacementChar || missing[r] || (unicode.IsSpace(r) && r != ' ' && r != '\u00a0') { // other spaces only appear in input parsing
					continue
				}
				if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
					missing[r] = true
					t.Errorf("%s: no glyph for %q (U+%04X), in %q", name, r, r, s)
				}
			}
		}
	}
}
