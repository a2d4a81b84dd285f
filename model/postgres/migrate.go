package postgres

import (
	"context"
	"database/sql"
	"embed"

	"returndesk/model"
	"returndesk/model/sqlstore"
)

//go:embed migration/*.sql
var migrationFiles embed.FS

// KnownSchemaVersion is the newest schema version this build of ReturnDesk can use; the
// PostgreSQL migrations are numbered as SQLite's.
func KnownSchemaVersion() int {
	ms, err := sqlstore.LoadMigrations(migrationFiles)
	if err != nil {
		return 0
	}
	return len(ms)
}

// SchemaVersion returns the schema version recorded in the database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.r.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM migrations`).Scan(&v)
	return v, sqlstore.Error(err)
}

// migrate applies the pending migrations in one transaction (PostgreSQL's DDL is
// transactional: all or nothing) under the writers' lock, so that two counters opening a
// new database at once apply each migration once; a newer schema is refused untouched.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := sqlstore.LoadMigrations(migrationFiles)
	if err != nil {
		return model.Wrap(model.EINTERNAL, err, "embedded migrations")
	}
	tx, err := engine{db}.BeginWrite(ctx)
	if err != nil {
		return sqlstore.Error(err)
	}
	defer tx.Rollback()
	// A counter's user may have no right to create tables: look before creating.
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT to_regclass('migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return sqlstore.Error(err)
	}
	if !exists {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at TEXT NOT NULL)`); err != nil {
			return sqlstore.Error(err)
		}
	}
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM migrations`).Scan(&current); err != nil {
		return sqlstore.Error(err)
	}
	if current > len(ms) {
		return sqlstore.NewerSchema(current, len(ms))
	}
	made, err := makeDailyBackups(ctx, tx)
	if err != nil {
		return err
	}
	if current == len(ms) {
		if !made {
			return nil // nothing changed: no commit, which would notify every counter
		}
		return sqlstore.Error(tx.Commit())
	}
	if current == 0 {
		// Never build our tables inside somebody else's database.
		var other string
		err := tx.QueryRowContext(ctx, `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_name NOT IN ('migrations', 'daily_backups') LIMIT 1`).Scan(&other)
		if err == nil {
			return model.Errorf(model.EINVALID,
				"the PostgreSQL database is not a ReturnDesk database (it has a table %q but no migrations)", other)
		}
	}
	for _, m := range ms[current:] {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			// A user without the right to create tables: Open says so (rightsError).
			return model.Wrap(model.EINTERNAL, err, "migration %s failed", m.Name)
		}
		if err := sqlstore.FillIndex(ctx, tx, dialect, m.Version); err != nil {
			return model.Wrap(model.EINTERNAL, err, "migration %s failed", m.Name)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
			m.Version, m.Name, sqlstore.FormatTime(db.Clock()())); err != nil {
			return model.Wrap(model.EINTERNAL, err, "recording migration %s", m.Name)
		}
	}
	if err := tx.Commit(); err != nil {
		return sqlstore.Error(err)
	}
	return nil
}

// makeDailyBackups creates the table daily_backups when missing and says whether it did.
// It records, per day, which counter wrote the day's automatic backup and where (see
// DailyBackup): the server's own bookkeeping like migrations, not the shop's data, so no
// part of the numbered schema, of a backup or of a restore.
func makeDailyBackups(ctx context.Context, tx *sql.Tx) (bool, error) {
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT to_regclass('daily_backups') IS NOT NULL`).Scan(&exists); err != nil || exists {
		return false, sqlstore.Error(err)
	}
	_, err := tx.ExecContext(ctx, `CREATE TABLE daily_backups (
		day      date PRIMARY KEY,      -- the counter's day
		computer text NOT NULL,         -- the computer of the counter that wrote it
		file     text NOT NULL,         -- the backup file on that computer
		taken_at timestamptz NOT NULL)`)
	if err != nil {
		return false, model.Wrap(model.EINTERNAL, err, "creating the table daily_backups failed")
	}
	return true, nil
}
