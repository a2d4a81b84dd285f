package sqlstore

import (
	"context"
	"fmt"
)

// Counter names; each counts from 1 in every calendar year.
const (
	counterCase        = "case"
	counterMaintenance = "maintenance"
	counterClaim       = "claim"
)

// nextNumber allocates the next number of a counter for the year of the transaction's
// clock. It runs inside the creating transaction: a rollback gives the number back,
// and BEGIN IMMEDIATE means no other writer can allocate between read and write.
func (tx *txn) nextNumber(ctx context.Context, name string) (year, n int, err error) {
	year = tx.now.Year()
	err = tx.QueryRowContext(ctx, `INSERT INTO counters (name, year, next) VALUES (?, ?, 2)
		ON CONFLICT (name, year) DO UPDATE SET next = counters.next + 1
		RETURNING next - 1`, name, year).Scan(&n)
	if err != nil {
		return 0, 0, dbError(err)
	}
	return year, n, nil
}

// formatNumber writes e.g. RMA-2026-000123 (width 6) or CLM-2026-0007 (width 4).
func formatNumber(prefix string, year, n, width int) string {
	return fmt.Sprintf("%s-%04d-%0*d", prefix, year, width, n)
}
