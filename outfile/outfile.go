// Package outfile is ReturnDesk's file I/O on the disk: it writes every file — slips, labels,
// claim sheets, backups, photos — whole or not at all (one write-to-temp-then-rename), the
// files handed to people never over the database, its companion files, another database,
// ReturnDesk's data folder or anything that is not a plain file; and it opens the files
// people give to read only when they are plain files.
package outfile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"returndesk/model"
)

// Guard names the database whose files an output must never replace. The zero Guard still
// refuses devices, folders and databases.
type Guard struct {
	DB string // the database file; its folder is ReturnDesk's data folder
}

// companions are the files SQLite keeps beside a database, which belong to it: a stray
// file under one of these names would be taken for the database's journal.
var companions = []string{"", "-wal", "-shm", "-journal"}

// sqliteHeader starts every SQLite database, so also every ReturnDesk backup.
var sqliteHeader = []byte("SQLite format 3\x00")

// Check reports why path may not be written, as an EINVALID error on the field "out", or nil.
func (g Guard) Check(path string) error {
	if strings.TrimSpace(path) == "" {
		return model.Invalid("out", "no file given to write")
	}
	target, err := resolve(path)
	if err != nil {
		return err
	}
	if g.DB != "" {
		db, err := resolve(g.DB)
		if err == nil && g.ownsName(target, db) {
			return model.Invalid("out", "%s is the database's own file; choose another file", path)
		}
		if err == nil && isInside(target, filepath.Dir(db)) {
			// The data folder holds the photos, backups and printed slips: nothing in it is the
			// user's to replace, though a new file may go there.
			if _, serr := os.Lstat(target); serr == nil {
				return model.Invalid("out", "%s is in ReturnDesk's data folder and already exists; choose another file", path)
			}
		}
	}
	fi, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return model.Invalid("out", "cannot check %s: %v", path, err)
	}
	if !fi.Mode().IsRegular() {
		return model.Invalid("out", "%s is %s, not a file; give the name of a file to write", path, model.FileKind(fi.Mode()))
	}
	if g.DB != "" {
		for _, c := range companions {
			if other, err := os.Stat(g.DB + c); err == nil && os.SameFile(fi, other) {
				return model.Invalid("out", "%s is the database's own file; choose another file", path)
			}
		}
	}
	if isDatabase(target) {
		return model.Invalid("out", "%s is a database or a ReturnDesk backup; ReturnDesk never writes over one", path)
	}
	return nil
}

// ownsName reports whether target is the database or one of its companions by name, which
// matters when the companion does not exist at the moment.
func (g Guard) ownsName(target, db string) bool {
	for _, c := range companions {
		if target == db+c {
			return true
		}
	}
	return false
}

// resolve makes path absolute with the symbolic links of its folder resolved, so that two
// names of one place compare equal. The folder must exist.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", model.Invalid("out", "%q is not a usable path: %v", path, err)
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if errors.Is(err, fs.ErrNotExist) {
		return "", model.Invalid("out", "the folder %s does not exist", filepath.Dir(abs))
	}
	if err != nil {
		return "", model.Invalid("out", "cannot use the folder %s: %v", filepath.Dir(abs), err)
	}
	return filepath.Join(dir, filepath.Base(abs)), nil
}

// isInside reports whether path lies in dir or below it.
func isInside(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// isDatabase reports whether the file at path starts like an SQLite database.
func isDatabase(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, _ := io.ReadFull(f, head)
	return n == len(head) && bytes.Equal(head, sqliteHeader)
}

// Write checks path with g, writes it through fill into a temporary file in the same folder,
// makes that durable and renames it over path: path is the whole new file or what it was.
func Write(path string, g Guard, perm fs.FileMode, fill func(f *os.File) error) error {
	if err := g.Check(path); err != nil {
		return err
	}
	target, _ := resolve(path)
	// The guard looks again before the rename: the path may have changed while the file was made.
	err := commit(target, perm, false, fill, func() error { return g.Check(path) })
	if err != nil && model.ErrorCode(err) == model.EINTERNAL {
		return failed(path, err)
	}
	return err
}

// WriteBytes is Write for data already in memory.
func WriteBytes(path string, g Guard, perm fs.FileMode, data []byte) error {
	return Write(path, g, perm, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// failed is the error of a write that the machine refused: EIO with the full disk said
// plainly, else EINTERNAL with the system's reason.
func failed(path string, err error) error {
	return model.WriteError(err, model.T("cannot write %s", path))
}

// TempPattern names the temporary files ReturnDesk writes before renaming them into place;
// a crash may leave one behind, and only files matching it are ever cleaned up.
const TempPattern = ".returndesk-*.tmp"

// Temp creates an empty temporary file in dir, readable by its owner only.
func Temp(dir string) (*os.File, error) { return os.CreateTemp(dir, TempPattern) }

// Replace writes target through fill like Write, for ReturnDesk's own files (a daily
// backup), with no guard: target is the whole new file or what it was.
func Replace(target string, perm fs.FileMode, fill func(f *os.File) error) error {
	return commit(target, perm, false, fill, nil)
}

// Create writes a new file through fill like Replace, but never replaces a file: when path
// exists the error is fs.ErrExist, and a failed write leaves no file behind. Photos, kept
// copies and named backups are written so.
func Create(path string, perm fs.FileMode, fill func(f *os.File) error) error {
	return commit(path, perm, true, fill, nil)
}

// CreateBytes is Create for data already in memory.
func CreateBytes(path string, perm fs.FileMode, data []byte) error {
	return Create(path, perm, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// commit is ReturnDesk's one write-to-temp-then-rename: fill writes a temporary file in
// target's folder, which gets perm, is synced and renamed over target, and the folder is
// synced, so that target is the whole new file or what it was, even after a crash. With
// fresh, target is first reserved empty with O_EXCL (a rename alone would replace a file
// made meanwhile; a hard link is not on every disk) and removed again if the write fails.
// ready, when given, may still refuse just before the rename.
func commit(target string, perm fs.FileMode, fresh bool, fill func(f *os.File) error, ready func() error) (err error) {
	if fresh {
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if err != nil {
			return err
		}
		f.Close()
	}
	tmp, err := Temp(filepath.Dir(target))
	if err != nil {
		if fresh {
			os.Remove(target)
		}
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			if fresh {
				os.Remove(target)
			}
		}
	}()
	if err := fill(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if ready != nil {
		if err := ready(); err != nil {
			return err
		}
	}
	return Move(tmp.Name(), target)
}

// Sync flushes the written file at path to the disk.
func Sync(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Move renames tmp, a file from Temp that is already synced, over target and makes the
// rename durable. A file checked between its writing and its move (a restored database)
// is moved so; commit moves every other.
func Move(tmp, target string) error {
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	SyncDir(filepath.Dir(target))
	return nil
}

// SyncDir makes a rename in dir durable; systems that cannot sync a folder are ignored.
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
