package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
	"returndesk/policy"
)

func TestOEMOrdersScreenShowsAllowanceAndClaimsTheExcess(t *testing.T) {
	f := newClaimFixture(t)
	h := showScreen(t, f.store, "OEM orders")
	u := h.u
	s := u.oemOrders
	if len(s.list.rows) != 1 || s.list.cell(0, 0) != "PO-NA-017" || s.list.cell(0, 7) != "1" || s.list.cell(0, 8) != "0" {
		t.Fatalf("orders = %v (%s)", s.list.rows, s.errs.text())
	}
	if s.current == nil || s.bar.Value != 0 || !s.claimEx.Disabled() {
		t.Errorf("a fresh order: bar %v, claim enabled %v", s.bar.Value, !s.claimEx.Disabled())
	}

	// Link the reported defects: 3 against 1 spare.
	test.Tap(s.link)
	h.settle()
	if len(s.defects.rows) != 3 || !strings.Contains(s.message.Text, "Linked 3") {
		t.Fatalf("defects = %v (%s / %s)", s.defects.rows, s.message.Text, s.errs.text())
	}
	if s.list.cell(0, 8) != "3" || s.list.cell(0, 9) != "2" || s.list.cell(0, 10) != "over by 2" || s.bar.Value != 1 {
		t.Errorf("allowance = %v, bar %v", s.list.rows[0], s.bar.Value)
	}
	if !strings.Contains(s.barText.Text, "1 of 1 spares") {
		t.Errorf("bar text = %q", s.barText.Text)
	}
	if s.claimEx.Disabled() || !s.claimB.Disabled() {
		t.Fatalf("claim buttons: excess %v, batch %v", !s.claimEx.Disabled(), !s.claimB.Disabled())
	}

	// Claim the excess: the two defects after the one the spare covers, as the remedy chosen.
	s.remedy.SetSelectedIndex(1)
	test.Tap(s.claimEx)
	h.settle()
	if u.Current() != "Claims" {
		t.Fatalf("the new claim is not shown: on %q (%s)", u.Current(), s.errs.text())
	}
	c := u.claims.current
	if c == nil || len(c.Lines) != 2 || c.Lines[0].CaseNo != f.oemCases[1].CaseNo || c.Lines[1].CaseNo != f.oemCases[2].CaseNo ||
		c.Lines[0].RemedyAsked != model.RemedyDeductNextOrder || c.Lines[0].UnitPrice != 2450 || c.Manufacturer != "Halotek" {
		t.Fatalf("excess claim = %+v", c)
	}

	// Back on the order: nothing more to claim as excess; a batch defect claims the rest whole.
	u.Show("OEM orders")
	h.settle()
	if !s.claimEx.Disabled() || s.list.cell(0, 9) != "2" {
		t.Errorf("excess claimable again: %v", s.list.rows[0])
	}
	s.batch.SetChecked(true)
	h.settle()
	if s.claimB.Disabled() || s.list.cell(0, 10) != "batch defect" {
		t.Fatalf("batch: %v, claim batch disabled %v", s.list.rows[0], s.claimB.Disabled())
	}
	test.Tap(s.claimB)
	h.settle()
	c = u.claims.current
	if c == nil || len(c.Lines) != 1 || c.Lines[0].CaseNo != f.oemCases[0].CaseNo || c.Lines[0].RemedyAsked != model.RemedyAirReplacement {
		t.Fatalf("batch claim = %+v", c)
	}

	// Unlink a defect.
	u.Show("OEM orders")
	h.settle()
	s.defects.selectRow(0)
	test.Tap(s.unlink)
	h.settle()
	if len(s.defects.rows) != 2 {
		t.Errorf("defects after unlink = %v (%s)", s.defects.rows, s.errs.text())
	}
}

// An order whose defect rate is above its allowance with 95 % confidence: the screen shows
// the rate, the bound and the projection, the alarm sentence in the warning colour, and
// offers the batch claim, which marks the order a batch defect and claims every defect by air.
func TestOEMOrdersScreenBatchAlarm(t *testing.T) {
	f := newClaimFixture(t)
	ctx := context.Background()
	f.store.Now = func() time.Time { return time.Date(2026, 8, 20, 12, 0, 0, 0, time.UTC) }
	o := model.OEMOrder{ManufacturerID: f.halotek.ID, ProductID: f.order.ProductID, OrderNo: "PO-NA-021", Quantity: 100,
		ShipmentDate: model.MustDate("2025-12-20"), SpareRate: "0.5"}
	if err := f.store.CreateOEMOrder(ctx, &o); err != nil {
		t.Fatal(err)
	}
	ids := []model.CaseID{}
	for _, c := range f.oemCases {
		ids = append(ids, c.ID)
	}
	if err := f.store.LinkOEMDefects(ctx, o.ID, ids); err != nil {
		t.Fatal(err)
	}
	h := showScreen(t, f.store, "OEM orders")
	s := h.u.oemOrders
	if s.current == nil || s.current.order.OrderNo != "PO-NA-021" {
		t.Fatalf("current = %+v (%s)", s.current, s.errs.text())
	}
	// 3 in 100: at least 0.823 % (Clopper–Pearson), above 0.5 %; 3 in 8 months project to 4.5, about 5.
	want := "Defect rate 3 % (3 of 100); at least 0.823 % with 95 % confidence, against an allowance of 0.5 %. " +
		"Projection: 3 in the first 8 of 12 months, about 5 by the end of the claim year (2026-12-20), beyond the 1 spare."
	if s.stats.Text != want {
		t.Errorf("stats\n got %q\nwant %q", s.stats.Text, want)
	}
	if !s.alarm.Visible() || s.alarm.Text != say(s.current.res.AlarmText()) || s.alarm.Importance != widget.WarningImportance ||
		!strings.Contains(s.alarm.Text, "Batch alarm: 3 defects in 100 units — the defect rate is above the 0.5 % allowance") {
		t.Errorf("alarm: visible %v, %q, importance %v", s.alarm.Visible(), s.alarm.Text, s.alarm.Importance)
	}
	if s.claimB.Disabled() || s.claimB.Importance != widget.WarningImportance || s.claimEx.Importance == widget.HighImportance {
		t.Errorf("batch claim not offered: disabled %v, importance %v; excess importance %v",
			s.claimB.Disabled(), s.claimB.Importance, s.claimEx.Importance)
	}

	// The order without defects: no alarm, the excess claim is the usual action again; a
	// message of the order left goes with it.
	s.message.SetText("Linked 3 reported cases")
	s.list.selectRow(1)
	h.settle()
	if s.current.order.OrderNo != "PO-NA-017" || s.alarm.Visible() || !s.claimB.Disabled() ||
		s.claimB.Importance != widget.MediumImportance || s.claimEx.Importance != widget.HighImportance ||
		!strings.Contains(s.stats.Text, "Defect rate 0 % (0 of 500); at least 0 % with 95 % confidence") {
		t.Errorf("unalarmed order %s: alarm %v, claim batch disabled %v, stats %q",
			s.current.order.OrderNo, s.alarm.Visible(), s.claimB.Disabled(), s.stats.Text)
	}
	if s.message.Text != "" {
		t.Errorf("the last order's message stays: %q", s.message.Text)
	}

	// Take the offered claim, asked first (it marks the order): the order becomes a batch
	// defect, all three by air. "Not yet" leaves the order as it was.
	s.list.selectRow(0)
	h.settle()
	test.Tap(s.claimB)
	h.settle()
	if !strings.Contains(overlayWords(h.w.Canvas()), "Mark OEM order PO-NA-021 a batch defect and claim its 3 defects whole") {
		t.Fatalf("the batch claim asks nothing: %q", overlayWords(h.w.Canvas()))
	}
	confirmTopDialog(t, h, "Not yet")
	if s.current.order.BatchDefect || h.u.claims.current != nil {
		t.Fatalf("Not yet marked the order or made a claim")
	}
	test.Tap(s.claimB)
	h.settle()
	confirmTopDialog(t, h, "Claim batch defect")
	c := h.u.claims.current
	if h.u.Current() != "Claims" || c == nil || len(c.Lines) != 3 || c.Lines[0].RemedyAsked != model.RemedyAirReplacement {
		t.Fatalf("batch claim on %q: %+v (%s)", h.u.Current(), c, s.errs.text())
	}
	orders, err := f.store.ListOEMOrders(ctx)
	if err != nil || orders[0].OrderNo != "PO-NA-021" || !orders[0].BatchDefect {
		t.Errorf("order not marked a batch defect: %+v, %v", orders, err)
	}
}

func TestOEMStatsTextProjection(t *testing.T) {
	p, _ := policy.Preset(policy.HalotekOEM)
	o := model.OEMOrder{Quantity: 1000, SpareRate: "0.4", ShipmentDate: model.MustDate("2026-03-10"), Defects: 2}
	res, err := policy.EvaluateOEM(p, policy.OEMInput{Qty: 1000, Rate: "0.4", Defects: 2})
	if err != nil {
		t.Fatal(err)
	}
	r := oemOrderRow{order: o, res: res, rules: p}
	for today, want := range map[string]string{
		"2026-04-09": "Projection: too early, less than one month since shipment.",
		"2026-04-10": "Projection: 2 in the first 1 of 12 months, about 24 by the end of the claim year (2027-03-10), beyond the 4 spares.",
		"2026-09-10": "Projection: 2 in the first 6 of 12 months, about 4 by the end of the claim year (2027-03-10).",
		"2027-03-10": "The claim year ended on 2027-03-10: 2 defects, final.",
	} {
		if got := oemStatsText(r, model.MustDate(today)); !strings.HasSuffix(got, " "+want) {
			t.Errorf("on %s: %q, want it to end %q", today, got, want)
		}
	}
}

// A defect not tested yet counts against the spares but is not claimed: the factory would be
// asked to pay for what may be misuse (a walk's excess claim took four untested units).
func TestOEMClaimLeavesOutUntestedDefects(t *testing.T) {
	f := newClaimFixture(t)
	ctx := context.Background()
	unknown := model.CauseUnknown
	if _, err := f.store.UpdateCase(ctx, f.oemCases[2].ID, model.CaseUpdate{Cause: &unknown}, "test"); err != nil {
		t.Fatal(err)
	}
	h := showScreen(t, f.store, "OEM orders")
	s := h.u.oemOrders
	h.u.claims.top.SelectIndex(1) // the Claims screen was left on what is owed
	test.Tap(s.link)
	h.settle()
	test.Tap(s.claimEx)
	h.settle()
	if h.u.claims.top.SelectedIndex() != 0 {
		t.Errorf("the new claim opens with the owed tab in front")
	}
	c := h.u.claims.current
	if c == nil || len(c.Lines) != 1 || c.Lines[0].CaseNo != f.oemCases[1].CaseNo {
		t.Fatalf("excess claim with an untested defect = %+v", c)
	}
	if !strings.Contains(s.message.Text, "1 defect not tested yet left out") {
		t.Errorf("message %q does not say the untested defect was left out", s.message.Text)
	}
}
