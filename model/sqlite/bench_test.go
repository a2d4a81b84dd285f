package sqlite_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/model/storetest"
)

// benchCatalog stores what a case at the counter refers to: a maker with a service
// centre, a product and a customer.
func benchCatalog(b *testing.B, db *sqlite.DB) (model.CustomerID, model.ProductID) {
	b.Helper()
	maker := model.Manufacturer{Name: "Halotek"}
	if err := db.CreateManufacturer(ctx, &maker); err != nil {
		b.Fatal(err)
	}
	centre := model.ServiceCentre{ManufacturerID: maker.ID, Name: "Halotek Service Centre Futian", Region: "Guangdong"}
	if err := db.CreateServiceCentre(ctx, &centre); err != nil {
		b.Fatal(err)
	}
	product := model.Product{ManufacturerID: maker.ID, Model: "HT-H200", Name: "Bluetooth headset H200", UnitPrice: 3900}
	if err := db.CreateProduct(ctx, &product); err != nil {
		b.Fatal(err)
	}
	customer := model.Customer{Name: "张伟", Phone: "13800138001", Region: "Guangdong"}
	if err := db.CreateCustomer(ctx, &customer); err != nil {
		b.Fatal(err)
	}
	return customer.ID, product.ID
}

// BenchmarkCreateCase stores a case as the counter does (case number, maintenance number
// and service centre for the repair tier, the row, its history, read back, one
// transaction, synchronous=FULL), against a bare INSERT of such a row in a transaction of
// its own on the same kind of file.
func BenchmarkCreateCase(b *testing.B) {
	tiers := []model.Tier{model.TierRefund, model.TierReplace, model.TierRepair}
	b.Run("ours", func(b *testing.B) {
		db, err := sqlite.Open(filepath.Join(b.TempDir(), "returndesk.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		customer, product := benchCatalog(b, db)
		i := 0
		for b.Loop() {
			nc := model.NewCase{Case: model.Case{CustomerID: customer, ProductID: product,
				Serial: model.Serial(fmt.Sprintf("H200-2603%06d", i)), PurchaseDate: model.MustDate("2026-03-01"),
				ReportedDate: model.MustDate("2026-03-10"), Fault: "右耳无声音，左耳正常", FaultCategory: "Audio",
				Tier: tiers[i%len(tiers)], PolicyID: "halotek-terminal", PolicyVersion: 1}}
			if _, err := db.CreateCase(ctx, nc, "counter"); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("baseline", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "returndesk.db")
		db, err := sqlite.Open(path) // the same schema and file, then put aside
		if err != nil {
			b.Fatal(err)
		}
		customer, product := benchCatalog(b, db)
		db.Close()
		raw, err := sql.Open("sqlite3", sqlite.WriterDSN(path))
		if err != nil {
			b.Fatal(err)
		}
		defer raw.Close()
		raw.SetMaxOpenConns(1)
		storetest.BareInserts(b, raw, func(tx *sql.Tx, i int, caseNo, serial, now string) error {
			_, err := tx.Exec(`INSERT INTO cases (case_no, customer_id, product_id, serial, purchase_date,
				reported_date, fault, fault_category, tier, policy_id, policy_version, status, search_text,
				search_numbers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				caseNo, customer, product, serial, "2026-03-01", "2026-03-10", "右耳无声音，左耳正常", "Audio",
				tiers[i%len(tiers)], "halotek-terminal", 1, model.StatusReceived,
				"张伟\x1f13800138001\x1f"+serial, "\x1d"+caseNo+"\x1d", now, now)
			return err
		})
	})
}

// BenchmarkSearch is the case list's search on SQLite (storetest.SearchBench).
func BenchmarkSearch(b *testing.B) {
	b.Run("sqlite", storetest.SearchBench{Open: func(b *testing.B) model.Store {
		db, err := sqlite.Open(filepath.Join(b.TempDir(), "returndesk.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		return db
	}}.Run)
}
