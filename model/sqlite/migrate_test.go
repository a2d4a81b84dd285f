package sqlite_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"returndesk/model"
	"returndesk/model/sqlite"
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

func TestBackup(t *testing.T) {
	db, f := openSeeded(t)
	mustCreate(t, db, f.newCase("SN-B1"))
	out := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.Backup(ctx, out), model.ECONFLICT)
	copyDB, err := sqlite.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	if _, err := copyDB.FindCase(ctx, "RMA-2026-000001"); err != nil {
		t.Fatalf("backup lacks the case: %v", err)
	}
}
