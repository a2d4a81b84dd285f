//go:build unix

package outfile

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"returndesk/model"
)

// OpenInput opens regular files only, and refuses anything else in one line without
// waiting: a FIFO nobody writes to must not hang the open.
func TestOpenInputTakesRegularFilesOnly(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sales.csv")
	if err := os.WriteFile(file, []byte("serial,model\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.csv")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	link := filepath.Join(dir, "link.csv") // a link to a FIFO is judged by the FIFO
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	// A FIFO put in place of the file between the look at the name and the open.
	swapped := filepath.Join(dir, "swapped.csv")
	if err := syscall.Mkfifo(swapped, 0o600); err != nil {
		t.Fatal(err)
	}
	statInput = func(path string) (os.FileInfo, error) {
		if path == swapped {
			return os.Stat(file)
		}
		return os.Stat(path)
	}
	defer func() { statInput = os.Stat }()

	for _, tc := range []struct {
		name, path, want string
	}{
		{"regular file", file, ""},
		{"missing", filepath.Join(dir, "missing.csv"), "no such file"},
		{"folder", dir, "this is a folder, not a file"},
		{"FIFO", fifo, "this is a named pipe (FIFO), not a file"},
		{"link to a FIFO", link, "this is a named pipe (FIFO), not a file"},
		{"FIFO swapped in after the look", swapped, "this is a named pipe (FIFO), not a file"},
		{"socket", sock, "this is a socket, not a file"},
		{"device", os.DevNull, "this is a device, not a file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			type result struct {
				f   *os.File
				err error
			}
			done := make(chan result, 1)
			go func() {
				f, _, err := OpenInput(tc.path)
				done <- result{f, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(5 * time.Second):
				t.Fatalf("OpenInput(%s) still waits after 5 s", tc.name)
			}
			if tc.want == "" {
				if r.err != nil {
					t.Fatalf("OpenInput: %v", r.err)
				}
				r.f.Close()
				return
			}
			if r.err == nil {
				r.f.Close()
				t.Fatalf("OpenInput opened %s", tc.name)
			}
			if model.ErrorCode(r.err) != model.EINVALID || model.ErrorMessage(r.err) != tc.want || strings.Contains(r.err.Error(), "\n") {
				t.Errorf("error %q (%s), want %q (%s)", r.err, model.ErrorCode(r.err), tc.want, model.EINVALID)
			}
		})
	}
}
