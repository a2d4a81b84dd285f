package cli

import (
	"context"
	"fmt"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/model/postgres"
	"returndesk/model/sqlite"
)

// openStore opens (or creates) the database at --db and makes sure the preset policies are
// in it. Opening a database that is up to date only reads it, so a command that only reads
// never waits for another process's write; a command that writes while another holds the
// write lock says on stderr, once, what it is waiting for.
func (c *cli) openStore(ctx context.Context) (model.Store, error) {
	if c.onServer() {
		db, err := c.openServer()
		if err != nil {
			return nil, err
		}
		return c.withPresets(ctx, db)
	}
	db, err := sqlite.Open(c.dbPath)
	if err != nil {
		// Say in plain words what is wrong with the file, when that is the reason.
		if d := sqlite.Diagnose(ctx, c.dbPath); d.Trouble != sqlite.TroubleNone && d.Trouble != sqlite.TroubleReadOnly {
			return nil, &model.Error{Code: model.EINTERNAL, Message: d.Message()}
		}
		return nil, err
	}
	db.Now = c.now // what the command writes carries the command's clock
	db.OnWait = func(line string) { fmt.Fprintf(c.stderr, "returndesk: %s\n", line) }
	return c.withPresets(ctx, db)
}

// openServer opens the server database of --db; the backups of it made on this computer
// go to the data folder (see postgres.DB.BackupDir).
func (c *cli) openServer() (*postgres.DB, error) {
	db, err := postgres.Open(c.dbPath)
	if err != nil {
		return nil, err
	}
	db.Now = c.now // what the command writes carries the command's clock
	db.DataDir = c.dataDir()
	return db, nil
}

// withPresets makes sure the preset policies are in the opened database db.
func (c *cli) withPresets(ctx context.Context, db model.Store) (model.Store, error) {
	if err := intake.EnsurePresets(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openStoredPolicies gives `policy list/check` the database's policies, but only when the
// database already exists: looking at policies must never create a database.
func (c *cli) openStoredPolicies(ctx context.Context) (model.PolicyService, func() error, error) {
	if c.dbMissing() {
		return nil, nil, nil
	}
	db, err := c.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	return db, db.Close, nil
}

// withStore opens the database for the length of one command.
func (c *cli) withStore(f func(ctx context.Context, db model.Store) error) error {
	ctx := context.Background()
	db, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	return f(ctx, db)
}
