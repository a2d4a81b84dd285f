// Package postgres stores ReturnDesk's data in a PostgreSQL (15 or later) database, shared
// by every counter of a shop: the store is package sqlstore's, over pgx's database/sql
// driver; this package gives what is PostgreSQL's (connecting, the writers' lock, the
// dialect, the driver's errors, the migrations).
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"returndesk/model"
	"returndesk/model/backupdir"
	"returndesk/model/sqlstore"
)

// IsURL reports whether db names a PostgreSQL database (postgres:// or postgresql://)
// rather than an SQLite file.
func IsURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// DB is a ReturnDesk database on a PostgreSQL server. It implements model.Store and is
// safe for concurrent use; any number of DBs (counters) may share one database.
type DB struct {
	// The store's methods, and its clock (Now), which tests replace with a fixed clock.
	*sqlstore.Store

	// Writers and readers have pools of their own, as on SQLite: a write that reads while
	// other writers wait for the lock (each holding a connection) still gets a connection.
	w, r *sql.DB
	cfg  *pgx.ConnConfig             // for Watch's own connection
	link atomic.Pointer[func(error)] // see ReportLink

	// DataDir is this computer's data folder: the server's backups made here go to a
	// folder of its backups/ (see BackupDir); "" is the user's configuration folder.
	DataDir string
	// Computer names this computer in the server's record of the daily backups; "" is its
	// host name.
	Computer string
	daily    backupdir.State // how this counter's automatic backup went today
}

var (
	_ model.Store         = (*DB)(nil)
	_ model.ChangeWatcher = (*DB)(nil)
	_ model.LinkReporter  = (*DB)(nil)
)

// Open connects to the database at url (postgres://user:password@host:5432/shop) and
// brings its schema up to date; it refuses a database written by a newer ReturnDesk.
func Open(url string) (*DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, model.Invalid("db", "not a PostgreSQL URL: %v", err)
	}
	// The session's time zone is the computer's, so that "the local day of a stamp" is the
	// same day on both engines.
	cfg.RuntimeParams["timezone"] = localZone()
	if cfg.ConnectTimeout == 0 { // a server that does not answer is told in seconds, not minutes
		cfg.ConnectTimeout = connectTimeout
	}
	db := &DB{w: stdlib.OpenDB(*cfg), r: stdlib.OpenDB(*cfg), cfg: cfg}
	for _, p := range []*sql.DB{db.w, db.r} {
		p.SetMaxOpenConns(8)
		p.SetConnMaxIdleTime(5 * time.Minute)
	}
	db.Store = sqlstore.New(engine{db}, dialect)
	ctx := context.Background()
	if err := db.w.PingContext(ctx); err != nil {
		db.Close()
		return nil, connectError(cfg, err)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, rightsError(cfg, err)
	}
	if err := db.checkRights(ctx, cfg); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the connections.
func (db *DB) Close() error { return errors.Join(db.r.Close(), db.w.Close()) }

// localZone is the IANA name of the computer's time zone ("Asia/Shanghai"), or its offset
// today when it has no name Go can tell.
func localZone() string {
	if tz := os.Getenv("TZ"); tz != "" && !strings.HasPrefix(tz, ":") {
		return tz
	}
	if name := systemZone(); name != "" {
		return name
	}
	if name := time.Local.String(); name != "Local" {
		return name
	}
	return fixedZone(time.Now())
}

// fixedZone is t's offset from UTC as a POSIX time zone PostgreSQL reads ("<+0800>-08:00"
// is UTC+8; POSIX counts the other way): right for the day, though it follows no daylight
// saving, for a computer whose zone has no name Go can tell (Windows).
func fixedZone(t time.Time) string {
	_, off := t.Zone()
	sign, posix := '+', '-'
	if off < 0 {
		sign, posix, off = '-', '+', -off
	}
	h, m := off/3600, off%3600/60
	return fmt.Sprintf("<%c%02d%02d>%c%02d:%02d", sign, h, m, posix, h, m)
}

// writeLock is the key of the transaction lock every writer takes first, so that writers
// queue as SQLite's single writer does: each write sees everything committed before it,
// and numbers are allocated one writer at a time.
const writeLock = 0x52455455524e // "RETURN"

// engine begins the shared store's transactions on the pool.
type engine struct{ db *DB }

func (e engine) BeginWrite(ctx context.Context) (*sql.Tx, error) {
	tx, err := e.db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	// The notification of the change (Watch) goes out at the commit, and not at all on a rollback.
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1), pg_notify($2, '')`,
		int64(writeLock), changes); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// BeginRead reads one snapshot, as an SQLite read transaction does.
func (e engine) BeginRead(ctx context.Context) (*sql.Tx, error) {
	return e.db.r.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
}

// NoteWriting: a waiting PostgreSQL writer is not told what it waits for (yet).
func (engine) NoteWriting(string) func() { return func() {} }

// dialect is PostgreSQL's: numbered placeholders, strpos for a literal substring, citext
// columns that compare ignoring case themselves.
var dialect = &sqlstore.Dialect{
	Numbered:      true,
	Contains:      func(column string) string { return "strpos(" + column + ", ?) > 0" },
	ContainsArg:   func(s string) string { return s },
	IndexedBy:     func(string) string { return "" },
	InList:        func(column string) string { return column + " = ANY(?)" },
	ListArg:       func(ids []int64) any { return ids },
	AbortsOnError: true,
	ChainsWrites:  true,
	LocalDays: func(stamp, date string) string {
		return "(coalesce((" + stamp + "::timestamptz AT TIME ZONE current_setting('TimeZone'))::date, ?::date) - " + date + "::date)"
	},
	SetNextID: func(table string) string {
		return "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), coalesce(max(id), 0) + 1, false) FROM " + table
	},
	// The triggers are off only inside the restoring transaction (DDL is transactional);
	// the foreign keys, internal triggers, stay on.
	EmptyTable: func(table string) []string {
		return []string{
			"ALTER TABLE " + table + " DISABLE TRIGGER USER",
			"DELETE FROM " + table,
			"ALTER TABLE " + table + " ENABLE TRIGGER USER",
		}
	},
}
