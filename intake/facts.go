package intake

import (
	"context"

	"returndesk/model"
	"returndesk/policy"
)

// Facts is a stored case with what a person needs to read it: who brought it, what it is,
// where it goes and which claim it is in. The case detail, the slip and `case show` use it.
type Facts struct {
	Case         *model.Case
	Customer     *model.Customer
	Product      *model.Product
	Manufacturer *model.Manufacturer
	Centre       *model.ServiceCentre // nil when none
	// Centres are those the case may be sent to: its maker's own and the all-brands ones.
	Centres []model.ServiceCentre
	ClaimNo model.ClaimNo // "" when the case is in no claim
}

// LoadFacts reads the records a case refers to.
func LoadFacts(ctx context.Context, store model.Store, c *model.Case) (*Facts, error) {
	f := &Facts{Case: c}
	var err error
	if f.Customer, err = store.CustomerByID(ctx, c.CustomerID); err != nil {
		return nil, err
	}
	if f.Product, err = store.ProductByID(ctx, c.ProductID); err != nil {
		return nil, err
	}
	if f.Manufacturer, err = store.ManufacturerByID(ctx, f.Product.ManufacturerID); err != nil {
		return nil, err
	}
	centres, err := store.ListServiceCentres(ctx)
	if err != nil {
		return nil, err
	}
	for i := range centres {
		if centres[i].ID == c.ServiceCentreID {
			f.Centre = &centres[i]
		}
		if m := centres[i].ManufacturerID; m == 0 || m == f.Manufacturer.ID {
			f.Centres = append(f.Centres, centres[i])
		}
	}
	rows, _, err := store.FindCases(ctx, model.CaseFilter{Search: string(c.CaseNo), Limit: 20})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.ID == c.ID {
			f.ClaimNo = r.ClaimNo
		}
	}
	return f, nil
}

// RecordedVerdict evaluates both clocks of the case under the policy version recorded on it
// (the other clock under the manufacturer's current policy), as it was taken in, and returns
// the policies behind them.
func (f *Facts) RecordedVerdict(ctx context.Context, svc model.PolicyService) (policy.CaseVerdict, *Loaded, *Loaded, error) {
	c := f.Case
	terminal, distributor, err := PoliciesFor(ctx, svc, f.Manufacturer)
	if err != nil {
		return policy.CaseVerdict{}, nil, nil, err
	}
	if c.PolicyID != "" && c.PolicyVersion > 0 {
		l, err := Load(ctx, svc, c.PolicyID, c.PolicyVersion)
		if err != nil {
			return policy.CaseVerdict{}, nil, nil, err
		}
		l.setManufacturer(f.Manufacturer.Name)
		switch l.Policy.Kind {
		case model.PolicyTerminal:
			terminal = l
		case model.PolicyDistributor:
			distributor = l
		}
	}
	if terminal == nil && distributor == nil {
		return policy.CaseVerdict{}, nil, nil, model.Errorf(model.EINVALID, "%s has no warranty policy", f.Manufacturer.Name)
	}
	cv, err := policy.EvaluateCase(checkedOf(terminal), checkedOf(distributor), policy.Input{Purchased: c.PurchaseDate, Shipped: c.ShipmentDate,
		On: c.ReportedDate, Cause: c.Cause, Regular: f.Customer.Regular, CustomBranded: f.Product.CustomBranded})
	if err != nil {
		return policy.CaseVerdict{}, terminal, distributor, err
	}
	// A case decided by the manufacturer's clock (a dealer's own return) costs the shop nothing
	// of its own, as at intake.
	if distributor != nil && c.PolicyID == distributor.Policy.ID {
		cv.DealerCarriesCost, cv.Warning = false, model.Text{}
	}
	return cv, terminal, distributor, nil
}
