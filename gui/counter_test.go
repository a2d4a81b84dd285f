package gui

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"returndesk/intake"
	"returndesk/internal/shoptest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/policy"
)

// counterFixture is a shop with the policy presets, two manufacturers with their policies
// assigned, a product of each, two Halotek service centres, the customer 张伟 and the sales
// records of two routers: a recent one and one shipped to the shop more than a year ago.
type counterFixture struct {
	store              *sqlite.DB
	halotek, eletrek   model.Manufacturer
	router, powerBank  model.Product
	centreSH, centreBJ model.ServiceCentre
	zhang              model.Customer
}

func newCounterFixture(t *testing.T) *counterFixture {
	t.Helper()
	shop := shoptest.New(t).Presets()
	f := &counterFixture{store: shop.DB}
	f.halotek = model.Manufacturer{Name: "Halotek", TerminalPolicy: policy.HalotekTerminal, DistributorPolicy: policy.EleTrekDistributor}
	f.eletrek = model.Manufacturer{Name: "EleTrek", TerminalPolicy: policy.HalotekTerminal, DistributorPolicy: policy.EleTrekDistributor}
	shop.Manufacturers(&f.halotek, &f.eletrek)
	f.router = model.Product{ManufacturerID: f.halotek.ID, Model: "HT-R200", Name: "双频路由器", UnitPrice: 29900}
	f.powerBank = model.Product{ManufacturerID: f.eletrek.ID, Model: "ET-PB20", Name: "Power bank 20000 mAh", UnitPrice: 2500}
	shop.Products(&f.router, &f.powerBank)
	f.centreSH = model.ServiceCentre{ManufacturerID: f.halotek.ID, Name: "Halotek 上海服务中心", Region: "上海", Address: "浦东张江路 58 号"}
	f.centreBJ = model.ServiceCentre{ManufacturerID: f.halotek.ID, Name: "Halotek Beijing", Region: "北京"}
	shop.Centres(&f.centreSH, &f.centreBJ)
	f.zhang = model.Customer{Name: "张伟", Phone: "13800138000", Region: "上海", Kind: model.KindTerminal}
	shop.Customers(&f.zhang)
	shop.Sales(
		model.Sale{Serial: "HT-R200-0001", ProductID: f.router.ID, CustomerID: f.zhang.ID, CustomerName: f.zhang.Name, Phone: f.zhang.Phone,
			Invoice: "INV-1001", PurchaseDate: model.MustDate("2026-03-01"), ShipmentDate: model.MustDate("2026-02-01")},
		// Sold in January, but shipped to the shop in December 2024: the manufacturer's year is over.
		model.Sale{Serial: "HT-R200-0002", ProductID: f.router.ID, CustomerID: f.zhang.ID, CustomerName: f.zhang.Name, Phone: f.zhang.Phone,
			Invoice: "INV-0950", PurchaseDate: model.MustDate("2026-01-10"), ShipmentDate: model.MustDate("2024-12-01")},
	)
	return f
}

// counterOpen shows the Counter screen on a fresh form, with the store's clock (so the
// form's "today") at 2026-03-05.
func counterOpen(t *testing.T, store *sqlite.DB) (*harness, *counterScreen) {
	t.Helper()
	setClock(store, "2026-03-05")
	h := showScreen(t, store, "Counter")
	s := h.u.counter
	s.newIntake()
	h.settle()
	return h, s
}

// setClock sets the store's clock, the window's too, to 15:00 on day.
func setClock(store *sqlite.DB, day string) {
	at, err := time.ParseInLocation("2006-01-02 15:04", day+" 15:00", time.Local)
	if err != nil {
		panic(err)
	}
	store.Now = func() time.Time { return at }
}

// openCounter is counterOpen on a new counter fixture.
func openCounter(t *testing.T) (*counterFixture, *harness, *counterScreen) {
	t.Helper()
	f := newCounterFixture(t)
	h, s := counterOpen(t, f.store)
	return f, h, s
}

// counterScan types a serial into the serial field and presses Enter, as a barcode scanner does.
func counterScan(h *harness, s *counterScreen, serial string) {
	h.w.Canvas().Focus(s.serial)
	test.Type(s.serial, serial)
	s.serial.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
}

// counterCtrlEnter delivers Ctrl+Enter the way Fyne's window does: to the focused widget when it
// handles shortcuts, to the canvas otherwise.
func counterCtrlEnter(h *harness) { pressCtrl(h, fyne.KeyReturn) }

// counterCanvasShortcuts finds the shortcut handler of a test canvas: the test package wraps
// the software canvas, which holds the shortcuts added with Canvas.AddShortcut, in an interface
// that does not show it.
func counterCanvasShortcuts(t *testing.T, c fyne.Canvas) fyne.Shortcutable {
	t.Helper()
	if sc, ok := c.(fyne.Shortcutable); ok {
		return sc
	}
	v := reflect.ValueOf(c)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		if f := v.FieldByName("WindowlessCanvas"); f.IsValid() && f.CanInterface() {
			if sc, ok := f.Interface().(fyne.Shortcutable); ok {
				return sc
			}
		}
	}
	t.Fatalf("the test canvas %T has no shortcut handler", c)
	return nil
}

// counterSetText replaces what an entry holds, as typing over it would, and lets the verdict follow.
func counterSetText(h *harness, e *counterEntry, text string) {
	e.SetText(text)
	h.settle()
}

func counterCases(t *testing.T, store model.Store, serial string) []model.CaseSummary {
	t.Helper()
	rows, _, err := store.FindCases(context.Background(), model.CaseFilter{Serial: model.Serial(serial)})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCounterScanFillsTheFormAndTheVerdictFollows(t *testing.T) {
	f, h, s := openCounter(t)
	if h.w.Canvas().Focused() != s.serial {
		t.Errorf("the serial field does not have the focus when the counter shows")
	}
	if s.reported.Text != "2026-03-05" {
		t.Errorf("reported date = %q, want today", s.reported.Text)
	}

	counterScan(h, s, "HT-R200-0001")
	for name, got := range map[string][2]string{
		"model":    {s.modelCode.Text, "HT-R200"},
		"customer": {s.customer.Text, "张伟"},
		"phone":    {s.phone.Text, "13800138000"},
		"region":   {s.region.Text, "上海"},
		"purchase": {s.purchased.Text, "2026-03-01"},
		"shipment": {s.shipped.Text, "2026-02-01"},
		"invoice":  {s.invoice.Text, "INV-1001"},
	} {
		if got[0] != got[1] {
			t.Errorf("%s = %q, want %q", name, got[0], got[1])
		}
	}
	if !strings.Contains(s.maker.Text, "Halotek") {
		t.Errorf("manufacturer = %q", s.maker.Text)
	}
	if s.customerID != f.zhang.ID {
		t.Errorf("customer id = %d, want 张伟's %d", s.customerID, f.zhang.ID)
	}
	if h.w.Canvas().Focused() != s.fault {
		t.Errorf("after the scan the focus is on %T, want the fault description", h.w.Canvas().Focused())
	}
	if !canvasHasText(h.w.Canvas(), "张伟") {
		t.Errorf("张伟 is not drawn in the window")
	}

	// Day 4 of 7.
	v := s.verdict
	if got := v.shownTier(); got != "Refund" {
		t.Fatalf("tier = %q, want Refund (message %q)", got, v.message.Text)
	}
	if got := v.days.Text; got != "Day 4 of 7 since the purchase on 2026-03-01" {
		t.Errorf("days = %q", got)
	}
	if got := v.window.Text; got != "Refund window closes in 3 days (2026-03-08)" {
		t.Errorf("window = %q", got)
	}
	if !v.prov.Visible() {
		t.Errorf("no provisional marker while the cause is unknown")
	}
	if got := v.remedies.Text; !strings.HasPrefix(got, "1. Full refund") || !strings.Contains(got, "3. Service centre") {
		t.Errorf("remedies = %q", got)
	}
	if v.clause.Text == "" {
		t.Errorf("no clause")
	}
	if got := v.customer.Text; !strings.HasPrefix(got, "Day 4 since 2026-03-01") {
		t.Errorf("customer's clock = %q", got)
	}
	if got := v.maker.Text; !strings.HasPrefix(got, "Day 32 since 2026-02-01") || !strings.Contains(got, "postage") {
		t.Errorf("manufacturer's clock = %q", got)
	}
	if v.warnBox.Visible() {
		t.Errorf("dealer-cost warning for a unit shipped a month ago: %q", v.warning.Text)
	}

	// Reported on day 8: the refund week is over.
	setClock(f.store, "2026-03-09")
	counterSetText(h, s.reported, "2026-03-09")
	if got := v.shownTier(); got != "Replacement" {
		t.Errorf("day 8: tier = %q, want Replacement", got)
	}
	if !strings.HasPrefix(v.window.Text, "Replacement window closes in 52 days") {
		t.Errorf("day 8: window = %q", v.window.Text)
	}

	// Testing found misuse.
	s.cause.SetSelected(say(model.CauseMisuse.Label()))
	h.settle()
	if got := v.shownTier(); got != "Paid service" {
		t.Errorf("misuse: tier = %q, want Paid service", got)
	}
	if v.prov.Visible() {
		t.Errorf("misuse: still provisional")
	}
	if got := v.remedies.Text; got != "1. Paid service" {
		t.Errorf("misuse: remedies = %q", got)
	}

	// Another serial typed over it: the form no longer shows the last unit's record (the
	// next unit's own comes with Enter).
	counterSetText(h, s.serial, "HT-R200-0002")
	if s.modelCode.Text != "" || s.customer.Text != "" || s.purchased.Text != "" || s.serialNote.text() != "" {
		t.Errorf("another serial typed over: model %q, customer %q, purchased %q, note %q still the last unit's",
			s.modelCode.Text, s.customer.Text, s.purchased.Text, s.serialNote.text())
	}
	counterScan(h, s, "")
	if s.purchased.Text != "2026-01-10" {
		t.Errorf("after Enter the purchase date is %q, want HT-R200-0002's 2026-01-10", s.purchased.Text)
	}

	// The serial cleared: what its sales record filled in goes with it (the maker and the
	// customer stayed under an empty serial).
	counterSetText(h, s.serial, "")
	if s.modelCode.Text != "" || s.customer.Text != "" || s.phone.Text != "" || s.maker.Text != "" ||
		s.invoice.Text != "" || s.customerNote.text() != "" || s.customerID != 0 {
		t.Errorf("after clearing the serial: model %q, customer %q %q, maker %q, invoice %q, note %q, id %d",
			s.modelCode.Text, s.customer.Text, s.phone.Text, s.maker.Text, s.invoice.Text, s.customerNote.text(), s.customerID)
	}
}

// openCaseOf takes serial in at another counter on 2026-03-04: the unit then has an open case.
func openCaseOf(t *testing.T, store model.Store, serial model.Serial) *model.Case {
	t.Helper()
	plan, err := intake.Plan(context.Background(), store, intake.Request{Serial: serial,
		On: model.MustDate("2026-03-04"), Fault: "no signal"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := store.CreateCase(context.Background(), plan.NewCase, "another counter")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCounterWarnsOfTheUnitsOpenCaseAndOpensIt(t *testing.T) {
	f, h, s := openCounter(t)
	earlier := openCaseOf(t, f.store, "HT-R200-0001")
	counterScan(h, s, "HT-R200-0002")
	if s.openCase.box.Visible() {
		t.Fatalf("a unit with no case is warned of: %q", s.openCase.note.text())
	}
	counterSetText(h, s.serial, "")
	counterScan(h, s, "ht-r200-0001")
	wantIn(t, "warning", s.openCase.note.text(), "already has an open case", string(earlier.CaseNo), "Received", "2026-03-04")
	if !s.openCase.box.Visible() || s.openCase.open.Text != "Open "+string(earlier.CaseNo) {
		t.Fatalf("open-case button %q shown %v", s.openCase.open.Text, s.openCase.box.Visible())
	}
	// The verdict is still shown: the unit may have come back with another fault.
	if got := s.verdict.shownTier(); got != "Refund" {
		t.Errorf("tier beside the warning = %q, want Refund", got)
	}
	test.Tap(s.openCase.open)
	h.settle()
	if !h.u.cases.detail.showing(earlier.ID) {
		t.Fatalf("the open case %s is not on display after its button", earlier.CaseNo)
	}
	// Back at the counter, another serial takes the warning away.
	h.u.Show("Counter")
	h.settle()
	counterSetText(h, s.serial, "HT-R200-0002")
	if s.openCase.box.Visible() {
		t.Errorf("the warning stayed for another serial: %q", s.openCase.note.text())
	}
}

// A serial read off the label by hand, in lower case with spaces for its hyphens, finds
// its sales record and is shown as printed.
func TestCounterTakesASerialTypedWithSpaces(t *testing.T) {
	_, h, s := openCounter(t)
	counterScan(h, s, "ht r200 0001")
	if s.serial.Text != "HT-R200-0001" || s.modelCode.Text != "HT-R200" || s.customer.Text != "张伟" {
		t.Errorf("serial %q, model %q, customer %q; want the record of HT-R200-0001", s.serial.Text, s.modelCode.Text, s.customer.Text)
	}
	wantIn(t, "serial note", s.serialNote.text(), "Sales record found")
}

// stackedWell fails the test where a shown object of box starts above the end of the one
// before it: drawn over it, as the form was when a note came or went without a layout.
func stackedWell(t *testing.T, what string, box *fyne.Container) {
	t.Helper()
	var end float32
	for i, o := range box.Objects {
		if !o.Visible() {
			continue
		}
		if i > 0 && o.Position().Y+0.5 < end {
			t.Errorf("%s: %s starts at %.0f, over the one before it (to %.0f)", what, describe(o), o.Position().Y, end)
		}
		end = o.Position().Y + o.MinSize().Height
	}
}

// Scanning one unit after the other, the notes under the serial come and go and the form
// is laid out anew each time: no note is drawn over the model below, no gap is left.
func TestCounterLaysTheFormOutAsNotesComeAndGo(t *testing.T) {
	f, h, s := openCounter(t)
	openCaseOf(t, f.store, "HT-R200-0001")
	h.w.Resize(fyne.NewSize(1024, 700))
	for i, serial := range []string{"HT-R200-0001", "HT-R200-0002", "HT-R200-0001", "NO-SUCH-1", "HT-R200-0001"} {
		counterSetText(h, s.serial, "")
		counterScan(h, s, serial)
		what := fmt.Sprintf("scan %d (%s)", i+1, serial)
		if s.openCase.box.Visible() != (serial == "HT-R200-0001") {
			t.Errorf("%s: open-case warning shown %v", what, s.openCase.box.Visible())
		}
		stackedWell(t, what+", the serial's notes", s.serialBox)
		stackedWell(t, what+", the form", s.form)
	}
}

// Ctrl+N takes the next unit once the case is created, and throws no form away before.
func TestCounterCtrlNTakesTheNextUnit(t *testing.T) {
	_, h, s := openCounter(t)
	counterScan(h, s, "HT-R200-0001")
	h.w.Canvas().Focus(s.fault)
	test.Type(s.fault, "no signal")
	h.w.Canvas().Unfocus()
	pressCtrl(h, fyne.KeyN)
	if s.serial.Text != "HT-R200-0001" || s.fault.Text != "no signal" {
		t.Fatalf("Ctrl+N before the case was created cleared the form: serial %q, fault %q", s.serial.Text, s.fault.Text)
	}
	counterCtrlEnter(h)
	if s.created == nil {
		t.Fatalf("no case created: %q", s.errs.text())
	}
	pressCtrl(h, fyne.KeyN)
	if s.created != nil || s.serial.Text != "" || h.w.Canvas().Focused() != s.serial {
		t.Errorf("after Ctrl+N: created %v, serial %q, focus on %T", s.created != nil, s.serial.Text, h.w.Canvas().Focused())
	}
}

// F1 shows the keyboard help from every field of the counter, the multi-line fault too.
func TestCounterF1ShowsTheKeysFromEveryField(t *testing.T) {
	_, h, s := openCounter(t)
	for _, e := range []*counterEntry{s.serial, s.fault, s.condition} {
		h.w.Canvas().Focus(e)
		pressKey(h, fyne.KeyF1)
		if !dialogOpen(h) {
			t.Errorf("F1 in %q opened no help", e.PlaceHolder)
		}
		closeDialogs(h)
	}
}

func TestCounterWarnsWhenTheShopCarriesTheCost(t *testing.T) {
	_, h, s := openCounter(t)
	counterScan(h, s, "HT-R200-0002")
	v := s.verdict
	if got := v.shownTier(); got != "Replacement" {
		t.Fatalf("tier = %q, want Replacement (day 54 since the purchase)", got)
	}
	if !v.warnBox.Visible() || !strings.Contains(v.warning.Text, "the shop carries the cost") {
		t.Errorf("dealer-cost warning = %q (shown %v)", v.warning.Text, v.warnBox.Visible())
	}
	if !strings.Contains(v.maker.Text, "warranty ended 2025-12-01") {
		t.Errorf("manufacturer's clock = %q", v.maker.Text)
	}
}

func TestCounterCtrlEnterCreatesTheCase(t *testing.T) {
	f, h, s := openCounter(t)
	ctx := context.Background()

	counterScan(h, s, "HT-R200-0001")
	setClock(f.store, "2026-06-01")
	counterSetText(h, s.reported, "2026-06-01") // day 92: repair
	if got := s.verdict.shownTier(); got != "Repair" {
		t.Fatalf("tier = %q, want Repair", got)
	}
	s.category.SetSelected("No power")
	test.Type(s.accessories, "电源适配器")
	test.Type(s.condition, "scratch on the lid")
	h.w.Canvas().Focus(s.fault)
	test.Type(s.fault, "无法开机")
	h.w.Resize(fyne.NewSize(1024, 480)) // a form longer than the window
	// Ctrl+Enter in the multi-line fault description creates the case instead of a new line.
	counterCtrlEnter(h)

	if s.created == nil {
		t.Fatalf("no case created; notes %q, banner %q", s.notes["fault"].text(), s.errs.text())
	}
	// The new case's card, with its buttons, is brought into view at the foot of the form.
	if end := s.formScroll.Offset.Y + s.formScroll.Size().Height; s.formScroll.Offset.Y == 0 || end+0.5 < s.formScroll.Content.Size().Height {
		t.Errorf("after the case is created the form shows %.0f to %.0f of %.0f: its card is out of view",
			s.formScroll.Offset.Y, end, s.formScroll.Content.Size().Height)
	}
	rows := counterCases(t, f.store, "HT-R200-0001")
	if len(rows) != 1 {
		t.Fatalf("%d cases for the serial, want 1", len(rows))
	}
	c, err := f.store.CaseByID(ctx, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != model.StatusReceived || c.Tier != model.TierRepair || c.Fault != "无法开机" ||
		c.FaultCategory != "No power" || c.Accessories != "电源适配器" || c.Condition != "scratch on the lid" ||
		c.CustomerID != f.zhang.ID || c.ReportedDate != model.MustDate("2026-06-01") {
		t.Errorf("stored case = %+v", c)
	}
	if c.MaintenanceNo == "" || c.ServiceCentreID != f.centreSH.ID {
		t.Errorf("repair case: maintenance no. %q, service centre %d (want %d, 张伟 is in 上海)",
			c.MaintenanceNo, c.ServiceCentreID, f.centreSH.ID)
	}
	hist, err := f.store.CaseHistory(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) == 0 || hist[0].Action != "created" || hist[0].Actor != deskActor() {
		t.Errorf("history = %+v", hist)
	}

	// The result names the numbers and the service centre.
	if !strings.Contains(s.resultTitle.Text, string(c.CaseNo)) || !s.resultBox.Visible() {
		t.Errorf("result title = %q", s.resultTitle.Text)
	}
	wantIn(t, "result detail", s.resultDetail.Text, string(c.MaintenanceNo), "Halotek 上海服务中心")
	if s.openBtn.Disabled() != (h.u.openCase == nil) {
		t.Errorf("Open case disabled = %v with openCase set = %v", s.openBtn.Disabled(), h.u.openCase != nil)
	}
	if h.w.Canvas().Focused() != s.newBtn {
		t.Errorf("focus after creating = %T, want New intake", h.w.Canvas().Focused())
	}

	// A second Ctrl+Enter does not create the case again.
	counterCtrlEnter(h)
	if n := len(counterCases(t, f.store, "HT-R200-0001")); n != 1 {
		t.Errorf("%d cases after a second Ctrl+Enter", n)
	}

	// Open case goes to the case detail screen once there is one.
	var opened model.CaseID
	h.u.openCase = func(id model.CaseID) { opened = id }
	s.openBtn.Enable()
	test.Tap(s.openBtn)
	if opened != c.ID {
		t.Errorf("Open case opened %d, want %d", opened, c.ID)
	}

	// New intake clears the form and puts the cursor back in the serial; the rest of the
	// test is on day 4 again.
	setClock(f.store, "2026-03-05")
	h.w.Resize(fyne.NewSize(1024, 480)) // a form longer than the window, scrolled to its foot
	s.formScroll.ScrollToBottom()
	if s.formScroll.Offset.Y == 0 {
		t.Fatalf("the form fits the window: the scroll back to the serial is not tested")
	}
	test.Tap(s.newBtn)
	h.settle()
	if s.formScroll.Offset.Y != 0 {
		t.Errorf("after New intake the form stays scrolled by %v: the serial with the cursor is out of view", s.formScroll.Offset.Y)
	}
	if s.serial.Text != "" || s.modelCode.Text != "" || s.customer.Text != "" || s.fault.Text != "" || s.created != nil {
		t.Errorf("form not cleared: serial %q model %q customer %q fault %q", s.serial.Text, s.modelCode.Text, s.customer.Text, s.fault.Text)
	}
	if s.reported.Text != "2026-03-05" || s.resultBox.Visible() || s.serial.Disabled() {
		t.Errorf("after New intake: reported %q, result shown %v, serial disabled %v", s.reported.Text, s.resultBox.Visible(), s.serial.Disabled())
	}
	if h.w.Canvas().Focused() != s.serial {
		t.Errorf("focus after New intake = %T, want the serial", h.w.Canvas().Focused())
	}

	// Ctrl+Enter with the focus on a select reaches the canvas shortcut; a refund case has no maintenance number.
	counterScan(h, s, "HT-R200-0001")
	counterSetText(h, s.fault, "WiFi 断线")
	h.w.Canvas().Focus(s.cause)
	counterCtrlEnter(h)
	if s.created == nil {
		t.Fatalf("Ctrl+Enter on the cause select created nothing: %q", s.errs.text())
	}
	if s.created.Tier != model.TierRefund || s.created.MaintenanceNo != "" {
		t.Errorf("refund case: tier %s, maintenance no. %q", s.created.Tier, s.created.MaintenanceNo)
	}
	if strings.Contains(s.resultDetail.Text, "Maintenance") {
		t.Errorf("result of a refund case mentions a maintenance number: %q", s.resultDetail.Text)
	}

	// On another screen Ctrl+Enter does not touch the counter.
	test.Tap(s.newBtn)
	counterScan(h, s, "HT-R200-0001")
	counterSetText(h, s.fault, "no sound")
	h.u.Show("Settings")
	h.settle()
	h.w.Canvas().Unfocus()
	counterCtrlEnter(h)
	if s.created != nil {
		t.Errorf("Ctrl+Enter on the Settings screen created a case")
	}
}

func TestCounterUnknownSerialNeedsTheModel(t *testing.T) {
	f, h, s := openCounter(t)
	counterScan(h, s, "ZZ-404")
	if got := s.serialNote.text(); got != "No sales record for this serial: enter the model, customer and dates by hand" {
		t.Errorf("serial note = %q", got)
	}
	if h.w.Canvas().Focused() != s.modelCode {
		t.Errorf("focus after an unknown serial = %T, want the model", h.w.Canvas().Focused())
	}
	if s.modelCode.Disabled() || s.customer.Disabled() || s.purchased.Disabled() {
		t.Errorf("fields not editable for an unknown serial")
	}
	counterSetText(h, s.fault, "no power")
	counterCtrlEnter(h)
	if s.created != nil {
		t.Fatalf("a case was created without a model")
	}
	if got := s.notes["model"].text(); !strings.HasPrefix(got, "Model is required") {
		t.Errorf("model note = %q", got)
	}
	if got := s.notes["customer"].text(); got != "" {
		t.Errorf("customer note before the model is known = %q", got)
	}
	if h.w.Canvas().Focused() != s.modelCode {
		t.Errorf("focus after the failed create = %T, want the model", h.w.Canvas().Focused())
	}
	if s.serial.Text != "ZZ-404" || s.fault.Text != "no power" {
		t.Errorf("the form was cleared after an error")
	}
	if n := len(counterCases(t, f.store, "ZZ-404")); n != 0 {
		t.Errorf("%d cases stored", n)
	}
	// An unknown model says so next to the model.
	counterSetText(h, s.modelCode, "NOPE-1")
	counterCtrlEnter(h)
	if got := s.notes["model"].text(); !strings.Contains(got, `Unknown model "NOPE-1"`) {
		t.Errorf("model note = %q", got)
	}
}

func TestCounterDatesAreCheckedNextToTheirFields(t *testing.T) {
	f, h, s := openCounter(t)
	counterScan(h, s, "HT-R200-0001")
	counterSetText(h, s.fault, "no power")

	counterSetText(h, s.purchased, "2026-02-30")
	if got := s.notes["purchase_date"].text(); !strings.Contains(got, "February 2026 has 28 days") {
		t.Errorf("purchase date note = %q", got)
	}
	if s.verdict.shownTier() != "" {
		t.Errorf("a verdict is shown for an impossible date")
	}
	counterCtrlEnter(h)
	if s.created != nil || len(counterCases(t, f.store, "HT-R200-0001")) != 0 {
		t.Fatalf("a case was created with the date 2026-02-30")
	}
	if h.w.Canvas().Focused() != s.purchased {
		t.Errorf("focus = %T, want the purchase date", h.w.Canvas().Focused())
	}

	// Half-typed dates say nothing until they are complete or the field is left.
	counterSetText(h, s.purchased, "2026-0")
	if got := s.notes["purchase_date"].text(); got != "" {
		t.Errorf("note while typing = %q", got)
	}
	s.purchased.FocusLost()
	if got := s.notes["purchase_date"].text(); !strings.Contains(got, "YYYY-MM-DD") {
		t.Errorf("note after leaving a half-typed date = %q", got)
	}
	counterSetText(h, s.purchased, "2026-03-01")
	if got := s.notes["purchase_date"].text(); got != "" {
		t.Errorf("note after correcting = %q", got)
	}

	// The plan's own problems go next to the field they concern.
	counterSetText(h, s.reported, "2026-02-01")
	if got := s.notes["reported_date"].text(); !strings.Contains(got, "before the purchase date") {
		t.Errorf("reported date note = %q", got)
	}
	counterSetText(h, s.reported, "2026-03-05")
	if got := s.notes["reported_date"].text(); got != "" {
		t.Errorf("reported date note after correcting = %q", got)
	}
	if s.verdict.shownTier() != "Refund" {
		t.Errorf("tier after correcting = %q", s.verdict.shownTier())
	}
}

// TestCounterRefusesFutureDatesAndControlCharacters: on the store's clock (2026-03-05, the
// form's today too) a reported date still to come gives no verdict and says why next to
// the field; so does an escape character in the serial or the fault. No case is created.
func TestCounterRefusesFutureDatesAndControlCharacters(t *testing.T) {
	f := newCounterFixture(t)
	h, s := counterOpen(t, f.store)
	counterScan(h, s, "HT-R200-0001")
	counterSetText(h, s.fault, "no power")
	if s.verdict.shownTier() != "Refund" {
		t.Fatalf("tier today = %q, want Refund", s.verdict.shownTier())
	}

	counterSetText(h, s.reported, "2026-03-06")
	if got := s.notes["reported_date"].text(); got != "2026-03-06 is in the future (today is 2026-03-05)" {
		t.Errorf("reported date note = %q", got)
	}
	if s.verdict.shownTier() != "" {
		t.Errorf("a verdict (%s) is shown for a date still to come", s.verdict.shownTier())
	}
	counterCtrlEnter(h)
	if s.created != nil || len(counterCases(t, f.store, "HT-R200-0001")) != 0 {
		t.Fatalf("a case was created with a reported date in the future")
	}
	counterSetText(h, s.reported, "2026-03-05")
	if got := s.notes["reported_date"].text(); got != "" || s.verdict.shownTier() != "Refund" {
		t.Errorf("after correcting: note %q, tier %q", got, s.verdict.shownTier())
	}

	// The fault is judged when the case is created (the verdict does not depend on it).
	counterSetText(h, s.fault, "no power\x1b[2J")
	counterCtrlEnter(h)
	if got := s.notes["fault"].text(); got != "Fault description contains a control character (U+001B), which is not allowed" {
		t.Errorf("fault note = %q", got)
	}
	if s.created != nil {
		t.Fatalf("a case was created with an escape sequence in its fault")
	}
	counterSetText(h, s.fault, "no power\nsince Monday")
	counterSetText(h, s.serial, "HT-R200-0001\u202e")
	if got := s.notes["serial"].text(); got != "Serial contains an invisible text-direction character (U+202E), which is not allowed" {
		t.Errorf("serial note = %q", got)
	}
	counterCtrlEnter(h)
	if s.created != nil {
		t.Fatalf("a case was created for a serial with a bidi override")
	}
}

func TestCounterCreatesANewCustomerInline(t *testing.T) {
	f, h, s := openCounter(t)
	ctx := context.Background()

	counterScan(h, s, "HT-R200-9001")
	if got := s.goodsNote.text(); !strings.Contains(got, "Halotek HT-R200") {
		t.Errorf("hint for a serial that begins like a model = %q", got)
	}
	test.Type(s.modelCode, "HT-R200")
	test.Type(s.customer, "李雷")
	test.Type(s.phone, "13500135000")
	test.Type(s.region, "北京")
	test.Type(s.purchased, "2026-02-20")
	test.Type(s.shipped, "2026-01-15")
	test.Type(s.fault, "屏幕不亮")
	h.settle()
	if got := s.customerNote.text(); !strings.Contains(got, "New customer: 李雷") {
		t.Errorf("customer note = %q", got)
	}
	if got := s.verdict.shownTier(); got != "Replacement" {
		t.Errorf("tier = %q, want Replacement (day 13)", got)
	}
	if got := s.goodsNote.text(); got != "" {
		t.Errorf("goods warning for the right maker's model: %q", got)
	}
	h.w.Canvas().Focus(s.fault)
	counterCtrlEnter(h)
	if s.created == nil {
		t.Fatalf("no case: banner %q, notes %v", s.errs.text(), s.planErrs)
	}
	found, err := f.store.FindCustomers(ctx, "李雷", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0].Phone != "13500135000" || found[0].Region != "北京" {
		t.Fatalf("customers named 李雷: %+v", found)
	}
	if s.created.CustomerID != found[0].ID || s.created.Serial != "HT-R200-9001" ||
		s.created.PurchaseDate != model.MustDate("2026-02-20") || s.created.ShipmentDate != model.MustDate("2026-01-15") {
		t.Errorf("case = %+v", s.created)
	}
	if !strings.Contains(s.resultDetail.Text, "New customer added: 李雷") {
		t.Errorf("result = %q", s.resultDetail.Text)
	}
}

func TestCounterPicksAnExistingCustomerAsYouType(t *testing.T) {
	f, h, s := openCounter(t)
	counterScan(h, s, "HT-R200-9002")
	test.Type(s.modelCode, "HT-R")
	h.settle()
	if got := s.modelList.texts(); len(got) != 1 || !strings.HasPrefix(got[0], "HT-R200 · 双频路由器 · Halotek") {
		t.Errorf("model suggestions = %q", got)
	}
	s.modelCode.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // the only match
	if s.modelCode.Text != "HT-R200" || s.modelList.shown() {
		t.Errorf("model after Enter = %q, list shown %v", s.modelCode.Text, s.modelList.shown())
	}

	for _, q := range []string{"张", "138001"} {
		s.customer.SetText("")
		test.Type(s.customer, q)
		h.settle()
		got := s.customerList.texts()
		if len(got) != 1 || got[0] != "张伟 · 13800138000 · 上海" {
			t.Fatalf("suggestions for %q = %q", q, got)
		}
	}
	s.customer.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	s.customer.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if s.customerID != f.zhang.ID || s.customer.Text != "张伟" || s.phone.Text != "13800138000" || s.region.Text != "上海" {
		t.Errorf("picked: id %d, %q %q %q", s.customerID, s.customer.Text, s.phone.Text, s.region.Text)
	}
	if !s.region.Disabled() {
		t.Errorf("an existing customer's region is editable at the counter")
	}
	if s.customerList.shown() {
		t.Errorf("suggestions still shown after the pick")
	}
	if got := s.customerNote.text(); !strings.HasPrefix(got, "Existing customer: 张伟") {
		t.Errorf("customer note = %q", got)
	}
	// Typing another name forgets the pick, and the picked customer's phone with it: a new
	// walk-in must not be stored with somebody else's number.
	test.Type(s.customer, "明")
	h.settle()
	if s.customerID != 0 || s.region.Disabled() || s.phone.Text != "" {
		t.Errorf("after editing the name: id %d, region disabled %v, phone %q", s.customerID, s.region.Disabled(), s.phone.Text)
	}
}

func TestCounterWarnsAboutAnotherManufacturersGoods(t *testing.T) {
	_, h, s := openCounter(t)
	counterScan(h, s, "ET-PB20-7777")
	test.Type(s.modelCode, "HT-R200")
	h.settle()
	got := s.goodsNote.text()
	if !strings.Contains(got, "looks like EleTrek goods (ET-PB20)") || !strings.Contains(got, "made by Halotek") {
		t.Errorf("goods warning = %q", got)
	}
	counterSetText(h, s.modelCode, "ET-PB20")
	if got := s.goodsNote.text(); got != "" {
		t.Errorf("warning with the matching model: %q", got)
	}
}

func TestCounterFaultCategoriesCanBeExtended(t *testing.T) {
	f, h, s := openCounter(t)
	if got := s.category.Options; !slices.Equal(got, append(counterDefaultCategories(), counterAddCategory())) {
		t.Fatalf("options = %q", got)
	}
	s.category.SetSelected("Audio")
	s.category.SetSelected(counterAddCategory())
	if !s.newCategoryBox.Visible() || h.w.Canvas().Focused() != s.newCategory {
		t.Fatalf("choosing %q does not open the new category field", counterAddCategory())
	}
	// Escape gives up and restores the previous choice.
	s.newCategory.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s.newCategoryBox.Visible() || s.category.Selected != "Audio" {
		t.Errorf("after Escape: box shown %v, selected %q", s.newCategoryBox.Visible(), s.category.Selected)
	}
	s.category.SetSelected(counterAddCategory())
	s.newCategory.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := s.notes["fault_category"].text(); got == "" {
		t.Errorf("no message for an empty category name")
	}
	test.Type(s.newCategory, "进水 Water damage")
	s.newCategory.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if s.category.Selected != "进水 Water damage" || s.newCategoryBox.Visible() {
		t.Errorf("selected %q, box shown %v", s.category.Selected, s.newCategoryBox.Visible())
	}
	v, err := f.store.Setting(context.Background(), counterCategoriesKey)
	if err != nil {
		t.Fatal(err)
	}
	var stored []string
	if err := json.Unmarshal([]byte(v), &stored); err != nil || !slices.Contains(stored, "进水 Water damage") || !slices.Contains(stored, "No power") {
		t.Errorf("setting %s = %s (%v)", counterCategoriesKey, v, err)
	}

	// A new window on the same database offers it.
	_, s2 := counterOpen(t, f.store)
	if !slices.Contains(s2.category.Options, "进水 Water damage") {
		t.Errorf("options after a restart = %q", s2.category.Options)
	}
}

func TestCounterTabOrderFollowsTheForm(t *testing.T) {
	_, h, s := openCounter(t)
	c := h.w.Canvas()
	want := []fyne.Focusable{s.serial, s.modelCode, s.customer, s.phone, s.region, s.purchased, s.shipped,
		s.reported, s.cause, s.fault, s.category, s.accessories, s.condition, s.createBtn}
	c.Focus(s.serial)
	for i := 1; i < len(want); i++ {
		test.FocusNext(c)
		if c.Focused() != want[i] {
			t.Fatalf("Tab %d lands on %T, want field %d (%T)", i, c.Focused(), i, want[i])
		}
	}
	if s.fault.AcceptsTab() {
		t.Errorf("the fault description keeps Tab instead of moving on")
	}
}

// An unknown model offers the way to add it: the button opens Products & serials with the
// model typed in. A known model, or none typed, does not offer it.
func TestCounterUnknownModelOpensProductsWithIt(t *testing.T) {
	_, h, s := openCounter(t)
	counterScan(h, s, "ZZ-404")
	counterSetText(h, s.fault, "no power")
	counterCtrlEnter(h)
	if s.addModel.Visible() {
		t.Errorf("Add it under Products & serials shows with no model typed (note %q)", s.notes["model"].text())
	}
	counterSetText(h, s.modelCode, "NOPE-1")
	counterCtrlEnter(h)
	if !strings.Contains(s.notes["model"].text(), `Unknown model "NOPE-1"`) || !s.addModel.Visible() {
		t.Fatalf("unknown model: note %q, button shown %v", s.notes["model"].text(), s.addModel.Visible())
	}
	test.Tap(s.addModel)
	h.settle()
	p := h.u.products
	if h.u.Current() != "Products & serials" || p.form.code.Text != "NOPE-1" || p.selected != 0 {
		t.Errorf("the button shows %q with model %q (product %d)", h.u.Current(), p.form.code.Text, p.selected)
	}
	if h.w.Canvas().Focused() != p.form.name {
		t.Errorf("focus on %T, want the product's name", h.w.Canvas().Focused())
	}
	h.u.Show("Counter")
	h.settle()
	counterSetText(h, s.modelCode, "HT-R200")
	if s.addModel.Visible() {
		t.Errorf("the button shows for a known model")
	}
}

// The fault's length limit shows while it is typed, from nine tenths of it, not only when
// Create refuses it.
func TestCounterFaultShowsItsLengthNearTheLimit(t *testing.T) {
	_, h, s := openCounter(t)
	counterScan(h, s, "HT-R200-0001")
	counterSetText(h, s.fault, "no power")
	if s.faultLength.Visible() {
		t.Errorf("length shown for a short fault: %q", s.faultLength.Text)
	}
	near := strings.Repeat("屏", model.MaxTextLen-10)
	counterSetText(h, s.fault, near)
	if want := fmt.Sprintf("%d of at most %d characters", model.MaxTextLen-10, model.MaxTextLen); !s.faultLength.Visible() || s.faultLength.Text != want {
		t.Errorf("near the limit: %q (shown %v), want %q", s.faultLength.Text, s.faultLength.Visible(), want)
	}
	counterSetText(h, s.fault, near+strings.Repeat("x", 11))
	if !strings.HasPrefix(s.faultLength.Text, "Too long") {
		t.Errorf("over the limit: %q", s.faultLength.Text)
	}
}

// A purchase date still to come is reported at the purchase date, not at Reported.
func TestCounterFuturePurchaseDateIsNotedAtThePurchaseDate(t *testing.T) {
	_, h, s := openCounter(t)
	counterScan(h, s, "HT-R200-0001")
	counterSetText(h, s.fault, "no power")
	counterSetText(h, s.purchased, "2026-03-09")
	counterCtrlEnter(h)
	if got := s.notes["purchase_date"].text(); got != "2026-03-09 is in the future (today is 2026-03-05)" {
		t.Errorf("purchase date note = %q", got)
	}
	if got := s.notes["reported_date"].text(); got != "" {
		t.Errorf("reported date note = %q", got)
	}
}
