package policy

import (
	"slices"
	"testing"
)

// A clause that speaks of another window than its tier's (or the tier before's) is found,
// in either language; the shipped policies' clauses all agree with their windows.
func TestStaleWindows(t *testing.T) {
	days := func(n int) Window { return Window{Length: n, Unit: UnitDays} }
	months := func(n int) Window { return Window{Length: n, Unit: UnitMonths} }
	for _, tt := range []struct {
		clause Clause
		own    Window
		before *Window
		want   []Window
	}{
		{Clause{En: "Within 7 days of purchase: a refund.", Zh: "购买后 7 天内：退款。"}, days(7), nil, nil},
		{Clause{En: "Within 7 days of purchase: a refund.", Zh: "购买后 7 天内：退款。"}, days(15), nil, []Window{days(7)}},
		{Clause{Zh: "购买后7天内：退款。"}, days(15), nil, []Window{days(7)}},
		{Clause{En: "More than 60 days but within a year: repair."}, months(12), new(days(60)), nil},
		{Clause{En: "12 months warranty", Zh: "保修 12 个月"}, months(24), nil, []Window{months(12)}},
		{Clause{En: "Paid service."}, days(30), nil, nil},
	} {
		if got := StaleWindows(tt.clause, tt.own, tt.before); !slices.Equal(got, tt.want) {
			t.Errorf("StaleWindows(%q, %v) = %v, want %v", tt.clause, tt.own, got, tt.want)
		}
	}
	for _, p := range append(Presets(), Templates()...) {
		for i, tier := range p.Tiers {
			var before *Window
			if i > 0 {
				before = &p.Tiers[i-1].Window
			}
			if stale := StaleWindows(tier.Clause, tier.Window, before); len(stale) > 0 {
				t.Errorf("%s tier %s: the clause speaks of %v", p.ID, tier.ID, stale)
			}
		}
	}
}
