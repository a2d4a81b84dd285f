package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
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

// MarkDeducted records that what a manufacturer owes was deducted on the proforma invoice
// pi: what the claims named owe (a factory lists the claims it deducts), or everything when
// none is named; it returns how many entries and how much that was. A claim named that is
// not the manufacturer's or owes nothing any more is refused, and nothing is marked.
func (db *Store) MarkDeducted(ctx context.Context, manufacturer model.ManufacturerID, pi string, claims ...model.ClaimNo) (int, model.Money, error) {
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
		ids, amount, err := tx.owedEntries(ctx, m, claims)
		if err != nil {
			return err
		}
		n, total = len(ids), amount
		_, err = tx.ExecContext(ctx, `UPDATE ledger SET pi = ?, deducted_at = ? WHERE `+tx.d.InList("id"),
			pi, formatTime(tx.now), tx.d.ListArg(ids))
		return dbError(err)
	})
	if err != nil {
		return 0, 0, err
	}
	return n, total, nil
}

// owedEntries are the ids of the ledger entries still owed by manufacturer m on the claims
// named (all of them when none is named), and their sum; none is a conflict.
func (tx *txn) owedEntries(ctx context.Context, m *model.Manufacturer, named []model.ClaimNo) ([]int64, model.Money, error) {
	type owed struct {
		id     int64
		claim  model.ClaimNo
		amount model.Money
	}
	entries, err := queryAll(ctx, tx, func(s scanner) (owed, error) {
		var o owed
		return o, s.Scan(&o.id, &o.claim, &o.amount)
	}, `SELECT g.id, cl.claim_no, g.amount FROM ledger g JOIN claim_lines l ON l.id = g.claim_line_id
		JOIN claims cl ON cl.id = l.claim_id WHERE g.manufacturer_id = ? AND g.pi = '' ORDER BY g.id`, m.ID)
	if err != nil {
		return nil, 0, err
	}
	if len(entries) == 0 {
		return nil, 0, model.Errorf(model.ECONFLICT, "%s owes nothing that is not deducted yet", m.Name)
	}
	claims := make([]model.ClaimNo, len(named)) // as typed: any letter case, spaces around
	for i, no := range named {
		claims[i] = model.ClaimNo(strings.ToUpper(strings.TrimSpace(string(no))))
	}
	var ids []int64
	var total model.Money
	for _, e := range entries {
		if len(claims) == 0 || slices.Contains(claims, e.claim) {
			ids = append(ids, e.id)
			total += e.amount
		}
	}
	for _, no := range claims {
		if slices.ContainsFunc(entries, func(e owed) bool { return e.claim == no }) {
			continue
		}
		var maker string
		err := tx.QueryRowContext(ctx, `SELECT m.name FROM claims cl JOIN manufacturers m ON m.id = cl.manufacturer_id
			WHERE cl.claim_no = ?`, no).Scan(&maker)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return nil, 0, model.Invalid("claim", "there is no claim %s", no)
		case err != nil:
			return nil, 0, dbError(err)
		case maker != m.Name:
			return nil, 0, model.Invalid("claim", "%s is a claim to %s, not to %s", no, maker, m.Name)
		}
		return nil, 0, model.Invalid("claim", "%s owes nothing on claim %s that is not deducted yet", m.Name, no)
	}
	return ids, total, nil
}
