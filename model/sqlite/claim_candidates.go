package sqlite

import (
	"context"
	"fmt"
	"slices"

	"returndesk/model"
	"returndesk/policy"
)

// candidateRow is one case the claim builder looks at, with its latest claim line.
type candidateRow struct {
	c             model.ClaimCandidate
	customBranded bool
	tier          model.Tier
	remedy        model.Remedy
	dealerCost    bool
	lastClaim     model.ClaimNo
	lastDecision  model.Decision
	lastNote      string
}

// ClaimableCases sorts a manufacturer's cases reported on or before until (zero: any day)
// into those it owes and those whose cost the dealer carries, oldest report first.
//
// Owed: tested as the manufacturer's defect, inside its distributor policy's window on the
// day the problem was reported, never claimed, not linked to an OEM order (those are
// claimed from the OEM orders screen) and not a case the dealer carries the cost of.
// Listed apart (the dealer carries the cost): cases marked so at intake (the customer is
// covered but the manufacturer's warranty ended), the manufacturer's defects reported
// after its window while the customer was still covered, cases without a shipment date
// (the window cannot be checked), and cases the manufacturer rejected, with its reason.
func (db *DB) ClaimableCases(ctx context.Context, manufacturer model.ManufacturerID, until model.Date) (*model.ClaimCandidates, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, err := tx.manufacturerByID(ctx, manufacturer)
	if err != nil {
		return nil, asInvalid("manufacturer", err)
	}
	out := &model.ClaimCandidates{Manufacturer: manufacturer, Until: until,
		Owed: []model.ClaimCandidate{}, DealerCost: []model.ClaimCandidate{}}
	var dp *policy.Policy
	if m.DistributorPolicy == "" {
		out.Note = fmt.Sprintf("%s has no distributor policy: nothing is owed under one (claims for OEM orders start from the OEM orders screen)", m.Name)
	} else {
		rec, err := tx.policy(ctx, m.DistributorPolicy, 0)
		if err != nil {
			return nil, err
		}
		p, err := policy.FromRecord(*rec)
		if err != nil {
			return nil, err
		}
		if p.Kind != model.PolicyDistributor {
			return nil, model.Invalid("distributor_policy", "%s is a %s policy, not a distributor policy", p.ID, p.Kind)
		}
		dp = &p
	}

	rows, err := tx.QueryContext(ctx, `WITH last AS (SELECT case_id, max(id) AS id FROM claim_lines GROUP BY case_id)
		SELECT c.id, c.case_no, p.model, p.unit_price, p.custom_branded, c.serial, cu.name, cu.regular,
			c.purchase_date, c.shipment_date, c.reported_date, c.fault, c.cause, c.status, c.tier, c.remedy,
			c.dealer_carries_cost, COALESCE(lc.claim_no, ''), COALESCE(ll.decision, ''), COALESCE(ll.answer_note, '')
		FROM cases c
		JOIN products p ON p.id = c.product_id
		JOIN customers cu ON cu.id = c.customer_id
		LEFT JOIN last ON last.case_id = c.id
		LEFT JOIN claim_lines ll ON ll.id = last.id
		LEFT JOIN claims lc ON lc.id = ll.claim_id
		WHERE p.manufacturer_id = ? AND c.status <> ? AND (c.cause = ? OR c.dealer_carries_cost = 1)
			AND (? = '' OR c.reported_date <= ?)
			AND NOT EXISTS (SELECT 1 FROM oem_defects d WHERE d.case_id = c.id)
		ORDER BY c.reported_date, c.case_no`,
		manufacturer, model.StatusCancelled, model.CauseManufacturer, until.String(), until.String())
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var cands []candidateRow
	for rows.Next() {
		var r candidateRow
		var purchased, shipped, reported string
		if err := rows.Scan(&r.c.CaseID, &r.c.CaseNo, &r.c.Model, &r.c.UnitPrice, &r.customBranded, &r.c.Serial,
			&r.c.Customer, &r.c.Regular, &purchased, &shipped, &reported, &r.c.Fault, &r.c.Cause, &r.c.Status,
			&r.tier, &r.remedy, &r.dealerCost, &r.lastClaim, &r.lastDecision, &r.lastNote); err != nil {
			return nil, dbError(err)
		}
		for _, d := range []struct {
			dst *model.Date
			s   string
		}{{&r.c.PurchaseDate, purchased}, {&r.c.ShipmentDate, shipped}, {&r.c.ReportedDate, reported}} {
			if *d.dst, err = parseDate(d.s); err != nil {
				return nil, corrupt(err)
			}
		}
		cands = append(cands, r)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err)
	}

	for _, r := range cands {
		c := r.c
		switch {
		case r.lastDecision == model.DecisionRejected:
			c.ClaimNo = r.lastClaim
			c.Reason = fmt.Sprintf("rejected by %s in claim %s", m.Name, r.lastClaim)
			if r.lastNote != "" {
				c.Reason += ": " + r.lastNote
			}
			out.DealerCost = append(out.DealerCost, c)
			continue
		case r.lastClaim != "":
			continue // claimed already (still open, or accepted)
		}
		var v *policy.Verdict
		if dp != nil && !c.ShipmentDate.IsZero() {
			verdict, err := policy.Evaluate(*dp, policy.Input{Shipped: c.ShipmentDate, Purchased: c.PurchaseDate,
				On: c.ReportedDate, Cause: c.Cause, Regular: c.Regular, CustomBranded: r.customBranded})
			if err == nil {
				v = &verdict
				c.WindowEnds = verdict.WarrantyEnds
			}
		}
		customerCovered := r.tier == model.TierRefund || r.tier == model.TierReplace || r.tier == model.TierRepair ||
			r.tier == model.TierWarranty
		switch {
		case r.dealerCost:
			c.Reason = "the customer is covered but " + m.Name + "'s warranty is over"
			if v != nil {
				c.Reason = fmt.Sprintf("the customer is covered but %s's warranty ended on %s", m.Name, v.WarrantyEnds)
			}
			out.DealerCost = append(out.DealerCost, c)
		case dp == nil || c.Cause != model.CauseManufacturer:
		case c.ShipmentDate.IsZero():
			c.Reason = "no shipment date: " + m.Name + "'s warranty cannot be checked"
			out.DealerCost = append(out.DealerCost, c)
		case v == nil:
			c.Reason = fmt.Sprintf("reported %s, before the shipment date %s: check the dates", c.ReportedDate, c.ShipmentDate)
			out.DealerCost = append(out.DealerCost, c)
		case v.Covered:
			c.RemedyAsked = askRemedy(r.remedy, v.Remedies)
			if f := v.Freight; f != nil {
				c.FreightBy = string(f.Inbound)
			}
			c.Reason = fmt.Sprintf("%s (%s), %s's warranty until %s", dp.Name, v.Rule, m.Name, v.WarrantyEnds)
			if f := v.Freight; f != nil && f.Settlement == policy.SettleDeductNextPI {
				c.Reason += "; postage deducted from the next PI"
			}
			out.Owed = append(out.Owed, c)
		case customerCovered:
			c.Reason = fmt.Sprintf("reported %s, after %s's warranty ended on %s", c.ReportedDate, m.Name, v.WarrantyEnds)
			out.DealerCost = append(out.DealerCost, c)
		}
	}
	return out, nil
}

// askRemedy picks what to ask the manufacturer for: the case's remedy when the policy
// allows it towards the dealer, else a replacement (or the policy's first remedy).
func askRemedy(chosen model.Remedy, allowed []model.Remedy) model.Remedy {
	if chosen != "" && slices.Contains(allowed, chosen) {
		return chosen
	}
	if slices.Contains(allowed, model.RemedyReplace) {
		return model.RemedyReplace
	}
	if len(allowed) > 0 {
		return allowed[0]
	}
	return model.RemedyReplace
}
