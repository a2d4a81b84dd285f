package cli

import (
	"context"
	"fmt"
	"strings"

	"returndesk/model"
	"returndesk/model/sqlite"
)

// cmdBackup writes a backup of the database and its photos to a new file.
func (c *cli) cmdBackup(args []string) error {
	flags := c.newFlags("backup")
	out := flags.String("out", "", flagHelp("the backup `FILE` to write (.rdbak); it must not exist yet"))
	asJSON := jsonFlag(flags)
	if _, err := parseArgs(flags, args, 0, "out"); err != nil {
		return err
	}
	ctx := context.Background()
	var info *model.BackupInfo
	name := c.dbName()
	if c.onServer() {
		// The same .rdbak as of a file: a new SQLite file the copier fills from the server.
		db, err := c.openServer()
		if err != nil {
			return err
		}
		defer db.Close()
		if info, err = db.Backup(ctx, *out); err != nil {
			return err
		}
	} else {
		// Backing up must never create a database.
		if c.dbMissing() {
			return model.Errorf(model.ENOTFOUND, "there is no database at %s to back up", c.dbPath)
		}
		db, err := sqlite.Open(c.dbPath)
		if err != nil {
			return err
		}
		defer db.Close()
		if info, err = db.Backup(ctx, *out); err != nil {
			return err
		}
		name = db.Path()
	}
	if *asJSON {
		return c.printJSON(info)
	}
	fmt.Fprintf(c.stdout, "Backed up %s to %s: %s, %s, %s, %s.\n", name, info.File,
		plural(info.Cases, "case"), plural(info.Claims, "claim"), plural(info.Photos, "photo"), info.SizeText())
	if len(info.MissingPhotos) > 0 {
		fmt.Fprintf(c.stdout, "Not in the backup, missing from the data folder: %s\n", strings.Join(info.MissingPhotos, ", "))
	}
	return nil
}

// cmdRestore replaces the database with a backup, after checking it and keeping the
// current database as a backup.
func (c *cli) cmdRestore(args []string) error {
	pos, asJSON, err := c.parseJSONArgs("restore", args, 1)
	if err != nil {
		return err
	}
	if c.onServer() {
		return c.restoreServer(pos[0], asJSON)
	}
	ctx := context.Background()
	if d := sqlite.Diagnose(ctx, c.dbPath); d.Restorable() {
		rep, err := sqlite.RestoreOver(ctx, c.dbPath, pos[0])
		if err != nil {
			return err
		}
		if asJSON {
			return c.printJSON(rep)
		}
		fmt.Fprintf(c.stdout, "%s\nKept the unusable file as %s.\nRestored %s from %s: %s, %s%s.\n", say(d.Message()),
			rep.Kept, d.Path, rep.Backup.File, plural(rep.Backup.Cases, "case"), plural(rep.Backup.Claims, "claim"),
			movedIn(rep))
		return nil
	}
	// A missing database is created: restoring onto a new computer is what backups are for.
	db, err := sqlite.Open(c.dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	return c.restoreInto(db, pos[0], db.Path(), asJSON)
}

// restoreServer replaces the content of the server database with the backup, in one
// transaction, after keeping its current content as a backup in this computer's folder of
// the server's backups.
func (c *cli) restoreServer(file string, asJSON bool) error {
	db, err := c.openServer()
	if err != nil {
		return err
	}
	defer db.Close()
	return c.restoreInto(db, file, c.dbName(), asJSON)
}

// restoreInto restores the backup file into db, named name in what it prints.
func (c *cli) restoreInto(db model.BackupService, file, name string, asJSON bool) error {
	rep, err := db.Restore(context.Background(), file)
	if err != nil {
		return err
	}
	if asJSON {
		return c.printJSON(rep)
	}
	c.sayRestored(rep, name)
	return nil
}

// sayRestored tells what a restore checked, kept and did to the database name.
func (c *cli) sayRestored(rep *model.RestoreReport, name string) {
	b := rep.Backup
	fmt.Fprintf(c.stdout, "Checked %s: integrity ok, schema version %d (this ReturnDesk knows up to %d), %s, %s, %s with matching checksums.\n",
		b.File, b.SchemaVersion, sqlite.KnownSchemaVersion(), plural(b.Cases, "case"), plural(b.Claims, "claim"), plural(b.Photos, "photo"))
	fmt.Fprintf(c.stdout, "Kept the replaced database as %s.\n", rep.Kept)
	done := "Restored " + name
	if rep.Upgraded {
		done += fmt.Sprintf(" and upgraded it to schema version %d", sqlite.KnownSchemaVersion())
	}
	fmt.Fprintf(c.stdout, "%s%s.\n", done, movedIn(rep))
}

// movedIn says how many photos an older backup kept as files and the restore moved into
// the database; nothing for a backup whose photos are in its database.
func movedIn(rep *model.RestoreReport) string {
	if rep.PhotosWritten == 0 {
		return ""
	}
	return "; moved " + plural(rep.PhotosWritten, "photo") + " of the older backup into the database"
}
