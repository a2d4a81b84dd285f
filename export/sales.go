// Package export reads and writes the files ReturnDesk exchanges: sales-record imports now, PDF slips and Excel claim sheets later.
package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"returndesk/model"
	"returndesk/outfile"
)

// Kind is the format of a sales-record file.
type Kind string

const (
	XLSX Kind = "xlsx" // an Excel workbook; its first sheet is read
	CSV  Kind = "csv"  // comma- (or semicolon-, tab-) separated text in UTF-8
)

// Limits on what one import may read.
const (
	MaxFileSize = 50 << 20  // bytes
	MaxRows     = 1_000_000 // data rows below the header
)

// The limits in force; tests lower them.
var maxFileSize, maxRows = MaxFileSize, MaxRows

// Column names of a sales-record file, as they appear in RowError.Column.
const (
	ColSerial       = "serial"
	ColModel        = "model"
	ColCustomer     = "customer"
	ColPhone        = "phone"
	ColInvoice      = "invoice"
	ColPurchaseDate = "purchase_date"
	ColShipmentDate = "shipment_date"
	ColManufacturer = "manufacturer" // optional: settles a model code that two manufacturers use
)

// columnOrder is the order of the columns in messages and in the preview.
var columnOrder = []string{ColSerial, ColModel, ColManufacturer, ColCustomer, ColPhone, ColInvoice,
	ColPurchaseDate, ColShipmentDate}

// chineseName is each column's Chinese header, for messages.
var chineseName = map[string]string{ColSerial: "序列号", ColModel: "型号", ColManufacturer: "厂商",
	ColCustomer: "客户", ColPhone: "电话", ColInvoice: "发票号", ColPurchaseDate: "购买日期", ColShipmentDate: "发货日期"}

// headerNames maps a normalised header (see headerKey) to its column.
var headerNames = map[string]string{}

func init() {
	for col, names := range map[string][]string{
		ColSerial:       {"serial", "serial number", "serial no", "sn", "s/n", "序列号", "产品序列号", "串号", "序列號", "產品序列號", "序號"},
		ColModel:        {"model", "model code", "model no", "型号", "产品型号", "型號", "產品型號"},
		ColManufacturer: {"manufacturer", "maker", "厂商", "制造商", "生产厂家", "厂家", "廠商", "製造商", "生產廠家", "廠家"},
		ColCustomer:     {"customer", "customer name", "客户", "客户名称", "客户姓名", "客戶", "客戶名稱", "客戶姓名"},
		ColPhone:        {"phone", "telephone", "tel", "mobile", "电话", "联系电话", "手机", "手机号", "電話", "聯絡電話", "手機"},
		ColInvoice:      {"invoice", "invoice no", "invoice number", "发票号", "发票号码", "发票", "發票號", "發票號碼", "發票"},
		ColPurchaseDate: {"purchase_date", "purchase date", "purchased", "date of purchase", "购买日期", "购买时间", "購買日期", "購買時間"},
		ColShipmentDate: {"shipment_date", "shipment date", "shipped", "ship date", "发货日期", "出货日期", "發貨日期", "出貨日期"},
	} {
		for _, n := range names {
			headerNames[headerKey(n)] = col
		}
	}
}

// headerKey folds a header cell for matching: trimmed, lower case, without spaces,
// underscores, hyphens and dots ("Purchase Date", "purchase_date" and "PURCHASE-DATE" match).
func headerKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '.', '\u3000', '\u00a0':
			return -1
		}
		return r
	}, s)
}

// RowError is a problem with one row of a file: its row number as the spreadsheet shows
// it (the header is row 1), the column concerned (empty when it is the whole row) and
// what is wrong.
type RowError struct {
	Row     int        `json:"row"`
	Column  string     `json:"column,omitempty"`
	Message model.Text `json:"message"`
}

// Text is the problem with its row and column: "row 3: serial: is required" (行 3：序列号：必填).
func (e RowError) Text() model.Text {
	if e.Column == "" {
		return model.T("row %d: %s", e.Row, e.Message)
	}
	col, ok := columnText[e.Column]
	if !ok {
		col = model.T("%s", e.Column)
	}
	return model.T("row %d: %s: %s", e.Row, col, e.Message)
}

// columnText names a column in messages: in English as its English header, in Chinese as
// its Chinese one.
var columnText = map[string]model.Text{ColSerial: model.T("serial"), ColModel: model.T("model"),
	ColManufacturer: model.T("manufacturer"), ColCustomer: model.T("customer"), ColPhone: model.T("phone"),
	ColInvoice: model.T("invoice"), ColPurchaseDate: model.T("purchase_date"), ColShipmentDate: model.T("shipment_date")}

func (e RowError) Error() string { return e.Text().String() }

// SaleRow is one data row of the file as a sales record, with its row number.
type SaleRow struct {
	Row  int
	Sale model.Sale
}

// SalesPreview is what a sales-record file holds, read but not stored yet.
type SalesPreview struct {
	Rows     []SaleRow  // every non-empty row below the header, in file order (rows with problems too)
	Problems []RowError // by row, then column; empty when the file can be imported
	Columns  []string   // the recognised columns in file order (ColSerial, ...)
	Ignored  []string   // header cells that name no known column, as written
	Header   int        // the header's row number (1 unless rows above it are empty)
	// Encoding is the encoding a CSV file was read in (detected, or as chosen); Others are
	// the encodings it could as well be in, when the detection was a guess.
	Encoding Encoding
	Others   []Encoding

	checked  bool         // CheckSales has run
	recorded map[int]bool // rows (by number) whose very record is stored already: left out
}

// RecordedRows counts the rows whose record is stored already, which the import leaves out.
func (p *SalesPreview) RecordedRows() int { return len(p.recorded) }

// Recorded reports whether row (its number) is stored already and left out of the import.
func (p *SalesPreview) Recorded(row int) bool { return p.recorded[row] }

// ProblemRows counts the rows with at least one problem.
func (p *SalesPreview) ProblemRows() int {
	n, last := 0, -1
	for _, e := range p.Problems {
		if e.Row != last {
			n++
			last = e.Row
		}
	}
	return n
}

// Summary is one line about the problems: "3 rows have problems; nothing was imported".
func (p *SalesPreview) Summary() model.Text {
	if n := p.ProblemRows(); n > 0 {
		return model.Count(n, "%d row has problems; nothing was imported", "%d rows have problems; nothing was imported")
	}
	ready := model.Count(len(p.Rows)-len(p.recorded), "%d sales record ready to import", "%d sales records ready to import")
	if len(p.recorded) > 0 {
		return model.T("%s (%s already recorded, left out)", ready,
			model.Count(len(p.recorded), "%d row", "%d rows"))
	}
	return ready
}

// toImport are the rows the import stores: every row but those recorded already.
func (p *SalesPreview) toImport() []SaleRow {
	out := make([]SaleRow, 0, len(p.Rows))
	for _, r := range p.Rows {
		if !p.recorded[r.Row] {
			out = append(out, r)
		}
	}
	return out
}

// Sales returns the records the import stores, in file order: every row but those
// recorded already.
func (p *SalesPreview) Sales() []model.Sale {
	rows := p.toImport()
	out := make([]model.Sale, len(rows))
	for i, r := range rows {
		out[i] = r.Sale
	}
	return out
}

// KindOf tells the format of a file from its extension (.xlsx or .csv, any case).
func KindOf(path string) (Kind, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		return XLSX, nil
	case ".csv":
		return CSV, nil
	}
	return "", model.Errorf(model.EINVALID, "%s: not a sales-record file; use an Excel workbook (.xlsx) or a CSV file (.csv)",
		filepath.Base(path))
}

// ReadSalesFile reads a .xlsx or .csv sales-record file; see ReadSales.
func ReadSalesFile(path string, enc Encoding) (*SalesPreview, error) {
	kind, err := KindOf(path)
	if err != nil {
		return nil, err
	}
	f, fi, err := outfile.OpenInput(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi.Size() > int64(maxFileSize) {
		return nil, tooBig()
	}
	return ReadSales(f, kind, enc)
}

func tooBig() error {
	return model.Errorf(model.EINVALID, "the file is larger than %d MB; split it into smaller files", maxFileSize>>20)
}

func tooManyRows() error {
	return model.Errorf(model.EINVALID, "the file has more than %s rows; split it into smaller files",
		thousands(maxRows))
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// ReadSales reads a sales-record file: a header row naming the columns (in any order,
// English or Chinese, any case), then one sale per row. It returns every non-empty row
// with the problems found in the file itself (bad dates, missing serial or model, a
// serial twice); CheckSales adds those that need the database. The error is for a file
// that cannot be read at all: not text in its encoding, not a workbook, no serial or model
// column, too large. A CSV file is read in enc, or in the encoding detected when enc is
// EncodingAuto (UTF-8 with or without a byte-order mark, UTF-16, GB18030/GBK or Big5).
func ReadSales(r io.Reader, kind Kind, enc Encoding) (*SalesPreview, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(maxFileSize)+1))
	if err != nil {
		return nil, model.Wrap(model.EINVALID, err, "cannot read the file")
	}
	if len(data) > maxFileSize {
		return nil, tooBig()
	}
	if len(data) == 0 {
		return nil, model.Errorf(model.EINVALID, "the file is empty (0 bytes)")
	}
	b := &builder{p: &SalesPreview{}, seen: map[string]int{}}
	switch kind {
	case CSV:
		err = b.readCSV(data, enc)
	case XLSX:
		err = b.readXLSX(data)
	default:
		return nil, model.Errorf(model.EINVALID, "unknown file kind %q (use xlsx or csv)", kind)
	}
	if err != nil {
		return nil, err
	}
	if b.cols == nil && b.sheet != "" {
		return nil, model.Errorf(model.EINVALID, "sheet %s has no rows: its first row must name the columns (%s)", b.sheet, requiredNames())
	}
	if b.cols == nil {
		return nil, model.Errorf(model.EINVALID, "the file is empty: the first row must name the columns (%s)", requiredNames())
	}
	b.p.Problems = sortProblems(b.p.Problems)
	return b.p, nil
}

func requiredNames() string {
	return "serial 序列号, model 型号, and optionally customer, phone, invoice, purchase_date, shipment_date"
}

// builder turns rows into sales records.
type builder struct {
	p        *SalesPreview
	cols     map[string]int // column name -> index in a row; nil until the header is read
	excel    bool           // column letters in messages; numbers in date columns are Excel day numbers
	sheet    string         // the sheet read, for a workbook
	date1904 bool           // the workbook counts dates from 1904
	seen     map[string]int // folded serial -> first row
}

// header reads the header row.
func (b *builder) header(row int, cells []string) error {
	b.cols = map[string]int{}
	b.p.Header = row
	for i, c := range cells {
		name := strings.TrimSpace(c)
		if name == "" {
			continue
		}
		col, ok := headerNames[headerKey(name)]
		if !ok {
			b.p.Ignored = append(b.p.Ignored, name)
			continue
		}
		if j, dup := b.cols[col]; dup {
			return model.Errorf(model.EINVALID, "row %d: %s and %s both hold the %s column; keep one",
				row, b.colRef(j), b.colRef(i), col)
		}
		b.cols[col] = i
	}
	var missing []string
	for _, col := range []string{ColSerial, ColModel} {
		if _, ok := b.cols[col]; !ok {
			missing = append(missing, fmt.Sprintf("%s (%s)", col, chineseName[col]))
		}
	}
	if len(missing) > 0 {
		found := model.T("none")
		if len(cells) > 0 {
			var names []string
			for _, c := range cells {
				if t := strings.TrimSpace(c); t != "" {
					names = append(names, oneLine(t))
				}
			}
			found = model.T("%s", strings.Join(names, ", "))
		}
		which := model.T("%s", missing[0])
		if len(missing) == 2 {
			which = model.T("%s or %s", missing[0], missing[1])
		}
		return model.Errorf(model.EINVALID, "the header row (row %d) has no %s column; it names: %s", row, which, found)
	}
	for _, col := range columnOrder {
		if _, ok := b.cols[col]; ok {
			b.p.Columns = append(b.p.Columns, col)
		}
	}
	slices.SortFunc(b.p.Columns, func(x, y string) int { return b.cols[x] - b.cols[y] })
	return nil
}

// colRef names the i-th column (0-based) as the user sees it.
func (b *builder) colRef(i int) string {
	if b.excel {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err == nil {
			return "column " + name
		}
	}
	return fmt.Sprintf("column %d", i+1)
}

// add reads one row: the header first, then sales records. Empty rows are skipped.
func (b *builder) add(row int, cells []string) error {
	empty := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			empty = false
			break
		}
	}
	if empty {
		return nil
	}
	if b.cols == nil {
		return b.header(row, cells)
	}
	if len(b.p.Rows) >= maxRows {
		return tooManyRows()
	}
	get := func(col string) string {
		i, ok := b.cols[col]
		if !ok || i >= len(cells) {
			return ""
		}
		return strings.TrimSpace(cells[i])
	}
	problem := func(col, format string, args ...any) {
		for i, a := range args { // what a cell holds, quoted in the message, stays one line
			if s, ok := a.(string); ok {
				args[i] = oneLine(s)
			}
		}
		b.p.Problems = append(b.p.Problems, RowError{Row: row, Column: col, Message: model.T(format, args...)})
	}
	s := model.Sale{
		Serial:       model.Serial(get(ColSerial)),
		Model:        model.ModelCode(get(ColModel)),
		Manufacturer: get(ColManufacturer),
		CustomerName: get(ColCustomer),
		Phone:        get(ColPhone),
		Invoice:      get(ColInvoice),
	}
	// Excel keeps 15 digits of a number and stores a long one in E notation.
	if serial := string(s.Serial); b.excel && strings.ContainsAny(serial, "Ee") && isNumber(serial) {
		v, _ := strconv.ParseFloat(serial, 64)
		problem(ColSerial, "%s is a number Excel has rounded; format the serial column as text and type the serials again",
			strconv.FormatFloat(v, 'G', 15, 64))
	}
	var dateOK [2]bool
	for i, col := range []string{ColPurchaseDate, ColShipmentDate} {
		d, msg := b.date(get(col))
		if msg.Key != "" {
			problem(col, "%s", msg)
			continue
		}
		dateOK[i] = true
		if col == ColPurchaseDate {
			s.PurchaseDate = d
		} else {
			s.ShipmentDate = d
		}
	}
	if err := s.Validate(); err != nil {
		var es model.Errors
		if errors.As(err, &es) {
			for _, e := range es {
				if e.Field == ColPurchaseDate && !(dateOK[0] && dateOK[1]) {
					continue
				}
				problem(e.Field, "%s", e.Message)
			}
		} else {
			problem("", "%s", model.ErrorText(err))
		}
	}
	if s.Serial != "" {
		key := foldASCII(string(s.Serial))
		if first, dup := b.seen[key]; dup {
			problem(ColSerial, "%s appears twice in the file (rows %d and %d)", s.Serial, first, row)
		} else {
			b.seen[key] = row
		}
	}
	b.p.Rows = append(b.p.Rows, SaleRow{Row: row, Sale: s})
	return nil
}

// oneLine turns line breaks and other control characters that a cell may hold into
// spaces, so that a message quoting the cell stays one line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// foldASCII lower-cases ASCII letters only, as the database compares serials.
func foldASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// midnight is the time of day a spreadsheet writes after a date.
var midnight = regexp.MustCompile(`[ T]0?0:00(:00(\.0+)?)?Z?$`)

// parseDateText reads a date written year first: 2026-03-01, 2026/3/1, 2026.3.1 or
// 2026年3月1日, optionally followed by a midnight time. ok is false when the text is not
// shaped like a date; msg says why a date-shaped text is not a real date.
func parseDateText(s string) (d model.Date, ok bool, msg model.Text) {
	t := midnight.ReplaceAllString(s, "")
	if !model.DateShaped(t) {
		return model.Date{}, false, model.Text{} // maybe an Excel day number
	}
	d, err := model.ReadDate(t)
	var me *model.Error
	if errors.As(err, &me) { // the message quotes the date as written, not as read
		args := slices.Clone(me.Message.Args)
		args[0] = s
		return model.Date{}, true, model.Text{Key: me.Message.Key, Args: args}
	}
	return d, true, model.Text{}
}

// The Excel day numbers (1900 date system) of 1980-01-01 and 2100-01-01: a number in a
// date column outside this range is not a date cell of a sales record.
const minExcelDay, maxExcelDay = 29221, 73051

// date reads a date cell: a text date or, in a workbook, a date cell, whose stored value
// is Excel's day number (with a fraction for the time of day). A workbook is read without
// its number formats (formatting every date cell would cost more than the rest of the
// import), so any number in the date range counts as a date. msg is non-empty when the
// cell holds something else.
func (b *builder) date(c string) (model.Date, model.Text) {
	if c == "" {
		return model.Date{}, model.Text{}
	}
	if d, ok, msg := parseDateText(c); ok {
		return d, msg
	}
	if b.excel {
		// A date cell of type "d" stores an ISO date and time.
		if len(c) > 10 && c[10] == 'T' {
			if d, ok, msg := parseDateText(c[:10]); ok {
				return d, msg
			}
		}
		if v, err := strconv.ParseFloat(c, 64); err == nil {
			if v < minExcelDay || v >= maxExcelDay {
				return model.Date{}, model.T("%s is a number, not a date; format the column as dates or write YYYY-MM-DD", c)
			}
			t, err := excelize.ExcelDateToTime(v, b.date1904)
			if err != nil {
				return model.Date{}, model.T("%q is not a date", c)
			}
			return model.DateOf(t), model.Text{}
		}
	}
	return model.Date{}, model.T("%q is not a date; write it as YYYY-MM-DD", c)
}

// readCSV reads comma-separated text (or semicolon- or tab-separated, as the header
// row shows) in enc (see decodeText).
func (b *builder) readCSV(data []byte, enc Encoding) error {
	if err := checkNotWorkbook(data); err != nil {
		return err
	}
	data, used, others, err := decodeText(data, enc)
	b.p.Encoding, b.p.Others = used, others
	if err != nil {
		return err
	}
	if err := checkNoBinary(data); err != nil {
		return err
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffDelimiter(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	row, prevEnd := 0, 0 // the row number of the last record and the line it ended on
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return model.Wrap(model.EINVALID, pe.Err, "line %d of the file cannot be read", pe.Line)
			}
			return model.Wrap(model.EINVALID, err, "cannot read the file")
		}
		// encoding/csv skips blank lines; a spreadsheet shows each as an empty row.
		line, _ := r.FieldPos(0)
		row += 1 + max(0, line-prevEnd-1)
		last, _ := r.FieldPos(len(rec) - 1)
		prevEnd = last + strings.Count(rec[len(rec)-1], "\n")
		if err := b.add(row, rec); err != nil {
			return err
		}
	}
}

// checkNotWorkbook refuses, with one line saying what the file is, a workbook renamed .csv.
func checkNotWorkbook(data []byte) error {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return model.Errorf(model.EINVALID, "the file is an Excel workbook or another zip archive, not CSV text; rename it to .xlsx or save it as CSV")
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return model.Errorf(model.EINVALID, "the file is an old Excel workbook (.xls), not CSV text; save it as .xlsx or CSV")
	}
	return nil
}

// checkNoBinary refuses decoded text that holds a NUL: binary data, not CSV text.
func checkNoBinary(text []byte) error {
	if i := bytes.IndexByte(text, 0); i >= 0 {
		return model.Errorf(model.EINVALID, "the file holds binary data (a NUL byte on line %d), not CSV text",
			1+bytes.Count(text[:i], []byte{'\n'}))
	}
	return nil
}

// sniffDelimiter picks the separator the first line uses most: comma, semicolon or tab.
func sniffDelimiter(data []byte) rune {
	line := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		line = data[:i]
	}
	best, n := ',', bytes.Count(line, []byte{','})
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(line, []byte{byte(d)}); c > n {
			best, n = d, c
		}
	}
	return best
}

// readXLSX reads the first sheet of a workbook in one pass over its rows, taking each
// cell's stored value (see date). Empty rows are skipped as they stream by, so a sheet
// formatted down to its last row reads in seconds.
func (b *builder) readXLSX(data []byte) error {
	b.excel = true
	f, err := openWorkbook(data)
	if err != nil {
		return err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return model.Errorf(model.EINVALID, "the workbook has no sheet")
	}
	b.sheet = sheets[0]
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		b.date1904 = *props.Date1904
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return model.Wrap(model.EINVALID, err, "cannot read sheet %s", sheets[0])
	}
	defer rows.Close()
	raw := excelize.Options{RawCellValue: true}
	for row := 1; rows.Next(); row++ {
		if row > excelize.TotalRows {
			return model.Errorf(model.EINVALID, "sheet %s has more rows than Excel allows; it is damaged", sheets[0])
		}
		cells, err := rows.Columns(raw)
		if err != nil {
			return model.Wrap(model.EINVALID, err, "row %d of sheet %s cannot be read", row, sheets[0])
		}
		if err := b.add(row, cells); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return model.Errorf(model.EINVALID, "sheet %s has more rows than Excel allows; it is damaged", sheets[0])
		}
		return model.Wrap(model.EINVALID, err, "cannot read sheet %s", sheets[0])
	}
	return nil
}

// sortProblems orders problems by row, then by column as in columnOrder, and drops repeats.
func sortProblems(ps []RowError) []RowError {
	rank := func(col string) int {
		if i := slices.Index(columnOrder, col); i >= 0 {
			return i
		}
		return len(columnOrder)
	}
	slices.SortStableFunc(ps, func(x, y RowError) int {
		if x.Row != y.Row {
			return x.Row - y.Row
		}
		return rank(x.Column) - rank(y.Column)
	})
	return slices.CompactFunc(ps, func(x, y RowError) bool { return x.Error() == y.Error() })
}

// SalesStore is what checking and importing sales records needs; model.Store has it.
type SalesStore interface {
	ManufacturerByName(ctx context.Context, name string) (*model.Manufacturer, error)
	ProductByModel(ctx context.Context, manufacturer model.ManufacturerID, code model.ModelCode) (*model.Product, error)
	SalesOfSerials(ctx context.Context, serials []model.Serial) ([]model.Sale, error)
	ImportSales(ctx context.Context, sales []model.Sale) error
	Today() model.Date // sales dated after it are refused
}

// CheckSales adds the problems only the database can tell: a model (or manufacturer)
// not in the catalog, a model code several manufacturers use, a serial that already has
// a sales record, a date after the store's today. It returns an error only when the
// database cannot be read.
func CheckSales(ctx context.Context, store SalesStore, p *SalesPreview) error {
	if p.checked {
		return nil
	}
	type key struct{ maker, model string }
	type verdict struct {
		col string
		msg model.Text
	}
	known := map[key]verdict{}
	var found []RowError
	today := store.Today()
	for _, r := range p.Rows {
		var es model.Errors
		if errors.As(r.Sale.CheckDates(today), &es) {
			for _, e := range es {
				found = append(found, RowError{Row: r.Row, Column: e.Field, Message: e.Message})
			}
		}
	}
	for _, r := range p.Rows {
		s := r.Sale
		if s.Model == "" {
			continue
		}
		k := key{strings.ToLower(s.Manufacturer), strings.ToLower(string(s.Model))}
		v, ok := known[k]
		if !ok {
			var err error
			if v.col, v.msg, err = checkModel(ctx, store, s.Manufacturer, s.Model); err != nil {
				return err
			}
			known[k] = v
		}
		if v.msg.Key != "" {
			found = append(found, RowError{Row: r.Row, Column: v.col, Message: v.msg})
		}
	}

	var serials []model.Serial
	for _, r := range p.Rows {
		if r.Sale.Serial != "" {
			serials = append(serials, r.Sale.Serial)
		}
	}
	existing, err := store.SalesOfSerials(ctx, serials)
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		sold := map[string]model.Sale{}
		for _, s := range existing {
			sold[foldASCII(string(s.Serial))] = s
		}
		for _, r := range p.Rows {
			stored, ok := sold[foldASCII(string(r.Sale.Serial))]
			if r.Sale.Serial == "" || !ok {
				continue
			}
			if col, msg := saleDifference(r.Sale, stored); col != "" {
				found = append(found, RowError{Row: r.Row, Column: col, Message: msg})
				continue
			}
			// A file of every sale so far, read again with this month's added: the rows
			// recorded before are left out, the new ones imported.
			if p.recorded == nil {
				p.recorded = map[int]bool{}
			}
			p.recorded[r.Row] = true
		}
	}
	p.Problems = sortProblems(append(p.Problems, found...))
	p.checked = true
	return nil
}

// saleDifference says how a row differs from the sales record stored for its serial, in
// the column of the first detail that differs: model (and maker, when the file names one),
// customer, phone, invoice, dates. col is "" when the row is that very record.
func saleDifference(row, stored model.Sale) (col string, msg model.Text) {
	switch {
	case !strings.EqualFold(string(row.Model), string(stored.Model)) ||
		(row.Manufacturer != "" && !strings.EqualFold(row.Manufacturer, stored.Manufacturer)):
		return ColModel, model.T("%s is recorded with the model %s (%s)", row.Serial, stored.Model, stored.Manufacturer)
	case row.CustomerName != stored.CustomerName:
		return ColCustomer, model.T("%s is recorded for the customer %s", row.Serial, orNone(stored.CustomerName))
	case row.Phone != stored.Phone:
		return ColPhone, model.T("%s is recorded with the phone %s", row.Serial, orNone(stored.Phone))
	case row.Invoice != stored.Invoice:
		return ColInvoice, model.T("%s is recorded with the invoice %s", row.Serial, orNone(stored.Invoice))
	case row.PurchaseDate != stored.PurchaseDate:
		return ColPurchaseDate, model.T("%s is recorded as bought on %s", row.Serial, orNone(stored.PurchaseDate.String()))
	case row.ShipmentDate != stored.ShipmentDate:
		return ColShipmentDate, model.T("%s is recorded as shipped on %s", row.Serial, orNone(stored.ShipmentDate.String()))
	}
	return "", model.Text{}
}

// orNone is s, or a word that says it is empty.
func orNone(s string) any {
	if s == "" {
		return model.T("none")
	}
	return s
}

// checkModel says what is wrong with a model code (and manufacturer), if anything.
func checkModel(ctx context.Context, store SalesStore, maker string, code model.ModelCode) (col string, msg model.Text, err error) {
	var mid model.ManufacturerID
	if maker != "" {
		m, err := store.ManufacturerByName(ctx, maker)
		switch model.ErrorCode(err) {
		case "":
			mid = m.ID
		case model.ENOTFOUND:
			return ColManufacturer, model.T("unknown manufacturer %s; add it under Manufacturers first", maker), nil
		default:
			return "", model.Text{}, err
		}
	}
	_, err = store.ProductByModel(ctx, mid, code)
	switch model.ErrorCode(err) {
	case "":
		return "", model.Text{}, nil
	case model.ENOTFOUND:
		if maker != "" {
			return ColModel, model.T("unknown model %s of %s; add it to the catalog first", code, maker), nil
		}
		return ColModel, model.T("unknown model %s; add it to the catalog first", code), nil
	case model.ECONFLICT:
		return ColModel, model.T("%s in a manufacturer column", model.ErrorText(err)), nil
	}
	return "", model.Text{}, err
}

// ImportSales stores every row of the preview in one transaction, or none: it refuses a
// preview with problems, and when the store refuses a row the problem is added to the
// preview under the row's number in the file. It returns the number of records stored.
func ImportSales(ctx context.Context, store SalesStore, p *SalesPreview) (int, error) {
	if len(p.Problems) > 0 {
		return 0, &model.Error{Code: model.EINVALID, Message: p.Summary()}
	}
	if len(p.Rows) == 0 {
		return 0, model.Errorf(model.EINVALID, "the file has no sales records below its header row")
	}
	rows, sales := p.toImport(), p.Sales()
	if len(sales) == 0 {
		return 0, nil // every record of the file is stored already
	}
	err := store.ImportSales(ctx, sales)
	if err == nil {
		return len(sales), nil
	}
	var me *model.Error
	if !errors.As(err, &me) || !model.IsBadInput(err) {
		return 0, err // the machine failed (a full disk): no row is to blame
	}
	// The store names a record by its position in the slice ("row 3 (serial X)") and wraps
	// what is wrong with it.
	rest, ok := strings.CutPrefix(me.Message.String(), "row ")
	if !ok || me.Cause == nil {
		return 0, err
	}
	digits, _, _ := strings.Cut(rest, " ")
	i, convErr := strconv.Atoi(digits)
	if convErr != nil || i < 1 || i > len(rows) {
		return 0, err
	}
	r := rows[i-1]
	column, msg := "", model.ErrorText(me.Cause)
	if fields := model.FieldTexts(me.Cause); len(fields) == 1 { // one problem: in its column
		for f, t := range fields {
			column, msg = f, t
		}
	}
	p.Problems = sortProblems(append(p.Problems, RowError{Row: r.Row, Column: column, Message: msg}))
	return 0, &model.Error{Code: me.Code, Message: p.Summary()}
}
