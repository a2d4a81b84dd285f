package model

import (
	"errors"
	"syscall"
)

// Code says what kind of failure an Error is, so that the GUI and the CLI can decide how to
// report it (the CLI's exit status, whether an import blames a row).
type Code string

// Error codes shared by the GUI and the CLI.
const (
	EINVALID  Code = "invalid"   // bad input: the user can fix it (CLI exit status 2)
	ENOTFOUND Code = "not_found" // the thing asked for does not exist
	ECONFLICT Code = "conflict"  // the request contradicts the stored state (duplicate, wrong status)
	EINTERNAL Code = "internal"  // anything else: a bug or an I/O failure
	EREADONLY Code = "read_only" // the database can be read but not written (a read-only file or disk)
	// EIO is a failure of the machine, not of what was asked: the disk is full, a file
	// cannot be written. Like EINTERNAL it is never blamed on a row of an import.
	EIO Code = "io"
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
func DiskFull() *Error { return Errorf(EIO, "the disk is full") }

// WriteError classifies an error from writing a file: a full disk (ENOSPC, or an EIO
// error) is EIO after what ("backup to x.rdbak failed: the disk is full"), anything else
// an EINTERNAL error with its cause.
func WriteError(err error, what Text) *Error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return &Error{Code: EIO, Message: what, Cause: DiskFull()}
	case ErrorCode(err) == EIO:
		return &Error{Code: EIO, Message: what, Cause: err}
	}
	return &Error{Code: EINTERNAL, Message: what, Cause: err}
}

// NotDone adds what was therefore not done ("nothing was imported") to a failure of the
// machine (EIO); any other error is returned as it is.
func NotDone(err error, what Text) error {
	if ErrorCode(err) != EIO {
		return err
	}
	return &Error{Code: EIO, Message: T("%s; %s", ErrorText(err), what)}
}

// Error is a domain error: a code for the program, the field it concerns (for forms), a
// message for the person at the counter, kept as a Text so that it can be shown in their
// language, and the failure underneath it, if any, which errors.Is and errors.As reach.
type Error struct {
	Code    Code
	Field   string // "" when the error is not about one field
	Message Text   // what went wrong; "" when the cause says it all
	Cause   error
}

// Text is the message followed by the cause's own words ("cannot list the backups: open
// x: permission denied"), without the field.
func (e *Error) Text() Text {
	switch {
	case e.Cause == nil:
		return e.Message
	case e.Message.Key == "":
		return causeText(e.Cause)
	}
	return T("%s: %s", e.Message, causeText(e.Cause))
}

func (e *Error) Error() string { return e.fieldText().String() }

// Equal reports whether e and o are the same problem: the same code, field and wording.
func (e *Error) Equal(o *Error) bool {
	return e.Code == o.Code && e.Field == o.Field && e.Error() == o.Error()
}

// Unwrap is the cause, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Cause }

// fieldText is the error as one line: its field, if any, in front ("serial: is required").
func (e *Error) fieldText() Text {
	if e.Field != "" {
		return T("%s: %s", e.Field, e.Text())
	}
	return e.Text()
}

// causeText is a cause in its own words: a domain error's Text, anything else's Error()
// (a system's message is shown as it is).
func causeText(err error) Text {
	switch c := err.(type) {
	case *Error:
		return c.fieldText()
	case Errors:
		return c.text()
	}
	return T("%s", err.Error())
}

// Errorf builds an *Error whose message is format (an English wording, the key of its
// translations) with args.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: T(format, args...)}
}

// Invalid builds an EINVALID error about one field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: T(format, args...)}
}

// Wrap builds an *Error with a cause: its message is format with args, then the cause's own
// words ("cannot create the backup folder: mkdir x: permission denied"). An empty format
// gives err a code and keeps its words.
func Wrap(code Code, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: T(format, args...), Cause: err}
}

// Errors collects several field problems found by one Validate call.
type Errors []*Error

func (es Errors) Error() string { return es.text().String() }

// text is the problems one after another: "name: is required; email: is not an address".
func (es Errors) text() Text {
	var t Text
	for i, e := range es {
		if i == 0 {
			t = e.fieldText()
		} else {
			t = T("%s; %s", t, e.fieldText())
		}
	}
	return t
}

// err returns nil for an empty list so that Validate can end with `return problems.err()`.
func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// domain finds the outermost domain error in err's chain: an *Error or Errors (nil, nil when
// there is none). An *Error wrapping Errors is the *Error: its words come first.
func domain(err error) (*Error, Errors) {
	for x := err; x != nil; x = errors.Unwrap(x) {
		switch v := x.(type) {
		case *Error:
			return v, nil
		case Errors:
			if len(v) > 0 {
				return nil, v
			}
		}
	}
	// A tree (errors.Join): whatever errors.As finds first.
	var es Errors
	if errors.As(err, &es) && len(es) > 0 {
		return nil, es
	}
	var e *Error
	if errors.As(err, &e) {
		return e, nil
	}
	return nil, nil
}

// ErrorCode returns the code of a domain error, EINTERNAL for any other non-nil error and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	switch e, es := domain(err); {
	case e != nil:
		return e.Code
	case es != nil:
		return es[0].Code
	}
	return EINTERNAL
}

// ErrorText is what the person at the counter is told about err: a domain error's wording
// (each problem with its field), "internal error: …" for any other error, and an empty
// Text for nil. Showing it is where it is translated.
func ErrorText(err error) Text {
	if err == nil {
		return Text{}
	}
	switch e, es := domain(err); {
	case e != nil:
		return e.fieldText()
	case es != nil:
		return es.text()
	}
	return T("internal error: %s", err.Error())
}

// ErrorMessage is ErrorText in English.
func ErrorMessage(err error) string { return ErrorText(err).String() }

// FieldTexts maps each field named in err to its message, for showing next to form fields
// (the first message when a field has several); a problem with no field is under "".
func FieldTexts(err error) map[string]Text {
	out := map[string]Text{}
	switch e, es := domain(err); {
	case e != nil:
		out[e.Field] = e.Text()
	case es != nil:
		for _, e := range es {
			if _, seen := out[e.Field]; !seen {
				out[e.Field] = e.Text()
			}
		}
	}
	return out
}

// FieldErrors is FieldTexts in English.
func FieldErrors(err error) map[string]string {
	out := map[string]string{}
	for f, t := range FieldTexts(err) {
		out[f] = t.String()
	}
	return out
}
