package model

import "io/fs"

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
func FileKind(m fs.FileMode) Text {
	switch {
	case m.IsRegular():
		return Text{}
	case m.IsDir():
		return T("a folder")
	case m&fs.ModeNamedPipe != 0:
		return T("a named pipe (FIFO)")
	case m&fs.ModeSocket != 0:
		return T("a socket")
	case m&fs.ModeDevice != 0:
		return T("a device")
	}
	return T("a special file")
}
