package gui

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"returndesk/internal/shoptest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"returndesk/model"
	"returndesk/model/sqlite"
)

// fixture is a database with one manufacturer, two products, customers with Chinese and
// Latin names, and fillerCases+3 cases.
type fixture struct {
	store *sqlite.DB
	path  string
	zhang model.CaseNo // the last case of 张伟 (the newest case of all)
}

const fillerCases = 102

func newFixture(t *testing.T) *fixture {
	t.Helper()
	shop := shoptest.New(t)
	m := &model.Manufacturer{Name: "Halotek", Contact: "王经理"}
	shop.Manufacturers(m)
	router := &model.Product{ManufacturerID: m.ID, Model: "HT-R200", Name: "双频路由器", UnitPrice: 29900}
	phone := &model.Product{ManufacturerID: m.ID, Model: "HT-P9", Name: "Smartphone P9", UnitPrice: 159900}
	shop.Products(router, phone)
	zhang := &model.Customer{Name: "张伟", Phone: "13800138000", Kind: model.KindTerminal, Region: "上海"}
	li := &model.Customer{Name: "李娜", Phone: "13900139000", Kind: model.KindTerminal}
	acme := &model.Customer{Name: "Acme Trading", Phone: "020-5550100", Kind: model.KindDealer}
	shop.Customers(zhang, li, acme)

	add := func(cust *model.Customer, prod *model.Product, serial, fault string, tier model.Tier) *model.Case {
		return shop.Case(model.Case{CustomerID: cust.ID, ProductID: prod.ID, Serial: model.Serial(serial),
			PurchaseDate: model.MustDate("2026-03-01"), ReportedDate: model.MustDate("2026-03-05"),
			Fault: fault, Tier: tier})
	}
	for i := 0; i < fillerCases; i++ {
		add(acme, phone, fmt.Sprintf("P9-%05d", i), "screen flickers", model.TierRefund)
	}
	add(li, router, "R200-LI-0001", "无法开机", model.TierReplace)
	add(zhang, router, "R200-ZW-0001", "WiFi 断线", model.TierRefund)
	last := add(zhang, phone, "P9-ZW-0002", "屏幕碎裂", model.TierPaid)
	return &fixture{store: shop.DB, path: shop.Path, zhang: last.CaseNo}
}

// harness is the main window on a store in a headless test app. The test goroutine plays
// the UI thread: results of loads queue up until settle runs them, as fyne.Do would.
type harness struct {
	t     *testing.T
	u     *MainUI
	w     fyne.Window
	queue chan func()
}

func newTestUI(t *testing.T, store model.Store) *harness {
	t.Helper()
	h := newTestUIUnsettled(t, store)
	h.settle()
	return h
}

// newTestUIUnsettled is newTestUI before the screens' first loads have arrived.
func newTestUIUnsettled(t *testing.T, store model.Store) *harness {
	t.Helper()
	test.NewTempApp(t)
	h := &harness{t: t, w: test.NewWindow(nil), queue: make(chan func(), 64)}
	h.u = newMainUI(h.w, store, Info{DBPath: "/data/returndesk/returndesk.db", DataDir: "/data/returndesk", Version: "0.1.0"},
		func(f func()) { h.queue <- f })
	t.Cleanup(func() {
		h.settle()
		h.w.Close()
		if h.u.stopWatching != nil {
			h.u.stopWatching()
		}
	})
	return h
}

// newTestUIWithData is newTestUI with a data folder of its own, for the files the window
// writes (photos, slips, labels); it returns the folder.
func newTestUIWithData(t *testing.T, store model.Store) (*harness, string) {
	t.Helper()
	h := newTestUI(t, store)
	h.u.info.DataDir = t.TempDir()
	return h, h.u.info.DataDir
}

// showScreen opens a window on store and shows the screen titled title, once its loads are done.
func showScreen(t *testing.T, store model.Store, title string) *harness {
	t.Helper()
	h := newTestUI(t, store)
	if !h.u.Show(title) {
		t.Fatalf("no %s screen", title)
	}
	h.settle()
	return h
}

// openScreen is showScreen on a new fixture.
func openScreen(t *testing.T, title string) (*harness, *fixture) {
	t.Helper()
	f := newFixture(t)
	return showScreen(t, f.store, title), f
}

// settle runs the queued UI updates until no load or pending search is left.
func (h *harness) settle() {
	h.t.Helper()
	for h.u.pending.Load() > 0 {
		select {
		case f := <-h.queue:
			f()
		case <-time.After(10 * time.Second):
			h.t.Fatalf("the window did not settle: %d loads pending", h.u.pending.Load())
		}
	}
}

func TestNavigationShowsEachScreen(t *testing.T) {
	f := newFixture(t)
	h := newTestUI(t, f.store)
	u := h.u

	want := []string{"Dashboard", "Counter", "Cases", "Claims", "OEM orders", "Reports", "Customers",
		"Products & serials", "Manufacturers & policies", "Settings"}
	if got := u.Titles(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sidebar = %q, want %q", got, want)
	}
	if u.Current() != "Dashboard" {
		t.Errorf("first screen = %q, want Dashboard", u.Current())
	}
	for i, title := range want {
		u.nav.Select(i) // what a click on the sidebar does
		h.settle()
		if u.Current() != title {
			t.Errorf("after selecting %q the current screen is %q", title, u.Current())
		}
		s := u.screens[i]
		if len(u.content.Objects) != 1 || u.content.Objects[0] != s.view {
			t.Errorf("%s: the content area does not show its view", title)
		}
		if s.heading.Text != title {
			t.Errorf("%s: heading = %q", title, s.heading.Text)
		}
		if !s.view.Visible() {
			t.Errorf("%s: view hidden", title)
		}
	}
	if !u.Show("Cases") || u.Current() != "Cases" {
		t.Errorf("Show(Cases) did not switch")
	}
	h.settle()
	if u.Show("No such screen") {
		t.Errorf("Show accepted an unknown title")
	}
}

func TestNavigationKeepsScreenState(t *testing.T) {
	f := newFixture(t)
	h := showScreen(t, f.store, "Cases")
	u := h.u
	test.Type(u.cases.search, "李娜")
	h.settle()
	u.Show("Settings")
	h.settle()
	u.Show("Cases")
	h.settle()
	if u.cases.search.Text != "李娜" {
		t.Errorf("search text after coming back = %q", u.cases.search.Text)
	}
	if n := len(u.cases.table.rows); n != 1 {
		t.Errorf("rows after coming back = %d, want 1", n)
	}
}

func TestDashboardCountsAndWaitingCases(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c, err := f.store.FindCase(ctx, string(f.zhang))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.MoveCase(ctx, c.ID, model.StatusDiagnosing, "test", ""); err != nil {
		t.Fatal(err)
	}
	h := newTestUI(t, f.store)
	u := h.u
	d := u.dashboard
	if got := d.cards[model.StatusReceived].Title; got != fmt.Sprint(fillerCases+2) {
		t.Errorf("received card = %q, want %d", got, fillerCases+2)
	}
	if got := d.cards[model.StatusDiagnosing].Subtitle + " " + d.cards[model.StatusDiagnosing].Title; got != "Diagnosing 1" {
		t.Errorf("diagnosing card = %q", got)
	}
	if got := d.cards[model.StatusReadyForPickup].Title; got != "0" {
		t.Errorf("ready card = %q, want 0", got)
	}
	if _, ok := d.cards[model.StatusClosed]; ok {
		t.Errorf("a card for closed cases, which are not open")
	}
	if !strings.HasPrefix(d.summary.Text, fmt.Sprintf("%d open of %d cases", fillerCases+3, fillerCases+3)) {
		t.Errorf("summary = %q", d.summary.Text)
	}
	// Waiting longest: open cases, oldest reported first (then in case order).
	if n := len(d.waiting.rows); n != waitingCases {
		t.Fatalf("waiting rows = %d, want %d", n, waitingCases)
	}
	if got := d.waiting.cell(0, 0); got != "RMA-2026-000001" {
		t.Errorf("longest waiting case = %q, want the first one", got)
	}
	if got := d.waiting.cell(0, 3); got != "Acme Trading" {
		t.Errorf("longest waiting customer = %q", got)
	}
	if got := d.waiting.cell(0, 6); got != "Received" {
		t.Errorf("longest waiting status = %q, want the label Received", got)
	}
}

func TestCasesListPagesAndFiltersAsYouType(t *testing.T) {
	f := newFixture(t)
	counting := &countingStore{Store: f.store}
	h := newTestUI(t, counting)
	u, w := h.u, h.w
	w.Resize(fyne.NewSize(1200, 760))
	u.Show("Cases")
	h.settle()
	s := u.cases

	total := fillerCases + 3
	if n := len(s.table.rows); n != casesPageSize {
		t.Fatalf("first page has %d rows, want %d", n, casesPageSize)
	}
	if got, want := s.pageInf.Text, fmt.Sprintf("1–100 of %d", total); got != want {
		t.Errorf("pager = %q, want %q", got, want)
	}
	if got := s.table.cell(0, 0); got != string(f.zhang) {
		t.Errorf("first row = %q, want the newest case %s", got, f.zhang)
	}
	if !s.prev.Disabled() || s.next.Disabled() {
		t.Errorf("on the first page Previous should be off and Next on")
	}

	test.Tap(s.next)
	h.settle()
	if got, want := s.pageInf.Text, fmt.Sprintf("101–%d of %d", total, total); got != want {
		t.Errorf("second page pager = %q, want %q", got, want)
	}
	if n := len(s.table.rows); n != total-casesPageSize {
		t.Errorf("second page has %d rows", n)
	}
	if s.prev.Disabled() || !s.next.Disabled() {
		t.Errorf("on the last page Previous should be on and Next off")
	}
	test.Tap(s.prev)
	h.settle()
	if s.offset != 0 {
		t.Errorf("Previous went to offset %d", s.offset)
	}

	// Typing searches once typing pauses, from the first page.
	before := counting.finds.Load()
	test.Type(s.search, "张伟")
	h.settle()
	if calls := counting.finds.Load() - before; calls != 1 {
		t.Errorf("typing two characters ran %d searches, want 1 (debounced)", calls)
	}
	if n := len(s.table.rows); n != 2 {
		t.Fatalf("search 张伟: %d rows, want 2", n)
	}
	for r := range s.table.rows {
		if got := s.table.cell(r, 2); got != "张伟" {
			t.Errorf("row %d customer = %q, want 张伟", r, got)
		}
		if got := s.table.rows[r].Phone; got != "13800138000" {
			t.Errorf("row %d phone = %q", r, got)
		}
	}
	if got := s.table.cell(0, 6); got != say(model.StatusReceived.Label()) {
		t.Errorf("status column = %q, want %q", got, say(model.StatusReceived.Label()))
	}
	if got := s.pageInf.Text; got != "1–2 of 2" {
		t.Errorf("pager = %q", got)
	}
	if !s.next.Disabled() {
		t.Errorf("Next enabled with one page")
	}
	// The table itself shows the Chinese name.
	if !canvasHasText(w.Canvas(), "张伟") {
		t.Errorf("张伟 is not drawn in the window")
	}

	// By serial, by phone, and no match.
	for _, c := range []struct {
		q    string
		rows int
	}{{"R200-LI", 1}, {"13900139000", 1}, {"P9-000", 100}, {"no such thing", 0}} {
		s.search.SetText(c.q)
		h.settle()
		if len(s.table.rows) != c.rows {
			t.Errorf("search %q: %d rows, want %d", c.q, len(s.table.rows), c.rows)
		}
	}
	if got := s.pageInf.Text; got != "No cases match “no such thing”" {
		t.Errorf("pager for no match = %q", got)
	}

	// The status filter.
	s.search.SetText("")
	h.settle()
	s.status.SetSelected(say(model.StatusDiagnosing.Label()))
	h.settle()
	if len(s.table.rows) != 0 || s.pageInf.Text != "No cases with this status" {
		t.Errorf("diagnosing filter: %d rows, %q", len(s.table.rows), s.pageInf.Text)
	}
	s.status.SetSelected(filterOpen())
	h.settle()
	if s.total != total {
		t.Errorf("open filter total = %d, want %d", s.total, total)
	}
}

func TestStoreErrorsAreShown(t *testing.T) {
	f := newFixture(t)
	broken := &failingStore{Store: f.store, err: model.Errorf(model.EINTERNAL, "disk I/O error")}
	h := newTestUI(t, broken)
	u := h.u
	if got := u.dashboard.errs.text(); !strings.Contains(got, "disk I/O error") {
		t.Errorf("dashboard error = %q", got)
	}
	u.Show("Cases")
	h.settle()
	if got := u.cases.errs.text(); !strings.Contains(got, "Could not load the cases") || !strings.Contains(got, "disk I/O error") {
		t.Errorf("cases error = %q", got)
	}
	broken.err = nil
	test.Type(u.cases.search, "张")
	h.settle()
	if got := u.cases.errs.text(); got != "" {
		t.Errorf("error still shown after a good load: %q", got)
	}
	if len(u.cases.table.rows) != 2 {
		t.Errorf("rows after recovery = %d", len(u.cases.table.rows))
	}
}

func TestSettingsShowsDataLocationAndCopiesPath(t *testing.T) {
	f := newFixture(t)
	h := newTestUI(t, f.store)
	u := h.u
	u.Show("Settings")
	s := u.settings
	if s.dbPath.Text != "/data/returndesk/returndesk.db" || s.dataDir.Text != "/data/returndesk" {
		t.Errorf("data location = %q, %q", s.dbPath.Text, s.dataDir.Text)
	}
	if s.version.Text != "0.1.0" {
		t.Errorf("version = %q", s.version.Text)
	}
	test.Tap(s.copyDB)
	if got := fyne.CurrentApp().Clipboard().Content(); got != "/data/returndesk/returndesk.db" {
		t.Errorf("clipboard = %q", got)
	}
	if s.feedback.Text == "" {
		t.Errorf("no word that the path was copied")
	}
	test.Tap(s.copyDir)
	if got := fyne.CurrentApp().Clipboard().Content(); got != "/data/returndesk" {
		t.Errorf("clipboard = %q", got)
	}
}

func TestThemeDrawsChinese(t *testing.T) {
	th := newTheme()
	if th.Font(fyne.TextStyle{}) != cjkFont || th.Font(fyne.TextStyle{Bold: true}) != cjkFont {
		t.Errorf("regular and bold text do not use the bundled CJK font")
	}
	if th.Font(fyne.TextStyle{Monospace: true}) == cjkFont {
		t.Errorf("monospace text uses the CJK font")
	}
	test.NewTempApp(t)
	test.ApplyTheme(t, th)
	// With a missing glyph every character draws the same box; real glyphs differ.
	zhang, wei := renderText(t, "张"), renderText(t, "伟")
	if inked(zhang) == 0 {
		t.Fatalf("张 draws nothing")
	}
	if sameImage(zhang, wei) {
		t.Errorf("张 and 伟 draw the same picture: the font has no CJK glyphs")
	}
}

// countingStore counts FindCases calls.
type countingStore struct {
	model.Store
	finds atomic.Int64
}

func (s *countingStore) FindCases(ctx context.Context, f model.CaseFilter) ([]model.CaseSummary, int, error) {
	s.finds.Add(1)
	return s.Store.FindCases(ctx, f)
}

// failingStore fails every read the dashboard and the case list make while err is set.
type failingStore struct {
	model.Store
	err error
}

func (s *failingStore) FindCases(ctx context.Context, f model.CaseFilter) ([]model.CaseSummary, int, error) {
	if s.err != nil {
		return nil, 0, s.err
	}
	return s.Store.FindCases(ctx, f)
}

func (s *failingStore) CountCasesByStatus(ctx context.Context) (map[model.Status]int, error) {
	if s.err != nil {
		return nil, s.err
	}
	return s.Store.CountCasesByStatus(ctx)
}

// canvasHasText reports whether some visible text object laid out on c shows text.
func canvasHasText(c fyne.Canvas, text string) bool {
	for _, o := range test.LaidOutObjects(c.Content()) {
		if t, ok := o.(*canvas.Text); ok && t.Visible() && t.Text == text {
			return true
		}
	}
	return false
}

func renderText(t *testing.T, s string) image.Image {
	t.Helper()
	txt := canvas.NewText(s, color.Black)
	txt.TextSize = 32
	w := test.NewWindow(txt)
	defer w.Close()
	w.Resize(fyne.NewSize(64, 64))
	return w.Canvas().Capture()
}

func inked(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, _ := img.At(x, y).RGBA()
			if r < 0x8000 && g < 0x8000 && bb < 0x8000 {
				n++
			}
		}
	}
	return n
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

func TestColumnWidthsShareOutTheSpace(t *testing.T) {
	floors := []float32{50, 20, 30}
	natural := []float32{100, 200, 30}
	sum := func(ws []float32) (s float32) {
		for _, w := range ws {
			s += w
		}
		return s
	}
	// Room to spare: everything widens in proportion.
	if ws := columnWidths(natural, floors, 660); sum(ws) != 660 || ws[1] != 400 || ws[2] != 60 {
		t.Errorf("wide: %v", ws)
	}
	// Too narrow: the columns give way in proportion to their slack; c has none.
	ws := columnWidths(natural, floors, 300)
	if sum(ws) != 300 || ws[2] != 30 || ws[0] >= 100 || ws[1] >= 200 || ws[0] < 50 || ws[1] < 20 {
		t.Errorf("narrow: %v", ws)
	}
	// Far too narrow: every column at its minimum, and the table scrolls.
	if ws := columnWidths(natural, floors, 10); ws[0] != 50 || ws[1] != 20 || ws[2] != 30 {
		t.Errorf("too narrow: %v", ws)
	}
}

func TestKeepingEndsCutsInTheMiddle(t *testing.T) {
	for _, c := range []struct {
		text string
		room int // characters that fit
		want string
	}{
		{"HT-PS48-2610000010", 11, "HT…10000010"},
		{"HT-PS48-2610000010", 5, "H…010"},
		{"HT-PS48-2610000010", 1, "…"},
		{"HT-PS48-2610000010", 0, "…"}, // not even the ellipsis: the least there is
		{"序列号一二三四五六七八", 7, "序…四五六七八"},
	} {
		fits := func(s string) bool { return utf8.RuneCountInString(s) <= c.room }
		if got := keepingEnds(c.text, fits); got != c.want {
			t.Errorf("keepingEnds(%q) in %d characters = %q, want %q", c.text, c.room, got, c.want)
		}
	}
}

// joined is what each row shows, joined by commas.
func joined[T any](rows []T, text func(T) string) string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = text(r)
	}
	return strings.Join(out, ",")
}

// wantIn fails t for each of wants that text, named what, lacks.
func wantIn(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, text)
		}
	}
}

// moveFirstCase opens the first case of the Cases list and asks to move it to status to.
func moveFirstCase(h *harness, to model.Status) func() {
	return func() {
		h.u.openCase(h.u.cases.table.rows[0].ID)
		h.settle()
		h.u.cases.detail.confirmMove(to)
	}
}
