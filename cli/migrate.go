package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"returndesk/model"
	"returndesk/model/postgres"
	"returndesk/model/sqlite"
	"returndesk/model/sqlstore"
)

// cmdMigrate copies the database into an empty database of either engine: a shop moving
// onto a server, or off it.
func (c *cli) cmdMigrate(args []string) error {
	flags := c.newFlags("migrate")
	to := flags.String("to", "", flagHelp("the empty database to copy into: a postgres:// `URL` or a new FILE.db"))
	asJSON := jsonFlag(flags)
	if _, err := parseArgs(flags, args, 0, "to"); err != nil {
		return err
	}
	// Copying must never create the database it copies.
	if c.dbMissing() {
		return model.Errorf(model.ENOTFOUND, "there is no database at %s to copy", c.dbPath)
	}
	target := &cli{dbPath: *to}
	if c.sameDatabase(*to) {
		return model.Errorf(model.EINVALID, "--to names the database being copied; choose a new, empty database")
	}
	ctx := context.Background()
	src, closeSrc, err := openEngine(c.dbPath)
	if err != nil {
		return err
	}
	defer closeSrc.Close()
	created := !target.onServer() && target.dbMissing()
	dst, closeDst, err := openEngine(*to)
	if err != nil {
		return err
	}
	copied, err := src.CopyInto(ctx, dst)
	closeDst.Close()
	if err != nil {
		if created { // no empty file left behind by a copy that did not happen
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(*to + suffix)
			}
		}
		return err
	}
	if *asJSON {
		return c.printJSON(copied)
	}
	fmt.Fprintf(c.stdout, "Copied %s to %s: %s, %s, %s with matching checksums, every table's rows counted.\n",
		c.dbName(), target.dbName(), plural(copied.Rows("cases"), "case"), plural(copied.Rows("claims"), "claim"),
		plural(copied.Photos, "photo"))
	return nil
}

// sameDatabase reports whether db names the database --db names.
func (c *cli) sameDatabase(db string) bool {
	if postgres.IsURL(db) || c.onServer() {
		return db == c.dbPath
	}
	a, errA := os.Stat(c.dbPath)
	b, errB := os.Stat(db)
	return errA == nil && errB == nil && os.SameFile(a, b)
}

// openEngine opens the database db (a URL or a file) as the shared store, without adding
// the preset policies: what the copier reads or fills is only what is there.
func openEngine(db string) (*sqlstore.Store, io.Closer, error) {
	if postgres.IsURL(db) {
		s, err := postgres.Open(db)
		if err != nil {
			return nil, nil, err
		}
		return s.Store, s, nil
	}
	s, err := sqlite.Open(db)
	if err != nil {
		return nil, nil, err
	}
	return s.Store, s, nil
}
