package cli

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"returndesk/internal/factorytest"
	"returndesk/internal/testenv"
	"returndesk/model"
)

// pythonWithOpenpyxl finds a Python 3 that can import openpyxl.
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
	var c claimShown
	runJSONInto(t, nil, &c, "claim", "show", no, "--db", db, "--json")
	return c
}

// claimCreated is what `claim create --json` prints.
type claimCreated struct {
	ClaimNo    string   `json:"claim_no"`
	Lines      []string `json:"lines"`
	DealerCost []struct {
		CaseNo, Reason string
	} `json:"dealer_cost"`
}

// createEleTrekClaim makes a claim to EleTrek in a demo database: one of at least three lines.
func createEleTrekClaim(t *testing.T, db string) claimCreated {
	t.Helper()
	var created claimCreated
	runJSONInto(t, nil, &created, "claim", "create", "--manufacturer", "eletrek", "--db", db, "--json")
	if created.ClaimNo == "" || len(created.Lines) < 3 {
		t.Fatalf("claim create --json = %+v", created)
	}
	return created
}

// The "done when": demo, claim create, export, Decision cells changed with
// openpyxl, import: the claim is answered with those decisions and the balance grows.
func TestClaimCreateExportAnswerImport(t *testing.T) {
	db := demoDB(t, 60)
	created := createEleTrekClaim(t, db)
	// Nothing is owed twice.
	_, stderr, code := runEnv(t, nil, "claim", "create", "--manufacturer", "EleTrek", "--db", db)
	if code != 2 || !strings.Contains(stderr, "owes nothing") {
		t.Errorf("second claim create: exit %d, %q", code, stderr)
	}
	shown := showClaim(t, db, created.ClaimNo)
	if shown.Status != "draft" || shown.Manufacturer != "EleTrek" || len(shown.Lines) != len(created.Lines) {
		t.Fatalf("claim show = %+v", shown)
	}
	var list struct {
		Claims []struct {
			ClaimNo string `json:"claim_no"`
		} `json:"claims"`
	}
	runJSONInto(t, nil, &list, "claim", "list", "--db", db, "--json")
	// The demo's own claim and this one.
	if len(list.Claims) != 2 || list.Claims[0].ClaimNo != created.ClaimNo && list.Claims[1].ClaimNo != created.ClaimNo {
		t.Errorf("claim list --json = %+v", list)
	}
	for _, cmd := range [][]string{{"claim", "list", "--db", db}, {"claim", "balance", "--db", db}} {
		out, stderr, code := runEnv(t, nil, cmd...)
		if code != 0 || !strings.HasPrefix(out, map[string]string{"list": "CLAIM", "balance": "MANUFACTURER"}[cmd[1]]) ||
			cmd[1] == "list" && !strings.Contains(out, created.ClaimNo) {
			t.Errorf("%v: exit %d, %q, %q", cmd, code, out, stderr)
		}
	}
	for i, l := range shown.Lines {
		if l.CaseNo != created.Lines[i] || l.Decision != "" || l.Credit != 0 {
			t.Errorf("line %d = %+v", i, l)
		}
	}

	sheet := filepath.Join(t.TempDir(), "claim.xlsx")
	out, stderr, code := runEnv(t, nil, "claim", "export", created.ClaimNo, "--out", sheet, "--db", db)
	// The demo shop has no details in Settings: the sheet is written, with one line of warning.
	if code != 0 || !strings.Contains(out, "wrote") || stderr != "warning: Not filled in under Settings (Shop and printing): "+
		"the shop name, the address, the phone number, the contact and the currency.\n" {
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
	if b, err := exec.Command(testenv.Python(t), "-c", script, sheet, answered).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, b)
	}
	// A sheet with a credit that is not an amount is refused whole: nothing is recorded.
	typo := filepath.Join(t.TempDir(), "typo.xlsx")
	script2 := script + `
wb = openpyxl.load_workbook(sys.argv[2])
wb["Claim"]["S11"] = "five"
wb.save(sys.argv[3])
`
	if b, err := exec.Command(testenv.Python(t), "-c", script2, sheet, answered, typo).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, b)
	}
	out, stderr, code = runEnv(t, nil, "claim", "import", typo, "--db", db)
	if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "nothing was imported") ||
		!strings.Contains(stderr, "row 11") {
		t.Fatalf("import of a sheet with a typo: exit %d, %q, %q", code, out, stderr)
	}
	if shown := showClaim(t, db, created.ClaimNo); shown.Status != "draft" && shown.Status != "submitted" || shown.Lines[1].Decision != "" {
		t.Fatalf("a refused sheet changed the claim: %+v", shown)
	}
	out, stderr, code = runEnv(t, nil, "claim", "import", answered, "--db", db)
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
		var b struct {
			Balances []struct {
				Manufacturer string  `json:"manufacturer"`
				Owed         float64 `json:"owed"`
				Credit       float64 `json:"credit"`
			} `json:"balances"`
		}
		runJSONInto(t, nil, &b, "claim", "balance", "--db", db, "--json")
		if len(b.Balances) != 1 || b.Balances[0].Manufacturer != "EleTrek" {
			t.Fatalf("claim balance = %+v", b)
		}
		return b.Balances[0].Credit
	}
	want := l[0].Amount + 5
	if got := balance(); got < want-0.001 || got > want+0.001 {
		t.Errorf("credit balance = %v, want %v", got, want)
	}

	// The same file again changes nothing.
	out, _, code = runEnv(t, nil, "claim", "import", answered, "--db", db, "--json")
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
	out, _, _ = runEnv(t, nil, "case", "show", l[1].CaseNo, "--db", db, "--json")
	var cs map[string]any
	if json.Unmarshal([]byte(out), &cs) != nil || cs["dealer_carries_cost"] != true || !strings.Contains(out, "no fault found") {
		t.Errorf("rejected case = %s", out)
	}

	// Deducted on the next PI (the factory lists the claim), then settled; a claim that owes
	// nothing is refused, and nothing is marked.
	_, stderr, code = runEnv(t, nil, "claim", "deduct", "--manufacturer", "EleTrek", "--pi", "PI-2026-031",
		"--claims", created.ClaimNo+",CLM-2099-0001", "--db", db)
	if code != 2 || !strings.Contains(stderr, "CLM-2099-0001") || balance() != want {
		t.Errorf("claim deduct of a claim that owes nothing: exit %d, %q, balance %v", code, stderr, balance())
	}
	out, stderr, code = runEnv(t, nil, "claim", "deduct", "--manufacturer", "EleTrek", "--pi", "PI-2026-031",
		"--claims", strings.ToLower(created.ClaimNo), "--db", db)
	if code != 0 || !strings.Contains(out, "PI-2026-031") {
		t.Errorf("claim deduct: exit %d, %q, %q", code, out, stderr)
	}
	if got := balance(); got != 0 {
		t.Errorf("credit after deduction = %v", got)
	}
	if _, stderr, code = runEnv(t, nil, "claim", "settle", created.ClaimNo, "--db", db); code != 0 {
		t.Errorf("claim settle: exit %d: %s", code, stderr)
	}
	_, stderr, code = runEnv(t, nil, "claim", "import", answered, "--db", db)
	if code != 2 || !strings.Contains(stderr, "settled") {
		t.Errorf("import into a settled claim: exit %d, %q", code, stderr)
	}
}

func TestClaimCommandsRefuseBadInput(t *testing.T) {
	db := demoDB(t, 12)
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
		_, stderr, code := runEnv(t, nil, append(args, "--db", db)...)
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// Item 5 and 8 of the Trust issue, end to end: a decimal comma is a decimal comma, a
// formula without a saved result refuses the sheet (nothing recorded, the draft stays a
// draft), a credit above what the line claimed is imported with a warning on stderr, and
// a draft that comes back answered is recorded as submitted first.
func TestClaimImportReadsMoneyAndRecordsTheDraftAsSubmitted(t *testing.T) {
	db := demoDB(t, 60)
	created := createEleTrekClaim(t, db)
	sheet := filepath.Join(t.TempDir(), "claim.xlsx")
	if _, stderr, code := runEnv(t, nil, "claim", "export", created.ClaimNo, "--out", sheet, "--db", db); code != 0 {
		t.Fatalf("claim export: exit %d: %s", code, stderr)
	}

	// A decision computed by a formula nobody computed, and a TRUE in a credit: refused whole.
	formula := factorytest.Answer(t, sheet, map[string]any{"R11": "Accepted", "R12": `=IF(1,"Accepted","")`, "R13": "Accepted", "S13": true})
	out, stderr, code := runEnv(t, nil, "claim", "import", formula, "--db", db)
	if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "nothing was imported") ||
		!strings.Contains(stderr, "row 12 ("+created.Lines[1]+"): decision cell R12 is a formula whose result was never saved") ||
		!strings.Contains(stderr, "row 13 ("+created.Lines[2]+"): credit TRUE is a TRUE/FALSE cell") {
		t.Fatalf("import of a sheet with a formula: exit %d, %q, %q", code, out, stderr)
	}
	shown := showClaim(t, db, created.ClaimNo)
	if shown.Status != "draft" || shown.Lines[0].Decision != "" {
		t.Fatalf("a refused sheet changed the claim: %+v", shown)
	}

	// 18,50 is 18.50; a million on the second line is imported, with a warning.
	answered := factorytest.Answer(t, sheet, map[string]any{"R11": "Accepted", "S11": "18,50", "R12": "Partly", "S12": "1,000,000"})
	out, stderr, code = runEnv(t, nil, "claim", "import", answered, "--db", db)
	if code != 0 {
		t.Fatalf("claim import: exit %d, %q, %q", code, out, stderr)
	}
	claimed := model.Money(math.Round(shown.Lines[1].Amount * 100))
	want := []string{"warning: row 12 (" + created.Lines[1] + "): credit 1,000,000.00 is more than the " + claimed.Grouped() + " claimed"}
	if first := model.Money(math.Round(shown.Lines[0].Amount * 100)); first < 1850 {
		want = append([]string{"warning: row 11 (" + created.Lines[0] + "): credit 18.50 is more than the " + first.Grouped() + " claimed"}, want...)
	}
	if got := strings.Split(strings.TrimSpace(stderr), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stderr = %q, want %q", got, want)
	}
	if lines := strings.Split(out, "\n"); lines[0] != "claim "+created.ClaimNo+" was a draft: recorded as submitted today, then answered" ||
		!strings.HasPrefix(lines[1], "claim "+created.ClaimNo+" is Answered: ") {
		t.Errorf("stdout = %q", out)
	}
	shown = showClaim(t, db, created.ClaimNo)
	if l := shown.Lines; shown.Status != "answered" || l[0].Decision != "accepted" || l[0].Credit != 18.5 ||
		l[1].Decision != "partly" || l[1].Credit != 1_000_000 {
		t.Fatalf("after import: %+v", shown)
	}

	// The claim's history has the submission, then the answer.
	out, _, _ = runEnv(t, nil, "claim", "show", created.ClaimNo, "--db", db, "--json")
	var hist struct {
		CreatedAt   time.Time  `json:"created_at"`
		SubmittedAt *time.Time `json:"submitted_at"`
		AnsweredAt  *time.Time `json:"answered_at"`
	}
	if err := json.Unmarshal([]byte(out), &hist); err != nil || hist.SubmittedAt == nil || hist.AnsweredAt == nil ||
		hist.SubmittedAt.Before(hist.CreatedAt) || hist.AnsweredAt.Before(*hist.SubmittedAt) {
		t.Errorf("claim history = %+v (%v)", hist, err)
	}
	out, _, _ = runEnv(t, nil, "claim", "show", created.ClaimNo, "--db", db)
	if i, j := strings.Index(out, " · submitted "), strings.Index(out, " · answered "); !strings.Contains(out, "history  created ") || i < 0 || j < i {
		t.Errorf("claim show has no history with submitted then answered:\n%s", out)
	}

	// The same sheet again: nothing changes, nothing to warn about, no draft any more.
	out, stderr, code = runEnv(t, nil, "claim", "import", answered, "--db", db, "--json")
	var rep struct {
		Changed     int               `json:"changed"`
		Submitted   bool              `json:"submitted"`
		OverCredits []json.RawMessage `json:"over_credits"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.Changed != 0 || rep.Submitted || len(rep.OverCredits) != 0 || stderr != "" {
		t.Errorf("re-import: exit %d, %s, %q", code, out, stderr)
	}

	// An older sheet with the first line rejected undoes its answer: said on stderr.
	older := factorytest.Answer(t, sheet, map[string]any{"R11": "Rejected"})
	_, stderr, code = runEnv(t, nil, "claim", "import", older, "--db", db)
	if want := "warning: answer replaced: row 11 (" + created.Lines[0] + "): Accepted, 18.50 becomes Rejected, 0.00\n"; code != 0 || stderr != want {
		t.Errorf("an older sheet: exit %d, stderr %q, want %q", code, stderr, want)
	}
	// The rejected case is the shop's cost now, and case show says why: not the warranty.
	out, _, _ = runEnv(t, nil, "case", "show", created.Lines[0], "--db", db)
	if want := "warning          the shop carries the cost: EleTrek rejected the case in claim " + created.ClaimNo; !strings.Contains(out, want) {
		t.Errorf("case show of the rejected case lacks %q:\n%s", want, out)
	}
}
