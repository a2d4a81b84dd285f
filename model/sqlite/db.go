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
	"strconv"
	"strings"

	"returndesk/model"
	"returndesk/model/backupdir"
	"returndesk/model/sqlstore"

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
	// The store's methods, and its clock (Now), which tests replace with a fixed clock.
	*sqlstore.Store

	path string
	// One writer connection whose transactions all start with BEGIN IMMEDIATE, so writers
	// (of this and any other process) queue for the lock at BEGIN, where waiting is safe,
	// instead of failing with SQLITE_BUSY when a read transaction tries to upgrade.
	w *sql.DB
	r *sql.DB // read-only pool

	daily backupdir.State // how today's automatic backup went

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

	db := newDB(abs, "")
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

// newDB is the DB of the file at abs, before its connections are opened; readOnly says
// why it cannot be written, "" when it can.
func newDB(abs, readOnly string) *DB {
	db := &DB{path: abs, readOnly: readOnly}
	db.Store = sqlstore.New(engine{db}, dialect)
	return db
}

// dialect is SQLite's: the shared queries are written in it.
var dialect = &sqlstore.Dialect{
	// GLOB is case-sensitive (both sides are lower case) and, unlike instr(), skips
	// quickly to where the first character occurs, which matters for Chinese text.
	Contains:    func(column string) string { return column + " GLOB ?" },
	ContainsArg: func(s string) string { return "*" + globLiteral(s) + "*" },
	NoCase:      " COLLATE NOCASE",
	Unindexed:   "+",
	IndexedBy:   func(index string) string { return " INDEXED BY " + index },
	InList:      func(column string) string { return column + " IN (SELECT value FROM json_each(?))" },
	ListArg:     jsonInts,
	LocalDays: func(stamp, date string) string {
		return "CAST(julianday(coalesce(date(" + stamp + ", 'localtime'), ?)) - julianday(" + date + ") AS INTEGER)"
	},
}

// globLiteral makes GLOB match s literally: its wildcards and '[' become one-character sets.
func globLiteral(s string) string {
	return globEscaper.Replace(s)
}

var globEscaper = strings.NewReplacer("*", "[*]", "?", "[?]", "[", "[[]")

// engine begins the transactions of the shared store on the file's connections.
type engine struct{ db *DB }

// BeginWrite starts a write transaction (BEGIN IMMEDIATE, through the single writer),
// waiting for the lock while another writer holds it (see waitForLock).
func (e engine) BeginWrite(ctx context.Context) (*sql.Tx, error) {
	db := e.db
	if db.readOnly != "" {
		return nil, db.readOnlyError()
	}
	var tx *sql.Tx
	err := db.waitForLock(ctx, func() (err error) {
		tx, err = db.w.BeginTx(ctx, nil)
		return err
	})
	return tx, err
}

// BeginRead starts a read transaction on the read pool: in WAL mode, one snapshot.
func (e engine) BeginRead(ctx context.Context) (*sql.Tx, error) { return e.db.r.BeginTx(ctx, nil) }

// NoteWriting leaves the note of a long write beside the file (see noteWriting).
func (e engine) NoteWriting(what string) func() { return e.db.noteWriting(what) }

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

// jsonInts is ids as a JSON array, the list json_each reads.
func jsonInts(ids []int64) any {
	b := []byte{'['}
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}
