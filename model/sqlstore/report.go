package sqlstore

import (
	"context"
	"math"
	"sort"

	"returndesk/model"
)

var _ model.ReportService = (*Store)(nil)

// periodBounds turns a period into text bounds for a date column: an open end matches all.
func periodBounds(p model.Period) (from, until string) {
	from, until = "0000-00-00", "9999-12-31"
	if !p.From.IsZero() {
		from = p.From.String()
	}
	if !p.Until.IsZero() {
		until = p.Until.String()
	}
	return from, until
}

// ModelFailures reports, per model, the units sold, the returns reported in the period, the
// return rate, the returns by month in service and by month reported, no fault found and
// repeat returns. The cases are read in one pass (a few columns each) and counted here:
// at 100,000 cases that is faster than asking SQLite for each figure apart.
func (db *Store) ModelFailures(ctx context.Context, p model.Period, today model.Date) (*model.ModelFailures, error) {
	from, until := periodBounds(p)
	return read(ctx, db, func(tx *txn) (*model.ModelFailures, error) {
		rows := map[int64]*model.ModelFailure{}
		monthly := map[int64]map[string]int{}
		var order []int64
		row := func(id int64) *model.ModelFailure {
			r, ok := rows[id]
			if !ok {
				r = &model.ModelFailure{ByMonthInService: make([]int, model.MonthsInService)}
				rows[id] = r
				monthly[id] = map[string]int{}
				order = append(order, id)
			}
			return r
		}
		// Units in the field: the shop's sales records and the units shipped on OEM orders
		// (an OEM model has few sales records of its own: its returns over them read 131 %).
		if err := eachPair(ctx, tx, `SELECT product_id, count(*) FROM sales GROUP BY product_id`,
			func(id int64, n int) { row(id).UnitsSold += n }); err != nil {
			return nil, err
		}
		if err := eachPair(ctx, tx, `SELECT product_id, CAST(sum(quantity) AS BIGINT) FROM oem_orders GROUP BY product_id`,
			func(id int64, n int) { row(id).UnitsSold += n }); err != nil {
			return nil, err
		}
		// The first case of each replacement unit handed out: a later case of that serial is a repeat.
		swapped := map[string]int64{}
		if err := eachPair(ctx, tx, `SELECT lower(replacement_serial), min(id) FROM cases
				WHERE replacement_serial <> '' GROUP BY lower(replacement_serial)`, func(serial string, id int64) {
			swapped[serial] = id
		}); err != nil {
			return nil, err
		}
		seen := map[string]bool{} // serials returned before, in case order
		var first, last string    // the months of the first and the last case reported
		q, err := tx.QueryContext(ctx, `SELECT id, product_id, lower(serial), reported_date,
				coalesce(nullif(purchase_date, ''), shipment_date), status IN ('ready_for_pickup', 'closed') AND cause = 'unknown'
			FROM cases WHERE status <> 'cancelled' ORDER BY id`)
		if err != nil {
			return nil, dbError(err)
		}
		defer q.Close()
		for q.Next() {
			var id, product int64
			var serial, reported, start string
			var nff bool
			if err := q.Scan(&id, &product, &serial, &reported, &start, &nff); err != nil {
				return nil, dbError(err)
			}
			again := seen[serial]
			seen[serial] = true
			if reported < from || reported > until {
				continue
			}
			r := row(product)
			r.Cases++
			if nff {
				r.NoFaultFound++
			}
			if sw, ok := swapped[serial]; again || ok && sw < id {
				r.RepeatReturns++
			}
			if m, ok := monthsInService(start, reported); ok {
				r.ByMonthInService[min(max(m, 0), model.MonthsInService-1)]++
			}
			month := reported[:7]
			monthly[product][month]++
			if first == "" || month < first {
				first = month
			}
			last = max(last, month)
		}
		if err := q.Err(); err != nil {
			return nil, dbError(err)
		}
		names, err := productNames(ctx, tx)
		if err != nil {
			return nil, err
		}
		months := monthRange(first, last, p, today)
		out := &model.ModelFailures{Period: p, Models: []model.ModelFailure{}}
		for _, id := range order {
			r := rows[id]
			r.Manufacturer, r.Model = names[id][0], names[id][1]
			if r.UnitsSold > 0 {
				r.ReturnRatePct = round2(100 * float64(r.Cases) / float64(r.UnitsSold))
			}
			if r.Cases > 0 {
				r.NoFaultFoundPct = round2(100 * float64(r.NoFaultFound) / float64(r.Cases))
			}
			r.Monthly = make([]model.MonthCount, len(months))
			for i, m := range months {
				r.Monthly[i] = model.MonthCount{Month: m, Count: monthly[id][m]}
			}
			r.Rising = rising(r.Monthly)
			out.Models = append(out.Models, *r)
		}
		sort.Slice(out.Models, func(i, j int) bool {
			a, b := out.Models[i], out.Models[j]
			if a.ReturnRatePct != b.ReturnRatePct {
				return a.ReturnRatePct > b.ReturnRatePct
			}
			return a.Manufacturer+"\x00"+a.Model < b.Manufacturer+"\x00"+b.Model
		})
		return out, nil
	})
}

// monthsInService is the whole months from start (YYYY-MM-DD) to reported, as EDATE counts
// them: a month is complete on the same day of the next month. ok is false without a start.
func monthsInService(start, reported string) (int, bool) {
	s, err1 := model.ParseDate(start)
	r, err2 := model.ParseDate(reported)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	m := (r.Year*12 + int(r.Month)) - (s.Year*12 + int(s.Month))
	if r.Day < s.Day {
		m--
	}
	return m, true
}

// productNames maps each product id to its manufacturer's name and its model code.
func productNames(ctx context.Context, tx *txn) (map[int64][2]string, error) {
	out := map[int64][2]string{}
	rows, err := tx.QueryContext(ctx, `SELECT p.id, m.name, p.model FROM products p JOIN manufacturers m ON m.id = p.manufacturer_id`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var m, code string
		if err := rows.Scan(&id, &m, &code); err != nil {
			return nil, dbError(err)
		}
		out[id] = [2]string{m, code}
	}
	return out, dbError(rows.Err())
}

// monthRange lists the months "2026-01" … of the period, or, where it is open, from the
// first to the last month with a case (the last at most today's month).
func monthRange(first, last string, p model.Period, today model.Date) []string {
	if !p.From.IsZero() {
		first = p.From.String()[:7]
	}
	if !p.Until.IsZero() {
		last = p.Until.String()[:7]
	} else if t := today.String()[:7]; last < t {
		last = t
	}
	if first == "" || last == "" || first > last {
		return nil
	}
	var out []string
	d, err := model.ParseDate(first + "-01")
	for err == nil && len(out) < 1200 {
		m := d.String()[:7]
		if m > last {
			break
		}
		out = append(out, m)
		d = d.AddMonths(1)
	}
	return out
}

// rising reports whether the counts rose in each of the last three months.
func rising(ms []model.MonthCount) bool {
	n := len(ms)
	return n >= 4 && ms[n-4].Count < ms[n-3].Count && ms[n-3].Count < ms[n-2].Count && ms[n-2].Count < ms[n-1].Count
}

// round2 rounds a percentage to two decimals for display and comparison in tests.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// ClaimRecovery reports, per manufacturer, what its claims submitted in the period asked
// for, what it credited and rejected, what is outstanding, how long it took to answer and
// to deduct, and how old the unanswered claims are.
func (db *Store) ClaimRecovery(ctx context.Context, p model.Period, today model.Date) (*model.ClaimRecovery, error) {
	from, until := periodBounds(p)
	return read(ctx, db, func(tx *txn) (*model.ClaimRecovery, error) {
		rows, err := tx.QueryContext(ctx, `SELECT m.name, c.submitted_at, c.answered_at,
				coalesce(sum(l.quantity * l.unit_price), 0),
				coalesce(sum(CASE WHEN l.decision <> '' THEN l.credit END), 0),
				coalesce(sum(CASE WHEN l.decision <> '' THEN l.quantity * l.unit_price END), 0),
				coalesce(sum(CASE WHEN l.decision = '' THEN l.quantity * l.unit_price END), 0)
			FROM claims c JOIN manufacturers m ON m.id = c.manufacturer_id
			LEFT JOIN claim_lines l ON l.claim_id = c.id
			WHERE c.status <> 'draft' AND substr(c.submitted_at, 1, 10) BETWEEN ? AND ?
			GROUP BY c.id, m.name ORDER BY m.name, c.id`, from, until)
		if err != nil {
			return nil, dbError(err)
		}
		defer rows.Close()
		by := map[string]*model.ManufacturerRecovery{}
		var names []string
		answered := map[string]model.Money{}
		toAnswer := map[string][]float64{}
		for rows.Next() {
			var name, submitted, answeredAt string
			var claimed, credited, answeredClaimed, outstanding int64
			if err := rows.Scan(&name, &submitted, &answeredAt, &claimed, &credited, &answeredClaimed, &outstanding); err != nil {
				return nil, dbError(err)
			}
			r := by[name]
			if r == nil {
				r = &model.ManufacturerRecovery{Manufacturer: name}
				by[name] = r
				names = append(names, name)
			}
			r.Claims++
			r.Claimed += model.Money(claimed)
			r.Credited += model.Money(credited)
			r.Rejected += model.Money(max(0, answeredClaimed-credited))
			r.Outstanding += model.Money(outstanding)
			answered[name] += model.Money(answeredClaimed)
			sub, err := stampDate(submitted)
			if err != nil {
				return nil, err
			}
			if answeredAt == "" {
				r.OpenByAge[ageBucket(today.DaysSince(sub))]++
				continue
			}
			ans, err := stampDate(answeredAt)
			if err != nil {
				return nil, err
			}
			toAnswer[name] = append(toAnswer[name], float64(ans.DaysSince(sub)))
		}
		if err := rows.Err(); err != nil {
			return nil, dbError(err)
		}
		rows.Close()
		toDeduct, err := daysToDeduction(ctx, tx, from, until)
		if err != nil {
			return nil, err
		}
		out := &model.ClaimRecovery{Period: p, Manufacturers: []model.ManufacturerRecovery{}}
		for _, name := range names {
			r := by[name]
			if answered[name] > 0 {
				r.RecoveryPct = round2(100 * float64(r.Credited) / float64(answered[name]))
			}
			r.MedianDaysToAnswer = quantile(toAnswer[name], 0.5)
			r.MedianDaysToDeduction = quantile(toDeduct[name], 0.5)
			out.Manufacturers = append(out.Manufacturers, *r)
		}
		return out, nil
	})
}

// daysToDeduction lists, per manufacturer, the days from each credit's booking (the answer)
// to its deduction on a PI, for claims submitted in the period.
func daysToDeduction(ctx context.Context, tx *txn, from, until string) (map[string][]float64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.name, g.created_at, g.deducted_at
		FROM ledger g JOIN claim_lines l ON l.id = g.claim_line_id JOIN claims c ON c.id = l.claim_id
		JOIN manufacturers m ON m.id = c.manufacturer_id
		WHERE g.kind = 'credit' AND g.deducted_at <> '' AND substr(c.submitted_at, 1, 10) BETWEEN ? AND ?`, from, until)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	out := map[string][]float64{}
	for rows.Next() {
		var name, booked, deducted string
		if err := rows.Scan(&name, &booked, &deducted); err != nil {
			return nil, dbError(err)
		}
		b, err := stampDate(booked)
		if err != nil {
			return nil, err
		}
		d, err := stampDate(deducted)
		if err != nil {
			return nil, err
		}
		out[name] = append(out[name], float64(d.DaysSince(b)))
	}
	return out, dbError(rows.Err())
}

// stampDate is the local calendar day of a stored instant.
func stampDate(s string) (model.Date, error) {
	t, err := parseTime(s)
	if err != nil {
		return model.Date{}, dbError(err)
	}
	return model.DateOf(t), nil
}

// ageBucket is the OpenByAge column of a claim open for days: 0–30, 31–60, 61–90, over 90.
func ageBucket(days int) int {
	switch {
	case days <= 30:
		return 0
	case days <= 60:
		return 1
	case days <= 90:
		return 2
	}
	return 3
}

// quantile is the q-quantile of xs by linear interpolation between the closest ranks (as a
// spreadsheet's PERCENTILE), -1 for none.
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return -1
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	pos := q * float64(len(s)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(s)-1)
	return round2(s[lo] + (s[hi]-s[lo])*(pos-float64(lo)))
}

// Turnaround reports the days from intake to resolution (ready for pickup or closed) by
// status, tier, manufacturer and service centre for the cases reported in the period, how
// long the open ones have been open, and the open cases waiting longest. SQLite counts the
// days (a resolution on the local calendar day of its stamp) so that 100,000 cases cross
// into Go as a few integers each.
func (db *Store) Turnaround(ctx context.Context, p model.Period, today model.Date) (*model.Turnaround, error) {
	from, until := periodBounds(p)
	return read(ctx, db, func(tx *txn) (*model.Turnaround, error) {
		makers, err := idNames(ctx, tx, `SELECT id, name FROM manufacturers`)
		if err != nil {
			return nil, err
		}
		centres, err := idNames(ctx, tx, `SELECT id, name FROM service_centres`)
		if err != nil {
			return nil, err
		}
		centres[0] = "—"
		rows, err := tx.QueryContext(ctx, `SELECT c.status, c.tier, pr.manufacturer_id, coalesce(c.service_centre_id, 0),
				`+db.d.LocalDays("r.at", "c.reported_date")+`, r.at IS NOT NULL
			FROM cases c JOIN products pr ON pr.id = c.product_id
			LEFT JOIN (SELECT case_id, min(at) AS at FROM case_history -- read from the partial index case_history_resolved
				WHERE new_status IN ('ready_for_pickup', 'closed') GROUP BY case_id) r ON r.case_id = c.id
			WHERE `+db.d.Unindexed+`c.reported_date BETWEEN ? AND ? AND c.status <> 'cancelled'`, today.String(), from, until) // one scan
		if err != nil {
			return nil, dbError(err)
		}
		defer rows.Close()
		type group struct{ resolved, open []float64 }
		groups := map[[2]string]*group{}
		var keys [][2]string
		for rows.Next() {
			var status, tier string
			var maker, centre, days int64
			var resolved bool
			if err := rows.Scan(&status, &tier, &maker, &centre, &days, &resolved); err != nil {
				return nil, dbError(err)
			}
			if tier == "" {
				tier = "—"
			}
			for _, k := range [][2]string{{"status", status}, {"tier", tier}, {"manufacturer", makers[maker]}, {"centre", centres[centre]}} {
				g := groups[k]
				if g == nil {
					g = &group{}
					groups[k] = g
					keys = append(keys, k)
				}
				if resolved {
					g.resolved = append(g.resolved, float64(max(0, days)))
				} else {
					g.open = append(g.open, float64(max(0, days)))
				}
			}
		}
		if err := rows.Err(); err != nil {
			return nil, dbError(err)
		}
		rows.Close()
		order := map[string]int{"status": 0, "tier": 1, "manufacturer": 2, "centre": 3}
		sort.Slice(keys, func(i, j int) bool {
			if keys[i][0] != keys[j][0] {
				return order[keys[i][0]] < order[keys[j][0]]
			}
			return keys[i][1] < keys[j][1]
		})
		out := &model.Turnaround{Period: p, Groups: []model.TurnaroundLine{}}
		for _, k := range keys {
			g := groups[k]
			out.Groups = append(out.Groups, model.TurnaroundLine{By: k[0], Key: k[1], Resolved: len(g.resolved),
				MedianDays: quantile(g.resolved, 0.5), P90Days: quantile(g.resolved, 0.9), Open: len(g.open),
				MedianDaysOpen: quantile(g.open, 0.5)})
		}
		// Open is what is not resolved: the statuses before ready for pickup.
		out.Waiting, err = queryAll(ctx, tx, func(sc scanner) (model.WaitingCase, error) {
			var w model.WaitingCase
			var reported string
			if err := sc.Scan(&w.CaseNo, &w.Customer, &w.Manufacturer, &w.Model, &w.Status, &reported); err != nil {
				return w, err
			}
			var col columns
			w.Reported = col.date(reported)
			w.DaysOpen = max(0, today.DaysSince(w.Reported))
			return w, col.err
		}, `SELECT c.case_no, cu.name, m.name, pr.model, c.status, c.reported_date
			FROM cases c JOIN products pr ON pr.id = c.product_id JOIN manufacturers m ON m.id = pr.manufacturer_id
			JOIN customers cu ON cu.id = c.customer_id
			WHERE c.status IN ('received', 'diagnosing', 'at_service_centre', 'awaiting_manufacturer')
				AND c.reported_date BETWEEN ? AND ?
			ORDER BY c.reported_date, c.id LIMIT ?`, from, until, WaitingLongest)
		if err != nil {
			return nil, err
		}
		return out, nil
	})
}

// idNames maps the ids of a (id, name) query to the names.
func idNames(ctx context.Context, tx *txn, query string) (map[int64]string, error) {
	out := map[int64]string{}
	err := eachPair(ctx, tx, query, func(id int64, name string) { out[id] = name })
	return out, err
}

// WaitingLongest is how many open cases the turnaround report names.
const WaitingLongest = 20

// eachPair runs a query of two columns and hands each row's values to f.
func eachPair[A, B any](ctx context.Context, tx *txn, query string, f func(A, B)) error {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a A
		var b B
		if err := rows.Scan(&a, &b); err != nil {
			return dbError(err)
		}
		f(a, b)
	}
	return dbError(rows.Err())
}
