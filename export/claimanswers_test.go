package export

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"returndesk/internal/factorytest"
	"returndesk/model"
)

// answeredSheet is our claim sheet (lines in rows 11–13, Decision in R, Credit in S) with
// cells changed by excelize, as another program would write them.
func answeredSheet(t *testing.T, edit func(f *excelize.File)) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteClaimSheet(&buf, testClaimSheet()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	edit(f)
	buf.Reset()
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withSheetXML rewrites the Claim sheet's XML inside a workbook: for what no library
// writes, such as a formula with the result Excel saved beside it.
func withSheetXML(t *testing.T, data []byte, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	part, err := sheetPart(zr, nil, SheetClaim)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f == part {
			edited := edit(string(b))
			if edited == string(b) {
				t.Fatalf("the edit changed nothing in %s", f.Name)
			}
			b = []byte(edited)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// savedResult gives a formula cell the result Excel would have saved with it.
func savedResult(cell, typ, value string) func(string) string {
	re := regexp.MustCompile(`<c r="` + cell + `"([^>]*?)( t="[^"]*")?>(<f>[^<]*</f>)(<v>[^<]*</v>|<v/>)?</c>`)
	return func(s string) string {
		return re.ReplaceAllString(s, `<c r="`+cell+`"$1 t="`+typ+`">$3<v>`+value+`</v></c>`)
	}
}

// A cell is read by its type, not only its text: a TRUE/FALSE cell is no amount and no
// decision, a formula never computed has no answer to read (the whole sheet is refused,
// naming the cell), a number is read at the precision Excel shows and text by the
// dealer's rules for decimal commas.
func TestReadClaimAnswersCellTypes(t *testing.T) {
	const none = model.Money(-1)
	tests := []struct {
		name     string
		edit     func(f *excelize.File)
		xml      func(string) string
		decision model.Decision
		credit   model.Money // of the first line; none: no credit
		problem  string      // the one problem expected, "" for none
	}{
		{"decimal comma", func(f *excelize.File) { f.SetCellStr(SheetClaim, "S11", "18,50") },
			nil, model.DecisionAccepted, 1850, ""},
		{"thousands dots and a decimal comma", func(f *excelize.File) { f.SetCellStr(SheetClaim, "S11", "1.234,50") },
			nil, model.DecisionAccepted, 123450, ""},
		{"a sum stored with binary noise", func(f *excelize.File) { f.SetCellFloat(SheetClaim, "S11", 0.1+0.2, -1, 64) },
			nil, model.DecisionAccepted, 30, ""},
		{"a number cell below a cent", func(f *excelize.File) { f.SetCellFloat(SheetClaim, "S11", 0.001, -1, 64) },
			nil, "", none, `row 11 (RMA-2026-000011): credit "0.001" has more than two decimals`},
		{"sub-cent text", func(f *excelize.File) { f.SetCellStr(SheetClaim, "S11", "12.345") },
			nil, "", none, `row 11 (RMA-2026-000011): credit "12.345" has more than two decimals`},
		{"a TRUE/FALSE credit", func(f *excelize.File) { f.SetCellBool(SheetClaim, "S11", true) },
			nil, "", none, "row 11 (RMA-2026-000011): credit TRUE is a TRUE/FALSE cell, not an amount"},
		{"a FALSE credit", func(f *excelize.File) { f.SetCellBool(SheetClaim, "S11", false) },
			nil, "", none, "row 11 (RMA-2026-000011): credit FALSE is a TRUE/FALSE cell"},
		{"a TRUE/FALSE decision", func(f *excelize.File) { f.SetCellBool(SheetClaim, "R11", true) },
			nil, "", none, `row 11 (RMA-2026-000011): decision: "TRUE" is not a decision`},
		{"a decision formula never computed", func(f *excelize.File) {
			f.SetCellValue(SheetClaim, "R11", nil) // else excelize keeps the old value as the result
			f.SetCellFormula(SheetClaim, "R11", `IF(1,"Accepted","")`)
		}, nil, "", none, "row 11 (RMA-2026-000011): decision cell R11 is a formula whose result was never saved"},
		{"a credit formula never computed", func(f *excelize.File) { f.SetCellFormula(SheetClaim, "S11", "37/2") },
			nil, "", none, "row 11 (RMA-2026-000011): credit cell S11 is a formula whose result was never saved"},
		{"formulas with their saved results", func(f *excelize.File) {
			f.SetCellFormula(SheetClaim, "R11", `IF(1,"Accepted","")`)
			f.SetCellFormula(SheetClaim, "S11", "37/2")
		}, func(s string) string {
			return savedResult("S11", "n", "18.5")(savedResult("R11", "str", "Accepted")(s))
		},
			model.DecisionAccepted, 1850, ""},
		{"a formula whose saved result is empty text", func(f *excelize.File) {
			f.SetCellFormula(SheetClaim, "R11", `IF(0,"Accepted","")`)
		}, savedResult("R11", "str", ""), "", none, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := answeredSheet(t, func(f *excelize.File) {
				f.SetCellStr(SheetClaim, "R11", "Accepted")
				tt.edit(f)
			})
			if tt.xml != nil {
				data = withSheetXML(t, data, tt.xml)
			}
			got, err := ReadClaimAnswers(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Answers) != 3 {
				t.Fatalf("answers = %+v", got.Answers)
			}
			a := got.Answers[0]
			credit := none
			if a.Credit != nil {
				credit = *a.Credit
			}
			if a.Decision != tt.decision || credit != tt.credit {
				t.Errorf("line 1 = %s, %v; want %s, %v", a.Decision, credit, tt.decision, tt.credit)
			}
			if tt.problem == "" && len(got.Problems) != 0 || tt.problem != "" &&
				(len(got.Problems) != 1 || !strings.HasPrefix(got.Problems[0].String(), tt.problem)) {
				t.Errorf("problems = %q, want %q", got.Problems, tt.problem)
			}
			// A problem refuses the whole sheet, naming the cell.
			if err := got.Refusal("answers.xlsx"); (err != nil) != (tt.problem != "") ||
				err != nil && (model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), tt.problem)) {
				t.Errorf("refusal = %v", err)
			}
		})
	}
}

// The kinds of cells as spreadsheet programs and libraries write them.
func TestCellKindUnsaved(t *testing.T) {
	for _, tt := range []struct {
		name string
		k    cellKind
		want bool
	}{
		{"openpyxl: <f>1+1</f><v></v>", cellKind{formula: true, vElem: true}, true},
		{`excelize: t="str", <f> and no <v>`, cellKind{typ: "str", formula: true}, true},
		{`Excel, a formula computed to "": t="str", <v></v>`, cellKind{typ: "str", formula: true, vElem: true}, false},
		{"Excel, a number: <f>37/2</f><v>18.5</v>", cellKind{formula: true, vElem: true, value: true}, false},
		{"a TRUE/FALSE formula never computed", cellKind{typ: "b", formula: true, vElem: true}, true},
		{"an empty cell", cellKind{}, false},
		{"a text cell", cellKind{typ: "s", vElem: true, value: true}, false},
	} {
		if got := tt.k.unsaved(); got != tt.want {
			t.Errorf("%s: unsaved = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A sheet answered with openpyxl, which writes cells as other tools do (strings inline,
// formulas without results, booleans typed): decimal commas read right, a TRUE credit and
// a formula never computed are refused by cell.
func TestReadClaimAnswersWrittenByOpenpyxl(t *testing.T) {
	in := writeTestSheet(t, testClaimSheet())
	good := factorytest.Answer(t, in, map[string]any{
		"R11": "Accepted", "S11": "18,50",
		"R12": "Partly", "S12": "1.234,50",
		"R13": "Accepted", "S13": 12.5,
	})
	got, err := ReadClaimAnswersFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Problems) != 0 || len(got.Answers) != 3 {
		t.Fatalf("answers = %+v, problems %q", got.Answers, got.Problems)
	}
	for i, want := range []model.Money{1850, 123450, 1250} {
		if a := got.Answers[i]; a.Credit == nil || *a.Credit != want {
			t.Errorf("line %d = %+v, want a credit of %s", i+1, a, want)
		}
	}

	bad := factorytest.Answer(t, in, map[string]any{
		"R11": "Accepted", "S11": true,
		"R12": `=IF(1,"Rejected","")`,
	})
	got, err = ReadClaimAnswersFile(bad)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Problems) != 2 || !strings.HasPrefix(got.Problems[0].String(), "row 11 (RMA-2026-000011): credit TRUE is a TRUE/FALSE cell") ||
		!strings.HasPrefix(got.Problems[1].String(), "row 12 (RMA-2026-000012): decision cell R12 is a formula whose result was never saved") {
		t.Errorf("problems = %q", got.Problems)
	}
}

// The second pass reads XML as other writers spell it: prefixed names, rows and cells
// without r, a '>' inside an attribute, comments and CDATA, self-closing cells.
func TestScanCellKinds(t *testing.T) {
	const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="2"><x:c r="B2" t="b"><x:v>1</x:v></x:c><x:c r="C2" s="3" t="str"><x:f>IF(1,"a","")</x:f><x:v></x:v></x:c></x:row>
<!-- <x:row r="3"><x:c r="B3" t="b"><x:v>1</x:v></x:c></x:row> -->
<x:row><x:c t="inlineStr" x:foo="a>b"><x:is><x:t><![CDATA[ 18,50 ]]></x:t></x:is></x:c><x:c><x:f>1+1</x:f><x:v/></x:c><x:c r="C3"/></x:row>
<x:row r="4"><x:c r="B4"><x:v>  </x:v></x:c><x:c r="C4" t="n"><x:f t="shared" si="0"/><x:v>2</x:v></x:c></x:row>
</x:sheetData><x:c r="B9" t="b"><x:v>1</x:v></x:c></x:worksheet>`
	want := map[cellPos]bool{{2, 2}: true, {2, 3}: true, {3, 1}: true, {3, 2}: true, {3, 3}: true, {4, 2}: true, {4, 3}: true, {9, 2}: true}
	got, err := scanCellKinds(strings.NewReader(sheet), want)
	if err != nil {
		t.Fatal(err)
	}
	for pos, k := range map[cellPos]cellKind{
		{2, 2}: {typ: "b", vElem: true, value: true},
		{2, 3}: {typ: "str", formula: true, vElem: true},
		{3, 1}: {typ: "inlineStr", value: true},
		{3, 2}: {formula: true, vElem: true},
		{3, 3}: {},
		{4, 2}: {vElem: true},
		{4, 3}: {typ: "n", formula: true, vElem: true, value: true},
	} {
		if g, ok := got[pos]; !ok || g != k {
			t.Errorf("cell %v = %+v (found %v), want %+v", pos, g, ok, k)
		}
	}
	if len(got) != 7 {
		t.Errorf("%d cells read, want 7 (none after the sheet data): %+v", len(got), got)
	}
	if !got[cellPos{3, 2}].unsaved() || got[cellPos{2, 3}].unsaved() {
		t.Errorf("unsaved: openpyxl's formula %v, Excel's empty text %v", got[cellPos{3, 2}].unsaved(), got[cellPos{2, 3}].unsaved())
	}
}
