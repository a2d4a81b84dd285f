package intake_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/policy"
)

var ctx = context.Background()

func d(s string) model.Date { return model.MustDate(s) }

func rs(names ...string) []model.Remedy {
	out := []model.Remedy{}
	for _, n := range names {
		out = append(out, model.Remedy(n))
	}
	return out
}

// outcome is what a case is given: its tier, the remedies offered and the remedy recorded
// on it (set when there is one choice only).
type outcome struct {
	tier     model.Tier
	remedies []model.Remedy
	remedy   model.Remedy
}

// The outcomes of the terminal policy's tiers.
var (
	refundTier  = outcome{model.TierRefund, rs("refund", "replace", "service_center"), ""}
	replaceTier = outcome{model.TierReplace, rs("replace", "service_center"), ""}
	repairTier  = outcome{model.TierRepair, rs("repair"), model.RemedyRepair}
	paidTier    = outcome{model.TierPaid, rs("paid_service"), model.RemedyPaidService}
)

// now is the fixed time every change in the test databases is stamped with.
var now = time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)

// openStore opens a new database file in a temporary folder, with the presets stored.
func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "returndesk.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	if err := intake.EnsurePresets(ctx, db); err != nil {
		t.Fatalf("EnsurePresets: %v", err)
	}
	return db
}

// world is a small shop: manufacturers with and without policies, their products,
// service centres, customers and the sales records of a few serials.
type world struct {
	db *sqlite.DB
	// halotek: terminal policy; eletrek: Halotek's terminal policy + the distributor policy;
	// kestrel: distributor only; nopol: no policy; orbix: also makes a model X9.
	halotek, eletrek, kestrel, nopol, orbix model.Manufacturer
	h1, x9, r7, k5, n1, orbixX9             model.Product
	centreBJ, centreSH, centreGZ            model.ServiceCentre
	zhang, wang, dealer                     model.Customer
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{db: openStore(t)}
	db := w.db
	w.halotek = model.Manufacturer{Name: "Halotek", TerminalPolicy: policy.HalotekTerminal, OEMPolicy: policy.HalotekOEM}
	w.eletrek = model.Manufacturer{Name: "EleTrek", TerminalPolicy: policy.HalotekTerminal, DistributorPolicy: policy.EleTrekDistributor}
	w.kestrel = model.Manufacturer{Name: "Kestrel", DistributorPolicy: policy.EleTrekDistributor}
	w.nopol = model.Manufacturer{Name: "Nopol"}
	w.orbix = model.Manufacturer{Name: "Orbix", TerminalPolicy: policy.HalotekTerminal}
	for _, m := range []*model.Manufacturer{&w.halotek, &w.eletrek, &w.kestrel, &w.nopol, &w.orbix} {
		if err := db.CreateManufacturer(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	w.h1 = model.Product{ManufacturerID: w.halotek.ID, Model: "H1", Name: "Halo phone"}
	w.x9 = model.Product{ManufacturerID: w.halotek.ID, Model: "X9", Name: "Halo tablet"}
	w.r7 = model.Product{ManufacturerID: w.eletrek.ID, Model: "R7", Name: "Router"}
	w.k5 = model.Product{ManufacturerID: w.kestrel.ID, Model: "K5", Name: "Switch"}
	w.n1 = model.Product{ManufacturerID: w.nopol.ID, Model: "N1", Name: "No-name box"}
	w.orbixX9 = model.Product{ManufacturerID: w.orbix.ID, Model: "X9", Name: "Orbix X9"}
	for _, p := range []*model.Product{&w.h1, &w.x9, &w.r7, &w.k5, &w.n1, &w.orbixX9} {
		if err := db.CreateProduct(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	w.centreBJ = model.ServiceCentre{ManufacturerID: w.halotek.ID, Name: "Halotek Beijing", Region: "Beijing"}
	w.centreSH = model.ServiceCentre{ManufacturerID: w.halotek.ID, Name: "Halotek Shanghai", Region: "Shanghai"}
	w.centreGZ = model.ServiceCentre{Name: "Fix-all Guangzhou", Region: "Guangzhou"}
	for _, s := range []*model.ServiceCentre{&w.centreBJ, &w.centreSH, &w.centreGZ} {
		if err := db.CreateServiceCentre(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	w.zhang = model.Customer{Name: "张伟", Phone: "13800138000", Region: "Beijing"}
	w.wang = model.Customer{Name: "王芳", Phone: "13700137000", Region: "Shanghai"}
	w.dealer = model.Customer{Name: "深圳华强电子", Phone: "0755-8888", Kind: model.KindDealer, Regular: true}
	for _, c := range []*model.Customer{&w.zhang, &w.wang, &w.dealer} {
		if err := db.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	sales := []model.Sale{
		{Serial: "H1-0001", ProductID: w.h1.ID, CustomerID: w.zhang.ID, CustomerName: w.zhang.Name, Phone: w.zhang.Phone,
			Invoice: "INV-1", PurchaseDate: d("2025-03-01"), ShipmentDate: d("2025-02-01")},
		{Serial: "H1-LEAP", ProductID: w.h1.ID, CustomerID: w.zhang.ID, CustomerName: w.zhang.Name, Phone: w.zhang.Phone,
			PurchaseDate: d("2024-02-29")},
		{Serial: "X9-0001", ProductID: w.x9.ID, CustomerID: w.zhang.ID, CustomerName: w.zhang.Name, Phone: w.zhang.Phone,
			PurchaseDate: d("2026-03-01")},
		// Sold well within the year, but shipped to the shop more than a year before the report.
		{Serial: "R7-OLD", ProductID: w.r7.ID, CustomerID: w.wang.ID, CustomerName: w.wang.Name, Phone: w.wang.Phone,
			PurchaseDate: d("2025-10-01"), ShipmentDate: d("2024-12-01")},
		{Serial: "R7-NEW", ProductID: w.r7.ID, CustomerID: w.wang.ID, CustomerName: w.wang.Name, Phone: w.wang.Phone,
			PurchaseDate: d("2025-10-01"), ShipmentDate: d("2025-06-01")},
		// Sold to another shop: its own return is judged by the manufacturer's clock.
		{Serial: "R7-DEALER", ProductID: w.r7.ID, CustomerID: w.dealer.ID, CustomerName: w.dealer.Name, Phone: w.dealer.Phone,
			PurchaseDate: d("2025-10-01"), ShipmentDate: d("2024-12-01")},
		{Serial: "K5-0001", ProductID: w.k5.ID, CustomerID: w.dealer.ID, CustomerName: w.dealer.Name, Phone: w.dealer.Phone,
			ShipmentDate: d("2025-06-01")},
		{Serial: "N1-0001", ProductID: w.n1.ID, CustomerID: w.zhang.ID, CustomerName: w.zhang.Name, Phone: w.zhang.Phone,
			PurchaseDate: d("2026-03-01")},
	}
	if err := db.ImportSales(ctx, sales); err != nil {
		t.Fatalf("ImportSales: %v", err)
	}
	return w
}

func (w *world) plan(t *testing.T, req intake.Request) *intake.Result {
	t.Helper()
	if req.Fault == "" {
		req.Fault = "screen flickers"
	}
	r, err := intake.Plan(ctx, w.db, req)
	if err != nil {
		t.Fatalf("Plan(%+v): %v", req, err)
	}
	return r
}

func (w *world) create(t *testing.T, r *intake.Result) *model.Case {
	t.Helper()
	c, err := w.db.CreateCase(ctx, r.NewCase, "tester")
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	return c
}

// wantField fails unless err is an EINVALID error about field.
func wantField(t *testing.T, err error, field string) {
	t.Helper()
	if code := model.ErrorCode(err); code != model.EINVALID {
		t.Fatalf("error code = %q (%v), want %q", code, err, model.EINVALID)
	}
	if fe := model.FieldErrors(err); fe[field] == "" {
		t.Fatalf("error %v names fields %v, want %q", err, fe, field)
	}
}

func TestEnsurePresetsIsIdempotent(t *testing.T) {
	db := openStore(t) // EnsurePresets once
	for i := 0; i < 2; i++ {
		if err := intake.EnsurePresets(ctx, db); err != nil {
			t.Fatalf("EnsurePresets #%d: %v", i+2, err)
		}
	}
	recs, err := db.ListPolicies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []model.PolicyID
	for _, r := range recs {
		ids = append(ids, r.ID)
		if r.Version != 1 || !r.Preset {
			t.Errorf("%s: version %d preset %v, want version 1 preset true", r.ID, r.Version, r.Preset)
		}
		if _, err := intake.Load(ctx, db, r.ID, 0); err != nil {
			t.Errorf("Load(%s): %v", r.ID, err)
		}
	}
	want := []model.PolicyID{policy.EleTrekDistributor, policy.HalotekOEM, policy.HalotekTerminal,
		policy.TemplateDistributor, policy.TemplateOEM, policy.TemplateTerminal}
	if !slices.Equal(ids, want) {
		t.Fatalf("stored policies %v, want %v", ids, want)
	}
	for _, id := range want {
		if _, err := db.Policy(ctx, id, 2); model.ErrorCode(err) != model.ENOTFOUND {
			t.Errorf("%s version 2: %v, want ENOTFOUND", id, err)
		}
	}

	// An edited preset is a new version that EnsurePresets leaves alone.
	p, _ := policy.Preset(policy.HalotekTerminal)
	p.Tiers[0].Window = policy.Days(10)
	rec, err := p.Record()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SavePolicy(ctx, &rec); err != nil {
		t.Fatal(err)
	}
	if err := intake.EnsurePresets(ctx, db); err != nil {
		t.Fatal(err)
	}
	l, err := intake.Load(ctx, db, policy.HalotekTerminal, 0)
	if err != nil {
		t.Fatal(err)
	}
	if l.Version != 2 || l.Policy.Tiers[0].Window != policy.Days(10) {
		t.Fatalf("latest halotek-terminal: version %d, refund window %s; want version 2, 10 days", l.Version, l.Policy.Tiers[0].Window)
	}
}

func TestPlanFillsFromSalesRecord(t *testing.T) {
	w := newWorld(t)
	// The serial typed in lower case still finds the record.
	r := w.plan(t, intake.Request{Serial: " h1-0001 ", On: d("2025-03-06")})
	if r.Sale == nil || r.Sale.Serial != "H1-0001" {
		t.Fatalf("Sale = %+v, want the record of H1-0001", r.Sale)
	}
	if r.Product == nil || r.Product.ID != w.h1.ID {
		t.Errorf("Product = %+v, want H1", r.Product)
	}
	if r.Manufacturer == nil || r.Manufacturer.ID != w.halotek.ID {
		t.Errorf("Manufacturer = %+v, want Halotek", r.Manufacturer)
	}
	if r.Customer == nil || r.Customer.ID != w.zhang.ID {
		t.Errorf("Customer = %+v, want the sale's customer %d", r.Customer, w.zhang.ID)
	}
	if r.NewCase.Customer != nil {
		t.Errorf("NewCase.Customer = %+v, want nil (existing customer)", r.NewCase.Customer)
	}
	c := r.NewCase.Case
	if c.CustomerID != w.zhang.ID || c.ProductID != w.h1.ID || c.Serial != "H1-0001" {
		t.Errorf("case customer %d product %d serial %q, want %d %d H1-0001", c.CustomerID, c.ProductID, c.Serial, w.zhang.ID, w.h1.ID)
	}
	if c.PurchaseDate != d("2025-03-01") || c.ShipmentDate != d("2025-02-01") || c.ReportedDate != d("2025-03-06") {
		t.Errorf("case dates %s %s %s, want 2025-03-01 2025-02-01 2025-03-06", c.PurchaseDate, c.ShipmentDate, c.ReportedDate)
	}
	if c.Cause != model.CauseUnknown || c.Tier != model.TierRefund || c.PolicyID != policy.HalotekTerminal || c.PolicyVersion != 1 {
		t.Errorf("case cause %q tier %q policy %s v%d", c.Cause, c.Tier, c.PolicyID, c.PolicyVersion)
	}
	if p := r.Primary(); p == nil || p != r.Verdict.Customer || p.Days != 5 || !p.Provisional {
		t.Errorf("Primary = %+v, want the customer's provisional verdict on day 5", p)
	}
	if !slices.Equal(r.Remedies(), refundTier.remedies) {
		t.Errorf("Remedies = %v", r.Remedies())
	}

	// A serial read off the label by hand, with spaces for its hyphens (or none), is the same unit.
	for _, typed := range []model.Serial{"H1 0001", "h1  0001 "} {
		if r := w.plan(t, intake.Request{Serial: typed, On: d("2025-03-06")}); r.Sale == nil || r.NewCase.Case.Serial != "H1-0001" {
			t.Errorf("%q: sale %+v, case serial %q, want H1-0001's", typed, r.Sale, r.NewCase.Case.Serial)
		}
	}
	if _, err := intake.FindSale(ctx, w.db, "H1 0002"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("an unknown serial with a space: %v, want ENOTFOUND", err)
	}
	// The dealer may retype what the record says: the same name keeps the sale's customer.
	r = w.plan(t, intake.Request{Serial: "H1-0001", CustomerName: "张伟", Model: "h1", On: d("2025-03-06")})
	if r.Customer.ID != w.zhang.ID || r.Product.ID != w.h1.ID {
		t.Errorf("retyped name and model: customer %d product %d, want %d %d", r.Customer.ID, r.Product.ID, w.zhang.ID, w.h1.ID)
	}
	// Someone else bringing the unit in becomes the case's customer.
	r = w.plan(t, intake.Request{Serial: "H1-0001", CustomerName: "王芳", Phone: "13700137000", On: d("2025-03-06")})
	if r.Customer.ID != w.wang.ID {
		t.Errorf("another customer: %+v, want 王芳 (%d)", r.Customer, w.wang.ID)
	}
	// A model code several manufacturers use is settled by the sales record.
	r = w.plan(t, intake.Request{Serial: "X9-0001", Model: "x9", On: d("2026-03-05")})
	if r.Product.ID != w.x9.ID || r.Manufacturer.ID != w.halotek.ID {
		t.Errorf("shared model code: product %+v manufacturer %+v, want Halotek X9", r.Product, r.Manufacturer)
	}
	// Plan writes nothing.
	if n, _, err := w.db.FindCases(ctx, model.CaseFilter{}); err != nil || len(n) != 0 {
		t.Fatalf("cases after Plan: %v %v", n, err)
	}
}

func TestPlanNamesTheUnitsOpenCases(t *testing.T) {
	w := newWorld(t)
	req := intake.Request{Serial: "H1-0001", On: d("2025-03-06")}
	if r := w.plan(t, req); len(r.Open) != 0 || r.OpenWarning().Key != "" {
		t.Fatalf("a unit never taken in: Open = %v, warning %q", r.Open, r.OpenWarning())
	}
	first := w.create(t, w.plan(t, req))
	// Typed in lower case, and with a form that cannot be planned yet (an unknown model
	// would be no mistake here: the sale names it): the warning comes all the same.
	r, err := intake.Plan(ctx, w.db, intake.Request{Serial: "h1-0001", On: d("2025-03-06"), Purchased: d("2025-03-07")})
	if err == nil || r == nil || len(r.Open) != 1 || r.Open[0].ID != first.ID {
		t.Fatalf("a refused plan of the unit: %v, result %+v, want its open case %s", err, r, first.CaseNo)
	}
	r = w.plan(t, req)
	want := "This unit already has an open case: " + string(first.CaseNo) + " (Received, reported 2025-03-06)."
	if got := r.OpenWarning().String(); got != want {
		t.Errorf("warning = %q, want %q", got, want)
	}
	second := w.create(t, r)
	r = w.plan(t, req)
	if len(r.Open) != 2 || r.Open[0].ID != second.ID || !strings.Contains(r.OpenWarning().String(), "2 open cases; the newest is "+string(second.CaseNo)) {
		t.Errorf("two open cases: %v, warning %q", r.Open, r.OpenWarning())
	}
	// A closed case is history, not a second intake.
	for _, c := range []*model.Case{first, second} {
		for _, to := range []model.Status{model.StatusDiagnosing, model.StatusReadyForPickup, model.StatusClosed} {
			if _, err := w.db.MoveCase(ctx, c.ID, to, "tester", ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	if r = w.plan(t, req); len(r.Open) != 0 {
		t.Errorf("closed cases still named open: %v", r.Open)
	}
}

func TestPlanTierByDate(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name        string
		serial      model.Serial
		on          string
		cause       model.Cause
		want        outcome
		days        int
		covered     bool
		provisional bool
		maintenance bool // repair tier: a maintenance number and the nearest service centre
	}{
		{"day 0", "H1-0001", "2025-03-01", "", refundTier, 0, true, true, false},
		{"day 7 refund", "H1-0001", "2025-03-08", "", refundTier, 7, true, true, false},
		{"day 8 replace", "H1-0001", "2025-03-09", "", replaceTier, 8, true, true, false},
		{"day 60 replace", "H1-0001", "2025-04-30", "", replaceTier, 60, true, true, false},
		{"day 61 repair", "H1-0001", "2025-05-01", "", repairTier, 61, true, true, true},
		{"EDATE(purchase,12) repair", "H1-0001", "2026-03-01", "", repairTier, 365, true, true, true},
		{"after EDATE paid", "H1-0001", "2026-03-02", "", paidTier, 366, false, false, false},
		{"leap purchase, EDATE repair", "H1-LEAP", "2025-02-28", "", repairTier, 365, true, true, true},
		{"leap purchase, day after paid", "H1-LEAP", "2025-03-01", "", paidTier, 366, false, false, false},
		{"misuse at day 3 paid", "H1-0001", "2025-03-04", model.CauseMisuse, paidTier, 3, false, false, false},
		{"misuse at day 100 paid", "H1-0001", "2025-06-09", model.CauseMisuse, paidTier, 100, false, false, false},
		{"manufacturer at day 3 final", "H1-0001", "2025-03-04", model.CauseManufacturer, refundTier, 3, true, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := w.plan(t, intake.Request{Serial: tc.serial, On: d(tc.on), Cause: tc.cause})
			v := r.Primary()
			if v == nil || v != r.Verdict.Customer {
				t.Fatalf("Primary = %+v, want the customer's verdict", v)
			}
			if v.Tier != tc.want.tier || v.Days != tc.days || v.Covered != tc.covered || v.Provisional != tc.provisional {
				t.Errorf("verdict tier %s day %d covered %v provisional %v, want %s %d %v %v",
					v.Tier, v.Days, v.Covered, v.Provisional, tc.want.tier, tc.days, tc.covered, tc.provisional)
			}
			if !slices.Equal(r.Remedies(), tc.want.remedies) {
				t.Errorf("Remedies = %v, want %v", r.Remedies(), tc.want.remedies)
			}
			if r.Verdict.Manufacturer != nil || r.Verdict.DealerCarriesCost {
				t.Errorf("Halotek has no distributor policy, got %+v", r.Verdict)
			}

			c := w.create(t, r)
			wantCause := tc.cause
			if wantCause == "" {
				wantCause = model.CauseUnknown
			}
			if c.Tier != tc.want.tier || c.Remedy != tc.want.remedy || c.Cause != wantCause {
				t.Errorf("case tier %q remedy %q cause %q, want %q %q %q", c.Tier, c.Remedy, c.Cause, tc.want.tier, tc.want.remedy, wantCause)
			}
			if c.PolicyID != policy.HalotekTerminal || c.PolicyVersion != 1 || c.DealerCarriesCost {
				t.Errorf("case policy %s v%d dealer cost %v, want halotek-terminal v1 false", c.PolicyID, c.PolicyVersion, c.DealerCarriesCost)
			}
			if tc.maintenance {
				if !strings.HasPrefix(string(c.MaintenanceNo), "MO-2026-") {
					t.Errorf("MaintenanceNo = %q, want MO-2026-…", c.MaintenanceNo)
				}
				if c.ServiceCentreID != w.centreBJ.ID {
					t.Errorf("ServiceCentreID = %d, want Halotek Beijing (%d) for a customer in Beijing", c.ServiceCentreID, w.centreBJ.ID)
				}
				if found, err := w.db.FindCase(ctx, string(c.MaintenanceNo)); err != nil || found.ID != c.ID {
					t.Errorf("FindCase(%s) = %v, %v", c.MaintenanceNo, found, err)
				}
			} else if c.MaintenanceNo != "" || c.ServiceCentreID != 0 {
				t.Errorf("tier %s: MaintenanceNo %q centre %d, want none", c.Tier, c.MaintenanceNo, c.ServiceCentreID)
			}
		})
	}
}

func TestPlanRefusals(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name  string
		req   intake.Request
		field string
	}{
		{"no serial", intake.Request{Serial: "  ", On: d("2026-03-10")}, "serial"},
		{"no report date", intake.Request{Serial: "H1-0001"}, "reported_date"},
		{"unknown serial without model", intake.Request{Serial: "NOPE-1", CustomerName: "李娜", Purchased: d("2026-03-01"), On: d("2026-03-10")}, "model"},
		{"unknown model", intake.Request{Serial: "NOPE-1", Model: "ZZ", CustomerName: "李娜", Purchased: d("2026-03-01"), On: d("2026-03-10")}, "model"},
		{"model made by two manufacturers, no sale", intake.Request{Serial: "NOPE-1", Model: "X9", CustomerName: "李娜", Purchased: d("2026-03-01"), On: d("2026-03-10")}, "model"},
		{"walk-in without purchase date", intake.Request{Serial: "NOPE-1", Model: "H1", CustomerName: "李娜", Phone: "139", On: d("2026-03-10")}, "purchase_date"},
		{"walk-in with shipment date only", intake.Request{Serial: "NOPE-1", Model: "R7", CustomerName: "李娜", Shipped: d("2026-01-01"), On: d("2026-03-10")}, "purchase_date"},
		{"dealer, terminal policy only, shipment date only", intake.Request{Serial: "NOPE-1", Model: "H1", CustomerID: w.dealer.ID, Shipped: d("2026-01-01"), On: d("2026-03-10")}, "purchase_date"},
		{"distributor policy without shipment date", intake.Request{Serial: "NOPE-1", Model: "K5", CustomerID: w.dealer.ID, Purchased: d("2026-01-01"), On: d("2026-03-10")}, "shipment_date"},
		{"model contradicts the sale", intake.Request{Serial: "H1-0001", Model: "R7", On: d("2026-03-10")}, "model"},
		{"model of another maker's same code", intake.Request{Serial: "H1-0001", Model: "X9", On: d("2026-03-10")}, "model"},
		{"manufacturer without policies", intake.Request{Serial: "N1-0001", On: d("2026-03-10")}, "model"},
		{"reported before the purchase", intake.Request{Serial: "H1-0001", On: d("2025-02-20")}, "reported_date"},
		{"unknown customer id", intake.Request{Serial: "H1-0001", CustomerID: 9999, On: d("2026-03-10")}, "customer"},
		{"unknown cause", intake.Request{Serial: "H1-0001", Cause: "gremlins", On: d("2026-03-10")}, "cause"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.req.Fault == "" {
				tc.req.Fault = "dead"
			}
			_, err := intake.Plan(ctx, w.db, tc.req)
			wantField(t, err, tc.field)
		})
	}

	// A new customer has no id yet: only the dealer's own mistakes are reported.
	_, err := intake.Plan(ctx, w.db, intake.Request{Serial: "NOPE-2", Model: "H1", CustomerName: "李娜",
		Purchased: d("2026-03-01"), On: d("2026-03-10")})
	wantField(t, err, "fault")
	if fe := model.FieldErrors(err); len(fe) != 1 {
		t.Errorf("errors %v, want only fault", fe)
	}
}

// TestPlanRefusesFutureDatesAndControlCharacters: on the store's clock (2026-03-10) a date
// still to come is refused before any verdict (which it would change), and a control
// character is the problem named, not the lookup it makes fail.
func TestPlanRefusesFutureDatesAndControlCharacters(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name  string
		req   intake.Request
		field string
		want  string
	}{
		{"reported tomorrow", intake.Request{Serial: "H1-0001", On: d("2026-03-11")},
			"reported_date", "2026-03-11 is in the future (today is 2026-03-10)"},
		{"bought next year", intake.Request{Serial: "NOPE-1", Model: "H1", CustomerName: "李娜", Purchased: d("2027-01-05"), On: d("2026-03-10")},
			"purchase_date", "2027-01-05 is in the future"},
		{"shipped tomorrow", intake.Request{Serial: "NOPE-1", Model: "K5", CustomerID: w.dealer.ID, Shipped: d("2026-03-11"), On: d("2026-03-10")},
			"shipment_date", "2026-03-11 is in the future"},
		{"escape in an unknown serial", intake.Request{Serial: "AB\x1b[31mC", CustomerName: "李娜", On: d("2026-03-10")},
			"serial", "contains a control character (U+001B)"},
		{"override in the customer's name", intake.Request{Serial: "H1-0001", CustomerName: "李\u202e娜", On: d("2026-03-10")},
			"name", "invisible text-direction character (U+202E)"},
		{"escape in the model", intake.Request{Serial: "NOPE-1", Model: "H1\x1b", CustomerName: "李娜", On: d("2026-03-10")},
			"model", "control character (U+001B)"},
		{"bell in the fault", intake.Request{Serial: "H1-0001", Fault: "dead\a", On: d("2026-03-10")},
			"fault", "control character (U+0007)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.req.Fault == "" {
				tc.req.Fault = "dead"
			}
			r, err := intake.Plan(ctx, w.db, tc.req)
			wantField(t, err, tc.field)
			if msg := model.FieldErrors(err)[tc.field]; !strings.Contains(msg, tc.want) {
				t.Errorf("%s: %q, want %q", tc.field, msg, tc.want)
			}
			if r != nil {
				t.Errorf("a plan (verdict %+v) for a request refused before any lookup", r.Verdict)
			}
		})
	}
	// Today, and a fault on two lines, are fine.
	if _, err := intake.Plan(ctx, w.db, intake.Request{Serial: "H1-0001", Fault: "dead\n\tno light", On: d("2026-03-10")}); err != nil {
		t.Errorf("reported today: %v", err)
	}
}

func TestPlanNewCustomer(t *testing.T) {
	w := newWorld(t)
	req := intake.Request{CustomerName: " 李娜 ", Phone: "13900001111", Region: "Shanghai", Model: "H1", Serial: "H1-NEW-1",
		Purchased: d("2026-01-05"), On: d("2026-03-10"), Fault: "不开机 (does not power on)"}
	r := w.plan(t, req)
	if r.Sale != nil {
		t.Fatalf("Sale = %+v, want none", r.Sale)
	}
	if r.NewCase.Customer == nil || r.NewCase.Customer != r.Customer || r.NewCase.Case.CustomerID != 0 {
		t.Fatalf("NewCase.Customer = %+v, case customer %d: want a customer to create", r.NewCase.Customer, r.NewCase.Case.CustomerID)
	}
	if nc := r.NewCase.Customer; nc.Name != "李娜" || nc.Phone != "13900001111" || nc.Region != "Shanghai" || nc.Kind != model.KindTerminal {
		t.Errorf("new customer %+v", nc)
	}
	if found, err := w.db.FindCustomers(ctx, "李娜", 10); err != nil || len(found) != 0 {
		t.Fatalf("Plan must not create the customer: %v %v", found, err)
	}
	c := w.create(t, r)
	if c.CustomerID == 0 || c.CustomerID != r.NewCase.Customer.ID {
		t.Fatalf("case customer %d, NewCase.Customer.ID %d", c.CustomerID, r.NewCase.Customer.ID)
	}
	if c.Tier != model.TierRepair || c.MaintenanceNo == "" || c.ServiceCentreID != w.centreSH.ID {
		t.Errorf("day 64 in Shanghai: tier %s maintenance %q centre %d, want repair, a number, Halotek Shanghai", c.Tier, c.MaintenanceNo, c.ServiceCentreID)
	}
	if c.Fault != "不开机 (does not power on)" {
		t.Errorf("Fault = %q", c.Fault)
	}
	first := c.CustomerID

	// The same name and phone is the same customer.
	req.Serial, req.CustomerName = "H1-NEW-2", "李娜"
	r = w.plan(t, req)
	if r.Customer.ID != first || r.NewCase.Customer != nil || r.NewCase.Case.CustomerID != first {
		t.Fatalf("second intake: customer %+v, NewCase.Customer %+v; want existing %d", r.Customer, r.NewCase.Customer, first)
	}
	w.create(t, r)

	// A namesake with another phone is another customer.
	req.Serial, req.Phone = "H1-NEW-3", "13900002222"
	r = w.plan(t, req)
	if r.Customer.ID != 0 || r.NewCase.Customer == nil {
		t.Fatalf("namesake: customer %+v, want a new one", r.Customer)
	}
	w.create(t, r)

	found, err := w.db.FindCustomers(ctx, "李娜", 10)
	if err != nil || len(found) != 2 {
		t.Fatalf("customers named 李娜: %v %v, want 2", found, err)
	}
	cases, total, err := w.db.FindCases(ctx, model.CaseFilter{CustomerID: first})
	if err != nil || total != 2 {
		t.Fatalf("cases of customer %d: %v %d %v, want 2", first, cases, total, err)
	}
}

// Many customers whose names contain the name typed must not hide the one that matches.
func TestPlanFindsCustomerAmongManyNamesakes(t *testing.T) {
	w := newWorld(t)
	li := model.Customer{Name: "李娜", Phone: "13900001111", Region: "Shanghai"}
	if err := w.db.CreateCustomer(ctx, &li); err != nil {
		t.Fatal(err)
	}
	// "一" sorts before "李": these come first in a name-ordered search for 李娜.
	for i := 0; i < 60; i++ {
		c := model.Customer{Name: fmt.Sprintf("一李娜%02d", i), Phone: fmt.Sprintf("1390000%04d", 2000+i)}
		if err := w.db.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	for _, phone := range []string{"13900001111", ""} {
		r := w.plan(t, intake.Request{CustomerName: "李娜", Phone: phone, Model: "H1", Serial: "H1-NEW-1",
			Purchased: d("2026-03-01"), On: d("2026-03-10")})
		if r.Customer.ID != li.ID || r.NewCase.Customer != nil {
			t.Errorf("phone %q: customer %+v, want the existing 李娜 (%d)", phone, r.Customer, li.ID)
		}
	}
}

func TestPlanDistributorClock(t *testing.T) {
	w := newWorld(t)

	t.Run("customer covered, manufacturer's warranty over", func(t *testing.T) {
		r := w.plan(t, intake.Request{Serial: "R7-OLD", On: d("2026-01-10")})
		cv := r.Verdict
		if cv.Customer == nil || cv.Manufacturer == nil {
			t.Fatalf("want both clocks, got %+v", cv)
		}
		if cv.Customer.Tier != model.TierRepair || !cv.Customer.Covered || cv.Manufacturer.InWindow || cv.Manufacturer.Tier != model.TierPaid {
			t.Errorf("customer %s covered %v, manufacturer %s in window %v", cv.Customer.Tier, cv.Customer.Covered, cv.Manufacturer.Tier, cv.Manufacturer.InWindow)
		}
		if !cv.DealerCarriesCost || cv.Warning.Key == "" || !strings.Contains(cv.Warning.String(), "EleTrek") {
			t.Errorf("DealerCarriesCost %v, Warning %q", cv.DealerCarriesCost, cv.Warning)
		}
		if r.Primary() != cv.Customer {
			t.Errorf("Primary is not the customer's verdict")
		}
		c := w.create(t, r)
		if !c.DealerCarriesCost || c.Tier != model.TierRepair || c.PolicyID != policy.HalotekTerminal || c.MaintenanceNo == "" {
			t.Errorf("case dealer cost %v tier %s policy %s maintenance %q", c.DealerCarriesCost, c.Tier, c.PolicyID, c.MaintenanceNo)
		}
		if c.ServiceCentreID != 0 { // EleTrek has none; Halotek's in Shanghai does not repair its goods
			t.Errorf("ServiceCentreID = %d, want none: the only centre in Shanghai is another brand's", c.ServiceCentreID)
		}
	})

	t.Run("both in window", func(t *testing.T) {
		r := w.plan(t, intake.Request{Serial: "R7-NEW", On: d("2026-01-10")})
		if r.Verdict.DealerCarriesCost || r.Verdict.Warning.Key != "" || r.Verdict.Manufacturer == nil || !r.Verdict.Manufacturer.InWindow {
			t.Fatalf("verdict %+v", r.Verdict)
		}
		if r.NewCase.Case.DealerCarriesCost {
			t.Error("case DealerCarriesCost set")
		}
	})

	t.Run("customer not covered", func(t *testing.T) {
		r := w.plan(t, intake.Request{Serial: "R7-OLD", On: d("2026-01-10"), Cause: model.CauseMisuse})
		if r.Verdict.DealerCarriesCost || r.NewCase.Case.DealerCarriesCost || r.NewCase.Case.Tier != model.TierPaid {
			t.Fatalf("misuse: %+v", r.Verdict)
		}
	})

	t.Run("dealer's own return: the manufacturer's clock decides", func(t *testing.T) {
		r := w.plan(t, intake.Request{Serial: "K5-0001", On: d("2026-03-10"), Cause: model.CauseManufacturer})
		if r.Customer.ID != w.dealer.ID || r.Verdict.Customer != nil || r.Primary() != r.Verdict.Manufacturer {
			t.Fatalf("customer %+v verdict %+v", r.Customer, r.Verdict)
		}
		v := r.Primary()
		if v.Tier != model.TierWarranty || !slices.Equal(v.Remedies, rs("repair", "replace", "refund", "new_units")) {
			t.Errorf("tier %s remedies %v", v.Tier, v.Remedies)
		}
		if v.Freight == nil || v.Freight.Settlement != policy.SettleDeductNextPI {
			t.Errorf("freight %+v, want deducted from the next PI (regular customer)", v.Freight)
		}
		c := w.create(t, r)
		if c.Tier != model.TierWarranty || c.PolicyID != policy.EleTrekDistributor || c.PolicyVersion != 1 || c.MaintenanceNo != "" {
			t.Errorf("case tier %s policy %s v%d maintenance %q", c.Tier, c.PolicyID, c.PolicyVersion, c.MaintenanceNo)
		}
	})
}

func TestPlanBusinessCustomer(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name   string
		on     string
		cause  model.Cause
		tier   model.Tier
		remedy model.Remedy
	}{
		// The customer's clock alone would say repair, covered, at the shop's cost.
		{"manufacturer's warranty over", "2026-01-10", "", model.TierPaid, model.RemedyPaidService},
		{"manufacturer's warranty open", "2025-11-01", model.CauseManufacturer, model.TierWarranty, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := w.plan(t, intake.Request{Serial: "R7-DEALER", On: d(tc.on), Cause: tc.cause})
			if r.Customer.ID != w.dealer.ID || r.Verdict.Customer == nil || r.Verdict.Manufacturer == nil {
				t.Fatalf("customer %+v verdict %+v", r.Customer, r.Verdict)
			}
			if r.Primary() != r.Verdict.Manufacturer || r.Primary().Tier != tc.tier {
				t.Fatalf("Primary = %+v, want the manufacturer's verdict, tier %s", r.Primary(), tc.tier)
			}
			if r.Verdict.DealerCarriesCost || r.Verdict.Warning.Key != "" {
				t.Errorf("DealerCarriesCost %v Warning %q for a dealer's own return", r.Verdict.DealerCarriesCost, r.Verdict.Warning)
			}
			c := w.create(t, r)
			if c.Tier != tc.tier || c.Remedy != tc.remedy || c.PolicyID != policy.EleTrekDistributor || c.DealerCarriesCost || c.MaintenanceNo != "" {
				t.Errorf("case tier %s remedy %q policy %s dealer cost %v maintenance %q",
					c.Tier, c.Remedy, c.PolicyID, c.DealerCarriesCost, c.MaintenanceNo)
			}
			u, cv, err := intake.Reassess(ctx, w.db, c, model.CauseManufacturer)
			if err != nil {
				t.Fatal(err)
			}
			if *u.Tier != tc.tier || *u.PolicyID != policy.EleTrekDistributor || *u.DealerCarriesCost || cv.Warning.Key != "" {
				t.Errorf("reassessed: tier %s policy %s dealer cost %v warning %q", *u.Tier, *u.PolicyID, *u.DealerCarriesCost, cv.Warning)
			}
		})
	}
}

func TestPlanRecordsPolicyVersion(t *testing.T) {
	w := newWorld(t)
	req := intake.Request{Serial: "H1-0001", On: d("2025-03-11")} // day 10
	before := w.create(t, w.plan(t, req))
	if before.Tier != model.TierReplace || before.PolicyVersion != 1 {
		t.Fatalf("before: tier %s v%d, want replace v1", before.Tier, before.PolicyVersion)
	}

	p, _ := policy.Preset(policy.HalotekTerminal)
	p.Tiers[0].Window = policy.Days(14)
	rec, err := p.Record()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.db.SavePolicy(ctx, &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Version != 2 {
		t.Fatalf("saved version %d, want 2", rec.Version)
	}

	r := w.plan(t, req)
	if r.Primary().Tier != model.TierRefund {
		t.Errorf("day 10 under a 14-day refund window: tier %s", r.Primary().Tier)
	}
	after := w.create(t, r)
	if after.Tier != model.TierRefund || after.PolicyID != policy.HalotekTerminal || after.PolicyVersion != 2 {
		t.Errorf("after: tier %s policy %s v%d, want refund halotek-terminal v2", after.Tier, after.PolicyID, after.PolicyVersion)
	}
	again, err := w.db.CaseByID(ctx, before.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.Tier != model.TierReplace || again.PolicyVersion != 1 {
		t.Errorf("earlier case: tier %s v%d, want replace v1", again.Tier, again.PolicyVersion)
	}
	v1, err := intake.Load(ctx, w.db, again.PolicyID, again.PolicyVersion)
	if err != nil {
		t.Fatal(err)
	}
	if v1.Version != 1 || v1.Policy.Tiers[0].Window != policy.Days(7) {
		t.Errorf("version 1: %d, refund window %s", v1.Version, v1.Policy.Tiers[0].Window)
	}

	// Testing the earlier unit later keeps the rules it came in under (7-day refund window).
	upd, cv, err := intake.Reassess(ctx, w.db, again, model.CauseManufacturer)
	if err != nil {
		t.Fatal(err)
	}
	if *upd.Tier != model.TierReplace || *upd.PolicyVersion != 1 || cv.Customer.WindowEnds != d("2025-04-30") {
		t.Errorf("reassessed earlier case: tier %s v%d window ends %s, want replace v1 2025-04-30", *upd.Tier, *upd.PolicyVersion, cv.Customer.WindowEnds)
	}
}

func TestPoliciesFor(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name                  string
		m                     model.Manufacturer
		terminal, distributor model.PolicyID
		field                 string // an EINVALID error about this field
	}{
		{"terminal only", w.halotek, policy.HalotekTerminal, "", ""},
		{"both", w.eletrek, policy.HalotekTerminal, policy.EleTrekDistributor, ""},
		{"distributor only", w.kestrel, "", policy.EleTrekDistributor, ""},
		{"none", w.nopol, "", "", ""},
		{"templates", model.Manufacturer{Name: "Kovo", TerminalPolicy: policy.TemplateTerminal, DistributorPolicy: policy.TemplateDistributor},
			policy.TemplateTerminal, policy.TemplateDistributor, ""},
		{"missing policy", model.Manufacturer{Name: "Ghost", TerminalPolicy: "no-such-policy"}, "", "", "terminal_policy"},
		{"wrong kind", model.Manufacturer{Name: "Mixup", TerminalPolicy: policy.EleTrekDistributor}, "", "", "terminal_policy"},
		{"OEM as distributor", model.Manufacturer{Name: "Mixup", DistributorPolicy: policy.HalotekOEM}, "", "", "distributor_policy"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			term, dist, err := intake.PoliciesFor(ctx, w.db, &tc.m)
			if tc.field != "" {
				wantField(t, err, tc.field)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			id := func(l *intake.Loaded) model.PolicyID {
				if l == nil {
					return ""
				}
				if l.Version != 1 {
					t.Errorf("%s version %d", l.Policy.ID, l.Version)
				}
				return l.Policy.ID
			}
			if id(term) != tc.terminal || id(dist) != tc.distributor {
				t.Errorf("got %q %q, want %q %q", id(term), id(dist), tc.terminal, tc.distributor)
			}
			// Each policy is applied to this manufacturer's goods: a template's clauses name it.
			for _, l := range []*intake.Loaded{term, dist} {
				if l == nil {
					continue
				}
				if l.Policy.Manufacturer != tc.m.Name {
					t.Errorf("%s names %q, want the manufacturer %q", l.Policy.ID, l.Policy.Manufacturer, tc.m.Name)
				}
				text, err := json.Marshal(l.Checked.Policy())
				if err != nil {
					t.Fatal(err)
				}
				clauses := string(text)
				if strings.Contains(clauses, policy.MakerPlaceholder) || (tc.name == "templates" && !strings.Contains(clauses, tc.m.Name)) {
					t.Errorf("%s as applied to %s: %s", l.Policy.ID, tc.m.Name, clauses)
				}
			}
		})
	}
}

func TestReassess(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name        string
		serial      model.Serial
		on          string
		cause       model.Cause
		want        outcome
		dealerCost  bool
		provisional bool
	}{
		{"unknown to manufacturer at day 3 keeps refund", "H1-0001", "2025-03-04", model.CauseManufacturer, refundTier, false, false},
		{"unknown to manufacturer at day 30 keeps replace", "H1-0001", "2025-03-31", model.CauseManufacturer, replaceTier, false, false},
		{"unknown to manufacturer at day 100 keeps repair", "H1-0001", "2025-06-09", model.CauseManufacturer, repairTier, false, false},
		{"unknown to unknown stays provisional", "H1-0001", "2025-06-09", model.CauseUnknown, repairTier, false, true},
		{"unknown to misuse at day 3 is paid", "H1-0001", "2025-03-04", model.CauseMisuse, paidTier, false, false},
		{"unknown to misuse at day 100 is paid", "H1-0001", "2025-06-09", model.CauseMisuse, paidTier, false, false},
		{"out of warranty stays paid", "H1-0001", "2026-03-05", model.CauseManufacturer, paidTier, false, false},
		{"dealer's cost stays for a manufacturer defect", "R7-OLD", "2026-01-10", model.CauseManufacturer, repairTier, true, false},
		{"misuse lifts the dealer's cost", "R7-OLD", "2026-01-10", model.CauseMisuse, paidTier, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := w.create(t, w.plan(t, intake.Request{Serial: tc.serial, On: d(tc.on)}))
			mo := c.MaintenanceNo
			u, cv, err := intake.Reassess(ctx, w.db, c, tc.cause)
			if err != nil {
				t.Fatalf("Reassess: %v", err)
			}
			v := cv.Customer
			if v == nil || v.Tier != tc.want.tier || v.Provisional != tc.provisional || !slices.Equal(v.Remedies, tc.want.remedies) {
				t.Fatalf("verdict %+v, want tier %s provisional %v remedies %v", v, tc.want.tier, tc.provisional, tc.want.remedies)
			}
			if cv.DealerCarriesCost != tc.dealerCost {
				t.Errorf("DealerCarriesCost %v, want %v", cv.DealerCarriesCost, tc.dealerCost)
			}
			got, err := w.db.UpdateCase(ctx, c.ID, u, "tester")
			if err != nil {
				t.Fatalf("UpdateCase: %v", err)
			}
			if got.Cause != tc.cause || got.Tier != tc.want.tier || got.Remedy != tc.want.remedy || got.DealerCarriesCost != tc.dealerCost {
				t.Errorf("case cause %s tier %s remedy %q dealer cost %v, want %s %s %q %v",
					got.Cause, got.Tier, got.Remedy, got.DealerCarriesCost, tc.cause, tc.want.tier, tc.want.remedy, tc.dealerCost)
			}
			if got.PolicyID != policy.HalotekTerminal || got.PolicyVersion != 1 {
				t.Errorf("policy %s v%d", got.PolicyID, got.PolicyVersion)
			}
			if got.MaintenanceNo != mo {
				t.Errorf("maintenance number %q became %q", mo, got.MaintenanceNo)
			}
		})
	}

	t.Run("a remedy still allowed is kept, one no longer allowed is cleared", func(t *testing.T) {
		r := w.plan(t, intake.Request{Serial: "H1-0001", On: d("2025-03-04")})
		r.NewCase.Case.Remedy = model.RemedyReplace
		c := w.create(t, r)
		u, _, err := intake.Reassess(ctx, w.db, c, model.CauseManufacturer)
		if err != nil || *u.Remedy != model.RemedyReplace {
			t.Fatalf("manufacturer: remedy %v, %v", u.Remedy, err)
		}
		u, _, err = intake.Reassess(ctx, w.db, c, model.CauseMisuse)
		if err != nil || *u.Remedy != model.RemedyPaidService {
			t.Fatalf("misuse: remedy %v, %v", u.Remedy, err)
		}
	})

	t.Run("unknown cause", func(t *testing.T) {
		c := w.create(t, w.plan(t, intake.Request{Serial: "H1-0001", On: d("2025-03-04")}))
		_, _, err := intake.Reassess(ctx, w.db, c, "gremlins")
		wantField(t, err, "cause")
	})

	for _, end := range [][]model.Status{model.PathTo(model.StatusClosed), model.PathTo(model.StatusCancelled)} {
		t.Run("final status "+string(end[len(end)-1]), func(t *testing.T) {
			c := w.create(t, w.plan(t, intake.Request{Serial: "H1-0001", On: d("2025-03-04")}))
			var err error
			for _, s := range end {
				if c, err = w.db.MoveCase(ctx, c.ID, s, "tester", ""); err != nil {
					t.Fatal(err)
				}
			}
			_, _, err = intake.Reassess(ctx, w.db, c, model.CauseMisuse)
			if model.ErrorCode(err) != model.ECONFLICT {
				t.Fatalf("Reassess on a %s case: %v, want ECONFLICT", c.Status, err)
			}
		})
	}
}
