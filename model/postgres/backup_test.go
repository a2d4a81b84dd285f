package postgres_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"returndesk/internal/pgtest"
	"returndesk/model"
	"returndesk/model/backupdir"
	"returndesk/model/postgres"
	"returndesk/model/storetest"
)

// counter opens the database at url as a counter on a computer of its own (its name and
// data folder), on clock.
func counter(t *testing.T, url, name string, clock model.Clock) *postgres.DB {
	t.Helper()
	db := openAt(t, url)
	db.Computer, db.DataDir, db.Now = name, t.TempDir(), clock
	return db
}

// dailyFiles lists the automatic backups of day in the counters' folders.
func dailyFiles(day time.Time, dbs ...*postgres.DB) []string {
	var found []string
	for _, db := range dbs {
		if _, err := os.Stat(backupdir.Daily(db.BackupDir(), day)); err == nil {
			found = append(found, backupdir.Daily(db.BackupDir(), day))
		}
	}
	return found
}

// Two counters starting together each day: one of them writes the day's backup, into its
// own folder, and neither writes another that day; the server records each day once.
func TestDailyBackupOnceADayAcrossCounters(t *testing.T) {
	ctx := context.Background()
	u := pgtest.Shared(t).Database(t)
	day := time.Date(2026, 11, 21, 8, 30, 0, 0, time.Local)
	clock := func() time.Time { return day }
	a, b := counter(t, u, "COUNTER-1", clock), counter(t, u, "COUNTER-2", clock)
	f := storetest.Seed(t, a)
	storetest.MustCreate(t, a, f.NewCase("DAILY-1"))

	for d := 0; d < 4; d++ {
		day = time.Date(2026, 11, 21+d, 8, 30, 0, 0, time.Local)
		start := make(chan struct{})
		var wg sync.WaitGroup
		infos := make([]*model.BackupInfo, 2)
		errs := make([]error, 2)
		for i, db := range []*postgres.DB{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				infos[i], errs[i] = db.DailyBackup(ctx)
			}()
		}
		close(start)
		wg.Wait()
		if errs[0] != nil || errs[1] != nil || (infos[0] == nil) == (infos[1] == nil) {
			t.Fatalf("day %d: %+v %+v, %v %v; want one backup", d, infos[0], infos[1], errs[0], errs[1])
		}
		for _, db := range []*postgres.DB{b, a} {
			if again, err := db.DailyBackup(ctx); err != nil || again != nil {
				t.Fatalf("day %d, %s again: %+v, %v; want no second backup", d, db.Computer, again, err)
			}
		}
		files := dailyFiles(day, a, b)
		if len(files) != 1 {
			t.Fatalf("day %d: daily backups %v, want one", d, files)
		}
		if info, err := a.CheckBackup(ctx, files[0]); err != nil || info.Cases != 1 {
			t.Errorf("day %d: the backup does not check: %+v, %v", d, info, err)
		}
	}
	var days, rows int
	if err := rawDB(t, u).QueryRowContext(ctx, `SELECT count(DISTINCT day), count(*) FROM daily_backups`).Scan(&days, &rows); err != nil || days != 4 || rows != 4 {
		t.Errorf("the server recorded %d backups of %d days (%v), want 4 of 4", rows, days, err)
	}
}

// A counter that starts while another writes the day's backup (it holds the lock) writes
// none and reports no failure; once the lock is free, it writes the day's backup.
func TestDailyBackupLeavesItToTheCounterWritingIt(t *testing.T) {
	ctx := context.Background()
	u := pgtest.Shared(t).Database(t)
	a := counter(t, u, "COUNTER-1", time.Now)
	conn, err := rawDB(t, u).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(postgres.DailyLock)); err != nil {
		t.Fatal(err)
	}
	if info, err := a.DailyBackup(ctx); err != nil || info != nil {
		t.Fatalf("while another counter writes it: %+v, %v", info, err)
	}
	if st, err := a.BackupStatus(ctx); err != nil || st.LastFile != "" || st.Failed.Key != "" || st.Running {
		t.Errorf("status while another counter writes it: %+v, %v", st, err)
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, int64(postgres.DailyLock)); err != nil {
		t.Fatal(err)
	}
	if info, err := a.DailyBackup(ctx); err != nil || info == nil {
		t.Fatalf("after: %+v, %v", info, err)
	}
}

// The status says where this computer's backups of the server are and which computer holds
// the newest; a counter whose backup failed says why and leaves the day to the others; a
// restore keeps the server's content in this computer's folder first.
func TestBackupStatusOnServer(t *testing.T) {
	ctx := context.Background()
	u := pgtest.Shared(t).Database(t)
	a, b := counter(t, u, "COUNTER-1", time.Now), counter(t, u, "COUNTER-2", time.Now)
	f := storetest.Seed(t, a)
	storetest.MustCreate(t, a, f.NewCase("STATUS-1"))
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	server := fmt.Sprintf("127.0.0.1:%s%s", parsed.Port(), parsed.Path)
	folder := fmt.Sprintf("127.0.0.1-%s-%s", parsed.Port(), strings.TrimPrefix(parsed.Path, "/"))

	st, err := b.BackupStatus(ctx)
	if err != nil || st.Dir != filepath.Join(b.DataDir, "backups", folder) || st.Server != server ||
		st.Computer != "COUNTER-2" || st.LastFile != "" || st.LastComputer != "" {
		t.Fatalf("before any backup: %+v, %v", st, err)
	}

	// A counter whose folder cannot be made: its failure is told, the day stays open.
	broken := counter(t, u, "BROKEN", time.Now)
	if err := os.WriteFile(filepath.Join(broken.DataDir, "backups"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := broken.DailyBackup(ctx); err == nil {
		t.Fatal("the daily backup into a file did not fail")
	}
	if st, _ := broken.BackupStatus(ctx); st.Failed.Key == "" {
		t.Errorf("the failure is not told: %+v", st)
	}

	info, err := a.DailyBackup(ctx)
	if err != nil || info == nil {
		t.Fatalf("a's daily backup: %+v, %v", info, err)
	}
	for _, db := range []*postgres.DB{a, b} {
		st, err := db.BackupStatus(ctx)
		if err != nil || st.LastFile != info.File || st.LastComputer != "COUNTER-1" || st.LastAt.IsZero() ||
			st.Dir != db.BackupDir() || st.Failed.Key != "" {
			t.Errorf("%s's status after COUNTER-1's daily backup: %+v, %v", db.Computer, st, err)
		}
	}

	// b restores a's daily backup: the server's content is kept in b's folder first.
	storetest.MustCreate(t, a, f.NewCase("AFTER-1"))
	rep, err := b.Restore(ctx, info.File)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(rep.Kept) != b.BackupDir() || !strings.HasPrefix(filepath.Base(rep.Kept), "returndesk-before-restore-") {
		t.Errorf("kept the server's content as %s, want it in %s", rep.Kept, b.BackupDir())
	}
	if _, total, err := a.FindCases(ctx, model.CaseFilter{}); err != nil || total != 1 {
		t.Errorf("after the restore COUNTER-1 sees %d cases (%v), want 1", total, err)
	}
	if kept, err := b.CheckBackup(ctx, rep.Kept); err != nil || kept.Cases != 2 {
		t.Errorf("the kept backup: %+v, %v", kept, err)
	}
	if st, err := b.BackupStatus(ctx); err != nil || st.LastFile != rep.Kept || st.LastComputer != "COUNTER-2" {
		t.Errorf("b's status after its restore: %+v, %v", st, err)
	}
}
