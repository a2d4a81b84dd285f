//go:build !unix

package sqlite

// processAlive cannot tell here; a note left by a killed writer then still names it.
func processAlive(pid int) bool { return pid > 0 }
