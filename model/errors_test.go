package model

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"syscall"
	"testing"
)

// An error keeps its wording as a Text and its cause as an error: what it prints is the
// same as when the cause was formatted into the message, and errors.Is and errors.As
// still reach the cause.
func TestErrorWording(t *testing.T) {
	pathErr := &fs.PathError{Op: "mkdir", Path: "/data/backups", Err: fs.ErrPermission}
	required := Invalid("serial", "is required")
	tests := []struct {
		name    string
		err     error
		code    Code
		message string
		fields  map[string]string
	}{
		{"plain", Errorf(ENOTFOUND, "no case %s", "RMA-1"), ENOTFOUND, "no case RMA-1", map[string]string{"": "no case RMA-1"}},
		{"field", required, EINVALID, "serial: is required", map[string]string{"serial": "is required"}},
		{"wrapped system error", Wrap(EINTERNAL, pathErr, "cannot create the backup folder"), EINTERNAL,
			"cannot create the backup folder: mkdir /data/backups: permission denied",
			map[string]string{"": "cannot create the backup folder: mkdir /data/backups: permission denied"}},
		{"wrapped domain error", Wrap(EINTERNAL, required, "restored %s but cannot open it", "x.rdbak"), EINTERNAL,
			"restored x.rdbak but cannot open it: serial: is required",
			map[string]string{"": "restored x.rdbak but cannot open it: serial: is required"}},
		{"re-coded, same words", Wrap(EINVALID, errors.New("stat x: no such file"), ""), EINVALID,
			"stat x: no such file", map[string]string{"": "stat x: no such file"}},
		{"field and cause", &Error{Code: EINVALID, Field: "model", Cause: Errorf(ENOTFOUND, "no product %s", "P1")}, EINVALID,
			"model: no product P1", map[string]string{"model": "no product P1"}},
		{"a wrapped list is the wrapper", Wrap(EINTERNAL, Errors{required, Invalid("name", "is required")}, "row %d", 3), EINTERNAL,
			"row 3: serial: is required; name: is required",
			map[string]string{"": "row 3: serial: is required; name: is required"}},
		{"list", Errors{required, Invalid("name", "is too long"), Invalid("name", "is odd")}, EINVALID,
			"serial: is required; name: is too long; name: is odd",
			map[string]string{"serial": "is required", "name": "is too long"}},
		{"under fmt", fmt.Errorf("customer %s: %w", "Li", required), EINVALID, "serial: is required",
			map[string]string{"serial": "is required"}},
		{"joined", errors.Join(errors.New("context"), required), EINVALID, "serial: is required",
			map[string]string{"serial": "is required"}},
		{"not ours", errors.New("disk on fire"), EINTERNAL, "internal error: disk on fire", map[string]string{}},
		{"full disk", WriteError(syscall.ENOSPC, T("backup to %s failed", "x.rdbak")), EIO,
			"backup to x.rdbak failed: the disk is full", map[string]string{"": "backup to x.rdbak failed: the disk is full"}},
		{"not done", NotDone(DiskFull(), T("nothing was imported")), EIO, "the disk is full; nothing was imported",
			map[string]string{"": "the disk is full; nothing was imported"}},
	}
	for _, tt := range tests {
		if got := ErrorCode(tt.err); got != tt.code {
			t.Errorf("%s: code %q, want %q", tt.name, got, tt.code)
		}
		if got := ErrorMessage(tt.err); got != tt.message {
			t.Errorf("%s: message %q, want %q", tt.name, got, tt.message)
		}
		if got := FieldErrors(tt.err); !reflect.DeepEqual(got, tt.fields) {
			t.Errorf("%s: fields %q, want %q", tt.name, got, tt.fields)
		}
		if e, ok := tt.err.(*Error); ok && e.Error() != tt.message {
			t.Errorf("%s: Error() %q, want %q", tt.name, e.Error(), tt.message)
		}
	}
	if ErrorCode(nil) != "" || ErrorMessage(nil) != "" || len(FieldErrors(nil)) != 0 {
		t.Error("nil has a code, a message or fields")
	}

	wrapped := Wrap(EINTERNAL, pathErr, "cannot create the backup folder")
	var pe *fs.PathError
	if !errors.Is(wrapped, fs.ErrPermission) || !errors.As(wrapped, &pe) || pe != pathErr {
		t.Errorf("errors.Is/As do not reach the cause of %v", wrapped)
	}
	// The message is the key and its arguments, not a formatted string.
	if wrapped.Message.Key != "cannot create the backup folder" || ErrorText(required).String() != "serial: is required" {
		t.Errorf("message = %#v", wrapped.Message)
	}
	if !Invalid("x", "is %s", "bad").Equal(Invalid("x", "is bad")) || required.Equal(Invalid("serial", "is odd")) {
		t.Error("Equal compares code, field and wording")
	}
}
