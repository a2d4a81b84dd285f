package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/traditionalchinese"

	"returndesk/export"
	"returndesk/model"
)

// File dialogs cannot be driven in a test: these tests hand the importer a path, as the
// dialog's callback does.

func TestSalesImportButtonOpensTheWindowAndAFileDialog(t *testing.T) {
	h, s, _ := openProducts(t)
	test.Tap(s.importBtn)
	h.settle()
	if n := len(h.w.Canvas().Overlays().List()); n != 2 {
		t.Fatalf("%d overlays, want the import window and the file dialog over it", n)
	}
	if !overlayHasText(h.w.Canvas(), "Preview") {
		t.Errorf("the file dialog's confirm button does not say Preview")
	}
	h.w.Canvas().Overlays().Top().Hide() // cancel the file dialog
	if !s.imp.importBtn.Disabled() || s.imp.file.Text != "No file chosen" {
		t.Errorf("import window before a file: %v %q", !s.imp.importBtn.Disabled(), s.imp.file.Text)
	}
}

func TestSalesImportPreviewListsProblemsAndImportsNothing(t *testing.T) {
	h, s, f := openProducts(t)
	ctx := context.Background()
	si := s.imp
	si.open()
	si.load("../export/testdata/sales-bad.csv")
	h.settle()

	if si.preview == nil {
		t.Fatalf("no preview: %q", si.summary.Text)
	}
	if n := si.rowCount(); n != 6 {
		t.Errorf("preview rows = %d, want 6", n)
	}
	if !si.importBtn.Disabled() {
		t.Errorf("Import is enabled although rows have problems")
	}
	if !si.probBox.Visible() || si.probHead.Text != "Problems (6)" {
		t.Errorf("problem list: visible %v, %q", si.probBox.Visible(), si.probHead.Text)
	}
	first := si.preview.Problems[0].Error()
	if first != `row 3: purchase_date: "2026-02-30" is not a date: February 2026 has 28 days` {
		t.Errorf("first problem = %q", first)
	}
	if !strings.Contains(si.summary.Text, "6 sales records in the file; 5 rows have problems; nothing was imported") {
		t.Errorf("summary = %q", si.summary.Text)
	}
	if !si.bad[3] || si.bad[2] {
		t.Errorf("rows marked bad: %v", si.bad)
	}
	if !overlayHasText(h.w.Canvas(), first) {
		t.Errorf("the problem list is not drawn in the import window")
	}
	test.Tap(si.importBtn) // disabled: nothing happens
	h.settle()
	if _, err := f.store.SaleBySerial(ctx, "B-1"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("B-1 (a good row) was stored: %v", err)
	}
}

func TestSalesImportUnknownModelBlocksTheWholeFile(t *testing.T) {
	h, s, f := openProducts(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sales.csv")
	data := "serial,model,customer\nOK-1,HT-R200,张伟\nOK-2,HT-P9,李娜\nBAD-3,HT-NOPE,王芳\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	si := s.imp
	si.open()
	si.load(path)
	h.settle()
	if got := si.preview.Problems; len(got) != 1 || got[0].Error() != "row 4: model: unknown model HT-NOPE; add it to the catalog first" {
		t.Fatalf("problems = %v", got)
	}
	if !si.importBtn.Disabled() {
		t.Errorf("Import enabled")
	}
	for _, serial := range []model.Serial{"OK-1", "OK-2"} {
		if _, err := f.store.SaleBySerial(ctx, serial); model.ErrorCode(err) != model.ENOTFOUND {
			t.Errorf("%s stored: %v", serial, err)
		}
	}
}

func TestSalesImportXLSXWithChineseHeaders(t *testing.T) {
	h, s, f := openProducts(t)
	ctx := context.Background()
	wb := excelize.NewFile()
	defer wb.Close()
	dateStyle, err := wb.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	wb.SetSheetRow("Sheet1", "A1", &[]any{"型号", "序列号", "客户", "电话", "购买日期", "发货日期"})
	for i := 0; i < 250; i++ {
		cell := fmt.Sprintf("A%d", i+2)
		wb.SetSheetRow("Sheet1", cell, &[]any{"HT-R200", fmt.Sprintf("ZH-%04d", i), "欧阳娜娜", "13511112222",
			time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "2026-02-01"})
		wb.SetCellStyle("Sheet1", fmt.Sprintf("E%d", i+2), fmt.Sprintf("E%d", i+2), dateStyle)
	}
	path := filepath.Join(t.TempDir(), "销售记录.xlsx")
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	si := s.imp
	si.open()
	si.load(path)
	h.settle()
	if si.preview == nil || len(si.preview.Problems) != 0 {
		t.Fatalf("preview: %q %v", si.summary.Text, si.preview)
	}
	if si.rowCount() != previewRows || si.tableInf.Text != "The first 200 of 250 rows." {
		t.Errorf("table shows %d rows: %q", si.rowCount(), si.tableInf.Text)
	}
	if si.importBtn.Disabled() {
		t.Fatalf("Import disabled for a good file: %q", si.summary.Text)
	}
	if si.summary.Text != "250 sales records ready to import; no problems found." {
		t.Errorf("summary = %q", si.summary.Text)
	}
	if r := si.preview.Rows[0]; r.Sale.CustomerName != "欧阳娜娜" || r.Sale.PurchaseDate != model.MustDate("2026-03-01") {
		t.Errorf("first row = %+v", r)
	}

	// The serial box was showing a serial of the file: it is looked up again after the import.
	s.lookup.entry.SetText("ZH-0007")
	s.lookup.find()
	h.settle()
	if s.lookup.saleBox.Visible() {
		t.Fatalf("ZH-0007 has a sale before the import")
	}
	h.w.Canvas().Unfocus()
	pressKey(h, fyne.KeyReturn) // as Import
	if si.summary.Text != "Imported 250 sales records from 销售记录.xlsx." {
		t.Errorf("summary after import = %q", si.summary.Text)
	}
	if !si.importBtn.Disabled() || si.closeBtn.Text != "Close" {
		t.Errorf("after import: Import enabled %v, close %q", !si.importBtn.Disabled(), si.closeBtn.Text)
	}
	sale, err := f.store.SaleBySerial(ctx, "ZH-0249")
	if err != nil || sale.CustomerName != "欧阳娜娜" || sale.ShipmentDate != model.MustDate("2026-02-01") {
		t.Errorf("stored: %+v %v", sale, err)
	}
	if !s.lookup.saleBox.Visible() || s.lookup.saleVal["Customer"].Text != "欧阳娜娜" {
		t.Errorf("the serial box was not refreshed after the import")
	}

	// Loading the same file again: every record is stored already, and nothing is to import.
	si.load(path)
	h.settle()
	if si.preview.ProblemRows() != 0 || si.preview.RecordedRows() != 250 || !si.importBtn.Disabled() ||
		si.summary.Text != "Every record of the file is recorded already: nothing to import." {
		t.Errorf("second load: %d problem rows, %d recorded, %q", si.preview.ProblemRows(), si.preview.RecordedRows(), si.summary.Text)
	}
}

func TestSalesImportRefusesUnreadableFiles(t *testing.T) {
	h, s, _ := openProducts(t)
	si := s.imp
	si.open()
	path := filepath.Join(t.TempDir(), "latin.csv")
	if err := os.WriteFile(path, []byte("serial,model\nS-1,caf\xe9\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	si.load(path)
	h.settle()
	if si.preview != nil || si.summary.Text != `latin.csv cannot be imported: the file's encoding cannot be told: it is not UTF-8, UTF-16, GB18030/GBK or Big5 text; save it as "CSV UTF-8"` {
		t.Errorf("summary = %q", si.summary.Text)
	}
	if !si.importBtn.Disabled() || si.choose.Disabled() {
		t.Errorf("buttons: import %v, choose %v", !si.importBtn.Disabled(), !si.choose.Disabled())
	}
	if !si.encBox.Visible() || si.encNote.Text != "choose the encoding the file was saved in" {
		t.Errorf("encoding choice: visible %v, %q", si.encBox.Visible(), si.encNote.Text)
	}
}

// A CSV file saved in Big5 is previewed with its encoding detected and shown; choosing
// another encoding reads it again in that one.
func TestSalesImportShowsAndChangesTheEncoding(t *testing.T) {
	h, s, _ := openProducts(t)
	si := s.imp
	si.open()
	data, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte("序列號,型號,客戶\nTW-0001,HT-R200,陳大文\nTW-0002,HT-R200,臺北市電器行\n"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "big5.csv")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	si.load(path)
	h.settle()
	if si.preview == nil || si.preview.Rows[0].Sale.CustomerName != "陳大文" {
		t.Fatalf("preview: %q %+v", si.summary.Text, si.preview)
	}
	if !si.encBox.Visible() || si.encoding.Selected != "Big5 (Traditional Chinese)" || si.encNote.Text != "detected" {
		t.Errorf("encoding shown: %v %q %q", si.encBox.Visible(), si.encoding.Selected, si.encNote.Text)
	}
	si.encoding.SetSelected("GB18030 / GBK (Simplified Chinese)")
	h.settle()
	if si.enc != export.GB18030 || si.preview != nil || !strings.Contains(si.summary.Text, "the file is not GB18030 / GBK (Simplified Chinese) text") {
		t.Errorf("after choosing GB18030: %q, %q, %+v", si.enc, si.summary.Text, si.preview)
	}
	si.encoding.SetSelected("Big5 (Traditional Chinese)")
	h.settle()
	if si.enc != export.Big5 || si.encNote.Text != "as chosen" || si.preview == nil || si.preview.Rows[1].Sale.CustomerName != "臺北市電器行" {
		t.Errorf("after choosing Big5: %q, %q, %+v", si.enc, si.encNote.Text, si.preview)
	}
}

// overlayHasText reports whether the top overlay (a dialog) shows text.
func overlayHasText(c fyne.Canvas, text string) bool {
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	for _, o := range test.LaidOutObjects(top) {
		if t, ok := o.(*canvas.Text); ok && t.Visible() && t.Text == text {
			return true
		}
	}
	return false
}
