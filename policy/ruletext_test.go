package policy

import (
	"testing"

	"returndesk/model"
)

// Every rule Evaluate writes reads back as a wording.
func TestRuleText(t *testing.T) {
	for _, tt := range []struct{ rule, want string }{
		{"days 0-7", "days 0–7"},
		{"days 61-365 (12 months)", "days 61–365 (12 months)"},
		{"days 0-30 (1 month)", "days 0–30 (1 month)"},
		{"after day 365 (12 months)", "after day 365 (12 months)"},
		{"cause misuse", "cause: Misuse or human damage"},
		{"days 0-7, cause manufacturer", "days 0–7, cause: Manufacturer defect"},
		{"days 0-7, custom-branded", "days 0–7, custom-branded product"},
		{"something new", "something new"},
		{"days x-y", "days x-y"},
	} {
		if got := RuleText(tt.rule).String(); got != tt.want {
			t.Errorf("RuleText(%q) = %q, want %q", tt.rule, got, tt.want)
		}
	}
	// And the rules the presets give, all read.
	p, _ := Preset(HalotekTerminal)
	for _, on := range []string{"2026-03-03", "2026-04-20", "2026-09-01", "2027-06-01"} {
		v, err := Evaluate(p, Input{Purchased: model.MustDate("2026-03-01"), On: model.MustDate(on), Cause: model.CauseMisuse})
		if err != nil {
			t.Fatal(err)
		}
		if RuleText(v.Rule).Key == "%s" {
			t.Errorf("rule %q is not read", v.Rule)
		}
	}
}
