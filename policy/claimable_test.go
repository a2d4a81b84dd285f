package policy

import (
	"slices"
	"testing"

	"returndesk/model"
)

// claimRow is a router case of EleTrek's, reported on 2026-03-01, shipped 2025-06-01,
// bought 2025-12-20 and tested as the manufacturer's defect, in the repair tier.
func claimRow(no model.CaseNo, edit func(*ClaimRow)) ClaimRow {
	r := ClaimRow{Case: model.ClaimCandidate{CaseID: 1, CaseNo: no, Model: "R1", Serial: "SN-" + model.Serial(no),
		PurchaseDate: model.MustDate("2025-12-20"), ShipmentDate: model.MustDate("2025-06-01"),
		ReportedDate: model.MustDate("2026-03-01"), Cause: model.CauseManufacturer, Status: model.StatusDiagnosing,
		UnitPrice: 12900}, Tier: model.TierRepair}
	if edit != nil {
		edit(&r)
	}
	return r
}

func TestClaimable(t *testing.T) {
	eletrek := model.Manufacturer{ID: 2, Name: "EleTrek"}
	dp, _ := Preset(EleTrekDistributor)
	for _, tc := range []struct {
		name   string
		dp     *Policy
		edit   func(*ClaimRow)
		listed string // owed, apart, or "" (not listed)
		reason string // the English reason
		remedy model.Remedy
	}{
		{"in window", &dp, nil, "owed",
			"EleTrek distributors (days 0–365 (12 months), cause: Manufacturer defect), EleTrek's warranty until 2026-06-01", model.RemedyReplace},
		{"in window, the case's remedy allowed", &dp, func(r *ClaimRow) { r.Remedy = model.RemedyRefund }, "owed",
			"EleTrek distributors (days 0–365 (12 months), cause: Manufacturer defect), EleTrek's warranty until 2026-06-01", model.RemedyRefund},
		{"in window, regular customer", &dp, func(r *ClaimRow) { r.Case.Regular = true }, "owed",
			"EleTrek distributors (days 0–365 (12 months), cause: Manufacturer defect), EleTrek's warranty until 2026-06-01; postage deducted from the next PI", model.RemedyReplace},
		{"after the window", &dp, func(r *ClaimRow) { r.Case.ShipmentDate = model.MustDate("2024-12-01") }, "apart",
			"reported 2026-03-01, after EleTrek's warranty ended on 2025-12-01", ""},
		{"after the window, paid tier", &dp, func(r *ClaimRow) {
			r.Case.ShipmentDate, r.Tier = model.MustDate("2024-12-01"), model.TierPaid
		}, "", "", ""},
		{"dealer carries the cost", &dp, func(r *ClaimRow) {
			r.DealerCost, r.Case.Cause, r.Case.ShipmentDate = true, model.CauseUnknown, model.MustDate("2024-11-01")
		}, "apart", "the customer is covered but EleTrek's warranty ended on 2025-11-01", ""},
		{"dealer carries the cost, no policy", nil, func(r *ClaimRow) { r.DealerCost = true }, "apart",
			"the customer is covered but EleTrek's warranty is over", ""},
		{"no shipment date", &dp, func(r *ClaimRow) { r.Case.ShipmentDate = model.Date{} }, "apart",
			"no shipment date: EleTrek's warranty cannot be checked", ""},
		{"reported before shipment", &dp, func(r *ClaimRow) {
			r.Case.ShipmentDate, r.Case.PurchaseDate = model.MustDate("2026-03-05"), model.Date{}
		}, "apart", "reported 2026-03-01, before the shipment date 2026-03-05: check the dates", ""},
		{"misuse", &dp, func(r *ClaimRow) { r.Case.Cause = model.CauseMisuse }, "", "", ""},
		{"not tested yet", &dp, func(r *ClaimRow) { r.Case.Cause = model.CauseUnknown }, "", "", ""},
		{"cancelled", &dp, func(r *ClaimRow) { r.Case.Status = model.StatusCancelled }, "", "", ""},
		{"linked to an OEM order", &dp, func(r *ClaimRow) { r.OEMLinked = true }, "", "", ""},
		{"claimed already", &dp, func(r *ClaimRow) { r.LastClaim = "CLM-2026-0001" }, "", "", ""},
		{"accepted", &dp, func(r *ClaimRow) { r.LastClaim, r.LastDecision = "CLM-2026-0001", model.DecisionAccepted }, "", "", ""},
		{"rejected", &dp, func(r *ClaimRow) { r.LastClaim, r.LastDecision = "CLM-2026-0001", model.DecisionRejected }, "apart",
			"rejected by EleTrek in claim CLM-2026-0001", ""},
		{"rejected with a note", &dp, func(r *ClaimRow) {
			r.LastClaim, r.LastDecision, r.LastNote = "CLM-2026-0001", model.DecisionRejected, "water damage found"
		}, "apart", "rejected by EleTrek in claim CLM-2026-0001: water damage found", ""},
		{"no policy", nil, nil, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Claimable(eletrek, tc.dp, model.Date{}, []ClaimRow{claimRow("RMA-1", tc.edit)})
			if err != nil {
				t.Fatal(err)
			}
			var listed []model.ClaimCandidate
			where := ""
			switch {
			case len(got.Owed) > 0:
				listed, where = got.Owed, "owed"
			case len(got.DealerCost) > 0:
				listed, where = got.DealerCost, "apart"
			}
			if where != tc.listed || len(got.Owed)+len(got.DealerCost) > 1 {
				t.Fatalf("owed %v, apart %v: want %q", got.Owed, got.DealerCost, tc.listed)
			}
			if where == "" {
				return
			}
			c := listed[0]
			if r := c.Reason.String(); r != tc.reason {
				t.Errorf("reason %q,\nwant   %q", r, tc.reason)
			}
			if c.RemedyAsked != tc.remedy {
				t.Errorf("remedy asked %q, want %q", c.RemedyAsked, tc.remedy)
			}
			if tc.listed == "owed" && (c.WindowEnds != model.MustDate("2026-06-01") || c.FreightBy != string(PayerManufacturer)) {
				t.Errorf("window ends %s, freight by %q", c.WindowEnds, c.FreightBy)
			}
			if tc.name == "rejected" && c.ClaimNo != "CLM-2026-0001" {
				t.Errorf("rejected by claim %q", c.ClaimNo)
			}
		})
	}
}

// The reasons are wordings to translate: their keys are the English formats, the
// manufacturer's name and the dates their arguments.
func TestClaimableReasonsAreTexts(t *testing.T) {
	dp, _ := Preset(EleTrekDistributor)
	got, err := Claimable(model.Manufacturer{Name: "EleTrek"}, &dp, model.Date{}, []ClaimRow{claimRow("RMA-1", nil)})
	if err != nil {
		t.Fatal(err)
	}
	if r := got.Owed[0].Reason; r.Key != "%s (%s), %s's warranty until %s" || len(r.Args) != 4 || r.Args[2] != "EleTrek" {
		t.Errorf("reason %#v", r)
	}
	none, err := Claimable(model.Manufacturer{Name: "Halotek"}, nil, model.Date{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if none.Note.Key == "" || none.Note.Args[0] != "Halotek" {
		t.Errorf("note without a policy %#v", none.Note)
	}
}

func TestClaimableOrderAndPolicyKind(t *testing.T) {
	dp, _ := Preset(EleTrekDistributor)
	on := func(day string) func(*ClaimRow) {
		return func(r *ClaimRow) { r.Case.ReportedDate = model.MustDate(day) }
	}
	rows := []ClaimRow{claimRow("RMA-3", on("2026-03-02")), claimRow("RMA-2", on("2026-03-01")),
		claimRow("RMA-1", on("2026-03-02")), claimRow("RMA-0", on("2026-02-28"))}
	got, err := Claimable(model.Manufacturer{Name: "EleTrek"}, &dp, model.MustDate("2026-03-31"), rows)
	if err != nil {
		t.Fatal(err)
	}
	var nos []model.CaseNo
	for _, c := range got.Owed {
		nos = append(nos, c.CaseNo)
	}
	if want := []model.CaseNo{"RMA-0", "RMA-2", "RMA-1", "RMA-3"}; !slices.Equal(nos, want) {
		t.Errorf("owed in order %v, want %v (oldest report first, then case number)", nos, want)
	}
	if rows[0].Case.CaseNo != "RMA-3" {
		t.Error("Claimable reordered the caller's rows")
	}
	if got.Until != model.MustDate("2026-03-31") {
		t.Errorf("until %s", got.Until)
	}
	terminal, _ := Preset(HalotekTerminal)
	if _, err := Claimable(model.Manufacturer{Name: "EleTrek"}, &terminal, model.Date{}, rows); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("a terminal policy as the distributor policy: %v, want EINVALID", err)
	}
}
