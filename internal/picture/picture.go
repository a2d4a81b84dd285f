// Package picture scales pictures down: photo thumbnails for the screen, the shop's logo
// for print.
package picture

import (
	"image"

	"golang.org/x/image/draw"
)

// Fit draws img with s into a new picture no larger than side on its longer side, keeping
// its proportions (every side at least one pixel); a picture that fits keeps its size.
func Fit(img image.Image, side int, s draw.Scaler) *image.NRGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	switch {
	case w <= side && h <= side:
	case w >= h:
		w, h = side, max(1, h*side/w)
	default:
		w, h = max(1, w*side/h), side
	}
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	s.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}
