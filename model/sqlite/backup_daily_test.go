package sqlite_test

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"
)

func TestDailyBackupKeepsTheNewest14AndOnlyDeletesItsOwn(t *testing.T) {
	db, clk, _ := openTest(t)
	seed(t, db)
	dir := db.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	theirs := []string{"notes.txt", "returndesk-2020-01-01.rdbak.old", "returndesk-before-restore-2020-01-01-000000.rdbak",
		"returndesk-2020-1-1.rdbak", "my-2020-01-01.rdbak"}
	for _, name := range theirs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	staleTemp, youngTemp := filepath.Join(dir, ".returndesk-1.tmp"), filepath.Join(dir, ".returndesk-2.tmp")
	for _, p := range []string{staleTemp, youngTemp} {
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-48 * time.Hour)
	os.Chtimes(staleTemp, old, old)

	for day := 0; day < 20; day++ {
		clk.Set(start.AddDate(0, 0, day))
		info, err := db.DailyBackup(ctx)
		if err != nil || info == nil {
			t.Fatalf("day %d: %+v, %v", day, info, err)
		}
		clk.Advance(3 * time.Hour)
		if again, err := db.DailyBackup(ctx); err != nil || again != nil {
			t.Fatalf("day %d, again: %+v, %v; want no second backup", day, again, err)
		}
	}
	var want []string
	for day := 6; day < 20; day++ {
		want = append(want, "returndesk-"+start.AddDate(0, 0, day).Format("2006-01-02")+".rdbak")
	}
	want = append(want, theirs...)
	want = append(want, filepath.Base(youngTemp))
	var got []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		got = append(got, e.Name())
		if fi, _ := e.Info(); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode = %v", e.Name(), fi.Mode().Perm())
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("backup folder holds\n%q\nwant\n%q", got, want)
	}
	if fi, _ := os.Stat(dir); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
		t.Errorf("backup folder mode = %v", fi.Mode().Perm())
	}

	newest := filepath.Join(dir, "returndesk-"+start.AddDate(0, 0, 19).Format("2006-01-02")+".rdbak")
	future := time.Now().Add(time.Hour)
	os.Chtimes(newest, future, future)
	st, err := db.BackupStatus(ctx)
	if err != nil || st.Dir != dir || st.LastFile != newest || st.Running || st.Failed.String() != "" {
		t.Errorf("BackupStatus = %+v, %v", st, err)
	}
	if info, err := db.CheckBackup(ctx, newest); err != nil || info.SchemaVersion == 0 {
		t.Errorf("the daily backup does not check: %+v, %v", info, err)
	}
}

func TestDailyBackupFailureIsReportedAndHarmless(t *testing.T) {
	db, _, path := openTest(t)
	// A file where the backup folder should be.
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), "backups"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DailyBackup(ctx); err == nil {
		t.Fatal("no error")
	}
	st, _ := db.BackupStatus(ctx)
	if st.Failed.String() == "" || st.LastFile != "" {
		t.Errorf("BackupStatus = %+v", st)
	}
	if err := db.SetSetting(ctx, "still", "works"); err != nil {
		t.Error(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if e.Name() != "returndesk.db" && e.Name() != "returndesk.db-wal" && e.Name() != "returndesk.db-shm" && e.Name() != "backups" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
