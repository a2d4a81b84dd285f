package storetest

import (
	"testing"

	"returndesk/model"
)

// The three warranty reports run on every engine over a claim submitted and answered in
// part: each engine's SQL must be one the engine accepts (PostgreSQL refuses a column that
// is neither grouped nor aggregated, which SQLite takes), and the figures are the same.
func testReports(t *testing.T, s suite) {
	w, list := newClaimWorld(t, s)
	db := w.db
	claim := createOwedClaim(t, db, list)
	if _, err := db.SetClaimStatus(ctx, claim.ClaimNo, model.ClaimSubmitted); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AnswerClaimLines(ctx, claim.ClaimNo, []model.ClaimAnswer{{CaseNo: w.owedA.CaseNo,
		Decision: model.DecisionAccepted}}, "tester"); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindClaim(ctx, claim.ClaimNo)
	if err != nil {
		t.Fatal(err)
	}
	var claimed, credited, outstanding model.Money
	for _, l := range got.Lines {
		value := model.Money(l.Quantity) * l.UnitPrice
		claimed += value
		credited += l.Credit
		if l.Decision == "" {
			outstanding += value
		}
	}
	all := model.Period{From: model.MustDate("2000-01-01"), Until: model.MustDate("2099-12-31")}
	today := model.MustDate("2026-12-03")

	rec, err := db.ClaimRecovery(ctx, all, today)
	if err != nil {
		t.Fatalf("ClaimRecovery: %v", err)
	}
	if len(rec.Manufacturers) != 1 {
		t.Fatalf("ClaimRecovery = %+v, want EleTrek alone", rec.Manufacturers)
	}
	r := rec.Manufacturers[0]
	if r.Manufacturer != "EleTrek" || r.Claims != 1 || r.Claimed != claimed || r.Credited != credited ||
		r.Outstanding != outstanding || r.Rejected != 0 || r.RecoveryPct != 100 || outstanding == 0 {
		t.Errorf("EleTrek's recovery = %+v, want %d claim, %s claimed, %s credited, %s outstanding, 100 %%",
			r, 1, claimed, credited, outstanding)
	}

	failures, err := db.ModelFailures(ctx, all, today)
	if err != nil {
		t.Fatalf("ModelFailures: %v", err)
	}
	if len(failures.Models) == 0 {
		t.Errorf("ModelFailures found no model: %+v", failures)
	}
	// The units shipped on an OEM order are in the field too: a model's return rate counts them.
	units := func(fs *model.ModelFailures) (n int) {
		for _, m := range fs.Models {
			n += m.UnitsSold
		}
		return n
	}
	product := w.Phone
	if w.owedA.ProductID == w.Router.ID {
		product = w.Router
	}
	o := model.OEMOrder{ManufacturerID: product.ManufacturerID, ProductID: product.ID, CustomerID: w.Zhang.ID,
		OrderNo: "PO-R-1", Quantity: 1000, ShipmentDate: model.MustDate("2025-03-01"), SpareRate: "0.4"}
	if err := db.CreateOEMOrder(ctx, &o); err != nil {
		t.Fatal(err)
	}
	if after, err := db.ModelFailures(ctx, all, today); err != nil || units(after) != units(failures)+1000 {
		t.Errorf("units in the field with an OEM order of 1000: %d, had %d (%v)", units(after), units(failures), err)
	}
	turnaround, err := db.Turnaround(ctx, all, today)
	if err != nil {
		t.Fatalf("Turnaround: %v", err)
	}
	if len(turnaround.Groups) == 0 || len(turnaround.Waiting) == 0 {
		t.Errorf("Turnaround = %+v, want groups and waiting cases", turnaround)
	}
}
