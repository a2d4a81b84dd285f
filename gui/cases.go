package gui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
)

const (
	casesPageSize  = 100                    // rows per page of the case list
	searchDebounce = 200 * time.Millisecond // pause in typing before the list is searched
)

// Choices of the status filter besides the statuses themselves.
const (
	filterAll  = "All statuses"
	filterOpen = "Open cases"
)

// casesScreen is the searchable, paged list of every case.
type casesScreen struct {
	*screen
	u *MainUI

	search  *widget.Entry
	status  *widget.Select
	table   *caseTable
	prev    *widget.Button
	next    *widget.Button
	pageInf *widget.Label // "1–100 of 523"
	errs    *errorBanner

	offset int // first row of the page on display
	total  int // matches of the current filter

	debounce *time.Timer // the search waiting for typing to pause
	gen      int64       // bumped by every query; stale answers are dropped
}

func newCasesScreen(u *MainUI) *casesScreen {
	s := &casesScreen{u: u}

	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("Search by case no., maintenance no., serial, customer or phone")
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(string) { s.searchSoon() }
	s.search.OnSubmitted = func(string) { s.searchNow() }

	options := []string{filterAll, filterOpen}
	for _, st := range model.Statuses {
		options = append(options, st.Label())
	}
	s.status = widget.NewSelect(options, func(string) { s.searchNow() })
	s.status.Selected = filterAll

	s.table = newCaseTable(colCaseNo, colReported, colCustomer, colPhone, colModel, colSerial, colTier, colStatus, colClaim)

	s.prev = widget.NewButtonWithIcon("Previous", theme.NavigateBackIcon(), func() { s.page(-1) })
	s.next = widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), func() { s.page(+1) })
	s.next.IconPlacement = widget.ButtonIconTrailingText
	s.prev.Disable()
	s.next.Disable()
	s.pageInf = widget.NewLabel("")
	s.errs = newErrorBanner()

	refresh := widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), s.load)
	bar := container.NewBorder(nil, nil, nil, s.status, s.search)
	pager := container.NewHBox(s.pageInf, layoutSpacer(), s.prev, s.next)
	body := container.NewBorder(container.NewVBox(bar, s.errs.box), pager, nil, nil, s.table.view)
	s.screen = newScreen("Cases", theme.ListIcon(), body, refresh)
	s.onShow = s.load
	return s
}

// filter is the query the controls describe, for the page at s.offset.
func (s *casesScreen) filter() model.CaseFilter {
	f := model.CaseFilter{
		Search:     strings.TrimSpace(s.search.Text),
		Sort:       "case_no",
		Descending: true, // newest first
		Offset:     s.offset,
		Limit:      casesPageSize,
	}
	switch s.status.Selected {
	case filterAll, "":
	case filterOpen:
		f.OpenOnly = true
	default:
		for _, st := range model.Statuses {
			if st.Label() == s.status.Selected {
				f.Status = st
			}
		}
	}
	return f
}

// searchSoon searches once typing has paused for searchDebounce.
func (s *casesScreen) searchSoon() {
	if s.debounce != nil && s.debounce.Stop() {
		s.u.pending.Add(-1) // the search it would have run is replaced by this one
	}
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
	s.offset = 0
	s.load()
}

// page moves by delta pages.
func (s *casesScreen) page(delta int) {
	off := s.offset + delta*casesPageSize
	if off < 0 || (delta > 0 && off >= s.total) {
		return
	}
	s.offset = off
	s.load()
}

// load queries the page described by the controls on a goroutine and shows it when it arrives.
func (s *casesScreen) load() {
	f := s.filter()
	s.gen++
	gen := s.gen
	s.u.background(func(ctx context.Context) func() {
		rows, total, err := s.u.store.FindCases(ctx, f)
		return func() {
			if s.gen != gen {
				return // a newer query is on its way
			}
			if err != nil {
				s.errs.set("Could not load the cases", err)
				return
			}
			s.errs.set("", nil)
			s.show(f, rows, total)
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
	if f.Offset+len(rows) < total {
		s.next.Enable()
	} else {
		s.next.Disable()
	}
}

// pageText says which rows are on display: "1–100 of 523", or why there are none.
func pageText(f model.CaseFilter, n, total int) string {
	switch {
	case total == 0 && f.Search != "":
		return fmt.Sprintf("No cases match “%s”", f.Search)
	case total == 0 && (f.Status != "" || f.OpenOnly):
		return "No cases with this status"
	case total == 0:
		return "No cases yet"
	case n == 0:
		return fmt.Sprintf("No more cases (%d in all)", total)
	}
	return fmt.Sprintf("%d–%d of %d", f.Offset+1, f.Offset+n, total)
}
