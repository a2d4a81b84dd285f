package sqlite_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/model/sqlite"
)

// holdWriteLock takes the write lock of the database file from another connection, as a
// long import in another process does, and keeps it until the test ends.
func holdWriteLock(t *testing.T, path string) {
	t.Helper()
	raw := rawDB(t, path)
	raw.SetMaxOpenConns(1)
	tx, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback() })
	// An uncommitted write makes the lock a real writer's: a reader must see past it.
	if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES ('writelock-test', 'x')`); err != nil {
		t.Fatal(err)
	}
}

// Opening a database that is up to date, and reading it, must not wait for a writer:
// `case list` answers while an import holds the write lock.
func TestOpenAndListTakeNoWriteLock(t *testing.T) {
	db, _, path := openTest(t)
	seed(t, db)
	if err := intake.EnsurePresets(ctx, db); err != nil {
		t.Fatal(err)
	}
	db.Close()
	holdWriteLock(t, path)

	start := time.Now()
	db2, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("Open while another connection writes: %v", err)
	}
	defer db2.Close()
	if _, _, err := db2.FindCases(ctx, model.CaseFilter{Limit: 10}); err != nil {
		t.Fatalf("FindCases while another connection writes: %v", err)
	}
	// What the command line does after opening: the presets are there, so nothing is written.
	if err := intake.EnsurePresets(ctx, db2); err != nil {
		t.Fatalf("EnsurePresets while another connection writes: %v", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Fatalf("Open and list took %v while another connection held the write lock: they waited for it", took)
	}
}

// waitingWrite creates a customer on db in the background, collecting what db says while
// it waits; the result comes on the channel when the write is done.
func waitingWrite(db *sqlite.DB) (said *[]string, done chan error) {
	var lines []string
	var mu sync.Mutex
	db.OnWait = func(line string) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, line)
	}
	done = make(chan error, 1)
	go func() { done <- db.CreateCustomer(ctx, &model.Customer{Name: "等锁的客户"}) }()
	return &lines, done
}

// A writer waits for the lock as long as the holder works, says once what it waits for,
// and then writes.
func TestWriterWaitsForTheLockAndSaysSo(t *testing.T) {
	db, _, path := openTest(t)
	raw := rawDB(t, path)
	raw.SetMaxOpenConns(1)
	holder, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback()
	if _, err := holder.Exec(`INSERT INTO settings (key, value) VALUES ('holder', 'x')`); err != nil {
		t.Fatal(err)
	}
	// The note a ReturnDesk import leaves while it holds the lock.
	if err := os.WriteFile(sqlite.WritingNote(path), []byte(fmt.Sprintf("%d an import\n", os.Getpid())), 0o600); err != nil {
		t.Fatal(err)
	}

	said, done := waitingWrite(db)
	time.Sleep(2 * time.Second) // the wait is told after 1 s
	select {
	case err := <-done:
		t.Fatalf("the write finished while another connection held the lock: %v", err)
	default:
	}
	if err := holder.Commit(); err != nil {
		t.Fatal(err)
	}
	os.Remove(sqlite.WritingNote(path))
	if err := <-done; err != nil {
		t.Fatalf("the write failed instead of waiting: %v", err)
	}
	want := []string{"waiting for another ReturnDesk to finish writing (an import)…"}
	if !slices.Equal(*said, want) {
		t.Errorf("while waiting the writer said %q, want %q", *said, want)
	}
}

// A holder that keeps writing is waited for however long it takes; one that writes
// nothing for stuckAfter is given up on with a message that says why.
func TestWriterGivesUpOnlyOnAStuckLock(t *testing.T) {
	defer sqlite.SetLockWaits(200*time.Millisecond, 1500*time.Millisecond)()
	db, _, path := openTest(t)
	raw := rawDB(t, path)
	raw.SetMaxOpenConns(1)
	if _, err := raw.Exec(`PRAGMA cache_size = 10`); err != nil { // a small cache spills writes to the WAL
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE filler (b BLOB)`); err != nil {
		t.Fatal(err)
	}

	// Working: the holder writes for twice stuckAfter before it commits. Its first write
	// comes before the waiting write starts: a deferred BEGIN takes the lock only then.
	holder, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := holder.Exec(`INSERT INTO filler VALUES (zeroblob(100000))`); err != nil {
		t.Fatal(err)
	}
	said, done := waitingWrite(db)
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if _, err := holder.Exec(`INSERT INTO filler VALUES (zeroblob(100000))`); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case err := <-done:
		t.Fatalf("the write ended while the holder was still writing: %v", err)
	default:
	}
	if err := holder.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("the write gave up on a holder that was writing: %v", err)
	}
	if want := []string{"waiting for another program to finish writing to the database…"}; !slices.Equal(*said, want) {
		t.Errorf("while waiting the writer said %q, want %q", *said, want)
	}

	// Stuck: the holder takes the lock and does nothing.
	holder, err = raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback()
	if _, err := holder.Exec(`INSERT INTO filler VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	_, done = waitingWrite(db)
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the write still waits for a lock held by a holder that does nothing")
	}
	took := time.Since(began)
	wantCode(t, err, model.EINTERNAL)
	if msg := model.ErrorMessage(err); !strings.Contains(msg, "gave up waiting") || !strings.Contains(msg, "another program") {
		t.Errorf("message %q", msg)
	}
	if took < 1500*time.Millisecond {
		t.Errorf("gave up after %v, before the holder had been stuck for 1.5 s", took)
	}
}
