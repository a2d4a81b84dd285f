// Package testenv says what a test needs from the machine (an outside tool, a display, root,
// minutes of time) and skips the test where that is missing; under CI=true (and in `make test`)
// a missing need fails the test instead, so nothing is skipped there.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Strict reports whether every need must be met: CI=true, as `make test` and .ci/run set it.
func Strict() bool { return os.Getenv("CI") == "true" }

// without skips t for lack of what (or fails it under Strict), saying how to get it.
func without(t testing.TB, what, hint string) {
	t.Helper()
	if Strict() {
		t.Fatalf("CI=true but this test lacks %s (%s)", what, hint)
	}
	t.Skipf("skipped: needs %s (%s)", what, hint)
}

// Tool returns the path of an outside program the test runs.
func Tool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		without(t, name, "make deps-test installs it")
	}
	return path
}

// Python returns a python3 that can import openpyxl, the outside reader of our workbooks.
func Python(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import openpyxl").Run() == nil {
			return path
		}
	}
	without(t, "python3 with openpyxl", "make deps-test installs python3-openpyxl")
	return ""
}

// Display needs what a real-window test drives: Xvfb and xdotool.
func Display(t testing.TB) {
	t.Helper()
	Tool(t, "Xvfb")
	Tool(t, "xdotool")
}

// Root needs the superuser (to mount a small disk, to run as another user).
func Root(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		without(t, "root", "it mounts a file system or changes user; make test runs as root in CI")
	}
}

// Slow marks a test that takes minutes or runs the real binary many times (kill loops,
// end-to-end runs): on a laptop it runs only under CI=true or RETURNDESK_SLOW=1.
func Slow(t testing.TB, what string) {
	t.Helper()
	if Strict() || os.Getenv("RETURNDESK_SLOW") == "1" {
		return
	}
	t.Skipf("skipped: slow (%s); run with RETURNDESK_SLOW=1 or make test", what)
}
