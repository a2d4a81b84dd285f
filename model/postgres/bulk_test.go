package postgres_test

import (
	"context"
	"testing"
	"time"

	"returndesk/intake/demo"
	"returndesk/internal/pgtest"
	"returndesk/model"
)

// TestBulkOnServerWritesWhatSQLiteDoes: the demo loaded through the server's bulk loader
// is the demo SQLite's loader writes, searchable the same way.
func TestBulkOnServerWritesWhatSQLiteDoes(t *testing.T) {
	ctx := context.Background()
	made := time.Date(2026, 11, 20, 17, 0, 0, 0, time.Local)
	opt := demo.Options{Cases: 80, Sales: 160, Seed: 5, Today: model.DateOf(made), Now: made}
	pg := openAt(t, pgtest.Shared(t).Database(t))
	if _, ok := model.Store(pg).(model.BulkLoader); !ok {
		t.Fatal("the PostgreSQL store has no bulk loader")
	}
	pg.Now = func() time.Time { return made }
	if _, err := demo.Fill(ctx, pg, opt); err != nil {
		t.Fatal(err)
	}
	lite := newFile(t)
	lite.Now = pg.Now
	if _, err := demo.Fill(ctx, lite, opt); err != nil {
		t.Fatal(err)
	}
	if content(t, pg) != content(t, lite) {
		t.Error("the server's bulk load differs from SQLite's")
	}
	some, _, err := lite.FindCases(ctx, model.CaseFilter{Limit: 5})
	if err != nil || len(some) == 0 {
		t.Fatal(some, err)
	}
	for _, c := range some {
		for _, term := range []string{string(c.Serial), c.Customer, c.Phone, string(c.CaseNo)} {
			a, na, _ := lite.FindCases(ctx, model.CaseFilter{Search: term, Limit: 1000})
			b, nb, err := pg.FindCases(ctx, model.CaseFilter{Search: term, Limit: 1000})
			if err != nil || na != nb || len(a) != len(b) || len(b) == 0 {
				t.Errorf("search %q: SQLite %d (total %d), PostgreSQL %d (total %d, %v)", term, len(a), na, len(b), nb, err)
			}
		}
	}
}

// TestBulkOnServerThenCounter: after a bulk load the counter's own writes go on with the
// next ids and numbers.
func TestBulkOnServerThenCounter(t *testing.T) {
	ctx := context.Background()
	made := time.Date(2026, 11, 20, 17, 0, 0, 0, time.Local)
	pg := openAt(t, pgtest.Shared(t).Database(t))
	if _, err := demo.Fill(ctx, pg, demo.Options{Cases: 20, Sales: 40, Seed: 2, Today: model.DateOf(made), Now: made}); err != nil {
		t.Fatal(err)
	}
	list, _, err := pg.FindCases(ctx, model.CaseFilter{Limit: 1, Descending: true})
	if err != nil || len(list) != 1 {
		t.Fatal(list, err)
	}
	last, err := pg.CaseByID(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	nc := model.NewCase{Case: *last, Customer: &model.Customer{Name: "新客户", Phone: "13911112222"}}
	nc.Case.ID, nc.Case.CustomerID, nc.Case.Serial = 0, 0, "AFTER-BULK-1"
	c, err := pg.CreateCase(ctx, nc, "counter")
	if err != nil {
		t.Fatalf("a case after the bulk load: %v", err)
	}
	if c.ID <= last.ID {
		t.Errorf("case id %d after the load's last %d", c.ID, last.ID)
	}
	if found, _, _ := pg.FindCases(ctx, model.CaseFilter{Search: "新客"}); len(found) != 1 || found[0].ID != c.ID {
		t.Errorf("the new customer's case: %v", found)
	}
}
