package export

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"returndesk/internal/shoptest"

	"github.com/xuri/excelize/v2"

	"returndesk/model"
	"returndesk/model/sqlite"
)

var ctx = context.Background()

// problems renders a preview's problems one per line, as the CLI prints them.
func problems(p *SalesPreview) string {
	var b strings.Builder
	for _, e := range p.Problems {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

func mustRead(t *testing.T, path string) *SalesPreview {
	t.Helper()
	p, err := ReadSalesFile(path, EncodingAuto)
	if err != nil {
		t.Fatalf("ReadSalesFile(%s, EncodingAuto): %v", path, err)
	}
	return p
}

func TestReadSalesCSV(t *testing.T) {
	p := mustRead(t, "testdata/sales.csv")
	if len(p.Problems) != 0 {
		t.Fatalf("problems:\n%s", problems(p))
	}
	if got := strings.Join(p.Columns, ","); got != "model,serial,purchase_date,customer,phone,invoice,shipment_date" {
		t.Errorf("columns = %s (file order)", got)
	}
	if fmt.Sprint(p.Ignored) != "[Notes]" {
		t.Errorf("ignored = %v", p.Ignored)
	}
	if len(p.Rows) != 3 {
		t.Fatalf("rows = %d, want 3 (the blank line skipped)", len(p.Rows))
	}
	// Row numbers are the spreadsheet's: the blank line is row 4.
	for i, want := range []int{2, 3, 5} {
		if p.Rows[i].Row != want {
			t.Errorf("record %d is row %d, want %d", i, p.Rows[i].Row, want)
		}
	}
	s := p.Rows[0].Sale
	if s.Serial != "R200-0001" || s.Model != "HT-R200" || s.CustomerName != "Acme Trading, Ltd" || s.Phone != "020-5550100" ||
		s.Invoice != "INV-1" || s.PurchaseDate != model.MustDate("2026-03-01") || s.ShipmentDate != model.MustDate("2026-02-20") {
		t.Errorf("first sale = %+v", s)
	}
	if s := p.Rows[2].Sale; s.Model != "ht-r200" || !s.PurchaseDate.IsZero() || s.CustomerName != "" {
		t.Errorf("third sale = %+v", s)
	}
	if got := p.Summary().String(); got != "3 sales records ready to import" {
		t.Errorf("summary = %q", got)
	}
}

func TestReadSalesChineseHeadersAndBOM(t *testing.T) {
	p := mustRead(t, "testdata/sales-zh.csv")
	if len(p.Problems) != 0 {
		t.Fatalf("problems:\n%s", problems(p))
	}
	if len(p.Rows) != 2 || p.Header != 1 {
		t.Fatalf("rows = %d, header row %d", len(p.Rows), p.Header)
	}
	s := p.Rows[0].Sale
	if s.Serial != "R200-ZH-01" || s.CustomerName != "张伟" || s.Invoice != "FP-001" || s.ShipmentDate != model.MustDate("2026-02-15") {
		t.Errorf("first sale = %+v (the BOM must not hide the serial column)", s)
	}
	if s := p.Rows[1].Sale; s.CustomerName != "欧阳娜娜" || s.PurchaseDate != model.MustDate("2026-03-05") {
		t.Errorf("second sale = %+v (2026/3/5 is a year-first date)", s)
	}
}

func TestReadSalesBadRows(t *testing.T) {
	p := mustRead(t, "testdata/sales-bad.csv")
	want := `row 3: purchase_date: "2026-02-30" is not a date: February 2026 has 28 days
row 4: serial: is required
row 5: model: is required
row 6: serial: b-1 appears twice in the file (rows 2 and 6)
row 6: purchase_date: "yesterday" is not a date; write it as YYYY-MM-DD
row 7: purchase_date: is before the shipment date 2026-02-01
`
	if got := problems(p); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if len(p.Rows) != 6 {
		t.Errorf("rows = %d: rows with problems stay in the preview", len(p.Rows))
	}
	if got := p.Summary().String(); got != "5 rows have problems; nothing was imported" {
		t.Errorf("summary = %q", got)
	}
}

func TestReadSalesRefusesFiles(t *testing.T) {
	for _, c := range []struct {
		name, data string
		kind       Kind
		want       string
	}{
		{"no model column", "serial,customer\nS-1,张伟\n", CSV, "has no model (型号) column; it names: serial, customer"},
		{"no serial or model", "Name,Phone\nx,1\n", CSV, "has no serial (序列号) or model (型号) column"},
		{"two serial columns", "serial,model,序列号\nA,B,C\n", CSV, "column 1 and column 3 both hold the serial column"},
		{"empty", "\n\n", CSV, "the file is empty"},
		{"latin-1", "serial,model\nS-1,caf\xe9\n", CSV, `the file's encoding cannot be told`},
		{"not a workbook", "serial,model\n", XLSX, "the file is text (CSV?), not an Excel workbook; rename it to .csv"},
	} {
		_, err := ReadSales(strings.NewReader(c.data), c.kind, EncodingAuto)
		if err == nil || !strings.Contains(err.Error(), c.want) || model.ErrorCode(err) != model.EINVALID {
			t.Errorf("%s: error %v, want %q (invalid)", c.name, err, c.want)
		}
	}
	if _, err := ReadSalesFile("testdata/sales.txt", EncodingAuto); err == nil || !strings.Contains(err.Error(), ".xlsx") {
		t.Errorf("unknown extension: %v", err)
	}
	if _, err := ReadSalesFile("testdata/missing.csv", EncodingAuto); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
	if k, err := KindOf("/x/Sales.XLSX"); k != XLSX || err != nil {
		t.Errorf("KindOf(.XLSX) = %q, %v", k, err)
	}
}

func TestReadSalesLimits(t *testing.T) {
	defer func(size, rows int) { maxFileSize, maxRows = size, rows }(maxFileSize, maxRows)
	maxFileSize, maxRows = 100, 3

	big := "serial,model\n" + strings.Repeat("S,M\n", 30)
	if _, err := ReadSales(strings.NewReader(big), CSV, EncodingAuto); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("big file: %v", err)
	}
	if _, err := ReadSalesFile(writeFile(t, "big.csv", big), EncodingAuto); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("big file on disk: %v", err)
	}
	rows := "serial,model\nA,M\nB,M\n\nC,M\nD,M\n"
	if _, err := ReadSales(strings.NewReader(rows), CSV, EncodingAuto); err == nil || err.Error() != "the file has more than 3 rows; split it into smaller files" {
		t.Errorf("too many rows: %v", err)
	}
	if p, err := ReadSales(strings.NewReader("serial,model\nA,M\nB,M\n\n\nC,M\n"), CSV, EncodingAuto); err != nil || len(p.Rows) != 3 {
		t.Errorf("empty rows count against the limit: %v", err)
	}
	if got := thousands(1000000); got != "1,000,000" {
		t.Errorf("thousands = %s", got)
	}
}

func TestReadSalesSemicolonsAndQuotedNewlines(t *testing.T) {
	data := "Serial;Model;Customer\nA-1;HT-R200;\"two\nlines\"\n\nA-2;HT-P9;x\n"
	p := readCSV(t, data)
	if len(p.Rows) != 2 || p.Rows[0].Sale.CustomerName != "two\nlines" {
		t.Fatalf("rows = %+v", p.Rows)
	}
	// A spreadsheet shows the quoted newline inside row 2, the blank line as row 3.
	if p.Rows[1].Row != 4 {
		t.Errorf("second record is row %d, want 4", p.Rows[1].Row)
	}
}

// readCSV reads sales from CSV text that must be read.
func readCSV(t *testing.T, data string) *SalesPreview {
	t.Helper()
	p, err := ReadSales(strings.NewReader(data), CSV, EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// workbook builds a sales workbook as a shop's Excel would save it: shuffled columns,
// real date cells in several number formats, numbers where text was meant.
func workbook(t *testing.T, date1904 bool) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	t.Cleanup(func() { f.Close() })
	if date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	sh := "Sheet1"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	isoDate, err := f.NewStyle(&excelize.Style{NumFmt: 14}) // m/d/yy in the locale's order
	must(err)
	zhFmt := `yyyy"年"m"月"d"日"`
	zhDate, err := f.NewStyle(&excelize.Style{CustomNumFmt: &zhFmt})
	must(err)

	must(f.SetSheetRow(sh, "A1", &[]any{"购买日期", "Serial Number", "型号", "客户", "电话", "Shipment Date", "备注"}))
	// Row 2: a date cell (m/d/yy), a numeric phone, a time.Time (written as a date-time cell).
	must(f.SetCellValue(sh, "A2", 46082)) // 2026-03-01 as Excel's day number
	must(f.SetCellStyle(sh, "A2", "A2", isoDate))
	must(f.SetSheetRow(sh, "B2", &[]any{"X-0001", "HT-R200", "张伟", 13800138000}))
	must(f.SetCellValue(sh, "F2", time.Date(2026, 2, 14, 0, 0, 0, 0, time.UTC)))
	// Row 3 empty; row 4: a Chinese custom date format and a text date.
	must(f.SetCellValue(sh, "A4", 46085))
	must(f.SetCellStyle(sh, "A4", "A4", zhDate))
	must(f.SetSheetRow(sh, "B4", &[]any{"X-0002", "HT-P9", "李娜", "13900139000", "2026-02-20"}))
	// Row 5: a number no date cell of a sale holds, and a date written month first.
	must(f.SetSheetRow(sh, "A5", &[]any{12345, "X-0003", "HT-P9"}))
	must(f.SetCellValue(sh, "F5", "3/4/2026"))
	// Row 6: a serial Excel stored as a number, in E notation, and shows rounded; a
	// purchase date whose date format was lost, a plain day number.
	must(f.SetSheetRow(sh, "A6", &[]any{46083}))
	must(f.SetCellDefault(sh, "B6", "1.2345678901234568E+18"))
	must(f.SetCellValue(sh, "C6", "HT-P9"))
	// A second sheet is not read.
	if _, err := f.NewSheet("Other"); err != nil {
		t.Fatal(err)
	}
	must(f.SetSheetRow("Other", "A1", &[]any{"nothing", "here"}))
	return f
}

func xlsxBytes(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadSalesXLSXDateCells(t *testing.T) {
	p, err := ReadSales(bytes.NewReader(xlsxBytes(t, workbook(t, false))), XLSX, EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 4 {
		t.Fatalf("rows = %d, want 4", len(p.Rows))
	}
	r := p.Rows[0]
	if r.Row != 2 || r.Sale.Serial != "X-0001" || r.Sale.CustomerName != "张伟" || r.Sale.Phone != "13800138000" ||
		r.Sale.PurchaseDate != model.MustDate("2026-03-01") || r.Sale.ShipmentDate != model.MustDate("2026-02-14") {
		t.Errorf("row 2 = %d %+v", r.Row, r.Sale)
	}
	r = p.Rows[1]
	if r.Row != 4 || r.Sale.PurchaseDate != model.MustDate("2026-03-04") || r.Sale.ShipmentDate != model.MustDate("2026-02-20") {
		t.Errorf("row 4 = %d %+v", r.Row, r.Sale)
	}
	if r := p.Rows[3]; r.Sale.PurchaseDate != model.MustDate("2026-03-02") {
		t.Errorf("row 6 day number = %+v", r.Sale)
	}
	want := `row 5: purchase_date: 12345 is a number, not a date; format the column as dates or write YYYY-MM-DD
row 5: shipment_date: "3/4/2026" is not a date; write it as YYYY-MM-DD
row 6: serial: 1.23456789012346E+18 is a number Excel has rounded; format the serial column as text and type the serials again
`
	if got := problems(p); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if fmt.Sprint(p.Ignored) != "[备注]" {
		t.Errorf("ignored = %v", p.Ignored)
	}
}

func TestReadSalesXLSX1904(t *testing.T) {
	f := workbook(t, true)
	p, err := ReadSales(bytes.NewReader(xlsxBytes(t, f)), XLSX, EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	// In the 1904 date system day 46082 is four years and a day later than in the 1900 system.
	if got := p.Rows[0].Sale.PurchaseDate; got != model.MustDate("2030-03-02") {
		t.Errorf("1904 date = %s", got)
	}
}

func TestReadSalesXLSXFromDisk(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"MODEL", "serial"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"HT-R200", "D-1"})
	path := filepath.Join(t.TempDir(), "Sales.XLSX")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	p := mustRead(t, path)
	if len(p.Rows) != 1 || p.Rows[0].Sale.Serial != "D-1" || p.Rows[0].Sale.Model != "HT-R200" {
		t.Errorf("rows = %+v", p.Rows)
	}
}

func TestParseDateText(t *testing.T) {
	for in, want := range map[string]string{
		"2026-03-01": "2026-03-01", "2026/3/1": "2026-03-01", "2026.03.1": "2026-03-01",
		"2026年3月1日": "2026-03-01", "2024-02-29 00:00:00": "2024-02-29", "2026-03-01T00:00:00Z": "2026-03-01",
	} {
		d, ok, msg := parseDateText(in)
		if !ok || msg.String() != "" || d.String() != want {
			t.Errorf("parseDateText(%q) = %s %v %q", in, d, ok, msg)
		}
	}
	if _, ok, msg := parseDateText("2026/2/30"); !ok || msg.String() != `"2026/2/30" is not a date: February 2026 has 28 days` {
		t.Errorf("2026/2/30: %v %q", ok, msg)
	}
	for _, in := range []string{"03/01/2026", "1.3.2026", "2026-03-01 10:30", "today"} {
		if _, ok, _ := parseDateText(in); ok {
			t.Errorf("parseDateText(%q) accepted", in)
		}
	}
}

// testStore is a database with a small catalog: HT-R200 and HT-P9 by Halotek, and a
// model code X1 made by both Halotek and EleTrek.
func testStore(t testing.TB) *sqlite.DB {
	t.Helper()
	shop := shoptest.New(t)
	halotek := &model.Manufacturer{Name: "Halotek"}
	eletrek := &model.Manufacturer{Name: "EleTrek"}
	shop.Manufacturers(halotek, eletrek)
	shop.Products(&model.Product{ManufacturerID: halotek.ID, Model: "HT-R200"}, &model.Product{ManufacturerID: halotek.ID, Model: "HT-P9"},
		&model.Product{ManufacturerID: halotek.ID, Model: "X1"}, &model.Product{ManufacturerID: eletrek.ID, Model: "X1"})
	return shop.DB
}

func TestCheckSalesAgainstTheDatabase(t *testing.T) {
	db := testStore(t)
	if err := db.ImportSales(ctx, []model.Sale{{Serial: "OLD-1", Model: "HT-P9"}, {Serial: "OLD-2", Model: "HT-P9"}}); err != nil {
		t.Fatal(err)
	}
	data := "serial,model,manufacturer\n" +
		"N-1,HT-R200,\n" +
		"old-1,HT-R200,\n" +
		"OLD-2,ht-p9,\n" + // recorded as it is: left out, no problem

		"N-3,HT-X404,\n" +
		"N-4,X1,\n" +
		"N-5,X1,EleTrek\n" +
		"N-6,HT-R200,Nobody\n" +
		"N-7,HT-X404,\n"
	p := readCSV(t, data)
	if len(p.Problems) != 0 {
		t.Fatalf("file problems: %s", problems(p))
	}
	if err := CheckSales(ctx, db, p); err != nil {
		t.Fatal(err)
	}
	want := `row 3: model: old-1 is recorded with the model HT-P9 (Halotek)
row 5: model: unknown model HT-X404; add it to the catalog first
row 6: model: model code X1 is made by several manufacturers (EleTrek, Halotek); say which one in a manufacturer column
row 8: manufacturer: unknown manufacturer Nobody; add it under Manufacturers first
row 9: model: unknown model HT-X404; add it to the catalog first
`
	if got := problems(p); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if p.RecordedRows() != 1 || !p.Recorded(4) {
		t.Errorf("recorded rows: %d, row 4 %v", p.RecordedRows(), p.Recorded(4))
	}
	// Checking twice adds nothing.
	if err := CheckSales(ctx, db, p); err != nil || problems(p) != want {
		t.Errorf("second check changed the problems: %v\n%s", err, problems(p))
	}
	// All or nothing: the good rows are not stored either.
	n, err := ImportSales(ctx, db, p)
	if n != 0 || err == nil || err.Error() != "5 rows have problems; nothing was imported" || model.ErrorCode(err) != model.EINVALID {
		t.Errorf("ImportSales = %d, %v", n, err)
	}
	for _, s := range []model.Serial{"N-1", "N-5"} {
		if _, err := db.SaleBySerial(ctx, s); model.ErrorCode(err) != model.ENOTFOUND {
			t.Errorf("%s stored although the import had problems: %v", s, err)
		}
	}
}

func TestImportSalesStoresEveryRow(t *testing.T) {
	db := testStore(t)
	p := mustRead(t, "testdata/sales-zh.csv")
	if err := CheckSales(ctx, db, p); err != nil || len(p.Problems) != 0 {
		t.Fatalf("check: %v\n%s", err, problems(p))
	}
	n, err := ImportSales(ctx, db, p)
	if n != 2 || err != nil {
		t.Fatalf("ImportSales = %d, %v", n, err)
	}
	s, err := db.SaleBySerial(ctx, "P9-ZH-02")
	if err != nil {
		t.Fatal(err)
	}
	if s.CustomerName != "欧阳娜娜" || s.Model != "HT-P9" || s.Manufacturer != "Halotek" || s.PurchaseDate != model.MustDate("2026-03-05") {
		t.Errorf("stored sale = %+v", s)
	}
	if _, err := ImportSales(ctx, db, &SalesPreview{}); err == nil || !strings.Contains(err.Error(), "no sales records") {
		t.Errorf("empty preview: %v", err)
	}
}

// TestImportSalesMapsStoreRowsToFileRows: a serial imported by someone else between the
// check and the commit is refused by the store, which names its slice position; the
// problem must name the row in the file, and nothing is stored.
func TestImportSalesMapsStoreRowsToFileRows(t *testing.T) {
	db := testStore(t)
	p := mustRead(t, "testdata/sales.csv") // records in rows 2, 3 and 5
	if err := CheckSales(ctx, db, p); err != nil || len(p.Problems) != 0 {
		t.Fatalf("check: %v\n%s", err, problems(p))
	}
	if err := db.ImportSales(ctx, []model.Sale{{Serial: "r200-0002", Model: "HT-R200"}}); err != nil {
		t.Fatal(err)
	}
	n, err := ImportSales(ctx, db, p)
	if n != 0 || err == nil || err.Error() != "1 row has problems; nothing was imported" || model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("ImportSales = %d, %v (%s)", n, err, model.ErrorCode(err))
	}
	if got := problems(p); got != "row 5: serial: serial R200-0002 already has a sales record\n" {
		t.Errorf("problems = %q", got)
	}
	if _, err := db.SaleBySerial(ctx, "R200-0001"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("row 2 stored although row 5 failed: %v", err)
	}
}

// TestSalesImportRefusesControlCharactersAndFutureDates: a cell holding an escape or a bidi
// override, and a date after the store's today (2026-03-10), are problems of their rows;
// the file imports nothing.
func TestSalesImportRefusesControlCharactersAndFutureDates(t *testing.T) {
	db := testStore(t)
	db.Now = func() time.Time { return time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC) }
	data := "serial,model,customer,purchase_date,shipment_date\n" +
		"A-1,HT-R200,张伟,2026-03-01,2026-02-01\n" +
		"A\x1b[31m-2,HT-R200,,2026-03-01,\n" +
		"A-3,HT-R200,\u202eevil,2026-03-01,\n" +
		"A-4,HT-R200,,2026-03-11,\n" +
		"A-5,HT-P9,,,2027-01-05\n" +
		"A-6,HT-P9,,2026-03-10,2026-03-10\n"
	p := readCSV(t, data)
	if err := CheckSales(ctx, db, p); err != nil {
		t.Fatal(err)
	}
	want := `row 3: serial: contains a control character (U+001B), which is not allowed
row 4: customer: contains an invisible text-direction character (U+202E), which is not allowed
row 5: purchase_date: 2026-03-11 is in the future (today is 2026-03-10)
row 6: shipment_date: 2027-01-05 is in the future (today is 2026-03-10)
`
	if got := problems(p); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if n, err := ImportSales(ctx, db, p); n != 0 || err == nil || err.Error() != "4 rows have problems; nothing was imported" {
		t.Errorf("ImportSales = %d, %v", n, err)
	}
	if _, err := db.SaleBySerial(ctx, "A-1"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("row 2 stored although other rows have problems: %v", err)
	}
}

// A row of a recorded serial that differs from its record says which detail differs, in
// its column.
func TestSaleDifference(t *testing.T) {
	stored := model.Sale{Serial: "S-1", Model: "HT-P9", Manufacturer: "Halotek", CustomerName: "张伟", Phone: "138",
		PurchaseDate: model.MustDate("2026-03-01")}
	for _, tt := range []struct {
		change    func(*model.Sale)
		col, want string
	}{
		{func(s *model.Sale) { s.Model = "HT-R200" }, ColModel, "S-1 is recorded with the model HT-P9 (Halotek)"},
		{func(s *model.Sale) { s.CustomerName = "李娜" }, ColCustomer, "S-1 is recorded for the customer 张伟"},
		{func(s *model.Sale) { s.Phone = "139" }, ColPhone, "S-1 is recorded with the phone 138"},
		{func(s *model.Sale) { s.Invoice = "INV-1" }, ColInvoice, "S-1 is recorded with the invoice none"},
		{func(s *model.Sale) { s.PurchaseDate = model.MustDate("2026-03-02") }, ColPurchaseDate, "S-1 is recorded as bought on 2026-03-01"},
		{func(s *model.Sale) { s.ShipmentDate = model.MustDate("2026-02-01") }, ColShipmentDate, "S-1 is recorded as shipped on none"},
	} {
		row := stored
		row.Manufacturer = ""
		if col, _ := saleDifference(row, stored); col != "" {
			t.Errorf("the record itself differs in %s", col)
		}
		tt.change(&row)
		if col, msg := saleDifference(row, stored); col != tt.col || msg.String() != tt.want {
			t.Errorf("saleDifference = %s, %q; want %s, %q", col, msg, tt.col, tt.want)
		}
	}
}
