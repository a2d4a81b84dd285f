// Package sqlstore is ReturnDesk's store over database/sql, shared by the storage engines
// (model/sqlite, model/postgres): every query is written once, with ? placeholders, and an
// engine gives what differs (an Engine to begin transactions, a Dialect for the few pieces
// of SQL that are not the same, and the classification of its driver's errors).
package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"returndesk/model"
)

// Engine begins the transactions of the shared store.
type Engine interface {
	// BeginWrite starts a write transaction during which no other writer of the database
	// writes (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction lock all writers take).
	BeginWrite(ctx context.Context) (*sql.Tx, error)
	// BeginRead starts a read-only transaction that reads one snapshot.
	BeginRead(ctx context.Context) (*sql.Tx, error)
	// NoteWriting says, to writers that wait meanwhile, that a long write (what: "an
	// import") holds the lock, and returns the removal of that note.
	NoteWriting(what string) func()
}

// Store implements model.Store over an Engine.
type Store struct {
	// Now gives the time stamped on every change; tests replace it with a fixed clock.
	Now func() time.Time

	eng Engine
	d   *Dialect
}

// New is the store over eng, whose SQL differs as d says.
func New(eng Engine, d *Dialect) *Store {
	return &Store{Now: time.Now, eng: eng, d: d}
}

// now returns the current time from the store's clock.
func (db *Store) now() time.Time {
	if db.Now == nil {
		return time.Now()
	}
	return db.Now()
}

// Today is the calendar date of the store's clock, in the clock's own time zone.
func (db *Store) Today() model.Date { return model.DateOf(db.now()) }

// Clock is the store's clock: Now, read each time it is called, or the computer's.
func (db *Store) Clock() model.Clock { return db.now }

// txn is one transaction with the time it started, stamped on everything it writes.
type txn struct {
	*sql.Tx
	now    time.Time
	done   func() // removes the note of a long write; nil otherwise
	d      *Dialect
	queued []queuedWrite // inserts for the next statement (queue)
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

// beginWrite starts a write transaction: the engine makes sure no other writer of the
// database (in this or another process) writes until it ends.
func (db *Store) beginWrite(ctx context.Context) (*txn, error) {
	tx, err := db.eng.BeginWrite(ctx)
	if err != nil {
		return nil, dbError(err)
	}
	return db.txn(tx), nil
}

// txn wraps a transaction the engine began, stamped with the clock's time now.
func (db *Store) txn(tx *sql.Tx) *txn {
	return &txn{Tx: tx, now: db.now(), d: db.d}
}

// beginLongWrite is beginWrite for a write that may hold the lock for seconds; what
// ("an import") is what a writer waiting meanwhile is told it waits for.
func (db *Store) beginLongWrite(ctx context.Context, what string) (*txn, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	tx.done = db.eng.NoteWriting(what)
	return tx, nil
}

// checkThenWrite runs check in a read snapshot, then takes the write lock only for write,
// given what check found, and commits: other writers wait seconds, not the minute a large
// import takes to check. what ("an import") is what they are told they wait for; write
// checks again, cheaply, what another writer may have changed since the snapshot.
func checkThenWrite[T any](ctx context.Context, db *Store, what string, check func(*txn) (T, error), write func(*txn, T) error) error {
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

// beginRead starts a read transaction: one consistent snapshot.
func (db *Store) beginRead(ctx context.Context) (*txn, error) {
	tx, err := db.eng.BeginRead(ctx)
	if err != nil {
		return nil, dbError(err)
	}
	return db.txn(tx), nil
}

// commit commits and maps the error.
func (tx *txn) commit() error {
	defer tx.finished()
	if err := tx.flush(context.Background()); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return dbError(err)
	}
	return nil
}

// read runs f in a read transaction: one consistent snapshot, rolled back afterwards.
func read[T any](ctx context.Context, db *Store, f func(tx *txn) (T, error)) (T, error) {
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
func write(ctx context.Context, db *Store, f func(tx *txn) error) error {
	_, err := writeResult(ctx, db, func(tx *txn) (struct{}, error) { return struct{}{}, f(tx) })
	return err
}

// writeResult is write for a transaction that returns a result.
func writeResult[T any](ctx context.Context, db *Store, f func(tx *txn) (T, error)) (T, error) {
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
func listAll[T any](ctx context.Context, db *Store, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	return read(ctx, db, func(tx *txn) ([]T, error) { return queryAll(ctx, tx, scan, query, args...) })
}

// insert runs an INSERT and returns the new row's id (RETURNING id: both engines have it).
// When conflict is not nil, a UNIQUE (or PRIMARY KEY) violation returns it instead of the
// generic conflict error.
func (tx *txn) insert(ctx context.Context, conflict error, query string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, query+" RETURNING id", args...).Scan(&id)
	if conflict != nil && isUnique(err) {
		return 0, conflict
	}
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

// FormatTime is an instant as the store writes it.
func FormatTime(t time.Time) string { return formatTime(t) }
