// Package testenv says what a test needs from the machine (an outside tool, a display, root,
// minutes of time) and skips the test where that is missing; under CI=true (and in `make test`)
// a missing need fails the test instead, so nothing is skipped there.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
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

// Xvfb starts a virtual X display (1366×800) for one test, on the first free display
// number from first on (each package its own range, so packages tested at once never
// share one), stops it when the test ends and returns its name.
func Xvfb(t testing.TB, first int) string {
	t.Helper()
	Display(t)
	for n := first; n < first+60; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		x := exec.Command("Xvfb", display, "-screen", "0", "1366x800x24", "-nolisten", "tcp")
		if err := x.Start(); err != nil {
			t.Fatal(err)
		}
		// SIGTERM, not SIGKILL: Xvfb then removes its lock and socket, so the display
		// number is free again for the next run.
		t.Cleanup(func() {
			x.Process.Signal(syscall.SIGTERM)
			done := make(chan struct{})
			go func() { x.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				x.Process.Kill()
				<-done
				os.Remove(fmt.Sprintf("/tmp/.X%d-lock", n))
				os.Remove(fmt.Sprintf("/tmp/.X11-unix/X%d", n))
			}
		})
		for i := 0; i < 50; i++ {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return display
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("Xvfb %s did not start", display)
	}
	t.Fatal("no free X display number")
	return ""
}

// Run runs an outside program (see Tool) and returns what it printed on its standard output;
// a failure is fatal and shows what it printed on both.
func Run(t testing.TB, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(Tool(t, name), args...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}
