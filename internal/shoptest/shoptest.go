// Package shoptest builds the shops that tests run on: a new database in a temporary folder,
// filled through the store's own operations (manufacturers, products, customers, service
// centres, sales, cases), each step failing the test on an error. Every test still says what
// its shop holds; the steps are written once, here.
package shoptest

import (
	"context"
	"path/filepath"
	"testing"

	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/policy"
)

// Shop is a test's database with the test it fails.
type Shop struct {
	DB   *sqlite.DB
	Path string // the database file
	t    testing.TB
}

var ctx = context.Background()

// New opens a new database in the test's temporary folder; it is closed when the test ends.
func New(t testing.TB) *Shop {
	t.Helper()
	return At(t, filepath.Join(t.TempDir(), "returndesk.db"))
}

// At opens the database at path, making it when missing; it is closed when the test ends
// (closing it sooner, for a command that opens the file itself, does no harm).
func At(t testing.TB, path string) *Shop {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return &Shop{DB: db, Path: path, t: t}
}

// Use fills db, a database the test opened itself.
func Use(t testing.TB, db *sqlite.DB) *Shop { return &Shop{DB: db, t: t} }

// Presets stores the preset warranty policies, as the app does on its first start.
func (s *Shop) Presets() *Shop {
	s.t.Helper()
	for _, p := range policy.Presets() { // what intake.EnsurePresets stores (shoptest stays below intake)
		rec, err := p.Record()
		s.check("preset "+string(p.ID), err)
		rec.Preset = true
		s.check("preset "+string(p.ID), s.DB.SavePolicy(ctx, &rec))
	}
	return s
}

// Manufacturers creates each manufacturer, filling in its ID.
func (s *Shop) Manufacturers(ms ...*model.Manufacturer) {
	s.t.Helper()
	create(s, "manufacturer", ms, func(m *model.Manufacturer) string { return m.Name }, s.DB.CreateManufacturer)
}

// Products creates each product, filling in its ID.
func (s *Shop) Products(ps ...*model.Product) {
	s.t.Helper()
	create(s, "product", ps, func(p *model.Product) string { return string(p.Model) }, s.DB.CreateProduct)
}

// Customers creates each customer, filling in its ID.
func (s *Shop) Customers(cs ...*model.Customer) {
	s.t.Helper()
	create(s, "customer", cs, func(c *model.Customer) string { return c.Name }, s.DB.CreateCustomer)
}

// Centres creates each service centre, filling in its ID.
func (s *Shop) Centres(cs ...*model.ServiceCentre) {
	s.t.Helper()
	create(s, "service centre", cs, func(c *model.ServiceCentre) string { return c.Name }, s.DB.CreateServiceCentre)
}

// create stores each record with store, failing the test with the record's kind and name.
func create[T any](s *Shop, kind string, records []T, name func(T) string, store func(context.Context, T) error) {
	s.t.Helper()
	for _, r := range records {
		s.check(kind+" "+name(r), store(ctx, r))
	}
}

// Sales imports the sales records.
func (s *Shop) Sales(sales ...model.Sale) {
	s.t.Helper()
	s.check("sales", s.DB.ImportSales(ctx, sales))
}

// Case creates the case as it is, by the user "test".
func (s *Shop) Case(c model.Case) *model.Case {
	s.t.Helper()
	got, err := s.DB.CreateCase(ctx, model.NewCase{Case: c}, "test")
	s.check("case "+string(c.Serial), err)
	return got
}

func (s *Shop) check(what string, err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatalf("shop: %s: %v", what, err)
	}
}
