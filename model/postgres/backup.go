package postgres

// A backup of a server database is the same .rdbak file as a file's (package sqlite writes
// and checks it; see sqlite.BackupStore), so it restores into either engine. The automatic
// daily backup is written by the counter that starts first each day, into a folder on its
// own computer; the server records the day (daily_backups) so that the other counters do
// not write it again, and a session lock keeps two counters starting together from both
// writing it.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"returndesk/model"
	"returndesk/model/backupdir"
	"returndesk/model/sqlite"
	"returndesk/model/sqlstore"
)

var _ model.BackupService = (*DB)(nil)

// dailyLock is the key of the session lock a counter holds while it writes the day's
// automatic backup.
const dailyLock = 0x5244424b5550 // "RDBKUP"

// BackupDir is this computer's folder of the server's backups: its daily backups (the
// days this counter started first) and those kept before a restore,
// DataDir/backups/<host>-<port>-<database>.
func (db *DB) BackupDir() string {
	dataDir := db.DataDir
	if dataDir == "" {
		if d, err := os.UserConfigDir(); err == nil {
			dataDir = filepath.Join(d, "ReturnDesk")
		}
	}
	return filepath.Join(dataDir, backupdir.Name, serverFolder(db.cfg.Host, db.cfg.Port, db.cfg.Database))
}

// serverFolder names the folder of one server database's backups: host-port-database,
// with anything that may not be in a file name (a socket's slashes, IPv6's colons) as _.
func serverFolder(host string, port uint16, database string) string {
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_') || r == '-' {
				return r
			}
			return '_'
		}, strings.Trim(s, "/"))
	}
	return clean(host) + "-" + strconv.Itoa(int(port)) + "-" + clean(database)
}

// computer is this counter's name in the record of the daily backups.
func (db *DB) computer() string {
	if db.Computer != "" {
		return db.Computer
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "?"
}

// Backup writes a backup of the server's database to path, which must not exist yet.
func (db *DB) Backup(ctx context.Context, path string) (*model.BackupInfo, error) {
	return sqlite.BackupStore(ctx, db.Store, path)
}

// CheckBackup checks a backup file without changing anything.
func (db *DB) CheckBackup(ctx context.Context, path string) (*model.BackupInfo, error) {
	return sqlite.CheckBackup(ctx, path)
}

// Restore checks the backup, keeps the server's current content as a backup in
// BackupDir, then replaces the content of the server's database, for every counter, in
// one transaction.
func (db *DB) Restore(ctx context.Context, path string) (*model.RestoreReport, error) {
	return sqlite.RestoreStore(ctx, db.Store, path, db.BackupDir())
}

// DailyBackup writes today's automatic backup of the server into BackupDir, unless a
// counter wrote it already today or is writing it now (then it returns nil and no error),
// records it on the server, and keeps the newest backupdir.Keep in BackupDir.
func (db *DB) DailyBackup(ctx context.Context) (*model.BackupInfo, error) {
	return db.daily.Run(func() (*model.BackupInfo, error) { return db.dailyBackup(ctx) })
}

func (db *DB) dailyBackup(ctx context.Context) (*model.BackupInfo, error) {
	day := db.Clock()()
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return nil, sqlstore.Error(err)
	}
	defer conn.Close()
	var mine bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, int64(dailyLock)).Scan(&mine); err != nil {
		return nil, sqlstore.Error(err)
	}
	if !mine {
		return nil, nil // another counter is writing today's backup
	}
	defer unlockDaily(conn)
	var done bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM daily_backups WHERE day = $1::date)`,
		day.Format(time.DateOnly)).Scan(&done); err != nil {
		return nil, sqlstore.Error(err)
	}
	if done {
		return nil, nil
	}
	dir := db.BackupDir()
	if err := backupdir.Make(dir); err != nil {
		return nil, err
	}
	backupdir.RemoveStaleTemps(dir)
	dst := backupdir.Daily(dir, day)
	var info *model.BackupInfo
	taken := db.Clock()()
	if fi, err := os.Stat(dst); err == nil {
		taken = fi.ModTime() // written here today, the server not told (interrupted): recorded now
	} else if info, err = sqlite.BackupStore(ctx, db.Store, dst); err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO daily_backups (day, computer, file, taken_at) VALUES ($1::date, $2, $3, $4)`,
		day.Format(time.DateOnly), db.computer(), dst, taken); err != nil {
		return nil, model.Wrap(model.EINTERNAL, sqlstore.Error(err), "the server did not record today's backup %s", dst)
	}
	return info, backupdir.Prune(dir)
}

// unlockDaily releases the daily backup's lock; a connection that may still hold it is
// closed rather than given back to the pool.
func unlockDaily(conn *sql.Conn) {
	if _, err := conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, int64(dailyLock)); err != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
}

// BackupStatus reports this computer's backup folder, the newest backup: the server's
// newest daily backup (on whichever computer wrote it) or a newer one in BackupDir, and
// how this counter's automatic backup went today.
func (db *DB) BackupStatus(ctx context.Context) (model.BackupStatus, error) {
	st, err := db.daily.Status(db.BackupDir())
	st.Server, st.Computer = where(db.cfg), db.computer()
	if st.LastFile != "" {
		st.LastComputer = st.Computer
	}
	if err != nil {
		return st, err
	}
	var computer, file string
	var taken time.Time
	err = db.r.QueryRowContext(ctx, `SELECT computer, file, taken_at FROM daily_backups ORDER BY day DESC LIMIT 1`).
		Scan(&computer, &file, &taken)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, sqlstore.Error(err)
	}
	if taken.After(st.LastAt) {
		st.LastFile, st.LastAt, st.LastComputer = file, taken.Local(), computer
	}
	return st, nil
}
