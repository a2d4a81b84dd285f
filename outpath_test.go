package main

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputsNeverOverwriteTheDatabase gives every command that writes a file an output
// path onto the database, its companion files, a device, a folder or another backup: each
// is refused with exit 2 and one line, and the database and the device are as they were.
func TestOutputsNeverOverwriteTheDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if _, stderr, code := runBinary(t, nil, "demo", "--db", db, "--cases", "60"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	if _, stderr, code := runBinary(t, nil, "claim", "create", "--manufacturer", "EleTrek", "--db", db); code != 0 {
		t.Fatalf("claim create: exit %d: %s", code, stderr)
	}
	other := filepath.Join(t.TempDir(), "other.rdbak")
	if _, stderr, code := runBinary(t, nil, "backup", "--db", db, "--out", other); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr)
	}
	before := fileSum(t, db)
	otherBefore := fileSum(t, other)
	listBefore, _, _ := runBinary(t, nil, "case", "list", "--json", "--limit", "1000", "--db", db)

	// A device and a backup under names that pass the claim sheet's .xlsx check.
	dev, sheetBackup := filepath.Join(dir, "device.xlsx"), filepath.Join(t.TempDir(), "backup.xlsx")
	if err := os.Symlink("/dev/full", dev); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(other, sheetBackup); err != nil {
		t.Fatal(err)
	}
	onto := []string{db, db + "-wal", db + "-shm", filepath.Join(dir, "..", filepath.Base(dir), "shop.db"), "/dev/full", dir, other}
	for _, tc := range []struct {
		args    []string
		targets []string
	}{
		{[]string{"slip", "RMA-2026-000001", "--db", db, "--out"}, onto},
		{[]string{"label", "RMA-2026-000001", "--db", db, "--out"}, onto},
		{[]string{"backup", "--db", db, "--out"}, onto},
		{[]string{"claim", "export", "CLM-2026-0001", "--db", db, "--out"}, append(onto, dev, sheetBackup)},
	} {
		for _, target := range tc.targets {
			stdout, stderr, code := runBinary(t, nil, append(tc.args, target)...)
			if code != 2 || stdout != "" || stderr == "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("%s %s: exit %d, stdout %q, stderr %q; want exit 2 and one line", strings.Join(tc.args, " "), target,
					code, stdout, stderr)
			}
		}
	}
	if fileSum(t, db) != before {
		t.Error("the database file changed")
	}
	if fileSum(t, other) != otherBefore {
		t.Error("the other backup changed")
	}
	if fi, err := os.Stat("/dev/full"); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/full is no longer a device: %v %v", fi.Mode(), err)
	}
	if listAfter, _, _ := runBinary(t, nil, "case", "list", "--json", "--limit", "1000", "--db", db); listAfter != listBefore {
		t.Error("the cases changed")
	}
	// A plain new file next to the database is still fine.
	if _, stderr, code := runBinary(t, nil, "slip", "RMA-2026-000001", "--db", db, "--out", filepath.Join(dir, "slip.pdf")); code != 0 {
		t.Errorf("slip to a new file beside the database: exit %d: %s", code, stderr)
	}
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
