package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"returndesk/internal/shoptest"

	"returndesk/model"
	"returndesk/model/sqlite"
)

var ctx = context.Background()

// clock is a settable fixed clock for DB.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var start = time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)

// openAt opens (creating when missing) the database at path; it is closed when the test ends.
func openAt(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	return shoptest.At(t, path).DB
}

// openTest opens a new database in a temporary folder with a fixed clock.
func openTest(t *testing.T) (*sqlite.DB, *clock, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "returndesk.db")
	db := openAt(t, path)
	clk := &clock{t: start}
	db.Now = clk.Now
	return db, clk, path
}

// openSeeded is openTest with the fixture's catalog, for tests that need neither the
// clock nor the path.
func openSeeded(t *testing.T) (*sqlite.DB, *fixture) {
	t.Helper()
	db, _, _ := openTest(t)
	return db, seed(t, db)
}

// rawDB opens the file directly, as a tool (or an attacker with write access) would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// fixture is a small catalog: two manufacturers with a product each, service centres
// and a customer.
type fixture struct {
	halotek, eletrek      model.Manufacturer
	phone, router         model.Product // phone: Halotek H1; router: EleTrek R7
	centreBJ, centreSH    model.ServiceCentre
	centreAnyGZ           model.ServiceCentre
	zhang                 model.Customer
	zhangRegion, shRegion string
}

func seed(t *testing.T, db *sqlite.DB) *fixture {
	t.Helper()
	shop := shoptest.Use(t, db)
	f := &fixture{zhangRegion: "Beijing", shRegion: "Shanghai"}
	f.halotek = model.Manufacturer{Name: "Halotek", Contact: "Ms Li"}
	f.eletrek = model.Manufacturer{Name: "EleTrek"}
	shop.Manufacturers(&f.halotek, &f.eletrek)
	f.phone = model.Product{ManufacturerID: f.halotek.ID, Model: "H1", Name: "Halo phone", UnitPrice: 129900}
	f.router = model.Product{ManufacturerID: f.eletrek.ID, Model: "R7", Name: "Router", UnitPrice: 45000}
	shop.Products(&f.phone, &f.router)
	f.centreSH = model.ServiceCentre{ManufacturerID: f.halotek.ID, Name: "Halotek Shanghai", Region: "Shanghai"}
	f.centreBJ = model.ServiceCentre{ManufacturerID: f.halotek.ID, Name: "Halotek Beijing", Region: "Beijing"}
	f.centreAnyGZ = model.ServiceCentre{Name: "Fix-all Guangzhou", Region: "Guangzhou"}
	shop.Centres(&f.centreSH, &f.centreBJ, &f.centreAnyGZ)
	f.zhang = model.Customer{Name: "张伟", Phone: "13800138000", Region: "Beijing"}
	shop.Customers(&f.zhang)
	return f
}

// newCase is a valid case of the fixture's customer and phone product.
func (f *fixture) newCase(serial string) model.NewCase {
	return model.NewCase{Case: model.Case{
		CustomerID:   f.zhang.ID,
		ProductID:    f.phone.ID,
		Serial:       model.Serial(serial),
		PurchaseDate: model.MustDate("2026-03-01"),
		ReportedDate: model.MustDate("2026-03-10"),
		Fault:        "does not charge",
		Tier:         model.TierRefund,
	}}
}

// newRepairCase is newCase in the repair tier, which gets a maintenance number and a service centre.
func (f *fixture) newRepairCase(serial string) model.NewCase {
	nc := f.newCase(serial)
	nc.Case.Tier = model.TierRepair
	return nc
}

func mustCreate(t *testing.T, db *sqlite.DB, nc model.NewCase) *model.Case {
	t.Helper()
	c, err := db.CreateCase(ctx, nc, "tester")
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	return c
}

// wantCode fails unless err carries the model error code want.
func wantCode(t *testing.T, err error, want model.Code) {
	t.Helper()
	if got := model.ErrorCode(err); got != want {
		t.Fatalf("error code = %q (%v), want %q", got, err, want)
	}
}

func count(t *testing.T, raw *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := raw.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func ptr[T any](v T) *T { return &v }
