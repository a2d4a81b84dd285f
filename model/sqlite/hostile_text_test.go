package sqlite_test

import (
	"strings"
	"testing"

	"returndesk/model"
)

// TestFutureDatesAreRefused: on the store's clock (2026-03-10), a new case, sales record or
// OEM order dated after today is refused, one dated today is stored.
func TestFutureDatesAreRefused(t *testing.T) {
	db, f := openSeeded(t)
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

	nc := f.newCase("SN-FUTURE")
	nc.Case.ReportedDate = tomorrow
	_, err := db.CreateCase(ctx, nc, "tester")
	refused(t, err, "reported_date", "2026-03-11 is in the future (today is 2026-03-10)")
	nc.Case.ReportedDate, nc.Case.PurchaseDate = today, model.Date{}
	nc.Case.ShipmentDate = tomorrow
	_, err = db.CreateCase(ctx, nc, "tester")
	refused(t, err, "shipment_date", "2026-03-11 is in the future")
	nc.Case.ShipmentDate = today
	mustCreate(t, db, nc)

	sales := []model.Sale{{Serial: "SN-OK", ProductID: f.phone.ID, PurchaseDate: today},
		{Serial: "SN-LATER", ProductID: f.phone.ID, PurchaseDate: tomorrow}}
	err = db.ImportSales(ctx, sales)
	refused(t, err, "purchase_date", "row 2 (serial SN-LATER): purchase_date: 2026-03-11 is in the future")
	if _, err := db.SaleBySerial(ctx, "SN-OK"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("row 1 stored although row 2 was refused: %v", err)
	}
	sales[1].PurchaseDate, sales[1].ShipmentDate = model.Date{}, model.MustDate("2027-01-05")
	refused(t, db.ImportSales(ctx, sales), "shipment_date", "2027-01-05 is in the future")

	o := model.OEMOrder{ManufacturerID: f.halotek.ID, ProductID: f.phone.ID, OrderNo: "PO-1", Quantity: 10,
		ShipmentDate: tomorrow, SpareRate: "0.4"}
	refused(t, db.CreateOEMOrder(ctx, &o), "shipment_date", "2026-03-11 is in the future")
	o.ShipmentDate = today
	if err := db.CreateOEMOrder(ctx, &o); err != nil {
		t.Errorf("an order shipped today: %v", err)
	}
}

// TestSearchWithAControlCharacterMatchesNothing: the search text joins its fields with
// U+001F, so a term holding it used to match every case (and any customer with a phone).
func TestSearchWithAControlCharacterMatchesNothing(t *testing.T) {
	db, f := openSeeded(t)
	mustCreate(t, db, f.newCase("SN-1"))
	mustCreate(t, db, f.newCase("SN-2"))
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
func TestTextWithControlCharactersIsRefused(t *testing.T) {
	db, f := openSeeded(t)
	c := mustCreate(t, db, f.newCase("SN-1"))
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
	if _, _, err := db.MarkDeducted(ctx, f.halotek.ID, "PI\a7"); !strings.Contains(model.ErrorMessage(err), "pi: contains a control character (U+0007)") {
		t.Errorf("MarkDeducted with a bell in the PI: %v", err)
	}
}

// TestOldControlCharactersDoNotBlockEdits: a case an older ReturnDesk stored with an escape
// in its serial (written here straight into the file) can still get notes; new bad text
// in the field being edited is still refused.
func TestOldControlCharactersDoNotBlockEdits(t *testing.T) {
	db, _, path := openTest(t)
	f := seed(t, db)
	c := mustCreate(t, db, f.newCase("SN-OLD"))
	if _, err := rawDB(t, path).Exec(`UPDATE cases SET serial = ? WHERE id = ?`, "SN\x1b[31mOLD", c.ID); err != nil {
		t.Fatal(err)
	}
	notes := "customer called"
	if _, err := db.UpdateCase(ctx, c.ID, model.CaseUpdate{Notes: &notes}, "tester"); err != nil {
		t.Errorf("adding notes to an old case: %v", err)
	}
	notes = "called\x1b[2J"
	if _, err := db.UpdateCase(ctx, c.ID, model.CaseUpdate{Notes: &notes}, "tester"); model.ErrorCode(err) != model.EINVALID ||
		model.FieldErrors(err)["notes"] == "" || model.FieldErrors(err)["serial"] != "" {
		t.Errorf("notes with an escape on an old case: %v; want the notes refused, not the old serial", err)
	}
}
