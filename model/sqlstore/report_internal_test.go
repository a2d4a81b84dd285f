package sqlstore

import (
	"testing"

	"returndesk/model"
)

func TestMonthsInServiceCountsWholeMonths(t *testing.T) {
	for _, tc := range []struct {
		start, reported string
		want            int
	}{
		{"2026-01-15", "2026-01-15", 0},
		{"2026-01-15", "2026-02-14", 0},
		{"2026-01-15", "2026-02-15", 1},
		{"2026-01-31", "2026-02-28", 0}, // counting by day of month: not yet a whole month
		{"2026-01-31", "2026-03-01", 1},
		{"2025-12-20", "2026-01-19", 0},
		{"2025-12-20", "2026-12-20", 12},
	} {
		if got, ok := monthsInService(tc.start, tc.reported); !ok || got != tc.want {
			t.Errorf("%s → %s: %d months (%v), want %d", tc.start, tc.reported, got, ok, tc.want)
		}
	}
	if _, ok := monthsInService("", "2026-01-01"); ok {
		t.Error("a case without a start has months in service")
	}
}

func TestQuantileRisingAndMonths(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		q    float64
		want float64
	}{
		{nil, 0.5, -1}, {[]float64{7}, 0.5, 7}, {[]float64{1, 3}, 0.5, 2}, {[]float64{5, 1, 3}, 0.5, 3},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9, 9.1},
	} {
		if got := quantile(tc.xs, tc.q); got != tc.want {
			t.Errorf("quantile(%v, %v) = %v, want %v", tc.xs, tc.q, got, tc.want)
		}
	}
	mc := func(ns ...int) []model.MonthCount {
		out := make([]model.MonthCount, len(ns))
		for i, n := range ns {
			out[i].Count = n
		}
		return out
	}
	for _, tc := range []struct {
		counts []model.MonthCount
		want   bool
	}{
		{mc(1, 2, 3, 4), true}, {mc(9, 1, 2, 3, 4), true}, {mc(9, 1, 2, 3), false}, {mc(1, 2, 2, 3), false}, {mc(2, 3, 4), false}, {mc(4, 3, 2, 1), false},
	} {
		if got := rising(tc.counts); got != tc.want {
			t.Errorf("rising(%v) = %v", tc.counts, got)
		}
	}
	months := monthRange("2026-10", "2026-11", model.Period{}, model.MustDate("2027-01-05"))
	if len(months) != 4 || months[0] != "2026-10" || months[3] != "2027-01" {
		t.Errorf("monthRange = %v", months)
	}
}
