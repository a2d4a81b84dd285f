package sqlite

// A backup is ONE SQLite file, so that PRAGMA integrity_check covers all of it: a VACUUM
// INTO snapshot of the database. VACUUM INTO reads in one read transaction, so the snapshot
// is consistent while the app keeps writing: a claim is in it with all its lines or not at
// all. From schema version 6 the photos are in the database and so in the snapshot. A
// database of an older schema (the backup taken before its upgrade) kept them as files:
// they are added to its snapshot, in one transaction, as rows of backup_photos (file, data,
// sha256), as that older ReturnDesk did; restore and upgrade move them in.

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"returndesk/model"
	"returndesk/outfile"
)

// Backup writes a backup of the database and its photos to path, which must not exist
// yet; the file is owner-only like the database itself.
func (db *DB) Backup(ctx context.Context, path string) (*model.BackupInfo, error) {
	if err := (outfile.Guard{DB: db.path}).Check(path); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, model.Wrap(model.EINVALID, err, "backup file %q", path)
	}
	return db.writeBackup(ctx, abs, true)
}

// writeBackup writes the backup through outfile, so that dst is never a half-written
// backup. With reserve, dst must not exist and no file is ever replaced.
func (db *DB) writeBackup(ctx context.Context, dst string, reserve bool) (*model.BackupInfo, error) {
	var info *model.BackupInfo
	fill := func(f *os.File) (err error) {
		info, err = db.fillBackup(ctx, f.Name())
		return err
	}
	write := outfile.Replace
	if reserve {
		write = outfile.Create
	}
	err := write(dst, 0o600, fill)
	if errors.Is(err, fs.ErrExist) {
		return nil, model.Errorf(model.ECONFLICT, "%s already exists; choose a new file for the backup", dst)
	}
	if err != nil {
		return nil, fileError(err, model.T("backup to %s failed", dst))
	}
	info.File = dst
	if fi, err := os.Stat(dst); err == nil {
		info.Size = fi.Size()
	}
	return info, nil
}

// fillBackup writes the snapshot and the photos into file, an empty file.
func (db *DB) fillBackup(ctx context.Context, file string) (*model.BackupInfo, error) {
	// A reader takes the snapshot so that writers are not held up; while Open upgrades an
	// older schema the readers are not open yet and the writer does it.
	snap := db.r
	if snap == nil {
		snap = db.w
	}
	if _, err := snap.ExecContext(ctx, "VACUUM INTO ?", file); err != nil {
		return nil, err
	}
	// The snapshot is in rollback-journal mode: a backup stays one file.
	b, err := sql.Open("sqlite3", fileURI(file)+"?_synchronous=FULL")
	if err != nil {
		return nil, err
	}
	defer b.Close()
	b.SetMaxOpenConns(1)
	tx, err := b.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	_, v, err := recordedVersion(ctx, tx)
	if err != nil {
		return nil, err
	}
	var missing []string
	if v < picturesInDatabase {
		missing, err = addPhotos(ctx, tx, filepath.Dir(db.path))
	} else {
		missing, err = photosWithoutPicture(ctx, tx)
	}
	if err != nil {
		return nil, err
	}
	info, err := summarize(ctx, tx)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	info.MissingPhotos = missing
	return info, nil
}

// addPhotos copies the files of the photos an older schema's snapshot names into
// backup_photos and returns those missing from the data folder. A photo already there (a
// restored older backup not yet upgraded) is kept.
func addPhotos(ctx context.Context, tx *sql.Tx, dataDir string) (missing []string, err error) {
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS backup_photos (
		file   TEXT PRIMARY KEY,
		data   BLOB NOT NULL,
		sha256 TEXT NOT NULL)`); err != nil {
		return nil, err
	}
	if ok, err := tableExists(ctx, tx, "case_photos"); err != nil || !ok {
		return nil, err // a schema from before photos
	}
	files, err := queryStrings(ctx, tx, `SELECT DISTINCT file FROM case_photos
		WHERE file NOT IN (SELECT file FROM backup_photos) ORDER BY file`)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if !photoFileOK(f) {
			missing = append(missing, f) // a name AddPhoto would refuse: never read outside the photo folder
			continue
		}
		data, err := os.ReadFile(filepath.Join(dataDir, filepath.FromSlash(f)))
		if errors.Is(err, fs.ErrNotExist) {
			missing = append(missing, f)
			continue
		}
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO backup_photos (file, data, sha256) VALUES (?, ?, ?)`,
			f, data, model.PictureSum(data)); err != nil {
			return nil, err
		}
	}
	return missing, nil
}

// photosWithoutPicture lists the photos whose file was missing when they moved into the
// database.
func photosWithoutPicture(ctx context.Context, tx *sql.Tx) ([]string, error) {
	return queryStrings(ctx, tx, `SELECT file FROM case_photos WHERE data IS NULL ORDER BY file`)
}

// queryStrings returns the one column of every row of query.
func queryStrings(ctx context.Context, tx *sql.Tx, query string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// summarize counts what a backup holds.
func summarize(ctx context.Context, tx *sql.Tx) (*model.BackupInfo, error) {
	_, v, err := recordedVersion(ctx, tx)
	if err != nil {
		return nil, err
	}
	info := &model.BackupInfo{SchemaVersion: v}
	photos := "backup_photos" // an older schema's: the photos packed beside the snapshot
	if v >= picturesInDatabase {
		photos = "case_photos WHERE data IS NOT NULL"
	}
	for _, c := range []struct {
		table, from string
		n           *int
	}{{"cases", "cases", &info.Cases}, {"claims", "claims", &info.Claims}, {strings.Fields(photos)[0], photos, &info.Photos}} {
		if ok, err := tableExists(ctx, tx, c.table); err != nil || !ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+c.from).Scan(c.n); err != nil {
			return nil, err
		}
	}
	return info, nil
}

func tableExists(ctx context.Context, tx *sql.Tx, name string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, name).Scan(&n)
	return n > 0, err
}

// photoFileOK accepts exactly the photo file names model.Photo.Validate accepts: a
// generated name inside the photo folder, nothing that could leave it.
func photoFileOK(file string) bool {
	p := model.Photo{CaseID: 1, File: file, Format: "png", Width: 1, Height: 1, Size: 1}
	return p.Validate() == nil
}
