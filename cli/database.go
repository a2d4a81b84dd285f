package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"returndesk/model/postgres"
	"returndesk/outfile"
)

// onServer reports whether --db names a PostgreSQL database (a postgres:// URL) rather
// than an SQLite file.
func (c *cli) onServer() bool { return postgres.IsURL(c.dbPath) }

// dbName is the database as it is shown: the file, or the server's URL without its password.
func (c *cli) dbName() string {
	if c.onServer() {
		return postgres.Redacted(c.dbPath)
	}
	return c.dbPath
}

// dataDir is the folder of the data beside the database (photos, backups): the database
// file's folder, or for a server database the user's usual data folder.
func (c *cli) dataDir() string {
	if c.onServer() {
		return defaultDataDir(c.getenv)
	}
	if abs, err := filepath.Abs(c.dbPath); err == nil {
		return filepath.Dir(abs)
	}
	return filepath.Dir(c.dbPath)
}

// dbMissing reports whether --db is a database file that does not exist (yet). A server
// database is never missing here: opening it says when it is.
func (c *cli) dbMissing() bool {
	if c.onServer() {
		return false
	}
	_, err := os.Stat(c.dbPath)
	return errors.Is(err, fs.ErrNotExist)
}

// outGuard guards what a command writes against the database's files and the data folder.
// A server database has no file here; the data folder still holds the photos (and maybe
// an SQLite database under the usual name, from before the server).
func (c *cli) outGuard() outfile.Guard {
	if c.onServer() {
		return outfile.Guard{DB: filepath.Join(c.dataDir(), "returndesk.db")}
	}
	return outfile.Guard{DB: c.dbPath}
}
