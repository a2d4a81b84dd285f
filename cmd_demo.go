package main

import (
	"context"
	"fmt"

	"returndesk/model"
)

func init() { commands["demo"] = (*cli).cmdDemo }

// cmdDemo fills an empty database with realistic demo data.
func (c *cli) cmdDemo(args []string) error {
	fs := c.newFlags("demo")
	n := fs.Int("cases", 60, "number of demo cases")
	seed := fs.Uint64("seed", 1, "random seed (the same seed gives the same data)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("demo takes no positional arguments (got %q)", pos[0])
	}
	if *n < 0 || *n > 1_000_000 {
		return usagef("--cases must be between 0 and 1000000")
	}
	ctx := context.Background()
	db, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if makers, err := db.ListManufacturers(ctx); err != nil {
		return err
	} else if len(makers) > 0 {
		return model.Errorf(model.ECONFLICT, "%s already holds data (%d manufacturers): demo fills only a new, empty database (choose another with --db)", c.dbPath, len(makers))
	}
	sum, err := fillDemo(ctx, db, c.today(), *n, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "demo data written to %s: %d cases, %d sales records", c.dbPath, sum.Cases, sum.Sales)
	if sum.Claim != "" {
		fmt.Fprintf(c.stdout, ", claim %s", sum.Claim)
	}
	fmt.Fprintln(c.stdout)
	return nil
}
