package demo

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"returndesk/intake"
	"returndesk/model"
)

// actor is who the demo's history says made every change.
const actor = "demo"

// generator makes up the demo's customers, sales and cases from one random source.
type generator struct {
	opt Options
	cat *catalog
	rng *rand.Rand
	end time.Time // the moment the demo is made: nothing happens after it

	customers          []model.Customer
	terminals, dealers []int // indexes into customers of walk-in customers and of dealers
	units              []unit
	caseIDs            []model.CaseID // by unit
}

// unit is a sold unit that comes back as a case, with the life its case will have.
type unit struct {
	sale     model.Sale
	customer int // index into generator.customers
	product  int // index into catalog.products
	fault    int
	reported model.Date
	status   model.Status // where its life ends
	cause    model.Cause  // what testing finds
}

// writeSales plans the units that will come back as cases and stores their sales records,
// then those of the stock sold without a problem so far.
func (g *generator) writeSales(b model.BulkLoad) error {
	r, today := g.rng, g.opt.Today
	g.units = make([]unit, g.opt.Cases)
	for i := range g.units {
		u := &g.units[i]
		plan := schedule[i%len(schedule)]
		u.product = r.IntN(len(g.cat.products))
		u.customer = g.customerFor(i)
		// Later laps of the schedule shift dates a little so the list is not repetitive,
		// without leaving the tier the plan aims at.
		jitter := 0
		if i >= len(schedule) && plan.daysSincePurchase > 70 && plan.daysSincePurchase < 330 {
			jitter = r.IntN(25)
		}
		age := g.reportedAge(i)
		u.reported = today.AddDays(-age)
		u.status, u.cause = g.finalStatus(i, age, plan)
		u.fault = r.IntN(len(faults))
		purchased := u.reported.AddDays(-(plan.daysSincePurchase + jitter))
		prod, cust := &g.cat.products[u.product], &g.customers[u.customer]
		// The unit number is unique per case, so any number of demo cases gets distinct serials.
		u.sale = model.Sale{Serial: model.Serial(fmt.Sprintf("%s-%02d%06d", prod.Model, purchased.Year%100, 100000+i)),
			ProductID: prod.ID, CustomerID: cust.ID, CustomerName: cust.Name, Phone: cust.Phone,
			Invoice: fmt.Sprintf("INV-%d-%05d", purchased.Year, 1200+i), PurchaseDate: purchased,
			ShipmentDate: purchased.AddDays(-(20 + r.IntN(100)))}
		if err := b.AddSale(&u.sale); err != nil {
			return fmt.Errorf("sales record %s: %w", u.sale.Serial, err)
		}
	}
	for i := range g.opt.Sales - g.opt.Cases {
		prod := &g.cat.products[r.IntN(len(g.cat.products))]
		purchased := today.AddDays(-r.IntN(500))
		cust := &g.customers[r.IntN(len(g.customers))]
		s := model.Sale{Serial: model.Serial(fmt.Sprintf("%s-S%07d", prod.Model, 1000000+i)), ProductID: prod.ID,
			CustomerID: cust.ID, CustomerName: cust.Name, Phone: cust.Phone,
			Invoice: fmt.Sprintf("INV-%d-%05d", purchased.Year, 8000+i), PurchaseDate: purchased,
			ShipmentDate: purchased.AddDays(-30 - r.IntN(60))}
		if err := b.AddSale(&s); err != nil {
			return fmt.Errorf("sales record %s: %w", s.Serial, err)
		}
	}
	return nil
}

// customerFor picks who brings case i: every seventh a dealer, the others walk-in
// customers; the rich cases come from the shop's well-known customers.
func (g *generator) customerFor(i int) int {
	pool, known := g.terminals, walkIns
	if i%7 == 6 {
		pool, known = g.dealers, oemCustomer-walkIns
	}
	if i < richCases {
		return pool[g.rng.IntN(known)]
	}
	return pool[g.rng.IntN(len(pool))]
}

// writeCases replays the lives of all cases in time order, as the counter would have lived them.
func (g *generator) writeCases(b model.BulkLoad) error {
	steps := make([]step, 0, 4*len(g.units))
	for i := range g.units {
		steps = g.lifeSteps(i, &g.units[i], steps)
	}
	slices.SortFunc(steps, func(a, b step) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.unit, b.unit), cmp.Compare(a.seq, b.seq))
	})
	g.caseIDs = make([]model.CaseID, len(g.units))
	for _, s := range steps {
		u := &g.units[s.unit]
		at := time.Unix(0, s.at)
		var err error
		switch s.kind {
		case intakeStep:
			g.caseIDs[s.unit], err = g.intake(b, at, u)
		case reassessStep:
			err = g.reassess(b, at, g.caseIDs[s.unit], u)
		case moveStep:
			_, err = b.MoveCase(at, g.caseIDs[s.unit], s.to, actor, moveNotes[s.to])
		}
		if err != nil {
			return fmt.Errorf("demo case for %s: %w", u.sale.Serial, err)
		}
	}
	return nil
}

// intake takes the unit in with the verdict its dates and the policies give, as intake.Plan would.
func (g *generator) intake(b model.BulkLoad, at time.Time, u *unit) (model.CaseID, error) {
	f := faults[u.fault]
	c := model.Case{CustomerID: g.customers[u.customer].ID, ProductID: u.sale.ProductID, Serial: u.sale.Serial,
		PurchaseDate: u.sale.PurchaseDate, ShipmentDate: u.sale.ShipmentDate, ReportedDate: u.reported,
		Fault: f.text, FaultCategory: f.category, Accessories: "charger, original box", Cause: model.CauseUnknown}
	if err := g.judge(&c, u); err != nil {
		return 0, err
	}
	cs, err := b.CreateCase(at, model.NewCase{Case: c}, actor)
	if err != nil {
		return 0, err
	}
	return cs.ID, nil
}

// reassess records the cause testing found and the verdict it gives, as intake.Reassess would.
func (g *generator) reassess(b model.BulkLoad, at time.Time, id model.CaseID, u *unit) error {
	c, err := b.Case(id)
	if err != nil {
		return err
	}
	c.Cause = u.cause
	if err := g.judge(c, u); err != nil {
		return err
	}
	_, err = b.UpdateCase(at, id, model.CaseUpdate{Cause: &c.Cause, Tier: &c.Tier, Remedy: &c.Remedy,
		PolicyID: &c.PolicyID, PolicyVersion: &c.PolicyVersion, DealerCarriesCost: &c.DealerCarriesCost}, actor)
	return err
}

func (g *generator) judge(c *model.Case, u *unit) error {
	prod := &g.cat.products[u.product]
	p := g.cat.policies[prod.ManufacturerID]
	_, err := intake.Judge(c, p[0], p[1], &g.customers[u.customer], prod)
	return err
}

// claimable returns the cases waiting for their manufacturer, who owes for them.
func (g *generator) claimable(b model.BulkLoad) ([]model.Case, error) {
	var out []model.Case
	for i := range g.units {
		if g.units[i].status != model.StatusAwaitingManufacturer {
			continue
		}
		c, err := b.Case(g.caseIDs[i])
		if err != nil {
			return nil, err
		}
		if c.Cause == model.CauseManufacturer && !c.DealerCarriesCost {
			out = append(out, *c)
		}
	}
	return out, nil
}
