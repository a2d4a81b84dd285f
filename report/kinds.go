package report

import (
	"context"

	"returndesk/model"
)

// Kind is one report: its name on the command line, its title on the screen, the name an
// exported workbook is offered under, and how it is made from the store. The reports
// themselves are intake.Reports: making one reads through the store.
type Kind struct {
	Name, File string
	Title      model.Text // what the screen calls it
	// Build returns the report's figures (for JSON) and its tables.
	Build func(ctx context.Context, s model.Store, p model.Period, today model.Date) (any, []Table, error)
	// AsOfToday: its figures are of the day, not of a period (the OEM batches).
	AsOfToday bool
}

// Make builds the report and notes on each table what its figures cover, the period or the
// day, which a workbook read later must say.
func (k Kind) Make(ctx context.Context, s model.Store, p model.Period, today model.Date) (any, []Table, error) {
	data, tables, err := k.Build(ctx, s, p, today)
	note := model.T("As of %s", today)
	if !k.AsOfToday {
		note = model.T("Period: %s – %s (as of %s)", periodEnd(p.From, model.T("the first case")), periodEnd(p.Until, model.T("today")), today)
	}
	for i := range tables {
		tables[i].Note = say(note)
	}
	return data, tables, err
}

func periodEnd(d model.Date, open model.Text) any {
	if d.IsZero() {
		return open
	}
	return d
}
