package model

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
)

// Error codes shared by the GUI and the CLI to decide how to report a failure.
const (
	EINVALID  = "invalid"   // bad input: the user can fix it (CLI exit status 2)
	ENOTFOUND = "not_found" // the thing asked for does not exist
	ECONFLICT = "conflict"  // the request contradicts the stored state (duplicate, wrong status)
	EINTERNAL = "internal"  // anything else: a bug or an I/O failure
	EREADONLY = "read_only" // the database can be read but not written (a read-only file or disk)
	// EIO is a failure of the machine, not of what was asked: the disk is full, a file
	// cannot be written. Like EINTERNAL it is never blamed on a row of an import.
	EIO = "io"
)

// IsBadInput reports whether err is about what the user asked or gave (EINVALID,
// ENOTFOUND, ECONFLICT): the CLI's exit status 2, a problem an import names by row.
// A failure of the machine or a bug is not.
func IsBadInput(err error) bool {
	switch ErrorCode(err) {
	case EINVALID, ENOTFOUND, ECONFLICT:
		return true
	}
	return false
}

// DiskFull is a full disk, in the one wording every writer uses.
func DiskFull() *Error { return &Error{Code: EIO, Message: "the disk is full"} }

// WriteError classifies an error from writing a file: a full disk (ENOSPC, or an EIO
// error) is EIO after what ("backup to x.rdbak failed: the disk is full"), anything else
// an EINTERNAL error with its cause.
func WriteError(err error, what string) *Error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return &Error{Code: EIO, Message: what + ": " + DiskFull().Message}
	case ErrorCode(err) == EIO:
		return &Error{Code: EIO, Message: what + ": " + ErrorMessage(err)}
	}
	return &Error{Code: EINTERNAL, Message: what + ": " + err.Error()}
}

// NotDone adds what was therefore not done ("nothing was imported") to a failure of the
// machine (EIO); any other error is returned as it is.
func NotDone(err error, what string) error {
	if ErrorCode(err) != EIO {
		return err
	}
	return &Error{Code: EIO, Message: ErrorMessage(err) + "; " + what}
}

// Error is a domain error with a machine-readable code, the field it concerns (for forms)
// and a message written for the person at the counter.
type Error struct {
	Code    string
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// Errorf builds an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid builds an EINVALID error about one field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Errors collects several field problems found by one Validate call.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// err returns nil for an empty list so that Validate can end with `return problems.err()`.
func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// ErrorCode returns the code of a domain error, EINTERNAL for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var es Errors
	if errors.As(err, &es) && len(es) > 0 {
		return es[0].Code
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human-readable text of a domain error, or a generic text for others.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var es Errors
	if errors.As(err, &es) {
		return es.Error()
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "internal error: " + err.Error()
}

// FieldErrors maps each field named in err to its message, for showing next to form fields.
func FieldErrors(err error) map[string]string {
	out := map[string]string{}
	var es Errors
	if errors.As(err, &es) {
		for _, e := range es {
			if _, seen := out[e.Field]; !seen {
				out[e.Field] = e.Message
			}
		}
		return out
	}
	var e *Error
	if errors.As(err, &e) {
		out[e.Field] = e.Message
	}
	return out
}
