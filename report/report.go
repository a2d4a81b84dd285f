// Package report lays the warranty reports out as tables with a chart each: one layout
// for the command line, the Reports screen and the Excel workbooks.
package report

import (
	"fmt"
	"strconv"

	"returndesk/i18n"
	"returndesk/model"
	"returndesk/policy"
)

// Table is one report table: a title, its columns, its rows and the chart that draws it.
type Table struct {
	Name    string // a short name, also the Excel sheet's, in the language of the wordings: "Models"
	Title   string
	Note    string // under the title in a workbook: the period or the day the figures cover (Kind.Make)
	Columns []Column
	Rows    [][]Value
	Chart   Chart
	// Minor are the columns a narrow window may leave out, in this order, to keep the
	// other titles readable (the row picked is then shown whole); the workbook has them all.
	Minor []int
}

// Column is one column's title and how its values read.
type Column struct {
	Title  string
	Format Format
}

// Format is how a column's values are written.
type Format int

const (
	Text    Format = iota
	Count          // a whole number
	Percent        // a percentage with two decimals
	Days           // a number of days with one decimal; negative: none
	Amount         // money in cents, written as a decimal amount
)

// Value is a cell: Text for text columns, Num for the others.
type Value struct {
	Text string
	Num  float64
}

// Chart says which columns a chart draws: bars or lines of the Series columns against the
// Category column.
type Chart struct {
	Line     bool // a line chart (a trend), else bars
	Title    string
	Category int
	Series   []int
}

// String writes a value as its column reads it.
func (c Column) String(v Value) string {
	switch c.Format {
	case Text:
		return v.Text
	case Count:
		return strconv.FormatInt(int64(v.Num), 10)
	case Percent:
		return strconv.FormatFloat(v.Num, 'f', 2, 64) + " %"
	case Days:
		if v.Num < 0 {
			return "—"
		}
		return strconv.FormatFloat(v.Num, 'f', 1, 64)
	case Amount:
		return model.Money(v.Num).String()
	}
	return fmt.Sprint(v.Num)
}

func text(s string) Value       { return Value{Text: s} }
func num(n float64) Value       { return Value{Num: n} }
func count(n int) Value         { return Value{Num: float64(n)} }
func money(m model.Money) Value { return Value{Num: float64(m)} }

// Models lays out the failure report: one row per model, then the returns by month in
// service (the Nevada table) and the returns by month reported.
func Models(r *model.ModelFailures) []Table {
	rates := Table{Name: say(model.T("Models")), Title: say(model.T("Returns by model")),
		Columns: []Column{{say(model.T("Manufacturer")), Text}, {say(model.T("Model")), Text}, {say(model.T("Units sold")), Count}, {say(model.T("Cases")), Count},
			{say(model.T("Return rate")), Percent}, {say(model.T("No fault found")), Percent}, {say(model.T("Repeat returns")), Count}, {say(model.T("Rising")), Text}},
		Chart: Chart{Title: say(model.T("Return rate by model (%)")), Category: 1, Series: []int{4}}}
	nevada := Table{Name: say(model.T("Months in service")), Title: say(model.T("Returns by month in service")),
		Columns: []Column{{say(model.T("Manufacturer")), Text}, {say(model.T("Model")), Text}},
		Chart:   Chart{Title: say(model.T("Returns by month in service")), Category: 1}}
	for m := range model.MonthsInService {
		title := "M" + strconv.Itoa(m+1)
		if m == model.MonthsInService-1 {
			title += "+"
		}
		nevada.Columns = append(nevada.Columns, Column{title, Count})
		nevada.Chart.Series = append(nevada.Chart.Series, 2+m)
	}
	monthly := Table{Name: say(model.T("Trend")), Title: say(model.T("Returns by month reported")), Columns: []Column{{say(model.T("Month")), Text}},
		Chart: Chart{Line: true, Title: say(model.T("Returns per month")), Category: 0}}
	var months []string
	for i, f := range r.Models {
		rise := ""
		if f.Rising {
			rise = say(model.T("rising"))
		}
		rates.Rows = append(rates.Rows, []Value{text(f.Manufacturer), text(f.Model), count(f.UnitsSold), count(f.Cases),
			num(f.ReturnRatePct), num(f.NoFaultFoundPct), count(f.RepeatReturns), text(rise)})
		row := []Value{text(f.Manufacturer), text(f.Model)}
		for _, n := range f.ByMonthInService {
			row = append(row, count(n))
		}
		nevada.Rows = append(nevada.Rows, row)
		monthly.Columns = append(monthly.Columns, Column{f.Model, Count})
		monthly.Chart.Series = append(monthly.Chart.Series, i+1)
		if len(f.Monthly) > len(months) {
			months = months[:0]
			for _, m := range f.Monthly {
				months = append(months, m.Month)
			}
		}
	}
	for mi, month := range months {
		row := []Value{text(month)}
		for _, f := range r.Models {
			n := 0
			if mi < len(f.Monthly) {
				n = f.Monthly[mi].Count
			}
			row = append(row, count(n))
		}
		monthly.Rows = append(monthly.Rows, row)
	}
	return []Table{rates, nevada, monthly}
}

// Recovery lays out the recovery report, one row per manufacturer.
func Recovery(r *model.ClaimRecovery) []Table {
	t := Table{Name: say(model.T("Recovery")), Title: say(model.T("What each manufacturer paid back")),
		Columns: []Column{{say(model.T("Manufacturer")), Text}, {say(model.T("Claims")), Count}, {say(model.T("Claimed")), Amount}, {say(model.T("Credited")), Amount},
			{say(model.T("Rejected")), Amount}, {say(model.T("Outstanding")), Amount}, {say(model.T("Recovery rate")), Percent}, {say(model.T("Days to answer")), Days},
			{say(model.T("Days to deduction")), Days}, {say(model.T("Open ≤ 30 d")), Count}, {say(model.T("31–60 d")), Count}, {say(model.T("61–90 d")), Count}, {say(model.T("> 90 d")), Count}},
		Chart: Chart{Title: say(model.T("Claimed, credited and rejected")), Category: 0, Series: []int{2, 3, 4}},
		Minor: []int{8, 4, 9, 10}} // days to deduction, rejected (in the chart), the claims open least long
	for _, m := range r.Manufacturers {
		t.Rows = append(t.Rows, []Value{text(m.Manufacturer), count(m.Claims), money(m.Claimed), money(m.Credited),
			money(m.Rejected), money(m.Outstanding), num(m.RecoveryPct), num(m.MedianDaysToAnswer),
			num(m.MedianDaysToDeduction), count(m.OpenByAge[0]), count(m.OpenByAge[1]), count(m.OpenByAge[2]),
			count(m.OpenByAge[3])})
	}
	return []Table{t}
}

// groupTitles names the turnaround report's groupings.
var groupTitles = map[string]model.Text{"status": model.T("Status"), "tier": model.T("Tier"),
	"manufacturer": model.T("Manufacturer"), "centre": model.T("Service centre")}

// Turnaround lays out the turnaround report: the groups, then the cases waiting longest.
func Turnaround(r *model.Turnaround) []Table {
	t := Table{Name: say(model.T("Turnaround")), Title: say(model.T("Days from intake to resolution")),
		Columns: []Column{{say(model.T("By")), Text}, {say(model.T("Group")), Text}, {say(model.T("Resolved")), Count}, {say(model.T("Median days")), Days}, {say(model.T("90th percentile")), Days},
			{say(model.T("Still open")), Count}, {say(model.T("Median days open")), Days}},
		Chart: Chart{Title: say(model.T("Median days to resolution")), Category: 1, Series: []int{3}}}
	for _, g := range r.Groups {
		key := g.Key
		switch g.By {
		case "status":
			key = say(model.Status(g.Key).Label())
		case "tier":
			key = say(model.Tier(g.Key).Label())
		}
		t.Rows = append(t.Rows, []Value{text(say(groupTitles[g.By])), text(key), count(g.Resolved), num(g.MedianDays),
			num(g.P90Days), count(g.Open), num(g.MedianDaysOpen)})
	}
	w := Table{Name: say(model.T("Waiting longest")), Title: say(model.T("Open cases waiting longest")),
		Columns: []Column{{say(model.T("Case")), Text}, {say(model.T("Customer")), Text}, {say(model.T("Manufacturer")), Text}, {say(model.T("Model")), Text}, {say(model.T("Status")), Text},
			{say(model.T("Reported")), Text}, {say(model.T("Days open")), Count}},
		Chart: Chart{Title: say(model.T("Days open")), Category: 0, Series: []int{6}}}
	for _, c := range r.Waiting {
		w.Rows = append(w.Rows, []Value{text(string(c.CaseNo)), text(c.Customer), text(c.Manufacturer), text(c.Model),
			text(c.Status.Label().String()), text(c.Reported.String()), count(c.DaysOpen)})
	}
	return []Table{t, w}
}

// OEM lays out the batch-defect report: each OEM order's defect rate beside its one-sided 95 %
// lower bound and its spare-part allowance, the alarm and the projection to the claim
// year's end.
func OEM(orders []policy.OEMStatus) []Table {
	t := Table{Name: say(model.T("OEM orders")), Title: say(model.T("Defects against each OEM order's allowance")),
		Columns: []Column{{say(model.T("Order")), Text}, {say(model.T("Manufacturer")), Text}, {say(model.T("Model")), Text}, {say(model.T("Shipped")), Text}, {say(model.T("Quantity")), Count},
			{say(model.T("Spares")), Count}, {say(model.T("Defects")), Count}, {say(model.T("Defect rate")), Percent}, {say(model.T("Lower 95 % bound")), Percent},
			{say(model.T("Allowance")), Percent}, {say(model.T("Batch alarm")), Text}, {say(model.T("Projected defects")), Text}},
		Chart: Chart{Title: say(model.T("Defect rate, its 95 % lower bound and the allowance (%)")), Category: 0, Series: []int{7, 8, 9}},
		Minor: []int{11, 3, 5, 1}} // projected defects, shipped, spares, manufacturer
	for _, o := range orders {
		alarm := ""
		if o.Result.BatchAlarm {
			alarm = say(model.T("ALARM"))
		}
		projected := say(model.T("too early"))
		switch {
		case o.Projection.Elapsed >= o.Projection.Length:
			projected = strconv.Itoa(o.Projection.Defects) + " (final)"
		case o.Projection.OK:
			projected = strconv.Itoa(o.Projection.Projected)
		}
		t.Rows = append(t.Rows, []Value{text(o.Order.OrderNo), text(o.Order.Manufacturer), text(string(o.Order.Model)),
			text(o.Order.ShipmentDate.String()), count(o.Order.Quantity), count(o.Result.Spares), count(o.Result.Defects),
			num(o.Result.DefectRatePct), num(o.Result.Lower95Pct), num(o.Result.AllowancePct), text(alarm), text(projected)})
	}
	return []Table{t}
}

// say is a wording in the language chosen for the person reading the report (i18n.Use):
// the screen, the workbook and the command line show the report in it.
func say(t model.Text) string { return i18n.Say(t) }
