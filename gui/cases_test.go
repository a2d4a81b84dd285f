package gui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/policy"
)

// serialsShown lists the serial column of the case list.
func serialsShown(s *casesScreen) []string {
	var out []string
	for _, r := range s.table.rows {
		out = append(out, string(r.Serial))
	}
	return out
}

// sortHeaderFor finds the drawn header of a column.
func sortHeaderFor(t *testing.T, c fyne.Canvas, title string) *sortHeader {
	t.Helper()
	for _, o := range test.LaidOutObjects(c.Content()) {
		if h, ok := o.(*sortHeader); ok && h.Visible() && h.label.Text == title {
			return h
		}
	}
	t.Fatalf("no header %q is drawn", title)
	return nil
}

// openCases shows the Cases screen on store in a window of size (zero: the test window's own).
func openCases(t *testing.T, store model.Store, size fyne.Size) (*harness, *casesScreen) {
	t.Helper()
	h := newTestUI(t, store)
	if !size.IsZero() {
		h.w.Resize(size)
	}
	h.u.Show("Cases")
	h.settle()
	return h, h.u.cases
}

func TestCasesSortByTappingAHeader(t *testing.T) {
	f := newDeskFixture(t)
	h, s := openCases(t, f.store, fyne.NewSize(1280, 760))

	// Newest first to begin with.
	if got := serialsShown(s); !slices.Equal(got, []string{"PB20-E5", "PB20-D4", "H200-C3", "PB20-B2", "H200-A1"}) {
		t.Fatalf("first order = %v", got)
	}
	customer := sortHeaderFor(t, h.w.Canvas(), "Customer")
	test.Tap(customer)
	h.settle()
	// 张 (U+5F20) sorts before 王 (U+738B); equal names keep case order.
	if got := serialsShown(s); !slices.Equal(got, []string{"H200-A1", "H200-C3", "PB20-B2", "PB20-D4", "PB20-E5"}) {
		t.Errorf("by customer = %v", got)
	}
	if !customer.arrow.Visible() {
		t.Errorf("the sorted column shows no arrow")
	}
	test.Tap(customer)
	h.settle()
	if got := serialsShown(s); !slices.Equal(got, []string{"PB20-E5", "PB20-D4", "PB20-B2", "H200-C3", "H200-A1"}) {
		t.Errorf("by customer, descending = %v", got)
	}

	// Days open: the longest waiting first; the cancelled case shows no days.
	test.Tap(sortHeaderFor(t, h.w.Canvas(), "Days"))
	h.settle()
	if s.sort != "waiting" || !s.desc {
		t.Errorf("days open ascending asks for %q desc %v, want waiting descending", s.sort, s.desc)
	}
	col := s.table.column("Days")
	for r, row := range s.table.rows {
		if r > 0 && row.Status.Open() && !s.table.rows[r-1].Status.Open() {
			t.Errorf("sorted by days, the open case %s comes after a closed one", row.Serial)
		}
		want := fmt.Sprint(f.today.DaysSince(row.ReportedDate))
		if !row.Status.Open() {
			want = ""
		}
		if got := s.table.cell(r, col); got != want {
			t.Errorf("%s: days open %q, want %q", row.Serial, got, want)
		}
	}
	// The claim column does not sort.
	claim := sortHeaderFor(t, h.w.Canvas(), "Claim")
	if claim.onTap != nil {
		t.Errorf("the claim header sorts")
	}
}

func TestCasesFilters(t *testing.T) {
	f := newDeskFixture(t)
	counting := &countingStore{Store: f.store}
	h, s := openCases(t, counting, fyne.Size{})

	set := func(sel *choice, v string) {
		t.Helper()
		sel.SetSelected(v)
		h.settle()
	}
	sorted := func() []string {
		got := serialsShown(s)
		slices.Sort(got)
		return got
	}

	if got := s.manufacturer.Options; !slices.Equal(got, []string{filterAllManufacturers(), "EleTrek", "Halotek"}) {
		t.Errorf("manufacturer choices = %q", got)
	}
	set(s.manufacturer, "EleTrek")
	if got := sorted(); !slices.Equal(got, []string{"PB20-B2", "PB20-D4", "PB20-E5"}) {
		t.Errorf("EleTrek: %v", got)
	}
	set(s.status, filterOpen())
	if got := sorted(); !slices.Equal(got, []string{"PB20-B2", "PB20-D4"}) {
		t.Errorf("EleTrek, open: %v", got)
	}
	set(s.tier, say(model.TierReplace.Label()))
	if got := sorted(); !slices.Equal(got, []string{"PB20-B2"}) {
		t.Errorf("EleTrek, open, replace: %v", got)
	}
	set(s.tier, say(model.TierPaid.Label()))
	if len(s.table.rows) != 0 || s.pageInf.Text != "No cases match these filters" {
		t.Errorf("no match: %d rows, %q", len(s.table.rows), s.pageInf.Text)
	}
	test.Tap(s.clear)
	h.settle()
	if s.total != 5 || s.manufacturer.Selected != filterAllManufacturers() || s.tier.Selected != filterAllTiers() {
		t.Errorf("after clearing: %d cases, %q, %q", s.total, s.manufacturer.Selected, s.tier.Selected)
	}
	set(s.status, say(model.StatusCancelled.Label()))
	if got := sorted(); !slices.Equal(got, []string{"PB20-E5"}) {
		t.Errorf("cancelled: %v", got)
	}
	set(s.status, filterAll())
	set(s.tier, say(model.TierRepair.Label()))
	if got := sorted(); !slices.Equal(got, []string{"H200-C3"}) {
		t.Errorf("repair: %v", got)
	}
	set(s.tier, filterAllTiers())

	// The reported date range, typed; a bad date says why next to the field and is not searched.
	test.Type(s.from, f.today.AddDays(-2).String())
	test.Type(s.until, f.today.AddDays(-1).String())
	h.settle()
	if got := sorted(); !slices.Equal(got, []string{"H200-A1", "PB20-B2"}) {
		t.Errorf("reported in the last two days but today: %v", got)
	}
	before := counting.finds.Load()
	s.until.SetText("2026-13-01")
	h.settle()
	if !s.untilMsg.Visible() || !strings.Contains(s.untilMsg.Text, "month 13") {
		t.Errorf("until message = %q (visible %v)", s.untilMsg.Text, s.untilMsg.Visible())
	}
	s.from.SetText("yesterday")
	h.settle()
	if !s.fromMsg.Visible() || s.fromMsg.Text != "use YYYY-MM-DD" || !s.dateMsgs.Visible() {
		t.Errorf("from message = %q (its line shown %v)", s.fromMsg.Text, s.dateMsgs.Visible())
	}
	s.from.SetText("2026-0") // being typed: not wrong yet
	h.settle()
	if s.fromMsg.Visible() {
		t.Errorf("a date being typed is said to be wrong: %q", s.fromMsg.Text)
	}
	if n := counting.finds.Load() - before; n != 0 {
		t.Errorf("%d searches with a bad date", n)
	}
	s.from.SetText(f.today.String())
	s.until.SetText(f.today.AddDays(-1).String())
	h.settle()
	if !strings.Contains(s.untilMsg.Text, "before the from date") {
		t.Errorf("until before from: %q", s.untilMsg.Text)
	}
	s.until.SetText("")
	h.settle()
	if s.fromMsg.Visible() || s.untilMsg.Visible() {
		t.Errorf("messages stay after fixing the dates: %q %q", s.fromMsg.Text, s.untilMsg.Text)
	}
	if got := sorted(); !slices.Equal(got, []string{"PB20-D4"}) {
		t.Errorf("reported today: %v", got)
	}
	// Written with slashes and no zeros, as many shops write a date.
	s.from.SetText(fmt.Sprintf("%d/%d/%d", f.today.Year, f.today.Month, f.today.Day))
	h.settle()
	if got := sorted(); s.fromMsg.Visible() || !slices.Equal(got, []string{"PB20-D4"}) {
		t.Errorf("today with slashes: %v, message %q", got, s.fromMsg.Text)
	}

	// The shop's cost.
	s.from.SetText("")
	s.dealerCost.SetChecked(true)
	h.settle()
	if got := sorted(); !slices.Equal(got, []string{"H200-C3"}) {
		t.Errorf("the shop carries the cost: %v", got)
	}
}

func TestCasesSearchFindsByMaintenanceNumberAndChinese(t *testing.T) {
	f := newDeskFixture(t)
	h, s := openCases(t, f.store, fyne.Size{})
	mo := string(f.cases["repair"].MaintenanceNo)

	for _, c := range []struct {
		q    string
		want []string
	}{
		{strings.ToLower(mo), []string{"H200-C3"}},
		{"mo-" + mo[3:7], []string{"H200-C3"}}, // part of it
		{"芳", []string{"PB20-B2", "PB20-D4", "PB20-E5"}},
		{"张伟", []string{"H200-A1", "H200-C3"}},
		{"1234567", []string{"PB20-B2", "PB20-D4", "PB20-E5"}}, // part of 王芳's phone
		{string(f.cases["refund"].CaseNo), []string{"H200-A1"}},
		{"pb20-d", []string{"PB20-D4"}},
	} {
		s.search.SetText("")
		h.settle()
		test.Type(s.search, c.q)
		h.settle()
		got := serialsShown(s)
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("search %q: %v, want %v", c.q, got, c.want)
		}
	}
}

// TestCasesSearchWithAControlCharacterFindsNothing: the search text joins its fields with
// U+001F; a search holding it (pasted, say) used to list every case. Now it finds nothing,
// and is no error.
func TestCasesSearchWithAControlCharacterFindsNothing(t *testing.T) {
	f := newDeskFixture(t)
	h, s := openCases(t, f.store, fyne.Size{})
	if len(serialsShown(s)) == 0 {
		t.Fatal("no cases listed before the search")
	}
	for _, q := range []string{"\x1f", "张伟\x1f", "\x1b[2J"} {
		s.search.SetText(q)
		h.settle()
		if got := serialsShown(s); len(got) != 0 || s.errs.text() != "" {
			t.Errorf("search %q: %v, banner %q; want no case and no error", q, got, s.errs.text())
		}
	}
}

func TestCasesOpenTheCaseDetail(t *testing.T) {
	f := newDeskFixture(t)
	h, s := openCases(t, f.store, fyne.Size{})
	d := s.detail

	// Tapping (selecting) a row opens its case.
	row := slices.IndexFunc(s.table.rows, func(r model.CaseSummary) bool { return r.Serial == "PB20-B2" })
	s.table.table.Select(widget.TableCellID{Row: row, Col: 2})
	h.settle()
	if !d.showing(f.cases["replace"].ID) {
		t.Fatalf("selecting the row of PB20-B2 did not open its case")
	}
	if d.factLabel["serial"].Text != "PB20-B2" || d.factLabel["customer"].Text != "王芳 · 13912345678" {
		t.Errorf("detail shows %q of %q", d.factLabel["serial"].Text, d.factLabel["customer"].Text)
	}
	test.Tap(d.back)
	h.settle()
	if h.u.content.Objects[0] != s.view {
		t.Fatalf("Back to cases did not show the list")
	}

	// Enter on the highlighted row opens it too.
	for range len(s.table.rows) {
		s.table.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	}
	s.table.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	s.table.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if !d.showing(s.table.rows[1].ID) {
		t.Errorf("Enter on the second row did not open its case")
	}

	// Enter in the search box goes straight to a case it finds alone (a scanned slip).
	h.u.Show("Dashboard")
	h.settle()
	h.u.Show("Cases")
	h.settle()
	test.Type(s.search, string(f.cases["repair"].MaintenanceNo))
	s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if !d.showing(f.cases["repair"].ID) {
		t.Errorf("Enter on a maintenance number did not open its case")
	}
	// The sidebar leads away from the case, to Cases too.
	h.u.Show("Cases")
	h.settle()
	if h.u.content.Objects[0] != s.view {
		t.Errorf("the sidebar's Cases does not leave the case detail")
	}
}

func TestDashboardAttentionLists(t *testing.T) {
	f := newDeskFixture(t)
	h := newTestUI(t, f.store)
	d := h.u.dashboard

	if got := d.cards[model.StatusReceived].Title; got != "4" {
		t.Errorf("received = %q, want 4", got)
	}
	if !strings.HasPrefix(d.summary.Text, "4 open of 5 cases in all · 0 closed · 1 cancelled") {
		t.Errorf("summary = %q", d.summary.Text)
	}

	// Windows closing within three days: the replacement tomorrow, then the refund in two days.
	var closing []string
	for _, l := range d.closing.rows {
		closing = append(closing, l.text)
	}
	want := []string{
		fmt.Sprintf("1 day left · %s · 王芳 · Replacement until %s", f.cases["replace"].CaseNo, f.today.AddDays(1)),
		fmt.Sprintf("2 days left · %s · 张伟 · Refund until %s", f.cases["refund"].CaseNo, f.today.AddDays(2)),
	}
	if !slices.Equal(closing, want) {
		t.Errorf("closing windows =\n%q\nwant\n%q", closing, want)
	}
	if !strings.HasSuffix(d.closingHdr.Text, "(2)") {
		t.Errorf("closing heading = %q", d.closingHdr.Text)
	}

	// The shop's cost and the longest waiting.
	if len(d.dealer.rows) != 1 || d.dealer.rows[0].id != f.cases["repair"].ID || !strings.Contains(d.dealerHdr.Text, "(1 open)") {
		t.Errorf("dealer cost = %+v, %q", d.dealer.rows, d.dealerHdr.Text)
	}
	var waiting []string
	for r := range d.waiting.rows {
		waiting = append(waiting, d.waiting.cell(r, 4)+" "+d.waiting.cell(r, 2))
	}
	if !slices.Equal(waiting, []string{"HT-H200 3", "ET-PB20 2", "HT-H200 1", "ET-PB20 0"}) {
		t.Errorf("waiting longest = %q", waiting)
	}

	// An entry opens its case.
	d.closing.list.Select(0)
	h.settle()
	if !h.u.cases.detail.showing(f.cases["replace"].ID) {
		t.Errorf("the first closing window did not open its case")
	}

	// A number opens the case list filtered by it.
	h.u.Show("Dashboard")
	h.settle()
	test.Tap(d.cardButton[model.StatusReceived])
	h.settle()
	s := h.u.cases
	if h.u.Current() != "Cases" || s.status.Selected != say(model.StatusReceived.Label()) || s.total != 4 {
		t.Errorf("the Received card shows %q filtered by %q with %d cases", h.u.Current(), s.status.Selected, s.total)
	}
	h.u.Show("Dashboard")
	h.settle()
	test.Tap(d.dealerAll)
	h.settle()
	if !s.dealerCost.Checked || s.total != 1 || s.table.rows[0].ID != f.cases["repair"].ID {
		t.Errorf("Show all of the shop's cost: %d cases", s.total)
	}
	h.u.Show("Dashboard")
	h.settle()
	test.Tap(d.waitingAll)
	h.settle()
	if s.dealerCost.Checked || s.status.Selected != filterOpen() || s.sort != "reported" || s.desc || s.total != 4 {
		t.Errorf("Show all waiting: status %q, sort %q desc %v, %d cases", s.status.Selected, s.sort, s.desc, s.total)
	}
	if s.table.rows[0].ID != f.cases["repair"].ID {
		t.Errorf("the longest waiting case is not first")
	}
}

func TestClosingWindowsFollowTheRecordedPolicyVersion(t *testing.T) {
	f := newDeskFixture(t)
	ctx := context.Background()
	// A new version of the terminal policy with a 14-day refund window does not change
	// the window of cases taken in under version 1.
	l, err := intake.Load(ctx, f.store, policy.HalotekTerminal, 0)
	if err != nil {
		t.Fatal(err)
	}
	p := l.Policy.Clone()
	p.Tiers[0].Window.Length = 14
	rec, err := p.Record()
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.SavePolicy(ctx, &rec); err != nil {
		t.Fatal(err)
	}
	got, more, err := closingWindows(ctx, f.store, f.today, closingDays)
	if err != nil || more {
		t.Fatal(more, err)
	}
	var ids []model.CaseID
	for _, c := range got {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ids, []model.CaseID{f.cases["replace"].ID, f.cases["refund"].ID}) {
		t.Errorf("closing = %v", got)
	}
}

// tableLabels walks a table's rendered objects down to its labels.
func tableLabels(o fyne.CanvasObject) []*widget.Label {
	var out []*widget.Label
	switch x := o.(type) {
	case *widget.Label:
		out = append(out, x)
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, tableLabels(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			out = append(out, tableLabels(c)...)
		}
	}
	return out
}

// The cells' texts keep the table's tighter padding, which the column widths are measured
// for; with the window's padding long texts would be cut short.
func TestCaseTableCellsKeepTheTablePadding(t *testing.T) {
	f := newDeskFixture(t)
	h, s := openCases(t, f.store, fyne.NewSize(1280, 760))
	check := func(when string) {
		t.Helper()
		labels := tableLabels(s.table.view)
		if len(labels) < len(s.table.cols)*len(s.table.rows) {
			t.Fatalf("%s: only %d labels drawn", when, len(labels))
		}
		for _, l := range labels {
			// The label's own padding, less how far it is moved out of its cell.
			if p := l.Theme().Size(theme.SizeNameInnerPadding) + l.Position().X; p != tableInnerPadding {
				t.Errorf("%s: cell %q has padding %v, want %v", when, l.Text, p, tableInnerPadding)
				return
			}
		}
	}
	check("first page")
	test.Type(s.search, "王")
	h.settle()
	check("after a search")
}

// A common search term is counted only so far: the pager says "more than", and Next goes on
// while pages are full.
func TestCasesPagerForACommonTerm(t *testing.T) {
	h := newTestUI(t, newFixture(t).store)
	h.u.Show("Cases")
	h.settle()
	s := h.u.cases
	page := make([]model.CaseSummary, casesPageSize)
	s.show(model.CaseFilter{Search: "138"}, page, model.MoreThan(500))
	if got := s.pageInf.Text; got != "1–100 of more than 500" {
		t.Errorf("pager = %q", got)
	}
	if s.next.Disabled() || !s.prev.Disabled() {
		t.Errorf("first page of many: Next should be on, Previous off")
	}
	s.show(model.CaseFilter{Search: "138", Offset: 600}, page, model.MoreThan(700))
	if got := s.pageInf.Text; got != "601–700 of more than 700" || s.next.Disabled() {
		t.Errorf("a page past the count: %q, Next off %v", got, s.next.Disabled())
	}
	s.show(model.CaseFilter{Search: "138", Offset: 700}, page[:7], 707)
	if got := s.pageInf.Text; got != "701–707 of 707" || !s.next.Disabled() {
		t.Errorf("the last page: %q, Next off %v", got, s.next.Disabled())
	}
}
