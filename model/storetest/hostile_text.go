package storetest

import (
	"strings"
	"testing"

	"returndesk/model"
)

// TestFutureDatesAreRefused: on the store's clock (2026-03-10), a new case, sales record or
// OEM order dated after today is refused, one dated today is stored.
func testFutureDatesAreRefused(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	today, tomorrow := model.MustDate("2026-03-10"), model.MustDate("2026-03-11")
	if got := db.Today(); got != today {
		t.Fatalf("Today() = %s, want the clock's %s", got, today)
	}
	refused := func(t *testing.T, err error, field, want string) {
		t.Helper()
		if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), field) || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v; want a %s problem saying %q", err, field, want)
		}
	}

	nc := f.NewCase("SN-FUTURE")
	nc.Case.ReportedDate = tomorrow
	_, err := db.CreateCase(ctx, nc, "tester")
	refused(t, err, "reported_date", "2026-03-11 is in the future (today is 2026-03-10)")
	nc.Case.ReportedDate, nc.Case.PurchaseDate = today, model.Date{}
	nc.Case.ShipmentDate = tomorrow
	_, err = db.CreateCase(ctx, nc, "tester")
	refused(t, err, "shipment_date", "2026-03-11 is in the future")
	nc.Case.ShipmentDate = today
	MustCreate(t, db, nc)

	sales := []model.Sale{{Serial: "SN-OK", ProductID: f.Phone.ID, PurchaseDate: today},
		{Serial: "SN-LATER", ProductID: f.Phone.ID, PurchaseDate: tomorrow}}
	err = db.ImportSales(ctx, sales)
	refused(t, err, "purchase_date", "row 2 (serial SN-LATER): purchase_date: 2026-03-11 is in the future")
	if _, err := db.SaleBySerial(ctx, "SN-OK"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("row 1 stored although row 2 was refused: %v", err)
	}
	sales[1].PurchaseDate, sales[1].ShipmentDate = model.Date{}, model.MustDate("2027-01-05")
	refused(t, db.ImportSales(ctx, sales), "shipment_date", "2027-01-05 is in the future")

	o := model.OEMOrder{ManufacturerID: f.Halotek.ID, ProductID: f.Phone.ID, OrderNo: "PO-1", Quantity: 10,
		ShipmentDate: tomorrow, SpareRate: "0.4"}
	refused(t, db.CreateOEMOrder(ctx, &o), "shipment_date", "2026-03-11 is in the future")
	o.ShipmentDate = today
	if err := db.CreateOEMOrder(ctx, &o); err != nil {
		t.Errorf("an order shipped today: %v", err)
	}
}

// TestSearchWithAControlCharacterMatchesNothing: the search text joins its fields with
// U+001F, so a term holding it used to match every case (and any customer with a phone).
func testSearchWithAControlCharacterMatchesNothing(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	MustCreate(t, db, f.NewCase("SN-1"))
	MustCreate(t, db, f.NewCase("SN-2"))
	for _, q := range []string{"\x1f", "SN-1\x1f", "\x1f张伟", "张\u202e伟", "sn\x1b"} {
		rows, total, err := db.FindCases(ctx, model.CaseFilter{Search: q})
		if err != nil || len(rows) != 0 || total != 0 {
			t.Errorf("FindCases(%q) = %d rows, total %d, %v; want nothing", q, len(rows), total, err)
		}
		customers, err := db.FindCustomers(ctx, q, 10)
		if err != nil || len(customers) != 0 {
			t.Errorf("FindCustomers(%q) = %v, %v; want nothing", q, customers, err)
		}
	}
	// Blanks around a term are trimmed as before: a scanned serial with its line break still finds the case.
	if rows, _, err := db.FindCases(ctx, model.CaseFilter{Search: "SN-1\n"}); err != nil || len(rows) != 1 {
		t.Errorf("FindCases(\"SN-1\\n\") = %d rows, %v; want 1", len(rows), err)
	}
}

// TestTextWithControlCharactersIsRefused: the free text the store takes besides the
// records' own fields (a status note, a claim line's note, a PI number) is judged too.
func testTextWithControlCharactersIsRefused(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	c := MustCreate(t, db, f.NewCase("SN-1"))
	if _, err := db.MoveCase(ctx, c.ID, model.StatusDiagnosing, "tester", "ok\x1b[8m"); !strings.Contains(model.ErrorMessage(err), "note: contains a control character (U+001B)") {
		t.Errorf("MoveCase with an escape in the note: %v", err)
	}
	if _, err := db.MoveCase(ctx, c.ID, model.StatusDiagnosing, "tester", "two\nlines"); err != nil {
		t.Errorf("MoveCase with a two-line note: %v", err)
	}
	bad := "\u202e"
	if _, err := db.UpdateCase(ctx, c.ID, model.CaseUpdate{Notes: &bad}, "tester"); !strings.Contains(model.ErrorMessage(err), "notes: contains an invisible text-direction character (U+202E)") {
		t.Errorf("UpdateCase with an override in the notes: %v", err)
	}
	if _, _, err := db.MarkDeducted(ctx, f.Halotek.ID, "PI\a7"); !strings.Contains(model.ErrorMessage(err), "pi: contains a control character (U+0007)") {
		t.Errorf("MarkDeducted with a bell in the PI: %v", err)
	}
}
