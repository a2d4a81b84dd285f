package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"returndesk/model"
)

// openProducts shows the Products & serials screen of a fresh window on the fixture.
func openProducts(t *testing.T) (*harness, *productsScreen, *fixture) {
	t.Helper()
	h, f := openScreen(t, "Products & serials")
	return h, h.u.products, f
}

func productModels(s *productsScreen) string {
	return joined(s.rows, func(p model.Product) string { return string(p.Model) })
}

func TestProductsListAndAddWithBadPrice(t *testing.T) {
	h, s, f := openProducts(t)
	ctx := context.Background()
	if got := productModels(s); got != "HT-P9,HT-R200" {
		t.Fatalf("products = %s", got)
	}
	if got := strings.Join(s.maker.Options, ","); got != allManufacturers()+",Halotek" {
		t.Errorf("manufacturer filter = %s", got)
	}

	// Editing shows the product's fields.
	s.list.Select(1)
	if s.form.code.Text != "HT-R200" || s.form.name.Text != "双频路由器" || s.form.price.Text != "299.00" ||
		s.form.maker.Selected != "Halotek" {
		t.Errorf("form = %q %q %q %q", s.form.code.Text, s.form.name.Text, s.form.price.Text, s.form.maker.Selected)
	}

	test.Tap(s.add)
	if s.form.title.Text != "New product" || s.form.code.Text != "" {
		t.Fatalf("new product form: %q %q", s.form.title.Text, s.form.code.Text)
	}
	if s.form.maker.Selected != "Halotek" { // the shop's only maker
		t.Errorf("a new product's manufacturer is %q, want the only one, Halotek", s.form.maker.Selected)
	}
	s.form.maker.ClearSelected()
	test.Tap(s.form.save)
	if l := s.form.errs["manufacturer"]; !l.Visible() || l.Text != "Required" {
		t.Errorf("manufacturer message = %q", l.Text)
	}
	if l := s.form.errs["model"]; !l.Visible() || l.Text != "Required" {
		t.Errorf("model message = %q", l.Text)
	}

	s.form.maker.SetSelected("Halotek")
	test.Type(s.form.code, "HT-X1")
	test.Type(s.form.name, "旅行充电器")
	test.Type(s.form.price, "12,50")
	s.form.custom.SetChecked(true)
	test.Tap(s.form.save)
	h.settle()
	if l := s.form.errs["unit_price"]; !l.Visible() || l.Text != `"12,50" is not an amount such as 12.50` {
		t.Errorf("price message = %q (visible %v)", l.Text, l.Visible())
	}
	if s.form.errs["model"].Visible() || s.form.errs["manufacturer"].Visible() {
		t.Errorf("fixed fields still show messages")
	}
	if !canvasHasText(h.w.Canvas(), `"12,50" is not an amount such as 12.50`) {
		t.Errorf("the price message is not drawn")
	}
	if _, err := f.store.ProductByModel(ctx, 0, "HT-X1"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("a product was stored from an invalid form: %v", err)
	}

	s.form.price.SetText("-3")
	test.Tap(s.form.save)
	if l := s.form.errs["unit_price"]; l.Text != "Cannot be negative" {
		t.Errorf("negative price message = %q", l.Text)
	}

	s.form.price.SetText("12.5")
	test.Tap(s.form.save)
	h.settle()
	p, err := f.store.ProductByModel(ctx, 0, "HT-X1")
	if err != nil {
		t.Fatal(err)
	}
	if p.UnitPrice != 1250 || p.Name != "旅行充电器" || !p.CustomBranded || p.Manufacturer != "Halotek" {
		t.Errorf("stored = %+v", p)
	}
	if got := productModels(s); got != "HT-P9,HT-R200,HT-X1" {
		t.Errorf("list after adding = %s", got)
	}
	if s.selected != p.ID || s.form.save.Text != "Save changes" || s.form.price.Text != "12.50" {
		t.Errorf("after saving: selected %d, %q, price %q", s.selected, s.form.save.Text, s.form.price.Text)
	}

	// A model code the manufacturer already has: the store's conflict shows next to the field.
	test.Tap(s.add)
	s.form.maker.SetSelected("Halotek")
	test.Type(s.form.code, "ht-p9")
	test.Tap(s.form.save)
	h.settle()
	if l := s.form.errs["model"]; !l.Visible() || !strings.Contains(l.Text, "already has a model") {
		t.Errorf("duplicate model message = %q", l.Text)
	}
}

// TestSerialHistoryFollowsTheSwapChain: R200-ZW-0001 was swapped for R200-ZW-0002, which
// came back and was swapped for R200-ZW-0003; each unit's lookup shows the whole chain.
func TestSerialHistoryFollowsTheSwapChain(t *testing.T) {
	h, s, f := openProducts(t)
	ctx := context.Background()
	var opened model.CaseID
	h.u.openCase = func(id model.CaseID) { opened = id }

	found, _, err := f.store.FindCases(ctx, model.CaseFilter{Serial: "R200-ZW-0001"}) // 张伟's router
	if err != nil || len(found) != 1 {
		t.Fatalf("fixture: %v %v", err, found)
	}
	first, err := f.store.CaseByID(ctx, found[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	swap := func(id model.CaseID, to model.Serial) {
		t.Helper()
		if _, err := f.store.UpdateCase(ctx, id, model.CaseUpdate{ReplacementSerial: &to}, "test"); err != nil {
			t.Fatal(err)
		}
	}
	swap(first.ID, "R200-ZW-0002")
	second, err := f.store.CreateCase(ctx, model.NewCase{Case: model.Case{
		CustomerID: first.CustomerID, ProductID: first.ProductID, Serial: "R200-ZW-0002",
		PurchaseDate: model.MustDate("2026-03-01"), ReportedDate: model.MustDate("2026-04-10"),
		Fault: "WiFi 又断线", Tier: model.TierReplace}}, "test")
	if err != nil {
		t.Fatal(err)
	}
	swap(second.ID, "R200-ZW-0003")
	if err := f.store.ImportSales(ctx, []model.Sale{{Serial: "R200-ZW-0002", Model: "HT-R200", CustomerName: "张伟",
		Phone: "13800138000", Invoice: "FP-77", PurchaseDate: model.MustDate("2026-03-01")}}); err != nil {
		t.Fatal(err)
	}

	l := s.lookup
	test.Type(l.entry, "r200-zw-0002")
	l.entry.OnSubmitted(l.entry.Text) // Enter, as a scanner sends it
	h.settle()
	if !l.saleBox.Visible() || l.saleVal["Customer"].Text != "张伟" || l.saleVal["Invoice"].Text != "FP-77" ||
		l.saleVal["Model"].Text != "HT-R200 (Halotek)" || l.saleVal["Purchased"].Text != "2026-03-01" || l.saleVal["Shipped"].Text != "—" {
		t.Errorf("sale shown: %v %q %q %q", l.saleBox.Visible(), l.saleVal["Customer"].Text, l.saleVal["Model"].Text, l.saleVal["Shipped"].Text)
	}
	if len(l.cases.rows) != 1 || l.cases.rows[0].ID != second.ID {
		t.Errorf("cases of R200-ZW-0002 = %+v", l.cases.rows)
	}
	want := "Unit history: R200-ZW-0001 ⟶ [R200-ZW-0002] ⟶ R200-ZW-0003"
	if l.chainLn.Text != want {
		t.Errorf("chain = %q, want %q", l.chainLn.Text, want)
	}
	if len(l.links) != 2 || l.links[0].caseNo != first.CaseNo || l.links[1].caseNo != second.CaseNo {
		t.Errorf("links = %+v", l.links)
	}
	if !canvasHasText(h.w.Canvas(), "R200-ZW-0001 ⟶ R200-ZW-0002 in "+string(first.CaseNo)+", reported 2026-03-05") {
		t.Errorf("the first swap is not drawn")
	}
	l.cases.open(0)
	if opened != second.ID {
		t.Errorf("opened %d, want %d", opened, second.ID)
	}

	// The newest unit has no sales record of its own, but the same history.
	l.entry.SetText("R200-ZW-0003")
	l.find()
	h.settle()
	if l.saleBox.Visible() || !strings.Contains(l.status.Text, "No sales record for serial R200-ZW-0003") {
		t.Errorf("status = %q", l.status.Text)
	}
	if l.chainLn.Text != "Unit history: R200-ZW-0001 ⟶ R200-ZW-0002 ⟶ [R200-ZW-0003]" {
		t.Errorf("chain from the end = %q", l.chainLn.Text)
	}
	if len(l.cases.rows) != 0 || l.caseInf.Text != "— none" {
		t.Errorf("cases of R200-ZW-0003: %d, %q", len(l.cases.rows), l.caseInf.Text)
	}

	// The first unit: its own case, and the chain from the start.
	l.entry.SetText("R200-ZW-0001")
	l.find()
	h.settle()
	if l.chainLn.Text != "Unit history: [R200-ZW-0001] ⟶ R200-ZW-0002 ⟶ R200-ZW-0003" || len(l.cases.rows) != 1 {
		t.Errorf("from the start: %q, %d cases", l.chainLn.Text, len(l.cases.rows))
	}

	// A unit never swapped, and a serial typed in part.
	l.entry.SetText("P9-ZW-0002")
	l.find()
	h.settle()
	if !strings.HasPrefix(l.chainLn.Text, "Never swapped") || len(l.cases.rows) != 1 {
		t.Errorf("P9-ZW-0002: %q, %d cases", l.chainLn.Text, len(l.cases.rows))
	}
	l.entry.SetText("R200-ZW")
	l.find()
	h.settle()
	if !l.similar.Visible() || len(l.similar.Objects) != 1 {
		t.Fatalf("no suggestion for a partial serial: %q", l.status.Text)
	}
	test.Tap(l.similar.Objects[0].(*button))
	h.settle()
	if l.entry.Text != "R200-ZW-0002" || !l.saleBox.Visible() {
		t.Errorf("the suggestion did not look R200-ZW-0002 up: %q", l.entry.Text)
	}
}

func TestChainTextBranches(t *testing.T) {
	links := []swapLink{{from: "A", to: "B"}, {from: "B", to: "C"}, {from: "A", to: "D"}}
	if got := chainText(links, "b"); got != "Unit history: A ⟶ [B] ⟶ C; A ⟶ D" {
		t.Errorf("chainText = %q", got)
	}
}
