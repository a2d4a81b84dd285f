package gui

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
)

// recentCases is how many of the newest cases the dashboard lists.
const recentCases = 10

// dashboardScreen shows how many cases wait in each open status and the newest cases.
type dashboardScreen struct {
	*screen
	u *MainUI

	cards   map[model.Status]*widget.Card // Title is the count, Subtitle the status
	summary *widget.Label                 // totals, closed and cancelled
	recent  *caseTable
	errs    *errorBanner
}

func newDashboardScreen(u *MainUI) *dashboardScreen {
	d := &dashboardScreen{u: u, cards: map[model.Status]*widget.Card{}}

	grid := container.NewGridWithColumns(5)
	for _, st := range model.Statuses {
		if !st.Open() {
			continue
		}
		c := widget.NewCard("–", st.Label(), nil)
		d.cards[st] = c
		grid.Add(c)
	}
	d.summary = widget.NewLabel("")
	d.recent = newCaseTable(colCaseNo, colReported, colCustomer, colModel, colSerial, colStatus)
	d.errs = newErrorBanner()

	openHeading := widget.NewLabelWithStyle("Open cases by status", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	recentHeading := widget.NewLabelWithStyle("Recent cases", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(d.errs.box, openHeading, grid, d.summary, recentHeading)
	refresh := widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), d.load)
	d.screen = newScreen("Dashboard", theme.HomeIcon(), container.NewBorder(top, nil, nil, nil, d.recent.view), refresh)
	d.onShow = d.load
	return d
}

// load fetches the counts and the newest cases on a goroutine and shows them.
func (d *dashboardScreen) load() {
	d.u.background(func(ctx context.Context) func() {
		counts, err := d.u.store.CountCasesByStatus(ctx)
		if err != nil {
			return func() { d.errs.set("Could not count the cases", err) }
		}
		rows, _, err := d.u.store.FindCases(ctx, model.CaseFilter{Sort: "case_no", Descending: true, Limit: recentCases})
		if err != nil {
			return func() { d.errs.set("Could not load the recent cases", err) }
		}
		return func() {
			d.errs.set("", nil)
			d.show(counts, rows)
		}
	})
}

func (d *dashboardScreen) show(counts map[model.Status]int, rows []model.CaseSummary) {
	open, all := 0, 0
	for st, n := range counts {
		all += n
		if st.Open() {
			open += n
		}
	}
	for st, c := range d.cards {
		c.SetTitle(strconv.Itoa(counts[st]))
	}
	d.summary.SetText(fmt.Sprintf("%d open of %d cases in all · %d closed · %d cancelled",
		open, all, counts[model.StatusClosed], counts[model.StatusCancelled]))
	if len(rows) > recentCases {
		rows = rows[:recentCases]
	}
	d.recent.setRows(rows)
}

// layoutSpacer pushes what follows it in a box to the far end.
func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }
