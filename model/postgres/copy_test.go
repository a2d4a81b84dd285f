package postgres_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"returndesk/intake/demo"
	"returndesk/internal/pgtest"
	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/model/sqlstore"
	"returndesk/model/storetest"
)

// demoFile is a new SQLite database with the demo data, two photos and a logo.
// newFile opens a new SQLite database file, closed when t ends.
func newFile(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func demoFile(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db := newFile(t)
	made := time.Date(2026, 11, 20, 17, 0, 0, 0, time.Local)
	if _, err := demo.Fill(ctx, db, demo.Options{Cases: 30, Sales: 60, Seed: 3, Today: model.DateOf(made), Now: made}); err != nil {
		t.Fatal(err)
	}
	cases, _, err := db.FindCases(ctx, model.CaseFilter{Limit: 2})
	if err != nil || len(cases) < 2 {
		t.Fatalf("cases: %v %v", cases, err)
	}
	for i, pic := range [][]byte{storetest.PNG(32, 16, 0x40), storetest.JPEG(8, 8)} {
		if err := db.AddPhoto(ctx, &model.Photo{CaseID: cases[i].ID}, pic, "tester"); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetLogo(ctx, storetest.PNG(20, 10, 0x90)); err != nil {
		t.Fatal(err)
	}
	return db
}

// content is what a user sees of a store, as JSON: every case with its history, photos'
// bytes and the customers its phone finds, the claims, the logo, the policies.
func content(t *testing.T, db model.Store) string {
	t.Helper()
	ctx := context.Background()
	cases, _, err := db.FindCases(ctx, model.CaseFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var all []any
	for _, c := range cases {
		full, err := db.CaseByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		hist, err := db.CaseHistory(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		photos, pics := storetest.Photos(t, db, c.ID)
		// The case's customer as the counter's search finds them (the copy builds the index anew).
		found, err := db.FindCustomers(ctx, c.Phone, 0)
		if err != nil || len(found) == 0 {
			t.Fatalf("no customer found by the phone %q of case %s: %v", c.Phone, c.CaseNo, err)
		}
		all = append(all, full, hist, photos, pics, found)
	}
	claims, err := db.ListClaims(ctx)
	if err != nil {
		t.Fatal(err)
	}
	logo, err := db.Logo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	policies, err := db.ListPolicies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all = append(all, claims, logo, policies)
	b, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCopyBetweenEngines copies a shop from SQLite into an empty PostgreSQL database and
// from there into a new SQLite file, and restores the server's daily backup into another:
// every table arrives whole (history, photos, logo, policies, counters), the ids continue,
// and a target that is not empty is refused.
func TestCopyBetweenEngines(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Shared(t)
	file := demoFile(t)
	want := content(t, file)

	pg := openAt(t, srv.Database(t))
	got, err := file.CopyInto(ctx, pg.Store)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rows("cases") != 30 || got.Rows("case_history") == 0 || got.Rows("counters") == 0 ||
		got.Rows("policies") == 0 || got.Rows("shop_logo") != 1 || got.Photos != 2 {
		t.Errorf("copied %+v", got)
	}
	if have := content(t, pg); have != want {
		t.Errorf("PostgreSQL after the copy differs from the file:\n%s\n%s", have, want)
	}

	back := newFile(t)
	if _, err := pg.CopyInto(ctx, back.Store); err != nil {
		t.Fatal(err)
	}
	if have := content(t, back); have != want {
		t.Errorf("the file copied back differs")
	}

	// The server's daily backup is a .rdbak that restores into a file.
	pg.DataDir = t.TempDir()
	daily, err := pg.DailyBackup(ctx)
	if err != nil || daily == nil || daily.Cases != 30 || daily.Photos != 2 {
		t.Fatalf("the server's daily backup: %+v, %v", daily, err)
	}
	restored := newFile(t)
	if _, err := restored.Restore(ctx, daily.File); err != nil {
		t.Fatal(err)
	}
	if have := content(t, restored); have != want {
		t.Errorf("the file restored from the server's daily backup differs")
	}

	// The ids and the case numbers go on after the copied ones, on both.
	first, err := file.CaseByID(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	var numbers []string
	for name, db := range map[string]model.Store{"postgres": pg, "sqlite": back} {
		nc := model.NewCase{Case: model.Case{CustomerID: first.CustomerID, ProductID: first.ProductID, Serial: "AFTER-COPY-1",
			ReportedDate: first.ReportedDate, Fault: "does not charge", Tier: model.TierRefund}}
		c := storetest.MustCreate(t, db, nc)
		if c.ID <= 30 {
			t.Errorf("%s: the case after the copy has id %d", name, c.ID)
		}
		numbers = append(numbers, string(c.CaseNo))
	}
	if numbers[0] != numbers[1] || slices.Contains(strings.Split(want, `"`), numbers[0]) {
		t.Errorf("the case numbers after the copy: %v", numbers)
	}

	// Not empty: refused, nothing written.
	_, err = file.CopyInto(ctx, pg.Store)
	if model.ErrorCode(err) != model.EINVALID {
		t.Errorf("copy into a full database: %v", err)
	}
}

// TestReplaceWith: a restore onto PostgreSQL empties every table, the append-only history
// included, and copies the backup in, in one transaction; the history stays append-only.
func TestReplaceWith(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Shared(t)
	url := srv.Database(t)
	pg := openAt(t, url)
	f := storetest.Seed(t, pg)
	storetest.MustCreate(t, pg, f.NewCase("WILL-GO-1"))

	file := demoFile(t)
	if _, err := pg.ReplaceWith(ctx, file.Store); err != nil {
		t.Fatal(err)
	}
	if content(t, pg) != content(t, file) {
		t.Errorf("PostgreSQL after the restore differs from the backup")
	}
	if _, err := rawDB(t, url).ExecContext(ctx, `DELETE FROM case_history`); err == nil {
		t.Errorf("the history is no longer append-only after a restore")
	}
}

// TestCopyTablesAreTheSchema: the copier knows every table of both engines' schema.
func TestCopyTablesAreTheSchema(t *testing.T) {
	srv := pgtest.Shared(t)
	url := srv.Database(t)
	openAt(t, url)
	// The server's own bookkeeping is not the shop's data: migrations, and daily_backups,
	// its record of the counters' daily backups.
	pgTables := names(t, rawDB(t, url), `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name NOT IN ('migrations', 'daily_backups')`)
	path := filepath.Join(t.TempDir(), "s.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	liteTables := names(t, raw, `SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite%' AND name <> 'migrations'`)
	want := slices.Sorted(slices.Values(append(sqlstore.Tables(), sqlstore.IndexTables()...)))
	if !slices.Equal(pgTables, want) || !slices.Equal(liteTables, want) {
		t.Errorf("tables: postgres %v, sqlite %v, the copier %v", pgTables, liteTables, want)
	}
}

func names(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// TestCopyChecksWhatArrived: a target that changes what it is given (here a trigger) fails
// the copy's own checks, and nothing of the copy stays in it.
func TestCopyChecksWhatArrived(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Shared(t)
	file := demoFile(t)
	for name, c := range map[string]struct{ table, body, want string }{
		"a photo's bytes": {"case_photos", `NEW.data := NEW.data || '\x00'::bytea; RETURN NEW;`, "is not the same after the copy"},
		"the logo":        {"shop_logo", `NEW.data := NEW.data || '\x00'::bytea; RETURN NEW;`, "the shop logo is not the same"},
		"a history entry": {"case_history", `IF NEW.id = 3 THEN RETURN NULL; END IF; RETURN NEW;`, "case_history has"},
	} {
		t.Run(name, func(t *testing.T) {
			url := srv.Database(t)
			pg := openAt(t, url)
			raw := rawDB(t, url)
			if _, err := raw.ExecContext(ctx, `CREATE FUNCTION meddle() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN `+
				c.body+` END $$; CREATE TRIGGER meddle BEFORE INSERT ON `+c.table+` FOR EACH ROW EXECUTE FUNCTION meddle()`); err != nil {
				t.Fatal(err)
			}
			_, err := file.CopyInto(ctx, pg.Store)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("copy: %v, want %q", err, c.want)
			}
			var n int
			if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM cases`).Scan(&n); err != nil || n != 0 {
				t.Errorf("after the failed copy the target holds %d cases (%v)", n, err)
			}
		})
	}
}
