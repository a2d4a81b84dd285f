package export

import (
	"errors"
	"fmt"
	"io"
	"math/big"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"returndesk/model"
)

// ClaimAnswers is what a claim sheet returned by the manufacturer says.
type ClaimAnswers struct {
	ClaimNo  model.ClaimNo       // from the header block; "" when the sheet does not say
	Sheet    string              // the sheet the answers were read from
	Answers  []model.ClaimAnswer // one per line with a case number, in sheet order
	Problems []string            // cells that could not be read, by row: see Refusal
}

// Refusal is the reason not to import the answers at all, or nil: a decision or credit
// that cannot be read is most likely a typo in the sheet, and recording the other lines
// while that one stays unanswered would hide it. The dealer fixes the sheet and imports
// it again (importing is idempotent).
func (a *ClaimAnswers) Refusal(file string) error {
	if len(a.Problems) == 0 {
		return nil
	}
	what := "a cell"
	if len(a.Problems) > 1 {
		what = fmt.Sprintf("%d cells", len(a.Problems))
	}
	return model.Errorf(model.EINVALID, "%s: %s cannot be read, nothing was imported: %s", file, what,
		strings.Join(a.Problems, "; "))
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
	f, fi, err := model.OpenInput(path)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "%s: %s", path, model.ErrorMessage(err))
	}
	defer f.Close()
	if fi.Size() > int64(maxFileSize) {
		return nil, model.Errorf(model.EINVALID, "%s is too large (%d MB; at most %d MB)", path, fi.Size()>>20, maxFileSize>>20)
	}
	ans, err := ReadClaimAnswers(f)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "%s: %s", filepath.Base(path), model.ErrorMessage(err))
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
		return nil, model.Errorf(model.EINVALID, "cannot read the file: %v", err)
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
		return nil, model.Errorf(model.EINVALID, "cannot read sheet %q: %v", sheet, err)
	}
	defer rows.Close()

	out := &ClaimAnswers{Sheet: sheet, Answers: []model.ClaimAnswer{}, Problems: []string{}}
	cols := map[string]int{} // column key → 0-based index, once the title row is found
	rowNo, filled := 0, 0    // filled counts the rows that hold something
	for rows.Next() {
		rowNo++
		if rowNo > excelize.TotalRows {
			return nil, model.Errorf(model.EINVALID, "sheet %q has more rows than Excel allows; it is damaged", sheet)
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, model.Errorf(model.EINVALID, "row %d cannot be read: %v", rowNo, err)
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
		caseNo := get(colKeyCaseNo)
		if caseNo == "" {
			continue
		}
		a := model.ClaimAnswer{CaseNo: model.CaseNo(strings.ToUpper(caseNo)), Row: rowNo, Note: get(colKeyNote)}
		d, err := model.ParseDecision(get(colKeyDecision))
		if err != nil {
			out.Problems = append(out.Problems, fmt.Sprintf("row %d (%s): %s", rowNo, caseNo, model.ErrorMessage(err)))
		} else {
			a.Decision = d
		}
		if text := get(colKeyCredit); text != "" {
			m, err := parseCredit(text)
			if err != nil {
				out.Problems = append(out.Problems, fmt.Sprintf("row %d (%s): credit %s", rowNo, caseNo, err))
				a.Decision = model.DecisionNone
			} else {
				a.Credit = &m
			}
		}
		out.Answers = append(out.Answers, a)
	}
	if err := rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return nil, model.Errorf(model.EINVALID, "sheet %q has more rows than Excel allows; it is damaged", sheet)
		}
		return nil, model.Errorf(model.EINVALID, "cannot read sheet %q: %v", sheet, err)
	}
	if _, found := cols[colKeyCaseNo]; !found {
		return nil, model.Errorf(model.EINVALID, "sheet %q has no row of column titles with %q and %q: is it a ReturnDesk claim sheet?",
			sheet, "Case no.", "Decision")
	}
	return out, nil
}

// parseCredit reads a credit as a sheet holds it: a number (rounded to the cent) or text
// such as "1,234.50", "¥ 80" or "USD 12".
func parseCredit(s string) (model.Money, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimLeft(t, "¥￥$€£ ")
	for _, prefix := range []string{"CNY", "RMB", "USD", "HKD", "EUR"} {
		t = strings.TrimSpace(strings.TrimPrefix(strings.ToUpper(t), prefix))
	}
	t = strings.ReplaceAll(t, ",", "")
	t = strings.ReplaceAll(t, " ", "")
	q, ok := new(big.Rat).SetString(t)
	if !ok || t == "" {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	if q.Sign() < 0 {
		return 0, fmt.Errorf("%q is negative", s)
	}
	// Round half up to the cent.
	q.Mul(q, big.NewRat(100, 1))
	q.Add(q, big.NewRat(1, 2))
	cents := new(big.Int).Quo(q.Num(), q.Denom())
	if !cents.IsInt64() || cents.Int64() > 1e15 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return model.Money(cents.Int64()), nil
}
