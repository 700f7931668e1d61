package ui

import (
	"math"
	"time"
)

// loadingScene turns the board's 15 tiles while the fonts load (it cannot
// write yet: the fonts are what it waits for).
type loadingScene struct{}

func (*loadingScene) update(a *App) { a.animate(50 * time.Millisecond) }

func (*loadingScene) draw(a *App, c *canvas) {
	scr := a.screen()
	cx, cy := scr.centerX(), scr.centerY()
	r := math.Min(scr.W, scr.H) * 0.18
	t := a.now().Sub(a.started).Seconds()
	for i := 0; i < 15; i++ {
		ang := 2*math.Pi*float64(i)/15 - math.Pi/2 + t*0.8
		col := axisColor(1 + i/5)
		phase := math.Mod(t*2-float64(i)/15*2*math.Pi/2, 2*math.Pi)
		size := r * (0.11 + 0.04*math.Max(0, math.Cos(phase)))
		c.circle(cx+r*math.Cos(ang), cy+r*math.Sin(ang), size, col)
	}
}
