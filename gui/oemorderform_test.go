package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"returndesk/model"
)

func TestOEMOrderFormAddsAnOrderAndShowsProblemsByTheirFields(t *testing.T) {
	f := newClaimFixture(t)
	brand := &model.Customer{Name: "NordAudio AB", Phone: "+46 8 410 220 00", Kind: model.KindOEM}
	if err := f.store.CreateCustomer(context.Background(), brand); err != nil {
		t.Fatal(err)
	}
	h := showScreen(t, f.store, "OEM orders")
	u := h.u
	s := u.oemOrders
	s.newOrder()
	h.settle()
	form := s.form

	// Nothing chosen and text where numbers belong: each problem next to its field.
	form.qty.SetText("five thousand")
	form.date.SetText("2026-13-01")
	form.spares.SetText("-")
	test.Tap(form.save)
	h.settle()
	for field, want := range map[string]string{
		"quantity": "whole number", "shipment_date": "month", "spares_received": "whole number",
	} {
		if got := form.errs[field].Text; !strings.Contains(got, want) || !form.errs[field].Visible() {
			t.Errorf("%s: message %q, want it to mention %q", field, got, want)
		}
	}
	if len(s.list.rows) != 1 {
		t.Fatalf("a refused order was stored: %v", s.list.rows)
	}

	// A complete order: the manufacturer's models (custom-branded first) and its lowest spare rate.
	form.maker.SetSelected("Halotek")
	h.settle()
	if len(form.model.Options) == 0 || form.rate.Text == "" {
		t.Fatalf("models %v, proposed rate %q", form.model.Options, form.rate.Text)
	}
	if !strings.HasPrefix(form.model.Options[0], "HT-OEM-H1") {
		t.Errorf("custom-branded model not first: %v", form.model.Options)
	}
	form.model.SetSelectedIndex(0)
	form.brand.SetSelected("NordAudio AB")
	form.number.SetText("PO-NA-018 订单")
	form.qty.SetText("2000")
	form.date.SetText("2026-06-01")
	form.spares.SetText("")
	test.Tap(form.save)
	h.settle()
	if len(s.list.rows) != 2 || s.current == nil || s.current.order.OrderNo != "PO-NA-018 订单" {
		t.Fatalf("orders after adding = %v (%s)", s.list.rows, s.errs.text())
	}
	if got := s.current.order; got.Quantity != 2000 || got.Customer != "NordAudio AB" || got.SparesReceived != nil {
		t.Errorf("stored order = %+v", got)
	}

	// The same order number again is refused next to the order number.
	s.newOrder()
	h.settle()
	form.maker.SetSelected("Halotek")
	h.settle()
	form.model.SetSelectedIndex(0)
	form.number.SetText("PO-NA-018 订单")
	form.qty.SetText("10")
	test.Tap(form.save)
	h.settle()
	if got := form.errs["order_no"].Text; !strings.Contains(got, "already has an order") {
		t.Errorf("duplicate order number: message %q (%s)", got, s.errs.text())
	}
}
