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
}
