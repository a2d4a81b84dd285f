package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"returndesk/intake"
	"returndesk/model"
)

// TestReportsScreenShowsChartsAndTablesAndExports opens the Reports screen on the fixture:
// every tab gets its tables, with a chart where one is drawn; a bad period is named; and
// the report on display exports as a workbook.
func TestReportsScreenShowsChartsAndTablesAndExports(t *testing.T) {
	f := newFixture(t)
	h := showScreen(t, f.store, "Reports")
	s := h.u.reports
	if got := len(s.tabs.Items); got != len(intake.Reports) {
		t.Fatalf("%d tabs, want %d", got, len(intake.Reports))
	}
	charts, tables := 0, 0
	for i, body := range s.bodies {
		if s.tables[i] == nil {
			t.Errorf("tab %s has no tables", intake.Reports[i].Title)
		}
		var count func(o fyne.CanvasObject)
		count = func(o fyne.CanvasObject) {
			switch o := o.(type) {
			case *chart:
				charts++
			case *widget.Table:
				tables++
			case *fyne.Container: // a table sits in its layouts, a chart in its padding
				for _, c := range o.Objects {
					count(c)
				}
			}
		}
		for _, o := range body.Objects {
			count(o)
		}
	}
	if charts == 0 || tables == 0 {
		t.Errorf("%d charts and %d tables on the screen", charts, tables)
	}
	// The models tab names the fixture's products.
	models := s.tables[1][0]
	if len(models.Rows) == 0 || models.Rows[0][1].Text == "" {
		t.Errorf("models table: %v", models.Rows)
	}

	test.Type(s.from, "2026-02-30")
	s.load()
	h.settle()
	if !strings.Contains(s.errs.text(), "2026-02-30") {
		t.Errorf("a bad period says %q", s.errs.text())
	}
	s.from.SetText("")
	s.load()
	h.settle()
	if s.errs.text() != "" {
		t.Errorf("error stays: %q", s.errs.text())
	}

	s.tabs.SelectIndex(1)
	h.u.info.DBPath = f.store.Path()
	dir := t.TempDir()
	h.u.lastSaveFolder = dir
	// A period typed but not shown, or not a period, is not exported under the last one's figures.
	for _, from := range []string{"2026-02-30", "2026-01-01"} {
		s.from.SetText(from)
		s.askExport()
		h.settle()
		if h.w.Canvas().Overlays().Top() != nil || s.errs.text() == "" {
			t.Errorf("export with the period from %s not shown: a dialog %v, error %q", from, h.w.Canvas().Overlays().Top() != nil, s.errs.text())
		}
	}
	s.from.SetText("")
	s.errs.set("", nil)
	s.askExport()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Export Excel… opened no dialog")
	}
	test.Tap(topDialogButton(t, h.w, "Save"))
	h.settle()
	out := filepath.Join(dir, "returns-by-model-"+f.store.Today().String()+".xlsx")
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 || !strings.Contains(s.message.Text, out) {
		t.Errorf("export: %v (%q)", err, s.message.Text)
	}
}

// recoveryFails is a store whose recovery report cannot be computed.
type recoveryFails struct{ model.Store }

func (recoveryFails) ClaimRecovery(context.Context, model.Period, model.Date) (*model.ClaimRecovery, error) {
	return nil, model.Errorf(model.EINTERNAL, "the recovery report failed")
}

// TestReportsScreenShowsTheReportsThatWork: a report that fails says so in its tab and the
// banner, and the other tabs show their tables (they stayed "Loading…" when one failed).
func TestReportsScreenShowsTheReportsThatWork(t *testing.T) {
	f := newFixture(t)
	h := showScreen(t, recoveryFails{f.store}, "Reports")
	s := h.u.reports
	if !strings.Contains(s.errs.text(), "the recovery report failed") {
		t.Errorf("the banner says %q", s.errs.text())
	}
	for i, k := range intake.Reports {
		texts := strings.Join(labelTexts(s.bodies[i]), " | ")
		failed := k.File == "claim-recovery"
		switch {
		case failed && (s.tables[i] != nil || !strings.Contains(texts, "Could not compute the reports")):
			t.Errorf("the failed tab %s shows %q", k.Title, texts)
		case !failed && (s.tables[i] == nil || strings.Contains(texts, "Loading…")):
			t.Errorf("tab %s shows %q, want its tables", k.Title, texts)
		}
	}
}

// labelTexts are the texts of the labels in o.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}
