package gui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
)

// caseColumn is one column of a case list: its header, how a row shows in it, the width
// its text keeps when space is short (unless it needs less) and the most it asks for
// (the cell's padding comes on top), and the model.CaseFilter sort it orders by ("" for
// none; invert when the column grows as the sort key falls, as days open do with the date).
type caseColumn struct {
	title    model.Text // its key names the column for column()
	min, max float32
	value    func(c *model.CaseSummary, today model.Date) string
	sort     string
	invert   bool
	keepEnds bool // cut in the middle, not at the end, when too long: the end tells rows apart
}

func dateText(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// daysOpen is how long an open case has been waiting: today − the reported date; "" for a
// case that is closed or cancelled.
func daysOpen(c *model.CaseSummary, today model.Date) string {
	if !c.Status.Open() || c.ReportedDate.IsZero() || today.IsZero() {
		return ""
	}
	return strconv.Itoa(max(today.DaysSince(c.ReportedDate), 0))
}

// The minimums let the Cases list's nine columns fit the 1024 px window (652 px of text
// beside the sidebar and the cells' padding); the case and date columns keep their whole
// text, a serial is cut in its middle (its end tells units apart), the others ellipsise; the
// case's detail shows them whole.
var (
	colCaseNo = caseColumn{model.T("Case no."), 120, 160,
		func(c *model.CaseSummary, _ model.Date) string { return string(c.CaseNo) }, "case_no", false, false}
	colReported = caseColumn{model.T("Reported"), 74, 80,
		func(c *model.CaseSummary, _ model.Date) string { return dateText(c.ReportedDate) }, "reported", false, false}
	colCustomer = caseColumn{model.T("Customer"), 60, 220,
		func(c *model.CaseSummary, _ model.Date) string { return c.Customer }, "customer", false, false}
	colPhone = caseColumn{model.T("Phone"), 106, 140,
		func(c *model.CaseSummary, _ model.Date) string { return c.Phone }, "", false, false}
	colModel = caseColumn{model.T("Model"), 56, 130,
		func(c *model.CaseSummary, _ model.Date) string { return string(c.Model) }, "model", false, false}
	colSerial = caseColumn{model.T("Serial"), 90, 190,
		func(c *model.CaseSummary, _ model.Date) string { return string(c.Serial) }, "serial", false, true}
	colTier = caseColumn{model.T("Tier"), 60, 100,
		func(c *model.CaseSummary, _ model.Date) string { return say(c.Tier.Label()) }, "tier", false, false}
	colStatus = caseColumn{model.T("Status"), 72, 170,
		func(c *model.CaseSummary, _ model.Date) string { return say(c.Status.Label()) }, "status", false, false}
	colDaysOpen = caseColumn{model.T("Days"), 40, 80, daysOpen, "waiting", true, false} // open: a short title, for the others
	colClaim    = caseColumn{model.T("Claim"), 48, 120,
		func(c *model.CaseSummary, _ model.Date) string { return string(c.ClaimNo) }, "", false, false}
)

// caseTable is a read-only table of case summaries with a header row. Its columns are
// as wide as their contents and share out the rest of the space; when the space is
// too narrow the long columns give way, down to their minimum (then it scrolls).
// Tapping a row (or Space or Enter on the highlighted one) opens it; with onSort set,
// tapping a sortable header asks for the list in that column's order.
type caseTable struct {
	table   *enterTable
	cols    []caseColumn
	rows    []model.CaseSummary
	natural []float32 // the widest text of each column on this page, up to its max
	floors  []float32 // how narrow each column may become: its min, or its title's width if more
	widths  []float32 // the column widths applied to the table
	size    fyne.Size // the space the table last had
	view    fyne.CanvasObject

	today func() model.Date // for the days-open column

	// onOpen is called with the row the user picked.
	onOpen func(c model.CaseSummary)
	// onSort is called with the sort a header tap asks for; nil makes the headers plain.
	onSort func(sort string, descending bool)
	// sortCol is the column the rows are ordered by (-1: none shown) and desc its direction.
	sortCol int
	desc    bool
	// picked is the row the arrow keys in a search field selected (-1: none); it is drawn
	// in the highlight colour and Enter there opens it.
	picked int
}

func newCaseTable(today func() model.Date, cols ...caseColumn) *caseTable {
	ct := &caseTable{cols: cols, today: today, sortCol: -1, picked: -1}
	ct.table = newEnterTable(
		func() (int, int) { return len(ct.rows), len(ct.cols) },
		func() fyne.CanvasObject {
			return tightCell(widget.NewLabel(say(model.T("RMA-2026-000000"))))
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*fyne.Container).Objects[0].(*widget.Label)
			if id.Row < 0 || id.Row >= len(ct.rows) || id.Col < 0 || id.Col >= len(ct.cols) {
				setCellText(l, "", 0, false)
				return
			}
			c := ct.cols[id.Col]
			setCellText(l, c.value(&ct.rows[id.Row], ct.today()), o.Size().Width, c.keepEnds)
			pickedImportance(l, id.Row == ct.picked)
		},
	)
	ct.table.ShowHeaderRow = true
	ct.table.CreateHeader = func() fyne.CanvasObject { return newSortHeader() }
	ct.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		h := o.(*sortHeader)
		if id.Col < 0 || id.Col >= len(ct.cols) {
			h.set("", false, false, nil)
			return
		}
		col := id.Col
		c := ct.cols[col]
		if ct.onSort == nil || c.sort == "" {
			h.set(say(c.title), false, false, nil)
			return
		}
		h.set(say(c.title), ct.sortCol == col, ct.desc, func() { ct.sortBy(col) })
	}
	ct.table.OnSelected = func(id widget.TableCellID) {
		ct.table.highlight = id
		ct.table.Unselect(id) // a row is opened, not kept selected
		ct.open(id.Row)
	}
	ct.table.onEnter = func(id widget.TableCellID) { ct.open(id.Row) }
	ct.widths = make([]float32, len(cols))
	ct.measure()
	ct.view = container.New(&fitColumns{ct: ct}, ct.table)
	return ct
}

// open hands row r to onOpen.
func (ct *caseTable) open(r int) {
	if r < 0 || r >= len(ct.rows) || ct.onOpen == nil {
		return
	}
	ct.onOpen(ct.rows[r])
}

// pick moves the picked row by delta (the first row when none is), within the rows.
func (ct *caseTable) pick(delta int) {
	if len(ct.rows) == 0 {
		return
	}
	r := ct.picked + delta
	if ct.picked < 0 {
		r = 0
	}
	ct.picked = min(max(r, 0), len(ct.rows)-1)
	ct.table.ScrollTo(widget.TableCellID{Row: ct.picked, Col: 0})
	ct.table.Refresh()
}

// openPicked opens the picked row and reports whether there was one.
func (ct *caseTable) openPicked() bool {
	if ct.picked < 0 || ct.picked >= len(ct.rows) {
		return false
	}
	ct.open(ct.picked)
	return true
}

// pickedImportance draws the cell of a picked row in the highlight colour.
func pickedImportance(l *widget.Label, picked bool) {
	imp := widget.MediumImportance
	if picked {
		imp = widget.HighImportance
	}
	if l.Importance != imp {
		l.Importance = imp
		l.Refresh()
	}
}

// sortBy orders by column col: ascending first, the other way round on a second tap.
func (ct *caseTable) sortBy(col int) {
	if col < 0 || col >= len(ct.cols) || ct.cols[col].sort == "" || ct.onSort == nil {
		return
	}
	if ct.sortCol == col {
		ct.desc = !ct.desc
	} else {
		ct.sortCol, ct.desc = col, false
	}
	ct.table.Refresh()
	c := ct.cols[col]
	ct.onSort(c.sort, ct.desc != c.invert)
}

// setSort shows col (-1 for none) as the column the rows are ordered by, without asking for them.
func (ct *caseTable) setSort(col int, desc bool) {
	ct.sortCol, ct.desc = col, desc
	ct.table.Refresh()
}

// column returns the index of the column with the given title, or -1.
func (ct *caseTable) column(title string) int {
	for i, c := range ct.cols {
		if c.title.Key == title {
			return i
		}
	}
	return -1
}

// setRows replaces the rows on display and scrolls back to the top.
func (ct *caseTable) setRows(rows []model.CaseSummary) {
	ct.rows = rows
	ct.picked = -1
	ct.measure()
	ct.fit()
	ct.table.Refresh()
	ct.table.ScrollToTop()
}

// measure finds the widest text of each column: its header and every row on display.
func (ct *caseTable) measure() {
	size := theme.TextSize()
	today := ct.today()
	ct.natural = make([]float32, len(ct.cols))
	ct.floors = make([]float32, len(ct.cols))
	for i, c := range ct.cols {
		w := fyne.MeasureText(say(c.title), size, fyne.TextStyle{Bold: true}).Width
		title := w + 1 // a title cut short names nothing
		if ct.onSort != nil && c.sort != "" {
			w += theme.IconInlineSize() + tableInnerPadding // room for the sort arrow
			if i == ct.sortCol {
				title = w + 1 // the arrow is shown beside it
			}
		}
		for r := range ct.rows {
			if t := c.value(&ct.rows[r], today); t != "" {
				w = max(w, fyne.MeasureText(t, size, fyne.TextStyle{}).Width)
			}
		}
		ct.natural[i] = min(w, c.max) + 1 // +1: no ellipsis from rounding
		ct.floors[i] = min(max(c.min, title), ct.natural[i])
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
	widths := columnWidths(ct.natural, ct.floors, avail)
	for i, w := range widths {
		if w += pad; w != ct.widths[i] {
			ct.widths[i] = w
			ct.table.SetColumnWidth(i, w)
		}
	}
}

// columnWidths shares avail out among columns whose texts want natural: extra space goes
// to every column in proportion, a shortfall is taken from the columns that can give way
// (down to their floors) in proportion to how much they can give.
func columnWidths(natural, floors []float32, avail float32) []float32 {
	widths := append([]float32(nil), natural...)
	floor := func(i int) float32 { return floors[i] }
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

// setCellText shows text in a cell's label that leaves width for it, with an ellipsis only
// when it does not fit. Fyne shapes an ellipsised text anew at each layout, with a new shaper
// each time (slow with the large CJK font: most of the time a page of rows took to show), so
// a text that fits is shown plain. The table calls UpdateCell after each change of a column's
// width, so the choice follows the width. An unchanged cell is left alone.
// With keepEnds a text too long is cut in its middle instead.
func setCellText(l *widget.Label, text string, width float32, keepEnds bool) {
	trunc := fyne.TextTruncateOff
	if text != "" && !fitsCell(text, l.TextStyle, width) {
		if keepEnds && width > 0 {
			text = keepingEnds(text, func(s string) bool { return fitsCell(s, l.TextStyle, width) })
		} else {
			trunc = fyne.TextTruncateEllipsis
		}
	}
	if l.Text == text && l.Truncation == trunc {
		return
	}
	l.Truncation = trunc
	l.SetText(text)
}

// keepingEnds is the longest "head…tail" of text that fits, its tail three times its head: a
// serial's last characters tell units apart, its first repeat the model. Text itself does not fit.
func keepingEnds(text string, fits func(string) bool) string {
	r := []rune(text)
	ends := func(n int) string { head := n / 4; return string(r[:head]) + "…" + string(r[len(r)-(n-head):]) }
	lo, hi := 0, len(r) // ends(lo) is kept (at least "…"), ends(hi) would be text and more
	for lo+1 < hi {
		if mid := (lo + hi) / 2; fits(ends(mid)) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return ends(lo)
}

// fitsCell reports whether text fits a tightCell width wide (false while the width is unknown).
func fitsCell(text string, style fyne.TextStyle, width float32) bool {
	return width > 0 && fyne.MeasureText(text, theme.TextSize(), style).Width <= width-2*tableInnerPadding
}

// tightCell holds a label whose text keeps tableInnerPadding from the cell's edges instead
// of its theme's larger inner padding, so that a case list shows all its columns and more
// rows. (A theme override does not do it reliably: Fyne looks the override up on the inner
// table, extended here for Enter, when it creates cells, so some cells would get it and
// some not; and cells with an override of their own reset Fyne's theme caches each time
// the table measures one, which freezes the window.)
func tightCell(l *widget.Label) *fyne.Container {
	return container.New(tightLayout{}, l)
}

// tightLayout lets its object overlap the space it is given by the difference between the
// object's inner padding and tableInnerPadding, on every side.
type tightLayout struct{}

func (tightLayout) inset(o fyne.CanvasObject) float32 {
	th := fyne.CurrentApp().Settings().Theme()
	if w, ok := o.(interface{ Theme() fyne.Theme }); ok {
		th = w.Theme()
	}
	return max(th.Size(theme.SizeNameInnerPadding)-tableInnerPadding, 0)
}

func (l tightLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		d := l.inset(o)
		o.Move(fyne.NewPos(-d, -d))
		o.Resize(fyne.NewSize(size.Width+2*d, size.Height+2*d))
	}
}

func (l tightLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objects {
		d := l.inset(o)
		om := o.MinSize()
		m = m.Max(fyne.NewSize(max(om.Width-2*d, 0), max(om.Height-2*d, 0)))
	}
	return m
}

// enterTable is a widget.Table that also opens the highlighted cell's row on Enter.
type enterTable struct {
	widget.Table
	highlight widget.TableCellID
	onEnter   func(id widget.TableCellID)
}

func newEnterTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *enterTable {
	t := &enterTable{}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.OnHighlighted = func(id widget.TableCellID) { t.highlight = id }
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey opens the highlighted row on Return or Enter and otherwise moves as a table does.
func (t *enterTable) TypedKey(ev *fyne.KeyEvent) {
	if (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && t.onEnter != nil {
		t.onEnter(t.highlight)
		return
	}
	t.Table.TypedKey(ev)
}

// sortHeader is a column header: its bold title, and an arrow when the list is sorted by
// it. Tapping it asks for that order when the column can be sorted.
type sortHeader struct {
	widget.BaseWidget
	label *widget.Label
	arrow *widget.Icon
	onTap func()
}

func newSortHeader() *sortHeader {
	h := &sortHeader{label: widget.NewLabelWithStyle(say(model.T("Header")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		arrow: widget.NewIcon(nil)}
	h.arrow.Hide()
	h.ExtendBaseWidget(h)
	return h
}

// set shows title, the sort arrow when sorted, and makes the header tappable when onTap is set.
func (h *sortHeader) set(title string, sorted, desc bool, onTap func()) {
	width := h.Size().Width
	if sorted {
		width -= theme.IconInlineSize() + theme.Padding() // the arrow's
	}
	setCellText(h.label, title, width, false)
	h.onTap = onTap
	switch {
	case !sorted:
		h.arrow.Hide()
	case desc:
		h.arrow.SetResource(theme.MoveDownIcon())
		h.arrow.Show()
	default:
		h.arrow.SetResource(theme.MoveUpIcon())
		h.arrow.Show()
	}
}

func (h *sortHeader) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, h.arrow, tightCell(h.label)))
}

// Tapped sorts by the header's column.
func (h *sortHeader) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap()
	}
}

// Cursor shows a pointing hand over a header that sorts.
func (h *sortHeader) Cursor() desktop.Cursor {
	if h.onTap != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}
