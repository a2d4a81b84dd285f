package storetest

import (
	"fmt"
	"sort"
	"sync"
	"testing"

	"returndesk/model"
)

// Two stores on one database behave like two counters: their writers, each with readers
// alongside, are serialised by the engine without an error ("database is locked") and
// without a duplicate or a gap in the case and maintenance numbers.
func testConcurrentWriters(t *testing.T, s suite) {
	a, clk := s.openTest(t)
	b := hooks(t, a).Reopen(t)
	hooks(t, b).SetClock(clk.Now)
	f := Seed(t, a)

	const perDB, workers = 200, 4
	var wg sync.WaitGroup
	errs := make(chan error, 2*perDB)
	for d, db := range []model.Store{a, b} {
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < perDB/workers; i++ {
					nc := f.NewCase(fmt.Sprintf("DB%d-W%d-%d", d, w, i))
					if i%5 == 0 {
						nc.Case.Tier = model.TierRepair
					}
					if _, err := db.CreateCase(ctx, nc, "worker"); err != nil {
						errs <- err
					}
					// Readers run alongside the writers.
					if _, _, err := db.FindCases(ctx, model.CaseFilter{Search: "db", Limit: 5}); err != nil {
						errs <- err
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	CheckContiguous(t, a, 2*perDB)
	// Every fifth case of each worker is a repair: 2 stores × 4 workers × 10 maintenance numbers.
	list, _, err := b.FindCases(ctx, model.CaseFilter{Tier: model.TierRepair, Limit: model.MaxCaseLimit})
	if err != nil {
		t.Fatal(err)
	}
	var mos []string
	for _, c := range list {
		mos = append(mos, string(c.MaintenanceNo))
	}
	sort.Strings(mos)
	if len(mos) != 2*perDB/5 {
		t.Fatalf("%d repair cases, want %d", len(mos), 2*perDB/5)
	}
	for i, no := range mos {
		if want := fmt.Sprintf("MO-2026-%06d", i+1); no != want {
			t.Fatalf("maintenance numbers not contiguous: position %d is %s, want %s", i, no, want)
		}
	}
}
