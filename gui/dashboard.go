package gui

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/policy"
)

const (
	waitingCases = 10  // how many of the longest-waiting cases the dashboard lists
	closingDays  = 3   // refund and replacement windows closing within this many days are listed
	dealerCases  = 8   // how many cases the shop carries the cost of are listed
	closingLimit = 200 // the most cases per tier checked for a closing window
)

// dashboardScreen shows what needs attention: how many cases wait in each open status,
// the refund and replacement windows about to close, the cases waiting longest and the
// cases whose cost the shop carries. Every number and entry opens the cases behind it.
type dashboardScreen struct {
	*screen
	u *MainUI

	cards      map[model.Status]*widget.Card // Title is the count, Subtitle the status
	cardButton map[model.Status]*button      // over each card: opens the cases in that status
	summary    *widget.Label                 // totals, closed and cancelled
	closing    *caseLinks                    // windows closing soon
	closingHdr *widget.Label
	dealer     *caseLinks // open cases the shop carries the cost of
	dealerHdr  *widget.Label
	dealerAll  *button
	waiting    *caseTable // open cases, oldest first
	waitingAll *button
	errs       *errorBanner
}

func newDashboardScreen(u *MainUI) *dashboardScreen {
	d := &dashboardScreen{u: u, cards: map[model.Status]*widget.Card{},
		cardButton: map[model.Status]*button{}}

	grid := container.NewGridWithColumns(3) // five in a row do not fit beside the sidebar on a 1024 px screen
	for _, st := range model.Statuses {
		if !st.Open() {
			continue
		}
		st := st
		c := widget.NewCard("–", say(st.Label()), nil)
		b := newButton("", func() { u.cases.showView(casesView{status: st}) })
		b.Importance = widget.LowImportance
		d.cards[st], d.cardButton[st] = c, b
		grid.Add(container.NewStack(c, b))
	}
	d.summary = widget.NewLabel("")
	openAll := newButton(say(model.T("Show open cases")), func() { u.cases.showView(casesView{open: true}) })
	openAll.Importance = widget.LowImportance

	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	wrapped := func() *widget.Label { // a heading over half the width: long counts wrap
		l := bold("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	d.closingHdr = wrapped()
	d.closing = newCaseLinks(u, say(model.T("No refund or replacement window closes in the next days.")))
	d.dealerHdr = wrapped()
	d.dealer = newCaseLinks(u, say(model.T("No open case costs the shop.")))
	d.dealerAll = newButton(say(model.T("Show all")), func() { u.cases.showView(casesView{open: true, dealerCost: true}) })
	d.dealerAll.Importance = widget.LowImportance

	d.waiting = newCaseTable(d.u.today, colCaseNo, colReported, colDaysOpen, colCustomer, colModel, colSerial, colStatus)
	d.waiting.onOpen = func(c model.CaseSummary) { u.openCase(c.ID) }
	d.waitingAll = newButton(say(model.T("Show all, oldest first")), func() { u.cases.showView(casesView{open: true, oldest: true}) })
	d.waitingAll.Importance = widget.LowImportance
	d.errs = newErrorBanner()

	lists := container.NewGridWithColumns(2,
		container.NewBorder(d.closingHdr, nil, nil, nil, d.closing.view),
		container.NewBorder(container.NewBorder(nil, nil, nil, container.NewVBox(d.dealerAll), d.dealerHdr), nil, nil, nil, d.dealer.view),
	)
	listHeight := canvas.NewRectangle(nil)
	listHeight.SetMinSize(fyne.NewSize(0, 150))
	top := container.NewVBox(d.errs.box,
		bold(say(model.T("Open cases by status"))), grid,
		container.NewHBox(d.summary, layout.NewSpacer(), openAll),
		container.NewStack(listHeight, lists),
		container.NewBorder(nil, nil, bold(say(model.T("Waiting longest"))), d.waitingAll))
	refresh := newIconButton(say(model.T("Refresh")), theme.ViewRefreshIcon(), d.load)
	d.screen = newScreen(model.T("Dashboard"), theme.HomeIcon(), container.NewBorder(top, nil, nil, nil, d.waiting.view), u.setupButton(), refresh)
	d.onShow = d.load
	return d
}

// dashboardData is what one load of the dashboard reads.
type dashboardData struct {
	counts      map[model.Status]int
	waiting     []model.CaseSummary
	dealer      []model.CaseSummary
	dealerTotal int
	closing     []closingCase
	closingMore bool // more cases were candidates than were checked
}

// load reads everything on a goroutine and shows it.
func (d *dashboardScreen) load() {
	today := d.u.today()
	d.u.background(func(ctx context.Context) func() {
		var data dashboardData
		var err error
		fail := func(doing string, err error) func() { return func() { d.errs.set(doing, err) } }
		if data.counts, err = d.u.store.CountCasesByStatus(ctx); err != nil {
			return fail(say(model.T("Could not count the cases")), err)
		}
		if data.waiting, _, err = d.u.store.FindCases(ctx, model.CaseFilter{OpenOnly: true, Sort: "reported",
			Limit: waitingCases}); err != nil {
			return fail(say(model.T("Could not load the waiting cases")), err)
		}
		if data.dealer, data.dealerTotal, err = d.u.store.FindCases(ctx, model.CaseFilter{OpenOnly: true,
			DealerCarriesCost: true, Sort: "reported", Limit: dealerCases}); err != nil {
			return fail(say(model.T("Could not load the cases the shop pays for")), err)
		}
		if data.closing, data.closingMore, err = closingWindows(ctx, d.u.store, today, closingDays); err != nil {
			return fail(say(model.T("Could not check the closing windows")), err)
		}
		return func() {
			d.errs.set("", nil)
			d.show(data)
		}
	})
}

func (d *dashboardScreen) show(data dashboardData) {
	open, all := 0, 0
	for st, n := range data.counts {
		all += n
		if st.Open() {
			open += n
		}
	}
	for st, c := range d.cards {
		c.SetTitle(strconv.Itoa(data.counts[st]))
	}
	d.summary.SetText(say(model.T("%d open of %d cases in all · %d closed · %d cancelled",
		open, all, data.counts[model.StatusClosed], data.counts[model.StatusCancelled])))

	more := ""
	if data.closingMore {
		more = "+"
	}
	d.closingHdr.SetText(say(model.T("Refund and replacement windows closing within %d days (%d%s)", closingDays,
		len(data.closing), more)))
	var closing []caseLink
	for _, c := range data.closing {
		closing = append(closing, caseLink{id: c.ID, text: say(model.T("%s · %s · %s · %s until %s",
			daysLeftText(c.DaysLeft), c.CaseNo, c.Customer, say(c.Tier.Label()), c.Ends))})
	}
	d.closing.set(closing)

	d.dealerHdr.SetText(say(model.T("The shop carries the cost (%d open)", data.dealerTotal)))
	var dealer []caseLink
	for _, c := range data.dealer {
		dealer = append(dealer, caseLink{id: c.ID, text: fmt.Sprintf("%s · %s · %s %s · %s",
			c.CaseNo, c.Customer, c.Manufacturer, c.Model, say(c.Status.Label()))})
	}
	d.dealer.set(dealer)

	d.waiting.setRows(data.waiting)
}

func daysLeftText(n int) string {
	switch n {
	case 0:
		return say(model.T("Closes today"))
	}
	return say(model.Count(n, "1 day left", "%d days left"))
}

// closingCase is an open case whose refund or replacement window ends soon.
type closingCase struct {
	model.CaseSummary
	Ends     model.Date
	DaysLeft int // Ends − today
}

// closingTiers are the tiers whose windows the dashboard watches.
var closingTiers = []model.Tier{model.TierRefund, model.TierReplace}

// closingWindows finds the open cases in the refund or replace tier whose window (under the
// policy version recorded on the case) ends between today and today+days, soonest first.
// The store narrows the cases by purchase date to those any stored policy could close in
// that time; the policy then says exactly when each window ends. more is true when there
// were more candidates than closingLimit per tier (the list is then not complete).
func closingWindows(ctx context.Context, store model.Store, today model.Date, days int) (out []closingCase, more bool, err error) {
	recs, err := store.ListPolicies(ctx)
	if err != nil {
		return nil, false, err
	}
	loaded := map[model.PolicyID]map[int]*policy.Policy{}
	load := func(id model.PolicyID, version int) (*policy.Policy, error) {
		if p, ok := loaded[id][version]; ok {
			return p, nil
		}
		l, err := intake.Load(ctx, store, id, version)
		if err != nil {
			return nil, err
		}
		if loaded[id] == nil {
			loaded[id] = map[int]*policy.Policy{}
		}
		loaded[id][version] = &l.Policy
		return &l.Policy, nil
	}
	// The purchase dates whose windows can end in [today, today+days], over every version
	// of every policy that counts from the purchase date.
	var from, until model.Date
	for _, r := range recs {
		if r.Kind == model.PolicyOEM {
			continue
		}
		for v := 1; v <= r.Version; v++ {
			p, err := load(r.ID, v)
			if model.ErrorCode(err) == model.ENOTFOUND {
				continue
			}
			if err != nil {
				return nil, false, err
			}
			if p.Basis != policy.BasisPurchase {
				continue
			}
			for _, t := range p.Tiers {
				if !slices.Contains(closingTiers, t.ID) {
					continue
				}
				lo, hi := startsEndingBetween(t.Window, today, today.AddDays(days))
				if from.IsZero() || lo.Before(from) {
					from = lo
				}
				if until.IsZero() || hi.After(until) {
					until = hi
				}
			}
		}
	}
	out = []closingCase{}
	if from.IsZero() {
		return out, false, nil
	}
	for _, tier := range closingTiers {
		rows, total, err := store.FindCases(ctx, model.CaseFilter{OpenOnly: true, Tier: tier, PurchasedFrom: from,
			PurchasedUntil: until, Sort: "purchased", Limit: closingLimit}) // the earliest windows first
		if err != nil {
			return nil, false, err
		}
		more = more || total > len(rows)
		for _, row := range rows {
			c, err := store.CaseByID(ctx, row.ID)
			if err != nil {
				return nil, false, err
			}
			if c.PolicyID == "" || c.PolicyVersion == 0 || c.PurchaseDate.IsZero() {
				continue
			}
			p, err := load(c.PolicyID, c.PolicyVersion)
			if err != nil {
				return nil, false, err
			}
			if p.Basis != policy.BasisPurchase {
				continue
			}
			for _, t := range p.Tiers {
				if t.ID != c.Tier {
					continue
				}
				end := t.Window.End(c.PurchaseDate)
				if left := end.DaysSince(today); left >= 0 && left <= days {
					out = append(out, closingCase{CaseSummary: row, Ends: end, DaysLeft: left})
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b closingCase) int {
		if a.DaysLeft != b.DaysLeft {
			return a.DaysLeft - b.DaysLeft
		}
		return int(a.ID - b.ID)
	})
	return out, more, nil
}

// startsEndingBetween returns start dates lo..hi that include every start whose window
// ends between first and last (a few days more for month windows, whose length varies).
func startsEndingBetween(w policy.Window, first, last model.Date) (lo, hi model.Date) {
	if w.Unit == policy.UnitMonths {
		return first.AddMonths(-w.Length).AddDays(-4), last.AddMonths(-w.Length).AddDays(4)
	}
	return first.AddDays(-w.Length), last.AddDays(-w.Length)
}

// caseLink is one line of a dashboard list, opening its case.
type caseLink struct {
	id   model.CaseID
	text string
}

// caseLinks is a short list of cases; tapping one opens it.
type caseLinks struct {
	rows  []caseLink
	list  *widget.List
	empty *widget.Label
	view  fyne.CanvasObject
}

func newCaseLinks(u *MainUI, empty string) *caseLinks {
	l := &caseLinks{empty: widget.NewLabel(empty)}
	l.empty.Importance = widget.LowImportance
	l.empty.Wrapping = fyne.TextWrapWord // in half the width: unwrapped it kept a small window from shrinking
	l.list = widget.NewList(
		func() int { return len(l.rows) },
		func() fyne.CanvasObject {
			t := widget.NewLabel(say(model.T("RMA-2026-000000 · 张伟")))
			t.Truncation = fyne.TextTruncateEllipsis
			return t
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= 0 && i < len(l.rows) {
				o.(*widget.Label).SetText(l.rows[i].text)
			}
		})
	l.list.OnSelected = func(i widget.ListItemID) {
		l.list.Unselect(i)
		if i >= 0 && i < len(l.rows) {
			u.openCase(l.rows[i].id)
		}
	}
	l.view = container.NewStack(l.list, container.NewVBox(l.empty))
	return l
}

func (l *caseLinks) set(rows []caseLink) {
	l.rows = rows
	if len(rows) == 0 {
		l.empty.Show()
	} else {
		l.empty.Hide()
	}
	l.list.Refresh()
}

// layoutSpacer pushes what follows it in a box to the far end.
func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }
