package sqlstore

import (
	"context"

	"returndesk/model"
	"returndesk/policy"
)

// ClaimableCases reads a manufacturer's cases reported on or before until (zero: any day),
// with their latest claim lines, and lets policy.Claimable sort them into those it owes
// and those whose cost the dealer carries.
func (db *Store) ClaimableCases(ctx context.Context, manufacturer model.ManufacturerID, until model.Date) (*model.ClaimCandidates, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, err := tx.manufacturerByID(ctx, manufacturer)
	if err != nil {
		return nil, asInvalid("manufacturer", err)
	}
	var dp *policy.Policy
	if m.DistributorPolicy != "" {
		rec, err := tx.policy(ctx, m.DistributorPolicy, 0)
		if err != nil {
			return nil, err
		}
		p, err := policy.FromRecord(*rec)
		if err != nil {
			return nil, err
		}
		dp = &p
	}
	rows, err := tx.claimRows(ctx, manufacturer, until)
	if err != nil {
		return nil, err
	}
	return policy.Claimable(*m, dp, until, rows)
}

// claimRows reads the cases of a manufacturer reported on or before until (zero: any day)
// as the claim builder looks at them.
func (tx *txn) claimRows(ctx context.Context, manufacturer model.ManufacturerID, until model.Date) ([]policy.ClaimRow, error) {
	rows, err := tx.QueryContext(ctx, `WITH last AS (SELECT case_id, max(id) AS id FROM claim_lines GROUP BY case_id)
		SELECT c.id, c.case_no, p.model, p.unit_price, p.custom_branded, c.serial, cu.name, cu.regular,
			c.purchase_date, c.shipment_date, c.reported_date, c.fault, c.cause, c.status, c.tier, c.remedy,
			c.dealer_carries_cost, EXISTS (SELECT 1 FROM oem_defects d WHERE d.case_id = c.id),
			COALESCE(lc.claim_no, ''), COALESCE(ll.decision, ''), COALESCE(ll.answer_note, '')
		FROM cases c
		JOIN products p ON p.id = c.product_id
		JOIN customers cu ON cu.id = c.customer_id
		LEFT JOIN last ON last.case_id = c.id
		LEFT JOIN claim_lines ll ON ll.id = last.id
		LEFT JOIN claims lc ON lc.id = ll.claim_id
		WHERE p.manufacturer_id = ? AND (? = '' OR c.reported_date <= ?)`,
		manufacturer, until.String(), until.String())
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []policy.ClaimRow
	for rows.Next() {
		var r policy.ClaimRow
		var purchased, shipped, reported string
		if err := rows.Scan(&r.Case.CaseID, &r.Case.CaseNo, &r.Case.Model, &r.Case.UnitPrice, &r.CustomBranded,
			&r.Case.Serial, &r.Case.Customer, &r.Case.Regular, &purchased, &shipped, &reported, &r.Case.Fault,
			&r.Case.Cause, &r.Case.Status, &r.Tier, &r.Remedy, &r.DealerCost, &r.OEMLinked,
			&r.LastClaim, &r.LastDecision, &r.LastNote); err != nil {
			return nil, dbError(err)
		}
		var col columns
		r.Case.PurchaseDate, r.Case.ShipmentDate, r.Case.ReportedDate = col.date(purchased), col.date(shipped), col.date(reported)
		if col.err != nil {
			return nil, col.err
		}
		out = append(out, r)
	}
	return out, dbError(rows.Err())
}
