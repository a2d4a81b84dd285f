package export

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"returndesk/internal/textwidth"

	"github.com/xuri/excelize/v2"

	"returndesk/model"
	"returndesk/outfile"
	"returndesk/policy"
)

// Sheet names of a claim workbook.
const (
	SheetClaim   = "Claim"
	SheetOEM     = "OEM allowance"
	SheetSummary = "Summary"
)

// Rows of the "Claim" sheet: the header block above, the column titles, then one row a line.
const (
	ClaimHeaderRow    = 10 // the column titles (frozen, repeated on every printed page)
	ClaimFirstLineRow = 11
)

// DecisionChoices are the entries of the Decision drop-down, as the manufacturer picks them
// (in English: model.ParseDecision reads them back).
var DecisionChoices = func() []string {
	out := make([]string, len(model.Decisions))
	for i, d := range model.Decisions {
		out[i] = d.Label().String()
	}
	return out
}()

// Settings the claim sheet's header block reads besides the shop's name, address and phone.
const (
	SettingShopContact = "shop_contact" // the person manufacturers deal with
	SettingShopEmail   = "shop_email"
	SettingCurrency    = "currency" // e.g. CNY; "" leaves amounts without a currency
)

// settings keys shared with the printed documents (same values as their constants).
const (
	claimSettingShopName    = "shop_name"
	claimSettingShopAddress = "shop_address"
	claimSettingShopPhone   = "shop_phone"
)

// ClaimParty is the distributor (the shop) as the header block names it.
type ClaimParty struct {
	Name, Contact, Phone, Email, Address string
}

// OEMAllowance is one OEM order on the "OEM allowance" sheet with its evaluated allowance.
type OEMAllowance struct {
	Order      model.OEMOrder
	Allowance  policy.OEMResult
	WindowEnds model.Date
}

// ClaimSheet is everything a claim workbook shows.
type ClaimSheet struct {
	Distributor  ClaimParty
	Manufacturer model.Manufacturer
	Claim        *model.Claim
	Date         model.Date // the day the sheet is issued
	Currency     string
	OEM          []OEMAllowance
}

// ClaimSheetStore is what loading a claim sheet needs; model.Store has it.
type ClaimSheetStore interface {
	FindClaim(ctx context.Context, no model.ClaimNo) (*model.Claim, error)
	ManufacturerByID(ctx context.Context, id model.ManufacturerID) (*model.Manufacturer, error)
	ListOEMOrders(ctx context.Context) ([]model.OEMOrder, error)
	Policy(ctx context.Context, id model.PolicyID, version int) (*model.PolicyRecord, error)
	Setting(ctx context.Context, key string) (string, error)
}

// LoadClaimSheet gathers a claim, its manufacturer, the shop's details from the settings
// and the manufacturer's OEM orders whose claim year overlaps the claim's period.
func LoadClaimSheet(ctx context.Context, st ClaimSheetStore, no model.ClaimNo, today model.Date) (*ClaimSheet, error) {
	c, err := st.FindClaim(ctx, no)
	if err != nil {
		return nil, err
	}
	m, err := st.ManufacturerByID(ctx, c.ManufacturerID)
	if err != nil {
		return nil, err
	}
	s := &ClaimSheet{Manufacturer: *m, Claim: c, Date: today}
	for _, f := range []struct {
		key string
		dst *string
	}{{claimSettingShopName, &s.Distributor.Name}, {claimSettingShopAddress, &s.Distributor.Address},
		{claimSettingShopPhone, &s.Distributor.Phone}, {SettingShopContact, &s.Distributor.Contact},
		{SettingShopEmail, &s.Distributor.Email}, {SettingCurrency, &s.Currency}} {
		if *f.dst, err = st.Setting(ctx, f.key); err != nil {
			return nil, err
		}
		*f.dst = strings.TrimSpace(*f.dst)
	}

	orders, err := st.ListOEMOrders(ctx)
	if err != nil {
		return nil, err
	}
	from, until := c.PeriodFrom, c.PeriodUntil
	if until.IsZero() {
		until = today
	}
	if from.IsZero() {
		from = until.AddMonths(-12)
	}
	rules, err := oemRules(ctx, st, m)
	if err != nil {
		return nil, err
	}
	for _, o := range orders {
		if o.ManufacturerID != m.ID || o.ShipmentDate.After(until) {
			continue
		}
		end := rules.OEM.ClaimWindow.End(o.ShipmentDate)
		if end.Before(from) {
			continue
		}
		res, err := policy.EvaluateOEM(rules, policy.OEMInput{Qty: o.Quantity, Rate: o.SpareRate, Spares: o.SparesReceived,
			Defects: o.Defects, Batch: o.BatchDefect})
		if err != nil {
			return nil, fmt.Errorf("OEM order %s: %w", o.OrderNo, err)
		}
		s.OEM = append(s.OEM, OEMAllowance{Order: o, Allowance: res, WindowEnds: end})
	}
	return s, nil
}

// oemRules is the manufacturer's OEM allowance, or the preset one when it has none.
func oemRules(ctx context.Context, st ClaimSheetStore, m *model.Manufacturer) (policy.Policy, error) {
	if m.OEMPolicy != "" {
		rec, err := st.Policy(ctx, m.OEMPolicy, 0)
		switch {
		case err == nil:
			p, err := policy.FromRecord(*rec)
			if err != nil {
				return policy.Policy{}, err
			}
			if p.OEM != nil {
				return p, nil
			}
		case model.ErrorCode(err) != model.ENOTFOUND:
			return policy.Policy{}, err
		}
	}
	for _, p := range policy.Presets() {
		if p.OEM != nil {
			return p, nil
		}
	}
	return policy.Policy{}, model.Errorf(model.EINTERNAL, "no OEM allowance preset")
}

// claimColumn is one column of the "Claim" sheet.
type claimColumn struct {
	key   string // what the answer reader looks for
	title string
	zh    string
	width float64
	wrap  bool // long text: wrapped, and the row grows with it
	input bool // filled in by the manufacturer
}

// Column keys the answer reader matches.
const (
	colKeyNo       = "no"
	colKeyCaseNo   = "case no"
	colKeyDecision = "decision"
	colKeyCredit   = "credit"
	colKeyNote     = "manufacturer's note"
)

// claimColumns are the columns of the "Claim" sheet, A to T.
var claimColumns = claimColumnsArray[:]

var claimColumnsArray = [...]claimColumn{
	{key: colKeyNo, title: "No.", zh: "序号", width: 5},
	{key: colKeyCaseNo, title: "Case no.", zh: "案件编号", width: 17},
	{title: "Model", zh: "型号", width: 12},
	{title: "Serial no.", zh: "序列号", width: 18},
	{title: "Qty", zh: "数量", width: 6},
	{title: "Shipment date", zh: "发货日期", width: 11.5},
	{title: "Purchase date", zh: "购买日期", width: 11.5},
	{title: "Reported date", zh: "报修日期", width: 11.5},
	{title: "Fault description", zh: "故障描述", width: 34, wrap: true},
	{title: "Fault category", zh: "故障类别", width: 14, wrap: true},
	{title: "Test result", zh: "检测结果", width: 17, wrap: true},
	{title: "Remedy asked", zh: "要求处理方式", width: 15, wrap: true},
	{title: "Unit price", zh: "单价", width: 11},
	{title: "Amount", zh: "金额", width: 12},
	{title: "Freight", zh: "运费", width: 10},
	{title: "Freight borne by", zh: "运费承担方", width: 13, wrap: true},
	{title: "Remarks", zh: "备注", width: 24, wrap: true},
	{key: colKeyDecision, title: "Decision", zh: "处理结果", width: 12, input: true},
	{key: colKeyCredit, title: "Credit", zh: "赔付金额", width: 12, input: true},
	{key: colKeyNote, title: "Manufacturer's note", zh: "厂家说明", width: 28, wrap: true, input: true},
}

// Columns of the "Claim" sheet by meaning (1-based), for formulas and tests.
const (
	ClaimColNo = iota + 1
	ClaimColCaseNo
	ClaimColModel
	ClaimColSerial
	ClaimColQty
	ClaimColShipped
	ClaimColPurchased
	ClaimColReported
	ClaimColFault
	ClaimColCategory
	ClaimColTestResult
	ClaimColRemedy
	ClaimColUnitPrice
	ClaimColAmount
	ClaimColFreight
	ClaimColFreightBy
	ClaimColRemarks
	ClaimColDecision
	ClaimColCredit
	ClaimColNote
)

// ColName is a column's letters: 1 → "A".
func ColName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// claimStyles are the cell styles of the workbook, made once.
type claimStyles struct {
	title, subtitle, label, value, valueDate, note          int
	header, headerInput                                     int
	text, textWrap, center, date, qty, money, amount        int
	inputText, inputMoney, inputNote                        int
	total, totalLabel, totalMoney, totalQty, sign, percent  int
	sumHeader, sumText, sumInt, sumMoney, sumTotal, sumTInt int
}

func newClaimStyles(f *excelize.File) (*claimStyles, error) {
	thin := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	dark := []excelize.Border{{Type: "left", Color: "FFFFFF", Style: 1}, {Type: "right", Color: "FFFFFF", Style: 1},
		{Type: "top", Color: "1F3864", Style: 1}, {Type: "bottom", Color: "1F3864", Style: 1}}
	totalB := []excelize.Border{{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 6}}
	font := func(size float64, bold bool, color string) *excelize.Font {
		return &excelize.Font{Family: "Arial", Size: size, Bold: bold, Color: color}
	}
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	money := "#,##0.00"
	dateFmt := "yyyy-mm-dd"
	text := 49 // "@": the cell stays text even when it is edited
	top := &excelize.Alignment{Vertical: "top"}
	textTop := &excelize.Alignment{Horizontal: "left", Vertical: "top", Indent: 1}
	wrapTop := &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true, Indent: 1}
	centerTop := &excelize.Alignment{Horizontal: "center", Vertical: "top"}
	s := &claimStyles{}
	for _, d := range []struct {
		dst *int
		st  excelize.Style
	}{
		{&s.title, excelize.Style{Font: font(16, true, "1F3864"), Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.subtitle, excelize.Style{Font: font(10, false, "595959"), Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.label, excelize.Style{Font: font(9, true, "404040"), Fill: fill("E7ECF3"), Border: thin,
			Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.value, excelize.Style{Font: font(10, false, "000000"), Border: thin, NumFmt: text,
			Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "left", ShrinkToFit: true}}},
		{&s.valueDate, excelize.Style{Font: font(10, false, "000000"), Border: thin, CustomNumFmt: &dateFmt,
			Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "left"}}},
		{&s.note, excelize.Style{Font: &excelize.Font{Family: "Arial", Size: 9, Italic: true, Color: "7F6000"},
			Fill: fill("FFF2CC"), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&s.header, excelize.Style{Font: font(9, true, "FFFFFF"), Fill: fill("1F3864"), Border: dark,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.headerInput, excelize.Style{Font: font(9, true, "000000"), Fill: fill("FFC000"), Border: dark,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.text, excelize.Style{Font: font(9, false, "000000"), Border: thin, NumFmt: text, Alignment: textTop}},
		{&s.textWrap, excelize.Style{Font: font(9, false, "000000"), Border: thin, NumFmt: text, Alignment: wrapTop}},
		{&s.center, excelize.Style{Font: font(9, false, "000000"), Border: thin, NumFmt: 1, Alignment: centerTop}},
		{&s.date, excelize.Style{Font: font(9, false, "000000"), Border: thin, CustomNumFmt: &dateFmt, Alignment: centerTop}},
		{&s.qty, excelize.Style{Font: font(9, false, "000000"), Border: thin, NumFmt: 1, Alignment: centerTop}},
		{&s.money, excelize.Style{Font: font(9, false, "000000"), Border: thin, CustomNumFmt: &money, Alignment: top}},
		{&s.amount, excelize.Style{Font: font(9, false, "000000"), Border: thin, CustomNumFmt: &money, Alignment: top,
			Fill: fill("F2F2F2")}},
		{&s.inputText, excelize.Style{Font: font(9, true, "000000"), Border: thin, Fill: fill("FFF2CC"), NumFmt: text,
			Alignment: centerTop, Protection: &excelize.Protection{Locked: false}}},
		{&s.inputMoney, excelize.Style{Font: font(9, false, "000000"), Border: thin, Fill: fill("FFF2CC"),
			CustomNumFmt: &money, Alignment: top, Protection: &excelize.Protection{Locked: false}}},
		{&s.inputNote, excelize.Style{Font: font(9, false, "000000"), Border: thin, Fill: fill("FFF2CC"), NumFmt: text,
			Alignment: wrapTop, Protection: &excelize.Protection{Locked: false}}},
		{&s.totalLabel, excelize.Style{Font: font(10, true, "000000"), Border: totalB,
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}},
		{&s.total, excelize.Style{Font: font(10, true, "000000"), Border: totalB}},
		{&s.totalQty, excelize.Style{Font: font(10, true, "000000"), Border: totalB, NumFmt: 1,
			Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&s.totalMoney, excelize.Style{Font: font(10, true, "000000"), Border: totalB, CustomNumFmt: &money}},
		{&s.sign, excelize.Style{Font: font(9, false, "404040"), Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
			Alignment: &excelize.Alignment{Vertical: "bottom"}}},
		{&s.percent, excelize.Style{Font: font(9, false, "000000"), Border: thin, CustomNumFmt: xptr("0.0##%"), Alignment: centerTop}},
		{&s.sumHeader, excelize.Style{Font: font(10, true, "FFFFFF"), Fill: fill("1F3864"), Border: dark,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.sumText, excelize.Style{Font: font(10, false, "000000"), Border: thin, NumFmt: text}},
		{&s.sumInt, excelize.Style{Font: font(10, false, "000000"), Border: thin, NumFmt: 1,
			Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&s.sumMoney, excelize.Style{Font: font(10, false, "000000"), Border: thin, CustomNumFmt: &money}},
		{&s.sumTotal, excelize.Style{Font: font(10, true, "000000"), Border: totalB, CustomNumFmt: &money}},
		{&s.sumTInt, excelize.Style{Font: font(10, true, "000000"), Border: totalB, NumFmt: 1,
			Alignment: &excelize.Alignment{Horizontal: "center"}}},
	} {
		id, err := f.NewStyle(&d.st)
		if err != nil {
			return nil, err
		}
		*d.dst = id
	}
	return s, nil
}

func xptr[T any](v T) *T { return &v }

// moneyValue is an amount as a spreadsheet number (exact to the cent when shown with two decimals).
func moneyValue(m model.Money) float64 { return float64(m) / 100 }

// dateValue is a date as a spreadsheet date cell; nil (an empty cell) for an unknown date.
func dateValue(d model.Date) any {
	if d.IsZero() {
		return nil
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// sheetText is text a person typed, made safe for a cell: written as a string (never a
// formula, whatever it starts with), without control characters.
func sheetText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return -1
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// textCell is a string cell: excelize writes it as an inline string, so text that begins
// with = + - or @ stays text; the text number format keeps it text when it is edited.
func textCell(style int, s string) excelize.Cell {
	return excelize.Cell{StyleID: style, Value: sheetText(s)}
}

// wrappedLines estimates how many lines text takes in a wrapped column of the given width.
func wrappedLines(s string, width float64) int {
	per := int(width * 1.3) // 9 pt text in a column measured in 11 pt characters
	if per < 4 {
		per = 4
	}
	n := 0
	for para := range strings.SplitSeq(s, "\n") {
		w := textwidth.String(para)
		n += max(1, (w+per-1)/per)
	}
	return n
}

// WriteClaimSheet writes the claim workbook: the "Claim" sheet (streamed, so that claims
// of any size fit in little memory), "OEM allowance" and "Summary".
func WriteClaimSheet(w io.Writer, s *ClaimSheet) error {
	f, err := buildClaimWorkbook(s)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing the claim sheet: %w", err)
	}
	return nil
}

// SaveClaimSheet writes the claim workbook to path, whole or not at all, never over a file
// that guard protects.
func SaveClaimSheet(path string, guard outfile.Guard, s *ClaimSheet) error {
	return outfile.Write(path, guard, 0o644, func(f *os.File) error { return WriteClaimSheet(f, s) })
}

func buildClaimWorkbook(s *ClaimSheet) (*excelize.File, error) {
	if s == nil || s.Claim == nil {
		return nil, model.Invalid("claim", "is required")
	}
	f := excelize.NewFile()
	ok := false
	defer func() {
		if !ok {
			f.Close()
		}
	}()
	if err := f.SetSheetName("Sheet1", SheetClaim); err != nil {
		return nil, err
	}
	for _, name := range []string{SheetOEM, SheetSummary} {
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	// Before the sheets are streamed: afterwards it would read every streamed sheet back in.
	f.SetActiveSheet(0)
	st, err := newClaimStyles(f)
	if err != nil {
		return nil, err
	}
	if err := writeClaimLines(f, st, s); err != nil {
		return nil, err
	}
	if err := writeOEMSheet(f, st, s); err != nil {
		return nil, err
	}
	if err := writeSummarySheet(f, st, s); err != nil {
		return nil, err
	}
	yes := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}); err != nil {
		return nil, err
	}
	title := fmt.Sprintf("Warranty claim %s to %s", s.Claim.ClaimNo, s.Manufacturer.Name)
	if err := f.SetDocProps(&excelize.DocProperties{Title: sheetText(title), Creator: "ReturnDesk",
		Created: dateTimeText(s.Date), Modified: dateTimeText(s.Date)}); err != nil {
		return nil, err
	}
	ok = true
	return f, nil
}

// dateTimeText is the document date, fixed so that the same claim gives the same file.
func dateTimeText(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String() + "T00:00:00Z"
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// headerEscape doubles '&', which starts a code in a printed header or footer.
func headerEscape(s string) string { return strings.ReplaceAll(sheetText(s), "&", "&&") }

// lastClaimCol is the last column of the "Claim" sheet (T).
var lastClaimCol = len(claimColumns)

// writeClaimLines streams the "Claim" sheet. Everything that lives in the worksheet's
// settings (page set-up, fit to page, auto-filter, drop-down) is set before Flush, which
// writes them; the rows go strictly in order.
func writeClaimLines(f *excelize.File, st *claimStyles, s *ClaimSheet) error {
	c := s.Claim
	n := len(c.Lines)
	lastLine := ClaimFirstLineRow + n - 1
	if n == 0 {
		lastLine = ClaimFirstLineRow
	}
	totalRow := lastLine + 1
	last := ColName(lastClaimCol)

	if err := fitToPageWidth(f, SheetClaim, "landscape"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetClaim)
	if err != nil {
		return err
	}
	for i, col := range claimColumns {
		if err := sw.SetColWidth(i+1, i+1, col.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: ClaimColSerial - 1, YSplit: ClaimHeaderRow,
		TopLeftCell: cellName(ClaimColSerial, ClaimFirstLineRow), ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: cellName(ClaimColDecision, ClaimFirstLineRow),
			ActiveCell: cellName(ClaimColDecision, ClaimFirstLineRow), Pane: "bottomRight"}}}); err != nil {
		return err
	}

	row := func(r int, cells []any, height float64) error {
		return sw.SetRow(cellName(1, r), cells, excelize.RowOpts{Height: height})
	}
	merge := func(from, to string) error { return sw.MergeCell(from, to) }

	// Title.
	title := "WARRANTY CLAIM  保修索赔单"
	if err := row(1, []any{excelize.Cell{StyleID: st.title, Value: title}}, 28); err != nil {
		return err
	}
	if err := merge("A1", last+"1"); err != nil {
		return err
	}
	sub := fmt.Sprintf("Claim %s from %s to %s after-sales department", c.ClaimNo,
		orText(s.Distributor.Name, "the distributor"), s.Manufacturer.Name)
	if err := row(2, []any{textCell(st.subtitle, sub)}, 16); err != nil {
		return err
	}
	if err := merge("A2", last+"2"); err != nil {
		return err
	}

	// Header block: label (A:C) and value (D:I) on the left, label (J:L) and value (M:Q) on the right.
	period := joinNonEmpty(" – ", c.PeriodFrom.String(), c.PeriodUntil.String())
	currency := orText(s.Currency, "—")
	type pair struct {
		label string
		value any // a string or a date
	}
	left := []pair{
		{"Distributor 经销商", s.Distributor.Name},
		{"Address 地址", s.Distributor.Address},
		{"Contact 联系人", joinNonEmpty(" · ", s.Distributor.Contact, s.Distributor.Phone, s.Distributor.Email)},
		{"Manufacturer 厂家", s.Manufacturer.Name},
		{"Manufacturer contact 厂家联系人", joinNonEmpty(" · ", s.Manufacturer.Contact, s.Manufacturer.Phone, s.Manufacturer.Email)},
		{"After-sales address 售后地址", orText(s.Manufacturer.AfterSalesAddress, s.Manufacturer.Address)},
	}
	right := []pair{
		{"Claim no. 索赔单号", string(c.ClaimNo)},
		{"Date 日期", s.Date},
		{"Period 期间", period},
		{"Lines 行数", n},
		{"Currency 币种", currency},
		{"Total claimed 索赔总额", excelize.Cell{StyleID: st.value, Formula: fmt.Sprintf("%s%d", ColName(ClaimColAmount), totalRow)}},
	}
	for i := range left {
		r := 3 + i
		cells := make([]any, 17)
		cells[0] = textCell(st.label, left[i].label)
		cells[1], cells[2] = excelize.Cell{StyleID: st.label}, excelize.Cell{StyleID: st.label}
		cells[3] = textCell(st.value, fmt.Sprint(left[i].value))
		for k := 4; k < 9; k++ {
			cells[k] = excelize.Cell{StyleID: st.value}
		}
		cells[9] = textCell(st.label, right[i].label)
		cells[10], cells[11] = excelize.Cell{StyleID: st.label}, excelize.Cell{StyleID: st.label}
		switch v := right[i].value.(type) {
		case model.Date:
			cells[12] = excelize.Cell{StyleID: st.valueDate, Value: dateValue(v)}
		case int:
			cells[12] = excelize.Cell{StyleID: st.value, Value: v}
		case excelize.Cell:
			v.Value = moneyValue(claimTotal(c))
			money, _ := moneyStyleFor(f, st.value)
			v.StyleID = money
			cells[12] = v
		default:
			cells[12] = textCell(st.value, fmt.Sprint(v))
		}
		for k := 13; k < 17; k++ {
			cells[k] = excelize.Cell{StyleID: st.value}
		}
		if err := row(r, cells, 17); err != nil {
			return err
		}
		for _, m := range [][2]string{{"A", "C"}, {"D", "I"}, {"J", "L"}, {"M", "Q"}} {
			if err := merge(fmt.Sprintf("%s%d", m[0], r), fmt.Sprintf("%s%d", m[1], r)); err != nil {
				return err
			}
		}
	}
	instr := "Manufacturer, please fill in the yellow columns for every line — Decision (choose Accepted, Rejected or Partly), " +
		"Credit and a note for rejected or partly accepted lines — and return this file. " +
		"厂家请在黄色栏填写每一行的处理结果（接受 / 拒绝 / 部分）、赔付金额及说明，并回传此文件。"
	if err := row(9, []any{textCell(st.note, instr)}, 30); err != nil {
		return err
	}
	if err := merge("A9", last+"9"); err != nil {
		return err
	}

	// Column titles.
	titles := make([]any, len(claimColumns))
	for i, col := range claimColumns {
		style := st.header
		if col.input {
			style = st.headerInput
		}
		titles[i] = excelize.Cell{StyleID: style, Value: col.title + "\n" + col.zh}
	}
	if err := row(ClaimHeaderRow, titles, 30); err != nil {
		return err
	}

	// One row a line, written from one set of cells reused row after row (SetRow copies them out).
	var cells [len(claimColumnsArray)]excelize.Cell
	rowCells := make([]any, len(cells))
	for k := range cells {
		rowCells[k] = &cells[k]
	}
	qtyCol, priceCol := ColName(ClaimColQty), ColName(ClaimColUnitPrice)
	for i, l := range c.Lines {
		r := ClaimFirstLineRow + i
		rs := strconv.Itoa(r)
		cells = [...]excelize.Cell{
			{StyleID: st.qty, Value: i + 1},
			textCell(st.text, string(l.CaseNo)),
			textCell(st.text, string(l.Model)),
			textCell(st.text, string(l.Serial)),
			{StyleID: st.qty, Value: l.Quantity},
			{StyleID: st.date, Value: dateValue(l.ShipmentDate)},
			{StyleID: st.date, Value: dateValue(l.PurchaseDate)},
			{StyleID: st.date, Value: dateValue(l.ReportedDate)},
			textCell(st.textWrap, l.Fault),
			textCell(st.textWrap, l.FaultCategory),
			textCell(st.textWrap, l.Cause.Label().String()),
			textCell(st.textWrap, l.RemedyAsked.Label().String()),
			{StyleID: st.money, Value: moneyValue(l.UnitPrice)},
			{StyleID: st.amount, Value: moneyValue(l.Amount()), Formula: qtyCol + rs + "*" + priceCol + rs},
			{StyleID: st.money, Value: moneyValue(l.Freight)},
			textCell(st.textWrap, model.FreightByLabel(l.FreightBy).String()),
			textCell(st.textWrap, l.Note),
			textCell(st.inputText, l.Decision.Label().String()),
			creditCell(st, l),
			textCell(st.inputNote, l.AnswerNote),
		}
		lines := 1
		for k, col := range claimColumns {
			if t, ok := cells[k].Value.(string); ok && col.wrap {
				lines = max(lines, wrappedLines(t, col.width))
			}
		}
		if err := sw.SetRow("A"+rs, rowCells, excelize.RowOpts{Height: float64(min(lines, 8))*11.5 + 3}); err != nil {
			return err
		}
	}
	if n == 0 {
		if err := row(ClaimFirstLineRow, []any{textCell(st.text, "")}, 15); err != nil {
			return err
		}
	}

	// Totals, as formulas over the lines.
	rng := func(col int) string {
		return fmt.Sprintf("%s%d:%s%d", ColName(col), ClaimFirstLineRow, ColName(col), lastLine)
	}
	var qty int
	var freight, credit model.Money
	for _, l := range c.Lines {
		qty += l.Quantity
		freight += l.Freight
		credit += l.Credit
	}
	totals := make([]any, lastClaimCol)
	for i := range totals {
		totals[i] = excelize.Cell{StyleID: st.total}
	}
	totals[0] = excelize.Cell{StyleID: st.totalLabel, Value: "Total 合计"}
	totals[ClaimColQty-1] = excelize.Cell{StyleID: st.totalQty, Formula: "SUM(" + rng(ClaimColQty) + ")", Value: qty}
	totals[ClaimColAmount-1] = excelize.Cell{StyleID: st.totalMoney, Formula: "SUM(" + rng(ClaimColAmount) + ")", Value: moneyValue(claimTotal(c))}
	totals[ClaimColFreight-1] = excelize.Cell{StyleID: st.totalMoney, Formula: "SUM(" + rng(ClaimColFreight) + ")", Value: moneyValue(freight)}
	totals[ClaimColCredit-1] = excelize.Cell{StyleID: st.totalMoney, Formula: "SUM(" + rng(ClaimColCredit) + ")", Value: moneyValue(credit)}
	if err := row(totalRow, totals, 18); err != nil {
		return err
	}
	if err := merge(fmt.Sprintf("A%d", totalRow), fmt.Sprintf("D%d", totalRow)); err != nil {
		return err
	}

	// Signatures.
	signRow := totalRow + 3
	sign := make([]any, 17)
	sign[0] = textCell(st.sign, "Prepared by (distributor) 经销商经办人:")
	sign[9] = textCell(st.sign, "Checked by (manufacturer after-sales) 厂家售后审核:")
	for _, k := range []int{1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16} {
		sign[k] = excelize.Cell{StyleID: st.sign}
	}
	if err := row(signRow, sign, 26); err != nil {
		return err
	}
	dateRow := make([]any, 17)
	dateRow[0] = textCell(st.sign, "Date 日期:")
	dateRow[9] = textCell(st.sign, "Date 日期:")
	for _, k := range []int{1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16} {
		dateRow[k] = excelize.Cell{StyleID: st.sign}
	}
	if err := row(signRow+1, dateRow, 26); err != nil {
		return err
	}

	// The drop-down and the check on the credit, over every line.
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(rng(ClaimColDecision))
	if err := dv.SetDropList(DecisionChoices); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Decision 处理结果", "Choose Accepted, Rejected or Partly. 请选择 Accepted、Rejected 或 Partly。")
	dv.SetInput("Decision 处理结果", "Accepted, Rejected or Partly")
	if err := f.AddDataValidation(SheetClaim, dv); err != nil {
		return err
	}
	cv := excelize.NewDataValidation(true)
	cv.SetSqref(rng(ClaimColCredit))
	if err := cv.SetRange(0, 1e9, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	cv.SetError(excelize.DataValidationErrorStyleStop, "Credit 赔付金额", "The credit is an amount of 0 or more.")
	if err := f.AddDataValidation(SheetClaim, cv); err != nil {
		return err
	}
	if err := f.AutoFilter(SheetClaim, fmt.Sprintf("A%d:%s%d", ClaimHeaderRow, last, lastLine), nil); err != nil {
		return err
	}

	// Print set-up (landscape A4, one page wide, set by fitToPageWidth): margins, footer and
	// the column titles on every page.
	if err := f.SetPageMargins(SheetClaim, &excelize.PageLayoutMarginsOptions{Left: xptr(0.4), Right: xptr(0.4),
		Top: xptr(0.6), Bottom: xptr(0.6), Header: xptr(0.25), Footer: xptr(0.25), Horizontally: xptr(true)}); err != nil {
		return err
	}
	footer := fmt.Sprintf("&L&8%s · %s&C&8Page &P of &N&R&8%s", headerEscape(string(c.ClaimNo)),
		headerEscape(s.Manufacturer.Name), headerEscape(orText(s.Distributor.Name, "ReturnDesk")))
	if err := f.SetHeaderFooter(SheetClaim, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: SheetClaim,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", SheetClaim, ClaimHeaderRow, ClaimHeaderRow)}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: SheetClaim,
		RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", SheetClaim, last, signRow+1)}); err != nil {
		return err
	}
	return sw.Flush()
}

// fitToPageWidth prints a sheet on A4 one page wide (as many pages long as it takes).
// The fit-to-page flag lives in the sheet's properties, which a stream writer writes
// first: call it before NewStreamWriter. The page set-up is written by Flush.
func fitToPageWidth(f *excelize.File, sheet, orientation string) error {
	yes := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: xptr(9), Orientation: &orientation,
		FitToWidth: xptr(1), FitToHeight: xptr(0)})
}

// moneyStyleFor is the header block's value style with the money format.
func moneyStyleFor(f *excelize.File, base int) (int, error) {
	st, err := f.GetStyle(base)
	if err != nil {
		return base, err
	}
	money := "#,##0.00"
	st.CustomNumFmt = &money
	st.NumFmt = 0
	return f.NewStyle(st)
}

// creditCell is the Credit input: empty until the manufacturer answers.
func creditCell(st *claimStyles, l model.ClaimLine) excelize.Cell {
	if l.Decision == model.DecisionNone {
		return excelize.Cell{StyleID: st.inputMoney}
	}
	return excelize.Cell{StyleID: st.inputMoney, Value: moneyValue(l.Credit)}
}

func claimTotal(c *model.Claim) model.Money {
	var t model.Money
	for _, l := range c.Lines {
		t += l.Amount()
	}
	return t
}

func orText(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}

// writeOEMSheet streams the "OEM allowance" sheet: per OEM order the quantity, spare rate,
// spares, defects within the year and the claimable excess.
func writeOEMSheet(f *excelize.File, st *claimStyles, s *ClaimSheet) error {
	if err := fitToPageWidth(f, SheetOEM, "landscape"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetOEM)
	if err != nil {
		return err
	}
	heads := []struct {
		title string
		width float64
	}{{"Order no.\n订单号", 16}, {"Model\n型号", 13}, {"Brand / customer\n品牌 / 客户", 22}, {"Shipment date\n发货日期", 12},
		{"Claim window ends\n索赔期截止", 12}, {"Quantity\n数量", 10}, {"Spare rate\n备品率", 9}, {"Spares\n备品数", 9},
		{"Spares counted\n备品来源", 12}, {"Defects in year\n一年内不良", 11}, {"Covered by spares\n备品抵扣", 11},
		{"Claimable excess\n可索赔数量", 11}, {"Batch defect\n批量不良", 10}, {"Remedies\n处理方式", 30}}
	for i, h := range heads {
		if err := sw.SetColWidth(i+1, i+1, h.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: "OEM spare allowance  OEM 备品"}},
		excelize.RowOpts{Height: 26}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", []any{textCell(st.subtitle, fmt.Sprintf("%s orders whose claim year overlaps claim %s. "+
		"Spares absorb the defects reported within the year; each defect beyond them is claimable. A batch defect is claimed whole.",
		s.Manufacturer.Name, s.Claim.ClaimNo))}, excelize.RowOpts{Height: 16}); err != nil {
		return err
	}
	titles := make([]any, len(heads))
	for i, h := range heads {
		titles[i] = excelize.Cell{StyleID: st.header, Value: h.title}
	}
	if err := sw.SetRow("A3", titles, excelize.RowOpts{Height: 42}); err != nil {
		return err
	}
	if len(s.OEM) == 0 {
		if err := sw.SetRow("A4", []any{textCell(st.subtitle, "No OEM orders of "+s.Manufacturer.Name+" in the claim period.")},
			excelize.RowOpts{Height: 18}); err != nil {
			return err
		}
		if err := sw.MergeCell("A4", cellName(len(heads), 4)); err != nil {
			return err
		}
		return sw.Flush()
	}
	for i, a := range s.OEM {
		r := 4 + i
		o, res := a.Order, a.Allowance
		rate := 0.0
		if o.SpareRate != "" {
			if q, ok := new(big.Rat).SetString(o.SpareRate); ok {
				rate, _ = q.Quo(q, big.NewRat(100, 1)).Float64()
			}
		}
		counted := "Expected (qty × rate)"
		if res.SparesCounted {
			counted = "Received"
		}
		batch := "No"
		if o.BatchDefect {
			batch = "Yes"
		}
		var remedies []string
		for _, rm := range res.Remedies {
			remedies = append(remedies, rm.Label().String())
		}
		cells := []any{
			textCell(st.text, o.OrderNo),
			textCell(st.text, string(o.Model)),
			textCell(st.textWrap, o.Customer),
			excelize.Cell{StyleID: st.date, Value: dateValue(o.ShipmentDate)},
			excelize.Cell{StyleID: st.date, Value: dateValue(a.WindowEnds)},
			excelize.Cell{StyleID: st.qty, Value: o.Quantity},
			excelize.Cell{StyleID: st.percent, Value: rate},
			excelize.Cell{StyleID: st.qty, Value: res.Spares},
			textCell(st.text, counted),
			excelize.Cell{StyleID: st.qty, Value: res.Defects},
			excelize.Cell{StyleID: st.qty, Value: res.CoveredBySpares,
				Formula: fmt.Sprintf(`IF(M%d="Yes",0,MIN(J%d,H%d))`, r, r, r)},
			excelize.Cell{StyleID: st.qty, Value: res.Claimable, Formula: fmt.Sprintf("J%d-K%d", r, r)},
			textCell(st.qty, batch),
			textCell(st.textWrap, strings.Join(remedies, ", ")),
		}
		if err := sw.SetRow(cellName(1, r), cells, excelize.RowOpts{Height: 15}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// summaryGroup is one row of a Summary table: the lines sharing a remedy, a model or a decision.
type summaryGroup struct {
	key          string
	lines, qty   int
	amount, cred model.Money
}

// writeSummarySheet streams the "Summary" sheet: totals by remedy, by model and by
// decision, as formulas over the "Claim" sheet (with their values cached for readers
// that do not calculate).
func writeSummarySheet(f *excelize.File, st *claimStyles, s *ClaimSheet) error {
	c := s.Claim
	lastLine := ClaimFirstLineRow + max(len(c.Lines), 1) - 1
	ref := func(col int) string {
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", SheetClaim, ColName(col), ClaimFirstLineRow, ColName(col), lastLine)
	}
	group := func(key func(l model.ClaimLine) string) []summaryGroup {
		m := map[string]*summaryGroup{}
		var order []string
		for _, l := range c.Lines {
			k := key(l)
			g := m[k]
			if g == nil {
				g = &summaryGroup{key: k}
				m[k] = g
				order = append(order, k)
			}
			g.lines++
			g.qty += l.Quantity
			g.amount += l.Amount()
			g.cred += l.Credit
		}
		sort.Strings(order)
		out := make([]summaryGroup, len(order))
		for i, k := range order {
			out[i] = *m[k]
		}
		return out
	}

	if err := fitToPageWidth(f, SheetSummary, "portrait"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetSummary)
	if err != nil {
		return err
	}
	for i, w := range []float64{28, 10, 10, 16, 16} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	r := 1
	put := func(cells []any, h float64) error {
		err := sw.SetRow(cellName(1, r), cells, excelize.RowOpts{Height: h})
		r++
		return err
	}
	if err := put([]any{excelize.Cell{StyleID: st.title, Value: "Summary  汇总"}}, 26); err != nil {
		return err
	}
	if err := put([]any{textCell(st.subtitle, fmt.Sprintf("Claim %s to %s, %d lines", c.ClaimNo, s.Manufacturer.Name, len(c.Lines)))}, 16); err != nil {
		return err
	}
	table := func(title, zh string, col int, emptyLabel string, groups []summaryGroup) error {
		r++
		if err := put([]any{
			excelize.Cell{StyleID: st.sumHeader, Value: title + "\n" + zh},
			excelize.Cell{StyleID: st.sumHeader, Value: "Lines\n行数"},
			excelize.Cell{StyleID: st.sumHeader, Value: "Quantity\n数量"},
			excelize.Cell{StyleID: st.sumHeader, Value: "Amount claimed\n索赔金额"},
			excelize.Cell{StyleID: st.sumHeader, Value: "Credit\n赔付金额"},
		}, 30); err != nil {
			return err
		}
		first := r
		for _, g := range groups {
			k := fmt.Sprintf("$A%d", r)
			match := fmt.Sprintf("(%s=%s)", ref(col), k)
			if g.key == "" {
				match = fmt.Sprintf(`(%s="")`, ref(col))
			}
			label := g.key
			if label == "" {
				label = emptyLabel
			}
			cells := []any{
				textCell(st.sumText, label),
				excelize.Cell{StyleID: st.sumInt, Value: g.lines, Formula: fmt.Sprintf("SUMPRODUCT(%s*1)", match)},
				excelize.Cell{StyleID: st.sumInt, Value: g.qty, Formula: fmt.Sprintf("SUMPRODUCT(%s*%s)", match, ref(ClaimColQty))},
				excelize.Cell{StyleID: st.sumMoney, Value: moneyValue(g.amount), Formula: fmt.Sprintf("SUMPRODUCT(%s*%s)", match, ref(ClaimColAmount))},
				excelize.Cell{StyleID: st.sumMoney, Value: moneyValue(g.cred), Formula: fmt.Sprintf("SUMPRODUCT(%s*%s)", match, ref(ClaimColCredit))},
			}
			if err := put(cells, 16); err != nil {
				return err
			}
		}
		var t summaryGroup
		for _, g := range groups {
			t.lines += g.lines
			t.qty += g.qty
			t.amount += g.amount
			t.cred += g.cred
		}
		lastG := r - 1
		sum := func(col string) string {
			if lastG < first {
				return "0"
			}
			return fmt.Sprintf("SUM(%s%d:%s%d)", col, first, col, lastG)
		}
		return put([]any{
			excelize.Cell{StyleID: st.totalLabel, Value: "Total 合计"},
			excelize.Cell{StyleID: st.sumTInt, Value: t.lines, Formula: sum("B")},
			excelize.Cell{StyleID: st.sumTInt, Value: t.qty, Formula: sum("C")},
			excelize.Cell{StyleID: st.sumTotal, Value: moneyValue(t.amount), Formula: sum("D")},
			excelize.Cell{StyleID: st.sumTotal, Value: moneyValue(t.cred), Formula: sum("E")},
		}, 18)
	}
	if err := table("By remedy asked", "按处理方式", ClaimColRemedy, "(none)", group(func(l model.ClaimLine) string {
		return l.RemedyAsked.Label().String()
	})); err != nil {
		return err
	}
	if err := table("By model", "按型号", ClaimColModel, "(none)", group(func(l model.ClaimLine) string {
		return sheetText(string(l.Model))
	})); err != nil {
		return err
	}
	// Every decision has its row, so that the table follows the answers as they are typed.
	byDecision := map[string]summaryGroup{}
	for _, g := range group(func(l model.ClaimLine) string { return l.Decision.Label().String() }) {
		byDecision[g.key] = g
	}
	var decisionRows []summaryGroup
	for _, k := range append(append([]string{}, DecisionChoices...), "") {
		g := byDecision[k]
		g.key = k
		decisionRows = append(decisionRows, g)
	}
	if err := table("By decision", "按处理结果", ClaimColDecision, "Not answered yet", decisionRows); err != nil {
		return err
	}
	return sw.Flush()
}
