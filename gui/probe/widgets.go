package probe

import (
	"encoding/json"
	"fmt"
	"os"

	"fyne.io/fyne/v2"

	"returndesk/gui/frame"
	"returndesk/outfile"
)

// ServeWidgets is the widgets mode: it writes report's JSON to the file FileEnv names once m
// has drawn the first frame, and again each time the process receives RequestSignal (on the
// UI thread, at once: waiting for a frame would cost a whole software-rendered frame per
// report) or PaintedSignal (once the next frame is on screen: what it reports is drawn, for
// a screenshot). seq counts the reports from 1, so that a reader can tell a new one from the
// last; painted says which kind it is. Each report replaces the file whole (a temporary file
// renamed): a reader never sees half of one. Call it on the UI thread.
func ServeWidgets(m *frame.Marker, report func(seq int, painted bool) any) {
	path := os.Getenv(FileEnv)
	if path == "" {
		fmt.Fprintf(os.Stderr, "probe: %s=%s needs %s, the file to write to\n", Env, Widgets, FileEnv)
		return
	}
	seq := 0
	write := func(painted bool) {
		seq++
		if err := writeFile(path, report(seq, painted)); err != nil {
			fmt.Fprintln(os.Stderr, "probe:", err)
		}
	}
	m.AfterNextFrame(func() {
		write(true)
		requests := requests() // only once the first report says that the app is listening
		go func() {
			for sig := range requests {
				if sig == PaintedSignal {
					fyne.Do(func() { m.AfterNextFrame(func() { write(true) }) })
				} else {
					fyne.Do(func() { write(false) })
				}
			}
		}()
	})
}

func writeFile(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return outfile.WriteBytes(path, outfile.Guard{}, 0o600, b)
}
