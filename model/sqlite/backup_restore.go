package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
// before anything changes; then the current database is kept as a backup in BackupDir, the
// photos are written (new files only, inside the photo folder), and the database's content
// is replaced with SQLite's online backup, in one transaction that other connections and
// processes see whole. A backup from an older ReturnDesk is then upgraded.
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
	rep := &model.RestoreReport{Backup: *info, Kept: kept}
	if rep.PhotosWritten, err = restorePhotos(ctx, staging, filepath.Dir(db.path)); err != nil {
		return nil, err
	}
	if err := db.replaceWith(ctx, staging); err != nil {
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

// restorePhotos writes the backup's photos into the photo folder of dataDir and returns
// how many it wrote. It only adds files: a photo already there with the same content is
// left alone, and one with other content stops the restore before the database changes.
func restorePhotos(ctx context.Context, staging, dataDir string) (int, error) {
	return readFile(ctx, readURI(staging, true), func(tx *sql.Tx) (int, error) {
		if ok, err := tableExists(ctx, tx, "backup_photos"); err != nil || !ok {
			return 0, err
		}
		if err := os.MkdirAll(filepath.Join(dataDir, model.PhotoDir), 0o700); err != nil {
			return 0, model.Wrap(model.EINTERNAL, err, "cannot create the photo folder")
		}
		rows, err := tx.QueryContext(ctx, `SELECT file, data FROM backup_photos`)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		written := 0
		for rows.Next() {
			var file string
			var data []byte
			if err := rows.Scan(&file, &data); err != nil {
				return written, err
			}
			if !photoFileOK(file) { // checked already; never write outside the photo folder
				return written, model.Errorf(model.EINVALID, "the backup holds a photo named %q", file)
			}
			path := filepath.Join(dataDir, filepath.FromSlash(file))
			old, err := os.ReadFile(path)
			if err == nil {
				if !bytes.Equal(old, data) {
					return written, model.Errorf(model.ECONFLICT,
						"nothing was restored: %s already exists with other content than the backup's photo", path)
				}
				continue
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return written, model.Wrap(model.EINTERNAL, err, "cannot read %s", path)
			}
			if err := outfile.CreateBytes(path, 0o600, data); err != nil {
				return written, model.Wrap(model.EINTERNAL, err, "nothing was restored: cannot write photo %s", path)
			}
			written++
		}
		return written, rows.Err()
	})
}

// replaceWith copies the backup in staging over the database with SQLite's online backup.
// The copy is one write transaction: readers see the old content or the new, never a mix,
// even in another process that has the file open, and nothing is renamed under them.
func (db *DB) replaceWith(ctx context.Context, staging string) error {
	var pageSize int
	if err := db.w.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&pageSize); err != nil {
		return err
	}
	if err := stripBackup(ctx, staging, pageSize); err != nil {
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

// stripBackup turns the staging copy into the database to restore: without the photos
// (written to files already) and with the live database's page size, which SQLite's
// backup into a WAL database requires. It is rewritten (VACUUM) only when either asks for
// it, so that the photos' pages do not come into the database as free space.
func stripBackup(ctx context.Context, staging string, pageSize int) error {
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
	if err := s.QueryRowContext(ctx, `SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'backup_photos'`).Scan(&photos); err != nil {
		return err
	}
	if photos {
		if err := s.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM backup_photos)`).Scan(&photos); err != nil {
			return err
		}
	}
	if _, err := s.ExecContext(ctx, `DROP TABLE IF EXISTS backup_photos`); err != nil {
		return err
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
