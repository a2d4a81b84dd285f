package sqlstore

import (
	"slices"
	"testing"

	"returndesk/model"
)

func TestSearchKeys(t *testing.T) {
	c := &model.Case{Serial: "Ab-1", CaseNo: "RMA-2026-000007", MaintenanceNo: ""}
	cu := &model.Customer{Name: "张伟伟", Phone: "12"}
	want := []string{"-1", "1", "12", "2", "ab-1", "b-1", "rma-2026-000007", "伟", "伟伟", "张伟伟"}
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

func TestMayStartNumber(t *testing.T) {
	for _, tt := range []struct {
		term string
		want bool
	}{
		{"r", true}, {"rma", true}, {"rma-2026-0001", true}, {"mo-", true}, {"m", true},
		{"rmb", false}, {"garcia", false}, {"2026", false}, {"-2026", false}, {"138", false},
	} {
		if got := mayStartNumber(tt.term); got != tt.want {
			t.Errorf("mayStartNumber(%q) = %v", tt.term, got)
		}
	}
}
