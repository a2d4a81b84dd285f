package cli

import (
	"archive/zip"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"returndesk/internal/testenv"
	"returndesk/model"
	"returndesk/model/sqlite"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// runAt runs one command in this process on db with the clock stopped at now.
func runAt(t *testing.T, db string, now time.Time, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runWith(t, db, func() time.Time { return now }, args...)
}

// reportShop is a demo shop of 300 cases made on a fixed day, with its claim submitted,
// answered in part and the credit deducted, so that every report has figures.
func reportShop(t *testing.T) (string, time.Time) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "shop.db")
	day := time.Date(2026, 11, 20, 10, 0, 0, 0, time.Local)
	if _, stderr, code := runAt(t, db, day, "demo", "--cases", "300"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	out, stderr, code := runAt(t, db, day, "claim", "show", "CLM-2026-0001", "--json")
	if code != 0 {
		t.Fatalf("claim show: %s", stderr)
	}
	var claim struct {
		Lines []struct {
			CaseNo string `json:"case_no"`
		} `json:"lines"`
	}
	if err := json.Unmarshal([]byte(out), &claim); err != nil || len(claim.Lines) < 2 {
		t.Fatalf("claim show --json = %s (%v)", out, err)
	}
	if _, stderr, code := runAt(t, db, day.AddDate(0, 0, 1), "claim", "submit", "CLM-2026-0001"); code != 0 {
		t.Fatalf("claim submit: %s", stderr)
	}
	// Nine days later the manufacturer accepts the first line in part and rejects the second.
	store, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	store.Now = func() time.Time { return day.AddDate(0, 0, 10) }
	credit := model.Money(1500)
	if _, err := store.AnswerClaimLines(context.Background(), "CLM-2026-0001", []model.ClaimAnswer{
		{CaseNo: model.CaseNo(claim.Lines[0].CaseNo), Decision: model.DecisionPartly, Credit: &credit},
		{CaseNo: model.CaseNo(claim.Lines[1].CaseNo), Decision: model.DecisionRejected, Note: "no fault found"},
	}, "test"); err != nil {
		t.Fatal(err)
	}
	// The OEM order's model came back: every such case since its shipment is a defect of it.
	orders, err := store.ListOEMOrders(context.Background())
	if err != nil || len(orders) == 0 {
		t.Fatalf("OEM orders %v, %v", orders, err)
	}
	cases, _, err := store.FindCases(context.Background(), model.CaseFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var defects []model.CaseID
	for _, c := range cases {
		if c.Model == orders[0].Model && !c.ReportedDate.Before(orders[0].ShipmentDate) {
			defects = append(defects, c.ID)
		}
	}
	if err := store.LinkOEMDefects(context.Background(), orders[0].ID, defects); err != nil || len(defects) == 0 {
		t.Fatalf("linking %d defects: %v", len(defects), err)
	}
	store.Close()
	if _, stderr, code := runAt(t, db, day.AddDate(0, 0, 15), "claim", "deduct", "--manufacturer", "EleTrek", "--pi", "PI-7"); code != 0 {
		t.Fatalf("claim deduct: %s", stderr)
	}
	return db, day.AddDate(0, 0, 20)
}

// TestReportsMatchTheirGoldenTables prints each report of a fixed demo shop and compares it
// with testdata/report-*.golden (go test -run TestReports -update rewrites them).
func TestReportsMatchTheirGoldenTables(t *testing.T) {
	db, now := reportShop(t)
	for _, kind := range []string{"oem", "models", "recovery", "turnaround"} {
		out, stderr, code := runAt(t, db, now, "report", kind)
		if code != 0 {
			t.Fatalf("report %s: exit %d: %s", kind, code, stderr)
		}
		golden := filepath.Join("testdata", "report-"+kind+".golden")
		if *updateGolden {
			if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if out != string(want) {
			t.Errorf("report %s differs from %s:\n%s", kind, golden, out)
		}
		js, _, code := runAt(t, db, now, "report", kind, "--json")
		var v map[string]any
		if code != 0 || json.Unmarshal([]byte(js), &v) != nil {
			t.Errorf("report %s --json: exit %d, %s", kind, code, js)
		}
	}
}

// TestReportWorkbookHasNativeCharts writes each report as a workbook and checks, with the
// file's own parts and with openpyxl, that every sheet has its table and a chart.
func TestReportWorkbookHasNativeCharts(t *testing.T) {
	db, now := reportShop(t)
	py := testenv.Python(t)
	sheetsOf := map[string][]string{"oem": {"OEM orders"}, "models": {"Models", "Months in service", "Trend"}, "recovery": {"Recovery"},
		"turnaround": {"Turnaround", "Waiting longest"}}
	for _, kind := range []string{"oem", "models", "recovery", "turnaround"} {
		out := filepath.Join(t.TempDir(), kind+" 报表.xlsx")
		if _, stderr, code := runAt(t, db, now, "report", kind, "--out", out); code != 0 {
			t.Fatalf("report %s --out: exit %d: %s", kind, code, stderr)
		}
		z, err := zip.OpenReader(out)
		if err != nil {
			t.Fatal(err)
		}
		charts, sheets := 0, 0
		for _, f := range z.File {
			switch {
			case strings.HasPrefix(f.Name, "xl/charts/chart"):
				charts++
			case strings.HasPrefix(f.Name, "xl/worksheets/sheet"):
				sheets++
			}
		}
		z.Close()
		if charts == 0 || charts > sheets {
			t.Errorf("%s: %d charts in %d sheets", kind, charts, sheets)
		}
		script := `import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print(ws.title, ws.max_row, ws["A3"].value, "|", ws["A2"].value)`
		got, err := exec.Command(py, "-c", script, out).CombinedOutput()
		if err != nil || strings.Contains(string(got), "None") || strings.Count(string(got), "\n") != len(sheetsOf[kind]) {
			t.Errorf("openpyxl on %s: %v\n%s", kind, err, got)
		}
		// Each sheet says what its figures cover: the period, or the day.
		covers := "| Period: the first case – today (as of " + now.Format("2006-01-02") + ")"
		if kind == "oem" {
			covers = "| As of " + now.Format("2006-01-02")
		}
		if strings.Count(string(got), covers) != len(sheetsOf[kind]) {
			t.Errorf("%s: the sheets do not say %q:\n%s", kind, covers, got)
		}
	}
	// A workbook never goes over the database.
	if _, _, code := runAt(t, db, now, "report", "models", "--out", db); code != 2 {
		t.Errorf("report --out the database: exit %d, want 2", code)
	}
}

func TestReportBadInput(t *testing.T) {
	db, now := reportShop(t)
	for _, args := range [][]string{
		{"report"}, {"report", "profits"}, {"report", "models", "--from", "2026-13-01"},
		{"report", "models", "--from", "2026-10-01", "--until", "2026-09-01"},
		{"report", "models", "--out", "x.pdf"},
	} {
		stdout, stderr, code := runAt(t, db, now, args...)
		if code != 2 || stdout != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}
