package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"returndesk/export"
	"returndesk/internal/shoptest"
	"returndesk/policy"
)

// setupShown reports whether the "Set up the shop" buttons show.
func setupShown(u *MainUI) bool {
	for _, b := range u.guide.buttons {
		if !b.Visible() {
			return false
		}
	}
	return len(u.guide.buttons) == 2
}

// On a new shop's empty database the window opens on the guide. Walked through, it stores
// the shop's details under the keys Settings edits and a manufacturer whose policies are the
// neutral templates, which name that manufacturer and no other; Add products opens Products
// & serials for it, and Finish leaves for the dashboard, with nothing left to set up.
func TestFirstStartGuideWalksANewShop(t *testing.T) {
	shop := shoptest.New(t).Presets()
	h := newTestUI(t, shop.DB)
	u, g := h.u, h.u.guide
	ctx := context.Background()
	if !g.isOpen() || g.step != stepShop || h.w.Canvas().Focused() != g.shop.shopName {
		t.Fatalf("an empty database opens on %q (guide open %v, step %d)", u.Current(), g.isOpen(), g.step)
	}

	test.Type(g.shop.shopName, "华强电子维修中心")
	test.Type(g.shop.shopPhone, "0755-8326 1234")
	test.Type(g.shop.currency, "cny")
	test.Tap(g.shop.saveShop)
	h.settle()
	for k, want := range map[string]string{export.SettingShopName: "华强电子维修中心", export.SettingShopPhone: "0755-8326 1234",
		export.SettingCurrency: "CNY"} {
		if got, _ := shop.DB.Setting(ctx, k); got != want {
			t.Errorf("setting %s = %q, want %q", k, got, want)
		}
	}
	if g.step != stepMaker || !g.done[stepShop] || u.settings.shopName.Text != "华强电子维修中心" {
		t.Fatalf("after saving the shop: step %d, Settings shows %q", g.step, u.settings.shopName.Text)
	}

	test.Type(g.makerName, "Voltix")
	if p := g.preview.Text; !strings.Contains(p, "Voltix's service center") || strings.Contains(p, "Halotek") ||
		strings.Contains(p, "EleTrek") || strings.Contains(p, policy.MakerPlaceholder) {
		t.Errorf("preview %q: want Voltix's name and no other maker's", p)
	}
	test.Tap(g.makerSave)
	h.settle()
	mans, err := shop.DB.ListManufacturers(ctx)
	if err != nil || len(mans) != 1 {
		t.Fatalf("manufacturers %v, %v", mans, err)
	}
	if m := mans[0]; m.Name != "Voltix" || m.TerminalPolicy != policy.TemplateTerminal ||
		m.DistributorPolicy != policy.TemplateDistributor || m.OEMPolicy != "" {
		t.Errorf("stored %+v, want the terminal and distributor templates", m)
	}
	if g.step != stepProducts || !strings.Contains(g.productsNote.Text, "Voltix") {
		t.Fatalf("after adding the manufacturer: step %d, %q", g.step, g.productsNote.Text)
	}

	// Add products… opens Products & serials for Voltix; the guide comes back on the next step.
	if setupShown(u) {
		t.Error(`"Set up the shop" shows with the shop named and a manufacturer`)
	}
	test.Tap(findButton(t, g.panels[stepProducts], "Add products…"))
	h.settle()
	if u.Current() != "Products & serials" || g.isOpen() || u.products.form.maker.Selected != "Voltix" {
		t.Errorf("Add products shows %q, maker %q", u.Current(), u.products.form.maker.Selected)
	}
	g.open()
	if !g.isOpen() || g.step != stepSales || g.skip.Text != "Finish" {
		t.Errorf("reopened at step %d (%q)", g.step, g.skip.Text)
	}
	test.Tap(g.skip)
	h.settle()
	if g.isOpen() || u.Current() != "Dashboard" {
		t.Errorf("Finish leaves the guide open on %q", u.Current())
	}
}

// Every step can be skipped; the dashboard and Settings then offer "Set up the shop", which
// opens the guide again. A database with manufacturers does not open on the guide.
func TestFirstStartGuideSkipsAndReopens(t *testing.T) {
	h := newTestUI(t, shoptest.New(t).Presets().DB)
	u, g := h.u, h.u.guide
	for i := range guideSteps {
		if !g.isOpen() || g.step != i {
			t.Fatalf("skip %d: guide open %v at step %d", i, g.isOpen(), g.step)
		}
		test.Tap(g.skip)
		h.settle()
	}
	if g.isOpen() || u.Current() != "Dashboard" || !setupShown(u) {
		t.Fatalf("after skipping every step: guide open %v on %q, Set up the shop shown %v", g.isOpen(), u.Current(), setupShown(u))
	}
	if mans, _ := u.store.ListManufacturers(context.Background()); len(mans) != 0 {
		t.Errorf("skipping stored %v", mans)
	}
	test.Tap(g.buttons[0])
	h.settle()
	if !g.isOpen() || g.step != stepShop {
		t.Fatalf("Set up the shop: guide open %v at step %d", g.isOpen(), g.step)
	}
	// Back and Skip move between steps; a tap on the sidebar leaves the guide.
	test.Tap(g.skip)
	test.Tap(g.back)
	if g.step != stepShop || g.back.Visible() {
		t.Errorf("Back: step %d, Back visible %v", g.step, g.back.Visible())
	}
	u.nav.Select(9)
	h.settle()
	if g.isOpen() || u.Current() != "Settings" {
		t.Errorf("the sidebar leaves the guide open (%q)", u.Current())
	}

	// An existing shop opens on the dashboard; without a shop name it still offers the guide.
	f := newFixture(t)
	h2 := newTestUI(t, f.store)
	if h2.u.guide.isOpen() || !setupShown(h2.u) {
		t.Errorf("a shop with manufacturers: guide open %v, Set up the shop shown %v", h2.u.guide.isOpen(), setupShown(h2.u))
	}
	setSettings(t, f.store, map[string]string{export.SettingShopName: "华强电子"})
	h2.u.nav.Select(9)
	h2.settle()
	if setupShown(h2.u) {
		t.Error(`"Set up the shop" shows with nothing missing`)
	}
}

// findButton finds the button labelled text inside root.
func findButton(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Button:
			if o.Text == text {
				found = o
			}
		case *button:
			if o.Text == text {
				found = &o.Button
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		}
	}
	walk(root)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}
