package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"returndesk/export"
	"returndesk/internal/testenv"
	"returndesk/model/sqlite"
)

// repairCase is a repair-tier case of the demo database, with its maintenance number and customer.
func repairCase(t *testing.T, db string) (caseNo, maintenanceNo, customer string) {
	t.Helper()
	var list struct {
		Cases []struct {
			CaseNo        string `json:"case_no"`
			MaintenanceNo string `json:"maintenance_no"`
			Customer      string `json:"customer"`
			Tier          string `json:"tier"`
		} `json:"cases"`
	}
	runJSONInto(t, nil, &list, "case", "list", "--json", "--db", db, "--limit", "1000")
	for _, c := range list.Cases {
		if c.Tier == "repair" && c.MaintenanceNo != "" {
			return c.CaseNo, c.MaintenanceNo, c.Customer
		}
	}
	t.Fatal("the demo data has no repair-tier case")
	return
}

// pdfText checks a PDF with qpdf and returns its text (pdftotext); missing tools fail the test.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	testenv.Tool(t, "qpdf")
	testenv.Tool(t, "pdftotext")
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", path, err, out)
	}
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// missingShopWarning is what slip and label say on stderr when Settings has no shop details.
const missingShopWarning = "warning: Not filled in under Settings (Shop and printing): the shop name, the address and the phone number.\n"

func TestSlipAndLabelCommands(t *testing.T) {
	db := demoDB(t, 12)
	caseNo, mo, customer := repairCase(t, db)
	dir := t.TempDir()
	for _, page := range []string{"a4", "a5", "80mm"} {
		out := filepath.Join(dir, "slip-"+page+".pdf")
		stdout, stderr, code := runEnv(t, nil, "slip", mo, "--db", db, "--out", out, "--page", page)
		// The demo shop has no details in Settings: one line of warning, and the slip all the same.
		if code != 0 || !strings.Contains(stdout, "wrote "+out) || stderr != missingShopWarning {
			t.Fatalf("slip --page %s: exit %d, stdout %q, stderr %q", page, code, stdout, stderr)
		}
		text := pdfText(t, out)
		for _, want := range []string{"Maintenance Order / 维修单", mo, caseNo, customer} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the slip does not read %q", page, want)
			}
		}
	}
	// The case number works as well, and the label names the manufacturer's after-sales address.
	out := filepath.Join(dir, "label.pdf")
	stdout, stderr, code := runEnv(t, nil, "label", caseNo, "--db", db, "--out", out)
	if code != 0 || !strings.Contains(stdout, "wrote "+out) || stderr != missingShopWarning {
		t.Fatalf("label: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	text := pdfText(t, out)
	for _, want := range []string{caseNo, "After", "ACCESSORIES NOT INCLUDED", "RETURN BY POST ONLY"} {
		if !strings.Contains(text, want) {
			t.Errorf("the label does not read %q:\n%s", want, text)
		}
	}
}

func TestSlipUsesThePageSizeAndShopFromSettings(t *testing.T) {
	db := demoDB(t, 12)
	_, mo, _ := repairCase(t, db)
	store, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for k, v := range map[string]string{export.SettingPageSize: "80mm", export.SettingShopName: "华强电子维修中心",
		export.SettingShopAddress: "深圳市福田区华强北路 1019 号", export.SettingShopPhone: "0755-8326 1234"} {
		if err := store.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()
	out := filepath.Join(t.TempDir(), "slip.pdf")
	stdout, stderr, code := runEnv(t, []string{"RETURNDESK_DB=" + db}, "slip", mo, "--out", out)
	if code != 0 || !strings.Contains(stdout, "80 mm receipt roll") || stderr != "" {
		t.Fatalf("slip: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if text := pdfText(t, out); !strings.Contains(text, "华强电子维修中心") {
		t.Errorf("the slip has no shop name:\n%s", text)
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), "/MediaBox [0 0 226.77") {
		t.Error("the slip is not 80 mm wide")
	}
}

func TestSlipBadInput(t *testing.T) {
	db := demoDB(t, 5)
	out := filepath.Join(t.TempDir(), "x.pdf")
	missing := filepath.Join(t.TempDir(), "none.db")
	for _, args := range [][]string{
		{"slip", "--db", db, "--out", out},      // no case
		{"slip", "RMA-2026-000001", "--db", db}, // no --out
		{"slip", "RMA-2026-000001", "--db", db, "--out", out, "--page", "a3"},
		{"slip", "RMA-2026-999999", "--db", db, "--out", out},           // no such case
		{"slip", "RMA-2026-000001", "--db", missing, "--out", out},      // no database
		{"label", "RMA-2026-000001", "--db", db},                        // no --out
		{"label", "RMA-2026-999999", "--db", db, "--out", out},          // no such case
		{"label", "RMA-2026-000001", "RMA-2", "--db", db, "--out", out}, // two cases
	} {
		stdout, stderr, code := runEnv(t, nil, args...)
		if code != 2 || stdout != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stderr == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line on stderr", args, code, stdout, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed command wrote the PDF")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("slip created a database")
	}
}
