package sqlite_test

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/model/storetest"
)

func TestOpenCreatesSchemaAndReopens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "folder", "returndesk.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if known := sqlite.KnownSchemaVersion(); v != known || known < 1 {
		t.Fatalf("SchemaVersion = %d, KnownSchemaVersion = %d", v, known)
	}
	if err := db.SetSetting(ctx, "shop", "Kowloon Electronics"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Opening again applies nothing and keeps the data.
	for i := 0; i < 2; i++ {
		db, err = sqlite.Open(path)
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		if got, _ := db.Setting(ctx, "shop"); got != "Kowloon Electronics" {
			t.Fatalf("setting after reopen = %q", got)
		}
		db.Close()
	}
	raw := rawDB(t, path)
	if n := count(t, raw, `SELECT count(*) FROM migrations`); n != sqlite.KnownSchemaVersion() {
		t.Fatalf("migrations rows = %d, want %d", n, sqlite.KnownSchemaVersion())
	}
	var name string
	if err := raw.QueryRow(`SELECT name FROM migrations WHERE version = 1`).Scan(&name); err != nil || name != "0001_init.sql" {
		t.Fatalf("migration 1 recorded as %q (%v)", name, err)
	}
	var mode string
	if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q (%v), want wal", mode, err)
	}
}

func TestOpenFilePermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "returndesk.db")
	db := openAt(t, path)
	// Write something so that the WAL exists too.
	if err := db.SetSetting(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if m := fi.Mode().Perm(); m&0o077 != 0 {
			t.Errorf("%s mode = %v, want owner-only", filepath.Base(p), m)
		}
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m := fi.Mode().Perm(); m != 0o700 {
		t.Errorf("folder mode = %v, want 0700", m)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "returndesk.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw := rawDB(t, path)
	future := sqlite.KnownSchemaVersion() + 6
	if _, err := raw.Exec(`INSERT INTO migrations (version, name, applied_at) VALUES (?, 'future.sql', 'x')`, future); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)

	_, err = sqlite.Open(path)
	wantCode(t, err, model.ECONFLICT)
	msg := model.ErrorMessage(err)
	for _, want := range []string{"schema version " + strconv.Itoa(future), "newer ReturnDesk", "knows up to " + strconv.Itoa(sqlite.KnownSchemaVersion())} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}

	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the refused database file was modified")
	}
	if fi2, _ := os.Stat(path); !fi2.ModTime().Equal(fi.ModTime()) {
		t.Error("the refused database file's modification time changed")
	}
	raw = rawDB(t, path)
	if n := count(t, raw, `SELECT count(*) FROM migrations`); n != sqlite.KnownSchemaVersion()+1 {
		t.Errorf("migrations rows = %d after refusal", n)
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()

	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, bytes.Repeat([]byte("not a database "), 300), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(junk)
	wantCode(t, err, model.EINVALID)

	other := filepath.Join(dir, "other.db")
	raw := rawDB(t, other)
	if _, err := raw.Exec(`CREATE TABLE accounts (id INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err = sqlite.Open(other)
	wantCode(t, err, model.EINVALID)
	if !strings.Contains(model.ErrorMessage(err), "not a ReturnDesk database") {
		t.Errorf("message = %q", model.ErrorMessage(err))
	}

	_, err = sqlite.Open("  ")
	wantCode(t, err, model.EINVALID)
}

func TestOpenPathWithSpecialCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop #1 ?50% 数据", "returndesk.db")
	db := openAt(t, path)
	if err := db.SetSetting(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the given path: %v", err)
	}
}

// fileSet reads the database file and its -wal and -shm; a missing file is absent from the map.
func fileSet(t *testing.T, path string) map[string][]byte {
	t.Helper()
	set := map[string][]byte{}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		b, err := os.ReadFile(p)
		if err == nil {
			set[filepath.Base(p)] = b
		} else if !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return set
}

func sameFiles(t *testing.T, before, after map[string][]byte) {
	t.Helper()
	for name, b := range before {
		if a, ok := after[name]; !ok {
			t.Errorf("%s was removed", name)
		} else if !bytes.Equal(a, b) {
			t.Errorf("%s was modified", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s was created", name)
		}
	}
}

// copyFiles copies the database and its -wal and -shm into dir, as a crash would leave them.
func copyFiles(t *testing.T, path, dir string) string {
	t.Helper()
	for name, b := range fileSet(t, path) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, filepath.Base(path))
}

// A database of a newer ReturnDesk is refused without writing a byte to it, its -wal or
// its -shm, whatever journal mode it is in and whether or not a WAL holds commits.
func TestOpenNewerSchemaLeavesTheFilesAlone(t *testing.T) {
	future := sqlite.KnownSchemaVersion() + 1
	newer := func(t *testing.T, journal string) (string, *sql.DB) {
		path := filepath.Join(t.TempDir(), "returndesk.db")
		openAt(t, path).Close()
		raw := rawDB(t, path)
		raw.SetMaxOpenConns(1)
		for _, q := range []string{`PRAGMA journal_mode = ` + journal, `PRAGMA wal_autocheckpoint = 0`} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := raw.Exec(`INSERT INTO migrations (version, name, applied_at) VALUES (?, 'future.sql', 'x')`, future); err != nil {
			t.Fatal(err)
		}
		return path, raw
	}
	refused := func(t *testing.T, path string) {
		t.Helper()
		before := fileSet(t, path)
		_, err := sqlite.Open(path)
		wantCode(t, err, model.ECONFLICT)
		if !strings.Contains(model.ErrorMessage(err), "newer ReturnDesk") {
			t.Errorf("message %q", model.ErrorMessage(err))
		}
		after := fileSet(t, path)
		if b, ok := before[filepath.Base(path)+"-shm"]; ok {
			// Reading commits that are in the -wal only takes a read mark in the -shm, the
			// WAL's shared-memory index; the database and the -wal are untouched.
			after[filepath.Base(path)+"-shm"] = b
		}
		sameFiles(t, before, after)
	}

	t.Run("rollback journal", func(t *testing.T) {
		path, raw := newer(t, "DELETE")
		raw.Close()
		refused(t, path)
	})
	t.Run("WAL, closed cleanly", func(t *testing.T) {
		path, raw := newer(t, "WAL")
		raw.Close()
		if _, err := os.Stat(path + "-wal"); !os.IsNotExist(err) {
			t.Fatalf("the -wal outlived its last connection: %v", err)
		}
		refused(t, path)
	})
	t.Run("WAL in use by the newer version", func(t *testing.T) {
		path, _ := newer(t, "WAL") // the connection stays open: its commit is in the -wal only
		refused(t, path)
	})
	t.Run("WAL left by a crash", func(t *testing.T) {
		path, _ := newer(t, "WAL")
		refused(t, copyFiles(t, path, t.TempDir()))
	})
}

// oldDatabase makes a database of schema version 2, as an older ReturnDesk left it, with
// one setting in it.
func oldDatabase(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "returndesk.db")
	if err := sqlite.CreateAtSchemaVersion(path, 2); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, path)
	if _, err := raw.Exec(`INSERT INTO settings (key, value) VALUES ('shop', '旧店')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	return path
}

// upgradeBackup is the one backup kept of db before its upgrade to this build's schema.
func upgradeBackup(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	kept, _ := filepath.Glob(filepath.Join(db.BackupDir(),
		"returndesk-before-upgrade-to-v"+strconv.Itoa(sqlite.KnownSchemaVersion())+"-*.rdbak"))
	if len(kept) != 1 {
		t.Fatalf("backups before the upgrade: %q", kept)
	}
	return kept[0]
}

func TestUpgradeKeepsABackupFirst(t *testing.T) {
	path := oldDatabase(t)
	db := openAt(t, path)
	if v, _ := db.SchemaVersion(ctx); v != sqlite.KnownSchemaVersion() {
		t.Fatalf("schema version %d after the upgrade", v)
	}
	kept := upgradeBackup(t, db)
	info, err := db.CheckBackup(ctx, kept)
	if err != nil {
		t.Fatal(err)
	}
	if info.SchemaVersion != 2 {
		t.Errorf("the backup is of schema version %d, want 2", info.SchemaVersion)
	}
	if got := count(t, rawDB(t, kept), `SELECT count(*) FROM settings WHERE value = '旧店'`); got != 1 {
		t.Errorf("the backup lacks the old data")
	}
	db.Close()

	// Opening the upgraded database again takes no further backup.
	openAt(t, path)
	if again, _ := filepath.Glob(filepath.Join(filepath.Dir(kept), "*.rdbak")); len(again) != 1 {
		t.Errorf("backups after reopening: %q", again)
	}
}

func TestUpgradeRefusedWhenTheBackupFails(t *testing.T) {
	path := oldDatabase(t)
	// A file where the backup folder should be: the backup cannot be written.
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), "backups"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(path)
	if err == nil || !strings.Contains(model.ErrorMessage(err), "was not upgraded from schema version 2") {
		t.Fatalf("Open = %v, want a refusal to upgrade", err)
	}
	if v := count(t, rawDB(t, path), `SELECT max(version) FROM migrations`); v != 2 {
		t.Errorf("schema version %d after the refusal", v)
	}
}

// A shop of schema 10 finds its cases by their number's sequence once upgraded: the step of
// migration 11 writes the new keys and search_numbers of the cases it already has.
func TestUpgradeFindsOldCasesByTheirSequence(t *testing.T) {
	path := filepath.Join(t.TempDir(), "returndesk.db")
	db := openAt(t, path)
	f := storetest.Seed(t, db)
	c := storetest.MustCreate(t, db, f.NewCase("OLD-UNIT-1"))
	db.Close()
	// As schema 10 left it: no keys nor search_numbers for the sequence.
	raw := rawDB(t, path)
	for _, q := range []string{
		`DELETE FROM case_search WHERE key NOT LIKE '%-%' AND key GLOB '[0-9]*' AND key NOT IN ('1')`,
		`UPDATE cases SET search_numbers = lower(char(29) || case_no)`,
		`DELETE FROM migrations WHERE version >= 11`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	seq := string(c.CaseNo)[len(c.CaseNo)-6:]
	db = openAt(t, path)
	got, _, err := db.FindCases(ctx, model.CaseFilter{Search: seq})
	if err != nil || len(got) != 1 || got[0].CaseNo != c.CaseNo {
		t.Errorf("search %q after the upgrade: %+v, %v", seq, got, err)
	}
}

// A shop's customers and cases from before schema 12 are found by a phone's digits alone
// once it is upgraded (88886666 finds 020-8888 6666), in the case list and the customer search.
func TestUpgradeFindsOldPhonesByTheirDigits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "returndesk.db")
	db := openAt(t, path)
	f := storetest.Seed(t, db)
	nc := f.NewCase("OLD-UNIT-2")
	nc.Case.CustomerID = 0
	nc.Customer = &model.Customer{Name: "Guangzhou Trading", Phone: "020-8888 6666"}
	c := storetest.MustCreate(t, db, nc)
	db.Close()
	// As schema 11 left it: no key nor search text of the digits alone.
	raw := rawDB(t, path)
	for _, q := range []string{
		`DELETE FROM case_search WHERE key GLOB '*02088886666*' OR key GLOB '*88886666'`,
		`DELETE FROM customer_search WHERE key GLOB '*02088886666*' OR key GLOB '*88886666'`,
		`UPDATE cases SET search_text = replace(search_text, char(31) || '02088886666', '')`,
		`UPDATE customers SET search_text = replace(search_text, char(31) || '02088886666', '')`,
		`DELETE FROM migrations WHERE version >= 12`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	db = openAt(t, path)
	got, _, err := db.FindCases(ctx, model.CaseFilter{Search: "88886666"})
	if err != nil || len(got) != 1 || got[0].CaseNo != c.CaseNo {
		t.Errorf("case search 88886666 after the upgrade: %+v, %v", got, err)
	}
	customers, err := db.FindCustomers(ctx, "(020) 8888-6666", 0)
	if err != nil || len(customers) != 1 || customers[0].Phone != "020-8888 6666" {
		t.Errorf("customer search (020) 8888-6666 after the upgrade: %+v, %v", customers, err)
	}
}
