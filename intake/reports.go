package intake

import (
	"context"

	"returndesk/model"
	"returndesk/report"
)

// Reports are the reports, in the order the screen shows them.
var Reports = []report.Kind{
	{Name: "oem", Title: model.T("OEM batches"), File: "oem-batches", AsOfToday: true, Build: func(ctx context.Context, s model.Store, _ model.Period, today model.Date) (any, []report.Table, error) {
		r, err := OEMStatuses(ctx, s, today)
		return map[string]any{"orders": r}, report.OEM(r), err
	}},
	{Name: "models", Title: model.T("Models"), File: "returns-by-model", Build: func(ctx context.Context, s model.Store, p model.Period, today model.Date) (any, []report.Table, error) {
		r, err := s.ModelFailures(ctx, p, today)
		return r, built(err, func() []report.Table { return report.Models(r) }), err
	}},
	{Name: "recovery", Title: model.T("Recovery"), File: "claim-recovery", Build: func(ctx context.Context, s model.Store, p model.Period, today model.Date) (any, []report.Table, error) {
		r, err := s.ClaimRecovery(ctx, p, today)
		return r, built(err, func() []report.Table { return report.Recovery(r) }), err
	}},
	{Name: "turnaround", Title: model.T("Turnaround"), File: "turnaround", Build: func(ctx context.Context, s model.Store, p model.Period, today model.Date) (any, []report.Table, error) {
		r, err := s.Turnaround(ctx, p, today)
		return r, built(err, func() []report.Table { return report.Turnaround(r) }), err
	}},
}

// built lays the tables out only when the figures came.
func built(err error, tables func() []report.Table) []report.Table {
	if err != nil {
		return nil
	}
	return tables()
}
