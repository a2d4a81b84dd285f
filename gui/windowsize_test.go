package gui

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestWindowFit(t *testing.T) {
	preferred := fyne.NewSize(1280, 760)
	for _, tt := range []struct {
		name          string
		saved, screen fyne.Size
		want          fyne.Size
	}{
		{"first start on a big screen", fyne.Size{}, fyne.NewSize(1920, 1040), preferred},
		{"first start on a 1024×700 screen", fyne.Size{}, fyne.NewSize(1024, 700), fyne.NewSize(1024, 660)},
		{"left larger on a big screen", fyne.NewSize(1600, 900), fyne.NewSize(1920, 1040), fyne.NewSize(1600, 900)},
		{"left larger, now on a laptop", fyne.NewSize(1600, 900), fyne.NewSize(1366, 728), fyne.NewSize(1366, 688)},
		{"left smaller", fyne.NewSize(1100, 650), fyne.NewSize(1920, 1040), fyne.NewSize(1100, 650)},
		{"a saved size too small to be real", fyne.NewSize(50, 30), fyne.NewSize(1920, 1040), preferred},
		{"screen unknown", fyne.NewSize(1100, 650), fyne.Size{}, fyne.NewSize(1100, 650)},
	} {
		if got := windowFit(preferred, tt.saved, tt.screen); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
