package report

import (
	"context"

	"returndesk/intake"
	"returndesk/model"
)

// Kind is one report: its name on the command line, its title on the screen, the name an
// exported workbook is offered under, and how it is made from the store.
type Kind struct {
	Name, Title, File string
	// Build returns the report's figures (for JSON) and its tables.
	Build func(ctx context.Context, s model.Store, p model.Period, today model.Date) (any, []Table, error)
}

// Kinds are the reports, in the order the screen shows them.
var Kinds = []Kind{
	{"oem", "OEM batches", "oem-batches", func(ctx context.Context, s model.Store, _ model.Period, today model.Date) (any, []Table, error) {
		r, err := intake.OEMStatuses(ctx, s, today)
		return map[string]any{"orders": r}, OEM(r), err
	}},
	{"models", "Models", "returns-by-model", func(ctx context.Context, s model.Store, p model.Period, today model.Date) (any, []Table, error) {
		r, err := s.ModelFailures(ctx, p, today)
		return r, built(err, func() []Table { return Models(r) }), err
	}},
	{"recovery", "Recovery", "claim-recovery", func(ctx context.Context, s model.Store, p model.Period, today model.Date) (any, []Table, error) {
		r, err := s.ClaimRecovery(ctx, p, today)
		return r, built(err, func() []Table { return Recovery(r) }), err
	}},
	{"turnaround", "Turnaround", "turnaround", func(ctx context.Context, s model.Store, p model.Period, today model.Date) (any, []Table, error) {
		r, err := s.Turnaround(ctx, p, today)
		return r, built(err, func() []Table { return Turnaround(r) }), err
	}},
}

// built lays the tables out only when the figures came.
func built(err error, tables func() []Table) []Table {
	if err != nil {
		return nil
	}
	return tables()
}

// KindNamed finds a report by its command-line name.
func KindNamed(name string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}
