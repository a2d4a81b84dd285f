//go:build !unix

package probe

import "os"

// RequestSignal and PaintedSignal are nil where there is no SIGUSR1: the widgets mode then
// reports once, after start.
var RequestSignal, PaintedSignal os.Signal

func requests() <-chan os.Signal { return nil }
