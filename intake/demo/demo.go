// Package demo fills an empty database with realistic demo data of any size.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"returndesk/intake"
	"returndesk/model"
)

// Options says how much demo data to make.
type Options struct {
	Cases, Sales int // Sales = number of sales records (serials sold); cases refer to some of them
	Seed         uint64
	Today        model.Date // anchors every date
	// Now is the moment the demo is made (zero: time.Now()): when it is not on Today, the
	// demo is made at Today's end of business instead, so that the same options give the
	// same data.
	Now time.Time
}

// Summary says what Fill wrote.
type Summary struct {
	Cases, Sales, Customers int
	Claim                   model.ClaimNo
}

// DefaultSales is the number of sales records made for n cases when none is asked for:
// one per case plus stock sold without a problem so far.
func DefaultSales(cases int) int { return cases + cases/2 + 10 }

func (o Options) check() error {
	if o.Cases < 0 {
		return model.Invalid("cases", "cannot be negative")
	}
	if o.Sales < o.Cases {
		return model.Invalid("sales", "%d sales records are fewer than the %d cases: every demo case is a unit that was sold", o.Sales, o.Cases)
	}
	if o.Today.IsZero() {
		return model.Invalid("today", "is required")
	}
	return nil
}

// Fill writes the demo data into an empty store: the catalog, customers, sales records and
// cases, then an OEM order and a claim. The customers, sales records and cases go through
// the store's bulk loader when it has one (model.BulkLoader), which writes what its own
// methods would at the times the demo's cases lived them, in one transaction; otherwise
// through its own methods, one transaction each, stamped with the store's clock.
func Fill(ctx context.Context, db model.Store, opt Options) (*Summary, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	if err := intake.EnsurePresets(ctx, db); err != nil {
		return nil, err
	}
	cat, err := writeCatalog(ctx, db)
	if err != nil {
		return nil, err
	}
	g := &generator{opt: opt, cat: cat, rng: rand.New(rand.NewPCG(opt.Seed, 0x5eed)), end: madeAt(opt.Now, opt.Today)}
	var claimable []model.Case
	err = bulk(ctx, db, func(b model.BulkLoad) error {
		if err := g.writeCustomers(b); err != nil {
			return err
		}
		if err := g.writeSales(b); err != nil {
			return err
		}
		if err := g.writeCases(b); err != nil {
			return err
		}
		claimable, err = g.claimable(b)
		return err
	})
	if err != nil {
		return nil, err
	}
	sum := &Summary{Cases: opt.Cases, Sales: opt.Sales, Customers: len(g.customers)}
	if err := writeOEMOrder(ctx, db, cat, g.customers, opt.Today); err != nil {
		return nil, err
	}
	if sum.Claim, err = writeClaim(ctx, db, cat, claimable, opt.Today); err != nil {
		return nil, err
	}
	return sum, nil
}

// madeAt is the moment the demo is made: now when that is on the day the demo is anchored
// at, otherwise that day's end of business.
func madeAt(now time.Time, today model.Date) time.Time {
	if now.IsZero() {
		now = time.Now()
	}
	if model.DateOf(now) == today {
		return now
	}
	return time.Date(today.Year, today.Month, today.Day, 18, 0, 0, 0, time.Local)
}

// writeOEMOrder records the OEM brand's order of custom-branded headsets.
func writeOEMOrder(ctx context.Context, db model.Store, cat *catalog, customers []model.Customer, today model.Date) error {
	spares := 80
	order := model.OEMOrder{ManufacturerID: cat.maker("Halotek").ID, ProductID: cat.products[oemProduct].ID,
		CustomerID: customers[oemCustomer].ID, OrderNo: fmt.Sprintf("PO-NA-%d-017", today.Year), Quantity: 20000,
		ShipmentDate: today.AddMonths(-5), SpareRate: "0.4", SparesReceived: &spares}
	if err := db.CreateOEMOrder(ctx, &order); err != nil {
		return fmt.Errorf("OEM order: %w", err)
	}
	return nil
}

// maxClaimLines keeps the demo claim the size of one month's batch however big the demo is.
const maxClaimLines = 50

// writeClaim makes one draft claim to EleTrek over the cases of the last month it owes.
func writeClaim(ctx context.Context, db model.Store, cat *catalog, cases []model.Case, today model.Date) (model.ClaimNo, error) {
	eletrek := cat.maker("EleTrek")
	from := today.AddMonths(-1)
	var lines []model.ClaimLine
	for _, cs := range cases {
		prod := cat.product(cs.ProductID)
		if prod.ManufacturerID != eletrek.ID || cs.ReportedDate.Before(from) || len(lines) == maxClaimLines {
			continue
		}
		lines = append(lines, model.ClaimLine{CaseID: cs.ID, CaseNo: cs.CaseNo, RemedyAsked: model.RemedyReplace, Quantity: 1,
			UnitPrice: prod.UnitPrice, FreightBy: "manufacturer"})
	}
	if len(lines) == 0 {
		return "", nil
	}
	claim := model.Claim{ManufacturerID: eletrek.ID, PeriodFrom: from, PeriodUntil: today, Status: model.ClaimDraft, Lines: lines}
	if err := db.CreateClaim(ctx, &claim); err != nil {
		return "", fmt.Errorf("claim: %w", err)
	}
	return claim.ClaimNo, nil
}
