package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestFillBarIsEmptyAtZero: an allowance nobody has used shows an empty track, half of it a
// half-filled one, and more than all of it a full one.
func TestFillBarIsEmptyAtZero(t *testing.T) {
	test.NewTempApp(t)
	b := newFillBar()
	b.Resize(fyne.NewSize(200, 20))
	for _, tc := range []struct{ value, width float64 }{{0, 0}, {0.5, 100}, {1, 200}, {3, 200}} {
		b.SetValue(tc.value)
		fill := test.WidgetRenderer(b).Objects()[1]
		if got := float64(fill.Size().Width); got != tc.width {
			t.Errorf("value %v: fill %v wide, want %v", tc.value, got, tc.width)
		}
	}
}
