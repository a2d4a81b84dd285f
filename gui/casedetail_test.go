package gui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"returndesk/i18n"
	"returndesk/internal/shoptest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/policy"
)

// deskFixture is a shop with the policy presets and five cases taken in through the
// intake, dated relative to today:
//
//	refund   张伟, Halotek, bought 5 days ago, reported yesterday: refund window ends in 2 days
//	replace  王芳, EleTrek, bought 59 days ago, reported 2 days ago: replacement window ends tomorrow
//	repair   张伟, Halotek, bought 200 days ago but shipped to the shop 400 days ago, reported
//	         3 days ago: repair tier with a maintenance number, and the shop carries the cost
//	fresh    王芳, EleTrek, bought yesterday, reported today: refund window ends in 6 days
//	dropped  王芳, EleTrek, bought 6 days ago, reported then, cancelled
type deskFixture struct {
	store   *sqlite.DB
	today   model.Date
	halotek model.Manufacturer
	eletrek model.Manufacturer
	zhang   model.Customer
	wang    model.Customer
	cases   map[string]*model.Case
}

func newDeskFixture(t *testing.T) *deskFixture {
	t.Helper()
	ctx := context.Background()
	shop := shoptest.New(t).Presets()
	db := shop.DB
	f := &deskFixture{store: db, today: db.Today(), cases: map[string]*model.Case{}}
	f.halotek = model.Manufacturer{Name: "Halotek", TerminalPolicy: policy.HalotekTerminal, DistributorPolicy: policy.EleTrekDistributor}
	f.eletrek = model.Manufacturer{Name: "EleTrek", TerminalPolicy: policy.HalotekTerminal}
	shop.Manufacturers(&f.halotek, &f.eletrek)
	headset := model.Product{ManufacturerID: f.halotek.ID, Model: "HT-H200", Name: "Bluetooth headset", UnitPrice: 3900}
	bank := model.Product{ManufacturerID: f.eletrek.ID, Model: "ET-PB20", Name: "Power bank", UnitPrice: 2500}
	shop.Products(&headset, &bank)
	shop.Centres(&model.ServiceCentre{ManufacturerID: f.halotek.ID, Name: "Halotek 广州服务中心", Region: "Guangdong", Phone: "020-1234"})
	f.zhang = model.Customer{Name: "张伟", Phone: "13800138001", Region: "Guangdong", Kind: model.KindTerminal}
	f.wang = model.Customer{Name: "王芳", Phone: "13912345678", Region: "Shanghai", Kind: model.KindTerminal}
	shop.Customers(&f.zhang, &f.wang)
	T := f.today
	plans := []struct {
		key      string
		cust     *model.Customer
		prod     model.Product
		serial   string
		bought   int // days ago
		shipped  int
		reported int
	}{
		{"refund", &f.zhang, headset, "H200-A1", 5, 40, 1},
		{"replace", &f.wang, bank, "PB20-B2", 59, 90, 2},
		{"repair", &f.zhang, headset, "H200-C3", 200, 400, 3},
		{"fresh", &f.wang, bank, "PB20-D4", 1, 30, 0},
		{"dropped", &f.wang, bank, "PB20-E5", 6, 30, 6},
	}
	var sales []model.Sale
	for _, p := range plans {
		sales = append(sales, model.Sale{Serial: model.Serial(p.serial), ProductID: p.prod.ID, CustomerID: p.cust.ID,
			CustomerName: p.cust.Name, Phone: p.cust.Phone, PurchaseDate: T.AddDays(-p.bought), ShipmentDate: T.AddDays(-p.shipped)})
	}
	shop.Sales(sales...)
	for _, p := range plans {
		f.cases[p.key] = intakeCase(t, shop, intake.Request{CustomerID: p.cust.ID, Serial: model.Serial(p.serial),
			On: T.AddDays(-p.reported), Fault: "无法开机 " + p.key, FaultCategory: "No power", Accessories: "charger"})
	}
	if _, err := db.MoveCase(ctx, f.cases["dropped"].ID, model.StatusCancelled, "test", "customer withdrew"); err != nil {
		t.Fatal(err)
	}
	for key, tier := range map[string]model.Tier{"refund": model.TierRefund, "replace": model.TierReplace,
		"repair": model.TierRepair, "fresh": model.TierRefund} {
		if got := f.cases[key].Tier; got != tier {
			t.Fatalf("fixture: case %s has tier %q, want %q", key, got, tier)
		}
	}
	if !f.cases["repair"].DealerCarriesCost || f.cases["repair"].MaintenanceNo == "" {
		t.Fatalf("fixture: the repair case should carry the shop's cost and a maintenance number: %+v", f.cases["repair"])
	}
	return f
}

// updateCounter counts the store's UpdateCase calls.
type updateCounter struct {
	model.Store
	updates atomic.Int64
}

func (s *updateCounter) UpdateCase(ctx context.Context, id model.CaseID, u model.CaseUpdate, actor string) (*model.Case, error) {
	s.updates.Add(1)
	return s.Store.UpdateCase(ctx, id, u, actor)
}

// openDeskCase opens the desk fixture's case of the kind (refund, repair, …) in a new window.
func openDeskCase(t *testing.T, kind string) (*deskFixture, *harness, *model.Case, *caseDetail) {
	t.Helper()
	f := newDeskFixture(t)
	h := newTestUI(t, f.store)
	c := f.cases[kind]
	return f, h, c, openDetail(t, h, c.ID)
}

// openDetail opens a case's detail the way the other screens do and waits for it.
func openDetail(t *testing.T, h *harness, id model.CaseID) *caseDetail {
	t.Helper()
	h.u.openCase(id)
	h.settle()
	d := h.u.cases.detail
	if !d.showing(id) {
		t.Fatalf("the detail of case %d is not on display", id)
	}
	return d
}

// moveTexts are the labels of the status buttons on display.
func moveTexts(d *caseDetail) []string {
	var out []string
	for _, o := range d.moves.Objects {
		out = append(out, o.(*button).Text)
	}
	return out
}

func historyTexts(d *caseDetail) string {
	var b strings.Builder
	for _, row := range d.history.Objects {
		switch o := row.(type) {
		case *widget.RichText:
			for _, seg := range o.Segments {
				b.WriteString(seg.Textual())
			}
		case *widget.Label:
			b.WriteString(o.Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestCaseDetailShowsTheCaseAndItsVerdict(t *testing.T) {
	f, h, c, d := openDeskCase(t, "repair")

	if !strings.HasPrefix(d.heading.Text, string(c.CaseNo)) {
		t.Errorf("heading = %q", d.heading.Text)
	}
	T := f.today
	for key, want := range map[string]string{
		"numbers":     string(c.CaseNo) + " · maintenance no. " + string(c.MaintenanceNo),
		"customer":    "张伟 · 13800138001",
		"product":     "Halotek HT-H200 — Bluetooth headset",
		"serial":      "H200-C3",
		"dates":       "bought " + T.AddDays(-200).String() + " · shipped to the shop " + T.AddDays(-400).String() + " · reported " + T.AddDays(-3).String(),
		"fault":       "无法开机 repair (No power)",
		"accessories": "charger",
		"condition":   "—",
		"verdict":     "tier: Repair under halotek-terminal version 1 · test result: Not tested yet · remedy: Repair (maintenance order)",
		"centre":      "Halotek 广州服务中心, Guangdong · 020-1234",
		"claim":       "—",
	} {
		if got := d.factLabel[key].Text; got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if got := d.subtitle.Text; got != "serial H200-C3 · Halotek HT-H200 · 张伟" {
		t.Errorf("subtitle = %q", got)
	}
	if want := "Customer's clock · halotek-terminal v1"; d.customerTitle.Text != want {
		t.Errorf("customer's clock = %q, want %q", d.customerTitle.Text, want)
	}
	if !strings.HasPrefix(d.customerClock.Text, "From the purchase date "+T.AddDays(-200).String()+": day 197 of ") || !strings.Contains(d.customerClock.Text, "tier: Repair · provisional") ||
		!strings.Contains(d.customerClock.Text, "Remedies: Repair (maintenance order).") {
		t.Errorf("customer's clock = %q", d.customerClock.Text)
	}
	if d.manufacturerTitle.Text != "Manufacturer's clock · eletrek-distributor v1" ||
		!strings.HasPrefix(d.manufacturerClock.Text, "From the shipment date "+T.AddDays(-400).String()) ||
		!strings.Contains(d.manufacturerClock.Text, "tier: Paid service") || !strings.Contains(d.manufacturerClock.Text, "The warranty ended") {
		t.Errorf("manufacturer's clock = %q: %q", d.manufacturerTitle.Text, d.manufacturerClock.Text)
	}
	if !d.warning.Visible() || !strings.Contains(d.warning.Text, "the shop carries the cost") {
		t.Errorf("dealer-cost warning = %q (visible %v)", d.warning.Text, d.warning.Visible())
	}
	if !d.provisional.Visible() {
		t.Errorf("an untested case's verdict is not marked provisional")
	}
	if !d.clause.Visible() || d.clause.Text == "" {
		t.Errorf("no clause")
	}
	if got := d.remedy.Options; !slices.Equal(got, []string{"Repair (maintenance order)", remedyOther()}) {
		t.Errorf("remedy options = %q", got)
	}
	if d.remedy.Selected != "Repair (maintenance order)" {
		t.Errorf("remedy = %q, want the only one the tier allows", d.remedy.Selected)
	}
	if got := historyTexts(d); !strings.Contains(got, "Case created: tier Repair, maintenance number "+string(c.MaintenanceNo)) {
		t.Errorf("history = %q", got)
	}

	// The refund case: window closes in two days.
	d = openDetail(t, h, f.cases["refund"].ID)
	if want := "Refund window ends " + f.today.AddDays(2).String() + ": 2 days left"; !strings.Contains(d.customerClock.Text, want) {
		t.Errorf("customer's clock = %q, want it to say %q", d.customerClock.Text, want)
	}
	if d.warning.Visible() {
		t.Errorf("a warning for a case the manufacturer still covers: %q", d.warning.Text)
	}

	// Back to the cases.
	test.Tap(d.back)
	h.settle()
	if h.u.Current() != "Cases" || h.u.content.Objects[0] != h.u.cases.view {
		t.Errorf("Back to cases shows %q", h.u.Current())
	}
}

func TestCaseDetailMovesThroughItsStatuses(t *testing.T) {
	f, h, c, d := openDeskCase(t, "refund")
	ctx := context.Background()

	steps := []struct {
		want    []string // the buttons on display before the step
		press   model.Status
		note    string
		reached model.Status
	}{
		{[]string{"Start diagnosing", "Cancel case"}, model.StatusDiagnosing, "bench test", model.StatusDiagnosing},
		{[]string{"Send to service centre", "Await manufacturer", "Ready for pickup", "Cancel case"},
			model.StatusAwaitingManufacturer, "posted to EleTrek", model.StatusAwaitingManufacturer},
		{[]string{"Ready for pickup", "Cancel case"}, model.StatusReadyForPickup, "", model.StatusReadyForPickup},
		{[]string{"Close case", "Cancel case"}, model.StatusClosed, "collected", model.StatusClosed},
	}
	for _, s := range steps {
		if got := moveTexts(d); !slices.Equal(got, s.want) {
			t.Fatalf("in %s the buttons are %q, want %q", d.f.c.Status, got, s.want)
		}
		test.Tap(d.moveButton[s.press])
		if d.moveDialog == nil {
			t.Fatalf("%s: no dialog asks for a note", moveLabel[s.press])
		}
		if s.note != "" {
			test.Type(d.moveNote, s.note)
		}
		d.moveDialog.Submit()
		h.settle()
		stored, err := f.store.CaseByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Status != s.reached || d.f.c.Status != s.reached {
			t.Fatalf("after %q: stored %s, shown %s, want %s", moveLabel[s.press], stored.Status, d.f.c.Status, s.reached)
		}
		if d.statusText.Text != say(s.reached.Label()) {
			t.Errorf("status shown = %q", d.statusText.Text)
		}
	}
	if got := moveTexts(d); len(got) != 0 || !d.noMoves.Visible() {
		t.Errorf("a closed case offers %q", got)
	}
	// Cancelling the note dialog moves nothing.
	d2 := openDetail(t, h, f.cases["fresh"].ID)
	test.Tap(d2.moveButton[model.StatusDiagnosing])
	d2.moveDialog.Hide()
	h.settle()
	if s, _ := f.store.CaseByID(ctx, f.cases["fresh"].ID); s.Status != model.StatusReceived {
		t.Errorf("a cancelled dialog moved the case to %s", s.Status)
	}

	d = openDetail(t, h, c.ID)
	hist := historyTexts(d)
	wantIn(t, "history", hist,
		"Status: Received » Diagnosing — bench test",
		"Status: Diagnosing » Awaiting manufacturer — posted to EleTrek",
		"Status: Awaiting manufacturer » Ready for pickup\n",
		"Status: Ready for pickup » Closed — collected")
	// A closed case takes notes only.
	if !d.remedy.Disabled() || !d.refund.Disabled() || !d.cause.Disabled() || d.notes.Disabled() {
		t.Errorf("closed case: remedy disabled %v, refund %v, cause %v, notes %v",
			d.remedy.Disabled(), d.refund.Disabled(), d.cause.Disabled(), d.notes.Disabled())
	}
}

func TestCaseDetailRecordsTheCauseAndSavesEditsInOneUpdate(t *testing.T) {
	f := newDeskFixture(t)
	store := &updateCounter{Store: f.store}
	h := newTestUI(t, store)
	ctx := context.Background()
	c := f.cases["refund"]
	d := openDetail(t, h, c.ID)

	// Choose among the remedies the refund tier allows.
	if got := d.remedy.Options; !slices.Equal(got, []string{"Full refund", "Same-model replacement", "Service centre", remedyOther()}) {
		t.Fatalf("remedy options = %q", got)
	}
	d.remedy.SetSelected("Same-model replacement")
	test.Tap(d.save)
	h.settle()
	if stored, _ := f.store.CaseByID(ctx, c.ID); stored.Remedy != model.RemedyReplace {
		t.Errorf("stored remedy = %q, want replace", stored.Remedy)
	}
	if n := store.updates.Load(); n != 1 {
		t.Errorf("%d updates for one save", n)
	}

	// The test finds misuse: the verdict is evaluated again and saved.
	d.cause.SetSelected(say(model.CauseMisuse.Label()))
	if d.record.Disabled() {
		t.Fatalf("Record result is disabled after choosing another cause")
	}
	test.Tap(d.record)
	h.settle()
	stored, err := f.store.CaseByID(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Cause != model.CauseMisuse || stored.Tier != model.TierPaid || stored.Remedy != model.RemedyPaidService {
		t.Fatalf("after recording misuse: cause %s, tier %s, remedy %s", stored.Cause, stored.Tier, stored.Remedy)
	}
	if !strings.Contains(d.customerClock.Text, "tier: Paid service") || !strings.HasPrefix(d.factLabel["verdict"].Text, "tier: Paid service") {
		t.Errorf("the verdict on screen was not evaluated again: %q", d.customerClock.Text)
	}
	if d.provisional.Visible() {
		t.Errorf("still provisional after testing")
	}
	if got := d.remedy.Options; !slices.Equal(got, []string{"Paid service", remedyOther()}) || d.remedy.Selected != "Paid service" {
		t.Errorf("remedy after misuse: %q of %q", d.remedy.Selected, got)
	}

	// The dealer overrides the policy: a reason is required.
	before := store.updates.Load()
	d.remedy.SetSelected(remedyOther())
	if !d.override.Visible() {
		t.Fatalf("Other… does not show the override fields")
	}
	d.other.SetSelected("Same-model replacement")
	test.Type(d.swap, "H200-A1-NEW")
	test.Type(d.refund, "12.345")
	if !d.refundMsg.Visible() || d.refundMsg.Text == "" {
		t.Errorf("no message next to a bad refund amount")
	}
	d.refund.SetText("12.5")
	if d.refundMsg.Visible() {
		t.Errorf("message next to a good amount: %q", d.refundMsg.Text)
	}
	test.Type(d.notes, "外壳有摔痕")
	test.Tap(d.save)
	h.settle()
	if !d.reasonMsg.Visible() || !strings.Contains(d.reasonMsg.Text, "why") {
		t.Errorf("reason message = %q (visible %v)", d.reasonMsg.Text, d.reasonMsg.Visible())
	}
	if n := store.updates.Load() - before; n != 0 {
		t.Fatalf("saved without a reason (%d updates)", n)
	}

	test.Type(d.reason, "regular customer, goodwill")
	test.Tap(d.save)
	h.settle()
	if n := store.updates.Load() - before; n != 1 {
		t.Errorf("Save made %d updates, want one", n)
	}
	stored, _ = f.store.CaseByID(ctx, c.ID)
	if stored.Remedy != model.RemedyReplace || stored.RemedyReason != "regular customer, goodwill" ||
		stored.ReplacementSerial != "H200-A1-NEW" || stored.RefundAmount != 1250 || stored.Notes != "外壳有摔痕" {
		t.Errorf("stored = remedy %q, reason %q, swap %q, refund %v, notes %q", stored.Remedy, stored.RemedyReason,
			stored.ReplacementSerial, stored.RefundAmount, stored.Notes)
	}
	if d.saveResult.Text != "Saved." {
		t.Errorf("save result = %q", d.saveResult.Text)
	}
	// The override shows as Other… with its reason when the case is shown again.
	if d.remedy.Selected != remedyOther() || d.other.Selected != "Same-model replacement" || d.reason.Text != "regular customer, goodwill" {
		t.Errorf("override shown as %q / %q / %q", d.remedy.Selected, d.other.Selected, d.reason.Text)
	}

	// One transaction: every field of the save has the same time in the history.
	hist, err := f.store.CaseHistory(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := hist[len(hist)-1].At
	saved := map[string]model.HistoryEntry{}
	for _, e := range hist {
		if e.At.Equal(last) {
			saved[e.Field] = e
		}
	}
	for _, field := range []string{"remedy", "remedy_reason", "replacement_serial", "refund_amount", "notes"} {
		if _, ok := saved[field]; !ok {
			t.Errorf("the save's history lacks %s: %+v", field, saved)
		}
	}
	shown := historyTexts(d)
	wantIn(t, "history on screen", shown,
		"Test result: Not tested yet » Misuse or human damage",
		"Tier: Refund » Paid service",
		"Remedy: Paid service » Same-model replacement",
		"Reason for the remedy: (empty) » regular customer, goodwill",
		"Replacement serial: (empty) » H200-A1-NEW",
		"Refund amount: 0.00 » 12.50",
		"Notes: (empty) » 外壳有摔痕")

	// Nothing changed: nothing is written.
	before = store.updates.Load()
	test.Tap(d.save)
	h.settle()
	if store.updates.Load() != before || d.saveResult.Text != "Nothing to save." {
		t.Errorf("saving nothing: %q, %d updates", d.saveResult.Text, store.updates.Load()-before)
	}
}

// writePNG writes a small picture and returns its bytes.
func writePNG(t *testing.T, path string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for x := 0; x < 300; x++ {
		for y := 0; y < 200; y++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// choose hands a file to the photo callback as the file dialog would.
func choose(t *testing.T, d *caseDetail, path string) {
	t.Helper()
	r, err := storage.Reader(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	d.photoChosen(r, nil)
}

func TestCaseDetailAttachesPhotos(t *testing.T) {
	f := newDeskFixture(t)
	h, dataDir := newTestUIWithData(t, f.store)
	c := f.cases["refund"]
	d := openDetail(t, h, c.ID)
	if len(d.thumbs.Objects) != 0 || d.thumbs.Visible() {
		t.Errorf("thumbnails before any photo: %d", len(d.thumbs.Objects))
	}

	src := t.TempDir()
	picture := filepath.Join(src, "背面 裂痕.PNG")
	want := writePNG(t, picture)
	choose(t, d, picture)
	h.settle()
	if d.photoMsg.Visible() {
		t.Fatalf("photo refused: %q", d.photoMsg.Text)
	}
	photos, err := f.store.ListPhotos(context.Background(), c.ID)
	if err != nil || len(photos) != 1 {
		t.Fatalf("photos = %v (%v)", photos, err)
	}
	p := photos[0]
	if !regexp.MustCompile(`^photos/[0-9a-f]{32}\.png$`).MatchString(p.File) {
		t.Errorf("stored as %q, want a generated name under photos/", p.File)
	}
	if p.Name != "背面 裂痕.PNG" || p.Format != "png" || p.Width != 300 || p.Height != 200 || p.Size != int64(len(want)) {
		t.Errorf("photo = %+v", p)
	}
	// The picture is in the database, byte for byte; no file is written.
	got, err := f.store.PhotoData(context.Background(), p.ID)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("the stored picture differs from the file (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(dataDir, model.PhotoDir)); !os.IsNotExist(err) {
		t.Errorf("a photo folder was made: %v", err)
	}
	if len(d.thumbs.Objects) != 1 || !d.thumbs.Visible() {
		t.Errorf("thumbnails = %d", len(d.thumbs.Objects))
	}
	if th := d.thumbImg[p.File]; th == nil || th.Bounds().Dx() > 2*thumbSize {
		t.Errorf("thumbnail = %v", th)
	}
	// Another window (another counter) shows the photo from the store, and tapping it
	// shows it large.
	h2, _ := newTestUIWithData(t, f.store)
	d2 := openDetail(t, h2, c.ID)
	if th := d2.thumbImg[p.File]; th == nil || th.Bounds().Dx() != 2*thumbSize {
		t.Fatalf("thumbnail in another window = %v", th)
	}
	d2.thumbs.Objects[0].(*tapArea).Tapped(nil)
	h2.settle()
	if !dialogOpen(h2) {
		t.Error("tapping the thumbnail shows no picture")
	}
	if !strings.Contains(historyTexts(d), "Photo attached: 背面 裂痕.PNG") {
		t.Errorf("history = %q", historyTexts(d))
	}

	// A file that only pretends to be a picture is refused, and nothing is copied.
	fake := filepath.Join(src, "invoice.png")
	if err := os.WriteFile(fake, []byte("%PDF-1.4 not a picture at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	choose(t, d, fake)
	h.settle()
	if !d.photoMsg.Visible() || !strings.Contains(d.photoMsg.Text, "invoice.png is not a JPEG or PNG picture") {
		t.Errorf("message = %q (visible %v)", d.photoMsg.Text, d.photoMsg.Visible())
	}
	photos, _ = f.store.ListPhotos(context.Background(), c.ID)
	if len(photos) != 1 {
		t.Errorf("after a refused file: %d photos", len(photos))
	}

	// Another extension is refused before it is read.
	other := filepath.Join(src, "photo.gif")
	if err := os.WriteFile(other, want, 0o600); err != nil {
		t.Fatal(err)
	}
	choose(t, d, other)
	h.settle()
	if !strings.Contains(d.photoMsg.Text, "not a JPEG or PNG file") {
		t.Errorf("message for a .gif = %q", d.photoMsg.Text)
	}
}

// The window has one clock, the store's: with it ten days on, the case list counts ten
// more days open and a new OEM order is dated that day.
func TestWindowTakesTheStoresClock(t *testing.T) {
	f := newDeskFixture(t)
	now := time.Now().AddDate(0, 0, 10)
	later := model.DateOf(now)
	f.store.Now = func() time.Time { return now }
	h := showScreen(t, f.store, "Cases")
	s := h.u.cases
	col := s.table.column("Days")
	for r, row := range s.table.rows {
		want := ""
		if row.Status.Open() {
			want = fmt.Sprint(later.DaysSince(row.ReportedDate))
		}
		if got := s.table.cell(r, col); got != want {
			t.Errorf("%s: days open %q, want %q on the store's clock", row.Serial, got, want)
		}
	}
	if !h.u.Show("OEM orders") {
		t.Fatal("no OEM orders screen")
	}
	h.settle()
	h.u.oemOrders.newOrder()
	h.settle()
	if got := h.u.oemOrders.form.date.Text; got != later.String() {
		t.Errorf("a new OEM order is dated %s, want the store's %s", got, later)
	}
}

// intakeCase takes a case in as the counter does: the intake plans it and the store creates it.
func intakeCase(t *testing.T, shop *shoptest.Shop, r intake.Request) *model.Case {
	t.Helper()
	plan, err := intake.Plan(context.Background(), shop.DB, r)
	if err != nil {
		t.Fatalf("intake of %s: %v", r.Serial, err)
	}
	c, err := shop.DB.CreateCase(context.Background(), plan.NewCase, "test")
	if err != nil {
		t.Fatalf("case %s: %v", r.Serial, err)
	}
	return c
}

// Another case opens at its heading and status, not scrolled where the last one was left.
func TestCaseDetailOpensAnotherCaseAtTheTop(t *testing.T) {
	f := newDeskFixture(t)
	h := newTestUI(t, f.store)
	h.w.Resize(fyne.NewSize(1024, 480))
	d := openDetail(t, h, f.cases["refund"].ID)
	d.scroll.ScrollToBottom()
	if d.scroll.Offset.Y == 0 {
		t.Fatalf("the case fits the window: the scroll back is not tested")
	}
	openDetail(t, h, f.cases["repair"].ID)
	if d.scroll.Offset.Y != 0 {
		t.Errorf("another case opens scrolled by %v", d.scroll.Offset.Y)
	}
}

// A manufacturer's answer in the history is said in the window's language, with the move of
// the cost it made, though it is stored in English.
func TestHistorySaysAClaimAnswerInTheWindowsLanguage(t *testing.T) {
	h := model.HistoryEntry{Action: model.ActionClaimAnswer, Note: "EleTrek rejected the case in claim CLM-2026-0001: water damage",
		Field: "dealer_carries_cost", OldValue: "false", NewValue: "true"}
	if got, want := detailHistoryLine(h, nil), "EleTrek rejected the case in claim CLM-2026-0001: water damage; Shop carries the cost: no » yes"; got != want {
		t.Errorf("in English: %q, want %q", got, want)
	}
	speak(t, i18n.Chinese)
	if got := detailHistoryLine(h, nil); !strings.Contains(got, "已拒绝索赔单 CLM-2026-0001") || !strings.Contains(got, "water damage") || strings.Contains(got, "rejected") ||
		!strings.Contains(got, "否 » 是") {
		t.Errorf("in Chinese: %q", got)
	}
	h.Note, h.Field = "a note of an older version", ""
	if got := detailHistoryLine(h, nil); got != h.Note {
		t.Errorf("a note in no wording: %q", got)
	}
}
