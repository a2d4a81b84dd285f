package dbchoice

import (
	"os"
	"path/filepath"
	"testing"
)

// The choice is kept in a file only its owner reads (it may hold a password), read back
// as it was saved, and cleared back to none.
func TestSaveReadClear(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "returndesk")
	if got := Read(dir); got != "" {
		t.Fatalf("no choice yet, read %q", got)
	}
	url := "postgres://counter:secret@192.168.1.10:5432/shop"
	if err := Save(dir, "  "+url+"\n"); err != nil {
		t.Fatal(err)
	}
	if got := Read(dir); got != url {
		t.Errorf("read %q, want %q", got, url)
	}
	fi, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the choice's file: %v, %v", fi.Mode(), err)
	}
	if err := Clear(dir); err != nil || Read(dir) != "" {
		t.Errorf("after Clear: %q, %v", Read(dir), err)
	}
	if err := Clear(dir); err != nil {
		t.Errorf("clearing twice: %v", err)
	}
}
