package ui

import (
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

// The rendering tests need a running Ebiten (ReadPixels works only inside
// the game loop), so the whole test binary runs inside the first Update,
// as Ebiten's own tests do. It needs a display: run it under xvfb-run.
type testGame struct {
	m    *testing.M
	code int
}

func (g *testGame) Update() error {
	g.code = g.m.Run()
	return ebiten.Termination
}

func (*testGame) Draw(*ebiten.Image)         {}
func (*testGame) Layout(int, int) (int, int) { return 320, 240 }

func TestMain(m *testing.M) {
	g := &testGame{m: m, code: 1}
	ebiten.SetWindowSize(320, 240)
	if err := ebiten.RunGame(g); err != nil {
		panic(err)
	}
	os.Exit(g.code)
}
