package storetest

import (
	"fmt"
	"testing"

	"returndesk/model"
)

func testSalesOfSerials(t *testing.T, s suite) {
	db, _ := s.openSeeded(t)
	var sales []model.Sale
	for i := range 1200 { // more than one batch
		sales = append(sales, model.Sale{Serial: model.Serial(fmt.Sprintf("SN-%04d", i)), Model: "H1"})
	}
	if err := db.ImportSales(ctx, sales); err != nil {
		t.Fatal(err)
	}
	got, err := db.SalesOfSerials(ctx, []model.Serial{"sn-0001", "SN-0999", "SN-9999", " SN-1150 ", "nope"})
	if err != nil {
		t.Fatal(err)
	}
	var serials []model.Serial
	for _, s := range got {
		serials = append(serials, s.Serial)
	}
	if fmt.Sprint(serials) != "[SN-0001 SN-0999 SN-1150]" || got[0].Model != "H1" || got[0].Manufacturer == "" {
		t.Errorf("SalesOfSerials = %+v, want the records of the three known serials, as stored", got)
	}
	var many []model.Serial
	for i := 0; i < 1200; i += 2 {
		many = append(many, model.Serial(fmt.Sprintf("SN-%04d", i)))
	}
	got, err = db.SalesOfSerials(ctx, many)
	if err != nil || len(got) != 600 {
		t.Errorf("SalesOfSerials over several batches: %d, %v", len(got), err)
	}
	got, err = db.SalesOfSerials(ctx, nil)
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("no serials: %v %v", got, err)
	}
}

func testFindSales(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	sales := []model.Sale{
		{Serial: "ab-2", Model: "H1", CustomerName: "陈静", PurchaseDate: model.MustDate("2026-02-01")},
		{Serial: "AB-1", Model: "R7"},
		{Serial: "A%B", Model: "H1"},
		{Serial: "AC_1", Model: "H1"},
	}
	if err := db.ImportSales(ctx, sales); err != nil {
		t.Fatal(err)
	}
	serials := func(ss []model.Sale) string {
		var out []string
		for _, s := range ss {
			out = append(out, string(s.Serial))
		}
		return fmt.Sprint(out)
	}
	got, err := db.FindSales(ctx, "ab", 0)
	if err != nil {
		t.Fatal(err)
	}
	if serials(got) != "[AB-1 ab-2]" {
		t.Errorf("FindSales(ab) = %s", serials(got))
	}
	if got[1].Model != "H1" || got[1].Manufacturer != f.Halotek.Name || got[1].CustomerName != "陈静" ||
		got[1].PurchaseDate != model.MustDate("2026-02-01") {
		t.Errorf("sale read back = %+v", got[1])
	}
	// Wildcards typed by the user are plain characters.
	if got, _ := db.FindSales(ctx, "A%", 0); serials(got) != "[A%B]" {
		t.Errorf("FindSales(A%%) = %s", serials(got))
	}
	if got, _ := db.FindSales(ctx, "A_", 0); serials(got) != "[]" {
		t.Errorf("FindSales(A_) = %s", serials(got))
	}
	if got, _ := db.FindSales(ctx, "", 2); len(got) != 2 {
		t.Errorf("FindSales(\"\", 2) = %s", serials(got))
	}
}

func testSerialCasesFollowsSwaps(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	first := MustCreate(t, db, f.NewCase("OLD-1"))
	if _, err := db.UpdateCase(ctx, first.ID, model.CaseUpdate{ReplacementSerial: ptr(model.Serial("NEW-2"))}, "t"); err != nil {
		t.Fatal(err)
	}
	second := MustCreate(t, db, f.NewCase("new-2"))
	MustCreate(t, db, f.NewCase("OTHER"))

	got, err := db.SerialCases(ctx, "NEW-2")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != first.ID || got[1].ID != second.ID {
		t.Fatalf("SerialCases(NEW-2) = %+v, want the swap case then its own case", got)
	}
	if got[0].ReplacementSerial != "NEW-2" {
		t.Errorf("full case not read: %+v", got[0])
	}
	got, _ = db.SerialCases(ctx, "old-1")
	if len(got) != 1 || got[0].ID != first.ID {
		t.Errorf("SerialCases(old-1) = %+v", got)
	}
	if got, err := db.SerialCases(ctx, " "); err != nil || len(got) != 0 {
		t.Errorf("blank serial: %v %v", got, err)
	}
}
