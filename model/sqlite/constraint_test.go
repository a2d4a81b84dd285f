package sqlite_test

import (
	"strings"
	"testing"
)

// The schema itself refuses bad rows, whatever program writes them.
func TestSchemaConstraints(t *testing.T) {
	db, _, path := openTest(t)
	f := seed(t, db)
	c := mustCreate(t, db, f.NewCase("SN-K1"))
	raw := rawDB(t, path)
	if _, err := raw.Exec(`INSERT INTO claims (id, claim_no, manufacturer_id, created_at)
		VALUES (1, 'CLM-2026-0001', ?, 'now')`, f.Halotek.ID); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		want string // in the error
		sql  string
		args []any
	}{
		{"case status", "CHECK constraint failed: status", `UPDATE cases SET status = 'lost' WHERE id = ?`, []any{c.ID}},
		{"case cause", "CHECK constraint failed: cause", `UPDATE cases SET cause = 'aliens' WHERE id = ?`, []any{c.ID}},
		{"case tier", "CHECK constraint failed: tier", `UPDATE cases SET tier = 'gold' WHERE id = ?`, []any{c.ID}},
		{"case remedy", "CHECK constraint failed: remedy", `UPDATE cases SET remedy = 'pray' WHERE id = ?`, []any{c.ID}},
		{"case reported date shape", "CHECK constraint failed: reported_date", `UPDATE cases SET reported_date = '10/03/2026' WHERE id = ?`, []any{c.ID}},
		{"case impossible date", "CHECK constraint failed: purchase_date", `UPDATE cases SET purchase_date = '2026-02-30' WHERE id = ?`, []any{c.ID}},
		{"case empty reported date", "CHECK constraint failed: reported_date", `UPDATE cases SET reported_date = '' WHERE id = ?`, []any{c.ID}},
		{"case negative refund", "CHECK constraint failed: refund_amount", `UPDATE cases SET refund_amount = -5 WHERE id = ?`, []any{c.ID}},
		{"case empty fault", "CHECK constraint failed: fault", `UPDATE cases SET fault = '  ' WHERE id = ?`, []any{c.ID}},
		{"case null serial", "NOT NULL constraint failed: cases.serial", `UPDATE cases SET serial = NULL WHERE id = ?`, []any{c.ID}},
		{"case duplicate case no", "UNIQUE constraint failed: cases.case_no", `INSERT INTO cases (case_no, customer_id, product_id, serial, reported_date, fault,
			created_at, updated_at) SELECT case_no, customer_id, product_id, 'X', reported_date, 'f', 'now', 'now'
			FROM cases WHERE id = ?`, []any{c.ID}},
		{"case missing customer", "FOREIGN KEY constraint failed", `UPDATE cases SET customer_id = 999 WHERE id = ?`, []any{c.ID}},
		{"customer kind", "CHECK constraint failed: kind", `UPDATE customers SET kind = 'vip'`, nil},
		{"product negative price", "CHECK constraint failed: unit_price", `UPDATE products SET unit_price = -1`, nil},
		{"policy kind", "CHECK constraint failed: kind", `INSERT INTO policies (id, version, name, kind, definition, created_at)
			VALUES ('p', 1, 'P', 'gold', '{}', 'now')`, nil},
		{"policy bad json", "CHECK constraint failed: definition", `INSERT INTO policies (id, version, name, kind, definition, created_at)
			VALUES ('p', 1, 'P', 'oem', '{', 'now')`, nil},
		{"policy bad id", "CHECK constraint failed: id", `INSERT INTO policies (id, version, name, kind, definition, created_at)
			VALUES ('Bad Id', 1, 'P', 'oem', '{}', 'now')`, nil},
		{"claim status", "CHECK constraint failed: status", `INSERT INTO claims (claim_no, manufacturer_id, status, created_at)
			VALUES ('CLM-2026-0002', ?, 'paid', 'now')`, []any{f.Halotek.ID}},
		{"claim line decision", "CHECK constraint failed: decision", `INSERT INTO claim_lines (claim_id, case_id, decision) VALUES (1, ?, 'maybe')`, []any{c.ID}},
		{"oem negative quantity", "CHECK constraint failed: quantity", `INSERT INTO oem_orders (manufacturer_id, product_id, order_no, quantity, shipment_date,
			spare_rate) VALUES (?, ?, 'O1', -3, '2026-01-01', '0.4')`, []any{f.Halotek.ID, f.Phone.ID}},
		{"oem spare rate", "CHECK constraint failed: spare_rate", `INSERT INTO oem_orders (manufacturer_id, product_id, order_no, quantity, shipment_date,
			spare_rate) VALUES (?, ?, 'O1', 3, '2026-01-01', 'lots')`, []any{f.Halotek.ID, f.Phone.ID}},
		{"sale duplicate serial", "UNIQUE constraint failed: sales.serial", `INSERT INTO sales (serial, product_id) VALUES ('S1', ?), ('s1', ?)`,
			[]any{f.Phone.ID, f.Phone.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := raw.Exec(tt.sql, tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
