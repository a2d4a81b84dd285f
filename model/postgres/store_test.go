package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the test's own connection

	"returndesk/internal/pgtest"
	"returndesk/model"
	"returndesk/model/postgres"
	"returndesk/model/storetest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestStore runs the conformance suite of model.Store on a new database per test on the
// package's private PostgreSQL server.
func TestStore(t *testing.T) {
	srv := pgtest.Shared(t)
	storetest.Run(t, func(t *testing.T) model.Store {
		url := srv.Database(t)
		return suiteStore{openAt(t, url), url}
	})
}

func openAt(t *testing.T, url string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// rawDB is a connection of the test's own to the database, as another program's.
func rawDB(t *testing.T, url string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// suiteStore is a PostgreSQL store with the hooks the suite asks of an engine.
type suiteStore struct {
	*postgres.DB
	url string
}

func (s suiteStore) SetClock(c model.Clock) { s.DB.Now = c }

func (s suiteStore) Reopen(t *testing.T) model.Store { return suiteStore{openAt(t, s.url), s.url} }

// FailCaseInsert: a trigger aborts the insert, which comes after the number is allocated.
func (s suiteStore) FailCaseInsert(t *testing.T, fault string) {
	t.Helper()
	q := fmt.Sprintf(`CREATE FUNCTION fail_case_insert() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF NEW.fault = '%s' THEN RAISE EXCEPTION 'refused by the test'; END IF;
			RETURN NEW;
		END $$;
		CREATE TRIGGER fail_case_insert BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION fail_case_insert()`,
		strings.ReplaceAll(fault, "'", "''"))
	if _, err := rawDB(t, s.url).Exec(q); err != nil {
		t.Fatal(err)
	}
}

func (s suiteStore) TamperHistory(t *testing.T, id model.CaseID) (rewrite, remove error) {
	raw := rawDB(t, s.url)
	ctx := context.Background()
	_, rewrite = raw.ExecContext(ctx, `UPDATE case_history SET note = 'rewritten' WHERE case_id = $1`, id)
	_, remove = raw.ExecContext(ctx, `DELETE FROM case_history WHERE case_id = $1`, id)
	return rewrite, remove
}

// SkipIDs: the identity continues after the placeholder.
func (s suiteStore) SkipIDs(t *testing.T, table string, next int64) {
	t.Helper()
	storetest.ExecAll(t, rawDB(t, s.url), append(storetest.Placeholder(table, next-1),
		fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%[1]s', 'id'), (SELECT max(id) FROM %[1]s))`, table)))
}
