package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"returndesk/model"
	"returndesk/model/sqlstore"
)

//go:embed migration/*.sql
var migrationFiles embed.FS

// loadMigrations reads the embedded migrations in order (see sqlstore.LoadMigrations).
func loadMigrations() ([]sqlstore.Migration, error) { return sqlstore.LoadMigrations(migrationFiles) }

// KnownSchemaVersion is the newest schema version this build of ReturnDesk can use.
func KnownSchemaVersion() int {
	ms, err := loadMigrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// SchemaVersion returns the schema version recorded in the database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	tx, err := db.r.BeginTx(ctx, nil)
	if err != nil {
		return 0, dbError(err)
	}
	defer tx.Rollback()
	_, v, err := recordedVersion(ctx, tx)
	return v, err
}

// recordedVersion reports whether the migrations table exists and the highest version in it.
func recordedVersion(ctx context.Context, tx *sql.Tx) (bool, int, error) {
	var n int
	err := tx.QueryRowContext(ctx,
		`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'migrations'`).Scan(&n)
	if err != nil {
		return false, 0, dbError(err)
	}
	if n == 0 {
		return false, 0, nil
	}
	var v sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(version) FROM migrations`).Scan(&v); err != nil {
		return true, 0, dbError(err)
	}
	return true, int(v.Int64), nil
}

// migrate applies the pending migrations, each in its own transaction. Each transaction
// reads the recorded version first (under the write lock), so two processes opening a
// new file at once apply every migration exactly once; and nothing is written at all to
// a database whose schema is newer than this build knows. Before an older database is
// upgraded, a backup of it is written to BackupDir; without that backup it is not upgraded.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return model.Wrap(model.EINTERNAL, err, "embedded migrations")
	}
	// Read the version before the writer connects: connecting sets WAL mode, which rewrites
	// the header of a rollback-journal file, and its close checkpoints a leftover WAL.
	current, err := peekSchemaVersion(ctx, db.path)
	if err != nil {
		return openError(db.path, err)
	}
	if current > len(ms) {
		return sqlstore.NewerSchema(current, len(ms))
	}
	if current == len(ms) && inWALMode(db.path) {
		// Up to date: only looked at. Taking the write lock here would make every open,
		// even `case list`, wait for a long import in another process.
		return nil
	}
	if current > 0 && current < len(ms) {
		if _, err := db.backupStamped(ctx, fmt.Sprintf("before-upgrade-to-v%d", len(ms))); err != nil {
			return model.Wrap(model.EINTERNAL, err,
				"%s was not upgraded from schema version %d to %d because the backup before the upgrade failed",
				db.path, current, len(ms))
		}
	}
	return db.applyMigrations(ctx, ms)
}

// applyMigrations applies the pending migrations one by one.
func (db *DB) applyMigrations(ctx context.Context, ms []sqlstore.Migration) error {
	for {
		done, err := db.migrateOne(ctx, ms)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next pending migration; done is true when none is left.
func (db *DB) migrateOne(ctx context.Context, ms []sqlstore.Migration) (done bool, err error) {
	var tx *sql.Tx
	if err := db.waitForLock(ctx, func() (err error) {
		tx, err = db.w.BeginTx(ctx, nil)
		return err
	}); err != nil {
		return false, openError(db.path, err)
	}
	defer tx.Rollback()

	exists, current, err := recordedVersion(ctx, tx)
	if err != nil {
		return false, openError(db.path, err)
	}
	if current > len(ms) {
		return false, sqlstore.NewerSchema(current, len(ms))
	}
	if current == len(ms) {
		return true, nil
	}
	if !exists {
		// Never build our tables inside somebody else's database.
		var other string
		err := tx.QueryRowContext(ctx, `SELECT name FROM sqlite_schema
			WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' LIMIT 1`).Scan(&other)
		if err == nil {
			return false, model.Errorf(model.EINVALID,
				"%s is not a ReturnDesk database (it has a table %q but no migrations table)", db.path, other)
		}
		if err != sql.ErrNoRows {
			return false, openError(db.path, err)
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at TEXT NOT NULL)`); err != nil {
			return false, openError(db.path, err)
		}
	}
	m := ms[current]
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return false, model.Wrap(model.EINTERNAL, err, "migration %s failed", m.Name)
	}
	if step := afterMigration[m.Version]; step != nil {
		if err := step(ctx, tx, filepath.Dir(db.path)); err != nil {
			return false, model.Wrap(model.EINTERNAL, err, "migration %s failed", m.Name)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, sqlstore.FormatTime(db.Clock()())); err != nil {
		return false, model.Wrap(model.EINTERNAL, err, "recording migration %s", m.Name)
	}
	if err := tx.Commit(); err != nil {
		return false, model.Wrap(model.EINTERNAL, err, "migration %s failed", m.Name)
	}
	return false, nil
}

// peekSchemaVersion reads the schema version recorded in the file at path without writing
// the file or its -wal, and without creating a -wal or -shm. A missing or empty file is
// version 0.
func peekSchemaVersion(ctx context.Context, path string) (int, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && fi.Size() == 0 {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	// A -wal that holds commits means another process has the file open (or one crashed):
	// the newest version may be in the -wal, and a checkpoint may be writing the file, so
	// only a read-only connection that takes locks reads it right. It writes neither the
	// file nor the -wal; it does take a read mark in the -shm, the WAL's shared-memory
	// index, which holds nothing that is not in the -wal and is rebuilt from it.
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return readSchemaVersion(ctx, path, "mode=ro")
	}
	// Otherwise immutable reads the file alone: no locks, no -wal or -shm created.
	v, err := readSchemaVersion(ctx, path, "mode=ro&immutable=1")
	if err != nil {
		// A process that opened the file meanwhile may be changing it under a read without locks.
		return readSchemaVersion(ctx, path, "mode=ro")
	}
	return v, nil
}

func readSchemaVersion(ctx context.Context, path, params string) (int, error) {
	return readFile(ctx, fileURI(path)+"?"+params, func(tx *sql.Tx) (int, error) {
		_, v, err := recordedVersion(ctx, tx)
		return v, err
	})
}

// readFile opens the database file at uri on its own connection, runs f in one read
// transaction and closes it again: for files that are not the store's (backups, a
// database being looked at before it is opened).
func readFile[T any](ctx context.Context, uri string, f func(tx *sql.Tx) (T, error)) (T, error) {
	var zero T
	c, err := sql.Open("sqlite3", uri)
	if err != nil {
		return zero, err
	}
	defer c.Close()
	tx, err := c.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return zero, err
	}
	defer tx.Rollback()
	return f(tx)
}

// inWALMode reports whether the database file's header says WAL journal mode (bytes 18
// and 19 are 2), as a file this ReturnDesk created or upgraded always is. A file in another
// mode goes through the writer, whose connection switches it to WAL.
func inWALMode(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var h [20]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return false
	}
	return h[18] == 2 && h[19] == 2
}

// openError explains a failure to read the file at all, e.g. when it is not a database.
func openError(path string, err error) error {
	if e, ok := err.(*model.Error); ok {
		return e
	}
	msg := err.Error()
	if strings.Contains(msg, "file is not a database") {
		return model.Errorf(model.EINVALID, "%s is not a ReturnDesk database (it is not an SQLite file)", path)
	}
	return model.Wrap(model.EINTERNAL, err, "cannot open the database %s", path)
}

// fillIndex is the step that fills the search index the migration to version creates, with
// the bulk loader's page cache, giving the writer its usual one back after.
func fillIndex(version int) func(ctx context.Context, tx *sql.Tx, _ string) error {
	return func(ctx context.Context, tx *sql.Tx, _ string) error {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = -%d`, bulkCacheKiB)); err != nil {
			return err
		}
		defer tx.ExecContext(ctx, `PRAGMA cache_size = -2000`) // SQLite's default
		return sqlstore.FillIndex(ctx, tx, dialect, version)
	}
}
