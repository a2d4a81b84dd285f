package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/go-gl/glfw/v3.4/glfw"
)

// Preference keys of the main window's size, saved when it closes.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// decorations is room left on the screen for the window's title bar and borders.
var decorations = fyne.NewSize(0, 40)

// windowFit is the size the main window opens at: the size it was left at (or the preferred
// size the first time), never larger than the screen's work area less the decorations.
// screen is zero when it is unknown.
func windowFit(preferred, saved, screen fyne.Size) fyne.Size {
	size := preferred
	if saved.Width >= 200 && saved.Height >= 200 {
		size = saved
	}
	if screen.Width > 0 && screen.Height > 0 {
		size.Width = min(size.Width, screen.Width-decorations.Width)
		size.Height = min(size.Height, screen.Height-decorations.Height)
	}
	return size
}

// sizeMainWindow opens w at windowFit's size and saves its size when it closes. It runs on
// the UI thread once the window is up, when the screen can be measured.
func sizeMainWindow(a fyne.App, w fyne.Window) {
	p := a.Preferences()
	saved := fyne.NewSize(float32(p.Float(prefWindowWidth)), float32(p.Float(prefWindowHeight)))
	size := windowFit(windowSize, saved, workArea(w))
	if size != w.Canvas().Size() {
		w.Resize(size)
		w.CenterOnScreen()
	}
	w.SetOnClosed(func() {
		s := w.Canvas().Size()
		p.SetFloat(prefWindowWidth, float64(s.Width))
		p.SetFloat(prefWindowHeight, float64(s.Height))
	})
}

// workArea is the primary screen's area without panels and task bars, in the window's
// units; zero where there is no real screen (the test driver) or it cannot be read.
func workArea(w fyne.Window) fyne.Size {
	if _, native := w.(driver.NativeWindow); !native {
		return fyne.Size{}
	}
	var area fyne.Size
	func() {
		defer func() { recover() }() // GLFW not running (a headless driver): the size stays unknown
		m := glfw.GetPrimaryMonitor()
		if m == nil {
			return
		}
		_, _, width, height := m.GetWorkarea()
		scale := w.Canvas().Scale()
		if scale <= 0 {
			scale = 1
		}
		area = fyne.NewSize(float32(width)/scale, float32(height)/scale)
	}()
	return area
}
