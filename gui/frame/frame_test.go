package frame

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestAfterNextFrameWaitsForTheFrame(t *testing.T) {
	test.NewTempApp(t)
	label := widget.NewLabel("Hello")
	w := test.NewWindow(label)
	defer w.Close()
	m := Watch(w)

	calls := 0
	m.AfterNextFrame(func() { calls++ })
	m.AfterNextFrame(func() { calls += 10 })
	if calls != 0 {
		t.Fatalf("called before any frame: %d", calls)
	}
	w.Canvas().Capture() // draws a frame
	if calls != 11 {
		t.Fatalf("after the frame: calls = %d, want both callbacks once (11)", calls)
	}
	w.Canvas().Capture()
	if calls != 11 {
		t.Errorf("a second frame called again: %d", calls)
	}
	m.AfterNextFrame(func() { calls++ })
	w.Canvas().Capture()
	if calls != 12 {
		t.Errorf("a callback asked for later: calls = %d, want 12", calls)
	}
	if !w.Canvas().Content().Visible() || label.Size().Width <= 1 {
		t.Errorf("the content is no longer laid out over the window: label %v", label.Size())
	}
}
