package ui

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// canvas draws in dp onto an image: every coordinate is scaled by s. It
// also records what it drew when rec is set, so tests can check that each
// text fits its box and that a screen shows what it should.
type canvas struct {
	dst *ebiten.Image
	s   float64
	f   *fonts
	rec *drawLog
	// floor is the smallest text size in dp (on a phone, minTextCSS);
	// every text style is raised to it. 0: none.
	floor float64
	// clip is the visible part of a scrolled body (drawScrolled); empty:
	// everything drawn shows.
	clip rect
}

// drawLog is what a frame drew: texts with their boxes, and hit areas.
type drawLog struct {
	texts   []drawnText
	targets []rect // clickable areas, in dp
	checks  []rect // check marks drawn (drawCheck): a chosen item
	// content is the whole of a scrolled screen's content (dp, where
	// it lies now); empty when the screen does not scroll.
	content rect
	// cut are the visible parts of targets a scrolled body's edge cuts
	// (canvas.clip): they take taps there, but their size is the
	// scroll's doing.
	cut []rect
}

type drawnText struct {
	box  rect
	text string
	size float64
	fits bool
	room bool // the room reads it on the board (see roomText)
}

func (c *canvas) px(v float64) float32 { return float32(v * c.s) }

// Text styles, sizes in dp.
type textStyle struct {
	size    float64
	min     float64 // smallest size when shrinking to fit; 0 = size*0.6
	bold    bool
	col     color.Color
	align   text.Align // horizontal
	valign  text.Align // vertical, within the box
	oneLine bool       // ellipsize instead of wrapping
	clip    bool       // oneLine at this size, ellipsized by design (names on chips)
	room    bool       // the whole room reads it on the board: at least roomText
}

func (st textStyle) minSize() float64 {
	if st.min > 0 {
		return math.Min(st.min, st.size)
	}
	return st.size * 0.6
}

func (c *canvas) measurerAt(bold bool, size float64) measurer {
	face := c.f.face(bold, size*c.s)
	return func(s string) float64 { return c.f.advance(face, s) / c.s }
}

// layoutText wraps and shrinks s to fit box without drawing.
func (c *canvas) layoutText(box rect, s string, st textStyle) fitResult {
	st = c.floored(st)
	if st.clip {
		m := c.measurerAt(st.bold, st.size)
		return fitResult{Size: st.size, Lines: []string{ellipsize(s, box.W, m)}, LineH: st.size * lineSpacing, Fits: st.size*lineSpacing <= box.H+0.5}
	}
	if st.oneLine {
		m := c.measurerAt(st.bold, st.size)
		size := st.size
		for (m(s) > box.W || size*lineSpacing > box.H+0.5) && size > st.minSize() {
			size = math.Max(st.minSize(), size*0.92)
			m = c.measurerAt(st.bold, size)
		}
		line := ellipsize(s, box.W, m)
		return fitResult{Size: size, Lines: []string{line}, LineH: size * lineSpacing,
			Fits: line == s && size*lineSpacing <= box.H+0.5}
	}
	return fitText(s, box.W, box.H, st.size, st.minSize(), func(size float64) measurer {
		return c.measurerAt(st.bold, size)
	})
}

// text draws s in box, wrapped and shrunk to fit; it returns the layout.
func (c *canvas) text(box rect, s string, st textStyle) fitResult {
	fr := c.layoutText(box, s, st)
	c.drawLines(box, fr, st)
	if c.rec != nil {
		c.rec.texts = append(c.rec.texts, drawnText{box: box, text: s, size: fr.Size, fits: fr.Fits, room: st.room})
	}
	return fr
}

// floored raises st to the canvas's text floor.
func (c *canvas) floored(st textStyle) textStyle {
	if c.floor > 0 {
		st.min = math.Max(st.minSize(), c.floor)
		st.size = math.Max(st.size, c.floor)
	}
	return st
}

func (c *canvas) drawLines(box rect, fr fitResult, st textStyle) {
	face := c.f.face(st.bold, fr.Size*c.s)
	total := float64(len(fr.Lines)) * fr.LineH
	y := box.Y
	switch st.valign {
	case text.AlignCenter:
		y = box.Y + (box.H-total)/2
	case text.AlignEnd:
		y = box.bottom() - total
	}
	m := face.Metrics()
	glyphH := (m.HAscent + m.HDescent) / c.s
	col := st.col
	if col == nil {
		col = colInk
	}
	for i, line := range fr.Lines {
		op := &text.DrawOptions{}
		x := box.X
		switch st.align {
		case text.AlignCenter:
			x = box.centerX()
		case text.AlignEnd:
			x = box.right()
		}
		ly := y + float64(i)*fr.LineH + (fr.LineH-glyphH)/2
		op.GeoM.Translate(x*c.s, ly*c.s)
		op.PrimaryAlign = st.align
		op.ColorScale.ScaleWithColor(col)
		op.Filter = ebiten.FilterLinear
		text.Draw(c.dst, line, face, op)
	}
}

// target records a clickable area (tests click through these); in a
// scrolled body, only its visible part.
func (c *canvas) target(r rect) {
	if c.rec == nil {
		return
	}
	if c.clip.W > 0 && !r.inside(c.clip) {
		if v := r.intersect(c.clip); v.W > 0 && v.H > 0 {
			c.rec.cut = append(c.rec.cut, v)
		}
		return
	}
	c.rec.targets = append(c.rec.targets, r)
}

func (c *canvas) fill(color color.Color) { c.dst.Fill(color) }

func (c *canvas) rect(r rect, col color.Color) {
	vector.DrawFilledRect(c.dst, c.px(r.X), c.px(r.Y), c.px(r.W), c.px(r.H), col, true)
}

func (c *canvas) circle(cx, cy, r float64, col color.Color) {
	vector.DrawFilledCircle(c.dst, c.px(cx), c.px(cy), c.px(r), col, true)
}

func (c *canvas) ring(cx, cy, r, width float64, col color.Color) {
	vector.StrokeCircle(c.dst, c.px(cx), c.px(cy), c.px(r), c.px(width), col, true)
}

func (c *canvas) line(x0, y0, x1, y1, width float64, col color.Color) {
	vector.StrokeLine(c.dst, c.px(x0), c.px(y0), c.px(x1), c.px(y1), c.px(width), col, true)
}

// roundRect fills r with rounded corners of radius rad.
func (c *canvas) roundRect(r rect, rad float64, col color.Color) {
	if r.W <= 0 || r.H <= 0 {
		return
	}
	var p vector.Path
	roundRectPath(&p, r.scaled(c.s), rad*c.s)
	c.fillPath(&p, col)
}

// roundRectStroke outlines r.
func (c *canvas) roundRectStroke(r rect, rad, width float64, col color.Color) {
	if r.W <= 0 || r.H <= 0 {
		return
	}
	var p vector.Path
	roundRectPath(&p, r.scaled(c.s), rad*c.s)
	c.strokePath(&p, width*c.s, col)
}

// card draws a white rounded card with a soft shadow.
func (c *canvas) card(r rect, col color.Color) {
	c.roundRect(rect{r.X, r.Y + 4, r.W, r.H}, 18, colShadow)
	c.roundRect(r, 18, col)
}

func roundRectPath(p *vector.Path, r rect, rad float64) {
	rad = math.Min(rad, math.Min(r.W, r.H)/2)
	x0, y0, x1, y1 := float32(r.X), float32(r.Y), float32(r.right()), float32(r.bottom())
	rd := float32(rad)
	p.MoveTo(x0+rd, y0)
	p.LineTo(x1-rd, y0)
	p.ArcTo(x1, y0, x1, y0+rd, rd)
	p.LineTo(x1, y1-rd)
	p.ArcTo(x1, y1, x1-rd, y1, rd)
	p.LineTo(x0+rd, y1)
	p.ArcTo(x0, y1, x0, y1-rd, rd)
	p.LineTo(x0, y0+rd)
	p.ArcTo(x0, y0, x0+rd, y0, rd)
	p.Close()
}

// polygon fills the polygon through pts (dp).
func (c *canvas) polygon(pts [][2]float64, col color.Color) {
	var p vector.Path
	for i, pt := range pts {
		if i == 0 {
			p.MoveTo(c.px(pt[0]), c.px(pt[1]))
		} else {
			p.LineTo(c.px(pt[0]), c.px(pt[1]))
		}
	}
	p.Close()
	c.fillPath(&p, col)
}

// arc strokes an arc of a circle from angle a0 to a1 (radians, clockwise
// from three o'clock).
func (c *canvas) arc(cx, cy, r, a0, a1, width float64, col color.Color) {
	if a1-a0 <= 0.001 {
		return
	}
	var p vector.Path
	p.Arc(c.px(cx), c.px(cy), c.px(r), float32(a0), float32(a1), vector.Clockwise)
	c.strokePath(&p, width*c.s, col)
}

var whitePixel *ebiten.Image

func whiteSrc() *ebiten.Image {
	if whitePixel == nil {
		img := ebiten.NewImage(3, 3)
		img.Fill(color.White)
		whitePixel = img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
	}
	return whitePixel
}

func (c *canvas) fillPath(p *vector.Path, col color.Color) {
	vs, is := p.AppendVerticesAndIndicesForFilling(nil, nil)
	c.drawVertices(vs, is, col)
}

func (c *canvas) strokePath(p *vector.Path, width float64, col color.Color) {
	vs, is := p.AppendVerticesAndIndicesForStroke(nil, nil, &vector.StrokeOptions{Width: float32(width), LineJoin: vector.LineJoinRound, LineCap: vector.LineCapRound})
	c.drawVertices(vs, is, col)
}

func (c *canvas) drawVertices(vs []ebiten.Vertex, is []uint16, col color.Color) {
	r, g, b, a := col.RGBA()
	for i := range vs {
		vs[i].SrcX, vs[i].SrcY = 1, 1
		vs[i].ColorR = float32(r) / 0xffff
		vs[i].ColorG = float32(g) / 0xffff
		vs[i].ColorB = float32(b) / 0xffff
		vs[i].ColorA = float32(a) / 0xffff
	}
	op := &ebiten.DrawTrianglesOptions{AntiAlias: true, FillRule: ebiten.FillRuleNonZero}
	c.dst.DrawTriangles(vs, is, whiteSrc(), op)
}

// shape draws the answer shape of index i (triangle, diamond, circle,
// square) centred at cx, cy with radius r.
func (c *canvas) shape(i int, cx, cy, r float64, col color.Color) {
	switch i % 4 {
	case 0:
		c.polygon([][2]float64{{cx, cy - r}, {cx + r*0.95, cy + r*0.75}, {cx - r*0.95, cy + r*0.75}}, col)
	case 1:
		c.polygon([][2]float64{{cx, cy - r}, {cx + r, cy}, {cx, cy + r}, {cx - r, cy}}, col)
	case 2:
		c.circle(cx, cy, r*0.9, col)
	default:
		k := r * 0.8
		c.roundRect(rect{cx - k, cy - k, 2 * k, 2 * k}, r*0.15, col)
	}
}

// image draws img scaled to fit r (nearest filter: QR modules stay crisp).
func (c *canvas) image(img *ebiten.Image, r rect) {
	b := img.Bounds()
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(r.W*c.s/float64(b.Dx()), r.H*c.s/float64(b.Dy()))
	op.GeoM.Translate(r.X*c.s, r.Y*c.s)
	c.dst.DrawImage(img, op)
}
