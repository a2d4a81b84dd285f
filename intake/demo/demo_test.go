package demo_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"returndesk/intake"
	"returndesk/intake/demo"
	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/policy"
)

var ctx = context.Background()

// made is the moment the test demos are made: fixed, so that a seed always gives the same data.
var made = time.Date(2026, 3, 10, 15, 30, 0, 0, time.Local)

// fill makes a demo database with n cases and twice as many sales records.
func fill(t testing.TB, n int, seed uint64) (*sqlite.DB, *demo.Summary, string) {
	return fillThrough(t, n, seed, func(db *sqlite.DB) model.Store { return db })
}

// plainStore is a store without a bulk loader: only the methods of model.Store.
type plainStore struct{ model.Store }

// fillThrough makes a demo database with n cases, filled through the store as store gives it.
func fillThrough(t testing.TB, n int, seed uint64, store func(*sqlite.DB) model.Store) (*sqlite.DB, *demo.Summary, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return made }
	sum, err := demo.Fill(ctx, store(db), demo.Options{Cases: n, Sales: 2 * n, Seed: seed, Today: model.DateOf(made), Now: made})
	if err != nil {
		t.Fatalf("Fill: %v", err)
	}
	return db, sum, path
}

var (
	bigOnce sync.Once
	big     struct {
		db   *sqlite.DB
		sum  *demo.Summary
		path string
	}
)

// bigDemo is one demo of a few thousand cases shared by the tests that only read it.
func bigDemo(t *testing.T) (*sqlite.DB, *demo.Summary, *sql.DB) {
	bigOnce.Do(func() {
		big.path = filepath.Join(tempRoot, "big.db")
		var err error
		if big.db, err = sqlite.Open(big.path); err != nil {
			t.Fatal(err)
		}
		big.db.Now = func() time.Time { return made }
		if big.sum, err = demo.Fill(ctx, big.db, demo.Options{Cases: 3000, Sales: 9000, Seed: 7, Today: model.DateOf(made), Now: made}); err != nil {
			t.Fatalf("Fill: %v", err)
		}
	})
	if big.db == nil {
		t.Fatal("the shared demo database could not be made")
	}
	return big.db, big.sum, raw(t, big.path)
}

// tempRoot holds the shared demo database for the whole test run.
var tempRoot string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "demo-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tempRoot = dir
	code := m.Run()
	if big.db != nil {
		big.db.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

func raw(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryInt(t testing.TB, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestBigDemoCounts(t *testing.T) {
	db, sum, r := bigDemo(t)
	if sum.Cases != 3000 || sum.Sales != 9000 || sum.Customers < 1000 || sum.Claim == "" {
		t.Errorf("summary = %+v", sum)
	}
	_, total, err := db.FindCases(ctx, model.CaseFilter{Limit: 1})
	if err != nil || total != 3000 {
		t.Errorf("FindCases total = %d (%v), want 3000", total, err)
	}
	if n := queryInt(t, r, `SELECT count(*) FROM sales`); n != 9000 {
		t.Errorf("%d sales records, want 9000", n)
	}
	if n := queryInt(t, r, `SELECT count(DISTINCT phone) FROM customers`); n != sum.Customers {
		t.Errorf("%d distinct phones for %d customers", n, sum.Customers)
	}
	for _, s := range model.Statuses {
		if n := queryInt(t, r, `SELECT count(*) FROM cases WHERE status = ?`, s); n == 0 {
			t.Errorf("no case is %s", s)
		}
	}
	for _, tier := range []model.Tier{model.TierRefund, model.TierReplace, model.TierRepair, model.TierPaid, model.TierWarranty} {
		if n := queryInt(t, r, `SELECT count(*) FROM cases WHERE tier = ?`, tier); n == 0 {
			t.Errorf("no case in tier %s", tier)
		}
	}
	if n := queryInt(t, r, `SELECT count(*) FROM cases WHERE policy_id = '' OR policy_version < 1`); n != 0 {
		t.Errorf("%d cases record no policy version", n)
	}
}

// Case and maintenance numbers run from 1 without a gap in every year, and the counters
// go on from the last: the next case the counter takes gets the next number.
func TestBigDemoNumbers(t *testing.T) {
	db, _, r := bigDemo(t)
	for _, num := range []struct{ column, counter string }{{"case_no", "case"}, {"maintenance_no", "maintenance"}} {
		rows, err := r.Query(`SELECT substr(` + num.column + `, -11, 4) AS year, count(*), count(DISTINCT ` + num.column + `),
			min(CAST(substr(` + num.column + `, -6) AS INTEGER)), max(CAST(substr(` + num.column + `, -6) AS INTEGER)),
			(SELECT next FROM counters WHERE name = '` + num.counter + `' AND year = CAST(substr(` + num.column + `, -11, 4) AS INTEGER))
			FROM cases WHERE ` + num.column + ` <> '' GROUP BY year`)
		if err != nil {
			t.Fatal(err)
		}
		years := 0
		for rows.Next() {
			var year string
			var n, distinct, lo, hi, next int
			if err := rows.Scan(&year, &n, &distinct, &lo, &hi, &next); err != nil {
				t.Fatal(err)
			}
			years++
			if distinct != n || lo != 1 || hi != n || next != n+1 {
				t.Errorf("%s in %s: %d numbers, %d distinct, %d..%d, counter at %d", num.column, year, n, distinct, lo, hi, next)
			}
		}
		rows.Close()
		if years < 2 {
			t.Errorf("%s: the demo spans %d years, want at least 2", num.column, years)
		}
	}
	var last model.Case
	if err := r.QueryRow(`SELECT case_no, customer_id, product_id FROM cases ORDER BY id DESC LIMIT 1`).
		Scan(&last.CaseNo, &last.CustomerID, &last.ProductID); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(last.CaseNo), fmt.Sprintf("RMA-%d-", made.Year())) {
		t.Fatalf("the latest case %s is not of this year", last.CaseNo)
	}
	next, err := db.CreateCase(ctx, model.NewCase{Case: model.Case{CustomerID: last.CustomerID, ProductID: last.ProductID,
		Serial: "NEXT-1", ReportedDate: model.DateOf(made), Fault: "dead", Tier: model.TierRepair}}, "tester")
	if err != nil {
		t.Fatal(err)
	}
	var n, mo int
	fmt.Sscanf(string(last.CaseNo)[9:], "%d", &n)
	mo = queryInt(t, r, `SELECT count(*) FROM cases WHERE maintenance_no LIKE ?`, fmt.Sprintf("MO-%d-%%", made.Year()))
	if want := model.CaseNo(fmt.Sprintf("RMA-%d-%06d", made.Year(), n+1)); next.CaseNo != want {
		t.Errorf("CreateCase after the demo got %s, want %s", next.CaseNo, want)
	}
	if want := model.MaintenanceNo(fmt.Sprintf("MO-%d-%06d", made.Year(), mo)); next.MaintenanceNo != want {
		t.Errorf("CreateCase after the demo got maintenance number %s, want %s", next.MaintenanceNo, want)
	}
}

// Search finds cases by serial, by a Chinese name and by phone, as the counter types them.
func TestBigDemoSearch(t *testing.T) {
	db, _, r := bigDemo(t)
	var id model.CaseID
	var serial, name, phone string
	var customer model.CustomerID
	if err := r.QueryRow(`SELECT c.id, c.serial, u.name, u.phone, u.id FROM cases c JOIN customers u ON u.id = c.customer_id
		WHERE u.name GLOB '*[一-龥]*' AND u.kind = 'terminal' ORDER BY c.id DESC LIMIT 1`).Scan(&id, &serial, &name, &phone, &customer); err != nil {
		t.Fatal(err)
	}
	found := func(q string) []model.CaseSummary {
		rows, _, err := db.FindCases(ctx, model.CaseFilter{Search: q, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	if rows := found(strings.ToLower(serial)); len(rows) != 1 || rows[0].ID != id {
		t.Errorf("search %s found %v", serial, rows)
	}
	rows := found(name)
	for _, c := range rows {
		if !strings.Contains(c.Customer, name) {
			t.Errorf("search %s found a case of %s", name, c.Customer)
		}
	}
	if len(rows) == 0 {
		t.Errorf("search %s found nothing", name)
	}
	rows = found(phone)
	if want := queryInt(t, r, `SELECT count(*) FROM cases WHERE customer_id = ?`, customer); len(rows) != want {
		t.Errorf("search %s found %d cases, the customer has %d", phone, len(rows), want)
	}
	for _, c := range rows {
		if c.Phone != phone {
			t.Errorf("search %s found a case of %s", phone, c.Phone)
		}
	}
}

// Every case has the history of its life, starting with its intake, and the database is sound.
func TestBigDemoHistoryAndIntegrity(t *testing.T) {
	_, _, r := bigDemo(t)
	if n := queryInt(t, r, `SELECT count(*) FROM cases c WHERE (SELECT action FROM case_history h
		WHERE h.case_id = c.id ORDER BY h.id LIMIT 1) IS NOT 'created'`); n != 0 {
		t.Errorf("%d cases do not start their history with their intake", n)
	}
	if n := queryInt(t, r, `SELECT count(*) FROM cases c WHERE status <> 'received' AND NOT EXISTS (SELECT 1 FROM case_history h
		WHERE h.case_id = c.id AND h.action = 'status' AND h.new_status = c.status)`); n != 0 {
		t.Errorf("%d cases have no history of the move to their status", n)
	}
	if n := queryInt(t, r, `SELECT count(*) FROM cases WHERE (status = 'closed') <> (closed_at IS NOT NULL)`); n != 0 {
		t.Errorf("%d cases have closed_at that does not match their status", n)
	}
	if n := queryInt(t, r, `SELECT count(*) FROM case_history a JOIN case_history b ON b.id = a.id + 1 WHERE b.at < a.at`); n != 0 {
		t.Errorf("%d history entries are older than the one before: id order is not time order", n)
	}
	var ok string
	if err := r.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q (%v)", ok, err)
	}
	rows, err := r.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Error("foreign_key_check reports broken references")
	}
}

// A small demo still shows every tier and every status and makes a claim.
func TestSmallDemoIsRich(t *testing.T) {
	_, sum, path := fill(t, 60, 1)
	r := raw(t, path)
	if sum.Claim == "" {
		t.Error("no claim")
	}
	if n := queryInt(t, r, `SELECT count(DISTINCT status) FROM cases`); n != len(model.Statuses) {
		t.Errorf("%d statuses, want %d", n, len(model.Statuses))
	}
	if n := queryInt(t, r, `SELECT count(DISTINCT tier) FROM cases`); n != 5 {
		t.Errorf("%d tiers, want 5", n)
	}
	if n := queryInt(t, r, `SELECT count(*) FROM cases WHERE reported_date < ?`, model.DateOf(made).AddDays(-2).String()); n != 0 {
		t.Errorf("%d of the small demo's cases are older than three days", n)
	}
}

// digest sums up the rows the queries read from the database at path.
func digest(t testing.TB, path string, queries ...string) string {
	t.Helper()
	r := raw(t, path)
	h := sha256.New()
	for _, q := range queries {
		rows, err := r.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(h, vals...)
		}
		rows.Close()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// The same seed gives the same data; another seed other data.
func TestDemoSeed(t *testing.T) {
	of := func(seed uint64) string {
		_, _, path := fill(t, 300, seed)
		return digest(t, path, `SELECT * FROM customers ORDER BY id`, `SELECT * FROM sales ORDER BY id`,
			`SELECT * FROM cases ORDER BY id`, `SELECT * FROM case_history ORDER BY id`, `SELECT * FROM counters ORDER BY name, year`)
	}
	one := of(1)
	if again := of(1); again != one {
		t.Error("the same seed gave different data")
	}
	if other := of(2); other == one {
		t.Error("another seed gave the same data")
	}
}

// A store without a bulk loader is filled through its own methods with the same data the
// bulk loader writes, but for the times: each step is stamped with the store's clock.
func TestDemoWithoutBulkLoader(t *testing.T) {
	if _, ok := any(plainStore{}).(model.BulkLoader); ok {
		t.Fatal("plainStore offers a bulk loader")
	}
	queries := []string{`SELECT * FROM customers ORDER BY id`, `SELECT * FROM sales ORDER BY id`,
		`SELECT id, case_no, maintenance_no, customer_id, product_id, serial, purchase_date, shipment_date,
			reported_date, fault, cause, tier, remedy, policy_id, policy_version, dealer_carries_cost,
			service_centre_id, status, search_text, search_numbers, closed_at IS NULL FROM cases ORDER BY id`,
		`SELECT * FROM case_search ORDER BY key, case_id`, `SELECT * FROM customer_search ORDER BY key, customer_id`,
		`SELECT case_id, actor, action, field, old_value, new_value, old_status, new_status, note
			FROM case_history ORDER BY id`,
		`SELECT * FROM counters ORDER BY name, year`,
		`SELECT claim_no, manufacturer_id, status, period_from, period_until FROM claims ORDER BY id`,
		`SELECT claim_id, case_id, remedy_asked, unit_price FROM claim_lines ORDER BY id`,
		`SELECT order_no, quantity FROM oem_orders ORDER BY id`}
	_, bulkSum, bulkPath := fill(t, 60, 3)
	db, plainSum, plainPath := fillThrough(t, 60, 3, func(db *sqlite.DB) model.Store { return plainStore{db} })
	if *plainSum != *bulkSum {
		t.Errorf("without the bulk loader: %+v, with it: %+v", plainSum, bulkSum)
	}
	if digest(t, plainPath, queries...) != digest(t, bulkPath, queries...) {
		t.Error("the demo wrote other data through the store's methods than through its bulk loader")
	}
	// The store stamped every step with its own clock.
	r := raw(t, plainPath)
	if n := queryInt(t, r, `SELECT count(*) FROM case_history WHERE at <> (SELECT min(at) FROM case_history)`); n != 0 {
		t.Errorf("%d history entries not stamped with the store's clock", n)
	}
	if _, total, err := db.FindCases(ctx, model.CaseFilter{Limit: 1}); err != nil || total != 60 {
		t.Errorf("FindCases total = %d (%v), want 60", total, err)
	}
}

func TestFillRefusesTooFewSales(t *testing.T) {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = demo.Fill(ctx, db, demo.Options{Cases: 10, Sales: 9, Today: model.DateOf(made)})
	if model.ErrorCode(err) != model.EINVALID {
		t.Errorf("Fill with fewer sales than cases = %v, want EINVALID", err)
	}
}

// BenchmarkDemoFill makes a demo of 10,000 cases (and the default sales records).
func BenchmarkDemoFill(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "demo.db")
		db, err := sqlite.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := demo.Fill(ctx, db, demo.Options{Cases: 10_000, Sales: demo.DefaultSales(10_000), Seed: 1, Today: model.DateOf(time.Now())}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// Every demo maker has policies of its own: no case of one maker quotes another, in its
// verdicts' clauses and warning, on its slip or in the policies applied to it.
func TestEachMakerQuotesOnlyItself(t *testing.T) {
	db, _, path := fill(t, 60, 1)
	makers, err := db.ListManufacturers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{policy.MakerPlaceholder: true}
	for _, m := range makers {
		names[m.Name] = true
	}
	if !names["Halotek"] || !names["EleTrek"] {
		t.Fatalf("the demo makers are %v", names)
	}
	// quotes checks the texts shown for maker m's goods; it reports whether they name m.
	quotes := func(m, what string, texts ...string) bool {
		t.Helper()
		own := false
		for _, text := range texts {
			for name := range names {
				if strings.Contains(text, name) && name != m {
					t.Errorf("%s of %s names %s: %q", what, m, name, text)
				}
			}
			own = own || strings.Contains(text, m)
		}
		return own
	}
	for _, m := range makers {
		terminal, distributor, err := intake.PoliciesFor(ctx, db, &m)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range []*intake.Loaded{terminal, distributor} {
			if l != nil {
				text, _ := json.Marshal(l.Checked.Policy())
				quotes(m.Name, "policy "+string(l.Policy.ID), string(text))
			}
		}
	}
	rows, err := raw(t, path).Query(`SELECT case_no FROM cases ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	named := map[string]bool{}
	for rows.Next() {
		var no string
		if err := rows.Scan(&no); err != nil {
			t.Fatal(err)
		}
		s, err := intake.LoadSlip(ctx, db, no)
		if err != nil {
			t.Fatal(err)
		}
		facts, err := intake.LoadFacts(ctx, db, &s.Case)
		if err != nil {
			t.Fatal(err)
		}
		cv, _, _, err := facts.RecordedVerdict(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		texts := []string{cv.Warning.String()}
		for _, v := range []*policy.Verdict{cv.Customer, cv.Manufacturer, s.Verdict} {
			if v != nil {
				texts = append(texts, v.Clause.En, v.Clause.Zh)
			}
		}
		if quotes(s.Manufacturer.Name, "case "+no, texts...) {
			named[s.Manufacturer.Name] = true
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if !named["Halotek"] || !named["EleTrek"] {
		t.Errorf("makers named by their own cases' verdicts: %v, want both", named)
	}
}
