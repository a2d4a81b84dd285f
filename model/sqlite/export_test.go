package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// CreateAtSchemaVersion creates a database at path with only the first v migrations, as an
// older ReturnDesk left it.
func CreateAtSchemaVersion(path string, v int) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	if err := createPrivate(path); err != nil {
		return err
	}
	db := newDB(path, "")
	if db.w, err = sql.Open("sqlite3", writerDSN(path)); err != nil {
		return err
	}
	defer db.w.Close()
	for {
		done, err := db.migrateOne(context.Background(), ms[:v])
		if err != nil || done {
			return err
		}
	}
}

// WriterDSN and ReaderDSN open the database file as DB's writer and readers do, with the
// same pragmas.
func WriterDSN(path string) string { return writerDSN(path) }
func ReaderDSN(path string) string { return readerDSN(path) }

// SetLockWaits sets how long a writer waits for the lock before it says so and before it
// gives up on a holder that makes no progress; the returned function restores them.
func SetLockWaits(announce, stuck time.Duration) (restore func()) {
	a, s := announceAfter, stuckAfter
	announceAfter, stuckAfter = announce, stuck
	return func() { announceAfter, stuckAfter = a, s }
}

// WritingNote is the file a long write leaves beside the database while it holds the lock.
func WritingNote(path string) string { return path + writingSuffix }

// LimitPages caps the database file at n pages more than it has, for the writer's
// connection: writing beyond fails as on a full disk (SQLITE_FULL).
func LimitPages(db *DB, n int) error {
	var pages int
	if err := db.w.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		return err
	}
	_, err := db.w.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+n))
	return err
}

// OpenUnmigrated opens the database at path as it is, without bringing its schema up to
// date: to fill a database of an older schema with those of the store's writes its schema
// has (cases, settings).
func OpenUnmigrated(path string) (*DB, error) {
	db := newDB(path, "")
	var err error
	if db.w, err = sql.Open("sqlite3", writerDSN(path)); err != nil {
		return nil, err
	}
	db.w.SetMaxOpenConns(1)
	if err := db.w.Ping(); err != nil {
		return nil, err
	}
	if db.r, err = sql.Open("sqlite3", readerDSN(path)); err != nil {
		db.w.Close()
		return nil, err
	}
	return db, nil
}
