// Package probe tells a benchmark, on stdout, when a window has painted: it times an app's
// start from outside the process. In the widgets mode it tells an end-to-end test, in a file,
// where the window's buttons and texts are, so that the test can click them with the real
// mouse. It does nothing unless the environment asks for it.
package probe

import (
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"

	"returndesk/gui/frame"
)

// Env is the environment variable that turns the probe on; its value is the mode.
const Env = "RETURNDESK_PROBE"

// The modes a benchmark can ask for.
const (
	FirstFrame = "first-frame" // report the window's first frame, then quit
	Cases      = "cases"       // also open the Cases screen and report when its first page has painted
	Widgets    = "widgets"     // write what the window shows to FileEnv's file, after start and on each request
)

// FileEnv names the file the widgets mode writes to.
const FileEnv = "RETURNDESK_PROBE_FILE"

// Prefix starts every line the probe prints, so that a reader can tell it from other output.
const Prefix = "probe: "

// Mode is the probe the environment asks for, "" for none.
func Mode() string { return os.Getenv(Env) }

// Report prints one line for event with its facts ("rows=100"), as a benchmark reads it.
func Report(event string, facts ...string) {
	fmt.Fprintln(os.Stdout, Prefix+strings.Join(append([]string{event}, facts...), " "))
}

// QuitAfterFirstFrame reports the first frame m sees and quits the app: the first-frame mode.
func QuitAfterFirstFrame(m *frame.Marker) {
	m.AfterNextFrame(func() {
		Report(FirstFrame)
		fyne.CurrentApp().Quit()
	})
}
