package sqlite_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/model/storetest"
)

// TestStore runs the conformance suite of model.Store on a new SQLite file per test.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) model.Store {
		path := filepath.Join(t.TempDir(), "returndesk.db")
		return suiteStore{openAt(t, path), path}
	})
}

// suiteStore is an SQLite store with the hooks the suite asks of an engine.
type suiteStore struct {
	*sqlite.DB
	path string
}

func (s suiteStore) SetClock(c model.Clock) { s.DB.Now = c }

func (s suiteStore) Reopen(t *testing.T) model.Store { return suiteStore{openAt(t, s.path), s.path} }

// FailCaseInsert: a trigger aborts the insert, which comes after the number is allocated.
func (s suiteStore) FailCaseInsert(t *testing.T, fault string) {
	t.Helper()
	q := fmt.Sprintf(`CREATE TRIGGER fail_case_insert BEFORE INSERT ON cases WHEN NEW.fault = '%s'
		BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`, strings.ReplaceAll(fault, "'", "''"))
	if _, err := rawDB(t, s.path).Exec(q); err != nil {
		t.Fatal(err)
	}
}

func (s suiteStore) TamperHistory(t *testing.T, id model.CaseID) (rewrite, remove error) {
	raw := rawDB(t, s.path)
	_, rewrite = raw.Exec(`UPDATE case_history SET note = 'rewritten' WHERE case_id = ?`, id)
	_, remove = raw.Exec(`DELETE FROM case_history WHERE case_id = ?`, id)
	return rewrite, remove
}

func (s suiteStore) SkipIDs(t *testing.T, table string, next int64) {
	t.Helper()
	storetest.ExecAll(t, rawDB(t, s.path), storetest.Placeholder(table, next-1))
}
