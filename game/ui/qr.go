package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
	qrcode "github.com/skip2/go-qrcode"
)

// qrImage makes a one-pixel-per-module image of a QR code of s (medium
// error correction, quiet zone included); drawn scaled with the nearest
// filter it stays sharp at any size. nil if s cannot be encoded.
func qrImage(s string) *ebiten.Image {
	m := qrMatrix(s)
	if m == nil {
		return nil
	}
	img := ebiten.NewImage(len(m), len(m))
	pix := make([]byte, 4*len(m)*len(m))
	for y, row := range m {
		for x, dark := range row {
			v := byte(0xff)
			if dark {
				v = 0x10
			}
			i := 4 * (y*len(m) + x)
			pix[i], pix[i+1], pix[i+2], pix[i+3] = v, v, v, 0xff
		}
	}
	img.WritePixels(pix)
	return img
}

// qrMatrix is the QR code's modules, true = dark.
func qrMatrix(s string) [][]bool {
	q, err := qrcode.New(s, qrcode.Medium)
	if err != nil {
		return nil
	}
	return q.Bitmap()
}
