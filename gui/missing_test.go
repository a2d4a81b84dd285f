package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"returndesk/export"
	"returndesk/model"
)

// fullShop is every shop detail a printed document or a claim sheet shows.
var fullShop = map[string]string{export.SettingShopName: "华强电子维修中心", export.SettingShopAddress: "深圳市福田区华强北路 1019 号",
	export.SettingShopPhone: "0755-8326 1234", export.SettingShopContact: "陈经理", export.SettingCurrency: "CNY"}

// Print slip and Print label ask before a document goes out with a blank shop header: the
// question names what is missing, Go to Settings is the focused choice, Cancel prints
// nothing and Print anyway prints. With the details filled in nothing is asked.
func TestPrintAsksWhenShopDetailsAreMissing(t *testing.T) {
	f := newDeskFixture(t)
	printer := newFakePrinter(t)
	setSettings(t, f.store, map[string]string{export.SettingShopName: "华强电子"})
	h, _ := newTestUIWithData(t, f.store)
	d := openDetail(t, h, f.cases["repair"].ID)
	u := h.u

	for _, b := range []struct {
		name   string
		button func() // taps Print slip or Print label
	}{{"slip", func() { test.Tap(d.print.slip) }}, {"label", func() { test.Tap(d.print.label) }}} {
		u.missing = nil
		b.button()
		h.settle()
		q := u.missing
		if q == nil {
			t.Fatalf("%s: printed without asking (%d jobs)", b.name, len(printer.jobs))
		}
		if want := "Not filled in under Settings (Shop and printing): the address and the phone number."; q.text != want {
			t.Errorf("%s: question %q, want %q", b.name, q.text, want)
		}
		// Go to Settings is the default: highlighted, and Enter's (see TestEnterSubmitsADialog).
		if q.settings.Importance != widget.HighImportance || q.anyway.Text != "Print anyway" {
			t.Errorf("%s: Go to Settings %v, anyway %q; want Go to Settings highlighted", b.name, q.settings.Importance, q.anyway.Text)
		}
		test.Tap(q.cancel)
		h.settle()
		if len(printer.jobs) != 0 {
			t.Fatalf("%s: Cancel printed %v", b.name, printer.jobs)
		}
	}
	test.Tap(d.print.slip)
	h.settle()
	test.Tap(u.missing.anyway)
	h.settle()
	if job := printer.last(t); !strings.HasSuffix(job.path, "-slip.pdf") {
		t.Errorf("Print anyway printed %+v", job)
	}

	// Go to Settings opens the shop's fields.
	test.Tap(d.print.label)
	h.settle()
	test.Tap(u.missing.settings)
	h.settle()
	if u.Current() != "Settings" || h.w.Canvas().Focused() != u.settings.shopName {
		t.Errorf("Go to Settings shows %q, focus %T", u.Current(), h.w.Canvas().Focused())
	}

	setSettings(t, f.store, fullShop)
	u.missing = nil
	d = openDetail(t, h, f.cases["repair"].ID)
	test.Tap(d.print.label)
	h.settle()
	if u.missing != nil {
		t.Errorf("asked %q with every detail filled in", u.missing.text)
	}
	if job := printer.last(t); !strings.HasSuffix(job.path, "-label.pdf") {
		t.Errorf("printed %+v, want the label", job)
	}
}

// Export claim sheet asks the same way, naming what the sheet would leave blank; Export
// anyway goes on to the save dialog.
func TestClaimExportAsksWhenShopDetailsAreMissing(t *testing.T) {
	f := newClaimFixture(t)
	draft := &model.Claim{ManufacturerID: f.eletrek.ID, Lines: []model.ClaimLine{{CaseID: f.owed1.ID}}}
	if err := f.store.CreateClaim(t.Context(), draft); err != nil {
		t.Fatal(err)
	}
	h := showScreen(t, f.store, "Claims")
	s := h.u.claims
	s.list.selectRow(0)
	h.settle()
	s.askExport()
	h.settle()
	q := h.u.missing
	if q == nil || !strings.Contains(q.text, "the shop name, the address, the phone number, the contact and the currency") ||
		q.anyway.Text != "Export anyway" {
		t.Fatalf("question %+v", q)
	}
	test.Tap(q.anyway)
	h.settle()
	topDialogButton(t, h.w, "Save") // the save dialog, in place of the question

	setSettings(t, f.store, fullShop)
	h.w.Canvas().Overlays().Top().Hide()
	h.u.missing = nil
	s.askExport()
	h.settle()
	if h.u.missing != nil {
		t.Errorf("asked %q with every detail filled in", h.u.missing.text)
	}
	topDialogButton(t, h.w, "Save")
}
