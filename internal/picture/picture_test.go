package picture

import (
	"image"
	"testing"

	"golang.org/x/image/draw"
)

func TestFitKeepsProportionsWithinTheSide(t *testing.T) {
	for _, tc := range []struct{ w, h, side, wantW, wantH int }{
		{1200, 600, 600, 600, 300}, // wide
		{600, 1200, 600, 300, 600}, // tall
		{400, 300, 600, 400, 300},  // fits: unchanged
		{5000, 2, 100, 100, 1},     // never thinner than a pixel
		{800, 800, 200, 200, 200},  // square
	} {
		got := Fit(image.NewRGBA(image.Rect(0, 0, tc.w, tc.h)), tc.side, draw.ApproxBiLinear).Bounds()
		if got.Dx() != tc.wantW || got.Dy() != tc.wantH {
			t.Errorf("Fit(%d×%d, %d) = %d×%d, want %d×%d", tc.w, tc.h, tc.side, got.Dx(), got.Dy(), tc.wantW, tc.wantH)
		}
	}
}
