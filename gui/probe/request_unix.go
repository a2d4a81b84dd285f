//go:build unix

package probe

import (
	"os"
	"os/signal"
	"syscall"
)

// RequestSignal asks the widgets mode for a report at once, PaintedSignal for one once the
// next frame is on screen.
var RequestSignal, PaintedSignal os.Signal = syscall.SIGUSR1, syscall.SIGUSR2

func requests() <-chan os.Signal {
	c := make(chan os.Signal, 2)
	signal.Notify(c, RequestSignal, PaintedSignal)
	return c
}
