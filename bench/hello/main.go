// Command hello is the baseline of the GUI start-up benchmarks: a Fyne hello-world window
// built as ReturnDesk's is (same build tags, window size and start-up probe).
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"returndesk/gui/frame"
	"returndesk/gui/probe"
)

func main() {
	a := app.NewWithID("com.returndesk.hello")
	w := a.NewWindow("Hello")
	w.SetMaster()
	w.SetContent(widget.NewLabel("Hello, world"))
	w.Resize(fyne.NewSize(1280, 760)) // ReturnDesk's main window size
	if probe.Mode() != "" {
		probe.QuitAfterFirstFrame(frame.Watch(w))
	}
	w.CenterOnScreen()
	w.ShowAndRun()
}
