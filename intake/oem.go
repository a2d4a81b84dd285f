package intake

import (
	"context"
	"fmt"

	"returndesk/model"
	"returndesk/policy"
)

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
func OEMStatuses(ctx context.Context, store model.Store, today model.Date) ([]policy.OEMStatus, error) {
	orders, err := store.ListOEMOrders(ctx)
	if err != nil {
		return nil, err
	}
	rules := map[model.ManufacturerID]policy.Policy{}
	out := []policy.OEMStatus{}
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
		st, err := policy.OrderStatus(p, o, today)
		if err != nil {
			return nil, fmt.Errorf("order %s: %w", o.OrderNo, err)
		}
		out = append(out, st)
	}
	return out, nil
}
