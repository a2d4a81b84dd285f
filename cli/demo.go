package cli

import (
	"context"
	"fmt"

	"returndesk/intake/demo"
	"returndesk/model"
)

// Limits of the demo's size: far beyond any shop, small enough to build in minutes.
const (
	maxDemoCases = 1_000_000
	maxDemoSales = 5_000_000
)

// cmdDemo fills an empty database with realistic demo data.
func (c *cli) cmdDemo(args []string) error {
	fs := c.newFlags("demo")
	n := fs.Int("cases", 60, flagHelp("how many demo cases to make (`N`)"))
	sales := fs.Int("sales", -1, flagHelp("how many sales records to make (`N`; default: one per case and half as many again, plus 10)"))
	seed := fs.Uint64("seed", 1, "random seed (the same seed gives the same data)")
	_, err := parseArgs(fs, args, 0)
	if err != nil {
		return err
	}
	if *n < 0 || *n > maxDemoCases {
		return usagef("--cases must be between 0 and %d", maxDemoCases)
	}
	if *sales == -1 {
		*sales = demo.DefaultSales(*n)
	}
	if *sales < 0 || *sales > maxDemoSales {
		return usagef("--sales must be between 0 and %d", maxDemoSales)
	}
	if *sales < *n {
		return usagef("--sales (%d) must be at least --cases (%d): every demo case is a unit that was sold", *sales, *n)
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		if makers, err := db.ListManufacturers(ctx); err != nil {
			return err
		} else if len(makers) > 0 {
			return model.Errorf(model.ECONFLICT, "%s already holds data (%d manufacturers): demo fills only a new, empty database (choose another with --db)", c.dbName(), len(makers))
		}
		sum, err := demo.Fill(ctx, db, demo.Options{Cases: *n, Sales: *sales, Seed: *seed, Today: c.today(), Now: c.now()})
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "demo data written to %s: %d cases, %d sales records, %d customers", c.dbName(), sum.Cases, sum.Sales, sum.Customers)
		if sum.Claim != "" {
			fmt.Fprintf(c.stdout, ", claim %s", sum.Claim)
		}
		fmt.Fprintln(c.stdout)
		return nil
	})
}
