package sqlite_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"returndesk/internal/testenv"
	"returndesk/model"
	"returndesk/model/sqlite"
)

// readOnlyDisk mounts a small tmpfs at a new folder, lets fill write into it, then makes it
// read-only, as a write-protected stick or a share mounted read-only is. Mounting needs
// root: elsewhere the test is skipped, except under CI, where it must run.
func readOnlyDisk(t *testing.T, fill func(dir string)) string {
	t.Helper()
	testenv.Root(t)
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=32M", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Fatalf("cannot mount a tmpfs (needed for the read-only disk): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	fill(dir)
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v %s", err, out)
	}
	return dir
}

// TestReadOnlyDatabaseOpensForReading opens a database on a read-only disk: it can be
// read, every change is refused with EREADONLY, and no file changes.
func TestReadOnlyDatabaseOpensForReading(t *testing.T) {
	var path string
	dir := readOnlyDisk(t, func(dir string) {
		path = filepath.Join(dir, "returndesk.db")
		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		f := seed(t, db)
		mustCreate(t, db, f.NewCase("SN-RO-1"))
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	})
	before, _ := os.ReadFile(path)
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("a database on a read-only disk does not open: %v", err)
	}
	defer db.Close()
	if db.ReadOnly() == "" {
		t.Error("ReadOnly() is empty for a database on a read-only disk")
	}
	cases, _, err := db.FindCases(ctx, model.CaseFilter{})
	if err != nil || len(cases) != 1 {
		t.Fatalf("FindCases = %+v, %v", cases, err)
	}
	err = db.CreateCustomer(ctx, &model.Customer{Name: "李娜"})
	wantCode(t, err, model.EREADONLY)
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the read-only database changed")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files on the read-only disk: %v", entries)
	}
	if d := sqlite.Diagnose(ctx, path); d.Trouble != sqlite.TroubleReadOnly {
		t.Errorf("Diagnose = %+v, want read-only", d)
	}
}
