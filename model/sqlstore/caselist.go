package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"returndesk/model"
)

// Page sizes of the case list (model owns them: every engine pages alike).
const (
	DefaultCaseLimit = model.DefaultCaseLimit
	MaxCaseLimit     = model.MaxCaseLimit
)

// caseSorts maps the sort names of model.CaseFilter to SQL. Only these fixed
// expressions ever reach the query text; the user's choice is just a map key.
var caseSorts = map[string]string{
	"":               "c.case_no",
	"case_no":        "c.case_no",
	"maintenance_no": "c.maintenance_no",
	"reported":       "c.reported_date",
	"purchased":      "c.purchase_date",
	"created":        "c.created_at",
	"customer":       "cu.name",
	"manufacturer":   "m.name_key",
	"model":          "p.model",
	"serial":         "c.serial",
	"tier":           "c.tier",
	"status":         statusOrder(),
}

// statusOrder sorts statuses in lifecycle order rather than alphabetically.
func statusOrder() string {
	var b strings.Builder
	b.WriteString("CASE c.status")
	for i, s := range model.Statuses {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", s, i)
	}
	b.WriteString(" END")
	return b.String()
}

// caseWhere builds the WHERE clause of a filter over "cases c" alone, so that counting
// needs no joins.
func caseWhere(d *Dialect, f model.CaseFilter) (string, []any, error) {
	var conds []string
	var args []any
	if q := strings.ToLower(strings.TrimSpace(f.Search)); q != "" {
		conds = append(conds, d.Contains("c.search_text"))
		args = append(args, d.ContainsArg(q))
	}
	if f.Status != "" {
		if !f.Status.Valid() {
			return "", nil, model.Invalid("status", "unknown status %q", f.Status)
		}
		conds = append(conds, "c.status = ?")
		args = append(args, f.Status)
	}
	if f.OpenOnly {
		conds = append(conds, "c.status NOT IN (?, ?)")
		args = append(args, model.StatusClosed, model.StatusCancelled)
	}
	if f.ManufacturerID != 0 {
		conds = append(conds, "c.product_id IN (SELECT id FROM products WHERE manufacturer_id = ?)")
		args = append(args, f.ManufacturerID)
	}
	if f.Tier != "" {
		if !f.Tier.Valid() {
			return "", nil, model.Invalid("tier", "unknown tier %q", f.Tier)
		}
		conds = append(conds, "c.tier = ?")
		args = append(args, f.Tier)
	}
	if f.CustomerID != 0 {
		conds = append(conds, "c.customer_id = ?")
		args = append(args, f.CustomerID)
	}
	if s := strings.TrimSpace(string(f.Serial)); s != "" {
		conds = append(conds, "c.serial = ?")
		args = append(args, s)
	}
	if !f.ReportedFrom.IsZero() {
		conds = append(conds, "c.reported_date >= ?")
		args = append(args, f.ReportedFrom.String())
	}
	if !f.ReportedUntil.IsZero() {
		conds = append(conds, "c.reported_date <= ?")
		args = append(args, f.ReportedUntil.String())
	}
	if !f.PurchasedFrom.IsZero() {
		conds = append(conds, "c.purchase_date >= ?")
		args = append(args, f.PurchasedFrom.String())
	}
	if !f.PurchasedUntil.IsZero() {
		conds = append(conds, "c.purchase_date <= ? AND c.purchase_date <> ''") // '' is an unknown date
		args = append(args, f.PurchasedUntil.String())
	}
	if f.DealerCarriesCost {
		conds = append(conds, "c.dealer_carries_cost = 1") // literal, so the partial index applies
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// unsearchable reports whether a (trimmed) search term holds a character that no stored text does
// (model.IsTextControl): such a term matches nothing. Without this, the separator between
// the parts of the search text (U+001F) would match every case, and a term holding it
// would match across fields. Typing one in the search box is no error, just no match.
func unsearchable(q string) bool { return strings.ContainsFunc(q, model.IsTextControl) }

// caseQuery is the SQL of one page of the case list: the count of all matches and the page.
type caseQuery struct {
	count     string
	countArgs []any
	page      string
	pageArgs  []any
	limit     int
	offset    int
}

// caseListQuery builds the queries FindCases runs for a filter.
func caseListQuery(d *Dialect, f model.CaseFilter) (*caseQuery, error) {
	order, ok := caseSorts[f.Sort]
	if !ok {
		return nil, model.Invalid("sort", "cannot sort by %q (use case_no, reported, customer, model, serial, tier or status)", f.Sort)
	}
	dir := " ASC"
	if f.Descending {
		dir = " DESC"
	}
	where, args, err := caseWhere(d, f)
	if err != nil {
		return nil, err
	}
	limit := clampLimit(f.Limit, DefaultCaseLimit)
	offset := max(f.Offset, 0)
	// Rows that sort alike come in id order, so that pages neither repeat nor skip a case.
	// Case numbers are unique: a tiebreaker there would keep SQLite from stopping at the
	// end of the page when it reads the cases in case-number order.
	tiebreak := ", c.id" + dir
	if order == caseSorts["case_no"] {
		tiebreak = ""
	}
	from := "cases c"
	if strings.TrimSpace(f.Search) != "" {
		// Match against the index that holds the search text: a third of the pages of the
		// table, read in case-number order (the list's usual order, so a page of a common
		// term ends early), and only matching rows are looked up. The planner would rather
		// take the unique index on case_no alone for that order and read every row.
		from = "cases c" + d.IndexedBy("cases_search")
	}
	return &caseQuery{
		count:     `SELECT count(*) FROM ` + from + where,
		countArgs: args,
		page: `SELECT c.id, c.case_no, c.maintenance_no, c.reported_date, c.created_at,
		cu.name, cu.phone, m.name, p.model, c.serial, c.status, c.tier, c.remedy, c.cause,
		COALESCE((SELECT cl.claim_no FROM claim_lines l JOIN claims cl ON cl.id = l.claim_id
			WHERE l.case_id = c.id ORDER BY l.id DESC LIMIT 1), ''),
		c.fault
		FROM ` + from + `
		JOIN customers cu ON cu.id = c.customer_id
		JOIN products p ON p.id = c.product_id
		JOIN manufacturers m ON m.id = p.manufacturer_id` + where + `
		ORDER BY ` + order + dir + tiebreak + ` LIMIT ? OFFSET ?`,
		pageArgs: append(slices.Clip(args), limit, offset),
		limit:    limit,
		offset:   offset,
	}, nil
}

// FindCases returns one page of the case list and the number of cases matching the
// filter. Limit defaults to 100 and is capped at 1000.
func (db *Store) FindCases(ctx context.Context, f model.CaseFilter) ([]model.CaseSummary, int, error) {
	q, err := caseListQuery(db.d, f)
	if err != nil {
		return nil, 0, err
	}
	if unsearchable(strings.TrimSpace(f.Search)) {
		return []model.CaseSummary{}, 0, nil
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()

	out, err := queryAll(ctx, tx, scanCaseSummary, q.page, q.pageArgs...)
	if err != nil {
		return nil, 0, err
	}
	if !q.needsCount(len(out)) {
		return out, q.offset + len(out), nil
	}
	var total int
	if err := tx.QueryRowContext(ctx, q.count, q.countArgs...).Scan(&total); err != nil {
		return nil, 0, dbError(err)
	}
	return out, total, nil
}

// needsCount reports whether the number of matches must be counted after a page of n rows:
// a page that is not full holds the last matches, so the total follows from it, and
// counting (which reads every match) is only needed when more may follow or the page
// lies past the end.
func (q *caseQuery) needsCount(n int) bool {
	return n == q.limit || (n == 0 && q.offset > 0)
}

func scanCaseSummary(sc scanner) (model.CaseSummary, error) {
	var s model.CaseSummary
	var reported, created string
	if err := sc.Scan(&s.ID, &s.CaseNo, &s.MaintenanceNo, &reported, &created, &s.Customer, &s.Phone,
		&s.Manufacturer, &s.Model, &s.Serial, &s.Status, &s.Tier, &s.Remedy, &s.Cause, &s.ClaimNo,
		&s.Fault); err != nil {
		return s, err
	}
	var col columns
	s.ReportedDate, s.CreatedAt = col.date(reported), col.stamp(created)
	return s, col.err
}

// CaseListSQL is the SQL FindCases runs for f: the count of the matches and the page,
// each with its arguments (in SQLite's placeholders), so that a benchmark can run the very
// same queries directly.
func (db *Store) CaseListSQL(f model.CaseFilter) (count string, countArgs []any, page string, pageArgs []any, err error) {
	q, err := caseListQuery(db.d, f)
	if err != nil {
		return "", nil, "", nil, err
	}
	return q.count, q.countArgs, q.page, q.pageArgs, nil
}
