package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
)

// caseColumn is one column of a case list: its header, how a row shows in it, the width
// its text keeps when space is short (unless it needs less) and the most it asks for
// (the cell's padding comes on top).
type caseColumn struct {
	title    string
	min, max float32
	value    func(c *model.CaseSummary) string
}

func dateText(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

var (
	colCaseNo   = caseColumn{"Case no.", 120, 160, func(c *model.CaseSummary) string { return string(c.CaseNo) }}
	colReported = caseColumn{"Reported", 74, 80, func(c *model.CaseSummary) string { return dateText(c.ReportedDate) }}
	colCustomer = caseColumn{"Customer", 100, 220, func(c *model.CaseSummary) string { return c.Customer }}
	colPhone    = caseColumn{"Phone", 106, 140, func(c *model.CaseSummary) string { return c.Phone }}
	colModel    = caseColumn{"Model", 60, 130, func(c *model.CaseSummary) string { return string(c.Model) }}
	colSerial   = caseColumn{"Serial", 110, 190, func(c *model.CaseSummary) string { return string(c.Serial) }}
	colTier     = caseColumn{"Tier", 60, 70, func(c *model.CaseSummary) string { return string(c.Tier) }}
	colStatus   = caseColumn{"Status", 152, 160, func(c *model.CaseSummary) string { return c.Status.Label() }}
	colClaim    = caseColumn{"Claim", 104, 120, func(c *model.CaseSummary) string { return string(c.ClaimNo) }}
)

// caseTable is a read-only table of case summaries with a header row. Its columns are
// as wide as their contents and share out the rest of the space; when the space is
// too narrow the long columns give way, down to their minimum (then it scrolls).
type caseTable struct {
	table   *widget.Table
	cols    []caseColumn
	rows    []model.CaseSummary
	natural []float32 // the widest text of each column on this page, up to its max
	widths  []float32 // the column widths applied to the table
	size    fyne.Size // the space the table last had
	view    fyne.CanvasObject
}

func newCaseTable(cols ...caseColumn) *caseTable {
	ct := &caseTable{cols: cols}
	ct.table = widget.NewTable(
		func() (int, int) { return len(ct.rows), len(ct.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("RMA-2026-000000")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row < 0 || id.Row >= len(ct.rows) || id.Col < 0 || id.Col >= len(ct.cols) {
				l.SetText("")
				return
			}
			l.SetText(ct.cols[id.Col].value(&ct.rows[id.Row]))
		},
	)
	ct.table.ShowHeaderRow = true
	ct.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("Header", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	ct.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Col >= 0 && id.Col < len(ct.cols) {
			l.SetText(ct.cols[id.Col].title)
		} else {
			l.SetText("")
		}
	}
	// A row is not a thing to select yet: opening a case comes with the case screen.
	ct.table.OnSelected = func(id widget.TableCellID) { ct.table.Unselect(id) }
	ct.widths = make([]float32, len(cols))
	ct.measure()
	ct.view = container.NewThemeOverride(container.New(&fitColumns{ct: ct}, ct.table), tableTheme{})
	return ct
}

// setRows replaces the rows on display and scrolls back to the top.
func (ct *caseTable) setRows(rows []model.CaseSummary) {
	ct.rows = rows
	ct.measure()
	ct.fit()
	ct.table.Refresh()
	ct.table.ScrollToTop()
}

// measure finds the widest text of each column: its header and every row on display.
func (ct *caseTable) measure() {
	size := theme.TextSize()
	ct.natural = make([]float32, len(ct.cols))
	for i, c := range ct.cols {
		w := fyne.MeasureText(c.title, size, fyne.TextStyle{Bold: true}).Width
		for r := range ct.rows {
			if t := c.value(&ct.rows[r]); t != "" {
				w = max(w, fyne.MeasureText(t, size, fyne.TextStyle{}).Width)
			}
		}
		ct.natural[i] = min(w, c.max) + 1 // +1: no ellipsis from rounding
	}
}

// fit sets the column widths for the space the table has.
func (ct *caseTable) fit() {
	if ct.size.Width <= 0 {
		return
	}
	pad := float32(2 * tableInnerPadding) // a cell's own padding
	// The table puts one padding between columns (and after the last).
	avail := ct.size.Width - float32(len(ct.cols))*(theme.Padding()+pad) - 1
	widths := columnWidths(ct.natural, ct.cols, avail)
	for i, w := range widths {
		if w += pad; w != ct.widths[i] {
			ct.widths[i] = w
			ct.table.SetColumnWidth(i, w)
		}
	}
}

// columnWidths shares avail out among columns whose texts want natural: extra space goes
// to every column in proportion, a shortfall is taken from the columns that can give way
// (down to their minimum) in proportion to how much they can give.
func columnWidths(natural []float32, cols []caseColumn, avail float32) []float32 {
	widths := append([]float32(nil), natural...)
	floor := func(i int) float32 { return min(cols[i].min, natural[i]) }
	var total, give float32
	for i, w := range natural {
		total += w
		give += w - floor(i)
	}
	switch {
	case total <= 0:
	case avail >= total:
		for i := range widths {
			widths[i] += (avail - total) * natural[i] / total
		}
	case give > 0:
		short := min(total-avail, give)
		for i := range widths {
			widths[i] -= short * (natural[i] - floor(i)) / give
		}
	}
	return widths
}

// cell returns the text shown in a cell, for tests.
func (ct *caseTable) cell(row, col int) string {
	return ct.cols[col].value(&ct.rows[row])
}

// fitColumns lays the table out over the whole space and fits its columns to it.
type fitColumns struct {
	ct *caseTable
}

func (f *fitColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if size != f.ct.size {
		f.ct.size = size
		f.ct.fit()
	}
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (f *fitColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return objects[0].MinSize()
}
