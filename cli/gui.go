package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"returndesk/gui"
	"returndesk/model"
	"returndesk/model/sqlite"
)

// appVersion is the version shown in the GUI; keep it in step with FyneApp.toml.
const appVersion = "0.1.0"

// cmdGUI opens the main window on the database and returns when it is closed.
func (c *cli) cmdGUI(args []string) error {
	fs := c.newFlags("gui")
	_, err := parseArgs(fs, args, 0)
	if err != nil {
		return err
	}
	info := gui.Info{DBPath: c.dbName(), DataDir: c.dataDir(), Version: appVersion, ChoiceDir: defaultDataDir(c.getenv)}
	if !c.onServer() {
		info.DBPath = filepath.Join(info.DataDir, filepath.Base(c.dbPath))
	}
	db, err := c.openStore(context.Background())
	if err != nil {
		return c.recover(err, info)
	}
	// The day's automatic backup runs beside the window, so it never delays it; a failure
	// is logged here and shown in Settings, and never stops the app. Closing the window
	// interrupts a backup under way, which then leaves no file behind.
	ctx, cancel := context.WithCancel(context.Background())
	backupDone := make(chan struct{})
	go func() {
		defer close(backupDone)
		b, ok := db.(model.BackupService)
		if !ok {
			return
		}
		if _, err := b.DailyBackup(ctx); err != nil && ctx.Err() == nil {
			fmt.Fprintf(c.stderr, "returndesk gui: the daily backup failed: %s\n", say(model.ErrorText(err)))
		}
	}()
	runErr := gui.Run(db, info)
	cancel()
	<-backupDone
	if err := db.Close(); err != nil && runErr == nil {
		return err
	}
	return runErr
}

// recover shows the recovery window when the database does not open: what is wrong in
// plain words and, for a damaged file, the newest good backups to restore over it. The
// problem also goes to stderr, for whoever started the app from a terminal.
func (c *cli) recover(openErr error, info gui.Info) error {
	ctx := context.Background()
	var d sqlite.Diagnosis
	if !c.onServer() { // a server's trouble is not a file's: nothing here to repair or restore
		d = sqlite.Diagnose(ctx, info.DBPath)
	}
	problem := d.Message()
	if problem.Key == "" { // a failure Diagnose cannot name: say what opening said
		problem = model.T("ReturnDesk cannot open its database: %s", errorText(openErr))
	}
	fmt.Fprintf(c.stderr, "returndesk gui: %s\n", say(problem))
	store := gui.RunRecovery(gui.Recovery{
		Problem:    problem,
		Restorable: d.Restorable(),
		Backups: func(ctx context.Context) ([]model.BackupInfo, error) {
			return sqlite.GoodBackups(ctx, info.DBPath, 5)
		},
		Restore: func(ctx context.Context, backup string) (*model.RestoreReport, error) {
			return sqlite.RestoreOver(ctx, info.DBPath, backup)
		},
		Open: func() (model.Store, error) { return c.openStore(ctx) },
	}, info)
	if store != nil {
		return store.Close()
	}
	return nil
}
