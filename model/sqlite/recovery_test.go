package sqlite_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"returndesk/model/sqlite"
)

// damagedShop makes a database of 150 cases with a backup of it, closes it, and damages
// the file as how says: "truncate" cuts it in half, "page" overwrites the cases table's
// first page, "text" writes a note over it all. It returns the paths and the damaged bytes.
func damagedShop(t *testing.T, how string) (path, backup string, damaged []byte) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "shop 数据", "returndesk.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	db := openAt(t, path)
	f := seed(t, db)
	for i := range 150 {
		mustCreate(t, db, f.NewCase(fmt.Sprintf("SN-%04d", i)))
	}
	backup = filepath.Join(t.TempDir(), "good.rdbak")
	if _, err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	raw := rawDB(t, path)
	if err := raw.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = 'cases'`).Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`PRAGMA page_size`).Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch how {
	case "truncate":
		data = data[:len(data)/2]
	case "page":
		off := (root - 1) * pageSize
		copy(data[off:off+pageSize], bytes.Repeat([]byte{0xA5}, int(pageSize)))
	case "text":
		data = []byte("%PDF-1.4 a slip saved over the database\n")
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, backup, data
}

func TestDiagnoseNamesTheTrouble(t *testing.T) {
	for how, want := range map[string]sqlite.Trouble{
		"truncate": sqlite.TroubleDamaged, "page": sqlite.TroubleDamaged, "text": sqlite.TroubleNotDatabase,
	} {
		path, _, _ := damagedShop(t, how)
		d := sqlite.Diagnose(ctx, path)
		if d.Trouble != want || !d.Restorable() || !strings.Contains(d.Message().String(), "kept aside") {
			t.Errorf("%s: Diagnose = %+v (%q), want trouble %d", how, d, d.Message(), want)
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Errorf("%s: Diagnose made a -wal file", how)
		}
	}
	sound := filepath.Join(t.TempDir(), "returndesk.db")
	openAt(t, sound)
	if d := sqlite.Diagnose(ctx, sound); d.Trouble != sqlite.TroubleNone {
		t.Errorf("a sound database: %+v", d)
	}
	if d := sqlite.Diagnose(ctx, filepath.Join(t.TempDir(), "new", "returndesk.db")); d.Trouble != sqlite.TroubleNone {
		t.Errorf("a new database: %+v", d)
	}
}

// TestRestoreOverADamagedDatabase restores a backup over each kind of damage: the damaged
// file is kept byte for byte, and the database is the backup's again.
func TestRestoreOverADamagedDatabase(t *testing.T) {
	for _, how := range []string{"truncate", "page", "text"} {
		path, backup, damaged := damagedShop(t, how)
		rep, err := sqlite.RestoreOver(ctx, path, backup)
		if err != nil {
			t.Fatalf("%s: RestoreOver: %v", how, err)
		}
		kept, err := os.ReadFile(rep.Kept)
		if err != nil || !bytes.Equal(kept, damaged) {
			t.Errorf("%s: the damaged file was not kept byte for byte as %s (%v)", how, rep.Kept, err)
		}
		if rep.Backup.Cases != 150 {
			t.Errorf("%s: report %+v", how, rep)
		}
		checkRestored(t, path, 150)
	}
}

// TestRestoreOverAnOpenDatabaseWithADamagedPage restores through the open store, as the
// Settings screen does, when only a page is damaged and the database still opens.
func TestRestoreOverAnOpenDatabaseWithADamagedPage(t *testing.T) {
	path, backup, damaged := damagedShop(t, "page")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("a database with a damaged table page no longer opens: %v", err)
	}
	rep, err := db.Restore(ctx, backup)
	db.Close()
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if kept, err := os.ReadFile(rep.Kept); err != nil || !bytes.Equal(kept, damaged) {
		t.Errorf("the damaged file was not kept byte for byte as %s (%v)", rep.Kept, err)
	}
	checkRestored(t, path, 150)
}

func checkRestored(t *testing.T, path string, cases int) {
	t.Helper()
	db := openAt(t, path)
	db.Close()
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var ok string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check after the restore: %q %v", ok, err)
	}
	if n := count(t, raw, `SELECT count(*) FROM cases`); n != cases {
		t.Errorf("%d cases after the restore, want %d", n, cases)
	}
}

func TestGoodBackupsSkipsDamagedOnes(t *testing.T) {
	db, f, path := openTest(t)
	seed(t, db)
	_ = f
	dir := filepath.Join(filepath.Dir(path), "backups")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "returndesk-2026-03-09.rdbak")
	if _, err := db.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "returndesk-2026-03-10.rdbak"), []byte("not a backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	list, err := sqlite.GoodBackups(ctx, path, 5)
	if err != nil || len(list) != 1 || list[0].File != good || list[0].Taken.IsZero() {
		t.Fatalf("GoodBackups = %+v, %v", list, err)
	}
}
