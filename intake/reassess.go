package intake

import (
	"context"

	"returndesk/model"
	"returndesk/policy"
)

// Reassess re-evaluates an open case once testing has found the cause and returns the update
// that records it. The case keeps the policy version it was taken in under: a policy edited
// since then does not change the rules for a unit already at the counter. Closed cases are final.
func Reassess(ctx context.Context, store model.Store, c *model.Case, cause model.Cause) (model.CaseUpdate, policy.CaseVerdict, error) {
	if !c.Status.Open() {
		return model.CaseUpdate{}, policy.CaseVerdict{}, model.Errorf(model.ECONFLICT, "case %s is %s: its verdict is final", c.CaseNo, c.Status.Label())
	}
	if !cause.Valid() {
		return model.CaseUpdate{}, policy.CaseVerdict{}, model.Invalid("cause", "unknown cause %q", cause)
	}
	prod, err := store.ProductByID(ctx, c.ProductID)
	if err != nil {
		return model.CaseUpdate{}, policy.CaseVerdict{}, err
	}
	maker, err := store.ManufacturerByID(ctx, prod.ManufacturerID)
	if err != nil {
		return model.CaseUpdate{}, policy.CaseVerdict{}, err
	}
	cust, err := store.CustomerByID(ctx, c.CustomerID)
	if err != nil {
		return model.CaseUpdate{}, policy.CaseVerdict{}, err
	}
	terminal, distributor, err := PoliciesFor(ctx, store, maker)
	if err != nil {
		return model.CaseUpdate{}, policy.CaseVerdict{}, err
	}
	if terminal, distributor, err = pinRecordedVersion(ctx, store, c, terminal, distributor); err != nil {
		return model.CaseUpdate{}, policy.CaseVerdict{}, err
	}
	in := policy.Input{Purchased: c.PurchaseDate, Shipped: c.ShipmentDate, On: c.ReportedDate, Cause: cause,
		Regular: cust.Regular, CustomBranded: prod.CustomBranded}
	cv, err := evaluate(terminal, distributor, in, cust.Kind)
	if err != nil {
		return model.CaseUpdate{}, policy.CaseVerdict{}, err
	}
	next := *c
	next.Cause = cause
	applyVerdict(&next, cv, cust.Kind, terminal, distributor)
	return model.CaseUpdate{Cause: &next.Cause, Tier: &next.Tier, Remedy: &next.Remedy, PolicyID: &next.PolicyID,
		PolicyVersion: &next.PolicyVersion, DealerCarriesCost: &next.DealerCarriesCost}, cv, nil
}

// pinRecordedVersion swaps in the policy version recorded on the case for whichever clock decided it.
func pinRecordedVersion(ctx context.Context, svc model.PolicyService, c *model.Case, terminal, distributor *Loaded) (*Loaded, *Loaded, error) {
	if c.PolicyID == "" || c.PolicyVersion == 0 {
		return terminal, distributor, nil
	}
	for _, l := range []**Loaded{&terminal, &distributor} {
		if *l == nil || (*l).Policy.ID != c.PolicyID || (*l).Version == c.PolicyVersion {
			continue
		}
		old, err := Load(ctx, svc, c.PolicyID, c.PolicyVersion)
		if err != nil {
			return nil, nil, err
		}
		old.setManufacturer((*l).Policy.Manufacturer)
		*l = old
	}
	return terminal, distributor, nil
}
