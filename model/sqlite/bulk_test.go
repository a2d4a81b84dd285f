package sqlite_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"returndesk/model"
)

// lifeOp is one thing that happens at the counter, done either through the store's own
// methods or through the bulk loader.
type lifeOp struct {
	at     time.Time
	create *model.NewCase
	update *model.CaseUpdate
	move   model.Status
	caseNo int // 1-based index of the case created by the load that update and move concern
}

// counterLife crosses a new year and takes cases in every way a number is given: repair at
// intake (maintenance number at once), moved into repair later, closed, cancelled.
func counterLife(f *fixture) []lifeOp {
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t.Local() }
	nc := func(serial string, tier model.Tier) *model.NewCase {
		c := f.NewCase(serial)
		c.Case.Tier = tier
		// Reported the day before the first step's date in UTC+8: a date no later than that
		// step's in any time zone, as a new case's must be.
		c.Case.PurchaseDate, c.Case.ReportedDate = model.MustDate("2025-12-01"), model.MustDate("2025-12-29")
		return &c
	}
	repair, paid, cause := model.TierRepair, model.TierPaid, model.CauseMisuse
	return []lifeOp{
		{at: at("2025-12-30T10:00:00+08:00"), create: nc("SN-1", model.TierRefund)},
		{at: at("2025-12-30T11:00:00+08:00"), create: nc("SN-2", model.TierRepair)},
		{at: at("2025-12-31T09:00:00+08:00"), caseNo: 1, move: model.StatusDiagnosing},
		{at: at("2026-01-02T09:00:00+08:00"), create: nc("SN-3", model.TierReplace)},
		{at: at("2026-01-02T10:00:00+08:00"), caseNo: 3, update: &model.CaseUpdate{Tier: &repair}},
		{at: at("2026-01-03T10:00:00+08:00"), caseNo: 1, update: &model.CaseUpdate{Cause: &cause, Tier: &paid}},
		{at: at("2026-01-03T10:00:00+08:00"), caseNo: 1, move: model.StatusReadyForPickup},
		{at: at("2026-01-05T16:00:00+08:00"), caseNo: 1, move: model.StatusClosed},
		{at: at("2026-01-06T16:00:00+08:00"), caseNo: 2, move: model.StatusCancelled},
		{at: at("2026-01-07T09:00:00+08:00"), create: nc("SN-4", model.TierRepair)},
	}
}

// The bulk loader writes exactly what the store's methods write when called one by one at
// the same times: cases, history, sales, numbers and the numbers that come next.
func TestBulkWritesWhatTheStoreWrites(t *testing.T) {
	type outcome struct {
		cases   []model.Case
		history [][]model.HistoryEntry
		sale    *model.Sale
		next    model.Case
	}
	run := func(bulk bool) outcome {
		db, clk, _ := openTest(t)
		f := seed(t, db)
		sales := []model.Sale{{Serial: "SN-1", ProductID: f.Phone.ID, CustomerID: f.Zhang.ID, CustomerName: f.Zhang.Name,
			Phone: f.Zhang.Phone, PurchaseDate: model.MustDate("2025-12-01")}}
		walkIn := model.Customer{Name: "Maria Santos", Phone: "+852 6123 4567", Region: "Shanghai"}
		var ids []model.CaseID
		do := func(op lifeOp, create func(model.NewCase) (*model.Case, error), update func(model.CaseID, model.CaseUpdate) error,
			move func(model.CaseID, model.Status) error) {
			t.Helper()
			var err error
			switch {
			case op.create != nil:
				nc := *op.create
				nc.Case.CustomerID = walkIn.ID
				var c *model.Case
				if c, err = create(nc); err == nil {
					ids = append(ids, c.ID)
				}
			case op.update != nil:
				err = update(ids[op.caseNo-1], *op.update)
			default:
				err = move(ids[op.caseNo-1], op.move)
			}
			if err != nil {
				t.Fatalf("bulk=%v %+v: %v", bulk, op, err)
			}
		}
		if bulk {
			err := db.Bulk(ctx, func(b model.BulkLoad) error {
				if err := b.CreateCustomer(&walkIn); err != nil {
					return err
				}
				if err := b.AddSale(&sales[0]); err != nil {
					return err
				}
				for _, op := range counterLife(f) {
					do(op, func(nc model.NewCase) (*model.Case, error) { return b.CreateCase(op.at, nc, "tester") },
						func(id model.CaseID, u model.CaseUpdate) error {
							_, err := b.UpdateCase(op.at, id, u, "tester")
							return err
						},
						func(id model.CaseID, to model.Status) error {
							_, err := b.MoveCase(op.at, id, to, "tester", "note "+string(to))
							return err
						})
				}
				return nil
			})
			if err != nil {
				t.Fatalf("Bulk: %v", err)
			}
		} else {
			if err := db.CreateCustomer(ctx, &walkIn); err != nil {
				t.Fatal(err)
			}
			if err := db.ImportSales(ctx, sales); err != nil {
				t.Fatal(err)
			}
			for _, op := range counterLife(f) {
				clk.Set(op.at)
				do(op, func(nc model.NewCase) (*model.Case, error) { return db.CreateCase(ctx, nc, "tester") },
					func(id model.CaseID, u model.CaseUpdate) error {
						_, err := db.UpdateCase(ctx, id, u, "tester")
						return err
					},
					func(id model.CaseID, to model.Status) error {
						_, err := db.MoveCase(ctx, id, to, "tester", "note "+string(to))
						return err
					})
			}
		}
		var out outcome
		for _, id := range ids {
			c, err := db.CaseByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			h, err := db.CaseHistory(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			out.cases, out.history = append(out.cases, *c), append(out.history, h)
		}
		var err error
		if out.sale, err = db.SaleBySerial(ctx, "sn-1"); err != nil {
			t.Fatal(err)
		}
		clk.Set(time.Date(2026, 2, 1, 9, 0, 0, 0, time.Local))
		next := f.NewRepairCase("SN-NEXT")
		next.Case.CustomerID = walkIn.ID
		next.Case.PurchaseDate, next.Case.ReportedDate = model.MustDate("2026-01-20"), model.MustDate("2026-01-31")
		out.next = *mustCreate(t, db, next)
		return out
	}
	want, got := run(false), run(true)
	if len(got.cases) != 4 {
		t.Fatalf("bulk load made %d cases, want 4", len(got.cases))
	}
	for i := range want.cases {
		if !reflect.DeepEqual(got.cases[i], want.cases[i]) {
			t.Errorf("case %d:\nbulk  %+v\nstore %+v", i+1, got.cases[i], want.cases[i])
		}
		for j := range want.history[i] {
			want.history[i][j].ID = 0 // ids count every case's entries
		}
		for j := range got.history[i] {
			got.history[i][j].ID = 0
		}
		if !reflect.DeepEqual(got.history[i], want.history[i]) {
			t.Errorf("history of case %d:\nbulk  %+v\nstore %+v", i+1, got.history[i], want.history[i])
		}
	}
	if !reflect.DeepEqual(got.sale, want.sale) {
		t.Errorf("sale: bulk %+v, store %+v", got.sale, want.sale)
	}
	if got.next.CaseNo != want.next.CaseNo || got.next.MaintenanceNo != want.next.MaintenanceNo {
		t.Errorf("next case after the bulk load: %s %s, after the store's methods: %s %s",
			got.next.CaseNo, got.next.MaintenanceNo, want.next.CaseNo, want.next.MaintenanceNo)
	}
	if want.cases[0].CaseNo != "RMA-2025-000001" || want.next.CaseNo != "RMA-2026-000003" || want.next.MaintenanceNo != "MO-2026-000003" {
		t.Errorf("the scenario no longer crosses the year as meant: %s ... %s %s", want.cases[0].CaseNo, want.next.CaseNo, want.next.MaintenanceNo)
	}
}

// A load that fails writes nothing, and says which record failed.
func TestBulkFailureWritesNothing(t *testing.T) {
	db, _, path := openTest(t)
	f := seed(t, db)
	err := db.Bulk(ctx, func(b model.BulkLoad) error {
		for i := range 250 { // more than one batch, so that the failing row is found in a full one
			s := model.Sale{Serial: model.Serial(fmt.Sprintf("OK-%04d", i)), ProductID: f.Phone.ID}
			if err := b.AddSale(&s); err != nil {
				return err
			}
		}
		dup := model.Sale{Serial: "ok-0007", ProductID: f.Phone.ID} // OK-0007 is taken, ignoring case
		if err := b.AddSale(&dup); err != nil {
			return err
		}
		_, err := b.CreateCase(time.Now(), f.NewCase("SN-1"), "tester")
		return err
	})
	if model.ErrorCode(err) != model.ECONFLICT || !strings.Contains(model.ErrorMessage(err), "ok-0007") {
		t.Fatalf("Bulk with a duplicate serial = %v, want a conflict naming ok-0007", err)
	}
	raw := rawDB(t, path)
	if n := count(t, raw, `SELECT count(*) FROM sales`) + count(t, raw, `SELECT count(*) FROM cases`) +
		count(t, raw, `SELECT count(*) FROM case_history`) + count(t, raw, `SELECT count(*) FROM counters`); n != 0 {
		t.Errorf("a failed load left %d rows", n)
	}
}

// The loader refuses a sales record for the same reasons, naming the same field, as the import.
func TestBulkChecksSalesAsTheImportDoes(t *testing.T) {
	db, f := openSeeded(t)
	tomorrow := model.DateOf(start).AddDays(1)
	for _, tc := range []struct {
		name  string
		sale  model.Sale
		field string
	}{
		{"sold tomorrow", model.Sale{Serial: "FUT-1", ProductID: f.Phone.ID, PurchaseDate: tomorrow}, "purchase_date"},
		{"shipped tomorrow", model.Sale{Serial: "FUT-2", ProductID: f.Phone.ID, ShipmentDate: tomorrow}, "shipment_date"},
		{"no such product", model.Sale{Serial: "NOP-1", ProductID: 999}, "model"},
		{"no such customer", model.Sale{Serial: "NOC-1", ProductID: f.Phone.ID, CustomerID: 999}, "customer"},
		{"control character", model.Sale{Serial: "BAD\x07", ProductID: f.Phone.ID}, "serial"},
	} {
		imported := []model.Sale{tc.sale}
		errImport := db.ImportSales(ctx, imported)
		errBulk := db.Bulk(ctx, func(b model.BulkLoad) error {
			s := tc.sale
			return b.AddSale(&s)
		})
		for _, got := range []struct {
			how string
			err error
		}{{"ImportSales", errImport}, {"Bulk.AddSale", errBulk}} {
			if model.ErrorCode(got.err) != model.EINVALID || model.FieldErrors(got.err)[tc.field] == "" {
				t.Errorf("%s: %s = %v, want EINVALID naming %s", tc.name, got.how, got.err, tc.field)
			}
		}
	}
}

// Steps must come in time order, or history ids would not be time order.
func TestBulkRefusesStepsOutOfOrder(t *testing.T) {
	db, f := openSeeded(t)
	err := db.Bulk(ctx, func(b model.BulkLoad) error {
		now := time.Now()
		if _, err := b.CreateCase(now, f.NewCase("SN-1"), "tester"); err != nil {
			return err
		}
		_, err := b.CreateCase(now.Add(-time.Second), f.NewCase("SN-2"), "tester")
		return err
	})
	wantCode(t, err, model.EINVALID)
}

// A case moved where the store would refuse it is refused by the loader too.
func TestBulkChecksTransitions(t *testing.T) {
	db, f := openSeeded(t)
	err := db.Bulk(ctx, func(b model.BulkLoad) error {
		now := time.Now()
		c, err := b.CreateCase(now, f.NewCase("SN-1"), "tester")
		if err != nil {
			return err
		}
		_, err = b.MoveCase(now, c.ID, model.StatusClosed, "tester", "")
		return err
	})
	wantCode(t, err, model.ECONFLICT)
}
