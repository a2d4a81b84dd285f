// Package storetest is the one conformance suite of model.Store: every storage engine runs
// the same tests (numbers, history, all-or-nothing writes, claims, ledger, search, photos,
// catalog, policies, settings) through the Store's methods, so that no behaviour is tested
// for one engine only. The helpers are engine-neutral: no SQL, no engine types. What a test
// must reach under the interface (the clock, a second connection, a failing insert, a
// tampering program) it asks of the engine through Hooks.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"returndesk/model"
)

var ctx = context.Background()

// Hooks is what an engine's store under test offers besides model.Store; the store that
// open returns must have them (a test wrapper around the engine's store is the place).
type Hooks interface {
	// SetClock replaces the clock the store stamps changes with.
	SetClock(model.Clock)
	// Reopen opens a second, independent store on the same database, as a second counter
	// (or process) would; it is closed when t ends.
	Reopen(t *testing.T) model.Store
	// FailCaseInsert makes the database itself refuse to store a case whose fault is fault,
	// inside the write, after the case's number has been taken.
	FailCaseInsert(t *testing.T, fault string)
	// TamperHistory tries, as another program with access to the database could, to rewrite
	// case id's history and then to delete it, and returns the database's answers.
	TamperHistory(t *testing.T, id model.CaseID) (rewrite, remove error)
	// SkipIDs makes the next id of table (cases or customers) next, as if the rows before
	// it had been stored and removed, by storing a placeholder row (Placeholder) with id
	// next-1.
	SkipIDs(t *testing.T, table string, next int64)
}

// ExecAll runs statements in one transaction on raw, an engine's own connection.
func ExecAll(t *testing.T, raw *sql.DB, statements []string) {
	t.Helper()
	tx, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, q := range statements {
		if _, err := tx.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// bucketSize is how many rows of consecutive ids a bucket of the search indexes holds
// (sqlstore): the tests that spread rows over buckets skip ids by it.
const bucketSize = 65_536

// Placeholder is the statements, in one transaction on the engine's own connection, that
// store a row of table (cases or customers) with id id that no search of a test finds: for
// cases a copy of the newest case with a number of 1999, the serial SKIPPED and nothing to
// search; for customers one named Skipped with nothing to search.
func Placeholder(table string, id int64) []string {
	if table == "customers" {
		return []string{fmt.Sprintf(`INSERT INTO customers (id, name, search_text) VALUES (%d, 'Skipped', '')`, id)}
	}
	return []string{
		`CREATE TEMP TABLE placeholder AS SELECT * FROM cases WHERE id = (SELECT max(id) FROM cases)`,
		fmt.Sprintf(`UPDATE placeholder SET id = %d, case_no = 'RMA-1999-000001', maintenance_no = '',
			serial = 'SKIPPED', search_text = '', search_numbers = ''`, id),
		`INSERT INTO cases SELECT * FROM placeholder`,
		`DROP TABLE placeholder`,
	}
}

// Run runs the suite; open returns a new, empty store (with Hooks) for one test and
// closes it when that test ends.
func Run(t *testing.T, open func(t *testing.T) model.Store) {
	s := suite{open: open}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, s) })
	}
}

// tests are the suite's tests, by name.
var tests = []struct {
	name string
	run  func(*testing.T, suite)
}{
	{"AddAndListPhotos", testAddAndListPhotos},
	{"AddPhotoRefusesBadRecords", testAddPhotoRefusesBadRecords},
	{"CheckClaimAnswersThenAnswerADraft", testCheckClaimAnswersThenAnswerADraft},
	{"ClaimLifecycleAnswersAndLedger", testClaimLifecycleAnswersAndLedger},
	{"ClaimableCasesSortsOwedFromDealerCost", testClaimableCasesSortsOwedFromDealerCost},
	{"Claims", testClaims},
	{"ClosedCaseAcceptsOnlyNotes", testClosedCaseAcceptsOnlyNotes},
	{"ConcurrentWriters", testConcurrentWriters},
	{"CountCasesByStatus", testCountCasesByStatus},
	{"CreateCase", testCreateCase},
	{"CreateCaseRejectsBadInput", testCreateCaseRejectsBadInput},
	{"CreateCaseWithNewCustomer", testCreateCaseWithNewCustomer},
	{"Customers", testCustomers},
	{"CustomerTypedTwice", testCustomerTypedTwice},
	{"DeductByClaim", testDeductByClaim},
	{"DraftClaimCanBeDeleted", testDraftClaimCanBeDeleted},
	{"FailedCreateAfterAllocationLeavesNoGap", testFailedCreateAfterAllocationLeavesNoGap},
	{"FindByPhoneDigits", testFindByPhoneDigits},
	{"FindCaseBySequence", testFindCaseBySequence},
	{"FindCaseNotFound", testFindCaseNotFound},
	{"FindCasesByPurchaseDateAndDealerCost", testFindCasesByPurchaseDateAndDealerCost},
	{"FindCasesCommonTerm", testFindCasesCommonTerm},
	{"FindCasesAcrossBuckets", testFindCasesAcrossBuckets},
	{"FindCasesFilters", testFindCasesFilters},
	{"FindCasesLimits", testFindCasesLimits},
	{"FindCasesRows", testFindCasesRows},
	{"FindCasesSearchIsLiteral", testFindCasesSearchIsLiteral},
	{"FindCasesSortAndPage", testFindCasesSortAndPage},
	{"FindCustomersAcrossBuckets", testFindCustomersAcrossBuckets},
	{"FindCustomersThroughTheIndex", testFindCustomersThroughTheIndex},
	{"FindCasesTotalWithoutFullPage", testFindCasesTotalWithoutFullPage},
	{"FindSales", testFindSales},
	{"FutureDatesAreRefused", testFutureDatesAreRefused},
	{"HistoryIsAppendOnly", testHistoryIsAppendOnly},
	{"HistoryRecordsTheWholeLife", testHistoryRecordsTheWholeLife},
	{"ImportSales", testImportSales},
	{"ImportSalesIsAllOrNothing", testImportSalesIsAllOrNothing},
	{"Manufacturers", testManufacturers},
	{"MoveCaseTransitions", testMoveCaseTransitions},
	{"NearestServiceCentre", testNearestServiceCentre},
	{"NumbersRestartEachYear", testNumbersRestartEachYear},
	{"OEMDefects", testOEMDefects},
	{"OEMOrders", testOEMOrders},
	{"PolicyVersions", testPolicyVersions},
	{"Products", testProducts},
	{"RejectedLineGoesBackToTheDealer", testRejectedLineGoesBackToTheDealer},
	{"RepairTierGetsMaintenanceNumberAndCentre", testRepairTierGetsMaintenanceNumberAndCentre},
	{"Reports", testReports},
	{"SearchFollowsCustomerChanges", testSearchFollowsCustomerChanges},
	{"SearchWithAControlCharacterMatchesNothing", testSearchWithAControlCharacterMatchesNothing},
	{"SerialCasesFollowsSwaps", testSerialCasesFollowsSwaps},
	{"SalesOfSerials", testSalesOfSerials},
	{"SetSettingsIsAllOrNothing", testSetSettingsIsAllOrNothing},
	{"Logo", testLogo},
	{"Settings", testSettings},
	{"StaleSaveIsRefused", testStaleSaveIsRefused},
	{"TextWithControlCharactersIsRefused", testTextWithControlCharactersIsRefused},
	{"UpdateCaseRecordsEveryChange", testUpdateCaseRecordsEveryChange},
	{"UpdateServiceCentre", testUpdateServiceCentre},
	{"UpdateTierToRepair", testUpdateTierToRepair},
	{"WatchSeesOtherCounters", testWatchSeesOtherCounters},
}

type suite struct {
	open func(t *testing.T) model.Store
}

// openTest opens a new store on a fixed clock at Start.
func (s suite) openTest(t *testing.T) (model.Store, *FixedClock) {
	t.Helper()
	db := s.open(t)
	clk := &FixedClock{t: Start}
	hooks(t, db).SetClock(clk.Now)
	return db, clk
}

// openSeeded is openTest with the fixture's catalog, for tests that need no clock.
func (s suite) openSeeded(t *testing.T) (model.Store, *Fixture) {
	t.Helper()
	db, _ := s.openTest(t)
	return db, Seed(t, db)
}

func hooks(t *testing.T, db model.Store) Hooks {
	t.Helper()
	h, ok := db.(Hooks)
	if !ok {
		t.Fatalf("storetest: the store under test (%T) lacks storetest.Hooks", db)
	}
	return h
}

// FixedClock is a settable clock for a store under test.
type FixedClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock is a fixed clock at t.
func NewClock(t time.Time) *FixedClock { return &FixedClock{t: t} }

func (c *FixedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *FixedClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *FixedClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Start is the time the suite's stores start at: the shop's "today" is 2026-03-10.
var Start = time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)

// Fixture is a small catalog: two manufacturers with a product each, service centres and
// a customer.
type Fixture struct {
	Halotek, EleTrek      model.Manufacturer
	Phone, Router         model.Product // Phone: Halotek H1; Router: EleTrek R7
	CentreBJ, CentreSH    model.ServiceCentre
	CentreAnyGZ           model.ServiceCentre
	Zhang                 model.Customer
	ZhangRegion, SHRegion string
}

// Seed stores the Fixture through db's own methods.
func Seed(t testing.TB, db model.Store) *Fixture {
	t.Helper()
	f := &Fixture{ZhangRegion: "Beijing", SHRegion: "Shanghai"}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("seed: %s: %v", what, err)
		}
	}
	f.Halotek = model.Manufacturer{Name: "Halotek", Contact: "Ms Li"}
	f.EleTrek = model.Manufacturer{Name: "EleTrek"}
	for _, m := range []*model.Manufacturer{&f.Halotek, &f.EleTrek} {
		must(m.Name, db.CreateManufacturer(ctx, m))
	}
	f.Phone = model.Product{ManufacturerID: f.Halotek.ID, Model: "H1", Name: "Halo phone", UnitPrice: 129900}
	f.Router = model.Product{ManufacturerID: f.EleTrek.ID, Model: "R7", Name: "Router", UnitPrice: 45000}
	for _, p := range []*model.Product{&f.Phone, &f.Router} {
		must(string(p.Model), db.CreateProduct(ctx, p))
	}
	f.CentreSH = model.ServiceCentre{ManufacturerID: f.Halotek.ID, Name: "Halotek Shanghai", Region: "Shanghai"}
	f.CentreBJ = model.ServiceCentre{ManufacturerID: f.Halotek.ID, Name: "Halotek Beijing", Region: "Beijing"}
	f.CentreAnyGZ = model.ServiceCentre{Name: "Fix-all Guangzhou", Region: "Guangzhou"}
	for _, c := range []*model.ServiceCentre{&f.CentreSH, &f.CentreBJ, &f.CentreAnyGZ} {
		must(c.Name, db.CreateServiceCentre(ctx, c))
	}
	f.Zhang = model.Customer{Name: "张伟", Phone: "13800138000", Region: "Beijing"}
	must(f.Zhang.Name, db.CreateCustomer(ctx, &f.Zhang))
	return f
}

// NewCase is a valid case of the fixture's customer and phone product.
func (f *Fixture) NewCase(serial string) model.NewCase {
	return model.NewCase{Case: model.Case{
		CustomerID:   f.Zhang.ID,
		ProductID:    f.Phone.ID,
		Serial:       model.Serial(serial),
		PurchaseDate: model.MustDate("2026-03-01"),
		ReportedDate: model.MustDate("2026-03-10"),
		Fault:        "does not charge",
		Tier:         model.TierRefund,
	}}
}

// NewRepairCase is NewCase in the repair tier, which gets a maintenance number and a service centre.
func (f *Fixture) NewRepairCase(serial string) model.NewCase {
	nc := f.NewCase(serial)
	nc.Case.Tier = model.TierRepair
	return nc
}

// MustCreate creates the case, failing the test on an error.
func MustCreate(t testing.TB, db model.Store, nc model.NewCase) *model.Case {
	t.Helper()
	c, err := db.CreateCase(ctx, nc, "tester")
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	return c
}

// Photos lists case id's photos with the bytes of each, failing the test on an error.
func Photos(t testing.TB, db model.Store, id model.CaseID) ([]model.Photo, [][]byte) {
	t.Helper()
	photos, err := db.ListPhotos(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	data := make([][]byte, 0, len(photos))
	for _, p := range photos {
		b, err := db.PhotoData(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		data = append(data, b)
	}
	return photos, data
}

// WantCode fails unless err carries the model error code want.
func WantCode(t testing.TB, err error, want model.Code) {
	t.Helper()
	if got := model.ErrorCode(err); got != want {
		t.Fatalf("error code = %q (%v), want %q", got, err, want)
	}
}

// CheckContiguous fails unless the store holds n cases numbered exactly RMA-2026-000001..n.
func CheckContiguous(t testing.TB, db model.Store, n int) {
	t.Helper()
	list, total, err := db.FindCases(ctx, model.CaseFilter{Limit: model.MaxCaseLimit})
	if err != nil {
		t.Fatal(err)
	}
	if total != n || len(list) != n {
		t.Fatalf("total %d, listed %d, want %d", total, len(list), n)
	}
	nums := make([]string, 0, n)
	for _, c := range list {
		nums = append(nums, string(c.CaseNo))
	}
	sort.Strings(nums)
	for i, no := range nums {
		if want := fmt.Sprintf("RMA-2026-%06d", i+1); no != want {
			t.Fatalf("case numbers not contiguous: position %d is %s, want %s", i, no, want)
		}
	}
}

// stored counts the store's customers and sales records (few in these tests).
func stored(t *testing.T, db model.Store) (customers, sales int) {
	t.Helper()
	cs, err := db.FindCustomers(ctx, "", model.MaxCaseLimit)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := db.FindSales(ctx, "", model.MaxCaseLimit)
	if err != nil {
		t.Fatal(err)
	}
	return len(cs), len(ss)
}

func serials(list []model.CaseSummary) []string {
	var out []string
	for _, c := range list {
		out = append(out, string(c.Serial))
	}
	return out
}

func ptr[T any](v T) *T { return &v }
