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
	"returndesk/model/storetest"
)

// attachPhoto stores a photo of case id: a small PNG followed by pad, which decoders never
// read, so that a test finds the picture's bytes in a file. It returns the photo and its bytes.
func attachPhoto(t *testing.T, db *sqlite.DB, id model.CaseID, pad []byte) (model.Photo, []byte) {
	t.Helper()
	data := append(storetest.PNG(4, 3, byte(len(pad))), pad...)
	p := model.Photo{CaseID: id, Name: "坏屏.png"}
	if err := db.AddPhoto(ctx, &p, data, "tester"); err != nil {
		t.Fatal(err)
	}
	return p, data
}

// wantPhotos checks that the case's photos are those given, pictures and all.
func wantPhotos(t *testing.T, db *sqlite.DB, id model.CaseID, want map[string][]byte) {
	t.Helper()
	got, err := db.ListPhotos(ctx, id)
	if err != nil || len(got) != len(want) {
		t.Fatalf("photos = %v (%v), want %d", got, err, len(want))
	}
	for _, p := range got {
		data, err := db.PhotoData(ctx, p.ID)
		if err != nil || !bytes.Equal(data, want[p.File]) {
			t.Errorf("photo %s: %d bytes (%v), want %d", p.File, len(data), err, len(want[p.File]))
		}
	}
}

func TestBackupAndRestoreWithPhotos(t *testing.T) {
	db, f := openSeeded(t)
	c := mustCreate(t, db, f.NewCase("SN-B1"))
	photos := map[string][]byte{}
	for _, pad := range [][]byte{bytes.Repeat([]byte("front "), 5000), []byte("back")} {
		p, data := attachPhoto(t, db, c.ID, pad)
		photos[p.File] = data
	}
	out := filepath.Join(t.TempDir(), "备份 #1.rdbak")
	info, err := db.Backup(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if info.File != out || info.Cases != 1 || info.Photos != 2 || info.SchemaVersion != sqlite.KnownSchemaVersion() ||
		len(info.MissingPhotos) != 0 {
		t.Errorf("Backup = %+v", info)
	}
	fi, err := os.Stat(out)
	if err != nil || fi.Size() != info.Size {
		t.Fatalf("backup file: %v, size %d, reported %d", err, fi.Size(), info.Size)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %v, want 0600", fi.Mode().Perm())
	}
	if _, err := os.Stat(out + "-wal"); !os.IsNotExist(err) {
		t.Errorf("the backup is not one file: %v", err)
	}
	_, err = db.Backup(ctx, out)
	wantCode(t, err, model.EINVALID) // never over a backup
	checked, err := db.CheckBackup(ctx, out)
	if err != nil || checked.Photos != 2 || checked.Cases != 1 {
		t.Fatalf("CheckBackup = %+v, %v", checked, err)
	}

	// After the backup: another case, and another photo.
	c2 := mustCreate(t, db, f.NewCase("SN-B2"))
	attachPhoto(t, db, c2.ID, []byte("later"))
	// A second connection to the file, as another window would have, sees the restore whole.
	other := openAt(t, db.Path())

	rep, err := db.Restore(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if rep.PhotosWritten != 0 || rep.Backup.Cases != 1 || rep.Upgraded {
		t.Errorf("Restore = %+v", rep)
	}
	for _, d := range []*sqlite.DB{db, other} {
		if _, err := d.FindCase(ctx, string(c.CaseNo)); err != nil {
			t.Errorf("restored case missing: %v", err)
		}
		list, total, err := d.FindCases(ctx, model.CaseFilter{})
		if err != nil || total != 1 || len(list) != 1 {
			t.Errorf("cases after the restore: %d (%v)", total, err)
		}
		wantPhotos(t, d, c.ID, photos)
	}
	// The photos are in the database: no photo folder.
	if _, err := os.Stat(filepath.Join(filepath.Dir(db.Path()), model.PhotoDir)); !os.IsNotExist(err) {
		t.Errorf("a photo folder was made: %v", err)
	}
	// A new case continues the numbering of the restored data.
	if c2 := mustCreate(t, db, f.NewCase("SN-B3")); c2.CaseNo != "RMA-2026-000002" {
		t.Errorf("next case number %s", c2.CaseNo)
	}

	raw := rawDB(t, db.Path())
	var mode, ok string
	if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v) after the restore", mode, err)
	}
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q (%v)", ok, err)
	}
	if n := count(t, raw, `SELECT count(*) FROM sqlite_schema WHERE name = 'backup_photos'`); n != 0 {
		t.Errorf("a photo table of a backup came into the database")
	}
	if n := count(t, raw, `PRAGMA freelist_count`); n != 0 {
		t.Errorf("the restore left %d free pages in the database", n)
	}

	// The replaced database was kept: it has both cases, and all three photos are in it.
	if !strings.HasPrefix(filepath.Base(rep.Kept), "returndesk-before-restore-") || filepath.Dir(rep.Kept) != db.BackupDir() {
		t.Errorf("kept as %s", rep.Kept)
	}
	kept, err := db.CheckBackup(ctx, rep.Kept)
	if err != nil || kept.Cases != 2 || kept.Photos != 3 || len(kept.MissingPhotos) != 0 {
		t.Errorf("kept backup = %+v, %v", kept, err)
	}
}

func TestBackupRefusesAnExistingFileAndLeavesNothingOnFailure(t *testing.T) {
	db, _ := openSeeded(t)
	dir := t.TempDir()
	existing := filepath.Join(dir, "mine.txt")
	if err := os.WriteFile(existing, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := db.Backup(ctx, existing)
	wantCode(t, err, model.ECONFLICT)
	if b, _ := os.ReadFile(existing); string(b) != "precious" {
		t.Errorf("the existing file was changed")
	}
	_, err = db.Backup(ctx, filepath.Join(dir, "no such folder", "b.rdbak"))
	wantCode(t, err, model.EINVALID) // a typing mistake, not a failure of the machine
	before, _ := os.ReadFile(db.Path())
	for _, onto := range []string{db.Path(), db.Path() + "-wal", db.Path() + "-shm", "/dev/full"} {
		_, err = db.Backup(ctx, onto)
		wantCode(t, err, model.EINVALID)
	}
	if after, _ := os.ReadFile(db.Path()); string(after) != string(before) {
		t.Errorf("a backup written onto the database changed it")
	}
	_, err = db.Backup(ctx, " ")
	wantCode(t, err, model.EINVALID)
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	db, f := openSeeded(t)
	c := mustCreate(t, db, f.NewCase("SN-R1"))
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.rdbak") // no photos: its middle is b-tree pages
	raw := rawDB(t, db.Path())
	if _, err := raw.Exec(`VACUUM INTO ?`, plain); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	attachPhoto(t, db, c.ID, bytes.Repeat([]byte{0xd8}, 200_000))
	good := filepath.Join(dir, "good.rdbak")
	if _, err := db.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}

	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// flipMiddle inverts the first bytes of the page in the middle of a backup.
	flipMiddle := func(name, from string) string {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		page := len(b) / 4096 / 2 * 4096
		for i := page; i < page+16; i++ {
			b[i] ^= 0xff
		}
		return write(name, b)
	}
	// changePhoto changes one byte inside the photo: a sound SQLite file, a damaged picture.
	changePhoto := func(name, from string) string {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		i := bytes.Index(b, bytes.Repeat([]byte{0xd8}, 1000))
		if i < 0 {
			t.Fatal("photo not found in the backup")
		}
		b[i+500] = 0xd9
		return write(name, b)
	}
	newer := filepath.Join(dir, "newer.rdbak")
	if _, err := db.Backup(ctx, newer); err != nil {
		t.Fatal(err)
	}
	raw = rawDB(t, newer)
	if _, err := raw.Exec(`INSERT INTO migrations (version, name, applied_at) VALUES (?, 'future.sql', 'x')`,
		sqlite.KnownSchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	foreign := filepath.Join(dir, "foreign.db")
	raw = rawDB(t, foreign)
	if _, err := raw.Exec(`CREATE TABLE accounts (id INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	tests := []struct {
		name, file string
		code       model.Code
		want       string
	}{
		{"missing", filepath.Join(dir, "nothing.rdbak"), model.EINVALID, "does not exist"},
		{"folder", dir, model.EINVALID, "is a folder"},
		{"empty", write("empty.rdbak", nil), model.EINVALID, "not a ReturnDesk backup (the file is empty)"},
		{"text", write("notes.rdbak", bytes.Repeat([]byte("备份 backup notes\n"), 400)), model.EINVALID, "not a ReturnDesk backup (it is not an SQLite file)"},
		{"foreign database", foreign, model.EINVALID, "not a ReturnDesk backup"},
		{"damaged middle", flipMiddle("damaged-middle.rdbak", good), model.EINVALID, "failed the integrity check"},
		{"changed photo", changePhoto("changed-photo.rdbak", good), model.EINVALID, "failed the integrity check: photo photos/"},
		{"damaged tables", flipMiddle("damaged-tables.rdbak", plain), model.EINVALID, "failed the integrity check"},
		{"newer", newer, model.ECONFLICT, "is from a newer ReturnDesk (schema version " + strconv.Itoa(sqlite.KnownSchemaVersion()+1)},
		{"database in use", db.Path(), model.EINVALID, "database in use"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := db.CheckBackup(ctx, tc.file)
			wantCode(t, err, tc.code)
			if msg := model.ErrorMessage(err); !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("CheckBackup: %q, want %q", msg, tc.want)
			}
			_, err = db.Restore(ctx, tc.file)
			wantCode(t, err, tc.code)
			if msg := model.ErrorMessage(err); !strings.Contains(msg, tc.want) {
				t.Errorf("Restore: %q, want %q", msg, tc.want)
			}
		})
	}
	// Nothing was replaced, and no backup of the current database was needed.
	if _, err := db.FindCase(ctx, string(c.CaseNo)); err != nil {
		t.Error(err)
	}
	if kept, _ := filepath.Glob(filepath.Join(db.BackupDir(), "returndesk-before-restore-*")); len(kept) != 0 {
		t.Errorf("kept backups after refused restores: %q", kept)
	}
	if temps, _ := filepath.Glob(filepath.Join(db.BackupDir(), ".returndesk-*")); len(temps) != 0 {
		t.Errorf("temporary files left: %q", temps)
	}
}

// A plain database of an older schema (no photos table of a backup) restores and is upgraded.
func TestRestoreUpgradesAnOlderBackup(t *testing.T) {
	old := oldDatabase(t)
	db, _, _ := openTest(t)
	rep, err := db.Restore(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Upgraded || rep.Backup.SchemaVersion != 2 {
		t.Errorf("Restore = %+v", rep)
	}
	if v, _ := db.SchemaVersion(ctx); v != sqlite.KnownSchemaVersion() {
		t.Errorf("schema version %d after the restore", v)
	}
	if got, err := db.Setting(ctx, "shop"); err != nil || got != "旧店" {
		t.Errorf("setting = %q (%v)", got, err)
	}
	// The backup file is the copy from before the upgrade; only the replaced database is kept.
	if kept, _ := filepath.Glob(filepath.Join(db.BackupDir(), "*.rdbak")); len(kept) != 1 || kept[0] != rep.Kept {
		t.Errorf("backups after the restore: %q", kept)
	}
}

// The bar: backups taken while claims (each with its new cases and lines) are being
// created restore to a consistent database, every claim whole or absent.
func TestBackupWhileClaimsAreCreated(t *testing.T) {
	db, f := openSeeded(t)
	stop := make(chan struct{})
	done := make(chan map[model.ClaimNo]int)
	go func() {
		lines := map[model.ClaimNo]int{}
		defer func() { done <- lines }()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			claim := model.Claim{ManufacturerID: f.Halotek.ID}
			for j := 0; j <= i%4; j++ {
				c, err := db.CreateCase(ctx, f.NewCase("SN-W"+strconv.Itoa(i)+"-"+strconv.Itoa(j)), "tester")
				if err != nil {
					t.Error(err)
					return
				}
				claim.Lines = append(claim.Lines, model.ClaimLine{CaseID: c.ID})
			}
			if err := db.CreateClaim(ctx, &claim); err != nil {
				t.Error(err)
				return
			}
			lines[claim.ClaimNo] = len(claim.Lines)
		}
	}()
	dir := t.TempDir()
	var files []string
	for i := 0; i < 5; i++ {
		file := filepath.Join(dir, "b"+strconv.Itoa(i)+".rdbak")
		if _, err := db.Backup(ctx, file); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	close(stop)
	want := <-done

	claimsSeen := 0
	for _, file := range files {
		target, _, _ := openTest(t)
		if _, err := target.Restore(ctx, file); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		raw := rawDB(t, target.Path())
		var ok string
		if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
			t.Errorf("%s: integrity_check = %q (%v)", file, ok, err)
		}
		if n := count(t, raw, `SELECT count(*) FROM pragma_foreign_key_check`); n != 0 {
			t.Errorf("%s: %d rows break foreign keys", file, n)
		}
		claims, err := target.ListClaims(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range claims {
			full, err := target.FindClaim(ctx, c.ClaimNo)
			if err != nil {
				t.Fatal(err)
			}
			if len(full.Lines) != want[c.ClaimNo] {
				t.Errorf("%s: claim %s has %d lines, created with %d", file, c.ClaimNo, len(full.Lines), want[c.ClaimNo])
			}
		}
		claimsSeen += len(claims)
	}
	if claimsSeen == 0 {
		t.Error("no backup caught a claim: the writer did not run alongside")
	}
	t.Logf("%d claims created; the backups held %d in all", len(want), claimsSeen)
}
