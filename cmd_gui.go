package main

import (
	"context"
	"fmt"
	"path/filepath"

	"returndesk/gui"
	"returndesk/model"
)

// appVersion is the version shown in the GUI; keep it in step with FyneApp.toml.
const appVersion = "0.1.0"

func init() { commands["gui"] = (*cli).cmdGUI }

// cmdGUI opens the main window on the database and returns when it is closed.
func (c *cli) cmdGUI(args []string) error {
	fs := c.newFlags("gui")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("gui takes no positional arguments (got %q)", pos[0])
	}
	db, err := c.openStore(context.Background())
	if err != nil {
		return err
	}
	path := c.dbPath
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	// The day's automatic backup runs beside the window, so it never delays it; a failure
	// is logged here and shown in Settings, and never stops the app. Closing the window
	// interrupts a backup under way, which then leaves no file behind.
	ctx, cancel := context.WithCancel(context.Background())
	backupDone := make(chan struct{})
	go func() {
		defer close(backupDone)
		if _, err := db.DailyBackup(ctx); err != nil && ctx.Err() == nil {
			fmt.Fprintf(c.stderr, "returndesk gui: the daily backup failed: %s\n", model.ErrorMessage(err))
		}
	}()
	runErr := gui.Run(db, gui.Info{DBPath: path, DataDir: filepath.Dir(path), Version: appVersion})
	cancel()
	<-backupDone
	if err := db.Close(); err != nil && runErr == nil {
		return err
	}
	return runErr
}
