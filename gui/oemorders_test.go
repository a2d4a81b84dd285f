package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"returndesk/model"
)

func TestOEMOrdersScreenShowsAllowanceAndClaimsTheExcess(t *testing.T) {
	f := newClaimFixture(t)
	h := newTestUI(t, f.store)
	u := h.u
	u.Show("OEM orders")
	h.settle()
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
