package main

import (
	"context"
	"fmt"
	"strings"

	"returndesk/export"
	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/outfile"
	"returndesk/policy"
	"returndesk/policy/intake"
	"returndesk/report"
)

func init() { commands["report"] = (*cli).cmdReport }

// reportKinds are the reports `report` makes, each from the store's figures to its tables.
var reportKinds = map[string]func(ctx context.Context, db model.Store, p model.Period, today model.Date) (any, []report.Table, error){
	"oem": func(ctx context.Context, db model.Store, _ model.Period, today model.Date) (any, []report.Table, error) {
		r, err := intake.OEMStatuses(ctx, db, today)
		if err != nil {
			return nil, nil, err
		}
		return oemReportJSON(r), report.OEM(r), nil
	},
	"models": func(ctx context.Context, db model.Store, p model.Period, today model.Date) (any, []report.Table, error) {
		r, err := db.ModelFailures(ctx, p, today)
		if err != nil {
			return nil, nil, err
		}
		return r, report.Models(r), nil
	},
	"recovery": func(ctx context.Context, db model.Store, p model.Period, today model.Date) (any, []report.Table, error) {
		r, err := db.ClaimRecovery(ctx, p, today)
		if err != nil {
			return nil, nil, err
		}
		return r, report.Recovery(r), nil
	},
	"turnaround": func(ctx context.Context, db model.Store, p model.Period, today model.Date) (any, []report.Table, error) {
		r, err := db.Turnaround(ctx, p, today)
		if err != nil {
			return nil, nil, err
		}
		return r, report.Turnaround(r), nil
	},
}

const reportUsage = "usage: returndesk report oem|models|recovery|turnaround [--from D] [--until D] [--json] [--out FILE.xlsx]"

// cmdReport prints a warranty report as tables or JSON, or writes it as an Excel workbook
// with a native chart per table.
func (c *cli) cmdReport(args []string) error {
	if len(args) == 0 || reportKinds[args[0]] == nil {
		return usagef(reportUsage)
	}
	kind := args[0]
	fs := c.newFlags("report " + kind)
	fromFlag := fs.String("from", "", "first day of the period, YYYY-MM-DD (cases by the day reported, claims by the day submitted)")
	untilFlag := fs.String("until", "", "last day of the period, YYYY-MM-DD")
	asJSON := fs.Bool("json", false, "print JSON")
	out := fs.String("out", "", "write an Excel workbook (.xlsx) with the tables and their charts")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef(reportUsage)
	}
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
	guard := outfile.Guard{DB: c.dbPath}
	if *out != "" {
		if !strings.EqualFold(pathExt(*out), ".xlsx") {
			return usagef("--out: the report is an Excel workbook: name it FILE.xlsx")
		}
		if err := guard.Check(*out); err != nil {
			return err
		}
	}
	return c.withStore(func(ctx context.Context, db *sqlite.DB) error {
		data, tables, err := reportKinds[kind](ctx, db, p, c.today())
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

// oemOrderJSON is one order of `report oem --json`: the order, its allowance evaluated and
// the projection of its defects.
type oemOrderJSON struct {
	model.OEMOrder
	Allowance      policy.OEMResult `json:"allowance"`
	ClaimYearEnds  model.Date       `json:"claim_year_ends"`
	Projected      *int             `json:"projected_defects"` // null while it is too early to project
	MonthsInWindow int              `json:"months_elapsed"`
}

func oemReportJSON(orders []intake.OEMStatus) map[string]any {
	out := []oemOrderJSON{}
	for _, o := range orders {
		j := oemOrderJSON{OEMOrder: o.Order, Allowance: o.Result, ClaimYearEnds: o.Rules.OEM.ClaimWindow.End(o.Order.ShipmentDate),
			MonthsInWindow: o.Projection.Elapsed}
		if o.Projection.OK {
			j.Projected = &o.Projection.Projected
		}
		out = append(out, j)
	}
	return map[string]any{"orders": out}
}
