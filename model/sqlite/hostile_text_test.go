package sqlite_test

import (
	"testing"

	"returndesk/model"
)

// TestOldControlCharactersDoNotBlockEdits: a case an older ReturnDesk stored with an escape
// in its serial (written here straight into the file) can still get notes; new bad text
// in the field being edited is still refused.
func TestOldControlCharactersDoNotBlockEdits(t *testing.T) {
	db, _, path := openTest(t)
	f := seed(t, db)
	c := mustCreate(t, db, f.NewCase("SN-OLD"))
	if _, err := rawDB(t, path).Exec(`UPDATE cases SET serial = ? WHERE id = ?`, "SN\x1b[31mOLD", c.ID); err != nil {
		t.Fatal(err)
	}
	notes := "customer called"
	if _, err := db.UpdateCase(ctx, c.ID, model.CaseUpdate{Notes: &notes}, "tester"); err != nil {
		t.Errorf("adding notes to an old case: %v", err)
	}
	notes = "called\x1b[2J"
	if _, err := db.UpdateCase(ctx, c.ID, model.CaseUpdate{Notes: &notes}, "tester"); model.ErrorCode(err) != model.EINVALID ||
		model.FieldErrors(err)["notes"] == "" || model.FieldErrors(err)["serial"] != "" {
		t.Errorf("notes with an escape on an old case: %v; want the notes refused, not the old serial", err)
	}
}
