package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"syscall"

	"returndesk/model"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// dbError turns a driver error into a model error. Errors that are already model
// errors, and context cancellations, pass through unchanged.
func dbError(err error) error {
	if err == nil {
		return nil
	}
	var me *model.Error
	var mes model.Errors
	if errors.As(err, &me) || errors.As(err, &mes) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return model.Wrap(model.EINTERNAL, err, "database error")
	}
	detail := constraintDetail(se)
	switch se.ExtendedCode {
	case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
		return &model.Error{Code: model.ECONFLICT, Field: column(detail),
			Message: model.T("a record with the same %s already exists", column(detail))}
	case sqlite3.ErrConstraintCheck:
		return &model.Error{Code: model.EINVALID, Field: detail, Message: model.T("has a value the database does not accept")}
	case sqlite3.ErrConstraintNotNull:
		return &model.Error{Code: model.EINVALID, Field: column(detail), Message: model.T("is required")}
	case sqlite3.ErrConstraintForeignKey:
		return model.Errorf(model.EINVALID, "refers to a record that does not exist")
	case sqlite3.ErrConstraintTrigger:
		// A trigger's RAISE text, written in the schema: shown as it is (only a bug reaches one).
		return model.Errorf(model.ECONFLICT, "%s", detail)
	}
	if se.SystemErrno == syscall.ENOSPC { // an I/O error whose cause is a full disk
		return model.DiskFull()
	}
	switch se.Code {
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return model.Errorf(model.EINTERNAL, "the database is busy (another ReturnDesk is writing to it); please try again")
	case sqlite3.ErrReadonly:
		return model.Wrap(model.EINTERNAL, se, "the database cannot be written")
	case sqlite3.ErrFull:
		return model.DiskFull()
	}
	return model.Wrap(model.EINTERNAL, se, "database error")
}

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

// column turns "sales.serial" (or "t.a, t.b") into "serial" (or "a, b").
func column(detail string) string {
	parts := strings.Split(detail, ",")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if _, c, ok := strings.Cut(p, "."); ok {
			p = c
		}
		parts[i] = p
	}
	return strings.Join(parts, ", ")
}

// isConstraint reports whether err is a constraint failure, which undoes only its statement.
func isConstraint(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint
}

// isUnique reports whether err is a UNIQUE or PRIMARY KEY violation.
func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) &&
		(se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey)
}

// notFound builds the ENOTFOUND error for a missing row, or maps any other error.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return model.Errorf(model.ENOTFOUND, format, args...)
	}
	return dbError(err)
}

// corrupt reports a stored value that the application cannot read back.
func corrupt(err error) error {
	return model.Wrap(model.EINTERNAL, err, "")
}
