package storetest

import (
	"slices"
	"testing"
	"time"

	"returndesk/model"
)

// listFixture holds a few cases with distinct customers, products, dates and statuses.
type listFixture struct {
	*Fixture
	db    model.Store
	cases map[string]*model.Case // by serial
}

func newListFixture(t *testing.T, s suite) *listFixture {
	db, clk := s.openTest(t)
	f := Seed(t, db)
	lf := &listFixture{Fixture: f, db: db, cases: map[string]*model.Case{}}
	add := func(serial string, customer *model.Customer, product model.Product, reported string, tier model.Tier) {
		nc := model.NewCase{Case: model.Case{ProductID: product.ID, Serial: model.Serial(serial),
			ReportedDate: model.MustDate(reported), Fault: "fault of " + serial, Tier: tier}}
		if customer.ID != 0 {
			nc.Case.CustomerID = customer.ID
		} else {
			nc.Customer = customer
		}
		clk.Advance(time.Minute)
		lf.cases[serial] = MustCreate(t, db, nc)
	}
	add("HX100-0001", &f.Zhang, f.Phone, "2026-03-01", model.TierRefund)                                                    // RMA 1
	add("HX100-0002", &model.Customer{Name: "Wang 50%_off", Phone: "020-5550123"}, f.Phone, "2026-03-05", model.TierRepair) // RMA 2, MO 1
	add("R7-9999", &model.Customer{Name: "Acme Trading", Phone: "13912345678"}, f.Router, "2026-02-20", model.TierWarranty) // RMA 3
	add("HX100-0003", &f.Zhang, f.Phone, "2026-03-08", model.TierPaid)                                                      // RMA 4
	if _, err := db.MoveCase(ctx, lf.cases["R7-9999"].ID, model.StatusCancelled, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := db.MoveCase(ctx, lf.cases["HX100-0003"].ID, model.StatusDiagnosing, "", ""); err != nil {
		t.Fatal(err)
	}
	return lf
}

func testFindCasesFilters(t *testing.T, s suite) {
	lf := newListFixture(t, s)
	tests := []struct {
		name   string
		filter model.CaseFilter
		want   []string // serials in case_no order
	}{
		{"all", model.CaseFilter{}, []string{"HX100-0001", "HX100-0002", "R7-9999", "HX100-0003"}},
		{"chinese substring", model.CaseFilter{Search: "伟"}, []string{"HX100-0001", "HX100-0003"}},
		{"phone substring", model.CaseFilter{Search: "555012"}, []string{"HX100-0002"}},
		{"serial prefix, any case", model.CaseFilter{Search: "hx100-000"}, []string{"HX100-0001", "HX100-0002", "HX100-0003"}},
		{"case number", model.CaseFilter{Search: "RMA-2026-000003"}, []string{"R7-9999"}},
		{"maintenance number", model.CaseFilter{Search: "mo-2026-000001"}, []string{"HX100-0002"}},
		{"percent is literal", model.CaseFilter{Search: "50%"}, []string{"HX100-0002"}},
		{"percent matches nothing else", model.CaseFilter{Search: "%"}, []string{"HX100-0002"}},
		{"underscore is literal", model.CaseFilter{Search: "%_o"}, []string{"HX100-0002"}},
		{"underscore alone", model.CaseFilter{Search: "_"}, []string{"HX100-0002"}},
		{"no cross-field match", model.CaseFilter{Search: "0001 hx100"}, nil},
		{"status", model.CaseFilter{Status: model.StatusDiagnosing}, []string{"HX100-0003"}},
		{"open only", model.CaseFilter{OpenOnly: true}, []string{"HX100-0001", "HX100-0002", "HX100-0003"}},
		{"manufacturer", model.CaseFilter{ManufacturerID: lf.EleTrek.ID}, []string{"R7-9999"}},
		{"tier", model.CaseFilter{Tier: model.TierRepair}, []string{"HX100-0002"}},
		{"customer", model.CaseFilter{CustomerID: lf.Zhang.ID}, []string{"HX100-0001", "HX100-0003"}},
		{"exact serial", model.CaseFilter{Serial: "hx100-0002"}, []string{"HX100-0002"}},
		{"serial is not a prefix filter", model.CaseFilter{Serial: "HX100"}, nil},
		{"reported from", model.CaseFilter{ReportedFrom: model.MustDate("2026-03-05")}, []string{"HX100-0002", "HX100-0003"}},
		{"reported until", model.CaseFilter{ReportedUntil: model.MustDate("2026-03-01")}, []string{"HX100-0001", "R7-9999"}},
		{"combined", model.CaseFilter{Search: "hx", OpenOnly: true, ReportedFrom: model.MustDate("2026-03-02"),
			ManufacturerID: lf.Halotek.ID}, []string{"HX100-0002", "HX100-0003"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := lf.db.FindCases(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if got := serials(list); !slices.Equal(got, tt.want) || total != len(tt.want) {
				t.Errorf("got %v (total %d), want %v", got, total, tt.want)
			}
		})
	}
}

func testFindCasesRows(t *testing.T, s suite) {
	lf := newListFixture(t, s)
	list, _, err := lf.db.FindCases(ctx, model.CaseFilter{Search: "HX100-0002"})
	if err != nil || len(list) != 1 {
		t.Fatalf("%v %v", list, err)
	}
	r := list[0]
	if r.CaseNo != "RMA-2026-000002" || r.MaintenanceNo != "MO-2026-000001" || r.Customer != "Wang 50%_off" ||
		r.Phone != "020-5550123" || r.Manufacturer != "Halotek" || r.Model != "H1" || r.Status != model.StatusReceived ||
		r.Tier != model.TierRepair || r.Cause != model.CauseUnknown || r.Fault != "fault of HX100-0002" ||
		r.ReportedDate != model.MustDate("2026-03-05") || r.ClaimNo != "" {
		t.Errorf("row = %+v", r)
	}
}

func testFindCasesSortAndPage(t *testing.T, s suite) {
	lf := newListFixture(t, s)
	tests := []struct {
		sort string
		desc bool
		want []string
	}{
		{"", true, []string{"HX100-0003", "R7-9999", "HX100-0002", "HX100-0001"}},
		{"reported", false, []string{"R7-9999", "HX100-0001", "HX100-0002", "HX100-0003"}},
		{"waiting", false, []string{"HX100-0001", "HX100-0002", "HX100-0003", "R7-9999"}}, // the cancelled one last, either way
		{"waiting", true, []string{"HX100-0003", "HX100-0002", "HX100-0001", "R7-9999"}},
		{"customer", false, []string{"R7-9999", "HX100-0002", "HX100-0001", "HX100-0003"}}, // Acme, Wang, 张伟 x2
		{"model", true, []string{"R7-9999", "HX100-0003", "HX100-0002", "HX100-0001"}},
		{"serial", false, []string{"HX100-0001", "HX100-0002", "HX100-0003", "R7-9999"}},
		{"status", false, []string{"HX100-0001", "HX100-0002", "HX100-0003", "R7-9999"}}, // lifecycle order
		{"tier", false, []string{"HX100-0003", "HX100-0001", "HX100-0002", "R7-9999"}},   // paid, refund, repair, warranty
	}
	for _, tt := range tests {
		list, _, err := lf.db.FindCases(ctx, model.CaseFilter{Sort: tt.sort, Descending: tt.desc})
		if err != nil {
			t.Fatal(err)
		}
		if got := serials(list); !slices.Equal(got, tt.want) {
			t.Errorf("sort %q desc %v: %v, want %v", tt.sort, tt.desc, got, tt.want)
		}
	}

	page, total, err := lf.db.FindCases(ctx, model.CaseFilter{Offset: 1, Limit: 2})
	if err != nil || total != 4 || !slices.Equal(serials(page), []string{"HX100-0002", "R7-9999"}) {
		t.Errorf("page = %v total %d (%v)", serials(page), total, err)
	}
	page, total, err = lf.db.FindCases(ctx, model.CaseFilter{Offset: 10})
	if err != nil || total != 4 || len(page) != 0 || page == nil {
		t.Errorf("past the end: %v total %d (%v)", page, total, err)
	}

	for _, bad := range []model.CaseFilter{
		{Sort: "case_no; DROP TABLE cases"},
		{Status: "lost"},
		{Tier: "gold"},
	} {
		_, _, err := lf.db.FindCases(ctx, bad)
		WantCode(t, err, model.EINVALID)
	}
}

func testFindCasesLimits(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	for i := 0; i < 105; i++ {
		MustCreate(t, db, f.NewCase("S"))
	}
	list, total, err := db.FindCases(ctx, model.CaseFilter{})
	if err != nil || total != 105 || len(list) != model.DefaultCaseLimit {
		t.Errorf("default page: %d of %d (%v)", len(list), total, err)
	}
	list, _, _ = db.FindCases(ctx, model.CaseFilter{Limit: 5000})
	if len(list) != 105 {
		t.Errorf("large limit: %d", len(list))
	}
}

func testSearchFollowsCustomerChanges(t *testing.T, s suite) {
	lf := newListFixture(t, s)
	zhang := lf.Zhang
	zhang.Name = "张伟明"
	zhang.Phone = "13700000000"
	if err := lf.db.UpdateCustomer(ctx, &zhang); err != nil {
		t.Fatal(err)
	}
	list, _, _ := lf.db.FindCases(ctx, model.CaseFilter{Search: "伟明"})
	if !slices.Equal(serials(list), []string{"HX100-0001", "HX100-0003"}) {
		t.Errorf("new name: %v", serials(list))
	}
	list, _, _ = lf.db.FindCases(ctx, model.CaseFilter{Search: "13800138000"})
	if len(list) != 0 {
		t.Errorf("old phone still found: %v", serials(list))
	}
	list, _, _ = lf.db.FindCases(ctx, model.CaseFilter{Search: "137000"})
	if len(list) != 2 {
		t.Errorf("new phone: %v", serials(list))
	}
}
