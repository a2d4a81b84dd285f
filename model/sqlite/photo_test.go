package sqlite_test

import (
	"testing"

	"returndesk/model"
	"returndesk/model/storetest"
)

// The table refuses a path outside the photo folder even from another program (the store's
// own refusals are the suite's: storetest AddPhotoRefusesBadRecords).
func TestPhotoTableRefusesFilesOutsideTheFolder(t *testing.T) {
	db, _, path := openTest(t)
	f := seed(t, db)
	c := mustCreate(t, db, f.NewCase("HX-PHOTO-1"))
	p := model.Photo{CaseID: c.ID, File: "photos/abc.png"}
	if err := db.AddPhoto(ctx, &p, storetest.PNG(1, 1, 0), "tester"); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, path)
	for _, file := range []string{"../x.png", "photos/../../x.png", "photos/a b.png", "/etc/x.png", "photos/"} {
		_, err := raw.Exec(`INSERT INTO case_photos (case_id, file, format, width, height, size, added_at)
			VALUES (?, ?, 'png', 1, 1, 1, '2026-03-10T09:30:00Z')`, c.ID, file)
		if err == nil {
			t.Errorf("the table accepted file %q", file)
		}
	}
	if n := count(t, raw, `SELECT count(*) FROM case_photos`); n != 1 {
		t.Errorf("photos stored = %d, want 1", n)
	}
}
