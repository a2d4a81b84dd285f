package backupdir

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"returndesk/model"
)

// Prune keeps the newest Keep automatic backups and never touches a backup kept for a reason.
func TestPruneKeepsTheNewestDailyBackupsOnly(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var want []string
	for i := range Keep + 3 {
		name := filepath.Base(Daily(dir, day.AddDate(0, 0, i)))
		if i >= 3 {
			want = append(want, name)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	kept := "returndesk-before-restore-2026-10-01-120000" + model.BackupExt
	if err := os.WriteFile(filepath.Join(dir, kept), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	want = append(want, kept)
	if err := Prune(dir); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("after Prune: %v\nwant %v", got, want)
	}
}

// Stamped tries the next name when one of the same second is taken.
func TestStampedTakesTheNextFreeName(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 12, 3, 8, 30, 0, 0, time.UTC)
	var tried []string
	info, err := Stamped(dir, "before-restore", at, func(name string) (*model.BackupInfo, error) {
		tried = append(tried, filepath.Base(name))
		if len(tried) < 3 {
			return nil, model.Errorf(model.ECONFLICT, "exists")
		}
		return &model.BackupInfo{File: name}, nil
	})
	want := []string{"returndesk-before-restore-2026-12-03-083000.rdbak",
		"returndesk-before-restore-2026-12-03-083000-2.rdbak", "returndesk-before-restore-2026-12-03-083000-3.rdbak"}
	if err != nil || !slices.Equal(tried, want) || filepath.Base(info.File) != want[2] {
		t.Errorf("tried %v (%v), want %v", tried, err, want)
	}
}

// Newest skips an empty file (a name a backup under way holds) and other files.
func TestNewestSkipsReservedNames(t *testing.T) {
	dir := t.TempDir()
	if f, _, err := Newest(filepath.Join(dir, "missing")); err != nil || f != "" {
		t.Errorf("no folder: %q, %v", f, err)
	}
	old := filepath.Join(dir, "returndesk-2026-12-01"+model.BackupExt)
	os.WriteFile(old, []byte("x"), 0o600)
	os.Chtimes(old, time.Now().Add(-time.Hour), time.Now().Add(-time.Hour))
	os.WriteFile(filepath.Join(dir, "returndesk-2026-12-02"+model.BackupExt), nil, 0o600) // reserved
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o600)
	if f, _, err := Newest(dir); err != nil || f != old {
		t.Errorf("Newest = %q, %v; want %q", f, err, old)
	}
}
