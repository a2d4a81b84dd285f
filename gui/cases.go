package gui

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
)

const (
	casesPageSize  = 100                    // rows per page of the case list
	searchDebounce = 200 * time.Millisecond // pause in typing before the list is searched
)

// Choices of the filters besides the values themselves, in the window's language.
func filterAll() string              { return say(model.T("All statuses")) }
func filterOpen() string             { return say(model.T("Open cases")) }
func filterAllManufacturers() string { return say(model.T("All manufacturers")) }
func filterAllTiers() string         { return say(model.T("All tiers")) }

// casesScreen is the searchable, sortable, filtered and paged list of every case. Each
// query runs on a goroutine; only the answer to the latest one is shown.
type casesScreen struct {
	*screen
	u *MainUI

	search       *keyEntry
	status       *choice
	manufacturer *choice
	tier         *choice
	from, until  *keyEntry       // reported date range, YYYY-MM-DD (the window's shortcuts work in them)
	dateMsgs     *fyne.Container // the date fields' problems, on a line of their own
	body         *fyne.Container // the screen's layout, laid out anew as that line comes and goes
	fromMsg      *widget.Label   // why from is not a date
	untilMsg     *widget.Label
	dealerCost   *check // only cases whose cost the shop carries
	clear        *button
	table        *caseTable
	prev         *button
	next         *button
	pageInf      *widget.Label // "1–100 of 523"
	errs         *errorBanner

	// The cases whose number has the digits searched for its sequence (21: RMA-2026-000021,
	// and the repair whose maintenance number is MO-2026-000021), shown above the list, which
	// holds every case with the digits anywhere, newest first.
	numbered     []model.Case
	numberedLine *fyne.Container

	detail *caseDetail // the case detail view, opened from the list (and from other screens)

	makers []model.Manufacturer // the manufacturer filter's choices

	sort string // a model.CaseFilter sort
	desc bool

	offset int // first row of the page on display
	total  int // matches of the current filter

	quiet      bool        // controls are being set by the program: no query per change
	openSingle bool        // open the case when the query under way finds exactly one (Enter in the search box)
	debounce   *time.Timer // the search waiting for typing to pause
	gen        int64       // bumped by every query; stale answers are dropped
	cancel     context.CancelFunc

	onShown func(rows []model.CaseSummary, total int) // the start-up probe's hook; nil otherwise
}

func newCasesScreen(u *MainUI) *casesScreen {
	s := &casesScreen{u: u, sort: "case_no", desc: true} // newest first

	s.search = u.newEntry()
	s.search.onKey = s.searchKey
	s.search.SetPlaceHolder(say(model.T("Search by case no., maintenance no., serial, customer or phone")))
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(string) { s.searchSoon() }
	s.search.OnSubmitted = func(string) {
		s.openSingle = true // a scanned slip: go straight to its case
		s.searchNow()
	}

	options := []string{filterAll(), filterOpen()}
	for _, st := range model.Statuses {
		options = append(options, say(st.Label()))
	}
	s.status = newChoice(options, func(string) { s.changed() })
	s.status.Selected = filterAll()

	s.manufacturer = newChoice([]string{filterAllManufacturers()}, func(string) { s.changed() })
	s.manufacturer.Selected = filterAllManufacturers()

	tiers := []string{filterAllTiers()}
	for _, t := range model.Tiers {
		tiers = append(tiers, say(t.Label()))
	}
	s.tier = newChoice(tiers, func(string) { s.changed() })
	s.tier.Selected = filterAllTiers()

	s.from, s.fromMsg = dateFilterEntry(u), newFieldMessage()
	s.until, s.untilMsg = dateFilterEntry(u), newFieldMessage()
	s.from.OnChanged = func(string) { s.dateChanged() }
	s.until.OnChanged = func(string) { s.dateChanged() }

	s.dealerCost = newCheck(say(model.T("Shop carries the cost")), func(bool) { s.changed() })
	s.clear = newIconButton(say(model.T("Clear filters")), theme.ContentClearIcon(), s.clearFilters)

	s.table = newCaseTable(u.today, colCaseNo, colReported, colCustomer, colModel, colSerial, colTier, colStatus, colDaysOpen, colClaim)
	s.table.onSort = func(sort string, desc bool) {
		s.sort, s.desc = sort, desc
		s.searchNow()
	}
	s.table.setSort(s.table.column(colCaseNo.title.Key), true)
	s.table.onOpen = func(c model.CaseSummary) { s.u.openCase(c.ID) }

	s.prev = newIconButton(say(model.T("Previous")), theme.NavigateBackIcon(), func() { s.page(-1) })
	s.next = newIconButton(say(model.T("Next")), theme.NavigateNextIcon(), func() { s.page(+1) })
	s.next.IconPlacement = widget.ButtonIconTrailingText
	s.prev.Disable()
	s.next.Disable()
	s.pageInf = widget.NewLabel("")
	s.errs = newErrorBanner()

	s.numberedLine = container.NewVBox()
	s.numberedLine.Hide()

	refresh := newIconButton(say(model.T("Refresh")), theme.ViewRefreshIcon(), s.load)
	selects := container.NewHBox(fixedWidth(s.status, 196), fixedWidth(s.manufacturer, 176), fixedWidth(s.tier, 176))
	bar := container.NewBorder(nil, nil, nil, selects, s.search)
	// The dates' problems go on a line below them: beside them they widened the row, and the
	// window with it, past 1024 px.
	dates := container.NewHBox(
		widget.NewLabel(say(model.T("Reported from"))), fixedWidth(s.from, 124),
		widget.NewLabel(say(model.T("until"))), fixedWidth(s.until, 124),
		layout.NewSpacer(), s.dealerCost, s.clear)
	s.dateMsgs = container.NewHBox(s.fromMsg, s.untilMsg)
	s.dateMsgs.Hide()
	pager := container.NewHBox(s.pageInf, layoutSpacer(), s.prev, s.next)
	body := container.NewBorder(container.NewVBox(bar, dates, s.dateMsgs, s.errs.box, s.numberedLine), pager, nil, nil, s.table.view)
	s.body = body
	s.screen = newScreen(model.T("Cases"), theme.ListIcon(), body, refresh)
	s.screen.search = s.search
	s.onShow = func() {
		s.loadManufacturers()
		s.load()
	}

	s.detail = newCaseDetail(u)
	u.openCase = s.detail.open
	return s
}

// dateFilterEntry is an entry for a date of the range filter.
func dateFilterEntry(u *MainUI) *keyEntry {
	e := u.newEntry()
	e.SetPlaceHolder(say(model.T("YYYY-MM-DD")))
	return e
}

// newFieldMessage is the red text next to a field saying why its value is refused.
func newFieldMessage() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// showFieldMessage shows msg next to a field, or hides the label when msg is "".
func showFieldMessage(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// fixedWidth gives o a fixed width, or more when its text needs more (a select's choices
// come later), and its own height.
func fixedWidth(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.New(atLeastWide{width}, o)
}

// atLeastWide lays its objects over its whole space and asks for a width of its own.
type atLeastWide struct{ width float32 }

func (l atLeastWide) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l atLeastWide) MinSize(objects []fyne.CanvasObject) fyne.Size {
	m := fyne.NewSize(l.width, 0)
	for _, o := range objects {
		m = m.Max(o.MinSize())
	}
	return m
}

// parseDateField reads an optional date typed in a filter: the zero date when empty, and
// a short reason when it is not a date.
func parseDateField(text string) (model.Date, string) {
	t := strings.TrimSpace(text)
	if t == "" {
		return model.Date{}, ""
	}
	d, err := model.ReadDate(t)
	if err != nil {
		if !model.DateShaped(t) {
			return model.Date{}, say(model.T("use YYYY-MM-DD"))
		}
		// Why a well-formed date is not one ("there is no month 13") fits under the field.
		var me *model.Error
		if errors.As(err, &me) && len(me.Message.Args) == 2 {
			if why, ok := me.Message.Args[1].(model.Text); ok {
				return model.Date{}, say(why)
			}
		}
		return model.Date{}, say(model.T("use YYYY-MM-DD"))
	}
	return d, ""
}

// dates reads the date range, showing a message next to each field that is not valid.
func (s *casesScreen) dates() (from, until model.Date, ok bool) {
	from, fromMsg := parseDateField(s.from.Text)
	until, untilMsg := parseDateField(s.until.Text)
	if fromMsg == "" && untilMsg == "" && !from.IsZero() && !until.IsZero() && until.Before(from) {
		untilMsg = say(model.T("is before the from date"))
	}
	showFieldMessage(s.fromMsg, fromMsg)
	showFieldMessage(s.untilMsg, untilMsg)
	s.showDateMsgs()
	return from, until, fromMsg == "" && untilMsg == ""
}

// filter is the query the controls describe, for the page at s.offset; ok is false while
// a date of the range is not valid (the message next to it says why).
func (s *casesScreen) filter() (f model.CaseFilter, ok bool) {
	f = model.CaseFilter{
		Search:            strings.TrimSpace(s.search.Text),
		Sort:              s.sort,
		Descending:        s.desc,
		Offset:            s.offset,
		Limit:             casesPageSize,
		DealerCarriesCost: s.dealerCost.Checked,
	}
	switch s.status.Selected {
	case filterAll(), "":
	case filterOpen():
		f.OpenOnly = true
	default:
		if i := s.status.SelectedIndex() - 2; i >= 0 && i < len(model.Statuses) { // after All and Open
			f.Status = model.Statuses[i]
		}
	}
	if m := makerNamed(s.makers, s.manufacturer.Selected); m != nil {
		f.ManufacturerID = m.ID
	}
	if i := s.tier.SelectedIndex() - 1; i >= 0 && i < len(model.Tiers) { // after All tiers
		f.Tier = model.Tiers[i]
	}
	f.ReportedFrom, f.ReportedUntil, ok = s.dates()
	return f, ok
}

// searchKey gives the search field the list's keys: the arrows pick a case in the list,
// Enter opens the picked one (without one, Enter searches and opens the case numbered as
// typed, or the only match).
func (s *casesScreen) searchKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyDown:
		s.table.pick(+1)
	case fyne.KeyUp:
		s.table.pick(-1)
	case fyne.KeyReturn, fyne.KeyEnter:
		return s.table.openPicked()
	default:
		return false
	}
	return true
}

// changed runs the search again from the first page after a filter changed.
func (s *casesScreen) changed() {
	if s.quiet {
		return
	}
	s.searchNow()
}

// dateChanged checks the date fields as they are typed and searches once they are valid.
func (s *casesScreen) dateChanged() {
	if s.quiet {
		return
	}
	if _, _, ok := s.dates(); ok {
		s.searchSoon()
		return
	}
	// A date still being typed (2026-0) is not wrong yet.
	for _, f := range []struct {
		e   *keyEntry
		msg *widget.Label
	}{{s.from, s.fromMsg}, {s.until, s.untilMsg}} {
		if t := strings.TrimSpace(f.e.Text); utf8.RuneCountInString(t) < 10 && strings.Trim(t, "0123456789-/.年月日") == "" &&
			!model.DateShaped(t) {
			showFieldMessage(f.msg, "")
		}
	}
	s.showDateMsgs()
}

// showDateMsgs shows the line of the dates' problems while one of them has one.
func (s *casesScreen) showDateMsgs() {
	hidden := !s.fromMsg.Visible() && !s.untilMsg.Visible()
	if s.dateMsgs.Hidden != hidden {
		s.dateMsgs.Hidden = hidden
		s.body.Refresh()
	}
}

// clearFilters shows every case again, newest first.
func (s *casesScreen) clearFilters() {
	s.resetFilters()
	s.searchNow()
}

// resetFilters empties the search and every filter without querying.
func (s *casesScreen) resetFilters() {
	s.quiet = true
	defer func() { s.quiet = false }()
	s.search.SetText("")
	s.stopDebounce()
	s.status.SetSelected(filterAll())
	s.manufacturer.SetSelected(filterAllManufacturers())
	s.tier.SetSelected(filterAllTiers())
	s.from.SetText("")
	s.until.SetText("")
	s.dates()
	s.dealerCost.SetChecked(false)
	s.sort, s.desc = "case_no", true
	s.table.setSort(s.table.column(colCaseNo.title.Key), true)
}

// casesView is a preset of the case list that other screens open it with.
type casesView struct {
	status     model.Status
	open       bool // all open statuses
	tier       model.Tier
	dealerCost bool
	oldest     bool // sorted by reported date, oldest first
}

// showView switches to the case list filtered as v says.
func (s *casesScreen) showView(v casesView) {
	s.resetFilters()
	s.quiet = true
	switch {
	case v.status != "":
		s.status.SetSelected(say(v.status.Label()))
	case v.open:
		s.status.SetSelected(filterOpen())
	}
	if v.tier != "" {
		s.tier.SetSelected(say(v.tier.Label()))
	}
	s.dealerCost.SetChecked(v.dealerCost)
	if v.oldest {
		s.sort, s.desc = "reported", false
		s.table.setSort(s.table.column(colReported.title.Key), false)
	}
	s.quiet = false
	s.offset = 0
	if s.u.Current() == s.title && len(s.u.content.Objects) == 1 && s.u.content.Objects[0] == s.view {
		s.load()
		return
	}
	s.u.nav.UnselectAll() // so that the sidebar selects (and shows) Cases even when it was selected
	s.u.Show(s.title)
}

// showList goes back from a case to the case list as it was left.
func (s *casesScreen) showList() {
	s.u.nav.UnselectAll()
	s.u.Show(s.title)
}

// stopDebounce drops a search waiting for typing to pause.
func (s *casesScreen) stopDebounce() {
	if s.debounce != nil && s.debounce.Stop() {
		s.u.pending.Add(-1)
	}
	s.debounce = nil
}

// searchSoon searches once typing has paused for searchDebounce.
func (s *casesScreen) searchSoon() {
	s.table.picked = -1 // the pick was in the list before this typing
	if s.quiet {
		return
	}
	s.stopDebounce()
	s.u.pending.Add(1)
	var t *time.Timer
	t = time.AfterFunc(searchDebounce, func() {
		s.u.do(func() {
			defer s.u.pending.Add(-1)
			if s.debounce == t { // not replaced by later typing
				s.searchNow()
			}
		})
	})
	s.debounce = t
}

// searchNow runs the search from the first page.
func (s *casesScreen) searchNow() {
	s.stopDebounce()
	s.offset = 0
	s.load()
}

// page moves by delta pages.
func (s *casesScreen) page(delta int) {
	off := s.offset + delta*casesPageSize
	if n, exact := model.CountedTotal(s.total); off < 0 || (delta > 0 && exact && off >= n) {
		return
	}
	s.offset = off
	s.load()
}

// load queries the page described by the controls on a goroutine and shows it when it
// arrives; a query still running for an earlier state of the controls is cancelled.
func (s *casesScreen) load() {
	f, ok := s.filter()
	if !ok {
		return // the message next to the date says what to fix
	}
	openSingle := s.openSingle
	s.openSingle = false
	if s.cancel != nil {
		s.cancel()
	}
	ctx, cancel := context.WithCancel(s.u.ctx)
	s.cancel = cancel
	var rows []model.CaseSummary
	var total int
	var numbered []model.Case
	s.u.latest(&s.gen, s.errs, say(model.T("Could not load the cases")), func(context.Context) (err error) {
		defer cancel()
		if rows, total, err = s.u.store.FindCases(ctx, f); err != nil {
			return err
		}
		numbered, err = s.u.store.CasesNumbered(ctx, f.Search)
		return err
	}, func() {
		s.show(f, rows, total)
		s.showNumbered(numbered, f.Search)
		switch {
		case openSingle && len(numbered) > 0: // the number on a slip, read out
			s.u.openCase(numbered[0].ID)
		case openSingle && total == 1 && len(rows) == 1:
			s.u.openCase(rows[0].ID)
		}
	})
}

// showNumbered names above the list the cases numbered as typed, each with a button that
// opens it, or hides the line.
func (s *casesScreen) showNumbered(cases []model.Case, term string) {
	s.numbered = cases
	s.numberedLine.RemoveAll()
	for _, c := range cases {
		numbers := string(c.CaseNo)
		if c.MaintenanceNo != "" {
			numbers += " / " + string(c.MaintenanceNo)
		}
		id := c.ID
		s.numberedLine.Add(container.NewHBox(
			widget.NewLabel(say(model.T("Number %s: %s, %s", strings.TrimSpace(term), numbers, say(c.Status.Label())))),
			newIconButton(say(model.T("Open case")), theme.DocumentIcon(), func() { s.u.openCase(id) })))
	}
	s.numberedLine.Hidden = len(cases) == 0
	s.body.Refresh() // the line takes its height from the list, or gives it back
}

// loadManufacturers fills the manufacturer filter, keeping the choice when it still exists.
func (s *casesScreen) loadManufacturers() {
	s.u.background(func(ctx context.Context) func() {
		makers, err := s.u.store.ListManufacturers(ctx)
		return func() {
			if err != nil {
				s.errs.set(say(model.T("Could not load the manufacturers")), err)
				return
			}
			s.makers = makers
			options := []string{filterAllManufacturers()}
			found := false
			for _, m := range makers {
				options = append(options, m.Name)
				found = found || m.Name == s.manufacturer.Selected
			}
			s.manufacturer.SetOptions(options)
			if !found && s.manufacturer.Selected != filterAllManufacturers() {
				s.manufacturer.SetSelected(filterAllManufacturers()) // it was deleted or renamed: show all
			}
		}
	})
}

// show puts one page of results on screen.
func (s *casesScreen) show(f model.CaseFilter, rows []model.CaseSummary, total int) {
	s.offset, s.total = f.Offset, total
	s.table.setRows(rows)
	s.pageInf.SetText(pageText(f, len(rows), total))
	if f.Offset > 0 {
		s.prev.Enable()
	} else {
		s.prev.Disable()
	}
	if n, exact := model.CountedTotal(total); f.Offset+len(rows) < n || (!exact && len(rows) > 0) {
		s.next.Enable()
	} else {
		s.next.Disable()
	}
	if s.onShown != nil {
		s.onShown(rows, total)
	}
}

// pageText says which rows are on display: "1–100 of 523", or why there are none.
func pageText(f model.CaseFilter, n, total int) string {
	filtered := f.ManufacturerID != 0 || f.Tier != "" || !f.ReportedFrom.IsZero() || !f.ReportedUntil.IsZero() ||
		f.DealerCarriesCost
	switch {
	case total == 0 && f.Search != "":
		return say(model.T("No cases match “%s”", f.Search))
	case total == 0 && (f.Status != "" || f.OpenOnly) && !filtered:
		return say(model.T("No cases with this status"))
	case total == 0 && (filtered || f.Status != "" || f.OpenOnly):
		return say(model.T("No cases match these filters"))
	case total == 0:
		return say(model.T("No cases yet"))
	}
	counted, exact := model.CountedTotal(total)
	switch {
	case n == 0 && exact:
		return say(model.T("No more cases (%d in all)", counted))
	case n == 0:
		return say(model.T("No more cases"))
	case !exact:
		return say(model.T("%d–%d of more than %d", f.Offset+1, f.Offset+n, counted))
	}
	return say(model.T("%d–%d of %d", f.Offset+1, f.Offset+n, total))
}
