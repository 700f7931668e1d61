package ui

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"
)

// fixedWidth measures every character as 10 units: wrapping is testable
// without fonts.
func fixedWidth(s string) float64 { return 10 * float64(utf8.RuneCountInString(s)) }

func TestWrapText(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width float64
		want  []string
	}{
		{"fits", "Bonjour", 100, []string{"Bonjour"}},
		{"breaks at spaces", "Les agents de la métropole", 100, []string{"Les agents", "de la", "métropole"}},
		{"keeps newlines", "un\ndeux", 100, []string{"un", "deux"}},
		{"cuts long words", "anticonstitutionnellement", 100, []string{"anticonsti", "tutionnell", "ement"}},
		{"no-break space stays", "Le saviez-vous\u00a0?", 150, []string{"Le", "saviez-vous\u00a0?"}},
		{"empty", "", 100, []string{""}},
		{"collapses spaces", "a    b", 100, []string{"a b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrapText(tt.in, tt.width, fixedWidth)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("wrapText(%q, %v) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
			for _, l := range got {
				if fixedWidth(l) > tt.width {
					t.Errorf("line %q wider than %v", l, tt.width)
				}
			}
		})
	}
}

func TestFitTextShrinks(t *testing.T) {
	long := strings.Repeat("Promouvoir une gestion sobre et durable des ressources. ", 6)
	at := func(size float64) measurer {
		return func(s string) float64 { return size * 0.5 * float64(utf8.RuneCountInString(s)) }
	}
	fr := fitText(long, 400, 200, 40, 10, at)
	if !fr.Fits {
		t.Fatalf("did not fit at size %v: %d lines", fr.Size, len(fr.Lines))
	}
	if fr.Size >= 40 {
		t.Fatalf("size %v: expected shrinking", fr.Size)
	}
	if h := float64(len(fr.Lines)) * fr.LineH; h > 200.5 {
		t.Fatalf("height %v over box", h)
	}
	// Impossible: reports it does not fit at the minimum size.
	fr = fitText(strings.Repeat(long, 10), 100, 20, 40, 10, at)
	if fr.Fits || fr.Size != 10 {
		t.Fatalf("impossible fit: fits=%v size=%v", fr.Fits, fr.Size)
	}
}

func TestEllipsize(t *testing.T) {
	if got := ellipsize("Déchets", 100, fixedWidth); got != "Déchets" {
		t.Fatal(got)
	}
	got := ellipsize("Compétences et employabilité", 100, fixedWidth)
	if fixedWidth(got) > 100 || !strings.HasSuffix(got, "…") {
		t.Fatalf("%q", got)
	}
}

func TestParseNumber(t *testing.T) {
	ok := map[string]float64{
		"1500": 1500, "1 500": 1500, "1\u00a0500": 1500, "1\u202f500": 1500,
		"1,5": 1.5, "1.5": 1.5, "1.500.000": 1500000, "1.500,25": 1500.25,
		" 42 ": 42, "12 %": 12, "3 000 €": 3000, "0,5": 0.5,
	}
	for in, want := range ok {
		got, err := parseNumber(in)
		if err != nil || math.Abs(got-want) > 1e-9 {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "1,2,3", "1e400", "NaN", "Inf", "-5", "0", "12abc", "1e13"} {
		if v, err := parseNumber(in); err == nil {
			t.Errorf("parseNumber(%q) = %v, want an error", in, v)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := map[float64]string{0: "0", 15: "15", 1500: "1\u00a0500", 1234567: "1\u00a0234\u00a0567", 2.5: "2,5", 0.25: "0,25"}
	for in, want := range tests {
		if got := formatNumber(in); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestIntentsOf(t *testing.T) {
	choose := func(n int) intent { return intent{kind: intentChoose, n: n} }
	tests := []struct {
		name   string
		keys   []ebiten.Key
		chars  []rune
		typing bool
		want   []intent
	}{
		{"letter b", nil, []rune{'b'}, false, []intent{choose(1)}},
		{"capital D", nil, []rune{'D'}, false, []intent{choose(3)}},
		{"digit 3", nil, []rune{'3'}, false, []intent{choose(2)}},
		{"azerty é is 2", nil, []rune{'é'}, false, []intent{choose(1)}},
		{"numpad 4", []ebiten.Key{ebiten.KeyNumpad4}, nil, false, []intent{choose(3)}},
		{"space is next", []ebiten.Key{ebiten.KeySpace}, []rune{' '}, false, []intent{{kind: intentNext}}},
		{"host keys", nil, []rune{'p', '+', 's', 'e'}, false, []intent{{kind: intentPause}, {kind: intentAddTime}, {kind: intentSkip}, {kind: intentTeams}}},
		{"typing keeps letters", []ebiten.Key{ebiten.KeySpace}, []rune{'b', ' '}, true, nil},
		{"typing keeps enter", []ebiten.Key{ebiten.KeyEnter}, nil, true, []intent{{kind: intentConfirm}}},
		{"F11", []ebiten.Key{ebiten.KeyF11}, nil, false, []intent{{kind: intentFullscreen}}},
		{"numpad and its character count once", []ebiten.Key{ebiten.KeyNumpad1}, []rune{'1'}, false, []intent{choose(0)}},
		{"typed choices all count", nil, []rune{'1', '2', '1'}, false, []intent{choose(0), choose(1), choose(0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := intentsOf(tt.keys, tt.chars, false, tt.typing)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	if got := intentsOf([]ebiten.Key{ebiten.KeyTab}, nil, true, true); len(got) != 1 || got[0].kind != intentFocusPrev {
		t.Fatalf("shift+tab: %v", got)
	}
}

func TestRectSplits(t *testing.T) {
	r := rect{0, 0, 100, 50}
	top, rest := r.cutTop(20, 5)
	if top != (rect{0, 0, 100, 20}) || rest != (rect{0, 25, 100, 25}) {
		t.Fatal(top, rest)
	}
	cells := r.grid(3, 2, 10)
	if len(cells) != 3 || cells[2] != (rect{0, 30, 45, 20}) {
		t.Fatal(cells)
	}
	for _, c := range r.columns(4, 4) {
		if !c.inside(r) {
			t.Fatal(c)
		}
	}
	if r.inset(40).W != 20 || r.inset(40).H != 0 {
		t.Fatal(r.inset(40))
	}
}

func TestUIScale(t *testing.T) {
	tests := []struct {
		w, h int
		dsf  float64
		want float64
	}{
		{1280, 720, 1, 1},
		{1920, 1080, 1, 1.5},   // projector: everything 1.5× larger
		{2560, 1600, 2, 2},     // retina laptop
		{1170, 2532, 3, 2.25},  // phone portrait: not smaller than 0.75 dp per CSS px
		{1366, 768, 1, 1.0667}, // 13" laptop
	}
	for _, tt := range tests {
		if got := uiScale(tt.w, tt.h, tt.dsf); math.Abs(got-tt.want) > 0.001 {
			t.Errorf("uiScale(%d, %d, %v) = %v, want %v", tt.w, tt.h, tt.dsf, got, tt.want)
		}
	}
}

func TestCodesAndServers(t *testing.T) {
	if c := normalizeCode(" k7p-m3q "); c != "K7PM3Q" || !validCode(c) {
		t.Fatal(c)
	}
	for _, bad := range []string{"", "AB", "ABCDEFGHI", "ABC!12"} {
		if validCode(normalizeCode(bad)) {
			t.Errorf("%q accepted", bad)
		}
	}
	if s, err := normalizeServer("serveur:8080/"); err != "" || s != "http://serveur:8080" {
		t.Fatal(s, err)
	}
	if _, err := normalizeServer("ftp://x"); err == "" {
		t.Fatal("ftp accepted")
	}
}

func TestMoveItem(t *testing.T) {
	if got := moveItem([]int{0, 1, 2, 3}, 0, 2); !reflect.DeepEqual(got, []int{1, 2, 0, 3}) {
		t.Fatal(got)
	}
	if got := moveItem([]int{0, 1, 2, 3}, 3, 0); !reflect.DeepEqual(got, []int{3, 0, 1, 2}) {
		t.Fatal(got)
	}
	if got := moveItem([]int{0, 1}, 5, 0); !reflect.DeepEqual(got, []int{0, 1}) {
		t.Fatal(got)
	}
}
