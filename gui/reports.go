package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/export"
	"returndesk/intake"
	"returndesk/model"
	"returndesk/report"
)

// reportsScreen shows the warranty reports for a period, each as charts and tables, and
// exports each as an Excel workbook with native charts.
type reportsScreen struct {
	*screen
	u           *MainUI
	from        *widget.Entry
	until       *widget.Entry
	tabs        *container.AppTabs
	bodies      []*fyne.Container // one per report kind
	tables      [][]report.Table  // what each tab shows, for the export
	shownPeriod model.Period      // the period the tables are of
	grids       [][]*claimGrid    // each tab's tables on screen
	errs        *errorBanner
	message     *widget.Label
}

func newReportsScreen(u *MainUI) *reportsScreen {
	s := &reportsScreen{u: u, from: widget.NewEntry(), until: widget.NewEntry(), errs: newErrorBanner(),
		message: widget.NewLabel(""), tables: make([][]report.Table, len(intake.Reports))}
	s.from.SetPlaceHolder(say(model.T("from 2026-01-01")))
	s.until.SetPlaceHolder(say(model.T("until today")))
	for _, e := range []*widget.Entry{s.from, s.until} {
		e.OnSubmitted = func(string) { s.load() }
	}
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Hide()
	s.tabs = container.NewAppTabs()
	for _, k := range intake.Reports {
		body := container.NewVBox(widget.NewLabel(say(model.T("Loading…"))))
		s.bodies = append(s.bodies, body)
		s.tabs.Append(container.NewTabItem(say(k.Title), container.NewVScroll(body)))
	}
	refresh := newIconButton(say(model.T("Show")), theme.ViewRefreshIcon(), s.load)
	export := newIconButton(say(model.T("Export Excel…")), theme.DocumentSaveIcon(), s.askExport)
	// The period sits under the heading: beside it, it would make the screen wider than a small window.
	period := container.NewHBox(widget.NewLabel(say(model.T("Period"))), sized(s.from, 170), sized(s.until, 170), refresh, export)
	body := container.NewBorder(container.NewVBox(period, s.errs.box, s.message), nil, nil, nil, s.tabs)
	s.screen = newScreen(model.T("Reports"), theme.GridIcon(), body)
	s.screen.onShow = s.load
	u.reports = s
	return s
}

// sized gives an entry a fixed width inside a box that would shrink it to its minimum.
func sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

// period reads the period fields; a field that is not a date is shown as the problem.
func (s *reportsScreen) period() (model.Period, bool) {
	var p model.Period
	for _, f := range []struct {
		e *widget.Entry
		d *model.Date
	}{{s.from, &p.From}, {s.until, &p.Until}} {
		v := strings.TrimSpace(f.e.Text)
		if v == "" {
			continue
		}
		d, err := model.ReadDate(v)
		if err != nil {
			s.errs.set(say(model.T("The period is not right")), model.Invalid("date", "%s", model.ErrorText(err)))
			return p, false
		}
		*f.d = d
	}
	if !p.From.IsZero() && !p.Until.IsZero() && p.Until.Before(p.From) {
		s.errs.set(say(model.T("The period is not right")), model.Invalid("until", "%s is before %s", p.Until, p.From))
		return p, false
	}
	return p, true
}

// load computes every report for the period and shows them.
func (s *reportsScreen) load() {
	p, ok := s.period()
	if !ok {
		return
	}
	today := s.u.store.Today()
	s.message.Hide() // "Saved the report …" was of the figures shown before
	s.u.background(func(ctx context.Context) func() {
		// Each report on its own: one that fails leaves the others on display.
		tables := make([][]report.Table, len(intake.Reports))
		errs := make([]error, len(intake.Reports))
		for i, k := range intake.Reports {
			_, tables[i], errs[i] = k.Make(ctx, s.u.store, p, today)
		}
		return func() {
			s.errs.set("", nil)
			s.tables, s.shownPeriod = tables, p
			for i, ts := range tables {
				if errs[i] != nil {
					s.errs.set(say(model.T("Could not compute the reports")), errs[i])
					s.showFailed(i)
					continue
				}
				s.show(i, ts)
			}
		}
	})
}

// showFailed says in a report's tab that it could not be computed (the banner says why),
// instead of leaving it loading.
func (s *reportsScreen) showFailed(i int) {
	body := s.clear(i)
	body.Add(widget.NewLabel(say(model.T("Could not compute the reports"))))
	body.Refresh()
}

// clear empties a report's tab and forgets its grids.
func (s *reportsScreen) clear(i int) *fyne.Container {
	body := s.bodies[i]
	body.RemoveAll()
	for len(s.grids) <= i {
		s.grids = append(s.grids, nil)
	}
	s.grids[i] = nil
	return body
}

// show puts a report's tables into its tab: each with its title, its chart and its table.
func (s *reportsScreen) show(i int, ts []report.Table) {
	body := s.clear(i)
	for _, t := range ts {
		title := widget.NewLabelWithStyle(t.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		body.Add(title)
		if len(t.Rows) == 0 {
			body.Add(widget.NewLabel(say(model.T("Nothing in this period."))))
			continue
		}
		if t.Chart.Line || len(t.Chart.Series) <= 3 {
			body.Add(container.NewPadded(newChart(t)))
		}
		view, g := reportTable(t)
		s.grids[i] = append(s.grids[i], g)
		body.Add(view)
	}
	body.Refresh()
}

// reportTable shows a report table's cells as its columns read them, sized to fit, and
// returns its grid.
func reportTable(t report.Table) (fyne.CanvasObject, *claimGrid) {
	widths := make([]float32, len(t.Columns))
	size := theme.TextSize()
	for c, col := range t.Columns {
		widths[c] = fyne.MeasureText(col.Title, size, fyne.TextStyle{Bold: true}).Width
		for _, r := range t.Rows {
			widths[c] = max(widths[c], fyne.MeasureText(col.String(r[c]), size, fyne.TextStyle{}).Width)
		}
		widths[c] = min(widths[c]+4*theme.Padding()+2*theme.InnerPadding(), 320) // the cell pads its label on both sides
	}
	headers := make([]string, len(t.Columns))
	cells := make([][]string, len(t.Rows))
	for c, col := range t.Columns {
		headers[c] = col.Title
	}
	for r, row := range t.Rows {
		cells[r] = make([]string, len(t.Columns))
		for c, col := range t.Columns {
			cells[r][c] = col.String(row[c])
		}
	}
	// Its columns share the window's width; a selected row with a cut cell shows whole under it.
	g := newGrid(headers, widths)
	g.whole = []int{0} // what the row is about: an order, a model, a manufacturer
	g.cols.minor = t.Minor
	g.setRows(cells)
	// As tall as its rows (up to 12) under a header of two lines, as the table draws them
	// (a height reckoned from the text size hid the second row of two).
	rows := min(len(t.Rows), 12)
	height := canvas.NewRectangle(nil)
	row := widget.NewLabel("0").MinSize().Height + theme.SeparatorThicknessSize()
	height.SetMinSize(fyne.NewSize(0, headerHeight(true)+float32(rows)*row+theme.Padding()))
	// The height is the table's: the row picked, shown whole, goes under it (it took the
	// table's height, and every row went out of view).
	g.view = container.NewBorder(nil, g.full, nil, nil, container.NewStack(height, g.box))
	return g.view, g
}

// askExport saves the report on display as an Excel workbook with its charts.
func (s *reportsScreen) askExport() {
	i := s.tabs.SelectedIndex()
	if i < 0 || s.tables[i] == nil {
		return
	}
	// A period typed but not shown yet (or not a period) would export the figures of the
	// last one shown under the new one's name.
	if p, ok := s.period(); !ok {
		return
	} else if p != s.shownPeriod {
		s.errs.set(say(model.T("Could not export the report")), model.Errorf(model.EINVALID, "%s", model.T("the report on display is of another period: press Show first")))
		return
	}
	k, tables := intake.Reports[i], s.tables[i]
	name := say(model.T("%s-%s.xlsx", k.File, s.u.store.Today().String()))
	s.u.askSavePath(say(model.T("Export %s as an Excel workbook", k.Title)), name, ".xlsx", false, func(path string) {
		s.u.background(func(ctx context.Context) func() {
			err := export.SaveReport(path, s.u.outGuard(), tables)
			return func() {
				if err != nil {
					s.errs.set(say(model.T("Could not export the report")), err)
					return
				}
				s.errs.set("", nil)
				s.message.SetText(say(model.T("Saved the report %s to %s.", k.Title, path)))
				s.message.Show()
			}
		})
	})
}
