package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pythonWithOpenpyxl finds a Python 3 that can import openpyxl.
func pythonWithOpenpyxl(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import openpyxl").Run() == nil {
			return path
		}
	}
	t.Fatal("no python3 with openpyxl: install python3-openpyxl (make deps-test does)")
	return ""
}

type claimShown struct {
	ClaimNo      string `json:"claim_no"`
	Manufacturer string `json:"manufacturer"`
	Status       string `json:"status"`
	Lines        []struct {
		CaseNo   string  `json:"case_no"`
		Decision string  `json:"decision"`
		Credit   float64 `json:"credit"`
		Amount   float64 `json:"amount"`
		Note     string  `json:"note"`
	} `json:"lines"`
}

func showClaim(t *testing.T, db, no string) claimShown {
	t.Helper()
	out, stderr, code := runBinary(t, nil, "claim", "show", no, "--db", db, "--json")
	if code != 0 {
		t.Fatalf("claim show: exit %d: %s", code, stderr)
	}
	var c claimShown
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("claim show --json: %v\n%s", err, out)
	}
	return c
}

// The "done when": demo, claim create, export, Decision cells changed with
// openpyxl, import: the claim is answered with those decisions and the balance grows.
func TestClaimCreateExportAnswerImport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if _, stderr, code := runBinary(t, nil, "demo", "--db", db, "--cases", "60"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	out, stderr, code := runBinary(t, nil, "claim", "create", "--manufacturer", "eletrek", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("claim create: exit %d: %s", code, stderr)
	}
	var created struct {
		ClaimNo    string   `json:"claim_no"`
		Lines      []string `json:"lines"`
		DealerCost []struct {
			CaseNo, Reason string
		} `json:"dealer_cost"`
	}
	if err := json.Unmarshal([]byte(out), &created); err != nil || created.ClaimNo == "" || len(created.Lines) < 3 {
		t.Fatalf("claim create --json = %s (%v)", out, err)
	}
	// Nothing is owed twice.
	_, stderr, code = runBinary(t, nil, "claim", "create", "--manufacturer", "EleTrek", "--db", db)
	if code != 2 || !strings.Contains(stderr, "owes nothing") {
		t.Errorf("second claim create: exit %d, %q", code, stderr)
	}
	shown := showClaim(t, db, created.ClaimNo)
	if shown.Status != "draft" || shown.Manufacturer != "EleTrek" || len(shown.Lines) != len(created.Lines) {
		t.Fatalf("claim show = %+v", shown)
	}
	for i, l := range shown.Lines {
		if l.CaseNo != created.Lines[i] || l.Decision != "" || l.Credit != 0 {
			t.Errorf("line %d = %+v", i, l)
		}
	}

	sheet := filepath.Join(t.TempDir(), "claim.xlsx")
	out, stderr, code = runBinary(t, nil, "claim", "export", created.ClaimNo, "--out", sheet, "--db", db)
	if code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("claim export: exit %d, %q, %q", code, out, stderr)
	}
	answered := filepath.Join(t.TempDir(), "answered.xlsx")
	script := `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Claim"]
ws["R11"] = "Accepted"
ws["R12"] = "Rejected"; ws["T12"] = "no fault found"
ws["R13"] = "Partly"; ws["S13"] = 5
wb.save(sys.argv[2])
`
	if b, err := exec.Command(pythonWithOpenpyxl(t), "-c", script, sheet, answered).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, b)
	}
	// A sheet with a credit that is not an amount is refused whole: nothing is recorded.
	typo := filepath.Join(t.TempDir(), "typo.xlsx")
	script2 := script + `
wb = openpyxl.load_workbook(sys.argv[2])
wb["Claim"]["S11"] = "five"
wb.save(sys.argv[3])
`
	if b, err := exec.Command(pythonWithOpenpyxl(t), "-c", script2, sheet, answered, typo).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, b)
	}
	out, stderr, code = runBinary(t, nil, "claim", "import", typo, "--db", db)
	if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "nothing was imported") ||
		!strings.Contains(stderr, "row 11") {
		t.Fatalf("import of a sheet with a typo: exit %d, %q, %q", code, out, stderr)
	}
	if shown := showClaim(t, db, created.ClaimNo); shown.Status != "draft" && shown.Status != "submitted" || shown.Lines[1].Decision != "" {
		t.Fatalf("a refused sheet changed the claim: %+v", shown)
	}
	out, stderr, code = runBinary(t, nil, "claim", "import", answered, "--db", db)
	if code != 0 || !strings.Contains(out, "is Answered") || !strings.Contains(out, "3 changed") {
		t.Fatalf("claim import: exit %d, %q, %q", code, out, stderr)
	}
	shown = showClaim(t, db, created.ClaimNo)
	l := shown.Lines
	if shown.Status != "answered" || l[0].Decision != "accepted" || l[0].Credit != l[0].Amount || l[1].Decision != "rejected" ||
		l[1].Note != "no fault found" || l[2].Decision != "partly" || l[2].Credit != 5 || l[3].Decision != "" {
		t.Fatalf("after import: %+v", shown)
	}
	balance := func() float64 {
		out, stderr, code := runBinary(t, nil, "claim", "balance", "--db", db, "--json")
		if code != 0 {
			t.Fatalf("claim balance: exit %d: %s", code, stderr)
		}
		var b struct {
			Balances []struct {
				Manufacturer string  `json:"manufacturer"`
				Owed         float64 `json:"owed"`
				Credit       float64 `json:"credit"`
			} `json:"balances"`
		}
		if err := json.Unmarshal([]byte(out), &b); err != nil || len(b.Balances) != 1 || b.Balances[0].Manufacturer != "EleTrek" {
			t.Fatalf("claim balance = %s (%v)", out, err)
		}
		return b.Balances[0].Credit
	}
	want := l[0].Amount + 5
	if got := balance(); got < want-0.001 || got > want+0.001 {
		t.Errorf("credit balance = %v, want %v", got, want)
	}

	// The same file again changes nothing.
	out, _, code = runBinary(t, nil, "claim", "import", answered, "--db", db, "--json")
	var rep struct {
		Changed   int `json:"changed"`
		Unchanged int `json:"unchanged"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.Changed != 0 || rep.Unchanged != 3 {
		t.Errorf("re-import: exit %d, %s", code, out)
	}
	if got := balance(); got < want-0.001 || got > want+0.001 {
		t.Errorf("re-import changed the balance to %v", got)
	}

	// The rejected case is back on the shop's list, with the reason.
	out, _, _ = runBinary(t, nil, "case", "show", l[1].CaseNo, "--db", db, "--json")
	var cs map[string]any
	if json.Unmarshal([]byte(out), &cs) != nil || cs["dealer_carries_cost"] != true || !strings.Contains(out, "no fault found") {
		t.Errorf("rejected case = %s", out)
	}

	// Deducted on the next PI, then settled.
	out, stderr, code = runBinary(t, nil, "claim", "deduct", "--manufacturer", "EleTrek", "--pi", "PI-2026-031", "--db", db)
	if code != 0 || !strings.Contains(out, "PI-2026-031") {
		t.Errorf("claim deduct: exit %d, %q, %q", code, out, stderr)
	}
	if got := balance(); got != 0 {
		t.Errorf("credit after deduction = %v", got)
	}
	if _, stderr, code = runBinary(t, nil, "claim", "settle", created.ClaimNo, "--db", db); code != 0 {
		t.Errorf("claim settle: exit %d: %s", code, stderr)
	}
	_, stderr, code = runBinary(t, nil, "claim", "import", answered, "--db", db)
	if code != 2 || !strings.Contains(stderr, "settled") {
		t.Errorf("import into a settled claim: exit %d, %q", code, stderr)
	}
}

func TestClaimCommandsRefuseBadInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if _, stderr, code := runBinary(t, nil, "demo", "--db", db, "--cases", "12"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	notSheet := filepath.Join(t.TempDir(), "notes.xlsx")
	if err := os.WriteFile(notSheet, []byte("not a workbook"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"claim"},
		{"claim", "frobnicate"},
		{"claim", "create"},
		{"claim", "create", "--manufacturer", "Nobody"},
		{"claim", "create", "--manufacturer", "EleTrek", "--until", "2026-02-30"},
		{"claim", "export", "CLM-2026-0001"},
		{"claim", "export", "CLM-2026-0001", "--out", "claim.pdf"},
		{"claim", "export", "CLM-2099-0001", "--out", filepath.Join(t.TempDir(), "x.xlsx")},
		{"claim", "show", "CLM-2099-0001"},
		{"claim", "import", notSheet},
		{"claim", "import", filepath.Join(t.TempDir(), "missing.xlsx")},
		{"claim", "settle", "CLM-2026-0001"}, // a draft is not answered yet
	} {
		_, stderr, code := runBinary(t, nil, append(args, "--db", db)...)
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}
