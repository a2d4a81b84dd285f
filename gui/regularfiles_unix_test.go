//go:build unix

package gui

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// The file dialogs open the chosen file through the file repository; with
// onlyRegularFiles a FIFO is refused at once instead of freezing the window.
func TestFileDialogsRefuseAFIFO(t *testing.T) {
	test.NewTempApp(t)
	onlyRegularFiles()
	dir := t.TempDir()
	file := filepath.Join(dir, "logo.png")
	if err := os.WriteFile(file, []byte("png"), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "sales.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	open := func(path string) (fyne.URIReadCloser, error) {
		type result struct {
			r   fyne.URIReadCloser
			err error
		}
		done := make(chan result, 1)
		go func() {
			r, err := storage.Reader(storage.NewFileURI(path))
			done <- result{r, err}
		}()
		select {
		case res := <-done:
			return res.r, res.err
		case <-time.After(5 * time.Second):
			t.Fatalf("opening %s still waits after 5 s", filepath.Base(path))
			return nil, nil
		}
	}

	r, err := open(file)
	if err != nil {
		t.Fatalf("a regular file: %v", err)
	}
	data, err := io.ReadAll(r)
	r.Close()
	if err != nil || string(data) != "png" || r.URI().Path() != file {
		t.Fatalf("read %q, %v from %s", data, err, r.URI())
	}

	if r, err := open(fifo); err == nil {
		r.Close()
		t.Fatal("the FIFO was opened")
	} else if want := "sales.csv: this is a named pipe (FIFO), not a file"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if ok, _ := storage.CanRead(storage.NewFileURI(fifo)); ok {
		t.Error("CanRead is true for a FIFO")
	}
}
