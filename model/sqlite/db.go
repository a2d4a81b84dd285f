// Package sqlite stores ReturnDesk's data in an embedded SQLite database.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"returndesk/model"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// Pragmas for every connection. WAL lets the counter read while another window writes;
// FULL makes a committed case survive a power cut.
const pragmas = "_journal_mode=WAL&_foreign_keys=on&_synchronous=FULL"

// writerDSN opens the writer: BEGIN IMMEDIATE, and a short busy timeout, because a writer
// waits for the lock in waitForLock, which looks at the lock holder between tries.
func writerDSN(path string) string {
	return dsn(path, fmt.Sprintf("_txlock=immediate&_busy_timeout=%d", lockPoll.Milliseconds()))
}

// readerDSN opens a reader. In WAL mode readers never wait for a writer; the busy timeout
// covers the moments another connection has the file to itself: rebuilding the WAL index
// after a crash, or checkpointing as the last connection closes.
func readerDSN(path string) string { return dsn(path, "mode=ro&_busy_timeout=10000") }

// DB is a ReturnDesk database file. It implements model.Store and is safe for
// concurrent use; several DBs (or processes) may share one file.
type DB struct {
	// Now gives the time stamped on every change; tests replace it with a fixed clock.
	Now func() time.Time

	path string
	// One writer connection whose transactions all start with BEGIN IMMEDIATE, so writers
	// (of this and any other process) queue for the lock at BEGIN, where waiting is safe,
	// instead of failing with SQLITE_BUSY when a read transaction tries to upgrade.
	w *sql.DB
	r *sql.DB // read-only pool

	daily dailyState // how today's automatic backup went

	// readOnly says why the database cannot be written, "" when it can; then w is nil.
	readOnly string

	// OnWait, when set, is told once, in one line, that a write is waiting for the lock
	// held by another writer ("waiting for another ReturnDesk to finish writing (an import)…").
	OnWait func(line string)
}

var _ model.Store = (*DB)(nil)

// Open opens the database at path, creating the file (owner-only) and its folder when
// missing, and brings its schema up to date. It refuses a database written by a newer
// version of ReturnDesk.
func Open(path string) (*DB, error) {
	if strings.TrimSpace(path) == "" {
		return nil, model.Invalid("db", "no database path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, model.Wrap(model.EINVALID, err, "database path %q", path)
	}
	if why := writeRefused(abs); fileExists(abs) && why != "" {
		return openReadOnly(abs, why)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, model.Wrap(model.EINTERNAL, err, "cannot create the folder for the database")
	}
	if err := createPrivate(abs); err != nil {
		return nil, model.Wrap(model.EINTERNAL, err, "cannot create the database file")
	}

	db := &DB{Now: time.Now, path: abs}
	db.w, err = sql.Open("sqlite3", writerDSN(abs))
	if err != nil {
		return nil, wrapOpen(abs, err)
	}
	db.w.SetMaxOpenConns(1)
	db.w.SetMaxIdleConns(1)
	db.w.SetConnMaxLifetime(0)
	db.w.SetConnMaxIdleTime(0)

	ctx := context.Background()
	if err := db.migrate(ctx); err != nil {
		db.w.Close()
		return nil, err
	}

	// The readers open only after migration, when the file is surely in WAL mode.
	db.r, err = sql.Open("sqlite3", readerDSN(abs))
	if err != nil {
		db.w.Close()
		return nil, wrapOpen(abs, err)
	}
	n := max(4, runtime.NumCPU())
	db.r.SetMaxOpenConns(n)
	db.r.SetMaxIdleConns(n)
	if err := db.r.PingContext(ctx); err != nil {
		db.Close()
		return nil, wrapOpen(abs, err)
	}
	return db, nil
}

// createPrivate creates an empty file readable by its owner only, so that SQLite (which
// gives the -wal and -shm files the database file's mode) never exposes customer data.
// An existing file keeps its mode.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// dsn builds a file: URI with the pragmas and extra parameters.
func dsn(path string, extra string) string {
	return fileURI(path) + "?" + pragmas + "&" + extra
}

// fileURI is path as a file: URI, escaping characters such as '?' and '#'.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String()
}

func wrapOpen(path string, err error) error {
	return model.Wrap(model.EINTERNAL, err, "cannot open the database %s", path)
}

// Path returns the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// Close closes the database; the readers go first so that the writer, closing last,
// checkpoints the WAL into the main file.
func (db *DB) Close() error {
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	return errors.Join(errs...)
}

// now returns the current time from the DB's clock.
func (db *DB) now() time.Time {
	if db.Now == nil {
		return time.Now()
	}
	return db.Now()
}

// Today is the calendar date of the store's clock, in the clock's own time zone.
func (db *DB) Today() model.Date { return model.DateOf(db.now()) }

// Clock is the DB's clock: Now, read each time it is called, or the computer's.
func (db *DB) Clock() model.Clock { return db.now }

// txn is one transaction with the time it started, stamped on everything it writes.
type txn struct {
	*sql.Tx
	now  time.Time
	done func() // removes the note of a long write; nil otherwise
}

// Rollback ends the transaction without its changes; after a commit it does nothing.
func (tx *txn) Rollback() error {
	tx.finished()
	return tx.Tx.Rollback()
}

func (tx *txn) finished() {
	if tx.done != nil {
		tx.done()
		tx.done = nil
	}
}

// beginWrite starts a write transaction (BEGIN IMMEDIATE, through the single writer),
// waiting for the lock while another writer holds it (see waitForLock).
func (db *DB) beginWrite(ctx context.Context) (*txn, error) {
	if db.readOnly != "" {
		return nil, db.readOnlyError()
	}
	var tx *sql.Tx
	err := db.waitForLock(ctx, func() (err error) {
		tx, err = db.w.BeginTx(ctx, nil)
		return err
	})
	if err != nil {
		return nil, dbError(err)
	}
	return &txn{Tx: tx, now: db.now()}, nil
}

// beginLongWrite is beginWrite for a write that may hold the lock for seconds; what
// ("an import") is what a writer waiting meanwhile is told it waits for.
func (db *DB) beginLongWrite(ctx context.Context, what string) (*txn, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	tx.done = db.noteWriting(what)
	return tx, nil
}

// checkThenWrite runs check in a read snapshot, then takes the write lock only for write,
// given what check found, and commits: other writers wait seconds, not the minute a large
// import takes to check. what ("an import") is what they are told they wait for; write
// checks again, cheaply, what another writer may have changed since the snapshot.
func checkThenWrite[T any](ctx context.Context, db *DB, what string, check func(*txn) (T, error), write func(*txn, T) error) error {
	found, err := read(ctx, db, check)
	if err != nil {
		return err
	}
	tx, err := db.beginLongWrite(ctx, what)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := write(tx, found); err != nil {
		return err
	}
	return tx.commit()
}

// beginRead starts a read transaction on the read pool: one consistent snapshot.
func (db *DB) beginRead(ctx context.Context) (*txn, error) {
	tx, err := db.r.BeginTx(ctx, nil)
	if err != nil {
		return nil, dbError(err)
	}
	return &txn{Tx: tx, now: db.now()}, nil
}

// commit commits and maps the error.
func (tx *txn) commit() error {
	defer tx.finished()
	if err := tx.Commit(); err != nil {
		return dbError(err)
	}
	return nil
}

// read runs f in a read transaction: one consistent snapshot, rolled back afterwards.
func read[T any](ctx context.Context, db *DB, f func(tx *txn) (T, error)) (T, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	defer tx.Rollback()
	return f(tx)
}

// write runs f in one write transaction and commits it when f returns no error; an error
// rolls everything f did back.
func write(ctx context.Context, db *DB, f func(tx *txn) error) error {
	_, err := writeResult(ctx, db, func(tx *txn) (struct{}, error) { return struct{}{}, f(tx) })
	return err
}

// writeResult is write for a transaction that returns a result.
func writeResult[T any](ctx context.Context, db *DB, f func(tx *txn) (T, error)) (T, error) {
	var zero T
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return zero, err
	}
	defer tx.Rollback()
	v, err := f(tx)
	if err != nil {
		return zero, err
	}
	if err := tx.commit(); err != nil {
		return zero, err
	}
	return v, nil
}

// scanner is what *sql.Row and *sql.Rows have in common: the scan functions read either.
type scanner interface{ Scan(...any) error }

// queryAll runs a query and reads every row with scan. No rows give an empty, non-nil slice.
func queryAll[T any](ctx context.Context, tx *txn, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, dbError(err)
		}
		out = append(out, v)
	}
	return out, dbError(rows.Err())
}

// listAll is queryAll in a read transaction of its own.
func listAll[T any](ctx context.Context, db *DB, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	return read(ctx, db, func(tx *txn) ([]T, error) { return queryAll(ctx, tx, scan, query, args...) })
}

// insert runs an INSERT and returns the new row's id. When conflict is not nil, a UNIQUE
// (or PRIMARY KEY) violation returns it instead of the generic conflict error.
func (tx *txn) insert(ctx context.Context, conflict error, query string, args ...any) (int64, error) {
	res, err := tx.ExecContext(ctx, query, args...)
	if conflict != nil && isUnique(err) {
		return 0, conflict
	}
	if err != nil {
		return 0, dbError(err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, dbError(err)
	}
	return id, nil
}

// timeFormat stores instants in UTC with a fixed width so that text order is time order.
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

// parseTime reads a stored instant and returns it in local time, as a person reads it.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, model.Wrap(model.EINTERNAL, err, "bad timestamp %q in the database", s)
	}
	return t.Local(), nil
}

// parseDate reads a stored date; the empty text is the zero date.
func parseDate(s string) (model.Date, error) {
	if s == "" {
		return model.Date{}, nil
	}
	d, err := model.ParseDate(s)
	if err != nil {
		return model.Date{}, model.Wrap(model.EINTERNAL, err, "bad date in the database")
	}
	return d, nil
}

// nullID stores a zero id as NULL, for optional references.
func nullID[T ~int64](id T) any {
	if id == 0 {
		return nil
	}
	return int64(id)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
