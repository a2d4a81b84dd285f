package sqlite

import (
	"context"
	"os"
	"path/filepath"

	"returndesk/model"
	"returndesk/model/backupdir"
)

// BackupDir is the folder of the automatic backups: backups/ beside the database.
func (db *DB) BackupDir() string { return filepath.Join(filepath.Dir(db.path), backupdir.Name) }

// backupFolder creates the backup folder, owner-only, when missing.
func (db *DB) backupFolder() (string, error) {
	dir := db.BackupDir()
	return dir, backupdir.Make(dir)
}

// DailyBackup writes today's automatic backup, returndesk-YYYY-MM-DD.rdbak in BackupDir,
// unless it exists already (then it returns nil and no error), and keeps only the newest
// backupdir.Keep of them. The file appears whole or not at all.
func (db *DB) DailyBackup(ctx context.Context) (*model.BackupInfo, error) {
	return db.daily.Run(func() (*model.BackupInfo, error) { return db.dailyBackup(ctx) })
}

func (db *DB) dailyBackup(ctx context.Context) (*model.BackupInfo, error) {
	dir, err := db.backupFolder()
	if err != nil {
		return nil, err
	}
	backupdir.RemoveStaleTemps(dir)
	dst := backupdir.Daily(dir, db.Clock()())
	var info *model.BackupInfo
	if _, err := os.Stat(dst); err != nil {
		// Two windows starting at once may both write one; the last rename wins, both are whole.
		if info, err = db.writeBackup(ctx, dst, false); err != nil {
			return nil, err
		}
	}
	return info, backupdir.Prune(dir)
}

// backupStamped writes a backup to BackupDir named for why it was taken and when, e.g.
// returndesk-before-restore-2026-11-21-153012.rdbak; it never replaces a file.
func (db *DB) backupStamped(ctx context.Context, why string) (*model.BackupInfo, error) {
	dir, err := db.backupFolder()
	if err != nil {
		return nil, err
	}
	return backupdir.Stamped(dir, why, db.Clock()(), func(name string) (*model.BackupInfo, error) {
		return db.writeBackup(ctx, name, true)
	})
}

// BackupStatus reports the backup folder, the newest backup in it (of any kind) and how
// today's automatic backup went.
func (db *DB) BackupStatus(ctx context.Context) (model.BackupStatus, error) {
	return db.daily.Status(db.BackupDir())
}
