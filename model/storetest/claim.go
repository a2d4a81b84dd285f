package storetest

import (
	"strings"
	"testing"
	"time"

	"returndesk/model"
)

func testClaims(t *testing.T, s suite) {
	db, clk := s.openTest(t)
	f := Seed(t, db)
	a := MustCreate(t, db, f.NewCase("SN-C1"))
	b := MustCreate(t, db, f.NewCase("SN-C2"))
	rc := f.NewCase("SN-C3")
	rc.Case.ProductID = f.Router.ID
	router := MustCreate(t, db, rc)

	claim := model.Claim{ManufacturerID: f.Halotek.ID, PeriodFrom: model.MustDate("2026-03-01"),
		PeriodUntil: model.MustDate("2026-03-31"), Lines: []model.ClaimLine{
			{CaseID: a.ID, RemedyAsked: model.RemedyReplace, UnitPrice: 129900, FreightBy: "manufacturer"},
			{CaseID: b.ID, RemedyAsked: model.RemedyRepair, Quantity: 2},
		}}
	if err := db.CreateClaim(ctx, &claim); err != nil {
		t.Fatal(err)
	}
	if claim.ClaimNo != "CLM-2026-0001" || claim.Status != model.ClaimDraft || claim.ID == 0 ||
		claim.Manufacturer != "Halotek" || !claim.CreatedAt.Equal(Start) {
		t.Errorf("created claim %+v", claim)
	}
	if claim.Lines[0].CaseNo != a.CaseNo || claim.Lines[0].ID == 0 || claim.Lines[0].Quantity != 1 {
		t.Errorf("line 1 = %+v", claim.Lines[0])
	}

	got, err := db.FindClaim(ctx, "clm-2026-0001")
	if err != nil {
		t.Fatal(err)
	}
	if got.Manufacturer != "Halotek" || got.PeriodUntil != model.MustDate("2026-03-31") || len(got.Lines) != 2 ||
		got.Lines[0].CaseNo != a.CaseNo || got.Lines[0].UnitPrice != 129900 || got.Lines[0].FreightBy != "manufacturer" ||
		got.Lines[1].CaseNo != b.CaseNo || got.Lines[1].Quantity != 2 || got.Lines[1].Decision != model.DecisionNone {
		t.Errorf("FindClaim = %+v", got)
	}
	_, err = db.FindClaim(ctx, "CLM-2026-0999")
	WantCode(t, err, model.ENOTFOUND)

	// The list shows the claim number on the case's row.
	list, _, _ := db.FindCases(ctx, model.CaseFilter{Serial: "SN-C2"})
	if len(list) != 1 || list[0].ClaimNo != "CLM-2026-0001" {
		t.Errorf("case row claim_no = %+v", list)
	}

	// A case in an open claim cannot be claimed again.
	err = db.CreateClaim(ctx, &model.Claim{ManufacturerID: f.Halotek.ID, Lines: []model.ClaimLine{{CaseID: a.ID}}})
	WantCode(t, err, model.ECONFLICT)
	if msg := model.ErrorMessage(err); !strings.Contains(msg, string(a.CaseNo)) || !strings.Contains(msg, "CLM-2026-0001") {
		t.Errorf("message %q", msg)
	}
	// Once that claim is settled it can.
	for _, to := range []model.ClaimStatus{model.ClaimSubmitted, model.ClaimAnswered, model.ClaimSettled} {
		if _, err := db.SetClaimStatus(ctx, "CLM-2026-0001", to); err != nil {
			t.Fatal(err)
		}
	}
	clk.Advance(time.Hour)
	again := model.Claim{ManufacturerID: f.Halotek.ID, Lines: []model.ClaimLine{{CaseID: a.ID}}}
	if err := db.CreateClaim(ctx, &again); err != nil {
		t.Fatal(err)
	}
	if again.ClaimNo != "CLM-2026-0002" {
		t.Errorf("second claim no %s", again.ClaimNo)
	}
	list, _, _ = db.FindCases(ctx, model.CaseFilter{Serial: "SN-C1"})
	if list[0].ClaimNo != "CLM-2026-0002" {
		t.Errorf("latest claim of the case = %s", list[0].ClaimNo)
	}

	bad := []struct {
		name  string
		claim model.Claim
		code  model.Code
	}{
		{"no manufacturer", model.Claim{Lines: []model.ClaimLine{{CaseID: b.ID}}}, model.EINVALID},
		{"no lines", model.Claim{ManufacturerID: f.Halotek.ID}, model.EINVALID},
		{"unknown manufacturer", model.Claim{ManufacturerID: 999, Lines: []model.ClaimLine{{CaseID: router.ID}}}, model.EINVALID},
		{"other manufacturer's case", model.Claim{ManufacturerID: f.Halotek.ID, Lines: []model.ClaimLine{{CaseID: router.ID}}}, model.EINVALID},
		{"unknown case", model.Claim{ManufacturerID: f.Halotek.ID, Lines: []model.ClaimLine{{CaseID: 999}}}, model.EINVALID},
		{"case twice", model.Claim{ManufacturerID: f.EleTrek.ID, Lines: []model.ClaimLine{{CaseID: router.ID}, {CaseID: router.ID}}}, model.EINVALID},
		{"bad decision", model.Claim{ManufacturerID: f.EleTrek.ID, Lines: []model.ClaimLine{{CaseID: router.ID, Decision: "maybe"}}}, model.EINVALID},
		{"negative freight", model.Claim{ManufacturerID: f.EleTrek.ID, Lines: []model.ClaimLine{{CaseID: router.ID, Freight: -1}}}, model.EINVALID},
		{"period backwards", model.Claim{ManufacturerID: f.EleTrek.ID, PeriodFrom: model.MustDate("2026-03-02"),
			PeriodUntil: model.MustDate("2026-03-01"), Lines: []model.ClaimLine{{CaseID: router.ID}}}, model.EINVALID},
	}
	for _, tt := range bad {
		c := tt.claim
		err := db.CreateClaim(ctx, &c)
		if model.ErrorCode(err) != tt.code {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
		}
	}
	// Failed claims used no numbers.
	ok := model.Claim{ManufacturerID: f.EleTrek.ID, Lines: []model.ClaimLine{{CaseID: router.ID}}}
	if err := db.CreateClaim(ctx, &ok); err != nil || ok.ClaimNo != "CLM-2026-0003" {
		t.Errorf("third claim %s, %v", ok.ClaimNo, err)
	}

	claims, err := db.ListClaims(ctx)
	if err != nil || len(claims) != 3 || claims[0].ClaimNo != "CLM-2026-0003" || claims[2].Status != model.ClaimSettled {
		t.Errorf("ListClaims = %+v, %v", claims, err)
	}
}

func testOEMOrders(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	o := model.OEMOrder{ManufacturerID: f.Halotek.ID, ProductID: f.Phone.ID, CustomerID: f.Zhang.ID, OrderNo: "PO-77",
		Quantity: 1000, ShipmentDate: model.MustDate("2026-01-20"), SpareRate: "0.4"}
	if err := db.CreateOEMOrder(ctx, &o); err != nil {
		t.Fatal(err)
	}
	received := 3
	o2 := model.OEMOrder{ManufacturerID: f.Halotek.ID, ProductID: f.Phone.ID, OrderNo: "PO-78",
		Quantity: 500, ShipmentDate: model.MustDate("2026-02-20"), SpareRate: "0.5", SparesReceived: &received}
	if err := db.CreateOEMOrder(ctx, &o2); err != nil {
		t.Fatal(err)
	}
	dup := o
	WantCode(t, db.CreateOEMOrder(ctx, &dup), model.ECONFLICT)
	for name, bad := range map[string]model.OEMOrder{
		"rate text":      {ManufacturerID: f.Halotek.ID, ProductID: f.Phone.ID, OrderNo: "X", Quantity: 1, ShipmentDate: o.ShipmentDate, SpareRate: "0.4%"},
		"zero quantity":  {ManufacturerID: f.Halotek.ID, ProductID: f.Phone.ID, OrderNo: "X", Quantity: 0, ShipmentDate: o.ShipmentDate, SpareRate: "0.4"},
		"wrong maker":    {ManufacturerID: f.EleTrek.ID, ProductID: f.Phone.ID, OrderNo: "X", Quantity: 1, ShipmentDate: o.ShipmentDate, SpareRate: "0.4"},
		"missing client": {ManufacturerID: f.Halotek.ID, ProductID: f.Phone.ID, CustomerID: 999, OrderNo: "X", Quantity: 1, ShipmentDate: o.ShipmentDate, SpareRate: "0.4"},
	} {
		bad := bad
		if err := db.CreateOEMOrder(ctx, &bad); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
	list, err := db.ListOEMOrders(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("ListOEMOrders = %+v, %v", list, err)
	}
	if list[0].OrderNo != "PO-78" || *list[0].SparesReceived != 3 || list[1].SparesReceived != nil ||
		list[1].SpareRate != "0.4" || list[1].CustomerID != f.Zhang.ID || list[1].ShipmentDate != o.ShipmentDate {
		t.Errorf("ListOEMOrders = %+v", list)
	}
}
