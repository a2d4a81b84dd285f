package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"

	"returndesk/model"
)

// CheckBackup checks the backup at path without changing it or anything else: that it is
// a sound SQLite file (PRAGMA integrity_check, foreign keys), a ReturnDesk database of a
// schema this build can use, and that every photo in it is intact (its SHA-256).
func (db *DB) CheckBackup(ctx context.Context, path string) (*model.BackupInfo, error) {
	return CheckBackup(ctx, path)
}

// CheckBackup checks the backup at path as DB.CheckBackup does, for a store of any engine:
// a backup is an SQLite file whatever the database it was taken of.
func CheckBackup(ctx context.Context, path string) (*model.BackupInfo, error) {
	if err := checkBackupFile(path); err != nil {
		return nil, err
	}
	return checkBackup(ctx, path, path)
}

// checkBackupFile refuses what is no backup before SQLite sees it: no file, a folder, an
// empty file, or a database in use (its last commits may be in a -wal file beside it).
func checkBackupFile(path string) error {
	if strings.TrimSpace(path) == "" {
		return model.Invalid("file", "no backup file given")
	}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return model.Errorf(model.EINVALID, "%s does not exist", path)
	}
	if err != nil {
		return model.Wrap(model.EINVALID, err, "cannot read %s", path)
	}
	if err := model.NotAFile(fi); err != nil {
		return model.Wrap(model.EINVALID, err, "%s", path)
	}
	if fi.Size() == 0 {
		return model.Errorf(model.EINVALID, "%s is not a ReturnDesk backup (the file is empty)", path)
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return model.Errorf(model.EINVALID,
			"%s is a database in use (it has a -wal file), not a backup; make one with returndesk backup", path)
	}
	return nil
}

// checkBackup checks the backup in file; name is what messages call it.
func checkBackup(ctx context.Context, file, name string) (*model.BackupInfo, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return nil, model.Wrap(model.EINVALID, err, "cannot read %s", name)
	}
	// immutable: only read, without locks, and no -wal or -shm appears beside the file
	// (which may sit on a read-only stick).
	b, err := sql.Open("sqlite3", fileURI(file)+"?mode=ro&immutable=1")
	if err != nil {
		return nil, notBackup(name, err)
	}
	defer b.Close()
	tx, err := b.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, notBackup(name, err)
	}
	defer tx.Rollback()

	if err := integrityCheck(ctx, tx, name); err != nil {
		return nil, err
	}
	exists, v, err := recordedVersion(ctx, tx)
	if err != nil {
		return nil, notBackup(name, err)
	}
	if !exists || v == 0 {
		return nil, model.Errorf(model.EINVALID, "%s is not a ReturnDesk backup (it has no schema version)", name)
	}
	if known := KnownSchemaVersion(); v > known {
		return nil, model.Errorf(model.ECONFLICT,
			"%s is from a newer ReturnDesk (schema version %d; this one knows up to %d); update ReturnDesk to restore it",
			name, v, known)
	}
	if err := checkPhotos(ctx, tx, name, v); err != nil {
		return nil, err
	}
	info, err := summarize(ctx, tx)
	if err != nil {
		return nil, notBackup(name, err)
	}
	info.File, info.Size = name, fi.Size()
	return info, nil
}

// integrityCheck runs PRAGMA integrity_check and foreign_key_check; the first finds damaged
// pages and indexes, the second rows that refer to rows the file lacks.
func integrityCheck(ctx context.Context, tx *sql.Tx, name string) error {
	problems, err := checkProblems(ctx, tx, "integrity_check(3)")
	if err != nil {
		return damaged(name, err)
	}
	if len(problems) > 0 {
		// One line: integrity_check's messages may span several.
		msg := strings.Join(strings.Fields(strings.Join(problems, "; ")), " ")
		return model.Errorf(model.EINVALID, "%s failed the integrity check: %s", name, msg)
	}
	var table string
	err = tx.QueryRowContext(ctx, `SELECT "table" FROM pragma_foreign_key_check LIMIT 1`).Scan(&table)
	if err == nil {
		return model.Errorf(model.EINVALID, "%s failed the integrity check: a row of %s refers to a row that is missing", name, table)
	}
	if err != sql.ErrNoRows {
		return damaged(name, err)
	}
	return nil
}

// checkPhotos checks every photo's name and SHA-256; integrity_check cannot see a changed
// byte inside a picture. The pictures are in case_photos from schema version 6, in
// backup_photos in an older backup.
func checkPhotos(ctx context.Context, tx *sql.Tx, name string, version int) error {
	query := `SELECT file, data, sha256 FROM backup_photos`
	if version >= picturesInDatabase {
		query = `SELECT file, data, coalesce(sha256, '') FROM case_photos WHERE data IS NOT NULL`
	} else if ok, err := tableExists(ctx, tx, "backup_photos"); err != nil || !ok {
		return err // a plain database copy: no photos in it
	}
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return damaged(name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var file, sum string
		var data []byte
		if err := rows.Scan(&file, &data, &sum); err != nil {
			return damaged(name, err)
		}
		if !photoFileOK(file) {
			return model.Errorf(model.EINVALID, "%s is not a ReturnDesk backup (it holds a photo named %q)", name, file)
		}
		if model.PictureSum(data) != sum {
			return model.Errorf(model.EINVALID, "%s failed the integrity check: photo %s is damaged", name, file)
		}
	}
	if err := rows.Err(); err != nil {
		return damaged(name, err)
	}
	return nil
}

// notBackup explains an SQLite error on a file that is not even a database.
func notBackup(name string, err error) error {
	if isNotADatabase(err) {
		return model.Errorf(model.EINVALID, "%s is not a ReturnDesk backup (it is not an SQLite file)", name)
	}
	return damaged(name, err)
}

// damaged explains an SQLite error while reading a backup.
func damaged(name string, err error) error {
	if isNotADatabase(err) {
		return notBackup(name, err)
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	return model.Wrap(model.EINVALID, err, "%s failed the integrity check", name)
}

func isNotADatabase(err error) bool {
	return err != nil && strings.Contains(err.Error(), "file is not a database")
}

// checkProblems runs one of SQLite's checks (integrity_check, quick_check) and returns what
// it found; none when the file is sound.
func checkProblems(ctx context.Context, tx *sql.Tx, pragma string) ([]string, error) {
	lines, err := queryStrings(ctx, tx, `PRAGMA `+pragma)
	return slices.DeleteFunc(lines, func(s string) bool { return s == "ok" }), err
}
