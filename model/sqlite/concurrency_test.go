package sqlite_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"

	"returndesk/internal/testenv"
	"returndesk/model"
	"returndesk/model/sqlite"
)

// checkContiguous asserts that the year's case numbers are exactly 1..n.
func checkContiguous(t *testing.T, db *sqlite.DB, n int) {
	t.Helper()
	list, total, err := db.FindCases(ctx, model.CaseFilter{Limit: 1000})
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

// Two DBs on one file behave like two ReturnDesk processes: BEGIN IMMEDIATE plus the
// busy timeout must serialise them without "database is locked" and without duplicate
// numbers.
func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	clk := &clock{t: start}
	a.Now, b.Now = clk.Now, clk.Now
	f := seed(t, a)

	const perDB, workers = 200, 4
	var wg sync.WaitGroup
	errs := make(chan error, 2*perDB)
	for d, db := range []*sqlite.DB{a, b} {
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < perDB/workers; i++ {
					nc := f.newCase(fmt.Sprintf("DB%d-W%d-%d", d, w, i))
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
	checkContiguous(t, a, 2*perDB)
}

// TestSecondProcess runs a real second process (this test binary) writing to the same
// file while this one writes too.
func TestSecondProcess(t *testing.T) {
	testenv.Slow(t, "a second process writing the same file")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "shared.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	clk := &clock{t: start}
	db.Now = clk.Now
	f := seed(t, db)

	const n = 100
	cmd := exec.Command(exe, "-test.run=^TestHelperWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), "RETURNDESK_HELPER_DB="+path,
		"RETURNDESK_HELPER_N="+strconv.Itoa(n),
		"RETURNDESK_HELPER_CUSTOMER="+strconv.FormatInt(int64(f.zhang.ID), 10),
		"RETURNDESK_HELPER_PRODUCT="+strconv.FormatInt(int64(f.phone.ID), 10))
	out := make(chan []byte, 1)
	go func() {
		b, err := cmd.CombinedOutput()
		if err != nil {
			b = append(b, []byte("\nexit: "+err.Error())...)
		}
		out <- b
	}()
	for i := 0; i < n; i++ {
		if _, err := db.CreateCase(ctx, f.newCase(fmt.Sprintf("P1-%d", i)), "parent"); err != nil {
			t.Error(err)
		}
	}
	if b := <-out; cmd.ProcessState == nil || !cmd.ProcessState.Success() {
		t.Fatalf("helper process failed:\n%s", b)
	}
	checkContiguous(t, db, 2*n)
}

// TestHelperWriter is the second process of TestSecondProcess; it does nothing otherwise.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv("RETURNDESK_HELPER_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	n, _ := strconv.Atoi(os.Getenv("RETURNDESK_HELPER_N"))
	cust, _ := strconv.ParseInt(os.Getenv("RETURNDESK_HELPER_CUSTOMER"), 10, 64)
	prod, _ := strconv.ParseInt(os.Getenv("RETURNDESK_HELPER_PRODUCT"), 10, 64)
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = (&clock{t: start}).Now
	for i := 0; i < n; i++ {
		_, err := db.CreateCase(ctx, model.NewCase{Case: model.Case{
			CustomerID: model.CustomerID(cust), ProductID: model.ProductID(prod),
			Serial: model.Serial(fmt.Sprintf("P2-%d", i)), ReportedDate: model.MustDate("2026-03-10"),
			Fault: "no power"}}, "child")
		if err != nil {
			t.Fatal(err)
		}
	}
}
