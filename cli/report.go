package cli

import (
	"context"
	"fmt"
	"strings"

	"returndesk/export"
	"returndesk/model"
	"returndesk/outfile"
	"returndesk/report"
)

// cmdReport prints a warranty report as tables or JSON, or writes it as an Excel workbook
// with a native chart per table.
func (c *cli) cmdReport(kind report.Kind, args []string) error {
	fs := c.newFlags("report " + kind.Name)
	fromFlag := fs.String("from", "", flagHelp("the first `DATE` of the period, YYYY-MM-DD (cases by the day reported, claims by the day submitted)"))
	untilFlag := fs.String("until", "", flagHelp("the last `DATE` of the period, YYYY-MM-DD (default: today)"))
	asJSON := jsonFlag(fs)
	out := fs.String("out", "", flagHelp("write an Excel workbook `FILE`.xlsx with the tables and their charts instead of printing"))
	if _, err := parseArgs(fs, args, 0); err != nil {
		return err
	}
	var err error
	var p model.Period
	if p.From, err = parseDateFlag("from", *fromFlag); err != nil {
		return err
	}
	if p.Until, err = parseDateFlag("until", *untilFlag); err != nil {
		return err
	}
	if !p.From.IsZero() && !p.Until.IsZero() && p.Until.Before(p.From) {
		return usagef("--until %s is before --from %s", p.Until, p.From)
	}
	var guard outfile.Guard
	if *out != "" {
		if guard, err = c.workbookOut(*out, model.T("the report")); err != nil {
			return err
		}
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		data, tables, err := kind.Make(ctx, db, p, c.today())
		if err != nil {
			return err
		}
		if *out != "" {
			if err := export.SaveReport(*out, guard, tables); err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "wrote %s: %d sheets with charts\n", *out, len(tables))
			return nil
		}
		if *asJSON {
			return c.printJSON(data)
		}
		var b strings.Builder
		for i, t := range tables {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(t.Title + "\n")
			rows := [][]string{make([]string, len(t.Columns))}
			for j, col := range t.Columns {
				rows[0][j] = col.Title
			}
			for _, r := range t.Rows {
				line := make([]string, len(r))
				for j, v := range r {
					line[j] = t.Columns[j].String(v)
				}
				rows = append(rows, line)
			}
			if len(t.Rows) == 0 {
				rows = append(rows, []string{"(nothing in this period)"})
			}
			writeTable(&b, rows)
		}
		_, err = fmt.Fprint(c.stdout, b.String())
		return err
	})
}
