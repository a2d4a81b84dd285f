package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"runtime"

	"returndesk/model"
	"returndesk/model/sqlstore"
)

// openReadOnly opens a database that cannot be written (why says what stops it) for
// reading: the window can show it, and every change is refused with EREADONLY instead
// of failing halfway. A database that would need upgrading cannot be used this way.
func openReadOnly(abs, why string) (*DB, error) {
	db := newDB(abs, why)
	// Without a -wal file nobody is writing it, and immutable needs no -shm, which a
	// read-only folder or disk could not hold.
	_, walErr := os.Stat(abs + "-wal")
	immutable := errors.Is(walErr, fs.ErrNotExist)
	r, err := sql.Open("sqlite3", readURI(abs, immutable)+"&_busy_timeout=10000")
	if err != nil {
		return nil, wrapOpen(abs, err)
	}
	n := max(4, runtime.NumCPU())
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	db.r = r
	v, err := db.SchemaVersion(context.Background())
	if err != nil {
		db.Close()
		return nil, openError(abs, err)
	}
	if v > KnownSchemaVersion() {
		db.Close()
		return nil, sqlstore.NewerSchema(v, KnownSchemaVersion())
	}
	if v < KnownSchemaVersion() {
		db.Close()
		return nil, model.Errorf(model.EREADONLY,
			"%s is read-only (%s) and from an older ReturnDesk, so it cannot be upgraded; copy it somewhere writable", abs, why)
	}
	return db, nil
}

// ReadOnly says why the database cannot be written, "" when it can.
func (db *DB) ReadOnly() string { return db.readOnly }

func (db *DB) readOnlyError() error {
	return model.Errorf(model.EREADONLY, "the database %s is read-only (%s): nothing can be changed", db.path, db.readOnly)
}

// fileExists reports whether something exists at path.
func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// NotifyWaits has f told, in one line, when a write waits for another writer's lock (see
// OnWait); the window shows it. Set it before the store is used.
func (db *DB) NotifyWaits(f func(line string)) { db.OnWait = f }
