package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestLoadsWaitForTheFirstFrame starts the window as the app does: the dashboard's loads
// wait until the first frame is drawn, then fill it.
func TestLoadsWaitForTheFirstFrame(t *testing.T) {
	f := newFixture(t)
	test.NewTempApp(t)
	h := &harness{t: t, w: test.NewWindow(nil), queue: make(chan func(), 64)}
	h.u = newFramedMainUI(h.w, f.store, Info{DBPath: "/data/returndesk/returndesk.db", DataDir: "/data/returndesk"},
		func(fn func()) { h.queue <- fn })
	t.Cleanup(func() {
		h.u.releaseLoads() // in case the test stopped before the frame
		h.settle()
		h.w.Close()
	})
	if h.u.pending.Load() == 0 || len(h.u.held) == 0 {
		t.Fatalf("no load waits for the first frame (pending %d, held %d)", h.u.pending.Load(), len(h.u.held))
	}
	if got := h.u.dashboard.summary.Text; got != "" {
		t.Fatalf("the dashboard shows %q before the first frame", got)
	}

	drawFrame(h.w.Content())
	h.settle()
	if got := h.u.dashboard.summary.Text; !strings.Contains(got, "of 105 cases in all") {
		t.Errorf("after the first frame the dashboard shows %q", got)
	}
	h.u.Show("Cases") // later loads start at once
	h.settle()
	if got := h.u.cases.pageInf.Text; got != "1–100 of 105" {
		t.Errorf("Cases shows %q", got)
	}
}

// drawFrame calls the generators of the rasters in o, as Fyne's GL painter does when it
// draws a frame. (The test driver's painter cannot draw the main window: it fails on
// rectangles without a fill colour.)
func drawFrame(o fyne.CanvasObject) {
	switch o := o.(type) {
	case *canvas.Raster:
		o.Generator(1, 1)
	case *fyne.Container:
		for _, c := range o.Objects {
			drawFrame(c)
		}
	}
}

func TestCellTextEllipsisOnlyWhenItDoesNotFit(t *testing.T) {
	test.NewTempApp(t)
	text := "RMA-2026-000123"
	width := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 2*tableInnerPadding
	for _, c := range []struct {
		name  string
		text  string
		width float32
		want  fyne.TextTruncation
	}{
		{"fits", text, width + 1, fyne.TextTruncateOff},
		{"fits exactly", text, width, fyne.TextTruncateOff},
		{"too narrow", text, width - 10, fyne.TextTruncateEllipsis},
		{"width not known yet", text, 0, fyne.TextTruncateEllipsis},
		{"empty", "", 0, fyne.TextTruncateOff},
	} {
		l := widget.NewLabel("template")
		setCellText(l, c.text, c.width, false)
		if l.Text != c.text || l.Truncation != c.want {
			t.Errorf("%s: text %q truncation %v, want %q %v", c.name, l.Text, l.Truncation, c.text, c.want)
		}
	}
}
