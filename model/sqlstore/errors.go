package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"

	"returndesk/model"
)

// Fault is the kind of a driver error, as the engine that knows the driver classifies it.
type Fault int

const (
	FaultOther      Fault = iota
	FaultUnique           // a UNIQUE or PRIMARY KEY violation; detail: "table.column" or "t.a, t.b"
	FaultCheck            // a CHECK violation; detail: the constraint's name (its column)
	FaultNotNull          // detail: "table.column"
	FaultForeignKey       // a reference to a row that does not exist
	FaultRaised           // a trigger refused the change; detail: its text, written in the schema
	FaultBusy             // another writer holds the lock (or a conflict the writer may retry)
	FaultReadOnly         // the database cannot be written
	FaultFull             // the disk (or the database's space) is full
	FaultConstraint       // another constraint failure: a database error, but one that undoes only its statement
	FaultGone             // the server cannot be reached, or the connection to it broke
)

// Classifier says what kind a driver error is, and ok = false for an error that is not
// its driver's. Each engine registers one (RegisterDriver) for its driver's errors.
type Classifier func(err error) (f Fault, detail string, ok bool)

var drivers struct {
	sync.RWMutex
	list []Classifier
}

// RegisterDriver adds the classification of a driver's errors; engines call it in init.
func RegisterDriver(c Classifier) {
	drivers.Lock()
	defer drivers.Unlock()
	drivers.list = append(drivers.list, c)
}

func classify(err error) (Fault, string, bool) {
	drivers.RLock()
	defer drivers.RUnlock()
	for _, c := range drivers.list {
		if f, detail, ok := c(err); ok {
			return f, detail, true
		}
	}
	return FaultOther, "", false
}

// Error turns a driver error into a model error. Errors that are already model errors,
// and context cancellations, pass through unchanged.
func Error(err error) error { return dbError(err) }

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
	f, detail, ok := classify(err)
	if !ok {
		return model.Wrap(model.EINTERNAL, err, "database error")
	}
	switch f {
	case FaultUnique:
		return &model.Error{Code: model.ECONFLICT, Field: column(detail),
			Message: model.T("a record with the same %s already exists", column(detail))}
	case FaultCheck:
		return &model.Error{Code: model.EINVALID, Field: detail, Message: model.T("has a value the database does not accept")}
	case FaultNotNull:
		return &model.Error{Code: model.EINVALID, Field: column(detail), Message: model.T("is required")}
	case FaultForeignKey:
		return model.Errorf(model.EINVALID, "refers to a record that does not exist")
	case FaultRaised:
		// A trigger's text, written in the schema: shown as it is (only a bug reaches one).
		return model.Errorf(model.ECONFLICT, "%s", detail)
	case FaultBusy:
		return model.Errorf(model.EINTERNAL, "the database is busy (another ReturnDesk is writing to it); please try again")
	case FaultReadOnly:
		return model.Wrap(model.EINTERNAL, err, "the database cannot be written")
	case FaultFull:
		return model.DiskFull()
	case FaultGone:
		// The system's own words ("connection refused"), not the driver's chain of addresses.
		return model.Wrap(model.EINTERNAL, innermost(err), "cannot reach the database server")
	}
	return model.Wrap(model.EINTERNAL, err, "database error")
}

// innermost is the last error err wraps (the first of several: the driver tries each
// address of a host and joins their errors).
func innermost(err error) error {
	for {
		switch e := err.(type) {
		case interface{ Unwrap() error }:
			if e.Unwrap() == nil {
				return err
			}
			err = e.Unwrap()
		case interface{ Unwrap() []error }:
			if len(e.Unwrap()) == 0 {
				return err
			}
			err = e.Unwrap()[0]
		default:
			return err
		}
	}
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

// isConstraint reports whether err is a constraint failure.
func isConstraint(err error) bool {
	f, _, ok := classify(err)
	return ok && (f == FaultUnique || f == FaultCheck || f == FaultNotNull || f == FaultForeignKey || f == FaultRaised || f == FaultConstraint)
}

// isUnique reports whether err is a UNIQUE or PRIMARY KEY violation.
func isUnique(err error) bool {
	f, _, ok := classify(err)
	return ok && f == FaultUnique
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
