package storetest

import (
	"slices"
	"testing"

	"returndesk/model"
)

func testFindCasesByPurchaseDateAndDealerCost(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	add := func(serial, purchased string, dealerCost bool) *model.Case {
		nc := f.NewCase(serial)
		nc.Case.PurchaseDate = model.Date{}
		if purchased != "" {
			nc.Case.PurchaseDate = model.MustDate(purchased)
		}
		nc.Case.DealerCarriesCost = dealerCost
		return MustCreate(t, db, nc)
	}
	add("A", "2026-02-01", false)
	add("B", "2026-03-01", true)
	add("C", "", true)
	d := add("D", "2026-03-05", true)
	if _, err := db.MoveCase(ctx, d.ID, model.StatusCancelled, "t", ""); err != nil {
		t.Fatal(err)
	}
	list, _, err := db.FindCases(ctx, model.CaseFilter{Sort: "purchased", Descending: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := serials(list); !slices.Equal(got, []string{"D", "B", "A", "C"}) { // no date sorts first, so last descending
		t.Errorf("by purchase date, descending: %v", got)
	}
	for _, tt := range []struct {
		name   string
		filter model.CaseFilter
		want   []string
	}{
		{"purchased from", model.CaseFilter{PurchasedFrom: model.MustDate("2026-03-01")}, []string{"B", "D"}},
		{"purchased until excludes unknown dates", model.CaseFilter{PurchasedUntil: model.MustDate("2026-03-01")}, []string{"A", "B"}},
		{"purchased between", model.CaseFilter{PurchasedFrom: model.MustDate("2026-02-02"), PurchasedUntil: model.MustDate("2026-03-04")}, []string{"B"}},
		{"dealer carries cost", model.CaseFilter{DealerCarriesCost: true}, []string{"B", "C", "D"}},
		{"dealer cost, open", model.CaseFilter{DealerCarriesCost: true, OpenOnly: true}, []string{"B", "C"}},
	} {
		list, total, err := db.FindCases(ctx, tt.filter)
		if err != nil {
			t.Fatal(err)
		}
		if got := serials(list); !slices.Equal(got, tt.want) || total != len(tt.want) {
			t.Errorf("%s: %v (total %d), want %v", tt.name, got, total, tt.want)
		}
	}
}
