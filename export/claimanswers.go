package export

import (
	"errors"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"returndesk/model"
	"returndesk/outfile"
)

// ClaimAnswers is what a claim sheet returned by the manufacturer says.
type ClaimAnswers struct {
	ClaimNo  model.ClaimNo       // from the header block; "" when the sheet does not say
	Sheet    string              // the sheet the answers were read from
	Answers  []model.ClaimAnswer // one per line with a case number, in sheet order
	Problems []model.Text        // cells that could not be read, by row: see Refusal
}

// Refusal is the reason not to import the answers at all, or nil: a decision or credit
// that cannot be read is most likely a typo in the sheet, and recording the other lines
// while that one stays unanswered would hide it. The dealer fixes the sheet and imports
// it again (importing is idempotent).
func (a *ClaimAnswers) Refusal(file string) error {
	if len(a.Problems) == 0 {
		return nil
	}
	list := a.Problems[0]
	for _, p := range a.Problems[1:] {
		list = model.T("%s; %s", list, p)
	}
	return model.Errorf(model.EINVALID, "%s: %s cannot be read, nothing was imported: %s", file,
		model.Count(len(a.Problems), "a cell", "%d cells"), list)
}

var (
	claimNoPattern = regexp.MustCompile(`^CLM-\d{4}-\d+$`)
	// claimHeaderKeys maps the normalised first line (or the Chinese line) of a column
	// title to the column it names.
	claimHeaderKeys = map[string]string{}
)

func init() {
	for _, c := range claimColumns {
		if c.key == "" {
			continue
		}
		claimHeaderKeys[claimHeaderKey(c.title)] = c.key
		claimHeaderKeys[claimHeaderKey(c.zh)] = c.key
	}
	for k, v := range map[string]string{"case number": colKeyCaseNo, "rma": colKeyCaseNo, "rma no": colKeyCaseNo,
		"decision (manufacturer)": colKeyDecision, "result": colKeyDecision, "credit amount": colKeyCredit,
		"note": colKeyNote, "reason": colKeyNote, "manufacturer note": colKeyNote, "manufacturers note": colKeyNote} {
		claimHeaderKeys[claimHeaderKey(k)] = v
	}
}

// claimHeaderKey folds a column title for matching: each line of it on its own, lower
// case, without the trailing full stop and surrounding spaces.
func claimHeaderKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.TrimSuffix(s, ".")
	s = strings.ReplaceAll(s, "’", "'")
	return strings.TrimSpace(s)
}

// headerColumn says which claim column a title cell names ("" for none): "Decision\n处理结果"
// matches by either of its lines.
func headerColumn(cell string) string {
	if k, ok := claimHeaderKeys[claimHeaderKey(cell)]; ok {
		return k
	}
	for _, line := range strings.Split(cell, "\n") {
		if k, ok := claimHeaderKeys[claimHeaderKey(line)]; ok {
			return k
		}
	}
	return ""
}

// ReadClaimAnswersFile reads a returned claim sheet from a file.
func ReadClaimAnswersFile(path string) (*ClaimAnswers, error) {
	f, fi, err := outfile.OpenInput(path)
	if err != nil {
		return nil, model.Wrap(model.EINVALID, err, "%s", path)
	}
	defer f.Close()
	if fi.Size() > int64(maxFileSize) {
		return nil, model.Errorf(model.EINVALID, "%s is too large (%d MB; at most %d MB)", path, fi.Size()>>20, maxFileSize>>20)
	}
	ans, err := ReadClaimAnswers(f)
	if err != nil {
		return nil, model.Wrap(model.EINVALID, err, "%s", filepath.Base(path))
	}
	return ans, nil
}

// ReadClaimAnswers reads the manufacturer's answers from a claim sheet: the claim number
// from the header block, then, below the row of column titles, each line's case number,
// Decision, Credit and note. Columns are found by their titles, so a sheet whose columns
// were moved or added to still reads. Lines without a case number (totals, signatures)
// are skipped.
func ReadClaimAnswers(r io.Reader) (*ClaimAnswers, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(maxFileSize)+1))
	if err != nil {
		return nil, model.Wrap(model.EINVALID, err, "cannot read the file")
	}
	if len(data) > maxFileSize {
		return nil, tooBig()
	}
	f, err := openWorkbook(data)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, model.Errorf(model.EINVALID, "the workbook has no sheets")
	}
	sheet := sheets[0]
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), SheetClaim) {
			sheet = s
		}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, model.Wrap(model.EINVALID, err, "cannot read sheet %q", sheet)
	}
	defer rows.Close()

	out := &ClaimAnswers{Sheet: sheet, Answers: []model.ClaimAnswer{}, Problems: []model.Text{}}
	cols := map[string]int{} // column key → 0-based index, once the title row is found
	var lines []answerLine   // the rows with a case number
	rowNo, filled := 0, 0    // filled counts the rows that hold something
	for rows.Next() {
		rowNo++
		if rowNo > excelize.TotalRows {
			return nil, model.Errorf(model.EINVALID, "sheet %q has more rows than Excel allows; it is damaged", sheet)
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, model.Wrap(model.EINVALID, err, "row %d cannot be read", rowNo)
		}
		if len(cells) == 0 {
			continue // an empty row, perhaps one of a million formatted ones
		}
		if filled++; filled > maxRows+ClaimHeaderRow {
			return nil, tooManyRows()
		}
		if _, found := cols[colKeyCaseNo]; !found {
			// Above the titles: the header block, which names the claim.
			found := map[string]int{}
			for i, v := range cells {
				v = strings.TrimSpace(v)
				if out.ClaimNo == "" && claimNoPattern.MatchString(strings.ToUpper(v)) {
					out.ClaimNo = model.ClaimNo(strings.ToUpper(v))
				}
				if k := headerColumn(v); k != "" {
					if _, dup := found[k]; !dup {
						found[k] = i
					}
				}
			}
			if _, ok := found[colKeyCaseNo]; ok {
				if _, ok := found[colKeyDecision]; !ok {
					return nil, model.Errorf(model.EINVALID, "row %d has the column titles but no Decision column", rowNo)
				}
				cols = found
			}
			continue
		}
		get := func(key string) string {
			i, ok := cols[key]
			if !ok || i >= len(cells) {
				return ""
			}
			return strings.TrimSpace(cells[i])
		}
		if caseNo := get(colKeyCaseNo); caseNo != "" {
			lines = append(lines, answerLine{row: rowNo, caseNo: caseNo, decision: get(colKeyDecision),
				credit: get(colKeyCredit), note: get(colKeyNote)})
		}
	}
	if err := rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return nil, model.Errorf(model.EINVALID, "sheet %q has more rows than Excel allows; it is damaged", sheet)
		}
		return nil, model.Wrap(model.EINVALID, err, "cannot read sheet %q", sheet)
	}
	if _, found := cols[colKeyCaseNo]; !found {
		return nil, model.Errorf(model.EINVALID, "sheet %q has no row of column titles with %q and %q: is it a ReturnDesk claim sheet?",
			sheet, "Case no.", "Decision")
	}

	// The cells' types, which the text above does not tell, from a second pass over the
	// sheet's XML that keeps only the Decision and Credit cells of the lines.
	want := make(map[cellPos]bool, 2*len(lines))
	for _, l := range lines {
		for _, key := range []string{colKeyDecision, colKeyCredit} {
			if i, ok := cols[key]; ok {
				want[cellPos{l.row, i + 1}] = true
			}
		}
	}
	kinds, err := readCellKinds(data, f, sheet, want)
	if err != nil {
		return nil, model.Wrap(model.EINVALID, err, "cannot read sheet %q", sheet)
	}
	kind := func(row int, key string) (cellKind, string) {
		i, ok := cols[key]
		if !ok {
			return cellKind{}, ""
		}
		name, _ := excelize.CoordinatesToCellName(i+1, row)
		return kinds[cellPos{row, i + 1}], name
	}
	for _, l := range lines {
		out.Answers = append(out.Answers, l.answer(kind, func(p model.Text) {
			out.Problems = append(out.Problems, model.T("row %d (%s): %s", l.row, l.caseNo, p))
		}))
	}
	return out, nil
}

// answerLine is a line of a returned claim sheet as its cells read, before their types
// are known.
type answerLine struct {
	row                            int
	caseNo, decision, credit, note string
}

// answer reads a line's answer, given each cell's kind and name, and tells problem about
// each cell it cannot read. A line with a problem keeps no decision; the sheet is refused.
func (l answerLine) answer(kind func(row int, key string) (cellKind, string), problem func(model.Text)) model.ClaimAnswer {
	a := model.ClaimAnswer{CaseNo: model.CaseNo(strings.ToUpper(l.caseNo)), Row: l.row, Note: l.note}
	ok := true
	unsaved := func(what string, k cellKind, cell string) bool {
		if k.unsaved() {
			problem(model.T("%s cell %s is a formula whose result was never saved: open the file in Excel or LibreOffice, save it and import it again", what, cell))
			ok = false
		}
		return k.unsaved()
	}
	dk, dcell := kind(l.row, colKeyDecision)
	if !unsaved("decision", dk, dcell) {
		text := l.decision
		if dk.bool() {
			text = boolText(text) // TRUE is no decision, but say it as the sheet shows it
		}
		if d, err := model.ParseDecision(text); err != nil {
			problem(model.ErrorText(err))
			ok = false
		} else {
			a.Decision = d
		}
	}
	ck, ccell := kind(l.row, colKeyCredit)
	if !unsaved("credit", ck, ccell) && l.credit != "" {
		var m model.Money
		var err error
		switch {
		case ck.bool():
			err = model.Errorf(model.EINVALID, "%s is a TRUE/FALSE cell, not an amount", boolText(l.credit))
		case ck.number():
			m, err = numberCredit(l.credit)
		default:
			m, err = parseCredit(l.credit)
		}
		if err != nil {
			problem(model.T("credit %s", model.ErrorText(err)))
			ok = false
		} else {
			a.Credit = &m
		}
	}
	if !ok {
		a.Decision, a.Credit = model.DecisionNone, nil
	}
	return a
}

// boolText is a TRUE/FALSE cell's raw value ("1" or "0") as Excel shows it.
func boolText(raw string) string {
	switch raw {
	case "1":
		return "TRUE"
	case "0":
		return "FALSE"
	}
	return raw
}

// parseCredit reads a credit typed as text: "18.50", "¥ 80", "USD 12", "1,234.50" or, as
// European suppliers write it, "18,50" and "1.234,50". Which mark is the decimal one is
// decided as a dealer in China reads amounts:
//   - with both marks, the last one is the decimal mark: 1,234.50 and 1.234,50 are 1234.50;
//   - commas before groups of three digits are thousands: 1,234 is 1234.00. A decimal
//     comma there would mean 1.234, three decimals, which no credit has (they are refused
//     below); and should 1,234 have meant 1.234, the credit is over what the line claimed
//     and the import says so;
//   - any other lone comma is a decimal comma: 18,50 and 18,5 are 18.50;
//   - a dot is a decimal point (12.345 has three decimals and is refused), except in
//     1.234.567, where several dots can only be thousands.
//
// Amounts with more than two decimals (other than zeros) are refused, not rounded: 0.001
// is not a credit anybody meant.
func parseCredit(s string) (model.Money, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimLeft(t, "¥￥$€£ ")
	for _, prefix := range []string{"CNY", "RMB", "USD", "HKD", "EUR"} {
		t = strings.TrimSpace(strings.TrimPrefix(strings.ToUpper(t), prefix))
	}
	t = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(t) // spaces between thousands too
	bad := model.Errorf(model.EINVALID, "%q is not an amount", s)
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "−") {
		return 0, model.Errorf(model.EINVALID, "%q is negative", s)
	}
	whole, frac, ok := splitAmount(t)
	if !ok {
		return 0, bad
	}
	if len(frac) > 2 {
		if strings.Trim(frac[2:], "0") != "" {
			return 0, model.Errorf(model.EINVALID, "%q has more than two decimals: write it to the cent", s)
		}
		frac = frac[:2]
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 13 { // 10^15 cents, far beyond any credit
		return 0, model.Errorf(model.EINVALID, "%q is too large", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	cents, err := strconv.ParseInt("0"+whole+frac, 10, 64)
	if err != nil {
		return 0, bad
	}
	return model.Money(cents), nil
}

// splitAmount splits "1.234,50" into its digits before and after the decimal mark
// ("1234", "50"), by the rules parseCredit gives; ok is false when t is no amount.
func splitAmount(t string) (whole, frac string, ok bool) {
	dot, comma := strings.LastIndex(t, "."), strings.LastIndex(t, ",")
	dec, sep := -1, byte(0) // where the decimal mark is; the thousands separator
	switch {
	case dot >= 0 && comma >= 0:
		dec, sep = max(dot, comma), ','
		if comma > dot {
			sep = '.'
		}
	case comma >= 0:
		sep = ','
		lone := strings.Count(t, ",") == 1
		if lone && (len(t)-comma-1 != 3 || strings.TrimLeft(t[:comma], "0") == "") {
			dec = comma // 18,50; and 0,001, which is no thousand
		}
	case dot >= 0:
		sep = '.'
		if strings.Count(t, ".") == 1 {
			dec = dot
		}
	}
	whole = t
	if dec >= 0 {
		whole, frac = t[:dec], t[dec+1:]
		if frac == "" || !allDigits(frac) {
			return "", "", false
		}
	}
	if sep != 0 && strings.IndexByte(whole, sep) >= 0 {
		groups := strings.Split(whole, string(sep))
		if len(groups[0]) == 0 || len(groups[0]) > 3 || groups[0][0] == '0' {
			return "", "", false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return "", "", false
			}
		}
		whole = strings.Join(groups, "")
	}
	if whole == "" && frac == "" || !allDigits(whole) {
		return "", "", false
	}
	return whole, frac, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// numberCredit reads a number cell's stored value ("18.5", "1E-3"). The cell holds a
// binary double, so a sum such as 0.1+0.2 is stored as 0.30000000000000004; Excel shows
// and compares 15 significant digits, and the credit is read at that precision, with
// parseCredit's rules (0.001 and 100/3 are refused, not rounded).
func numberCredit(raw string) (model.Money, error) {
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, model.Errorf(model.EINVALID, "%q is not an amount", raw)
	}
	shown, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	return parseCredit(strconv.FormatFloat(shown, 'f', -1, 64))
}
