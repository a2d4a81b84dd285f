package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// TestSaveDialogNeverOffersTheDatabase types the database's own name, a device and an
// existing backup into the save dialog: each shows its problem under the file name and
// leaves Save disabled; a new file name saves.
func TestSaveDialogNeverOffersTheDatabase(t *testing.T) {
	f := newFixture(t)
	h := showScreen(t, f.store, "Settings")
	h.u.info.DBPath = f.store.Path()
	dataDir := filepath.Dir(f.store.Path())
	elsewhere := t.TempDir()
	backup := filepath.Join(elsewhere, "old.rdbak")
	if err := os.WriteFile(backup, []byte("SQLite format 3\x00 a backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	var saved []string
	// No extension to add: the names typed are the paths checked.
	d := h.u.askSavePath("Save", "x", "", false, func(p string) { saved = append(saved, p) })
	for _, tc := range []struct {
		folder, name, want string
	}{
		{dataDir, filepath.Base(f.store.Path()), "the database's own file"},
		{dataDir, filepath.Base(f.store.Path()) + "-wal", "the database's own file"},
		{"/dev", "full", "not a file"},
		{elsewhere, "old.rdbak", "never writes over one"},
		{filepath.Join(elsewhere, "nowhere"), "new.rdbak", ""},
		{elsewhere, "", ""},
	} {
		d.folder.SetText(tc.folder)
		d.name.SetText(tc.name)
		nameErr, folderErr := d.name.Validate(), d.folder.Validate()
		if nameErr == nil && folderErr == nil {
			t.Errorf("%s in %s passed the dialog's check", tc.name, tc.folder)
			continue
		}
		if tc.want != "" && (nameErr == nil || !strings.Contains(nameErr.Error(), tc.want)) {
			t.Errorf("%s in %s: problem under the name %v, want %q", tc.name, tc.folder, nameErr, tc.want)
		}
	}
	// Enter in an empty name (Fyne checks a field only as the focus leaves it) saves
	// nothing: it offered to replace the folder itself.
	d.folder.SetText(elsewhere)
	d.name.SetText("")
	h.w.Canvas().Focus(d.name)
	pressKey(h, fyne.KeyReturn)
	if len(saved) != 0 || h.w.Canvas().Overlays().Top() == nil {
		t.Fatalf("Enter in an empty name: saved %v, the dialog closed", saved)
	}
	if wantIn := "type a file name"; !strings.Contains(overlayWords(h.w.Canvas()), wantIn) {
		t.Errorf("Enter in an empty name does not say %q: %q", wantIn, overlayWords(h.w.Canvas()))
	}
	d.dlg.Hide()
	// A backup goes to a new file only, and gets its extension.
	d = h.u.askSavePath("Back up to a file", "x.rdbak", ".rdbak", true, func(p string) { saved = append(saved, p) })
	d.folder.SetText(elsewhere)
	d.name.SetText("old")
	if err := d.name.Validate(); err == nil || !strings.Contains(err.Error(), "never writes over one") {
		t.Errorf("old (old.rdbak exists): %v", err)
	}
	d.name.SetText("new backup")
	if err := d.name.Validate(); err != nil {
		t.Fatalf("a new file name was refused: %v", err)
	}
	d.dlg.Submit()
	if want := filepath.Join(elsewhere, "new backup.rdbak"); len(saved) != 1 || saved[0] != want {
		t.Errorf("saved %v, want [%s]", saved, want)
	}
}
