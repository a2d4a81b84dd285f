package policy

import (
	"slices"
	"strconv"

	"returndesk/model"
)

// Input is what a verdict depends on; the date to judge (On) is passed in, never read from a clock.
type Input struct {
	Purchased     model.Date  // sold to the end customer (terminal policies count from it)
	Shipped       model.Date  // shipped by the manufacturer to the dealer (distributor policies)
	On            model.Date  // the day the problem is judged, usually the day it was reported
	Cause         model.Cause // "" means unknown
	Regular       bool        // the dealer is a regular customer of the manufacturer
	CustomBranded bool        // the product carries the dealer's brand
}

// Verdict is a policy applied to one unit on one day, with the rule and clause that decided it.
type Verdict struct {
	Policy       model.PolicyID `json:"policy"`
	Basis        Basis          `json:"basis"`
	Start        model.Date     `json:"start"`
	On           model.Date     `json:"on"`
	Days         int            `json:"days"` // on − start; the start day is day 0
	Cause        model.Cause    `json:"cause"`
	Tier         model.Tier     `json:"tier"`
	Rule         string         `json:"rule"`        // which rule fired: "days 0-7", "cause misuse", …
	InWindow     bool           `json:"in_window"`   // on is inside the warranty, whatever the cause
	Covered      bool           `json:"covered"`     // free to the customer
	Provisional  bool           `json:"provisional"` // testing may still change it (cause unknown)
	Remedies     []model.Remedy `json:"remedies"`    // never nil
	WindowEnds   model.Date     `json:"window_ends"` // end of the tier's window; the warranty end for the paid tier
	DaysLeft     int            `json:"days_left"`   // days after On still inside the tier's window; 0 for the paid tier
	WarrantyEnds model.Date     `json:"warranty_ends"`
	Clause       Clause         `json:"clause"`
	Freight      *Freight       `json:"freight,omitempty"` // only for policies that say who pays freight

	windowed bool // a tier with a window decided it (not the paid tier)
}

// Summary is the verdict in a few words for the counter: "day 5 of 7, tier Refund: Full
// refund, Same-model replacement or Service centre".
func (v Verdict) Summary() model.Text {
	var t model.Text
	if v.windowed {
		t = model.T("day %d of %d, tier %s", v.Days, v.WindowEnds.DaysSince(v.Start), v.Tier.Label())
	} else {
		t = model.T("day %d, tier %s", v.Days, v.Tier.Label())
	}
	if v.Provisional {
		t = model.T("%s (provisional)", t)
	}
	if len(v.Remedies) == 0 {
		return model.T("%s: no remedy", t)
	}
	return model.T("%s: %s", t, model.RemedyChoice(v.Remedies))
}

// basisDate returns the date the policy counts from, and how to name it.
func basisDate(p *Policy, in Input) (d model.Date, field string) {
	if p.Basis == BasisShipment {
		return in.Shipped, "shipment_date"
	}
	return in.Purchased, "purchase_date"
}

// Checked is a policy that has passed Validate. Check keeps a copy of its own, so no later
// change to the caller's policy can make it invalid, and evaluating it skips the validation
// that Evaluate repeats on every call (which costs more than the evaluation itself: the
// counter judges a case on every key stroke).
type Checked struct{ p Policy }

// Check validates p and returns it ready to evaluate many times.
func Check(p Policy) (*Checked, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &Checked{p: p.Clone()}, nil
}

// Policy returns a copy of the checked policy.
func (c *Checked) Policy() Policy { return c.p.Clone() }

// ForManufacturer returns the policy as applied to one manufacturer's goods: a preset or
// another maker's copy names this manufacturer in its warnings.
func (c *Checked) ForManufacturer(name string) *Checked {
	cp := *c
	cp.p = c.p.fillMaker(name) // a template's clauses name this manufacturer
	cp.p.Manufacturer = name
	return &cp
}

// Evaluate applies the checked policy to a unit on the day in.On, like Evaluate.
func (c *Checked) Evaluate(in Input) (Verdict, error) { return evaluate(&c.p, in) }

// Evaluate applies a terminal or distributor policy to a unit on the day in.On.
// Missing or impossible input gives an EINVALID error naming the field.
func Evaluate(p Policy, in Input) (Verdict, error) {
	if err := p.Validate(); err != nil {
		return Verdict{}, err
	}
	return evaluate(&p, in)
}

// evaluate is Evaluate of a valid policy.
func evaluate(p *Policy, in Input) (Verdict, error) {
	if p.Kind == model.PolicyOEM {
		return Verdict{}, model.Invalid("policy", "%s is an OEM allowance: it is evaluated on an order's quantity and defects, not on dates", p.ID)
	}
	cause := in.Cause
	if cause == "" {
		cause = model.CauseUnknown
	}
	if !cause.Valid() {
		return Verdict{}, model.Invalid("cause", "unknown cause %q (use unknown, manufacturer or misuse)", in.Cause)
	}
	start, field := basisDate(p, in)
	if start.IsZero() {
		if p.Basis == BasisShipment {
			return Verdict{}, model.Invalid(field, "the %s policy counts from the shipment date, which is missing", p.ID)
		}
		return Verdict{}, model.Invalid(field, "the %s policy counts from the purchase date, which is missing", p.ID)
	}
	if in.On.IsZero() {
		return Verdict{}, model.Invalid("on", "the date to judge is missing")
	}
	if in.On.Before(start) {
		if p.Basis == BasisShipment {
			return Verdict{}, model.Invalid("on", "%s is before the shipment date %s", in.On, start)
		}
		return Verdict{}, model.Invalid("on", "%s is before the purchase date %s", in.On, start)
	}

	v := Verdict{
		Policy:       p.ID,
		Basis:        p.Basis,
		Start:        start,
		On:           in.On,
		Days:         in.On.DaysSince(start),
		Cause:        cause,
		WarrantyEnds: p.Warranty().End(start),
	}
	var freight *Freight
	// The rule is written into a buffer on the stack and copied into a string once.
	var ruleBuf [80]byte
	rule := ruleBuf[:0]

	// The date decides the tier: the first one whose window has not ended.
	from := 0
	for _, t := range p.Tiers {
		end := t.Window.End(start)
		if !in.On.After(end) {
			v.Tier, v.Covered, v.Clause, freight = t.ID, t.Covered, t.Clause, t.Freight
			v.Remedies = append(v.Remedies, t.Remedies...)
			v.InWindow, v.windowed, v.WindowEnds, v.DaysLeft = true, true, end, end.DaysSince(in.On)
			rule = strconv.AppendInt(append(rule, "days "...), int64(from), 10)
			rule = strconv.AppendInt(append(rule, '-'), int64(end.DaysSince(start)), 10)
			if t.Window.Unit == UnitMonths {
				rule = append(t.Window.append(append(rule, " ("...)), ')')
			}
			break
		}
		from = end.DaysSince(start) + 1
	}
	if !v.InWindow {
		a := p.After
		v.Tier, v.Covered, v.Clause, freight = a.ID, a.Covered, a.Clause, a.Freight
		v.Remedies = append(v.Remedies, a.Remedies...)
		v.WindowEnds = v.WarrantyEnds
		rule = strconv.AppendInt(append(rule, "after day "...), int64(v.WarrantyEnds.DaysSince(start)), 10)
		rule = append(p.Warranty().append(append(rule, " ("...)), ')')
	}

	// The cause may send the case to the paid tier, add remedies or change the freight.
	if r := p.rule(cause); r != nil && (r.Scope == ScopeAnyDate || v.InWindow) {
		v.Provisional = r.Provisional
		if r.Paid {
			a := p.After
			v.Tier, v.Covered, v.Clause, freight = a.ID, a.Covered, a.Clause, a.Freight
			v.Remedies = append(v.Remedies[:0], a.Remedies...)
			v.windowed, v.WindowEnds, v.DaysLeft = false, v.WarrantyEnds, 0
			if !r.Clause.IsZero() {
				v.Clause = r.Clause
			}
			rule = append(append(rule[:0], "cause "...), cause...)
		} else {
			changed := len(r.AddRemedies) > 0 || r.Freight != nil || !r.Clause.IsZero()
			v.Remedies = addRemedies(v.Remedies, r.AddRemedies)
			if in.Regular {
				v.Remedies = addRemedies(v.Remedies, r.RegularAddRemedies)
				changed = changed || len(r.RegularAddRemedies) > 0 || r.RegularFreight != nil
			}
			v.Clause = v.Clause.join(r.Clause)
			if changed {
				rule = append(append(rule, ", cause "...), cause...)
			}
		}
		if r.Freight != nil {
			freight = r.Freight
		}
		if in.Regular && r.RegularFreight != nil {
			freight = r.RegularFreight
		}
	}

	if cb := p.CustomBranded; in.CustomBranded && cb != nil {
		n := len(v.Remedies)
		v.Remedies = slices.DeleteFunc(v.Remedies, func(r model.Remedy) bool { return slices.Contains(cb.Excludes, r) })
		if len(v.Remedies) < n {
			v.Clause = v.Clause.join(cb.Clause)
			rule = append(rule, ", custom-branded"...)
		}
	}
	v.Rule = string(rule)
	if v.Remedies == nil {
		v.Remedies = []model.Remedy{}
	}
	if p.HasFreight() && freight != nil {
		f := *freight
		v.Freight = &f
	}
	return v, nil
}

func addRemedies(have, add []model.Remedy) []model.Remedy {
	for _, r := range add {
		if !slices.Contains(have, r) {
			have = append(have, r)
		}
	}
	return have
}

// CaseVerdict is a case seen by both clocks: the customer's warranty from the purchase date
// and the manufacturer's warranty towards the shop from the shipment date.
type CaseVerdict struct {
	Customer     *Verdict `json:"customer,omitempty"`     // nil without a terminal policy or purchase date
	Manufacturer *Verdict `json:"manufacturer,omitempty"` // nil without a distributor policy or shipment date
	// DealerCarriesCost is true when the customer is covered but the manufacturer's warranty is over.
	DealerCarriesCost bool       `json:"dealer_carries_cost"`
	Warning           model.Text `json:"warning,omitzero"`
}

// EvaluateCase evaluates the terminal policy (customer) and the distributor policy (manufacturer)
// for one case. A policy that is nil, or whose start date is missing from in, gives no verdict.
func EvaluateCase(terminal, distributor *Checked, in Input) (CaseVerdict, error) {
	var cv CaseVerdict
	// Both verdicts live in one allocation.
	var both [2]Verdict
	for i, c := range [2]*Checked{terminal, distributor} {
		if c == nil {
			continue
		}
		if d, _ := basisDate(&c.p, in); d.IsZero() {
			continue
		}
		v, err := evaluate(&c.p, in)
		if err != nil {
			return CaseVerdict{}, err
		}
		both[i] = v
		if i == 0 {
			cv.Customer = &both[0]
		} else {
			cv.Manufacturer = &both[1]
		}
	}
	if c, m := cv.Customer, cv.Manufacturer; c != nil && m != nil && c.Covered && !m.InWindow {
		cv.DealerCarriesCost = true
		if who := distributor.p.Manufacturer; who != "" {
			cv.Warning = model.T("Customer is covered until %s but %s's warranty ended on %s: the shop carries the cost",
				c.WarrantyEnds, who, m.WarrantyEnds)
		} else {
			cv.Warning = model.T("Customer is covered until %s but the manufacturer's warranty ended on %s: the shop carries the cost",
				c.WarrantyEnds, m.WarrantyEnds)
		}
	}
	return cv, nil
}
