package sqlite_test

import (
	"fmt"
	"testing"

	"returndesk/model"
	"returndesk/model/sqlite"
)

// A full disk in the middle of an import stores nothing, and is not blamed on a row.
func TestImportSalesOnAFullDisk(t *testing.T) {
	db, _, path := openTest(t)
	f := seed(t, db)
	if err := sqlite.LimitPages(db, 20); err != nil {
		t.Fatal(err)
	}
	// Records without a customer: nothing but the transaction would stop a row written on its own.
	sales := make([]model.Sale, 5000)
	for i := range sales {
		sales[i] = model.Sale{Serial: model.Serial(fmt.Sprintf("FULL-%05d", i)), ProductID: f.Phone.ID}
	}
	err := db.ImportSales(ctx, sales)
	wantCode(t, err, model.EIO)
	if msg := model.ErrorMessage(err); msg != "the disk is full" {
		t.Errorf("message %q, want %q", msg, "the disk is full")
	}
	if n := count(t, rawDB(t, path), `SELECT count(*) FROM sales`); n != 0 {
		t.Errorf("%d sales records stored by an import that failed", n)
	}
}
