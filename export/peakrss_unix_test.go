//go:build unix

package export

import "syscall"

// processPeakKB is the whole process's peak resident set size (getrusage; kB on Linux).
func processPeakKB() (int64, error) {
	var ru syscall.Rusage
	err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return int64(ru.Maxrss), err
}
