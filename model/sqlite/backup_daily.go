package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"returndesk/model"
	"returndesk/outfile"
)

const (
	// KeepDailyBackups is how many automatic daily backups are kept.
	KeepDailyBackups = 14
	backupDirName    = "backups"
)

// dailyName matches the automatic backups, returndesk-2026-11-21.rdbak: the only backups
// ever deleted. Those kept before a restore or an upgrade stay until the dealer removes them.
var dailyName = regexp.MustCompile(`^returndesk-\d{4}-\d{2}-\d{2}\.rdbak$`)

// dailyState is how today's automatic backup is going, for the Settings screen.
type dailyState struct {
	mu      sync.Mutex
	running bool
	failed  model.Text
}

// BackupDir is the folder of the automatic backups: backups/ beside the database.
func (db *DB) BackupDir() string { return filepath.Join(filepath.Dir(db.path), backupDirName) }

// backupFolder creates the backup folder, owner-only, when missing.
func (db *DB) backupFolder() (string, error) {
	dir := db.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", model.Wrap(model.EINTERNAL, err, "cannot create the backup folder")
	}
	return dir, nil
}

// DailyBackup writes today's automatic backup, returndesk-YYYY-MM-DD.rdbak in BackupDir,
// unless it exists already (then it returns nil and no error), and keeps only the newest
// KeepDailyBackups of them. The file appears whole or not at all.
func (db *DB) DailyBackup(ctx context.Context) (*model.BackupInfo, error) {
	db.daily.mu.Lock()
	db.daily.running, db.daily.failed = true, model.Text{}
	db.daily.mu.Unlock()
	info, err := db.dailyBackup(ctx)
	db.daily.mu.Lock()
	db.daily.running = false
	if err != nil {
		db.daily.failed = model.ErrorText(err)
	}
	db.daily.mu.Unlock()
	return info, err
}

func (db *DB) dailyBackup(ctx context.Context) (*model.BackupInfo, error) {
	dir, err := db.backupFolder()
	if err != nil {
		return nil, err
	}
	removeStaleTemps(dir)
	dst := filepath.Join(dir, "returndesk-"+db.Clock()().Format("2006-01-02")+model.BackupExt)
	var info *model.BackupInfo
	if _, err := os.Stat(dst); err != nil {
		// Two windows starting at once may both write one; the last rename wins, both are whole.
		if info, err = db.writeBackup(ctx, dst, false); err != nil {
			return nil, err
		}
	}
	return info, pruneDaily(dir)
}

// pruneDaily deletes all but the newest KeepDailyBackups automatic backups in dir.
func pruneDaily(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return model.Wrap(model.EINTERNAL, err, "cannot list the backups")
	}
	var daily []string
	for _, e := range entries {
		if e.Type().IsRegular() && dailyName.MatchString(e.Name()) {
			daily = append(daily, e.Name())
		}
	}
	sort.Strings(daily) // the date in the name sorts them oldest first
	for len(daily) > KeepDailyBackups {
		if err := os.Remove(filepath.Join(dir, daily[0])); err != nil {
			return model.Wrap(model.EINTERNAL, err, "cannot delete an old backup")
		}
		daily = daily[1:]
	}
	return nil
}

// removeStaleTemps deletes the temporary files of backups and restores that a crash left
// in dir; those younger than a day may belong to one still running in another window.
// Their age is by the system clock, as their modification times are.
func removeStaleTemps(dir string) {
	old, _ := filepath.Glob(filepath.Join(dir, outfile.TempPattern))
	for _, p := range old {
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > 24*time.Hour {
			os.Remove(p)
		}
	}
}

// backupStamped writes a backup to BackupDir named for why it was taken and when, e.g.
// returndesk-before-restore-2026-11-21-153012.rdbak; it never replaces a file.
func (db *DB) backupStamped(ctx context.Context, why string) (*model.BackupInfo, error) {
	dir, err := db.backupFolder()
	if err != nil {
		return nil, err
	}
	return stamped(dir, why, db.Clock()(), func(name string) (*model.BackupInfo, error) {
		return db.writeBackup(ctx, name, true)
	})
}

// BackupStatus reports the backup folder, the newest backup in it (of any kind) and how
// today's automatic backup went.
func (db *DB) BackupStatus(ctx context.Context) (model.BackupStatus, error) {
	st := model.BackupStatus{Dir: db.BackupDir()}
	db.daily.mu.Lock()
	st.Running, st.Failed = db.daily.running, db.daily.failed
	db.daily.mu.Unlock()
	entries, err := os.ReadDir(st.Dir)
	if os.IsNotExist(err) {
		return st, nil
	}
	if err != nil {
		return st, model.Wrap(model.EINTERNAL, err, "cannot list the backups")
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, "returndesk-") || !strings.HasSuffix(name, model.BackupExt) {
			continue
		}
		fi, err := e.Info()
		if err != nil || fi.Size() == 0 { // an empty file is a name reserved by a backup under way
			continue
		}
		if fi.ModTime().After(st.LastAt) {
			st.LastFile, st.LastAt = filepath.Join(st.Dir, name), fi.ModTime()
		}
	}
	return st, nil
}
