package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"returndesk/internal/shoptest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"returndesk/export"
	"returndesk/gui/probe"
	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/outfile"
	"returndesk/policy"
)

// claimFixture is a shop with EleTrek under its distributor policy: two router cases it
// owes, one whose cost the shop carries, and a Halotek OEM order with reported defects.
type claimFixture struct {
	store              *sqlite.DB
	eletrek, halotek   model.Manufacturer
	owed1, owed2, late *model.Case
	order              model.OEMOrder
	oemCases           []*model.Case
}

func newClaimFixture(t *testing.T) *claimFixture {
	t.Helper()
	shop := shoptest.New(t).Presets()
	f := &claimFixture{store: shop.DB}
	f.eletrek = model.Manufacturer{Name: "EleTrek", DistributorPolicy: policy.EleTrekDistributor}
	f.halotek = model.Manufacturer{Name: "Halotek", OEMPolicy: policy.HalotekOEM}
	shop.Manufacturers(&f.eletrek, &f.halotek)
	charger := &model.Product{ManufacturerID: f.eletrek.ID, Model: "ET-CH65", Name: "65 W charger", UnitPrice: 1850}
	headset := &model.Product{ManufacturerID: f.halotek.ID, Model: "HT-OEM-H1", Name: "Headset H1", UnitPrice: 2450, CustomBranded: true}
	shop.Products(charger, headset)
	cust := &model.Customer{Name: "张伟", Phone: "13800138000", Kind: model.KindTerminal}
	shop.Customers(cust)
	add := func(p *model.Product, serial, shipped, reported string, cause model.Cause) *model.Case {
		t.Helper()
		c := model.Case{CustomerID: cust.ID, ProductID: p.ID, Serial: model.Serial(serial),
			PurchaseDate: model.MustDate("2026-01-02"), ReportedDate: model.MustDate(reported),
			Fault: "无法充电 / does not charge", Cause: cause, Tier: model.TierRepair}
		if shipped != "" {
			c.ShipmentDate = model.MustDate(shipped)
		}
		return shop.Case(c)
	}
	f.owed1 = add(charger, "CH-1", "2025-12-01", "2026-03-01", model.CauseManufacturer)
	f.owed2 = add(charger, "CH-2", "2025-12-01", "2026-03-02", model.CauseManufacturer)
	f.late = add(charger, "CH-3", "2024-12-01", "2026-03-03", model.CauseManufacturer)
	spares := 1
	f.order = model.OEMOrder{ManufacturerID: f.halotek.ID, ProductID: headset.ID, OrderNo: "PO-NA-017", Quantity: 500,
		ShipmentDate: model.MustDate("2025-12-15"), SpareRate: "0.4", SparesReceived: &spares}
	if err := shop.DB.CreateOEMOrder(context.Background(), &f.order); err != nil {
		t.Fatal(err)
	}
	for i, day := range []string{"2026-01-05", "2026-02-01", "2026-02-20"} {
		f.oemCases = append(f.oemCases, add(headset, "H1-"+string(rune('A'+i)), "", day, model.CauseManufacturer))
	}
	return f
}

func TestClaimsScreenBuildsReviewsExportsAndImports(t *testing.T) {
	f := newClaimFixture(t)
	h := showScreen(t, f.store, "Claims")
	u := h.u
	s := u.claims
	if len(s.list.rows) != 0 || len(s.balances.rows) != 0 {
		t.Fatalf("a new shop has claims: %v %v", s.list.rows, s.balances.rows)
	}
	if !s.export.Disabled() || !s.next.Disabled() {
		t.Errorf("claim buttons enabled with no claim on display")
	}

	// Build: the owed cases and, apart, the one the shop carries.
	test.Tap(s.newClaim)
	h.settle()
	b := s.builder
	b.maker.SetSelected("EleTrek")
	h.settle()
	if len(b.owed.rows) != 2 || b.owed.cell(0, 0) != string(f.owed1.CaseNo) || b.owed.cell(1, 0) != string(f.owed2.CaseNo) {
		t.Fatalf("owed = %v", b.owed.rows)
	}
	if len(b.apart.rows) != 1 || b.apart.cell(0, 0) != string(f.late.CaseNo) || !strings.Contains(b.apart.cell(0, 4), "warranty ended") {
		t.Errorf("apart = %v", b.apart.rows)
	}
	if !strings.Contains(b.summary.Text, "EleTrek owes 2 cases (37.00)") {
		t.Errorf("summary = %q", b.summary.Text)
	}
	// Only up to a date.
	b.until.SetText("2026-03-01")
	h.settle()
	if len(b.owed.rows) != 1 {
		t.Errorf("owed until 2026-03-01 = %v", b.owed.rows)
	}
	b.until.SetText("2026-03-3x")
	h.settle()
	if !b.untilMsg.Visible() || !b.create.Disabled() {
		t.Errorf("a bad date is not flagged")
	}
	b.until.SetText("")
	h.settle()
	test.Tap(b.create)
	h.settle()
	if s.current == nil || s.current.ClaimNo != "CLM-2026-0001" || len(s.lines.rows) != 2 || s.current.Status != model.ClaimDraft {
		t.Fatalf("after create: %+v", s.current)
	}
	if len(s.list.rows) != 1 || s.list.cell(0, 2) != "Draft" {
		t.Errorf("claim list = %v", s.list.rows)
	}

	// Review: remove the second line.
	if !s.remove.Disabled() {
		t.Errorf("remove enabled without a selected line")
	}
	s.lines.selectRow(1)
	if s.remove.Disabled() {
		t.Fatalf("remove disabled with a selected line")
	}
	test.Tap(s.remove)
	h.settle()
	if len(s.lines.rows) != 1 || s.lines.cell(0, 0) != string(f.owed1.CaseNo) {
		t.Fatalf("lines after removal = %v", s.lines.rows)
	}

	// Export the sheet, answer it as the manufacturer would, import it.
	path := filepath.Join(t.TempDir(), "CLM-2026-0001.xlsx")
	s.exportTo(path)
	h.settle()
	if !strings.Contains(s.message.Text, "Saved the claim sheet") {
		t.Fatalf("message = %q (%s)", s.message.Text, s.errs.text())
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	x.SetCellValue(export.SheetClaim, "R11", "Accepted")
	x.SetCellValue(export.SheetClaim, "S11", 15)
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	s.importFrom(path)
	h.settle()
	if s.confirm == nil {
		t.Fatalf("no question before a draft is recorded as submitted (%s / %s)", s.message.Text, s.errs.text())
	}
	s.confirm.Confirm()
	h.settle()
	if s.current.Status != model.ClaimAnswered || s.lines.cell(0, 7) != "Accepted" || s.lines.cell(0, 8) != "15.00" {
		t.Fatalf("after import: %s, %v (%s / %s)", s.current.Status, s.lines.rows, s.message.Text, s.errs.text())
	}
	if !strings.Contains(s.message.Text, "1 changed") {
		t.Errorf("import message = %q", s.message.Text)
	}
	if len(s.balances.rows) != 1 || s.balances.cell(0, 0) != "EleTrek" || s.balances.cell(0, 3) != "15.00" {
		t.Errorf("balances = %v", s.balances.rows)
	}
	// The same file again changes nothing.
	s.importFrom(path)
	h.settle()
	if !strings.Contains(s.message.Text, "0 changed, 1 unchanged") {
		t.Errorf("re-import message = %q", s.message.Text)
	}

	// Deducted on the next PI.
	s.balances.selectRow(0)
	if s.deduct.Disabled() {
		t.Fatalf("deduct disabled with a manufacturer selected")
	}
	s.askDeduct()
	h.settle()
	test.Type(firstEntry(h.w.Canvas().Overlays().Top()), "PI-2026-031")
	confirmTopDialog(t, h, "Mark deducted")
	if s.balances.cell(0, 3) != "0.00" || s.balances.cell(0, 4) != "15.00" {
		t.Errorf("balances after deduction = %v (%s)", s.balances.rows, s.errs.text())
	}
	s.balances.selectRow(0)
	if !s.deduct.Disabled() {
		t.Errorf("a balance of 0.00 can be deducted")
	}

	// Settle.
	if s.next.Text != "Settle" {
		t.Fatalf("next button = %q", s.next.Text)
	}
	test.Tap(s.next)
	h.settle()
	confirmTopDialog(t, h, "Settle")
	if s.current.Status != model.ClaimSettled || !s.next.Disabled() || !s.importB.Disabled() {
		t.Errorf("after settling: %s, next %q", s.current.Status, s.next.Text)
	}
	if s.list.cell(0, 2) != "Settled" {
		t.Errorf("list = %v", s.list.rows)
	}
}

func TestClaimsScreenRecordsAnAnswerByHandAndDeletesDrafts(t *testing.T) {
	f, claim := draftClaimFixture(t)
	ctx := context.Background()
	h := showScreen(t, f.store, "Claims")
	u := h.u
	s := u.claims
	s.list.selectRow(0)
	h.settle()
	if s.current == nil || s.current.ClaimNo != claim.ClaimNo {
		t.Fatalf("selecting the claim did not open it")
	}
	s.lines.selectRow(1)
	if s.answer.Disabled() {
		t.Fatalf("answer disabled")
	}
	// Record with no decision chosen records nothing: the dialog opens again with what was
	// typed and says why under the field.
	s.askAnswer()
	h.settle()
	entries := func() []*keyEntry {
		var out []*keyEntry
		for _, o := range test.LaidOutObjects(h.w.Canvas().Overlays().Top()) {
			if e, ok := o.(*keyEntry); ok {
				out = append(out, e)
			}
		}
		return out
	}
	if e := entries(); len(e) != 2 {
		t.Fatalf("the answer dialog has %d entries, want the credit and the note", len(e))
	} else {
		e[0].SetText("5")
		e[1].SetText("by phone")
	}
	test.Tap(topDialogButton(t, h.w, "Record"))
	h.settle()
	if e := entries(); !strings.Contains(overlayWords(h.w.Canvas()), "choose the manufacturer's decision") ||
		len(e) != 2 || e[0].Text != "5" || e[1].Text != "by phone" {
		t.Fatalf("an answer without a decision: %q", overlayWords(h.w.Canvas()))
	}
	// Typing in the credit replaces it (5 typed before 0.00 made 50.00).
	h.w.Canvas().Focus(entries()[0])
	test.Type(entries()[0], "7")
	if got := entries()[0].Text; got != "7" {
		t.Errorf("typing 7 into the credit 5 gave %q", got)
	}
	// A credit that is not an amount cannot be sent.
	h.w.Canvas().Focus(entries()[1]) // the credit is checked as the focus leaves it
	entries()[0].SetText("12,3x")
	h.settle()
	if b := topDialogButton(t, h.w, "Record"); !b.Disabled() {
		t.Errorf("Record is enabled with the credit 12,3x")
	}
	test.Tap(topDialogButton(t, h.w, "Cancel"))
	h.settle()
	s.recordAnswer(f.owed2.CaseNo, model.DecisionRejected, "", "customer dropped it")
	h.settle()
	if s.confirm == nil || !strings.Contains(s.question.Text, "still a draft") {
		t.Fatalf("answering a draft by hand asks nothing: %v", s.confirm != nil)
	}
	s.confirm.Confirm()
	h.settle()
	if s.lines.cell(1, 7) != "Rejected" || s.lines.cell(1, 9) != "customer dropped it" || s.current.Status != model.ClaimAnswered {
		t.Errorf("after the answer: %v (%s)", s.lines.rows, s.errs.text())
	}
	// What was done is said of the line typed in: the others were in no file to be missing from.
	wantIn(t, "message", s.message.Text, "The answer for "+string(f.owed2.CaseNo)+" is recorded; claim "+string(claim.ClaimNo)+" is Answered")
	if strings.Contains(s.message.Text, "not in the file") {
		t.Errorf("an answer typed in is said to leave lines out of a file: %q", s.message.Text)
	}
	s.recordAnswer(f.owed1.CaseNo, model.DecisionAccepted, "12.345", "")
	h.settle()
	if !strings.Contains(s.errs.text(), "credit") {
		t.Errorf("a bad credit is not refused: %q", s.errs.text())
	}

	// A draft can be deleted; its cases are owed again.
	draft := &model.Claim{ManufacturerID: f.eletrek.ID, Lines: []model.ClaimLine{{CaseID: f.late.ID}}}
	if err := f.store.CreateClaim(ctx, draft); err != nil {
		t.Fatal(err)
	}
	s.load()
	h.settle()
	s.list.selectRow(0) // newest first
	h.settle()
	if s.current.ClaimNo != draft.ClaimNo || s.del.Disabled() {
		t.Fatalf("draft on display = %s, delete disabled %v", s.current.ClaimNo, s.del.Disabled())
	}
	s.deleteDraft()
	h.settle()
	// The remaining claim, the newest left, is shown instead.
	if len(s.list.rows) != 1 || s.current == nil || s.current.ClaimNo == draft.ClaimNo {
		t.Errorf("after deleting: %v, on display %v", s.list.rows, s.current)
	}
}

// Importing answers asks first when the claim is still a draft and when a line is credited
// more than it claimed; nothing is recorded until every question is answered yes.
func TestClaimsScreenAsksBeforeRecordingADraftAndOverCredits(t *testing.T) {
	f, claim := draftClaimFixture(t)
	ctx := context.Background()
	sheet, err := export.LoadClaimSheet(ctx, f.store, claim.ClaimNo, model.MustDate("2026-03-10"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "answered.xlsx")
	if err := export.SaveClaimSheet(path, outfile.Guard{}, sheet); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	x.SetCellValue(export.SheetClaim, "R11", "Accepted")
	x.SetCellValue(export.SheetClaim, "S11", 1_000_000) // for a charger of 18.50
	x.SetCellValue(export.SheetClaim, "R12", "Accepted")
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()

	h := showScreen(t, f.store, "Claims")
	s := h.u.claims
	stillDraft := func(when string) {
		t.Helper()
		got, err := f.store.FindClaim(ctx, claim.ClaimNo)
		if err != nil || got.Status != model.ClaimDraft || got.SubmittedAt != nil || got.Lines[0].Decision != "" {
			t.Errorf("%s: the claim changed: %+v, %v", when, got, err)
		}
		if s.message.Text != "Nothing was imported." || s.confirm != nil {
			t.Errorf("%s: message %q, question open %v", when, s.message.Text, s.confirm != nil)
		}
	}
	draftQuestion := "This claim is still a draft. Record it as submitted, then the answers?"
	overCredit := "row 11 (" + string(f.owed1.CaseNo) + "): credit 1,000,000.00 is more than the 18.50 claimed"

	// No to the draft question: nothing recorded.
	s.importFrom(path)
	h.settle()
	if s.confirm == nil || s.question.Text != draftQuestion || !overlayHasText(h.w.Canvas(), string(claim.ClaimNo)+" is a draft") {
		t.Fatalf("no question about the draft: %v (%s / %s)", s.confirm != nil, s.message.Text, s.errs.text())
	}
	s.confirm.Dismiss()
	h.settle()
	stillDraft("no to the draft")

	// Yes to the draft, no to the credits: still nothing recorded.
	s.importFrom(path)
	h.settle()
	s.confirm.Confirm()
	h.settle()
	if s.confirm == nil || !strings.Contains(s.question.Text, overCredit) || !strings.Contains(s.question.Text, "1 line more than claimed") ||
		!overlayHasText(h.w.Canvas(), "Credits above the claim") {
		t.Fatalf("no question about the credit: %v", s.question)
	}
	s.confirm.Dismiss()
	h.settle()
	stillDraft("no to the credits")

	// Yes and yes: recorded, the draft as submitted first.
	s.importFrom(path)
	h.settle()
	s.confirm.Confirm()
	h.settle()
	s.confirm.Confirm()
	h.settle()
	got, err := f.store.FindClaim(ctx, claim.ClaimNo)
	if err != nil || got.Status != model.ClaimAnswered || got.SubmittedAt == nil || got.Lines[0].Credit != 100_000_000 {
		t.Fatalf("after yes and yes: %+v, %v (%s)", got, err, s.errs.text())
	}
	if !strings.HasPrefix(s.message.Text, "Claim "+string(claim.ClaimNo)+" was a draft: recorded as submitted today, then answered. ") ||
		!strings.Contains(s.message.Text, "Warning: "+overCredit+".") || s.lines.cell(0, 8) != "1000000.00" {
		t.Errorf("message %q, lines %v", s.message.Text, s.lines.rows)
	}

	// The same sheet again: nothing to ask, nothing changes.
	s.importFrom(path)
	h.settle()
	if s.confirm != nil || !strings.Contains(s.message.Text, "0 changed, 2 unchanged") {
		t.Errorf("re-import: asked %v, message %q", s.confirm != nil, s.message.Text)
	}

	// An older sheet, its first line rejected, read after this one: asked before the
	// recorded answer is undone; no keeps it.
	older := filepath.Join(t.TempDir(), "older.xlsx")
	if err := export.SaveClaimSheet(older, outfile.Guard{}, sheet); err != nil {
		t.Fatal(err)
	}
	if x, err = excelize.OpenFile(older); err != nil {
		t.Fatal(err)
	}
	x.SetCellValue(export.SheetClaim, "R11", "Rejected")
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	s.importFrom(older)
	h.settle()
	replaced := "row 11 (" + string(f.owed1.CaseNo) + "): Accepted, 1,000,000.00 becomes Rejected, 0.00"
	if s.confirm == nil || !strings.Contains(s.question.Text, replaced) {
		t.Fatalf("no question before an answer is undone: %v (%s)", s.question, s.message.Text)
	}
	s.confirm.Dismiss()
	h.settle()
	if got, _ := f.store.FindClaim(ctx, claim.ClaimNo); got.Lines[0].Decision != model.DecisionAccepted {
		t.Errorf("no to the older sheet undid the answer: %+v", got.Lines[0])
	}
}

// draftClaimFixture is the claim fixture with a draft claim to EleTrek over every case it owes.
func draftClaimFixture(t *testing.T) (*claimFixture, *model.Claim) {
	t.Helper()
	f := newClaimFixture(t)
	ctx := context.Background()
	cc, err := f.store.ClaimableCases(ctx, f.eletrek.ID, model.Date{})
	if err != nil {
		t.Fatal(err)
	}
	claim := cc.NewClaim()
	if err := f.store.CreateClaim(ctx, claim); err != nil {
		t.Fatal(err)
	}
	return f, claim
}

// The PI number is judged as typed by the store's rule, and a refusal reads as words, not as
// the field's name in the program ("pi: …").
func TestDeductPIProblemsReadAsWords(t *testing.T) {
	long := strings.Repeat("9", model.MaxCodeLen+1)
	for _, c := range []struct{ pi, want string }{
		{"PI-2026-031", ""},
		{"  ", "type the number of the proforma invoice"},
		{long, fmt.Sprintf("The number is too long (at most %d characters)", model.MaxCodeLen)},
		{"PI\x1b[31m", "The number contains a control character (U+001B), which is not allowed"},
	} {
		got := ""
		if err := piProblem(c.pi); err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("piProblem(%q) = %q, want %q", c.pi, got, c.want)
		}
	}
	f := newClaimFixture(t)
	h := showScreen(t, f.store, "Claims")
	s := h.u.claims
	s.markDeducted(f.eletrek.ID, long, nil)
	h.settle()
	if got := s.errs.text(); strings.Contains(got, "pi:") || !strings.Contains(got, "the proforma invoice number is too long") {
		t.Errorf("banner %q", got)
	}
}

// Fyne has no tooltips: a row of the Claims and OEM tables with a cell cut short ("…") is
// shown whole under its table when selected, and that line is gone when nothing is cut.
func TestACutCellIsShownWholeUnderItsTable(t *testing.T) {
	h := onSmallScreen(t)
	u := h.u
	withDefects := func() { // the demo's order with its reported defects linked
		u.oemOrders.list.selectRow(0)
		h.settle()
		u.oemOrders.linkCandidates()
		h.settle()
	}
	for _, c := range []struct {
		screen string
		grid   func() *claimGrid
		before func() // what shows the grid's rows
		cut    bool   // whether row 0 has a cell cut short at 1024 px
	}{
		{"Claims", func() *claimGrid { return u.claims.list }, nil, false}, // the claim opens below it
		{"Claims", func() *claimGrid { return u.claims.lines }, func() { u.claims.list.selectRow(0) }, true},
		{"OEM orders", func() *claimGrid { return u.oemOrders.list }, nil, false}, // the order opens below it
		{"OEM orders", func() *claimGrid { return u.oemOrders.defects }, withDefects, true},
		{"Reports", func() *claimGrid { return u.reports.grids[0][0] }, nil, true}, // the OEM batches, long at 1024 px
		{"Reports", func() *claimGrid { return u.reports.grids[2][0] }, func() { // the recovery: thirteen columns
			owedBalance(t, u.store)
			u.reports.load()
			h.settle()
			u.reports.tabs.SelectIndex(2)
		}, true},
	} {
		u.Show(c.screen)
		h.settle()
		h.w.Resize(windowFit(windowSize, fyne.Size{}, smallScreen))
		if c.before != nil {
			c.before()
			h.settle()
		}
		g := c.grid()
		what := fmt.Sprintf("%s %v", c.screen, g.headers)
		if len(g.rows) == 0 {
			t.Fatalf("%s: no rows in the demo", what)
		}
		drawFrameLayouts(h.w.Canvas().Content())
		before := g.table.Size().Height
		g.selectRow(0)
		h.settle()
		drawFrameLayouts(h.w.Canvas().Content())
		// The line in full takes its height from the table but leaves it its rows (the
		// recovery's one row went out of view at 700 px), and gives it back with new rows
		// (an empty band stayed, or the rows were drawn flat).
		if row := widget.NewLabel("0").MinSize().Height; g.table.Size().Height < 2*row {
			t.Errorf("%s: the table is %.0f px high with its row in full, less than a row under the header", what, g.table.Size().Height)
		}

		if g.full.Visible() != c.cut {
			t.Errorf("%s: row 0 at 1024 px shown in full: %v, want %v (%q)", what, g.full.Visible(), c.cut, g.full.Text)
		}
		for _, v := range g.rows[0] {
			if c.cut && !strings.Contains(g.full.Text, v) {
				t.Errorf("%s: the line in full %q lacks %q", what, g.full.Text, v)
			}
		}
		// What tells the rows apart is never cut: case numbers, serials, dates.
		for _, col := range g.whole {
			if v := g.rows[0][col]; g.cols.applied[col] > 0 && g.cols.cut(col, v, fyne.TextStyle{}) {
				t.Errorf("%s: %s %q cut short at 1024 px", what, g.headers[col], v)
			}
		}
		// Every title is read whole, on two lines where one is too narrow, in the grids
		// that have the height for it (a minor column may be left out: the row in full has it).
		for col, title := range g.cols.titles {
			if w := g.cols.applied[col]; w > 0 && w < twoLineWidth(title, fyne.TextStyle{Bold: true})-1 {
				t.Errorf("%s: title %q cut in its column of %.0f px", what, title, w)
			}
		}
		checkLayout(t, what+" with its row in full", h.w)
		g.setRows(g.rows)
		h.settle()
		drawFrameLayouts(h.w.Canvas().Content())
		if g.full.Visible() || g.table.Size().Height != before {
			t.Errorf("%s: new rows: the line in full shown %v, the table %.0f px high, was %.0f", what, g.full.Visible(), g.table.Size().Height, before)
		}

		h.w.Resize(fyne.NewSize(4000, 1000)) // every cell whole
		drawFrameLayouts(h.w.Canvas().Content())
		if g.full.Visible() {
			t.Errorf("%s: at 4000 px nothing is cut, yet the row is shown in full: %q", what, g.full.Text)
		}
	}
}

// overlayWords is the text of the dialog on top, its wrapped lines joined by spaces.
func overlayWords(c fyne.Canvas) string {
	var words []string
	if top := c.Overlays().Top(); top != nil {
		for _, o := range test.LaidOutObjects(top) {
			if t, ok := o.(*canvas.Text); ok && t.Visible() {
				words = append(words, strings.Fields(t.Text)...)
			}
		}
	}
	return strings.Join(words, " ")
}

// confirmTopDialog presses the button labelled text in the dialog on top.
func confirmTopDialog(t *testing.T, h *harness, text string) {
	t.Helper()
	test.Tap(topDialogButton(t, h.w, text))
	h.settle()
}

// A double or triple click on the claim's next-step button moved a draft on to Answered and
// Settled with nothing answered, its cases lost to any later claim. A click while the move
// is under way does nothing, and the steps that close a claim ask first.
func TestClaimsNextStepTakesOneStepAClick(t *testing.T) {
	h := onSmallScreen(t)
	u := h.u
	s := u.claims
	u.Show("Claims")
	h.settle()
	s.list.selectRow(0)
	h.settle()
	if s.current == nil || s.current.Status != model.ClaimDraft {
		t.Fatalf("the demo's claim is not a draft: %+v", s.current)
	}
	test.Tap(s.next) // a double click, before the claim is shown again
	test.Tap(s.next)
	h.settle()
	if s.current.Status != model.ClaimSubmitted || u.topDialog() != nil {
		t.Fatalf("after a double click on Mark submitted: %s (dialog %v)", s.current.Status, u.topDialog() != nil)
	}
	test.Tap(s.next) // Mark answered, with no answer: asked first
	h.settle()
	if u.topDialog() == nil || s.current.Status != model.ClaimSubmitted {
		t.Fatalf("Mark answered with no answer did not ask (%s)", s.current.Status)
	}
	confirmTopDialog(t, h, "Not yet")
	if s.current.Status != model.ClaimSubmitted {
		t.Errorf("Not yet moved the claim to %s", s.current.Status)
	}
	test.Tap(s.next)
	h.settle()
	confirmTopDialog(t, h, "Mark answered")
	if s.current.Status != model.ClaimAnswered {
		t.Fatalf("confirmed, the claim is %s", s.current.Status)
	}
	test.Tap(s.next) // Settle, its line unanswered: asked first, and Enter keeps it
	h.settle()
	if u.topDialog() == nil || !strings.Contains(overlayWords(h.w.Canvas()), "1 line without an answer") {
		t.Fatalf("Settle did not ask, or not about the unanswered line")
	}
	pressKey(h, fyne.KeyReturn)
	if s.current.Status != model.ClaimAnswered {
		t.Errorf("Enter in the settle question settled the claim")
	}
}

// The deduct dialog ticks every claim that owes; the PI deducts only those left ticked,
// and none ticked deducts nothing. Escape leaves a ticked box as it closes the dialog.
func TestDeductMarksTheClaimsThePIlists(t *testing.T) {
	h := onSmallScreen(t)
	u := h.u
	owedBalance(t, u.store)
	ctx := context.Background()
	// A second claim of the same maker, answered: it owes beside the first.
	first, err := u.store.LedgerEntries(ctx, 0, true)
	if err != nil || len(first) == 0 {
		t.Fatalf("nothing owed: %v", err)
	}
	cc, err := u.store.ClaimableCases(ctx, first[0].ManufacturerID, model.Date{})
	if err != nil || len(cc.Owed) == 0 {
		t.Fatalf("%s owes no case to claim: %v", first[0].Manufacturer, err)
	}
	second := cc.NewClaim()
	if err := u.store.CreateClaim(ctx, second); err != nil {
		t.Fatal(err)
	}
	if _, err := u.store.SetClaimStatus(ctx, second.ClaimNo, model.ClaimSubmitted); err != nil {
		t.Fatal(err)
	}
	if _, err := u.store.AnswerClaimLines(ctx, second.ClaimNo, []model.ClaimAnswer{
		{CaseNo: second.Lines[0].CaseNo, Decision: model.DecisionAccepted}}, "test"); err != nil {
		t.Fatal(err)
	}
	u.Show("Claims")
	h.settle()
	s := u.claims
	row := -1
	var owed []claimOwed
	for i, b := range s.balanceRows {
		entries, err := u.store.LedgerEntries(ctx, b.ManufacturerID, true)
		if err != nil {
			t.Fatal(err)
		}
		if o := owedByClaim(entries); len(o) > 1 {
			row, owed = i, o
		}
	}
	if row < 0 {
		t.Fatalf("no manufacturer owes on two claims in the demo: %+v", s.balanceRows)
	}
	b := s.balanceRows[row]
	s.balances.selectRow(row)
	h.settle()
	s.askDeduct()
	h.settle()
	top := h.w.Canvas().Overlays().Top()
	boxes := checksIn(top)
	if len(boxes) != len(owed) || !boxes[0].Checked || !strings.HasPrefix(boxes[0].Text, string(owed[0].no)) {
		t.Fatalf("deduct dialog: %d boxes (first %q ticked %v), want %d ticked, %s first", len(boxes), boxes[0].Text, boxes[0].Checked, len(owed), owed[0].no)
	}
	h.w.Canvas().Focus(boxes[0])
	pressKey(h, fyne.KeyEscape)
	if dialogOpen(h) {
		t.Fatalf("Escape on a ticked box left the deduct dialog open")
	}
	// None ticked: nothing deducted.
	s.balances.selectRow(row)
	h.settle()
	s.askDeduct()
	h.settle()
	top = h.w.Canvas().Overlays().Top()
	test.Type(firstEntry(top), "PI-2026-078")
	for _, c := range checksIn(top) {
		c.SetChecked(false)
	}
	before := s.balanceRows[row]
	confirmTopDialog(t, h, "Mark deducted")
	if s.balanceRows[row] != before || !strings.Contains(s.message.Text, "Nothing was deducted") {
		t.Errorf("none ticked: %+v (was %+v), message %q", s.balanceRows[row], before, s.message.Text)
	}
	s.balances.selectRow(row)
	h.settle()
	s.askDeduct()
	h.settle()
	top = h.w.Canvas().Overlays().Top()
	boxes = checksIn(top)
	test.Type(firstEntry(top), "PI-2026-077")
	for _, c := range boxes[1:] {
		c.SetChecked(false) // only the oldest claim is on this PI
	}
	confirmTopDialog(t, h, "Mark deducted")
	if got := s.balanceRows[row]; got.Owed != b.Owed-owed[0].owed || got.Deducted != b.Deducted+owed[0].owed {
		t.Errorf("after deducting %s (%s): %+v, was %+v", owed[0].no, owed[0].owed, got, b)
	}
	if !strings.Contains(s.message.Text, owed[0].owed.String()) {
		t.Errorf("message %q does not say %s", s.message.Text, owed[0].owed)
	}
}

// checksIn are the check boxes in o, in their order.
func checksIn(o fyne.CanvasObject) []*check {
	var boxes []*check
	probe.Walk(o, nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
		if c, ok := o.(*check); ok {
			boxes = append(boxes, c)
		}
	})
	return boxes
}
