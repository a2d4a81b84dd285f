package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"returndesk/internal/shoptest"
	"returndesk/model/sqlite"
	"returndesk/model/storetest"
)

var ctx = context.Background()

// The fixture, its clock and the checks are the conformance suite's (model/storetest), so
// that these SQLite-only tests build their shops as the suite does.
type (
	fixture = storetest.Fixture
	clock   = storetest.FixedClock
)

var (
	start      = storetest.Start
	mustCreate = storetest.MustCreate
	wantCode   = storetest.WantCode
)

// openAt opens (creating when missing) the database at path; it is closed when the test ends.
func openAt(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	return shoptest.At(t, path).DB
}

// openTest opens a new database in a temporary folder with a fixed clock.
func openTest(t *testing.T) (*sqlite.DB, *clock, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "returndesk.db")
	db := openAt(t, path)
	clk := storetest.NewClock(start)
	db.Now = clk.Now
	return db, clk, path
}

// openSeeded is openTest with the fixture's catalog, for tests that need neither the
// clock nor the path.
func openSeeded(t *testing.T) (*sqlite.DB, *fixture) {
	t.Helper()
	db, _, _ := openTest(t)
	return db, seed(t, db)
}

// rawDB opens the file directly, as a tool (or an attacker with write access) would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func seed(t *testing.T, db *sqlite.DB) *fixture { return storetest.Seed(t, db) }

func count(t *testing.T, raw *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := raw.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
