// Package dbchoice keeps the database a computer opens when none is named on the command
// line or in RETURNDESK_DB: a one-line file in the user's data folder, written from Settings.
package dbchoice

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"returndesk/outfile"
)

// FileName is the choice's file in the data folder.
const FileName = "database.txt"

// Read is the database chosen in dir's choice file; "" when there is none.
func Read(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// Save makes db (a postgres:// URL, or a database file) the one this computer opens. The
// file may hold a password: only its owner can read it.
func Save(dir, db string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return outfile.Replace(filepath.Join(dir, FileName), 0o600, func(f *os.File) error {
		_, err := f.WriteString(strings.TrimSpace(db) + "\n")
		return err
	})
}

// Clear goes back to the database file in the data folder.
func Clear(dir string) error {
	if err := os.Remove(filepath.Join(dir, FileName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
