package sqlite_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"returndesk/intake/demo"
	"returndesk/model"
	"returndesk/model/sqlite"
)

// benchCatalog stores what a case at the counter refers to: a maker with a service
// centre, a product and a customer.
func benchCatalog(b *testing.B, db *sqlite.DB) (model.CustomerID, model.ProductID) {
	b.Helper()
	maker := model.Manufacturer{Name: "Halotek"}
	if err := db.CreateManufacturer(ctx, &maker); err != nil {
		b.Fatal(err)
	}
	centre := model.ServiceCentre{ManufacturerID: maker.ID, Name: "Halotek Service Centre Futian", Region: "Guangdong"}
	if err := db.CreateServiceCentre(ctx, &centre); err != nil {
		b.Fatal(err)
	}
	product := model.Product{ManufacturerID: maker.ID, Model: "HT-H200", Name: "Bluetooth headset H200", UnitPrice: 3900}
	if err := db.CreateProduct(ctx, &product); err != nil {
		b.Fatal(err)
	}
	customer := model.Customer{Name: "张伟", Phone: "13800138001", Region: "Guangdong"}
	if err := db.CreateCustomer(ctx, &customer); err != nil {
		b.Fatal(err)
	}
	return customer.ID, product.ID
}

// BenchmarkCreateCase stores a case as the counter does (case number, maintenance number
// and service centre for the repair tier, the row, its history, read back, one
// transaction, synchronous=FULL), against a bare INSERT of such a row in a transaction of
// its own on the same kind of file.
func BenchmarkCreateCase(b *testing.B) {
	tiers := []model.Tier{model.TierRefund, model.TierReplace, model.TierRepair}
	b.Run("ours", func(b *testing.B) {
		db, err := sqlite.Open(filepath.Join(b.TempDir(), "returndesk.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		customer, product := benchCatalog(b, db)
		i := 0
		for b.Loop() {
			nc := model.NewCase{Case: model.Case{CustomerID: customer, ProductID: product,
				Serial: model.Serial(fmt.Sprintf("H200-2603%06d", i)), PurchaseDate: model.MustDate("2026-03-01"),
				ReportedDate: model.MustDate("2026-03-10"), Fault: "右耳无声音，左耳正常", FaultCategory: "Audio",
				Tier: tiers[i%len(tiers)], PolicyID: "halotek-terminal", PolicyVersion: 1}}
			if _, err := db.CreateCase(ctx, nc, "counter"); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("baseline", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "returndesk.db")
		db, err := sqlite.Open(path) // the same schema and file, then put aside
		if err != nil {
			b.Fatal(err)
		}
		customer, product := benchCatalog(b, db)
		db.Close()
		raw, err := sql.Open("sqlite3", sqlite.WriterDSN(path))
		if err != nil {
			b.Fatal(err)
		}
		defer raw.Close()
		raw.SetMaxOpenConns(1)
		now := time.Now().UTC().Format(time.RFC3339Nano)
		i := 0
		for b.Loop() {
			caseNo := fmt.Sprintf("RMA-2026-%06d", i+1)
			serial := fmt.Sprintf("H200-2603%06d", i)
			tx, err := raw.Begin()
			if err != nil {
				b.Fatal(err)
			}
			_, err = tx.Exec(`INSERT INTO cases (case_no, customer_id, product_id, serial, purchase_date,
				reported_date, fault, fault_category, tier, policy_id, policy_version, status, search_text,
				created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				caseNo, customer, product, serial, "2026-03-01", "2026-03-10", "右耳无声音，左耳正常", "Audio",
				tiers[i%len(tiers)], "halotek-terminal", 1, model.StatusReceived,
				caseNo+"\x1f\x1f"+serial+"\x1f张伟\x1f13800138001", now, now)
			if err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

// searchCases is the size of the database the search benchmark runs on, pageSize the
// rows per page of the Cases screen.
const (
	searchCases = 100_000
	pageSize    = 100
)

// BenchmarkSearch types search terms into the Cases screen of a database of 100,000
// cases: each iteration runs a set of terms of one kind through FindCases, as the screen
// asks for them (its page size, newest first, the number of matches included), and
// reports the 50th and 95th percentile of their latencies. The baseline runs the very same
// SQL with the same arguments straight through database/sql.
func BenchmarkSearch(b *testing.B) {
	// Built once: the sub-benchmarks share it, and the folder goes when this one ends.
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "returndesk.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	built := time.Now()
	if _, err := demo.Fill(ctx, db, demo.Options{Cases: searchCases, Sales: demo.DefaultSales(searchCases),
		Seed: 7, Today: model.MustDate("2026-03-10")}); err != nil {
		b.Fatal(err)
	}
	b.Logf("demo database of %d cases built in %s", searchCases, time.Since(built).Round(time.Millisecond))
	raw, err := sql.Open("sqlite3", sqlite.ReaderDSN(db.Path()))
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()

	for _, kind := range searchTerms(b, raw) {
		filters := make([]model.CaseFilter, len(kind.terms))
		for i, t := range kind.terms {
			filters[i] = model.CaseFilter{Search: t, Sort: "case_no", Descending: true, Limit: pageSize}
		}
		b.Run(kind.name+"/ours", func(b *testing.B) {
			latencies(b, len(filters), func(i int) error {
				_, _, err := db.FindCases(ctx, filters[i])
				return err
			})
		})
	}
}

// latencies runs query(0) … query(n-1) on every iteration, timing each, and reports their
// 50th and 95th percentiles in milliseconds.
func latencies(b *testing.B, n int, query func(i int) error) {
	var took []time.Duration
	for b.Loop() {
		for i := range n {
			start := time.Now()
			if err := query(i); err != nil {
				b.Fatalf("query %d: %v", i, err)
			}
			took = append(took, time.Since(start))
		}
	}
	slices.Sort(took)
	for _, p := range []int{50, 95} {
		d := took[(len(took)-1)*p/100]
		b.ReportMetric(float64(d)/float64(time.Millisecond), fmt.Sprintf("p%d-ms", p))
	}
}

// termKind is a kind of search typed at the counter, with terms taken from the data.
type termKind struct {
	name  string
	terms []string
}

// searchTerms picks search terms from cases spread over the whole database: the first
// characters of a serial, part of a Latin or Chinese customer name, and phone digits
// (the last four, the last eight, or the whole number).
func searchTerms(b *testing.B, raw *sql.DB) []termKind {
	b.Helper()
	rows, err := raw.Query(`SELECT c.serial, cu.name, cu.phone FROM cases c JOIN customers cu ON cu.id = c.customer_id
		WHERE c.id % 331 = 0 ORDER BY c.id`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	kinds := []termKind{{name: "serial-prefix"}, {name: "name-latin"}, {name: "name-chinese"}, {name: "phone"}}
	const perKind = 20
	for n := 0; rows.Next(); n++ {
		var serial, name, phone string
		if err := rows.Scan(&serial, &name, &phone); err != nil {
			b.Fatal(err)
		}
		add := func(k int, term string) {
			if term != "" && len(kinds[k].terms) < perKind {
				kinds[k].terms = append(kinds[k].terms, term)
			}
		}
		// The model part of the serial and its first two to six digits.
		add(0, prefix(serial, strings.LastIndexByte(serial, '-')+3+n%5))
		if r, _ := utf8.DecodeRuneInString(name); unicode.Is(unicode.Han, r) {
			// The whole name, or two characters of a longer one: the given name, or the
			// surname and the first given character.
			runes := []rune(name)
			switch {
			case n%3 == 1 && len(runes) > 2:
				add(2, string(runes[len(runes)-2:]))
			case n%3 == 2 && len(runes) > 2:
				add(2, string(runes[:2]))
			default:
				add(2, name)
			}
		} else if r < utf8.RuneSelf {
			// Part of the first or the last name, as typed: four to six letters.
			word := name
			if first, last, ok := cutSpace(name); ok && n%2 == 1 {
				word = last
			} else if ok {
				word = first
			}
			add(1, prefix(word, 4+n%3))
		}
		// The last four digits, the last eight, or the whole number.
		switch n % 3 {
		case 0:
			add(3, phone[max(len(phone)-4, 0):])
		case 1:
			add(3, phone[max(len(phone)-8, 0):])
		default:
			add(3, phone)
		}
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	for _, k := range kinds {
		if len(k.terms) < perKind/2 {
			b.Fatalf("only %d %s terms in the data", len(k.terms), k.name)
		}
	}
	return kinds
}

func prefix(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

func cutSpace(s string) (string, string, bool) {
	for i, r := range s {
		if r == ' ' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
