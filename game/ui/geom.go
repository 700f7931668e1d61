package ui

import "math"

// rect is a box in dp (device-independent units) or, once scaled, pixels.
type rect struct{ X, Y, W, H float64 }

func (r rect) right() float64   { return r.X + r.W }
func (r rect) bottom() float64  { return r.Y + r.H }
func (r rect) centerX() float64 { return r.X + r.W/2 }
func (r rect) centerY() float64 { return r.Y + r.H/2 }

func (r rect) contains(x, y float64) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// inside reports whether r lies within o (to a rounding tolerance).
// intersect is the part of r inside o (empty: W or H ≤ 0).
func (r rect) intersect(o rect) rect {
	x0, y0 := math.Max(r.X, o.X), math.Max(r.Y, o.Y)
	x1, y1 := math.Min(r.right(), o.right()), math.Min(r.bottom(), o.bottom())
	return rect{x0, y0, x1 - x0, y1 - y0}
}

func (r rect) inside(o rect) bool {
	const eps = 0.5
	return r.X >= o.X-eps && r.Y >= o.Y-eps && r.right() <= o.right()+eps && r.bottom() <= o.bottom()+eps
}

// inset shrinks r by d on every side.
func (r rect) inset(d float64) rect { return r.insetXY(d, d) }

func (r rect) insetXY(dx, dy float64) rect {
	w, h := math.Max(0, r.W-2*dx), math.Max(0, r.H-2*dy)
	return rect{r.X + dx, r.Y + dy, w, h}
}

// cutTop returns the top h of r and the rest below it (gap between them).
func (r rect) cutTop(h, gap float64) (top, rest rect) {
	h = math.Min(h, r.H)
	return rect{r.X, r.Y, r.W, h}, rect{r.X, r.Y + h + gap, r.W, math.Max(0, r.H-h-gap)}
}

func (r rect) cutBottom(h, gap float64) (bottom, rest rect) {
	h = math.Min(h, r.H)
	return rect{r.X, r.bottom() - h, r.W, h}, rect{r.X, r.Y, r.W, math.Max(0, r.H-h-gap)}
}

func (r rect) cutLeft(w, gap float64) (left, rest rect) {
	w = math.Min(w, r.W)
	return rect{r.X, r.Y, w, r.H}, rect{r.X + w + gap, r.Y, math.Max(0, r.W-w-gap), r.H}
}

func (r rect) cutRight(w, gap float64) (right, rest rect) {
	w = math.Min(w, r.W)
	return rect{r.right() - w, r.Y, w, r.H}, rect{r.X, r.Y, math.Max(0, r.W-w-gap), r.H}
}

// centered returns a w×h box centred in r (clamped to r).
func (r rect) centered(w, h float64) rect {
	w, h = math.Min(w, r.W), math.Min(h, r.H)
	return rect{r.X + (r.W-w)/2, r.Y + (r.H-h)/2, w, h}
}

// columns splits r into n equal columns separated by gap.
func (r rect) columns(n int, gap float64) []rect {
	if n <= 0 {
		return nil
	}
	w := (r.W - gap*float64(n-1)) / float64(n)
	out := make([]rect, n)
	for i := range out {
		out[i] = rect{r.X + float64(i)*(w+gap), r.Y, w, r.H}
	}
	return out
}

// rows splits r into n equal rows separated by gap.
func (r rect) rows(n int, gap float64) []rect {
	if n <= 0 {
		return nil
	}
	h := (r.H - gap*float64(n-1)) / float64(n)
	out := make([]rect, n)
	for i := range out {
		out[i] = rect{r.X, r.Y + float64(i)*(h+gap), r.W, h}
	}
	return out
}

// grid lays n cells out in cols columns, row by row.
func (r rect) grid(n, cols int, gap float64) []rect {
	if n <= 0 || cols <= 0 {
		return nil
	}
	nrows := (n + cols - 1) / cols
	out := make([]rect, 0, n)
	for _, row := range r.rows(nrows, gap) {
		for _, c := range row.columns(cols, gap) {
			if len(out) < n {
				out = append(out, c)
			}
		}
	}
	return out
}

// scaled maps a dp rect to pixels.
func (r rect) scaled(s float64) rect { return rect{r.X * s, r.Y * s, r.W * s, r.H * s} }

// Design canvas: layouts are written for at least this many dp; a wider or
// taller window gets more room, never smaller text.
const (
	designW = 1280
	designH = 720
	// minDPPerCSSPixel keeps text readable on phones (high device scale
	// factor, small window): one dp is at least this many device pixels
	// per device-scale unit.
	minDPPerCSSPixel = 0.75
	// roomText is the smallest size, in dp, of a text the whole room reads
	// on the projected board (the question, the choices, the timer, team
	// names, the facts): 28 px on a 1080-line projector, where a dp takes
	// 1080/designH px, legible from the back of a meeting room.
	roomText = 28.0 * designH / 1080
)

// uiScale is how many pixels one dp takes in a window of w×h pixels on a
// monitor with device scale factor dsf.
func uiScale(w, h int, dsf float64) float64 {
	if w <= 0 || h <= 0 {
		return 1
	}
	if dsf <= 0 {
		dsf = 1
	}
	s := math.Min(float64(w)/designW, float64(h)/designH)
	return math.Max(s, dsf*minDPPerCSSPixel)
}
