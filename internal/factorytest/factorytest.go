// Package factorytest plays the manufacturer in tests: it answers a claim sheet with openpyxl, as a
// factory's after-sales clerk would in a spreadsheet program, and reads a workbook's cells back.
package factorytest

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"returndesk/internal/testenv"

	"github.com/xuri/excelize/v2"
)

// answerScript sets cells of the Claim sheet (a string starting with "=" becomes a formula,
// which openpyxl saves without a result) and saves the workbook under a new name.
const answerScript = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Claim"]
for ref, value in json.loads(sys.argv[3]).items():
    ws[ref] = value
wb.save(sys.argv[2])
`

// Answer writes the claim sheet in with cells set ("R11": "Accepted", "S13": 6.5) to a new
// file in the test's temporary folder and returns its path.
func Answer(t *testing.T, in string, cells map[string]any) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "answered.xlsx")
	b, err := json.Marshal(cells)
	if err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(testenv.Python(t), "-c", answerScript, in, out, string(b)).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, msg)
	}
	return out
}

// Cells is every cell of every sheet of a workbook as excelize reads it: "[Sheet]" then a
// row a line, its cells tab-separated; for comparing two workbooks.
func Cells(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("[" + sheet + "]\n")
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}
