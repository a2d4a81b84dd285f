package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"returndesk/model"
)

func testCreateCase(t *testing.T, s suite) {
	db, f := s.openSeeded(t)

	c := MustCreate(t, db, f.NewCase(" SN001 "))
	if c.CaseNo != "RMA-2026-000001" {
		t.Errorf("CaseNo = %q", c.CaseNo)
	}
	if c.Status != model.StatusReceived || c.Cause != model.CauseUnknown {
		t.Errorf("status %q cause %q, want received/unknown", c.Status, c.Cause)
	}
	if c.MaintenanceNo != "" || c.ServiceCentreID != 0 {
		t.Errorf("refund tier got maintenance no. %q / centre %d", c.MaintenanceNo, c.ServiceCentreID)
	}
	if c.Serial != "SN001" {
		t.Errorf("serial = %q, want it trimmed", c.Serial)
	}
	if !c.CreatedAt.Equal(Start) || !c.UpdatedAt.Equal(Start) || c.ClosedAt != nil {
		t.Errorf("timestamps %v %v %v", c.CreatedAt, c.UpdatedAt, c.ClosedAt)
	}
	got, err := db.CaseByID(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Fault != "does not charge" || got.PurchaseDate != model.MustDate("2026-03-01") ||
		got.ReportedDate != model.MustDate("2026-03-10") || got.Tier != model.TierRefund {
		t.Errorf("stored case differs: %+v", got)
	}

	h, err := db.CaseHistory(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || h[0].Action != "created" || h[0].NewStatus != model.StatusReceived ||
		h[0].Actor != "tester" || !strings.Contains(h[0].Note, "refund") || !h[0].At.Equal(Start) {
		t.Errorf("history = %+v", h)
	}
}

func testCreateCaseWithNewCustomer(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	nc := f.NewCase("SN002")
	nc.Case.CustomerID = 0
	nc.Customer = &model.Customer{Name: "李娜", Phone: "13900000000", Region: "Shanghai"}
	c := MustCreate(t, db, nc)
	if c.CustomerID == 0 || nc.Customer.ID != c.CustomerID {
		t.Fatalf("customer id: case %d, customer %d", c.CustomerID, nc.Customer.ID)
	}
	cu, err := db.CustomerByID(ctx, c.CustomerID)
	if err != nil || cu.Name != "李娜" || cu.Kind != model.KindTerminal {
		t.Fatalf("customer = %+v, %v", cu, err)
	}

	// An invalid case after the customer insert leaves neither customer nor number behind.
	before, _ := stored(t, db)
	bad := f.NewCase("SN003")
	bad.Case.CustomerID = 0
	bad.Case.Fault = " "
	bad.Customer = &model.Customer{Name: "王芳"}
	_, err = db.CreateCase(ctx, bad, "tester")
	WantCode(t, err, model.EINVALID)
	if fe := model.FieldErrors(err); fe["fault"] == "" {
		t.Errorf("field errors = %v", fe)
	}
	if bad.Customer.ID != 0 {
		t.Errorf("failed create left customer id %d", bad.Customer.ID)
	}
	if n, _ := stored(t, db); n != before {
		t.Errorf("customers %d -> %d after a failed create", before, n)
	}
	if c := MustCreate(t, db, f.NewCase("SN004")); c.CaseNo != "RMA-2026-000002" {
		t.Errorf("next case no = %s, want RMA-2026-000002", c.CaseNo)
	}
}

// A customer typed in twice, same name and phone, is one customer: the Customers screen
// is refused the second, and a case taken in for the second is the first's; a name alone,
// or the same name with another phone, may be another person.
func testCustomerTypedTwice(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	again := model.Customer{Name: " " + f.Zhang.Name + " ", Phone: f.Zhang.Phone}
	err := db.CreateCustomer(ctx, &again)
	WantCode(t, err, model.EINVALID)
	if fe := model.FieldErrors(err); fe["name"] == "" || again.ID != 0 {
		t.Errorf("the same customer again: %v, id %d", fe, again.ID)
	}
	spaced := model.Customer{Name: f.Zhang.Name, Phone: "138 0013 8000"} // the same phone, as written on a form
	WantCode(t, db.CreateCustomer(ctx, &spaced), model.EINVALID)
	for _, c := range []model.Customer{{Name: f.Zhang.Name, Phone: "13700000000"}, {Name: "王芳"}, {Name: "王芳"}} {
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Errorf("CreateCustomer(%s, %q): %v", c.Name, c.Phone, err)
		}
	}
	other := model.Customer{Name: "李娜", Phone: "13900000000"}
	if err := db.CreateCustomer(ctx, &other); err != nil {
		t.Fatal(err)
	}
	other.Name, other.Phone = f.Zhang.Name, f.Zhang.Phone
	WantCode(t, db.UpdateCustomer(ctx, &other), model.EINVALID)

	before, _ := stored(t, db)
	nc := f.NewCase("SN-TWICE")
	nc.Case.CustomerID = 0
	nc.Customer = &model.Customer{Name: f.Zhang.Name, Phone: f.Zhang.Phone, Region: "Shanghai"}
	c := MustCreate(t, db, nc)
	if n, _ := stored(t, db); c.CustomerID != f.Zhang.ID || n != before {
		t.Errorf("a case for the customer typed again: customer %d (want %d), customers %d -> %d", c.CustomerID, f.Zhang.ID, before, n)
	}
}

func testCreateCaseRejectsBadInput(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	tests := []struct {
		name  string
		edit  func(*model.Case)
		field string
	}{
		{"no serial", func(c *model.Case) { c.Serial = "" }, "serial"},
		{"no reported date", func(c *model.Case) { c.ReportedDate = model.Date{} }, "reported_date"},
		{"unknown tier", func(c *model.Case) { c.Tier = "gold" }, "tier"},
		{"unknown cause", func(c *model.Case) { c.Cause = "aliens" }, "cause"},
		{"unknown remedy", func(c *model.Case) { c.Remedy = "pray" }, "remedy"},
		{"negative refund", func(c *model.Case) { c.RefundAmount = -1 }, "refund_amount"},
		{"missing customer", func(c *model.Case) { c.CustomerID = 999 }, "customer"},
		{"missing product", func(c *model.Case) { c.ProductID = 999 }, "model"},
		{"missing service centre", func(c *model.Case) { c.ServiceCentreID = 999 }, "service_centre_id"},
		{"reported before purchase", func(c *model.Case) { c.ReportedDate = model.MustDate("2026-02-01") }, "reported_date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nc := f.NewCase("SN-BAD")
			tt.edit(&nc.Case)
			_, err := db.CreateCase(ctx, nc, "tester")
			WantCode(t, err, model.EINVALID)
			if _, ok := model.FieldErrors(err)[tt.field]; !ok {
				t.Errorf("field errors %v lack %q", model.FieldErrors(err), tt.field)
			}
		})
	}
	if c := MustCreate(t, db, f.NewCase("SN-OK")); c.CaseNo != "RMA-2026-000001" {
		t.Errorf("failed creates used numbers: first case is %s", c.CaseNo)
	}
}

func testRepairTierGetsMaintenanceNumberAndCentre(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	nc := f.NewRepairCase("SN-R1")
	c := MustCreate(t, db, nc)
	if c.MaintenanceNo != "MO-2026-000001" {
		t.Errorf("MaintenanceNo = %q", c.MaintenanceNo)
	}
	if c.ServiceCentreID != f.CentreBJ.ID {
		t.Errorf("service centre = %d, want Beijing %d", c.ServiceCentreID, f.CentreBJ.ID)
	}
	// A chosen centre is kept.
	nc = f.NewRepairCase("SN-R2")
	nc.Case.ServiceCentreID = f.CentreAnyGZ.ID
	c = MustCreate(t, db, nc)
	if c.MaintenanceNo != "MO-2026-000002" || c.ServiceCentreID != f.CentreAnyGZ.ID {
		t.Errorf("second repair: %q centre %d", c.MaintenanceNo, c.ServiceCentreID)
	}
	h, _ := db.CaseHistory(ctx, c.ID)
	if len(h) != 1 || !strings.Contains(h[0].Note, "MO-2026-000002") {
		t.Errorf("history = %+v", h)
	}
}

func testNumbersRestartEachYear(t *testing.T, s suite) {
	db, clk := s.openTest(t)
	f := Seed(t, db)
	MustCreate(t, db, f.NewCase("A"))
	MustCreate(t, db, f.NewCase("B"))
	clk.Set(time.Date(2027, 1, 1, 8, 0, 0, 0, time.UTC))
	nc := f.NewRepairCase("C")
	nc.Case.ReportedDate = model.MustDate("2027-01-01")
	c := MustCreate(t, db, nc)
	if c.CaseNo != "RMA-2027-000001" || c.MaintenanceNo != "MO-2027-000001" {
		t.Errorf("new year numbers %s %s", c.CaseNo, c.MaintenanceNo)
	}
}

func testFailedCreateAfterAllocationLeavesNoGap(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	MustCreate(t, db, f.NewCase("SN1"))
	// Make the insert itself fail, after the number has been taken from the counter.
	hooks(t, db).FailCaseInsert(t, "boom")
	nc := f.NewRepairCase("SN2")
	nc.Case.Fault = "boom"
	if _, err := db.CreateCase(ctx, nc, "tester"); err == nil {
		t.Fatal("create succeeded despite the trigger")
	}
	nc = f.NewRepairCase("SN3")
	c := MustCreate(t, db, nc)
	if c.CaseNo != "RMA-2026-000002" || c.MaintenanceNo != "MO-2026-000001" {
		t.Errorf("after a rollback: %s %s, want RMA-2026-000002 MO-2026-000001", c.CaseNo, c.MaintenanceNo)
	}
}

func testUpdateCaseRecordsEveryChange(t *testing.T, s suite) {
	db, clk := s.openTest(t)
	f := Seed(t, db)
	c := MustCreate(t, db, f.NewCase("SN-U1"))
	clk.Advance(time.Hour)

	u := model.CaseUpdate{
		Fault:        ptr("does not charge; screen flickers"),
		Cause:        ptr(model.CauseManufacturer),
		Remedy:       ptr(model.RemedyReplace),
		RefundAmount: ptr(model.Money(1250)),
		Notes:        ptr("customer will come back Friday"),
		Accessories:  ptr(c.Accessories), // unchanged: no history entry
	}
	got, err := db.UpdateCase(ctx, c.ID, u, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if got.Cause != model.CauseManufacturer || got.Remedy != model.RemedyReplace || got.RefundAmount != 1250 {
		t.Errorf("updated case = %+v", got)
	}
	if !got.UpdatedAt.Equal(Start.Add(time.Hour)) || !got.CreatedAt.Equal(Start) {
		t.Errorf("timestamps created %v updated %v", got.CreatedAt, got.UpdatedAt)
	}
	h, err := db.CaseHistory(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ field, old, new string }{
		{"fault", "does not charge", "does not charge; screen flickers"},
		{"cause", "unknown", "manufacturer"},
		{"remedy", "", "replace"},
		{"refund_amount", "0.00", "12.50"},
		{"notes", "", "customer will come back Friday"},
	}
	if len(h) != 1+len(want) {
		t.Fatalf("history has %d entries: %+v", len(h), h)
	}
	for i, w := range want {
		e := h[i+1]
		if e.Action != "edit" || e.Field != w.field || e.OldValue != w.old || e.NewValue != w.new || e.Actor != "alice" {
			t.Errorf("entry %d = %+v, want %+v", i+1, e, w)
		}
	}

	// Nothing changed: no new entries, no new timestamp.
	clk.Advance(time.Hour)
	same, err := db.UpdateCase(ctx, c.ID, model.CaseUpdate{Cause: ptr(model.CauseManufacturer)}, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if !same.UpdatedAt.Equal(got.UpdatedAt) {
		t.Error("an update without changes bumped updated_at")
	}
	if h2, _ := db.CaseHistory(ctx, c.ID); len(h2) != len(h) {
		t.Errorf("an update without changes wrote history")
	}

	// Invalid values are refused and change nothing.
	_, err = db.UpdateCase(ctx, c.ID, model.CaseUpdate{Fault: ptr(""), Notes: ptr("x")}, "alice")
	WantCode(t, err, model.EINVALID)
	if again, _ := db.CaseByID(ctx, c.ID); again.Notes != "customer will come back Friday" {
		t.Errorf("refused update changed notes to %q", again.Notes)
	}
	_, err = db.UpdateCase(ctx, 9999, u, "alice")
	WantCode(t, err, model.ENOTFOUND)
}

func testUpdateTierToRepair(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	c := MustCreate(t, db, f.NewCase("SN-T1"))
	got, err := db.UpdateCase(ctx, c.ID, model.CaseUpdate{Tier: ptr(model.TierRepair)}, "bob")
	if err != nil {
		t.Fatal(err)
	}
	if got.MaintenanceNo != "MO-2026-000001" || got.ServiceCentreID != f.CentreBJ.ID {
		t.Fatalf("after tier repair: %q centre %d", got.MaintenanceNo, got.ServiceCentreID)
	}
	h, _ := db.CaseHistory(ctx, c.ID)
	fields := map[string]model.HistoryEntry{}
	for _, e := range h[1:] {
		fields[e.Field] = e
	}
	if e := fields["tier"]; e.OldValue != "refund" || e.NewValue != "repair" {
		t.Errorf("tier entry %+v", e)
	}
	if e := fields["maintenance_no"]; e.NewValue != "MO-2026-000001" {
		t.Errorf("maintenance entry %+v", e)
	}
	if e := fields["service_centre_id"]; e.NewValue == "" {
		t.Errorf("service centre entry %+v", e)
	}
	// Found by the maintenance number, in any letter case.
	byMO, err := db.FindCase(ctx, " mo-2026-000001 ")
	if err != nil || byMO.ID != c.ID {
		t.Fatalf("FindCase by maintenance no.: %v, %v", byMO, err)
	}
	// Back and forth keeps the one maintenance number.
	db.UpdateCase(ctx, c.ID, model.CaseUpdate{Tier: ptr(model.TierPaid)}, "bob")
	again, err := db.UpdateCase(ctx, c.ID, model.CaseUpdate{Tier: ptr(model.TierRepair)}, "bob")
	if err != nil || again.MaintenanceNo != "MO-2026-000001" {
		t.Errorf("re-entering repair: %q, %v", again.MaintenanceNo, err)
	}
}

func testClosedCaseAcceptsOnlyNotes(t *testing.T, s suite) {
	db, clk := s.openTest(t)
	f := Seed(t, db)
	c := MustCreate(t, db, f.NewCase("SN-C1"))
	for _, s := range []model.Status{model.StatusDiagnosing, model.StatusReadyForPickup, model.StatusClosed} {
		clk.Advance(time.Minute)
		if _, err := db.MoveCase(ctx, c.ID, s, "bob", ""); err != nil {
			t.Fatal(err)
		}
	}
	_, err := db.UpdateCase(ctx, c.ID, model.CaseUpdate{Remedy: ptr(model.RemedyRefund), Notes: ptr("late")}, "bob")
	WantCode(t, err, model.ECONFLICT)
	got, err := db.UpdateCase(ctx, c.ID, model.CaseUpdate{Notes: ptr("customer phoned to thank us")}, "bob")
	if err != nil || got.Notes != "customer phoned to thank us" {
		t.Fatalf("notes on a closed case: %v", err)
	}
	if got.Status != model.StatusClosed {
		t.Errorf("status = %s", got.Status)
	}
}

func testMoveCaseTransitions(t *testing.T, s suite) {
	db, clk := s.openTest(t)
	f := Seed(t, db)
	n := 0
	// caseAt returns a new case moved to status s along allowed transitions.
	caseAt := func(s model.Status) *model.Case {
		n++
		c := MustCreate(t, db, f.NewCase(fmt.Sprintf("SN-M%d", n)))
		for _, step := range model.PathTo(s) {
			var err error
			if c, err = db.MoveCase(ctx, c.ID, step, "bob", ""); err != nil {
				t.Fatalf("moving to %s: %v", step, err)
			}
		}
		return c
	}
	for _, from := range model.Statuses {
		for _, to := range model.Statuses {
			allowed := from.CanMoveTo(to)
			t.Run(string(from)+"->"+string(to), func(t *testing.T) {
				c := caseAt(from)
				clk.Advance(time.Minute)
				got, err := db.MoveCase(ctx, c.ID, to, "carol", "note "+string(to))
				if !allowed {
					WantCode(t, err, model.ECONFLICT)
					if again, _ := db.CaseByID(ctx, c.ID); again.Status != from {
						t.Errorf("refused move changed the status to %s", again.Status)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got.Status != to || !got.UpdatedAt.Equal(clk.Now()) {
					t.Errorf("status %s updated %v", got.Status, got.UpdatedAt)
				}
				if (to == model.StatusClosed) != (got.ClosedAt != nil) {
					t.Errorf("closed_at = %v for %s", got.ClosedAt, to)
				}
				h, _ := db.CaseHistory(ctx, c.ID)
				last := h[len(h)-1]
				if last.Action != "status" || last.OldStatus != from || last.NewStatus != to ||
					last.Note != "note "+string(to) || last.Actor != "carol" {
					t.Errorf("history entry %+v", last)
				}
			})
		}
	}
	c := caseAt(model.StatusReceived)
	_, err := db.MoveCase(ctx, c.ID, "lost", "bob", "")
	WantCode(t, err, model.EINVALID)
	_, err = db.MoveCase(ctx, 9999, model.StatusDiagnosing, "bob", "")
	WantCode(t, err, model.ENOTFOUND)
}

func testHistoryRecordsTheWholeLife(t *testing.T, s suite) {
	db, clk := s.openTest(t)
	f := Seed(t, db)
	c := MustCreate(t, db, f.NewCase("SN-H1"))
	clk.Advance(time.Minute)
	db.MoveCase(ctx, c.ID, model.StatusDiagnosing, "bob", "testing")
	clk.Advance(time.Minute)
	db.UpdateCase(ctx, c.ID, model.CaseUpdate{Cause: ptr(model.CauseMisuse)}, "bob")
	clk.Advance(time.Minute)
	db.MoveCase(ctx, c.ID, model.StatusCancelled, "bob", "customer withdrew")
	h, err := db.CaseHistory(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, e := range h {
		got = append(got, e.Action+":"+e.Field+string(e.NewStatus))
		if !e.At.Equal(Start.Add(time.Duration(i) * time.Minute)) {
			t.Errorf("entry %d at %v", i, e.At)
		}
	}
	if want := "created:received status:diagnosing edit:cause status:cancelled"; strings.Join(got, " ") != want {
		t.Errorf("history = %q, want %q", strings.Join(got, " "), want)
	}
	_, err = db.CaseHistory(ctx, 9999)
	WantCode(t, err, model.ENOTFOUND)
}

func testFindCaseNotFound(t *testing.T, s suite) {
	db, _ := s.openTest(t)
	_, err := db.FindCase(ctx, "RMA-2026-000999")
	WantCode(t, err, model.ENOTFOUND)
	if msg := model.ErrorMessage(err); msg != "no case RMA-2026-000999" {
		t.Errorf("message = %q", msg)
	}
	_, err = db.FindCase(ctx, "")
	WantCode(t, err, model.EINVALID)
	_, err = db.CaseByID(ctx, 42)
	WantCode(t, err, model.ENOTFOUND)
}

func testCountCasesByStatus(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	a := MustCreate(t, db, f.NewCase("A"))
	MustCreate(t, db, f.NewCase("B"))
	db.MoveCase(ctx, a.ID, model.StatusDiagnosing, "", "")
	got, err := db.CountCasesByStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got[model.StatusReceived] != 1 || got[model.StatusDiagnosing] != 1 || len(got) != len(model.Statuses) {
		t.Errorf("counts = %v", got)
	}
}
