package policy

import (
	"strconv"
	"strings"

	"returndesk/model"
)

// RuleText is a verdict's Rule ("days 8-60", "after day 365 (12 months), cause misuse",
// "days 0-7, custom-branded") as a wording a translation reaches; a rule it cannot read (from
// another version) is shown as it is.
func RuleText(rule string) model.Text {
	parts := strings.Split(rule, ", ")
	var out model.Text
	for i, p := range parts {
		t, ok := ruleStep(p)
		if !ok {
			return model.T("%s", rule)
		}
		if i == 0 {
			out = t
		} else {
			out = model.T("%s, %s", out, t)
		}
	}
	return out
}

// ruleStep reads one step of a rule: a window, the paid tier after the last day, a cause,
// a custom-branded product.
func ruleStep(s string) (model.Text, bool) {
	if s == "custom-branded" {
		return model.T("custom-branded product"), true
	}
	if c, ok := strings.CutPrefix(s, "cause "); ok {
		return model.T("cause: %s", model.Cause(c).Label()), true
	}
	body, win, hasWin := strings.Cut(s, " (")
	var w Window
	if hasWin {
		n, unit, ok := strings.Cut(strings.TrimSuffix(win, ")"), " ")
		length, err := strconv.Atoi(n)
		if !ok || err != nil {
			return model.Text{}, false
		}
		if !strings.HasSuffix(unit, "s") {
			unit += "s"
		}
		w = Window{Length: length, Unit: Unit(unit)}
	}
	if d, ok := strings.CutPrefix(body, "after day "); ok && hasWin {
		n, err := strconv.Atoi(d)
		if err != nil {
			return model.Text{}, false
		}
		return model.T("after day %d (%s)", n, w.Text()), true
	}
	if r, ok := strings.CutPrefix(body, "days "); ok {
		a, b, ok := strings.Cut(r, "-")
		from, err1 := strconv.Atoi(a)
		to, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil {
			return model.Text{}, false
		}
		if hasWin {
			return model.T("days %d–%d (%s)", from, to, w.Text()), true
		}
		return model.T("days %d–%d", from, to), true
	}
	return model.Text{}, false
}
