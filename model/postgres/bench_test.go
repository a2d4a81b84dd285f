package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"returndesk/internal/pgtest"
	"returndesk/model"
	"returndesk/model/postgres"
	"returndesk/model/storetest"
)

// openBench opens a store on a new database of srv, closed when b ends.
func openBench(b *testing.B, srv *pgtest.Server) (*postgres.DB, string) {
	url := srv.Database(b)
	db, err := postgres.Open(url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, url
}

// BenchmarkSearch is the case list's search on PostgreSQL (storetest.SearchBench), on a
// server that commits to disk as a shop's does.
func BenchmarkSearch(b *testing.B) {
	srv := pgtest.StartDurable(b)
	urls := map[model.Store]string{}
	b.Run("postgres", storetest.SearchBench{
		Open: func(b *testing.B) model.Store {
			db, url := openBench(b, srv)
			urls[db] = url
			return db
		},
		// What autovacuum does soon after a load: the visibility map lets the list read
		// its index alone.
		Settle: func(b *testing.B, db model.Store) {
			raw, err := sql.Open("pgx", urls[db])
			if err != nil {
				b.Fatal(err)
			}
			defer raw.Close()
			if _, err := raw.Exec(`VACUUM (ANALYZE)`); err != nil {
				b.Fatal(err)
			}
		},
	}.Run)
}

// BenchmarkCreateCaseOnServer stores a case as the counter does (case number, maintenance number
// and service centre for the repair tier, the row, its search keys, its history, read back,
// one transaction), against a bare INSERT of such a row in a transaction of its own, on a
// server that commits to disk.
func BenchmarkCreateCaseOnServer(b *testing.B) {
	ctx := context.Background()
	srv := pgtest.StartDurable(b)
	tiers := []model.Tier{model.TierRefund, model.TierReplace, model.TierRepair}
	b.Run("ours", func(b *testing.B) {
		db, _ := openBench(b, srv)
		f := storetest.Seed(b, db)
		i := 0
		for b.Loop() {
			nc := f.NewCase(fmt.Sprintf("H200-2603%06d", i))
			nc.Case.Tier = tiers[i%len(tiers)]
			if _, err := db.CreateCase(ctx, nc, "counter"); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("baseline", func(b *testing.B) {
		db, url := openBench(b, srv)
		f := storetest.Seed(b, db)
		db.Close()
		raw, err := sql.Open("pgx", url)
		if err != nil {
			b.Fatal(err)
		}
		defer raw.Close()
		storetest.BareInserts(b, raw, func(tx *sql.Tx, i int, caseNo, serial, now string) error {
			_, err := tx.Exec(`INSERT INTO cases (case_no, customer_id, product_id, serial, purchase_date,
				reported_date, fault, fault_category, tier, policy_id, policy_version, status, search_text,
				search_numbers, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
				caseNo, f.Zhang.ID, f.Phone.ID, serial, "2026-03-01", "2026-03-10", "does not charge", "",
				tiers[i%len(tiers)], "", 0, model.StatusReceived,
				"张伟\x1f13800138000\x1f"+serial, "\x1d"+caseNo+"\x1d", now, now)
			return err
		})
	})
}
