package intake

import (
	"context"

	"returndesk/model"
	"returndesk/policy"
)

// Loaded is a stored policy with the version it was loaded at.
type Loaded struct {
	Policy  policy.Policy
	Version int
	// Checked is Policy validated once, as the verdicts evaluate it.
	Checked *policy.Checked
}

// setManufacturer names the manufacturer whose goods the policy is applied to.
func (l *Loaded) setManufacturer(name string) {
	l.Policy.Manufacturer = name
	l.Checked = l.Checked.ForManufacturer(name)
}

// EnsurePresets stores the shipped presets that the database does not hold yet.
func EnsurePresets(ctx context.Context, svc model.PolicyService) error {
	for _, p := range policy.Presets() {
		_, err := svc.Policy(ctx, p.ID, 0)
		if err == nil {
			continue
		}
		if model.ErrorCode(err) != model.ENOTFOUND {
			return err
		}
		rec, err := p.Record()
		if err != nil {
			return err
		}
		rec.Preset = true
		if err := svc.SavePolicy(ctx, &rec); err != nil {
			return err
		}
	}
	return nil
}

// Load reads one version of a stored policy (0: the latest).
func Load(ctx context.Context, svc model.PolicyService, id model.PolicyID, version int) (*Loaded, error) {
	rec, err := svc.Policy(ctx, id, version)
	if err != nil {
		return nil, err
	}
	p, err := policy.FromRecord(*rec)
	if err != nil {
		return nil, err
	}
	checked, err := policy.Check(p)
	if err != nil {
		return nil, err
	}
	return &Loaded{Policy: p, Version: rec.Version, Checked: checked}, nil
}

// PoliciesFor loads the latest terminal and distributor policies assigned to a manufacturer;
// either is nil when none is assigned. An assignment to a missing policy or to a policy of
// the wrong kind is an EINVALID error about the manufacturer's field.
func PoliciesFor(ctx context.Context, svc model.PolicyService, m *model.Manufacturer) (terminal, distributor *Loaded, err error) {
	if terminal, err = assigned(ctx, svc, m, m.TerminalPolicy, model.PolicyTerminal, "terminal_policy"); err != nil {
		return nil, nil, err
	}
	if distributor, err = assigned(ctx, svc, m, m.DistributorPolicy, model.PolicyDistributor, "distributor_policy"); err != nil {
		return nil, nil, err
	}
	// Either may be a template or another maker's copy: its clauses and warnings name this manufacturer.
	for _, l := range []*Loaded{terminal, distributor} {
		if l != nil {
			l.setManufacturer(m.Name)
		}
	}
	return terminal, distributor, nil
}

// assigned loads the latest version of the policy id assigned to m as its kind policy; nil when id is empty.
func assigned(ctx context.Context, svc model.PolicyService, m *model.Manufacturer, id model.PolicyID, kind model.PolicyKind, field string) (*Loaded, error) {
	if id == "" {
		return nil, nil
	}
	l, err := Load(ctx, svc, id, 0)
	if model.ErrorCode(err) == model.ENOTFOUND {
		return nil, model.Invalid(field, "%s's %s policy %s does not exist: assign another under Manufacturers & policies", m.Name, kind.Label(), id)
	}
	if err != nil {
		return nil, err
	}
	if l.Policy.Kind != kind {
		return nil, model.Invalid(field, "%s is a %s policy and cannot be %s's %s policy", id, l.Policy.Kind.Label(), m.Name, kind.Label())
	}
	return l, nil
}
