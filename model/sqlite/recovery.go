package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"returndesk/model"
	"returndesk/model/backupdir"
	"returndesk/outfile"
)

// Trouble is what keeps a database file from being used as it is.
type Trouble int

const (
	TroubleNone        Trouble = iota
	TroubleFolder              // its folder cannot be read or entered
	TroubleUnreadable          // the file cannot be read
	TroubleNotDatabase         // the file is something else than an SQLite database
	TroubleDamaged             // truncated, or pages fail SQLite's check
	TroubleReadOnly            // it can be read but not written
	TroubleNewer               // written by a newer ReturnDesk
)

// Diagnosis says, in plain words, what is wrong with a database file.
type Diagnosis struct {
	Trouble Trouble
	Path    string
	Detail  string // what SQLite or the system said, for support
}

// Message is the diagnosis for the person at the counter.
func (d Diagnosis) Message() model.Text {
	switch d.Trouble {
	case TroubleFolder:
		return model.T("ReturnDesk cannot open the folder %s (%s). Ask whoever looks after this computer to give your account access to it, or start ReturnDesk on another database.",
			filepath.Dir(d.Path), d.Detail)
	case TroubleUnreadable:
		return model.T("ReturnDesk cannot read its database %s (%s). Ask whoever looks after this computer to give your account access to the file, or restore a backup.",
			d.Path, d.Detail)
	case TroubleNotDatabase:
		return model.T("The database file %s is not a database any more: something has written over it. Restore a backup; the file will be kept aside, not deleted.", d.Path)
	case TroubleDamaged:
		return model.T("The database file %s is damaged (%s). Restore a backup; the damaged file will be kept aside, not deleted.", d.Path, d.Detail)
	case TroubleReadOnly:
		return model.T("The database %s can be read but not changed (%s): you can look, but not take or change cases.", d.Path, d.Detail)
	case TroubleNewer:
		return model.T("The database %s was written by a newer ReturnDesk (%s). Install that version; nothing was changed.", d.Path, d.Detail)
	}
	return model.Text{}
}

// Restorable reports whether restoring a backup over the file is the way out: the file is
// there but cannot be used as a database.
func (d Diagnosis) Restorable() bool {
	return d.Trouble == TroubleNotDatabase || d.Trouble == TroubleDamaged || d.Trouble == TroubleUnreadable
}

// Diagnose looks at the database at path without changing anything (no -wal or -shm is
// created): can its folder and the file be read, is it an SQLite database, whole, sound by
// SQLite's quick check, writable, and of a schema this ReturnDesk knows. A missing file is
// no trouble: it is a new database.
func Diagnose(ctx context.Context, path string) Diagnosis {
	d := Diagnosis{Path: path}
	if abs, err := filepath.Abs(path); err == nil {
		d.Path = abs
	}
	if _, err := os.ReadDir(filepath.Dir(d.Path)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return d // a new shop: the folder is made with the database
		}
		d.Trouble, d.Detail = TroubleFolder, reason(err)
		return d
	}
	f, err := os.Open(d.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return d
	}
	if err != nil {
		d.Trouble, d.Detail = TroubleUnreadable, reason(err)
		return d
	}
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	fi, serr := f.Stat()
	f.Close()
	switch {
	case n == 0 && (err == io.EOF || err == nil):
		return d // an empty file becomes a new database
	case serr != nil:
		d.Trouble, d.Detail = TroubleUnreadable, reason(serr)
		return d
	case !fi.Mode().IsRegular():
		d.Trouble, d.Detail = TroubleNotDatabase, "it is not a plain file"
		return d
	case n < len(head) || !bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			d.Trouble, d.Detail = TroubleUnreadable, reason(err)
			return d
		}
		d.Trouble, d.Detail = TroubleNotDatabase, "it does not start as an SQLite database does"
		return d
	}
	if short := truncated(head, fi.Size(), d.Path); short != "" {
		d.Trouble, d.Detail = TroubleDamaged, short
		return d
	}
	readOnly := writeRefused(d.Path)
	// Without a -wal file nobody has it open for writing, and reading it as immutable leaves
	// no -wal or -shm behind; with one, its newest pages are in it and must be read.
	_, walErr := os.Stat(d.Path + "-wal")
	immutable := readOnly != "" || errors.Is(walErr, fs.ErrNotExist)
	if msg := quickCheck(ctx, d.Path, immutable); msg != "" {
		d.Trouble, d.Detail = TroubleDamaged, msg
		if isNotADatabase(errors.New(msg)) {
			d.Trouble = TroubleNotDatabase
		}
		return d
	}
	if v, err := readSchemaVersion(ctx, d.Path, readParams(immutable)); err == nil && v > KnownSchemaVersion() {
		d.Trouble, d.Detail = TroubleNewer, fmt.Sprintf("schema version %d; this one knows up to %d", v, KnownSchemaVersion())
		return d
	}
	if readOnly != "" {
		d.Trouble, d.Detail = TroubleReadOnly, readOnly
	}
	return d
}

// reason is the system's reason for an error without the path, which the message names.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrPermission) {
		return "permission denied"
	}
	return err.Error()
}

// truncated says why the file is shorter than its header says it is, or "". The size in the
// header counts only while no -wal file holds newer pages.
func truncated(head []byte, size int64, path string) string {
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	if pageSize < 512 {
		return "its header is damaged"
	}
	if size%pageSize != 0 {
		return fmt.Sprintf("it ends in the middle of a page: %d bytes are not a whole number of %d-byte pages", size, pageSize)
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return ""
	}
	if pages > 0 && size < pages*pageSize {
		return fmt.Sprintf("it is cut short: %d of its %d pages are there", size/pageSize, pages)
	}
	return ""
}

// writeRefused says why the file cannot be written (a read-only file, folder or disk), or "".
func writeRefused(path string) string {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return reason(err)
	}
	f.Close()
	// A WAL database also needs its -shm file, made in the folder.
	if _, err := os.Stat(path + "-shm"); errors.Is(err, fs.ErrNotExist) {
		probe, err := os.CreateTemp(filepath.Dir(path), ".returndesk-probe-*")
		if err != nil {
			if errors.Is(err, syscall.EROFS) {
				return "the disk is read-only"
			}
			return "its folder cannot be written: " + reason(err)
		}
		probe.Close()
		os.Remove(probe.Name())
	}
	return ""
}

// readParams open a file for reading only; immutable when nothing may be created beside it.
func readParams(immutable bool) string {
	if immutable {
		return "mode=ro&immutable=1"
	}
	return "mode=ro"
}

// readURI is path opened with readParams.
func readURI(path string, immutable bool) string { return fileURI(path) + "?" + readParams(immutable) }

// quickCheck runs SQLite's quick check on the file and returns what it found, "" when sound.
func quickCheck(ctx context.Context, path string, immutable bool) string {
	found, err := readFile(ctx, readURI(path, immutable), func(tx *sql.Tx) ([]string, error) {
		return checkProblems(ctx, tx, "quick_check(3)")
	})
	if err != nil {
		return err.Error()
	}
	return strings.Join(found, "; ")
}

// RestoreOver restores the backup at backup as the database at path when that database
// cannot be opened (see Diagnose): the backup is checked first on a private copy; then the
// damaged file (with its -wal and -shm) is moved aside into the backup folder byte for
// byte, never deleted, and the checked copy takes its place. The report's Kept names the
// damaged file.
func RestoreOver(ctx context.Context, path, backup string) (*model.RestoreReport, error) {
	if err := checkBackupFile(backup); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, model.Wrap(model.EINVALID, err, "database path %q", path)
	}
	if same(backup, abs) {
		return nil, model.Errorf(model.EINVALID, "%s is the damaged database itself; choose a backup file", backup)
	}
	dir := filepath.Join(filepath.Dir(abs), backupdir.Name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, model.Wrap(model.EINTERNAL, err, "cannot create the backup folder")
	}
	staging, err := copyToTemp(backup, dir)
	if err != nil {
		return nil, model.Wrap(model.EINTERNAL, err, "cannot copy %s", backup)
	}
	defer os.Remove(staging)
	info, err := checkBackup(ctx, staging, backup)
	if err != nil {
		return nil, err
	}
	rep := &model.RestoreReport{Backup: *info, PhotosWritten: photosMovedIn(info)}
	pageSize, err := pageSizeOf(ctx, staging)
	if err == nil {
		err = stripBackup(ctx, staging, pageSize, info.SchemaVersion)
	}
	if err == nil {
		err = outfile.Sync(staging)
	}
	if err != nil {
		return nil, model.Wrap(model.EINTERNAL, err, "restoring %s failed, nothing was changed", backup)
	}
	if rep.Kept, err = moveAside(abs, dir, time.Now()); err != nil {
		return nil, err
	}
	if err := outfile.Move(staging, abs); err != nil {
		return nil, model.Wrap(model.EINTERNAL, err, "the damaged database is kept as %s, but the backup could not take its place",
			rep.Kept)
	}
	// Opening brings an older backup up to date and the file into WAL mode.
	db, err := Open(abs)
	if err != nil {
		return nil, model.Wrap(model.EINTERNAL, err, "restored %s but cannot open it", backup)
	}
	rep.Upgraded = info.SchemaVersion < KnownSchemaVersion()
	return rep, db.Close()
}

// pageSizeOf reads a database file's page size.
func pageSizeOf(ctx context.Context, path string) (int, error) {
	c, err := sql.Open("sqlite3", fileURI(path)+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer c.Close()
	var n int
	err = c.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&n)
	return n, err
}

// moveAside renames the database at path and its -wal and -shm into dir as
// returndesk-damaged-<time>.db (and -wal, -shm), unchanged, and returns the new name of
// the main file. When one of them cannot be moved, those already moved go back.
func moveAside(path, dir string, now time.Time) (string, error) {
	kept := damagedName(dir, now)
	var moved []string
	for _, c := range []string{"", "-wal", "-shm"} {
		if _, err := os.Lstat(path + c); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.Rename(path+c, kept+c); err != nil {
			for _, m := range moved {
				os.Rename(kept+m, path+m)
			}
			return "", model.Wrap(model.EINTERNAL, err, "nothing was restored: cannot move the damaged database aside")
		}
		moved = append(moved, c)
	}
	outfile.SyncDir(dir)
	return kept, nil
}

// GoodBackups lists the backups in the backup folder beside the database at path that pass
// SQLite's quick check, newest first, at most max of them, with what they hold.
func GoodBackups(ctx context.Context, path string, max int) ([]model.BackupInfo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(filepath.Dir(abs), backupdir.Name)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return []model.BackupInfo{}, nil
	}
	if err != nil {
		return nil, model.Wrap(model.EINTERNAL, err, "cannot list the backups in %s", dir)
	}
	type candidate struct {
		path string
		mod  time.Time
	}
	var cs []candidate
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), model.BackupExt) {
			continue
		}
		if fi, err := e.Info(); err == nil {
			cs = append(cs, candidate{filepath.Join(dir, e.Name()), fi.ModTime()})
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].mod.After(cs[j].mod) })
	out := []model.BackupInfo{}
	for _, c := range cs {
		if len(out) == max {
			break
		}
		if quickCheck(ctx, c.path, true) != "" {
			continue
		}
		info, err := summarizeFile(ctx, c.path)
		if err != nil {
			continue
		}
		info.Taken = c.mod
		out = append(out, *info)
	}
	return out, nil
}

// summarizeFile reads what a backup file holds, without the full check a restore makes.
func summarizeFile(ctx context.Context, path string) (*model.BackupInfo, error) {
	info, err := readFile(ctx, readURI(path, true), func(tx *sql.Tx) (*model.BackupInfo, error) { return summarize(ctx, tx) })
	if err != nil {
		return nil, err
	}
	info.File = path
	if fi, err := os.Stat(path); err == nil {
		info.Size = fi.Size()
	}
	return info, nil
}

// copyAside copies the database at path and its -wal into dir as returndesk-damaged-<time>.db
// (and -wal), byte for byte, for a database that is open and so cannot be moved.
func copyAside(path, dir string, now time.Time) (string, error) {
	kept := damagedName(dir, now)
	for _, c := range []string{"", "-wal"} {
		data, err := os.ReadFile(path + c)
		if c != "" && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err == nil {
			err = outfile.CreateBytes(kept+c, 0o600, data)
		}
		if err != nil {
			os.Remove(kept)
			return "", model.Wrap(model.EINTERNAL, err, "nothing was restored: cannot keep a copy of the damaged database")
		}
	}
	outfile.SyncDir(dir)
	return kept, nil
}

// damagedName is a new name in dir for a damaged database kept aside.
func damagedName(dir string, now time.Time) string {
	stamp := now.Format("2006-01-02-150405")
	kept := filepath.Join(dir, "returndesk-damaged-"+stamp+".db")
	for i := 2; ; i++ {
		if _, err := os.Lstat(kept); errors.Is(err, fs.ErrNotExist) {
			return kept
		}
		kept = filepath.Join(dir, fmt.Sprintf("returndesk-damaged-%s-%d.db", stamp, i))
	}
}
