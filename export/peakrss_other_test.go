//go:build !unix

package export

import (
	"fmt"
	"runtime"
)

// processPeakKB has no getrusage to ask outside Unix.
func processPeakKB() (int64, error) {
	return 0, fmt.Errorf("no getrusage on %s", runtime.GOOS)
}
