package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/model/sqlite"
)

// addCase takes in one repair-tier case with the given serial and returns its case and
// maintenance numbers.
type addCase func(serial string) (caseNo, maintenanceNo string, err error)

// repairPurchase is a purchase date that puts a case reported today in the repair tier.
func repairPurchase() time.Time { return time.Now().AddDate(0, 0, -150) }

// cliAddCase is `returndesk case add`, one process per case, as a user runs it next to the app.
func cliAddCase(t *testing.T, db string) addCase {
	purchased := repairPurchase().Format("2006-01-02")
	return func(serial string) (string, string, error) {
		out, stderr, code := runBinary(t, nil, "case", "add", "--db", db, "--serial", serial, "--model", "HT-CAM5",
			"--purchased", purchased, "--customer", "王芳", "--phone", "13912345678", "--fault", "夜视红外不工作", "--json")
		if code != 0 {
			return "", "", fmt.Errorf("case add %s: exit %d: %s", serial, code, strings.TrimSpace(stderr))
		}
		var c struct {
			CaseNo        string `json:"case_no"`
			MaintenanceNo string `json:"maintenance_no"`
		}
		if err := json.Unmarshal([]byte(out), &c); err != nil {
			return "", "", fmt.Errorf("case add %s --json: %v", serial, err)
		}
		return c.CaseNo, c.MaintenanceNo, nil
	}
}

// appAddCase takes in cases the way the app's counter does: one open database, the
// intake plan, then CreateCase.
func appAddCase(t *testing.T, path string) addCase {
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	purchased := model.DateOf(repairPurchase())
	return func(serial string) (string, string, error) {
		// A counter takes a case every few seconds; 15 ms still keeps the in-process writer
		// from finishing its 200 cases before the first command-line process has started,
		// which would leave nothing to interleave.
		time.Sleep(15 * time.Millisecond)
		plan, err := intake.Plan(ctx, db, intake.Request{CustomerName: "Maria Santos", Phone: "+852 6123 4567",
			Model: "HT-CAM5", Serial: model.Serial(serial), Purchased: purchased, On: model.DateOf(time.Now()),
			Fault: "Picture freezes every few minutes"})
		if err != nil {
			return "", "", fmt.Errorf("plan %s: %w", serial, err)
		}
		c, err := db.CreateCase(ctx, plan.NewCase, "counter")
		if err != nil {
			return "", "", fmt.Errorf("create %s: %w", serial, err)
		}
		return string(c.CaseNo), string(c.MaintenanceNo), nil
	}
}

// TestTwoWriters has two writers take in hundreds of repair-tier cases each on one
// database file at the same time: no write fails (no "database is locked"), none is lost,
// and the case and maintenance numbers are handed out once each, without gaps.
func TestTwoWriters(t *testing.T) {
	t.Parallel()
	template := demoTemplate(t, 0)
	for _, tc := range []struct {
		name  string
		perW  int
		start func(t *testing.T, db string) [2]addCase
	}{
		{"two command lines", 200, func(t *testing.T, db string) [2]addCase {
			return [2]addCase{cliAddCase(t, db), cliAddCase(t, db)}
		}},
		{"app and command line", 200, func(t *testing.T, db string) [2]addCase {
			return [2]addCase{appAddCase(t, db), cliAddCase(t, db)}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := filepath.Join(t.TempDir(), "shop.db")
			copyDB(t, template, db)
			writers := tc.start(t, db)
			twoWriters(t, db, writers, tc.perW)
		})
	}
}

// twoWriters runs both writers at once, perW cases each, and checks what they stored.
func twoWriters(t *testing.T, db string, writers [2]addCase, perW int) {
	type made struct{ serial, caseNo, maintenanceNo string }
	var mu sync.Mutex
	var all []made
	var errs []error
	var wg sync.WaitGroup
	for w, add := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perW {
				serial := fmt.Sprintf("TWO-W%d-%04d", w+1, i+1)
				caseNo, mno, err := add(serial)
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				} else {
					all = append(all, made{serial, caseNo, mno})
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if i == 5 {
			t.Errorf("... and %d more failures", len(errs)-5)
			break
		}
		t.Errorf("a write failed: %v", err)
	}

	seen := map[string]string{}
	for _, m := range all {
		for _, no := range []string{m.caseNo, m.maintenanceNo} {
			if other, dup := seen[no]; dup {
				t.Errorf("%s was handed out twice: to %s and %s", no, other, m.serial)
			}
			seen[no] = m.serial
		}
		if m.maintenanceNo == "" {
			t.Errorf("%s (%s) has no maintenance number: the test's cases must be repair tier", m.caseNo, m.serial)
		}
	}
	inspect(t, db, "after two writers", func(sdb *sql.DB) {
		if n := queryInt(t, sdb, "cases", "SELECT count(*) FROM cases"); n != 2*perW {
			t.Errorf("%d cases stored, want %d (%d from each writer)", n, 2*perW, perW)
		}
		for _, m := range all {
			var serial, mno string
			err := sdb.QueryRow(`SELECT serial, maintenance_no FROM cases WHERE case_no = ?`, m.caseNo).Scan(&serial, &mno)
			if err != nil || serial != m.serial || mno != m.maintenanceNo {
				t.Errorf("%s was created for %s with %s; stored: serial %q, maintenance no. %q (%v)",
					m.caseNo, m.serial, m.maintenanceNo, serial, mno, err)
			}
		}
		// The test means something only if the writers' cases interleave.
		order := queryStrings(t, sdb, "order", `SELECT substr(serial, 1, 6) FROM cases ORDER BY case_no`)
		switches := 0
		for i := 1; i < len(order); i++ {
			if order[i] != order[i-1] {
				switches++
			}
		}
		t.Logf("the case numbers switch %d times between the two writers", switches)
		if switches < 2 {
			t.Errorf("the writers did not write at the same time (the numbers switch writer %d times)", switches)
		}
		checkNumbers(t, sdb, "after two writers", "case_no", 2*perW)
		checkNumbers(t, sdb, "after two writers", "maintenance_no", 2*perW)
	})
}
