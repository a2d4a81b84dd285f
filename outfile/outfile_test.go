//go:build unix

package outfile_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"returndesk/model"
	"returndesk/outfile"
)

func TestCheckRefusesWhatMustNotBeWritten(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	db := filepath.Join(data, "returndesk.db")
	mkdir(t, filepath.Join(data, "backups"))
	write(t, db, "SQLite format 3\x00 the shop")
	write(t, db+"-wal", "wal")
	write(t, filepath.Join(data, "backups", "old.rdbak"), "SQLite format 3\x00 old")
	write(t, filepath.Join(data, "notes.txt"), "beside the database")
	elsewhere := filepath.Join(dir, "out")
	mkdir(t, elsewhere)
	write(t, filepath.Join(elsewhere, "other.db"), "SQLite format 3\x00 another shop")
	write(t, filepath.Join(elsewhere, "old.pdf"), "%PDF an old slip")
	if err := os.Symlink(db, filepath.Join(elsewhere, "link.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(db, filepath.Join(elsewhere, "hard.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(elsewhere, "fifo.pdf"), 0o600); err != nil {
		t.Fatal(err)
	}
	g := outfile.Guard{DB: db}
	for _, tc := range []struct {
		path string
		want string // part of the refusal; "" for allowed
	}{
		{db, "database's own file"},
		{db + "-wal", "database's own file"},
		{db + "-shm", "database's own file"}, // absent now, but SQLite would take it for the database's
		{db + "-journal", "database's own file"},
		{filepath.Join(data, ".", "returndesk.db"), "database's own file"},
		{filepath.Join(data, "backups", "old.rdbak"), "in ReturnDesk's data folder and already exists"},
		{filepath.Join(data, "backups", "new.rdbak"), ""},
		{filepath.Join(data, "notes.txt"), "already exists"},
		{filepath.Join(elsewhere, "link.pdf"), "database's own file"},
		{filepath.Join(elsewhere, "hard.pdf"), "database's own file"},
		{filepath.Join(elsewhere, "other.db"), "database or a ReturnDesk backup"},
		{filepath.Join(elsewhere, "fifo.pdf"), "a named pipe (FIFO), not a file"},
		{elsewhere, "a folder, not a file"},
		{"/dev/full", "a device, not a file"},
		{"/dev/null", "a device, not a file"},
		{filepath.Join(dir, "missing", "x.pdf"), "does not exist"},
		{"  ", "no file given"},
		{filepath.Join(data, "slip.pdf"), ""},
		{filepath.Join(elsewhere, "old.pdf"), ""},
		{filepath.Join(elsewhere, "new.xlsx"), ""},
	} {
		err := g.Check(tc.path)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("Check(%s) = %v, want allowed", tc.path, err)
		case tc.want != "" && err == nil:
			t.Errorf("Check(%s) allowed, want refused with %q", tc.path, tc.want)
		case tc.want != "" && (!strings.Contains(err.Error(), tc.want) || model.ErrorCode(err) != model.EINVALID):
			t.Errorf("Check(%s) = %v (%s), want EINVALID with %q", tc.path, err, model.ErrorCode(err), tc.want)
		}
	}
	// Without a database, devices and databases are still refused.
	if err := (outfile.Guard{}).Check(filepath.Join(elsewhere, "other.db")); err == nil {
		t.Error("the zero Guard allowed writing over a database")
	}
}

func TestWriteReplacesWholeOrLeavesAlone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "slip.pdf")
	write(t, path, "old")
	if err := outfile.WriteBytes(path, outfile.Guard{}, 0o644, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file holds %q, want new", b)
	}
	failing := func(f *os.File) error {
		f.Write([]byte("half"))
		return model.Invalid("case", "no such case")
	}
	if err := outfile.Write(path, outfile.Guard{}, 0o644, failing); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("a failed fill returned %v, want its own error", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("after a failed write the file holds %q, want it unchanged", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a failed write left files behind: %v", entries)
	}
	if err := outfile.WriteBytes("/dev/full", outfile.Guard{}, 0o644, []byte("x")); err == nil {
		t.Error("WriteBytes wrote to /dev/full")
	}
	if fi, err := os.Stat("/dev/full"); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/full is no longer a device: %v %v", fi.Mode(), err)
	}
}

// Create never replaces a file, leaves nothing behind when its write fails, and gives the
// file the mode asked for (photos and backups are their owner's only).
func TestCreateNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "photo.jpg")
	if err := outfile.CreateBytes(path, 0o600, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file holds %q, want new", b)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v (%v), want 0600", fi.Mode(), err)
	}
	if err := outfile.CreateBytes(path, 0o600, []byte("other")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("a second Create returned %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("a refused Create changed the file to %q", b)
	}
	other := filepath.Join(dir, "other.jpg")
	failing := func(f *os.File) error {
		f.Write([]byte("half"))
		return errors.New("the disk went away")
	}
	if err := outfile.Create(other, 0o600, failing); err == nil {
		t.Error("a failed fill returned no error")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed Create left files behind: %v", entries)
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
