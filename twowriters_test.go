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
			manyWriters(t, fileLooker(db), writers[:], tc.perW)
		})
	}
}

// manyWriters runs the writers at once, perW cases each, and checks what they stored in
// the database that look opens.
func manyWriters(t *testing.T, look looker, writers []addCase, perW int) {
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
	n := len(writers) * perW
	look(t, "after the writers", func(sdb *sql.DB) {
		if got := queryInt(t, sdb, "cases", "SELECT count(*) FROM cases"); got != n {
			t.Errorf("%d cases stored, want %d (%d from each writer)", got, n, perW)
		}
		stored := map[string][2]string{} // case no. → serial, maintenance no.
		rows, err := sdb.Query(`SELECT case_no, serial, maintenance_no FROM cases`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var no, serial, mno string
			if err := rows.Scan(&no, &serial, &mno); err != nil {
				t.Fatal(err)
			}
			stored[no] = [2]string{serial, mno}
		}
		rows.Close()
		for _, m := range all {
			if s := stored[m.caseNo]; s != [2]string{m.serial, m.maintenanceNo} {
				t.Errorf("%s was created for %s with %s; stored: serial %q, maintenance no. %q",
					m.caseNo, m.serial, m.maintenanceNo, s[0], s[1])
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
		t.Logf("the case numbers switch %d times between the writers", switches)
		if switches < 2 {
			t.Errorf("the writers did not write at the same time (the numbers switch writer %d times)", switches)
		}
		checkNumbers(t, sdb, "after the writers", "case_no", n)
		checkNumbers(t, sdb, "after the writers", "maintenance_no", n)
	})
}
