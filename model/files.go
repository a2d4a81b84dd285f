package model

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// WriteNewFile writes data to a file that must not exist yet, readable by its owner only and
// synced to disk, as ReturnDesk keeps every file of customer data (photos, restored photos).
// A failed write leaves no file behind.
func WriteNewFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// OpenInput opens a file the user gave to read from: an import, a returned claim sheet, a
// backup to restore. Only a regular file is accepted: opening a named pipe (FIFO) waits
// for a writer, and reading it for its end, forever; a device or a folder is no document.
// The name is looked at first, and the opened file again, opened without blocking, so that
// a FIFO put in its place in between cannot hang the open either. Errors are EINVALID, one
// line, without the file's name (the caller puts it in front).
func OpenInput(path string) (*os.File, fs.FileInfo, error) {
	fi, err := statInput(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, Errorf(EINVALID, "no such file")
	}
	if err != nil {
		return nil, nil, Wrap(EINVALID, err, "cannot open the file")
	}
	if err := NotAFile(fi); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, Wrap(EINVALID, err, "cannot open the file")
	}
	if fi, err = f.Stat(); err == nil {
		err = NotAFile(fi)
	}
	if err != nil {
		f.Close()
		return nil, nil, Wrap(EINVALID, err, "")
	}
	return f, fi, nil
}

// statInput looks at the name; a test swaps the file after it.
var statInput = os.Stat

// NotAFile refuses, in one EINVALID line, what is not a regular file: "this is a named
// pipe (FIFO), not a file". It is nil for a regular file.
func NotAFile(fi fs.FileInfo) error {
	if fi.Mode().IsRegular() {
		return nil
	}
	return Errorf(EINVALID, "this is %s, not a file", FileKind(fi.Mode()))
}

// FileKind names what a file that is not a regular one is, for a person: "a folder", "a
// named pipe (FIFO)", "a socket", "a device", "a special file"; "" for a regular file.
func FileKind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
