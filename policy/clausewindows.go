package policy

import (
	"regexp"
	"slices"
	"strconv"
)

// A window a clause speaks of: "7 days", "12 months", "7 天", "12 个月".
var spokenWindow = regexp.MustCompile(`(\d+)\s*(days?|months?|天|个月|個月)`)

// StaleWindows are the windows a tier's clause speaks of, in either language, that are
// neither the tier's own nor the one before it (a third tier says "more than 60 days but
// within a year"): a clause left saying 7 days after its window became 15 days would have
// the customer's slip promise what the verdict does not give. before is nil for the first tier.
func StaleWindows(c Clause, own Window, before *Window) []Window {
	var stale []Window
	for _, text := range []string{c.En, c.Zh} {
		for _, m := range spokenWindow.FindAllStringSubmatch(text, -1) {
			n, err := strconv.Atoi(m[1])
			if err != nil {
				continue
			}
			w := Window{Length: n, Unit: UnitDays}
			if u := m[2]; u == "month" || u == "months" || u == "个月" || u == "個月" {
				w.Unit = UnitMonths
			}
			if w == own || (before != nil && w == *before) || slices.Contains(stale, w) {
				continue
			}
			stale = append(stale, w)
		}
	}
	return stale
}
