package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"returndesk/intake/demo"
	"returndesk/model"
	"returndesk/model/sqlite"
)

// BenchmarkReports computes each warranty report over 100,000 cases and 500,000 sales
// records, against a baseline of plain SQL aggregates of the same figures (counts, sums and
// averages, without the medians, months and names the report adds), run on the same file.
func BenchmarkReports(b *testing.B) {
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "returndesk.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	today := model.MustDate("2026-03-10")
	built := time.Now()
	if _, err := demo.Fill(ctx, db, demo.Options{Cases: 100_000, Sales: 500_000, Seed: 11, Today: today}); err != nil {
		b.Fatal(err)
	}
	b.Logf("demo database of 100,000 cases and 500,000 sales built in %s", time.Since(built).Round(time.Millisecond))
	raw, err := sql.Open("sqlite3", sqlite.ReaderDSN(db.Path()))
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	all := model.Period{}
	for _, r := range []struct {
		name     string
		ours     func() error
		baseline []string
	}{
		{"models", func() error { _, err := db.ModelFailures(ctx, all, today); return err }, []string{
			`SELECT product_id, count(*) FROM sales GROUP BY product_id`,
			`SELECT product_id, count(*), sum(cause = 'unknown' AND status = 'closed'),
				sum(julianday(reported_date) - julianday(coalesce(nullif(purchase_date, ''), shipment_date)) < 31)
				FROM cases GROUP BY product_id`,
			`SELECT product_id, substr(reported_date, 1, 7), count(*) FROM cases GROUP BY 1, 2`,
		}},
		{"recovery", func() error { _, err := db.ClaimRecovery(ctx, all, today); return err }, []string{
			`SELECT c.manufacturer_id, count(DISTINCT c.id), sum(l.quantity * l.unit_price), sum(l.credit)
				FROM claims c JOIN claim_lines l ON l.claim_id = c.id WHERE c.status <> 'draft' GROUP BY 1`,
		}},
		{"turnaround", func() error { _, err := db.Turnaround(ctx, all, today); return err }, []string{
			`SELECT c.status, count(*), avg(julianday(coalesce(c.closed_at, 'now')) - julianday(c.reported_date))
				FROM cases c GROUP BY c.status`,
			`SELECT p.manufacturer_id, count(*), avg(julianday(coalesce(c.closed_at, 'now')) - julianday(c.reported_date))
				FROM cases c JOIN products p ON p.id = c.product_id GROUP BY 1`,
		}},
	} {
		b.Run(r.name+"/ours", func(b *testing.B) {
			for b.Loop() {
				if err := r.ours(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(r.name+"/baseline", func(b *testing.B) {
			for b.Loop() {
				for _, q := range r.baseline {
					if err := drain(raw, q); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// drain runs query and reads every row as bytes.
func drain(raw *sql.DB, query string) error {
	rows, err := raw.Query(query)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]sql.RawBytes, len(cols))
	dest := make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
	}
	return rows.Err()
}
