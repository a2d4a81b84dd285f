package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"returndesk/model"
	"returndesk/outfile"
)

// restoreBusyWait bounds how long a restore waits for other connections (another window,
// another process) to finish writing before it gives up.
const restoreBusyWait = 2 * time.Minute

// Restore replaces the database with the backup at path. It works on a private copy of the
// file, so what is checked is what is restored: the copy is checked (see CheckBackup)
// before anything changes; then the current database is kept as a backup in BackupDir and
// the database's content (its photos with it) is replaced with SQLite's online backup, in
// one transaction that other connections and processes see whole. A backup from an older
// ReturnDesk is then upgraded, which moves the photos it packed as files into the
// database; no file is written.
func (db *DB) Restore(ctx context.Context, path string) (*model.RestoreReport, error) {
	if err := checkBackupFile(path); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, model.Wrap(model.EINVALID, err, "backup file %q", path)
	}
	if same(abs, db.path) {
		return nil, model.Errorf(model.EINVALID, "%s is the database in use; choose a backup file", path)
	}
	dir, err := db.backupFolder()
	if err != nil {
		return nil, err
	}
	staging, err := copyToTemp(abs, dir)
	if model.IsBadInput(err) {
		return nil, model.Wrap(model.EINVALID, err, "%s", path)
	}
	if err != nil {
		return nil, model.WriteError(err, model.T("nothing was restored: cannot copy %s", path))
	}
	defer os.Remove(staging)
	info, err := checkBackup(ctx, staging, path)
	if err != nil {
		return nil, err
	}

	kept, err := db.keepBeforeRestore(ctx, dir)
	if err != nil {
		return nil, err
	}
	rep := &model.RestoreReport{Backup: *info, Kept: kept, PhotosWritten: photosMovedIn(info)}
	if err := db.replaceWith(ctx, staging, info.SchemaVersion); err != nil {
		return nil, model.Wrap(model.EINTERNAL, err, "restoring %s failed, the database is unchanged", path)
	}
	if info.SchemaVersion < KnownSchemaVersion() {
		// No backup before this upgrade: the backup file is that copy.
		ms, err := loadMigrations()
		if err == nil {
			err = db.applyMigrations(ctx, ms)
		}
		if err != nil {
			return nil, model.Wrap(model.EINTERNAL, err, "restored %s but could not upgrade it", path)
		}
		rep.Upgraded = true
	}
	return rep, nil
}

// keepBeforeRestore keeps the database about to be replaced in dir and returns the file: a
// backup as usual, or, when SQLite cannot read the database through (a damaged page), a
// copy of its files byte for byte, which is what a damaged database needs kept.
func (db *DB) keepBeforeRestore(ctx context.Context, dir string) (string, error) {
	kept, err := db.backupStamped(ctx, "before-restore")
	if err == nil {
		return kept.File, nil
	}
	if problem := quickCheck(ctx, db.path, false); problem == "" {
		return "", model.Wrap(model.EINTERNAL, err, "nothing was restored: keeping the current database failed")
	}
	return copyAside(db.path, dir, db.Clock()())
}

// same reports whether the two paths name one file.
func same(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// copyToTemp copies the file src into a new temporary file in dir.
func copyToTemp(src, dir string) (string, error) {
	in, _, err := outfile.OpenInput(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := outfile.Temp(dir)
	if err != nil {
		return "", err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

// photosMovedIn is how many photos restoring the backup moves into the database: those an
// older backup packed as files (the upgrade after the restore moves them in).
func photosMovedIn(info *model.BackupInfo) int {
	if info.SchemaVersion < picturesInDatabase {
		return info.Photos
	}
	return 0
}

// replaceWith copies the backup in staging over the database with SQLite's online backup.
// The copy is one write transaction: readers see the old content or the new, never a mix,
// even in another process that has the file open, and nothing is renamed under them.
func (db *DB) replaceWith(ctx context.Context, staging string, version int) error {
	var pageSize int
	if err := db.w.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&pageSize); err != nil {
		return err
	}
	if err := stripBackup(ctx, staging, pageSize, version); err != nil {
		return err
	}
	src, err := sql.Open("sqlite3", fileURI(staging)+"?mode=ro")
	if err != nil {
		return err
	}
	defer src.Close()
	srcConn, err := src.Conn(ctx)
	if err != nil {
		return err
	}
	defer srcConn.Close()
	dstConn, err := db.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer dstConn.Close()
	ctx, cancel := context.WithTimeout(ctx, restoreBusyWait)
	defer cancel()
	return dstConn.Raw(func(d any) error {
		return srcConn.Raw(func(s any) error {
			return copyPages(ctx, d.(*sqlite3.SQLiteConn), s.(*sqlite3.SQLiteConn))
		})
	})
}

// stripBackup turns the staging copy into the database to restore, with the live
// database's page size, which SQLite's backup into a WAL database requires. The photos an
// older backup packed (backup_photos) stay for the upgrade that follows to move in; a
// backup_photos table in a newer one is no photos of its and goes. The copy is rewritten
// (VACUUM) only when either asks for it, so that no pages come in as free space.
func stripBackup(ctx context.Context, staging string, pageSize, version int) error {
	s, err := sql.Open("sqlite3", fileURI(staging)+"?_journal_mode=DELETE")
	if err != nil {
		return err
	}
	defer s.Close()
	s.SetMaxOpenConns(1)
	var photos bool
	var stagingPageSize int
	if err := s.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&stagingPageSize); err != nil {
		return err
	}
	if version >= picturesInDatabase {
		if err := s.QueryRowContext(ctx, `SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'backup_photos'`).Scan(&photos); err != nil {
			return err
		}
		if _, err := s.ExecContext(ctx, `DROP TABLE IF EXISTS backup_photos`); err != nil {
			return err
		}
	}
	if !photos && stagingPageSize == pageSize {
		return nil
	}
	for _, stmt := range []string{fmt.Sprintf(`PRAGMA page_size = %d`, pageSize), `VACUUM`} {
		if _, err := s.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}

// copyPages runs an online backup from src into dst's main database, waiting while
// another connection holds the lock.
func copyPages(ctx context.Context, dst, src *sqlite3.SQLiteConn) error {
	b, err := dst.Backup("main", src, "main")
	if err != nil {
		return err
	}
	for {
		done, err := b.Step(-1)
		if err != nil || done {
			if ferr := b.Finish(); err == nil {
				err = ferr
			}
			return err
		}
		select { // busy: another connection is writing
		case <-ctx.Done():
			b.Finish()
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return errors.New("the database stayed busy; close the other ReturnDesk windows and try again")
			}
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}
