package policy

import (
	"slices"
	"strings"

	"returndesk/model"
)

// ClaimRow is one case of a manufacturer as the claim builder looks at it: the case as it
// would be listed, what decides whether the manufacturer owes it, and its latest claim line.
type ClaimRow struct {
	Case          model.ClaimCandidate // as stored; Claimable fills in the rest
	CustomBranded bool
	Tier          model.Tier
	Remedy        model.Remedy
	DealerCost    bool // marked at intake: the customer is covered, the manufacturer's warranty is over
	OEMLinked     bool // linked to an OEM order: claimed from the OEM orders screen instead
	LastClaim     model.ClaimNo
	LastDecision  model.Decision
	LastNote      string // the manufacturer's note on that decision
}

// Claimable sorts a manufacturer's cases (rows: those reported on or before until, zero:
// any day) into those it owes under its distributor policy dp (nil: it has none) and those
// whose cost the dealer carries, oldest report first.
//
// Owed: tested as the manufacturer's defect, inside dp's window on the day the problem was
// reported, never claimed, not linked to an OEM order and not a case the dealer carries the
// cost of. Listed apart (the dealer carries the cost): cases marked so at intake, the
// manufacturer's defects reported after its window while the customer was still covered,
// cases without a shipment date (the window cannot be checked), and cases the manufacturer
// rejected, with its reason. Cancelled cases are never listed.
func Claimable(m model.Manufacturer, dp *Policy, until model.Date, rows []ClaimRow) (*model.ClaimCandidates, error) {
	out := &model.ClaimCandidates{Manufacturer: m.ID, Until: until,
		Owed: []model.ClaimCandidate{}, DealerCost: []model.ClaimCandidate{}}
	if dp == nil {
		out.Note = model.T("%s has no distributor policy: nothing is owed under one (claims for OEM orders start from the OEM orders screen)", m.Name)
	} else if dp.Kind != model.PolicyDistributor {
		return nil, model.Invalid("distributor_policy", "%s is a %s policy, not a distributor policy", dp.ID, dp.Kind.Label())
	}
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(a, b ClaimRow) int {
		if c := a.Case.ReportedDate.Compare(b.Case.ReportedDate); c != 0 {
			return c
		}
		return strings.Compare(string(a.Case.CaseNo), string(b.Case.CaseNo))
	})
	for _, r := range rows {
		if c, owed, ok := claimable(m, dp, r); ok && owed {
			out.Owed = append(out.Owed, c)
		} else if ok {
			out.DealerCost = append(out.DealerCost, c)
		}
	}
	return out, nil
}

// claimable decides one row: listed (ok) as owed, or apart as the dealer's cost.
func claimable(m model.Manufacturer, dp *Policy, r ClaimRow) (c model.ClaimCandidate, owed, ok bool) {
	c = r.Case
	if c.Status == model.StatusCancelled || r.OEMLinked || (c.Cause != model.CauseManufacturer && !r.DealerCost) {
		return c, false, false
	}
	switch {
	case r.LastDecision == model.DecisionRejected:
		c.ClaimNo = r.LastClaim
		c.Reason = model.T("rejected by %s in claim %s", m.Name, r.LastClaim)
		if r.LastNote != "" {
			c.Reason = model.T("rejected by %s in claim %s: %s", m.Name, r.LastClaim, r.LastNote)
		}
		return c, false, true
	case r.LastClaim != "":
		return c, false, false // claimed already (still open, or accepted)
	}
	var v *Verdict
	if dp != nil && !c.ShipmentDate.IsZero() {
		verdict, err := Evaluate(*dp, Input{Shipped: c.ShipmentDate, Purchased: c.PurchaseDate,
			On: c.ReportedDate, Cause: c.Cause, Regular: c.Regular, CustomBranded: r.CustomBranded})
		if err == nil {
			v = &verdict
			c.WindowEnds = verdict.WarrantyEnds
		}
	}
	switch {
	case r.DealerCost:
		c.Reason = model.T("the customer is covered but %s's warranty is over", m.Name)
		if v != nil {
			c.Reason = model.T("the customer is covered but %s's warranty ended on %s", m.Name, v.WarrantyEnds)
		}
		return c, false, true
	case dp == nil || c.Cause != model.CauseManufacturer:
		return c, false, false
	case c.ShipmentDate.IsZero():
		c.Reason = model.T("no shipment date: %s's warranty cannot be checked", m.Name)
		return c, false, true
	case v == nil:
		c.Reason = model.T("reported %s, before the shipment date %s: check the dates", c.ReportedDate, c.ShipmentDate)
		return c, false, true
	case v.Covered:
		c.RemedyAsked = askRemedy(r.Remedy, v.Remedies)
		c.Reason = model.T("%s (%s), %s's warranty until %s", dp.Name, RuleText(v.Rule), m.Name, v.WarrantyEnds)
		if f := v.Freight; f != nil {
			c.FreightBy = string(f.Inbound)
			if f.Settlement == SettleDeductNextPI {
				c.Reason = model.T("%s (%s), %s's warranty until %s; postage deducted from the next PI", dp.Name, RuleText(v.Rule), m.Name, v.WarrantyEnds)
			}
		}
		return c, true, true
	case r.Tier.Covered():
		c.Reason = model.T("reported %s, after %s's warranty ended on %s", c.ReportedDate, m.Name, v.WarrantyEnds)
		return c, false, true
	}
	return c, false, false
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
