package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeLocked reports whether another connection holds the database's write lock: it tries
// BEGIN IMMEDIATE without waiting and gives the lock straight back.
func writeLocked(t *testing.T, probe *sql.DB) bool {
	t.Helper()
	_, err := probe.Exec("BEGIN IMMEDIATE")
	if err == nil {
		if _, err := probe.Exec("ROLLBACK"); err != nil {
			t.Fatal(err)
		}
		return false
	}
	if !strings.Contains(err.Error(), "locked") && !strings.Contains(err.Error(), "busy") {
		t.Fatalf("probing the write lock: %v", err)
	}
	return true
}

// TestImportLocksNobodyOut imports 500,000 sales records and meanwhile runs `case list`,
// which must answer within a second throughout, also while the import holds the write
// lock, and `case add`, which must wait for the lock (saying so) instead of failing.
// Afterwards every record is there.
func TestImportLocksNobodyOut(t *testing.T) {
	t.Parallel()
	const rows = 500_000
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	copyDB(t, demoTemplate(t, 5), db)
	file := salesFile(t, dir, "LOCK", "csv", rows)

	probe, err := sql.Open("sqlite3", "file:"+db+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer probe.Close()
	probe.SetMaxOpenConns(1)

	imp := exec.Command(testBinary(t), "import", "sales", file, "--db", db)
	var impOut, impErr bytes.Buffer
	imp.Stdout, imp.Stderr = &impOut, &impErr
	start := time.Now()
	if err := imp.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { imp.Wait(); close(done) }()
	running := func() bool {
		select {
		case <-done:
			return false
		default:
			return true
		}
	}
	defer func() {
		if running() {
			imp.Process.Kill()
			<-done
		}
	}()

	var lists, listsLocked int
	var slowest time.Duration
	var lockSeen [2]time.Duration // when the lock was first and last seen held
	var add chan caseAddResult    // the case add started while the import held the lock
	for running() {
		lockedBefore := writeLocked(t, probe)
		began := time.Now()
		if lockedBefore {
			if lockSeen[0] == 0 {
				lockSeen[0] = began.Sub(start)
			}
			lockSeen[1] = began.Sub(start)
		}
		_, stderr, code := runBinary(t, nil, "case", "list", "--db", db, "--limit", "5")
		took := time.Since(began)
		if code != 0 {
			t.Fatalf("case list during the import (after %v): exit %d: %s", began.Sub(start), code, stderr)
		}
		if took > time.Second {
			t.Fatalf("case list during the import (after %v) took %v: it waited for the import", began.Sub(start), took)
		}
		lists++
		slowest = max(slowest, took)
		// It ran while the import held the lock when the lock was held before and after it
		// and the import had not ended.
		if lockedBefore && writeLocked(t, probe) && running() {
			listsLocked++
			if add == nil {
				add = startCaseAdd(t, db)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if imp.ProcessState.ExitCode() != 0 {
		t.Fatalf("import: exit %d: %s", imp.ProcessState.ExitCode(), impErr.String())
	}
	if want := fmt.Sprintf("imported %d sales records from %s\n", rows, filepath.Base(file)); impOut.String() != want {
		t.Fatalf("import printed %q, want %q", impOut.String(), want)
	}
	t.Logf("import took %v, the write lock seen held from %v to %v; %d case lists during it (%d while it held the write lock), the slowest %v",
		time.Since(start), lockSeen[0], lockSeen[1], lists, listsLocked, slowest)
	if listsLocked == 0 || add == nil {
		t.Fatalf("no case list or case add ran while the import held the write lock (%d lists in all)", lists)
	}
	r := <-add
	if r.code != 0 {
		t.Fatalf("case add while the import held the write lock: exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, `"case_no"`) {
		t.Fatalf("case add printed %q", r.stdout)
	}
	// It waited for the lock; when it waited a second or more it said so, in one line.
	if want := "returndesk: waiting for another ReturnDesk to finish writing (an import)…\n"; r.stderr != "" && r.stderr != want {
		t.Errorf("case add said %q on stderr, want nothing or %q", r.stderr, want)
	}
	t.Logf("case add took %v and said %q", r.took, r.stderr)

	inspect(t, db, "after the import", func(sdb *sql.DB) {
		if n := queryInt(t, sdb, "after the import", `SELECT count(*) FROM sales WHERE serial LIKE 'LOCK-%'`); n != rows {
			t.Fatalf("%d of the file's %d records are stored", n, rows)
		}
		if n := queryInt(t, sdb, "after the import", `SELECT count(*) FROM cases WHERE serial = 'LOCK-CASE-1'`); n != 1 {
			t.Fatalf("the case added during the import is stored %d times", n)
		}
	})
}

type caseAddResult struct {
	stdout, stderr string
	code           int
	took           time.Duration
}

// startCaseAdd runs `case add` in the background; its result comes on the channel.
func startCaseAdd(t *testing.T, db string) chan caseAddResult {
	out := make(chan caseAddResult, 1)
	go func() {
		began := time.Now()
		cmd := exec.Command(testBinary(t), "case", "add", "--db", db, "--serial", "LOCK-CASE-1",
			"--model", "HT-CAM5", "--purchased", repairPurchase().Format("2006-01-02"), "--customer", "王芳",
			"--fault", "无法开机", "--json")
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		r := caseAddResult{stdout: o.String(), stderr: e.String(), took: time.Since(began)}
		if err != nil {
			r.code = -1
			if ee, ok := err.(*exec.ExitError); ok {
				r.code = ee.ExitCode()
			} else {
				r.stderr += err.Error()
			}
		}
		out <- r
	}()
	return out
}
