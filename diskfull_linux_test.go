//go:build linux

package main

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"returndesk/internal/testenv"
	"strings"
	"syscall"
	"testing"
)

// smallDisk mounts a tmpfs of size MB at a new folder and unmounts it when the test ends.
// It needs root (testenv.Root).
func smallDisk(t *testing.T, mb int) string {
	t.Helper()
	testenv.Root(t)
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%dM", mb), "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("cannot mount a %d MB tmpfs to fill up: mount: %v: %s", mb, err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// freeBytes is the space left for files on the file system holding dir.
func freeBytes(t *testing.T, dir string) int64 {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	return int64(st.Bavail) * st.Bsize
}

// fill writes a file into dir until only leave bytes are free (or none, when the last
// write comes up short).
func fill(t *testing.T, dir, name string, leave int64) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for {
		n := min(freeBytes(t, dir)-leave, int64(len(chunk)))
		if n <= 0 {
			return
		}
		if _, err := f.Write(chunk[:n]); errors.Is(err, syscall.ENOSPC) {
			return
		} else if err != nil {
			t.Fatal(err)
		}
	}
}

// TestDiskFullIsAFailureOfTheMachine puts the database on a small tmpfs and fills it: an
// import that does not fit is refused in one line that says the disk is full and that
// nothing was imported, with exit status 1 (not 2, bad input), and leaves the database as
// it was; case add, claim create, backup and slip say the same of themselves on a full disk.
func TestDiskFullIsAFailureOfTheMachine(t *testing.T) {
	t.Parallel()
	disk := smallDisk(t, 3)
	db := filepath.Join(disk, "shop.db")
	copyDB(t, demoTemplate(t, 5), db)
	file := salesFile(t, t.TempDir(), "FULL", "csv", 20000) // about 2 MB of pages: more than is left

	// An open connection keeps the WAL index (-shm) in place, as the window does, so that
	// the commands below fail writing, not opening.
	holder, err := sql.Open("sqlite3", "file:"+db+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	holder.SetMaxOpenConns(1)
	count := func(where, query string) int { return queryInt(t, holder, where, query) }
	const salesQ, customersQ = `SELECT count(*) FROM sales`, `SELECT count(*) FROM customers`
	sales, customers := count("before", salesQ), count("before", customersQ)

	fail := func(what, want string, args ...string) {
		t.Helper()
		_, stderr, code := runBinary(t, nil, append(args, "--db", db)...)
		if code != 1 || !strings.Contains(stderr, "the disk is full") || !strings.Contains(stderr, want) ||
			strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s on a full disk: exit %d, stderr %q; want exit 1 and one line saying the disk is full and %q",
				what, code, stderr, want)
		}
		t.Logf("%s: exit %d: %s", what, code, strings.TrimSpace(stderr))
	}
	unchanged := func(where string) {
		t.Helper()
		if got := strings.Join(queryStrings(t, holder, where, "PRAGMA integrity_check"), "; "); got != "ok" {
			t.Fatalf("%s: integrity_check: %s", where, got)
		}
		if s, c := count(where, salesQ), count(where, customersQ); s != sales || c != customers {
			t.Fatalf("%s: %d sales records and %d customers, were %d and %d", where, s, c, sales, customers)
		}
	}

	fill(t, disk, "filler", 256<<10)
	fail("import sales", "nothing was imported", "import", "sales", file)
	unchanged("after the import")

	// Completely full, with an empty WAL: every write needs new space.
	if _, err := holder.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	fill(t, disk, "filler2", 0)
	fail("case add", "the case was not saved", "case", "add", "--serial", "FULL-1", "--model", "HT-CAM5",
		"--purchased", repairPurchase().Format("2006-01-02"), "--customer", "王芳", "--fault", "无法开机")
	fail("claim create", "no claim was created", "claim", "create", "--manufacturer", "EleTrek")
	fail("backup", "backup to", "backup", "--out", filepath.Join(disk, "shop.rdbak"))
	caseNo := queryStrings(t, holder, "slip", `SELECT case_no FROM cases ORDER BY id LIMIT 1`)[0]
	fail("slip", "cannot write", "slip", caseNo, "--out", filepath.Join(disk, "slip.pdf"))
	unchanged("after the other writers")
	for _, name := range []string{"shop.rdbak", "slip.pdf"} {
		if _, err := os.Stat(filepath.Join(disk, name)); err == nil {
			t.Errorf("%s is there after its writer failed", name)
		}
	}

	// With room again the same import goes through: nothing of the failed one was left behind.
	for _, name := range []string{"filler", "filler2"} {
		os.Remove(filepath.Join(disk, name))
	}
	if _, stderr, code := runBinary(t, nil, "import", "sales", file, "--db", db); code != 0 {
		t.Fatalf("import with room on the disk: exit %d: %s", code, stderr)
	}
	if got := count("after the second import", salesQ); got != sales+20000 {
		t.Fatalf("%d sales records after the second import, want %d", got, sales+20000)
	}
}
