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

// closedLast sorts the open cases before the closed and cancelled ones, in either direction:
// the longest waiting are open ones, whatever their reported date.
func closedLast() string {
	var done []string
	for _, st := range model.Statuses {
		if !st.Open() {
			done = append(done, "'"+string(st)+"'")
		}
	}
	return "CASE WHEN c.status IN (" + strings.Join(done, ", ") + ") THEN 1 ELSE 0 END"
}

// caseSorts maps the sort names of model.CaseFilter to SQL. Only these fixed
// expressions ever reach the query text; the user's choice is just a map key.
var caseSorts = map[string]string{
	"":               caseNoOrder,
	"case_no":        caseNoOrder,
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
	"waiting":        closedLast() + ", c.reported_date",
}

// caseNoOrder sorts by case number: numbers are given in the order cases are created, as
// ids are, and unlike the text of the numbers the ids also sort RMA-2026-1000000 after
// RMA-2026-999999. The search index finds the newest matches first in this order.
const caseNoOrder = "c.id"

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

// caseConds builds the conditions of a filter but its search over "cases c" alone, so that
// counting needs no joins.
func caseConds(f model.CaseFilter) ([]string, []any, error) {
	var conds []string
	var args []any
	if f.Status != "" {
		if !f.Status.Valid() {
			return nil, nil, model.Invalid("status", "unknown status %q", f.Status)
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
			return nil, nil, model.Invalid("tier", "unknown tier %q", f.Tier)
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
	return conds, args, nil
}

// where joins conditions into a WHERE clause ("" for none).
func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// unsearchable reports whether a (trimmed) search term holds a character that no stored text does
// (model.IsTextControl): such a term matches nothing. Without this, the separator between
// the parts of the search text (U+001F) would match every case, and a term holding it
// would match across fields. Typing one in the search box is no error, just no match.
func unsearchable(q string) bool { return strings.ContainsFunc(q, model.IsTextControl) }

// caseQuery is the SQL of one page of the case list: the page and, when the total does
// not follow from the page, the count of all matches.
type caseQuery struct {
	count     string // "" when the total is known without counting (see total)
	countArgs []any
	page      string
	pageArgs  []any
	limit     int
	offset    int
	plan      searchPlan
	filtered  bool // conditions besides the search
	indexed   bool // the page's cases are the ids given (from the index)
	newest    bool // in case-number order, newest first: the order the index is walked in
}

// caseSummaryColumns are the columns of a row of the list, over cases c and the joins of
// caseJoins.
const caseSummaryColumns = `c.id, c.case_no, c.maintenance_no, c.reported_date, c.created_at,
		cu.name, cu.phone, m.name, p.model, c.serial, c.status, c.tier, c.remedy, c.cause,
		COALESCE((SELECT cl.claim_no FROM claim_lines l JOIN claims cl ON cl.id = l.claim_id
			WHERE l.case_id = c.id ORDER BY l.id DESC LIMIT 1), ''),
		c.fault`

const caseJoins = `
		JOIN customers cu ON cu.id = c.customer_id
		JOIN products p ON p.id = c.product_id
		JOIN manufacturers m ON m.id = p.manufacturer_id`

// caseListQuery builds the queries FindCases runs for a filter, its search planned by plan;
// ids, when not nil, are the cases the index found (every match, or in case-number order
// every one up to the page's end).
func caseListQuery(d *Dialect, f model.CaseFilter, plan searchPlan, ids []int64) (*caseQuery, error) {
	order, ok := caseSorts[f.Sort]
	if !ok {
		return nil, model.Invalid("sort", "cannot sort by %q (use case_no, reported, waiting, customer, model, serial, tier or status)", f.Sort)
	}
	dir := " ASC"
	if f.Descending {
		dir = " DESC"
	}
	conds, args, err := caseConds(f)
	if err != nil {
		return nil, err
	}
	q := &caseQuery{limit: clampLimit(f.Limit, DefaultCaseLimit), offset: max(f.Offset, 0), plan: plan,
		filtered: len(conds) > 0, indexed: ids != nil, newest: order == caseNoOrder && f.Descending}
	// Rows that sort alike come in id order, so that pages neither repeat nor skip a case.
	tiebreak := ", c.id" + dir
	if order == caseNoOrder {
		tiebreak = ""
	}
	orderBy := ` ORDER BY ` + order + dir + tiebreak + ` LIMIT ? OFFSET ?`
	if q.indexed { // the search is the list of cases the index found
		conds = append([]string{d.InList("c.id")}, conds...)
		args = append([]any{d.ListArg(ids)}, args...)
	}
	switch {
	case plan.term == "" || q.indexed:
		q.count, q.countArgs = `SELECT count(*) FROM cases c`+where(conds), args
		q.page = `SELECT ` + caseSummaryColumns + ` FROM cases c` + caseJoins + where(conds) + orderBy
		q.pageArgs = append(slices.Clip(args), q.limit, q.offset)
	default:
		// A common term: the cases in the list's order, until the page (and one more row,
		// to know whether more follow) is full. In case-number order SQLite reads the
		// narrow index of the search texts rather than the table.
		from := "cases c"
		if order == caseNoOrder {
			from += d.IndexedBy("cases_search")
		}
		search, searchArgs := d.Contains("c.search_text"), []any{d.ContainsArg(plan.term)}
		if mayStartNumber(plan.term) {
			search = "(" + search + " OR " + d.Contains("c.search_numbers") + ")"
			searchArgs = append(searchArgs, d.ContainsArg(numberMark+plan.term))
		}
		q.page = `SELECT ` + caseSummaryColumns + ` FROM ` + from + caseJoins + where(append([]string{search}, conds...)) + orderBy
		q.pageArgs = append(append(searchArgs, args...), q.limit+1, q.offset)
	}
	return q, nil
}

// useIndex reports whether the page is read from the index the plan walked: every match
// is known, or the page is in the order the index was walked in and holds no condition
// the index cannot see.
func (q *caseQuery) useIndex(plan searchPlan) bool {
	return plan.indexed() && (plan.exhausted || (q.newest && !q.filtered))
}

// total is the number of matches after a page of n rows, or a lower bound of it
// (model.MoreThan), and whether the count query must give it instead.
func (q *caseQuery) total(n int) (total int, count bool) {
	end := q.offset + q.limit
	switch {
	case q.plan.term != "" && !q.indexed:
		// The page asked for one row more than it shows.
		if n <= q.limit {
			return q.offset + n, false
		}
		bound := end
		if !q.filtered {
			bound = max(bound, q.plan.bound(end))
		}
		return model.MoreThan(bound), false
	case q.indexed && !q.plan.exhausted:
		return model.MoreThan(q.plan.bound(end)), false
	case q.indexed && !q.filtered:
		return q.plan.rows, false
	case n == q.limit || (n == 0 && q.offset > 0):
		// A full page, or one past the end: more may match than the page shows.
		return 0, true
	}
	// A page that is not full holds the last matches.
	return q.offset + n, false
}

// FindCases returns one page of the case list and the number of cases matching the filter
// (for a common search term, a lower bound: model.MoreThan). Limit defaults to 100 and is
// capped at 1000.
func (db *Store) FindCases(ctx context.Context, f model.CaseFilter) ([]model.CaseSummary, int, error) {
	rows, total, err := db.findCases(ctx, f)
	if digits, ok := dashedDigits(f.Search); err == nil && total == 0 && ok {
		f.Search = digits // 6123-4567 for a phone written 6123 4567
		return db.findCases(ctx, f)
	}
	return rows, total, err
}

func (db *Store) findCases(ctx context.Context, f model.CaseFilter) ([]model.CaseSummary, int, error) {
	q, err := caseListQuery(db.d, f, searchPlan{}, nil)
	if err != nil {
		return nil, 0, err // a filter that cannot be, whatever the search
	}
	term := phoneTerm(strings.ToLower(strings.TrimSpace(f.Search)))
	if unsearchable(term) {
		return []model.CaseSummary{}, 0, nil
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	end := q.offset + q.limit
	plan, err := planSearch(ctx, tx, caseIndex, term, end)
	if err != nil {
		return nil, 0, err
	}
	var ids []int64
	if q.useIndex(plan) {
		if q.filtered || !q.newest {
			end = plan.keys // every match, for the engine to filter and sort
		}
		if ids, err = plan.matches(ctx, tx, end); err != nil {
			return nil, 0, err
		}
		if len(ids) == 0 && plan.indexed() {
			return []model.CaseSummary{}, 0, nil
		}
	}
	if q, err = caseListQuery(db.d, f, plan, ids); err != nil {
		return nil, 0, err
	}
	out, err := queryAll(ctx, tx, scanCaseSummary, q.page, q.pageArgs...)
	if err != nil {
		return nil, 0, err
	}
	total, count := q.total(len(out))
	out = out[:min(len(out), q.limit)]
	if count {
		if err := tx.QueryRowContext(ctx, q.count, q.countArgs...).Scan(&total); err != nil {
			return nil, 0, dbError(err)
		}
	}
	return out, total, nil
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
