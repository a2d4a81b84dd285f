package sqlite

// The backups of a database on another engine (a PostgreSQL server) are the same .rdbak
// files: a new SQLite database of this build's schema, which the copier of package sqlstore
// fills from a read snapshot of the server, turned into rollback-journal mode like a
// VACUUM INTO snapshot. So CheckBackup and Restore read them as any backup, and a backup
// of either engine restores into the other.

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"returndesk/model"
	"returndesk/model/backupdir"
	"returndesk/model/sqlstore"
	"returndesk/outfile"
)

// BackupStore writes a backup of src, a store of any engine, to path, which must not
// exist yet; the file appears whole or not at all.
func BackupStore(ctx context.Context, src *sqlstore.Store, path string) (*model.BackupInfo, error) {
	if err := (outfile.Guard{}).Check(path); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, model.Wrap(model.EINVALID, err, "backup file %q", path)
	}
	var info *model.BackupInfo
	err = outfile.Create(abs, 0o600, func(f *os.File) (err error) {
		info, err = fillFromStore(ctx, src, f.Name(), abs)
		return err
	})
	if errors.Is(err, fs.ErrExist) {
		return nil, model.Errorf(model.ECONFLICT, "%s already exists; choose a new file for the backup", abs)
	}
	if err != nil {
		if errors.As(err, new(*model.Error)) {
			return nil, err // the store's or the check's own words
		}
		return nil, fileError(err, model.T("backup to %s failed", abs))
	}
	return info, nil
}

// fillFromStore copies src into the empty file and checks the result as a restore will.
func fillFromStore(ctx context.Context, src *sqlstore.Store, file, name string) (*model.BackupInfo, error) {
	b, err := Open(file)
	if err != nil {
		return nil, err
	}
	_, err = src.CopyInto(ctx, b.Store)
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	// A backup is one file: out of WAL mode, which the closing checkpoint emptied.
	j, err := sql.Open("sqlite3", fileURI(file)+"?_journal_mode=DELETE&_synchronous=FULL")
	if err != nil {
		return nil, err
	}
	missing, err := missingPictures(ctx, j)
	if cerr := j.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	info, err := checkBackup(ctx, file, name)
	if err != nil {
		return nil, err
	}
	info.MissingPhotos = missing
	return info, nil
}

// missingPictures lists the photos of the backup in b that have no picture (their file
// was missing when they moved into the database), as a file's backup reports them.
func missingPictures(ctx context.Context, b *sql.DB) ([]string, error) {
	tx, err := b.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return photosWithoutPicture(ctx, tx)
}

// RestoreStore replaces everything in dst, a store of another engine, with the backup at
// path: the backup is copied aside and checked (as Restore does) and upgraded when older,
// the current content of dst is kept as a backup in the folder dir, and then dst's content
// is replaced in one of its transactions.
func RestoreStore(ctx context.Context, dst *sqlstore.Store, path, dir string) (*model.RestoreReport, error) {
	if err := checkBackupFile(path); err != nil {
		return nil, err
	}
	if err := backupdir.Make(dir); err != nil {
		return nil, err
	}
	// The staging copy has a folder of its own: opening an older one upgrades it, which
	// writes its backup before the upgrade beside it.
	tmp, err := os.MkdirTemp(dir, ".restore-")
	if err != nil {
		return nil, model.WriteError(err, model.T("nothing was restored: cannot copy %s", path))
	}
	defer os.RemoveAll(tmp)
	staging, err := copyToTemp(path, tmp)
	if model.IsBadInput(err) {
		return nil, model.Wrap(model.EINVALID, err, "%s", path)
	}
	if err != nil {
		return nil, model.WriteError(err, model.T("nothing was restored: cannot copy %s", path))
	}
	info, err := checkBackup(ctx, staging, path)
	if err != nil {
		return nil, err
	}
	if err := os.Rename(staging, filepath.Join(tmp, "restore.db")); err != nil {
		return nil, err
	}
	backup, err := Open(filepath.Join(tmp, "restore.db"))
	if err != nil {
		return nil, err
	}
	defer backup.Close()

	kept, err := backupStampedIn(ctx, dst, dir, "before-restore")
	if err != nil {
		return nil, model.Wrap(model.EINTERNAL, err, "nothing was restored: keeping the current database failed")
	}
	if _, err := dst.ReplaceWith(ctx, backup.Store); err != nil {
		return nil, model.Wrap(model.EINTERNAL, err, "restoring %s failed, the database is unchanged", path)
	}
	return &model.RestoreReport{Backup: *info, Kept: kept.File, PhotosWritten: photosMovedIn(info),
		Upgraded: info.SchemaVersion < KnownSchemaVersion()}, nil
}

// backupStampedIn writes a backup of src to dir named for why and when, as backupStamped
// names the backups of a file.
func backupStampedIn(ctx context.Context, src *sqlstore.Store, dir, why string) (*model.BackupInfo, error) {
	return backupdir.Stamped(dir, why, src.Clock()(), func(name string) (*model.BackupInfo, error) {
		return BackupStore(ctx, src, name)
	})
}
