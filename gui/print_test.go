package gui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"returndesk/export"
	"returndesk/internal/cupstest"
	"returndesk/model"
)

// printed is one call of openPDF.
type printed struct{ path, printer string }

// fakePrinter replaces openPDF for the test: it records what it was asked to print and fails with fail.
type fakePrinter struct {
	mu   sync.Mutex
	jobs []printed
	fail error
}

func newFakePrinter(t *testing.T) *fakePrinter {
	p := &fakePrinter{}
	old := openPDF
	openPDF = func(path, printer string) error {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.jobs = append(p.jobs, printed{path, printer})
		return p.fail
	}
	oldLP := lpInstalled
	lpInstalled = func() bool { return true }
	t.Cleanup(func() { openPDF, lpInstalled = old, oldLP })
	return p
}

func (p *fakePrinter) last(t *testing.T) printed {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.jobs) == 0 {
		t.Fatal("nothing was printed")
	}
	return p.jobs[len(p.jobs)-1]
}

// checkPDF checks that path holds a PDF of the given page width in points ("" for any).
func checkPDF(t *testing.T, path, mediaBox string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("%s is not a PDF", path)
	}
	if mediaBox != "" && !bytes.Contains(b, []byte("/MediaBox [0 0 "+mediaBox)) {
		t.Errorf("%s: no page with /MediaBox [0 0 %s…]", path, mediaBox)
	}
}

// holds reports whether o is inside the container tree c.
func holds(c *fyne.Container, o fyne.CanvasObject) bool {
	for _, child := range c.Objects {
		if child == o {
			return true
		}
		if inner, ok := child.(*fyne.Container); ok && holds(inner, o) {
			return true
		}
	}
	return false
}

func setSettings(t *testing.T, store model.Store, kv map[string]string) {
	t.Helper()
	for k, v := range kv {
		if err := store.SetSetting(context.Background(), k, v); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCaseDetailPrintsSlipAndLabel(t *testing.T) {
	f := newDeskFixture(t)
	printer := newFakePrinter(t)
	setSettings(t, f.store, fullShop)
	setSettings(t, f.store, map[string]string{export.SettingShopName: "华强电子", export.SettingPageSize: "80mm"})
	h, dir := newTestUIWithData(t, f.store)
	c := f.cases["repair"]
	d := openDetail(t, h, c.ID)

	test.Tap(d.print.slip)
	h.settle()
	job := printer.last(t)
	if want := filepath.Join(dir, "slips", string(c.CaseNo)+"-slip.pdf"); job.path != want || job.printer != "" {
		t.Errorf("printed %+v, want %s in the viewer", job, want)
	}
	checkPDF(t, job.path, "226.77") // 80 mm, from Settings
	if !strings.Contains(d.print.msg.Text, "opened") || !d.print.msg.Visible() {
		t.Errorf("message %q", d.print.msg.Text)
	}

	setSettings(t, f.store, map[string]string{export.SettingPrinter: "Office_Laser"})
	test.Tap(d.print.label)
	h.settle()
	job = printer.last(t)
	if want := filepath.Join(dir, "slips", string(c.CaseNo)+"-label.pdf"); job.path != want || job.printer != "Office_Laser" {
		t.Errorf("printed %+v, want %s on Office_Laser", job, want)
	}
	checkPDF(t, job.path, "283.46") // 100 mm
	if !strings.Contains(d.print.msg.Text, "Sent to printer Office_Laser") {
		t.Errorf("message %q", d.print.msg.Text)
	}

	printer.fail = errors.New("lp -d Office_Laser: printer is offline")
	test.Tap(d.print.slip)
	h.settle()
	if msg := d.print.msg.Text; !strings.Contains(msg, "could not print") || !strings.Contains(msg, "offline") {
		t.Errorf("message %q after a failed print", msg)
	}
	if d.print.slip.Disabled() || d.print.label.Disabled() {
		t.Error("the print buttons stay disabled after printing")
	}

	// Another case starts without the message of the last one.
	openDetail(t, h, f.cases["refund"].ID)
	if d.print.msg.Visible() {
		t.Errorf("message %q still shown for another case", d.print.msg.Text)
	}
}

// Without lp (Windows, or Linux without CUPS) a printer named in Settings cannot be reached:
// the PDF opens in the viewer, whose Print dialog can, and the message says why.
func TestNamedPrinterWithoutLPOpensTheViewer(t *testing.T) {
	f := newDeskFixture(t)
	printer := newFakePrinter(t)
	lpInstalled = func() bool { return false } // newFakePrinter restores it
	setSettings(t, f.store, fullShop)
	setSettings(t, f.store, map[string]string{export.SettingPrinter: "Office_Laser"})
	h := newTestUI(t, f.store)
	h.u.info.DataDir = t.TempDir()
	d := openDetail(t, h, f.cases["repair"].ID)

	test.Tap(d.print.slip)
	h.settle()
	if job := printer.last(t); job.printer != "" {
		t.Errorf("printed %+v, want the viewer (no printer)", job)
	}
	if msg := d.print.msg.Text; !strings.Contains(msg, "opened in the PDF viewer") || !strings.Contains(msg, "no lp here") ||
		!strings.Contains(msg, "Office_Laser") {
		t.Errorf("message %q", msg)
	}
}

func TestCounterResultPrintsTheNewCase(t *testing.T) {
	f := newDeskFixture(t)
	printer := newFakePrinter(t)
	setSettings(t, f.store, fullShop)
	h, dir := newTestUIWithData(t, f.store)
	h.u.Show("Counter")
	h.settle()
	s := h.u.counter
	if !holds(s.resultBox, s.print.slip) || !holds(s.resultBox, s.print.label) || !holds(s.resultBox, s.print.msg) {
		t.Fatal("the print buttons are not on the result card")
	}
	c := f.cases["fresh"]
	s.created = c // as showCreated leaves it once the case is saved
	test.Tap(s.print.slip)
	h.settle()
	job := printer.last(t)
	if job.path != export.SlipFile(dir, c.CaseNo) {
		t.Errorf("printed %s, want the slip of %s", job.path, c.CaseNo)
	}
	checkPDF(t, job.path, "595.28") // A4 when Settings name no page size
	test.Tap(s.print.label)
	h.settle()
	if job := printer.last(t); job.path != export.LabelFile(dir, c.CaseNo) {
		t.Errorf("printed %s, want the label of %s", job.path, c.CaseNo)
	}
	s.newIntake()
	if s.print.msg.Visible() {
		t.Error("the print message outlives the intake")
	}
}

func TestSettingsSavesShopAndPrinting(t *testing.T) {
	f := newDeskFixture(t)
	h, dir := newTestUIWithData(t, f.store)
	h.u.Show("Settings")
	h.settle()
	s := h.u.settings
	if s.pageSize.Selected != say(export.PageA4.Label()) || s.shopName.Text != "" {
		t.Errorf("a new shop shows page %q, name %q", s.pageSize.Selected, s.shopName.Text)
	}
	test.Type(s.shopName, "华强电子维修中心")
	s.shopAddress.SetText("深圳市福田区华强北路 1019 号\nShenzhen")
	test.Type(s.shopPhone, "0755-8326 1234")
	test.Type(s.shopContact, "李明 (after-sales)")
	test.Type(s.currency, "cny")
	s.pageSize.SetSelected(say(export.PageA5.Label()))

	// A bad field is refused, and said why, before anything is saved.
	refused := func(what, why string) {
		t.Helper()
		test.Tap(s.saveShop)
		h.settle()
		if v, _ := f.store.Setting(context.Background(), export.SettingShopName); v != "" || !strings.Contains(s.shopMsg.Text, why) {
			t.Errorf("saved %q with %s; message %q", v, what, s.shopMsg.Text)
		}
	}
	// An e-mail address without an @.
	test.Type(s.shopEmail, "service.huaqiang.example")
	refused("a bad e-mail", "@")
	s.shopEmail.SetText("service@huaqiang.example")

	// A printer name with a space is not a queue name lp knows.
	test.Type(s.printer, "Office Laser")
	refused("a bad printer name", "printer name")
	s.printer.SetText("Office_Laser")
	test.Tap(s.saveShop)
	h.settle()
	want := map[string]string{export.SettingShopName: "华强电子维修中心", export.SettingShopAddress: "深圳市福田区华强北路 1019 号\nShenzhen",
		export.SettingShopPhone: "0755-8326 1234", export.SettingPageSize: "a5", export.SettingPrinter: "Office_Laser",
		export.SettingShopContact: "李明 (after-sales)", export.SettingShopEmail: "service@huaqiang.example",
		export.SettingCurrency: "CNY"}
	for k, v := range want {
		if got, err := f.store.Setting(context.Background(), k); err != nil || got != v {
			t.Errorf("setting %s = %q, %v; want %q", k, got, err, v)
		}
	}
	if s.shopMsg.Text != "Saved." {
		t.Errorf("message %q", s.shopMsg.Text)
	}

	// A logo goes into the database, not into the data folder, and another window shows it.
	chooseLogo(t, s.shopForm)
	h.settle()
	if logo, err := f.store.Logo(context.Background()); err != nil || !isPNG(logo, 40, 20) || !s.logoImage.Visible() {
		t.Errorf("logo stored: %d bytes (%v), shown %v; message %q", len(logo), err, s.logoImage.Visible(), s.shopMsg.Text)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*.png")); len(files) != 0 {
		t.Errorf("a logo file was written: %q", files)
	}
	h3 := newTestUI(t, f.store)
	if s3 := h3.u.settings; !s3.logoImage.Visible() || !s3.removeLogo.Visible() || s3.removeLogo.Disabled() {
		t.Errorf("another window does not show the logo")
	}
	test.Tap(s.removeLogo)
	h.settle()
	if got, _ := f.store.Logo(context.Background()); got != nil || s.logoText.Text != "No logo" {
		t.Errorf("after Remove: logo %d bytes, shown %q", len(got), s.logoText.Text)
	}

	// Another window shows what was saved.
	h2 := newTestUI(t, f.store)
	s2 := h2.u.settings
	if s2.shopName.Text != "华强电子维修中心" || s2.pageSize.Selected != say(export.PageA5.Label()) || s2.printer.Text != "Office_Laser" ||
		s2.currency.Text != "CNY" || s2.shopEmail.Text != "service@huaqiang.example" {
		t.Errorf("reloaded: name %q, page %q, printer %q", s2.shopName.Text, s2.pageSize.Selected, s2.printer.Text)
	}
}

// chooseLogo hands Settings a 40×20 PNG as the file dialog would.
func chooseLogo(t *testing.T, s *shopForm) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	img.Set(3, 3, color.Black)
	var b bytes.Buffer
	png.Encode(&b, img)
	src := filepath.Join(t.TempDir(), "my logo.png")
	if err := os.WriteFile(src, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := storage.Reader(storage.NewFileURI(src))
	if err != nil {
		t.Fatal(err)
	}
	s.logoChosen(r)
}

// isPNG reports whether data is a w×h PNG picture.
func isPNG(data []byte, w, h int) bool {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	return err == nil && cfg.Width == w && cfg.Height == h
}

// The logo chosen in Settings is on the slip printed next, read from the store.
func TestPrintedSlipCarriesTheLogo(t *testing.T) {
	f := newDeskFixture(t)
	printer := newFakePrinter(t)
	setSettings(t, f.store, fullShop)
	h, _ := newTestUIWithData(t, f.store)
	d := openDetail(t, h, f.cases["repair"].ID)
	logoOnSlip := func() bool {
		t.Helper()
		test.Tap(d.print.slip)
		h.settle()
		pdf, err := os.ReadFile(printer.last(t).path)
		if err != nil {
			t.Fatal(err)
		}
		return regexp.MustCompile(`/Subtype /Image\s*/Width 40\s*/Height 20\b`).Match(pdf)
	}
	if logoOnSlip() {
		t.Fatal("a logo on the slip before one was chosen")
	}
	h.u.Show("Settings")
	h.settle()
	chooseLogo(t, h.u.settings.shopForm)
	h.settle()
	if !logoOnSlip() {
		t.Errorf("the slip lacks the logo; Settings said %q", h.u.settings.shopMsg.Text)
	}
}

// Settings offers the printers CUPS knows (a private scheduler with one queue here).
func TestSettingsListsTheCUPSPrinters(t *testing.T) {
	cupstest.Start(t, "counter80")
	f := newDeskFixture(t)
	h := newTestUI(t, f.store)
	h.u.Show("Settings")
	h.settle()
	if got := h.u.settings.printers; len(got) != 1 || got[0] != "counter80" {
		t.Errorf("Settings offers printers %v, want [counter80]", got)
	}
}
