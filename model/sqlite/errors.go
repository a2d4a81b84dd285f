package sqlite

import (
	"errors"
	"strings"
	"syscall"

	"returndesk/model"
	"returndesk/model/sqlstore"

	sqlite3 "github.com/mattn/go-sqlite3"
)

func init() { sqlstore.RegisterDriver(classify) }

// classify says what kind of failure a SQLite error is, for the shared store's errors.
func classify(err error) (sqlstore.Fault, string, bool) {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return 0, "", false
	}
	detail := constraintDetail(se)
	switch se.ExtendedCode {
	case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
		return sqlstore.FaultUnique, detail, true
	case sqlite3.ErrConstraintCheck:
		return sqlstore.FaultCheck, detail, true
	case sqlite3.ErrConstraintNotNull:
		return sqlstore.FaultNotNull, detail, true
	case sqlite3.ErrConstraintForeignKey:
		return sqlstore.FaultForeignKey, detail, true
	case sqlite3.ErrConstraintTrigger:
		return sqlstore.FaultRaised, detail, true
	}
	if se.SystemErrno == syscall.ENOSPC { // an I/O error whose cause is a full disk
		return sqlstore.FaultFull, "", true
	}
	switch se.Code {
	case sqlite3.ErrConstraint:
		return sqlstore.FaultConstraint, detail, true
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return sqlstore.FaultBusy, "", true
	case sqlite3.ErrReadonly:
		return sqlstore.FaultReadOnly, "", true
	case sqlite3.ErrFull:
		return sqlstore.FaultFull, "", true
	}
	return sqlstore.FaultOther, "", true
}

// dbError turns a driver error into a model error (see sqlstore.Error).
func dbError(err error) error { return sqlstore.Error(err) }

// fileError reports a failed write of a file (a backup): SQLite's SQLITE_FULL and the
// system's ENOSPC alike say that the disk is full.
func fileError(err error, what model.Text) *model.Error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		err = dbError(err)
	}
	return model.WriteError(err, what)
}

// constraintDetail returns what follows "constraint failed: " in a SQLite message:
// "sales.serial" for UNIQUE and NOT NULL, the constraint name for CHECK, the RAISE
// text for triggers.
func constraintDetail(se sqlite3.Error) string {
	msg := se.Error()
	if _, after, ok := strings.Cut(msg, "constraint failed: "); ok {
		return after
	}
	return msg
}
