package sqlstore

import (
	"context"
	"strings"

	"returndesk/model"
)

// LedgerBalances returns, for every manufacturer with ledger entries, what it still owes
// (credits and freight) and what was already deducted, by manufacturer name.
func (db *Store) LedgerBalances(ctx context.Context) ([]model.LedgerBalance, error) {
	return listAll(ctx, db, func(s scanner) (model.LedgerBalance, error) {
		var b model.LedgerBalance
		err := s.Scan(&b.ManufacturerID, &b.Manufacturer, &b.Credit, &b.Freight, &b.Deducted)
		b.Owed = b.Credit + b.Freight
		return b, err
	}, `SELECT m.id, m.name,
		COALESCE(sum(CASE WHEN g.pi = '' AND g.kind = 'credit' THEN g.amount END), 0),
		COALESCE(sum(CASE WHEN g.pi = '' AND g.kind = 'freight' THEN g.amount END), 0),
		COALESCE(sum(CASE WHEN g.pi <> '' THEN g.amount END), 0)
		FROM ledger g JOIN manufacturers m ON m.id = g.manufacturer_id
		GROUP BY m.id ORDER BY m.name_key`)
}

// LedgerEntries lists ledger entries, newest first: one manufacturer's (or everybody's
// when manufacturer is 0), only those still owed when outstandingOnly is set.
func (db *Store) LedgerEntries(ctx context.Context, manufacturer model.ManufacturerID, outstandingOnly bool) ([]model.LedgerEntry, error) {
	q := `SELECT g.id, g.manufacturer_id, m.name, cl.claim_no, c.case_no, g.kind, g.amount, g.created_at, g.pi, g.deducted_at
		FROM ledger g JOIN manufacturers m ON m.id = g.manufacturer_id
		JOIN claim_lines l ON l.id = g.claim_line_id JOIN claims cl ON cl.id = l.claim_id
		JOIN cases c ON c.id = l.case_id WHERE (? = 0 OR g.manufacturer_id = ?)`
	if outstandingOnly {
		q += ` AND g.pi = ''`
	}
	q += ` ORDER BY g.id DESC`
	return listAll(ctx, db, scanLedgerEntry, q, manufacturer, manufacturer)
}

func scanLedgerEntry(s scanner) (model.LedgerEntry, error) {
	var e model.LedgerEntry
	var created, deducted string
	if err := s.Scan(&e.ID, &e.ManufacturerID, &e.Manufacturer, &e.ClaimNo, &e.CaseNo, &e.Kind, &e.Amount,
		&created, &e.PI, &deducted); err != nil {
		return e, err
	}
	var col columns
	e.CreatedAt, e.DeductedAt = col.stamp(created), col.optStamp(deducted)
	return e, col.err
}

// MarkDeducted records that everything a manufacturer owes was deducted on the proforma
// invoice pi, and returns how many entries and how much that was.
func (db *Store) MarkDeducted(ctx context.Context, manufacturer model.ManufacturerID, pi string) (int, model.Money, error) {
	pi = strings.TrimSpace(pi)
	if err := model.CheckPI(pi); err != nil {
		return 0, 0, err
	}
	var n int
	var total model.Money
	err := write(ctx, db, func(tx *txn) error {
		m, err := tx.manufacturerByID(ctx, manufacturer)
		if err != nil {
			return asInvalid("manufacturer", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(amount), 0) FROM ledger
			WHERE manufacturer_id = ? AND pi = ''`, manufacturer).Scan(&n, &total); err != nil {
			return dbError(err)
		}
		if n == 0 {
			return model.Errorf(model.ECONFLICT, "%s owes nothing that is not deducted yet", m.Name)
		}
		_, err = tx.ExecContext(ctx, `UPDATE ledger SET pi = ?, deducted_at = ? WHERE manufacturer_id = ? AND pi = ''`,
			pi, formatTime(tx.now), manufacturer)
		return dbError(err)
	})
	if err != nil {
		return 0, 0, err
	}
	return n, total, nil
}
