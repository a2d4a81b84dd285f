package outfile

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"returndesk/model"
)

// OpenInput opens a file the user gave to read from: an import, a returned claim sheet, a
// backup to restore. Only a regular file is accepted: opening a named pipe (FIFO) waits
// for a writer, and reading it for its end, forever; a device or a folder is no document.
// The name is looked at first, and the opened file again, opened without blocking, so that
// a FIFO put in its place in between cannot hang the open either. Errors are EINVALID, one
// line, without the file's name (the caller puts it in front).
func OpenInput(path string) (*os.File, fs.FileInfo, error) {
	fi, err := statInput(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, model.Errorf(model.EINVALID, "no such file")
	}
	if err != nil {
		return nil, nil, model.Wrap(model.EINVALID, err, "cannot open the file")
	}
	if err := model.NotAFile(fi); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, model.Wrap(model.EINVALID, err, "cannot open the file")
	}
	if fi, err = f.Stat(); err == nil {
		err = model.NotAFile(fi)
	}
	if err != nil {
		f.Close()
		return nil, nil, model.Wrap(model.EINVALID, err, "")
	}
	return f, fi, nil
}

// statInput looks at the name; a test swaps the file after it.
var statInput = os.Stat
