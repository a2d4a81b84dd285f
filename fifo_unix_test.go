//go:build unix

package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestImportsRefuseAFIFO gives every command that reads a file the user names a FIFO that
// nobody writes to: each refuses it in one line with exit status 2, within seconds, instead
// of waiting for a writer forever. A time limit turns a hang into a failure.
func TestImportsRefuseAFIFO(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	copyDB(t, demoTemplate(t, 0), db)
	fifo := func(name string) string {
		p := filepath.Join(dir, name)
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, args := range [][]string{
		{"import", "sales", fifo("sales.csv")},
		{"import", "sales", fifo("sales.xlsx")},
		{"claim", "import", fifo("answers.xlsx")},
		{"restore", fifo("shop.rdbak")},
	} {
		name := strings.Join(args[:len(args)-1], " ") + " " + filepath.Base(args[len(args)-1])
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, testBinary(t), append(args, "--db", db)...)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			start := time.Now()
			err := cmd.Run()
			if ctx.Err() != nil {
				t.Fatalf("%v still ran after %v: it waits on the FIFO", args, time.Since(start))
			}
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			stderr := errb.String()
			if code != 2 || !strings.Contains(stderr, "is a named pipe (FIFO), not a file") || strings.Count(stderr, "\n") != 1 {
				t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line saying it is a named pipe", args, code, stderr)
			}
		})
	}
}
