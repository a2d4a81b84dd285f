package storetest

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"returndesk/intake/demo"
	"returndesk/model"
)

// SearchBench is the search benchmark of one engine: Open gives a new, empty store (closed
// when b ends), and Settle, when not nil, readies a store just filled as a running shop's
// would be (PostgreSQL's VACUUM, which autovacuum would run).
type SearchBench struct {
	Open   func(b *testing.B) model.Store
	Settle func(b *testing.B, db model.Store)
}

// Sizes of the search benchmark's databases: the figures of the big one are compared with
// those of the small one, so that a search that grows with the database shows.
const (
	smallShop = 100_000
	bigShop   = 1_000_000
	pageSize  = 100 // the Cases screen's page
)

// Run types search terms into the Cases screen of a demo database of 100,000 cases (the
// baseline) and of 1,000,000 cases (ours): each iteration runs a set of terms of one kind
// through FindCases as the screen asks for them (its page size, newest first, the total
// included) and reports the 50th and 95th percentile of their latencies; then the names
// and phones into the counter's customer search (FindCustomers, its default page).
func (sb SearchBench) Run(b *testing.B) {
	for _, size := range []struct {
		name  string
		cases int
	}{{"baseline", smallShop}, {"ours", bigShop}} {
		db := sb.Open(b)
		built := time.Now()
		if _, err := demo.Fill(ctx, db, demo.Options{Cases: size.cases, Sales: demo.DefaultSales(size.cases),
			Seed: 7, Today: model.MustDate("2026-03-10")}); err != nil {
			b.Fatal(err)
		}
		if sb.Settle != nil {
			sb.Settle(b, db)
		}
		b.Logf("demo database of %d cases built in %s", size.cases, time.Since(built).Round(time.Millisecond))
		kinds := searchTerms(b, db, size.cases)
		for _, kind := range kinds {
			filters := make([]model.CaseFilter, len(kind.terms))
			for i, t := range kind.terms {
				filters[i] = model.CaseFilter{Search: t, Sort: "case_no", Descending: true, Limit: pageSize}
			}
			b.Run(kind.name+"/"+size.name, func(b *testing.B) {
				latencies(b, len(filters), func(i int) error {
					_, _, err := db.FindCases(ctx, filters[i])
					return err
				})
			})
		}
		// The counter's customer search, for the names and phones the cases were searched by.
		var customers []string
		for _, kind := range kinds[1:] {
			customers = append(customers, kind.terms[:min(len(kind.terms), 7)]...)
		}
		b.Run("customer/"+size.name, func(b *testing.B) {
			latencies(b, len(customers), func(i int) error {
				_, err := db.FindCustomers(ctx, customers[i], 0)
				return err
			})
		})
	}
}

// latencies runs query(0) … query(n-1) on every iteration, timing each, and reports their
// 50th and 95th percentiles in milliseconds. A first round, untimed, reads what the queries
// need from the disk into memory, as a shop's day of searches does: with a dozen rounds in
// the time of a benchmark, that first one would be the p95 alone.
func latencies(b *testing.B, n int, query func(i int) error) {
	for i := range n {
		if err := query(i); err != nil {
			b.Fatalf("query %d: %v", i, err)
		}
	}
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

// searchTerms picks search terms from cases spread over the whole database (every 331st):
// the first characters of a serial, part of a Latin or Chinese customer name, and phone
// digits (the last four, the last eight, or the whole number).
func searchTerms(b testing.TB, db model.Store, cases int) []termKind {
	b.Helper()
	kinds := []termKind{{name: "serial-prefix"}, {name: "name-latin"}, {name: "name-chinese"}, {name: "phone"}}
	const perKind = 20
	add := func(k int, term string) {
		if term != "" && len(kinds[k].terms) < perKind {
			kinds[k].terms = append(kinds[k].terms, term)
		}
	}
	for n, id := 0, 331; id <= cases; n, id = n+1, id+331 {
		c, err := db.CaseByID(ctx, model.CaseID(id))
		if err != nil {
			b.Fatal(err)
		}
		cu, err := db.CustomerByID(ctx, c.CustomerID)
		if err != nil {
			b.Fatal(err)
		}
		serial, name, phone := string(c.Serial), cu.Name, cu.Phone
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
			if first, last, ok := strings.Cut(name, " "); ok && n%2 == 1 {
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

// BareInserts is the baseline of an engine's case creation benchmark: on every iteration,
// the i-th case row stored by insert alone, in a transaction of its own on raw (the engine's
// own connection to a database of the same schema).
func BareInserts(b *testing.B, raw *sql.DB, insert func(tx *sql.Tx, i int, caseNo, serial, now string) error) {
	now := time.Now().UTC().Format(time.RFC3339Nano)
	i := 0
	for b.Loop() {
		tx, err := raw.Begin()
		if err != nil {
			b.Fatal(err)
		}
		if err := insert(tx, i, fmt.Sprintf("RMA-2026-%06d", i+1), fmt.Sprintf("H200-2603%06d", i), now); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
