package storetest

import (
	"strings"
	"testing"

	"returndesk/model"
)

func testImportSales(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	sales := []model.Sale{
		{Serial: " SN-1001 ", Model: "h1", CustomerName: "陈静", Phone: "13600000001", Invoice: "INV-1",
			PurchaseDate: model.MustDate("2026-02-01"), ShipmentDate: model.MustDate("2026-01-15")},
		{Serial: "SN-1002", Model: "R7", Manufacturer: "eletrek", CustomerName: "陈静", Phone: "13600000001"},
		{Serial: "SN-1003", ProductID: f.Phone.ID, CustomerName: f.Zhang.Name, Phone: f.Zhang.Phone},
		{Serial: "SN-1004", Model: "H1"},
	}
	if err := db.ImportSales(ctx, sales); err != nil {
		t.Fatal(err)
	}
	for i, s := range sales {
		if s.ID == 0 || s.ProductID == 0 {
			t.Errorf("row %d ids not filled: %+v", i+1, s)
		}
	}
	if sales[0].CustomerID == 0 || sales[0].CustomerID != sales[1].CustomerID {
		t.Errorf("the same name and phone should give one customer: %d %d", sales[0].CustomerID, sales[1].CustomerID)
	}
	if sales[2].CustomerID != f.Zhang.ID {
		t.Errorf("existing customer not reused: %d", sales[2].CustomerID)
	}
	if sales[3].CustomerID != 0 {
		t.Errorf("no customer name but customer %d", sales[3].CustomerID)
	}

	got, err := db.SaleBySerial(ctx, "sn-1001")
	if err != nil {
		t.Fatal(err)
	}
	if got.Serial != "SN-1001" || got.Model != "H1" || got.Manufacturer != "Halotek" || got.CustomerName != "陈静" ||
		got.Invoice != "INV-1" || got.PurchaseDate != model.MustDate("2026-02-01") ||
		got.ShipmentDate != model.MustDate("2026-01-15") || got.ProductID != f.Phone.ID {
		t.Errorf("SaleBySerial = %+v", got)
	}
	r7, _ := db.SaleBySerial(ctx, "SN-1002")
	if r7.Manufacturer != "EleTrek" || r7.Model != "R7" {
		t.Errorf("SN-1002 = %+v", r7)
	}
	_, err = db.SaleBySerial(ctx, "SN-404")
	WantCode(t, err, model.ENOTFOUND)
	if !strings.Contains(model.ErrorMessage(err), "SN-404") {
		t.Errorf("message %q", model.ErrorMessage(err))
	}

	if found, err := db.FindCustomers(ctx, "陈静", 0); err != nil || len(found) != 1 {
		t.Errorf("customers named 陈静: %v, %v", found, err)
	}
}

func testImportSalesIsAllOrNothing(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	if err := db.ImportSales(ctx, []model.Sale{{Serial: "OLD-1", ProductID: f.Phone.ID}}); err != nil {
		t.Fatal(err)
	}
	customersBefore, _ := stored(t, db)
	good := func() []model.Sale {
		return []model.Sale{
			{Serial: "NEW-1", Model: "H1", CustomerName: "新客户"},
			{Serial: "NEW-2", Model: "R7"},
		}
	}
	tests := []struct {
		name    string
		bad     model.Sale
		code    model.Code
		message []string
	}{
		{"unknown model", model.Sale{Serial: "NEW-3", Model: "ZZ9"}, model.EINVALID, []string{"row 3", "NEW-3", "ZZ9"}},
		{"unknown manufacturer", model.Sale{Serial: "NEW-3", Model: "H1", Manufacturer: "Nokla"}, model.EINVALID, []string{"row 3", "Nokla"}},
		{"model of another maker", model.Sale{Serial: "NEW-3", Model: "R7", Manufacturer: "Halotek"}, model.EINVALID, []string{"row 3", "R7"}},
		{"serial already stored", model.Sale{Serial: "old-1", Model: "H1"}, model.ECONFLICT, []string{"row 3", "serial old-1 already has a sales record"}},
		{"serial twice in the batch", model.Sale{Serial: "NEW-1", Model: "H1"}, model.ECONFLICT, []string{"row 3", "rows 1 and 3"}},
		{"no serial", model.Sale{Model: "H1"}, model.EINVALID, []string{"row 3", "serial"}},
		{"no model", model.Sale{Serial: "NEW-3"}, model.EINVALID, []string{"row 3", "model"}},
		{"purchase before shipment", model.Sale{Serial: "NEW-3", Model: "H1", PurchaseDate: model.MustDate("2026-01-01"),
			ShipmentDate: model.MustDate("2026-02-01")}, model.EINVALID, []string{"row 3", "purchase_date"}},
		{"missing product id", model.Sale{Serial: "NEW-3", ProductID: 999}, model.EINVALID, []string{"row 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			batch := append(good(), tt.bad)
			err := db.ImportSales(ctx, batch)
			WantCode(t, err, tt.code)
			for _, m := range tt.message {
				if !strings.Contains(model.ErrorMessage(err), m) {
					t.Errorf("message %q lacks %q", model.ErrorMessage(err), m)
				}
			}
			if _, n := stored(t, db); n != 1 {
				t.Errorf("sales rows = %d after a failed import, want 1", n)
			}
			if n, _ := stored(t, db); n != customersBefore {
				t.Errorf("customers %d -> %d after a failed import", customersBefore, n)
			}
			if batch[0].ID != 0 || batch[0].CustomerID != 0 {
				t.Errorf("failed import filled ids: %+v", batch[0])
			}
		})
	}
	if err := db.ImportSales(ctx, nil); err != nil {
		t.Errorf("empty import: %v", err)
	}
}
