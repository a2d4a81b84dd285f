package sqlite_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/model/storetest"
)

// oldShop is a database of schema version 5, as the ReturnDesk before the pictures moved
// into the database left it: a case with three photos whose pictures are files in the
// photo folder (the third one's file is gone), and a logo file that the settings name.
type oldShop struct {
	path  string
	photo map[string][]byte // the pictures on disk, by photo file
	lost  string            // the photo whose file is gone
	logo  []byte
	c     model.CaseID
}

func newOldShop(t *testing.T) oldShop {
	t.Helper()
	dir := t.TempDir()
	s := oldShop{path: filepath.Join(dir, "returndesk.db"), photo: map[string][]byte{},
		logo: storetest.PNG(120, 40, 0x33), lost: model.PhotoDir + "/ffff0000.jpg"}
	if err := sqlite.CreateAtSchemaVersion(s.path, 5); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.OpenUnmigrated(s.path)
	if err != nil {
		t.Fatal(err)
	}
	// Today's store writes a case's version (schema 7) and the search indexes (schemas 8 to
	// 10): they are there only while it does.
	raw := rawDB(t, s.path)
	for _, q := range []string{`ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE cases ADD COLUMN search_numbers TEXT NOT NULL DEFAULT ''`,
		`CREATE TABLE case_search (bucket INTEGER, key TEXT, case_id INTEGER)`,
		`CREATE TABLE customer_search (bucket INTEGER, key TEXT, customer_id INTEGER)`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Now = storetest.NewClock(start).Now
	f := seed(t, db)
	s.c = mustCreate(t, db, f.NewCase("SN-OLD-1")).ID
	for _, q := range []string{`ALTER TABLE cases DROP COLUMN version`, `ALTER TABLE cases DROP COLUMN search_numbers`,
		`DROP TABLE case_search`, `DROP TABLE customer_search`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetSetting(ctx, "shop_logo", "shop-logo.png"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	if err := os.MkdirAll(filepath.Join(dir, model.PhotoDir), 0o700); err != nil {
		t.Fatal(err)
	}
	for i, file := range []string{model.PhotoDir + "/0a1b2c.png", model.PhotoDir + "/0d0e0f.jpg", s.lost} {
		data := storetest.PNG(8+i, 6, byte(i))
		if file != s.lost {
			s.photo[file] = data
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(file)), data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := raw.Exec(`INSERT INTO case_photos (case_id, file, name, format, width, height, size, added_at, actor)
			VALUES (?, ?, '旧照片', 'png', ?, 6, ?, '2026-03-10T09:30:00Z', 'old')`, s.c, file, 8+i, len(data)); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	if err := os.WriteFile(filepath.Join(dir, "shop-logo.png"), s.logo, 0o600); err != nil {
		t.Fatal(err)
	}
	return s
}

// files reads the old shop's photo and logo files as they are on disk now.
func (s oldShop) files(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for file := range s.photo {
		b, err := os.ReadFile(filepath.Join(filepath.Dir(s.path), filepath.FromSlash(file)))
		if err != nil {
			t.Fatalf("photo file %s after the upgrade: %v", file, err)
		}
		out[file] = b
	}
	b, err := os.ReadFile(filepath.Join(filepath.Dir(s.path), "shop-logo.png"))
	if err != nil {
		t.Fatalf("logo file after the upgrade: %v", err)
	}
	out["logo"] = b
	return out
}

// wantPhotos checks that db holds the old shop's photos (when: after what), the one whose
// file was lost as not found.
func (s oldShop) wantPhotos(t *testing.T, db *sqlite.DB, when string) {
	t.Helper()
	list, err := db.ListPhotos(ctx, s.c)
	if err != nil || len(list) != 3 {
		t.Fatalf("photos %s: %v (%v)", when, list, err)
	}
	for _, p := range list {
		data, err := db.PhotoData(ctx, p.ID)
		if p.File == s.lost {
			wantCode(t, err, model.ENOTFOUND)
			continue
		}
		if err != nil || !bytes.Equal(data, s.photo[p.File]) {
			t.Errorf("photo %s %s: %d bytes (%v), want its file's %d", p.File, when, len(data), err, len(s.photo[p.File]))
		}
	}
}

// wantMovedIn checks that db holds the old shop's photos and logo.
func (s oldShop) wantMovedIn(t *testing.T, db *sqlite.DB) {
	t.Helper()
	s.wantPhotos(t, db, "after the upgrade")
	if logo, err := db.Logo(ctx); err != nil || !bytes.Equal(logo, s.logo) {
		t.Errorf("logo after the upgrade: %d bytes (%v), want %d", len(logo), err, len(s.logo))
	}
	if v, _ := db.Setting(ctx, "shop_logo"); v != "" {
		t.Errorf("the logo file setting is still there: %q", v)
	}
}

func TestUpgradeMovesPhotosAndLogoIntoTheDatabase(t *testing.T) {
	s := newOldShop(t)
	before := s.files(t)
	db := openAt(t, s.path)
	if v, _ := db.SchemaVersion(ctx); v != sqlite.KnownSchemaVersion() {
		t.Fatalf("schema version %d after the upgrade", v)
	}
	s.wantMovedIn(t, db)

	// The files stay on disk, untouched.
	after := s.files(t)
	for k, b := range before {
		if !bytes.Equal(after[k], b) {
			t.Errorf("%s changed by the upgrade", k)
		}
	}

	// The backup before the upgrade is of the old schema, with the photo files packed.
	kept := upgradeBackup(t, db)
	info, err := db.CheckBackup(ctx, kept)
	if err != nil || info.SchemaVersion != 5 || info.Photos != 2 {
		t.Errorf("backup before the upgrade = %+v, %v", info, err)
	}

	// A backup now holds the pictures in the database, and names the one that was missing.
	now, err := db.Backup(ctx, filepath.Join(t.TempDir(), "now.rdbak"))
	if err != nil || now.Photos != 2 || len(now.MissingPhotos) != 1 || now.MissingPhotos[0] != s.lost {
		t.Errorf("backup after the upgrade = %+v, %v", now, err)
	}
}

// A photo file that cannot be read (here a folder in its place) stops the upgrade whole:
// the database stays at version 5 with no picture in it.
func TestUpgradeMovesAllPicturesOrNone(t *testing.T) {
	s := newOldShop(t)
	if err := os.Mkdir(filepath.Join(filepath.Dir(s.path), filepath.FromSlash(s.lost)), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Open(s.path); err == nil {
		t.Fatal("the upgrade went on without a photo it could not read")
	}
	raw := rawDB(t, s.path)
	if v := count(t, raw, `SELECT max(version) FROM migrations`); v != 5 {
		t.Errorf("schema version %d after the failed upgrade", v)
	}
	if n := count(t, raw, `SELECT count(*) FROM pragma_table_info('case_photos') WHERE name = 'data'`); n != 0 {
		t.Errorf("the failed upgrade left the pictures' column")
	}
	raw.Close()
	// Once the folder is gone, the upgrade succeeds.
	if err := os.Remove(filepath.Join(filepath.Dir(s.path), filepath.FromSlash(s.lost))); err != nil {
		t.Fatal(err)
	}
	s.wantMovedIn(t, openAt(t, s.path))
}

// A backup written before the pictures moved into the database holds them as files
// (backup_photos); restoring it on another computer, whose data folder has none of them,
// moves them into the database and writes no file.
func TestRestoreMovesAnOlderBackupsPhotosIn(t *testing.T) {
	s := newOldShop(t)
	old := openAt(t, s.path)
	kept := upgradeBackup(t, old)

	db, _, _ := openTest(t)
	rep, err := db.Restore(ctx, kept)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Upgraded || rep.PhotosWritten != 2 || rep.Backup.SchemaVersion != 5 {
		t.Errorf("Restore = %+v", rep)
	}
	s.wantPhotos(t, db, "after the restore")
	if _, err := os.Stat(filepath.Join(filepath.Dir(db.Path()), model.PhotoDir)); !os.IsNotExist(err) {
		t.Errorf("the restore wrote a photo folder: %v", err)
	}
	raw := rawDB(t, db.Path())
	if n := count(t, raw, `SELECT count(*) FROM sqlite_schema WHERE name = 'backup_photos'`); n != 0 {
		t.Errorf("the backup's photo table stayed in the database")
	}
}

// TestUpgradeBuildsTheSearchIndex: an older shop's cases are found through the index that
// the upgrade to schema 9 builds, by serial, customer and case number, and its customers
// through the one of schema 10.
func TestUpgradeBuildsTheSearchIndex(t *testing.T) {
	s := newOldShop(t)
	db := openAt(t, s.path)
	c, err := db.CaseByID(ctx, s.c)
	if err != nil {
		t.Fatal(err)
	}
	for _, term := range []string{"old-1", "sn-o", "张伟", "伟", string(c.CaseNo), "rma-"} {
		list, total, err := db.FindCases(ctx, model.CaseFilter{Search: term})
		if err != nil || total != 1 || len(list) != 1 || list[0].ID != s.c {
			t.Errorf("search %q after the upgrade: %v, total %d (%v)", term, list, total, err)
		}
	}
	if list, _, _ := db.FindCases(ctx, model.CaseFilter{Search: "-old"}); len(list) != 1 {
		t.Errorf("search in the middle of a serial: %v", list)
	}
	cu, err := db.CustomerByID(ctx, c.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	for _, term := range []string{"伟", cu.Phone[len(cu.Phone)-4:]} {
		if found, err := db.FindCustomers(ctx, term, 0); err != nil || len(found) != 1 || found[0].ID != c.CustomerID {
			t.Errorf("customers found by %q after the upgrade: %v (%v)", term, found, err)
		}
	}
}
