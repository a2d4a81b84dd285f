package intake

import (
	"context"
	"fmt"

	"returndesk/model"
	"returndesk/policy"
)

// OEMStatus is an OEM order with its spare-part allowance evaluated under its
// manufacturer's OEM policy, and its defects projected to the end of the claim year.
type OEMStatus struct {
	Order      model.OEMOrder          `json:"order"`
	Result     policy.OEMResult        `json:"allowance"`
	Rules      policy.Policy           `json:"-"`
	Projection policy.DefectProjection `json:"projection"`
}

// OEMRules is the OEM allowance that applies to a manufacturer's orders: its own OEM
// policy, or the preset when it has none.
func OEMRules(ctx context.Context, store model.PolicyService, m *model.Manufacturer) (policy.Policy, error) {
	if m.OEMPolicy != "" {
		l, err := Load(ctx, store, m.OEMPolicy, 0)
		if err == nil && l.Policy.OEM != nil {
			return l.Policy, nil
		}
		if err != nil && model.ErrorCode(err) != model.ENOTFOUND {
			return policy.Policy{}, err
		}
	}
	for _, p := range policy.Presets() {
		if p.OEM != nil {
			return p, nil
		}
	}
	return policy.Policy{}, model.Errorf(model.EINTERNAL, "no OEM allowance preset")
}

// OEMStatuses evaluates every OEM order's allowance, as judged on today.
func OEMStatuses(ctx context.Context, store model.Store, today model.Date) ([]OEMStatus, error) {
	orders, err := store.ListOEMOrders(ctx)
	if err != nil {
		return nil, err
	}
	rules := map[model.ManufacturerID]policy.Policy{}
	out := []OEMStatus{}
	for _, o := range orders {
		p, ok := rules[o.ManufacturerID]
		if !ok {
			m, err := store.ManufacturerByID(ctx, o.ManufacturerID)
			if err != nil {
				return nil, err
			}
			if p, err = OEMRules(ctx, store, m); err != nil {
				return nil, err
			}
			rules[o.ManufacturerID] = p
		}
		res, err := policy.EvaluateOEM(p, policy.OEMInput{Qty: o.Quantity, Rate: o.SpareRate, Spares: o.SparesReceived,
			Defects: o.Defects, Batch: o.BatchDefect})
		if err != nil {
			return nil, fmt.Errorf("order %s: %w", o.OrderNo, err)
		}
		out = append(out, OEMStatus{Order: o, Result: res, Rules: p,
			Projection: policy.ProjectDefects(p.OEM.ClaimWindow, o.ShipmentDate, today, o.Defects)})
	}
	return out, nil
}
