package sqlstore

import (
	"slices"
	"testing"

	"returndesk/model"
)

func TestSearchKeys(t *testing.T) {
	c := &model.Case{Serial: "Ab-1", CaseNo: "RMA-2026-000007", MaintenanceNo: ""}
	cu := &model.Customer{Name: "张伟伟", Phone: "12"}
	want := []string{"-1", "000007", "1", "12", "2", "7", "ab-1", "b-1", "rma-2026-000007", "伟", "伟伟", "张伟伟"}
	if got := caseKeys(c, cu); !slices.Equal(got, want) {
		t.Errorf("case keys %q, want %q", got, want)
	}
	long := string(make([]rune, 100))
	for _, k := range searchKeys([]string{long}) {
		if n := len([]rune(k)); n > maxKeyRunes {
			t.Errorf("a key of %d characters", n)
		}
	}
}

func TestNumberTails(t *testing.T) {
	for n, want := range map[string][]string{
		"RMA-2026-000123": {"000123", "123"}, "MO-2026-100000": {"100000"}, "": nil, "RMA-2026-": nil, "X-2026-12a": nil,
	} {
		if got := numberTails(n); !slices.Equal(got, want) {
			t.Errorf("numberTails(%q) = %q, want %q", n, got, want)
		}
	}
}

func TestMayStartNumber(t *testing.T) {
	for _, tt := range []struct {
		term string
		want bool
	}{
		{"r", true}, {"rma", true}, {"rma-2026-0001", true}, {"mo-", true}, {"m", true},
		{"000123", true}, {"123", true}, // a number's sequence, with its zeros or without
		{"rmb", false}, {"garcia", false}, {"-2026", false}, {"138a", false},
	} {
		if got := mayStartNumber(tt.term); got != tt.want {
			t.Errorf("mayStartNumber(%q) = %v", tt.term, got)
		}
	}
}
