package storetest

import (
	"slices"
	"testing"

	"returndesk/model"
)

// The search text is matched literally whatever the user types, wildcards of any engine included,
// and the number of matches is right whether the page is full, partial or past the end.
func testFindCasesSearchIsLiteral(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	for _, name := range []string{"Star*Shop", "Quick?Fix", "[Brackets] Ltd", "Plain Shop"} {
		nc := f.NewCase("SN-" + name[:2])
		nc.Case.CustomerID = 0
		nc.Customer = &model.Customer{Name: name, Phone: "020-1"}
		MustCreate(t, db, nc)
	}
	tests := []struct {
		search string
		want   []string // serials, newest first
	}{
		{"r*s", []string{"SN-St"}},
		{"k?f", []string{"SN-Qu"}},
		{"[brackets]", []string{"SN-[B"}},
		{"[b", []string{"SN-[B"}},
		{"s]", []string{"SN-[B"}},
		{"*", []string{"SN-St"}},
		{"?", []string{"SN-Qu"}},
		{"shop", []string{"SN-Pl", "SN-St"}},
		{"[a-z]", nil},
	}
	for _, tt := range tests {
		list, total, err := db.FindCases(ctx, model.CaseFilter{Search: tt.search, Descending: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := serials(list); !slices.Equal(got, tt.want) || total != len(tt.want) {
			t.Errorf("search %q: %v (total %d), want %v", tt.search, got, total, tt.want)
		}
	}
}

func testFindCasesTotalWithoutFullPage(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	for range 7 {
		MustCreate(t, db, f.NewCase("PAGE-1"))
	}
	MustCreate(t, db, f.NewCase("OTHER"))
	tests := []struct {
		offset, limit, rows, total int
	}{
		{0, 3, 3, 7},  // a full page: counted
		{3, 3, 3, 7},  // full again
		{6, 3, 1, 7},  // the last, partial page gives the total
		{0, 10, 7, 7}, // everything on one page
		{7, 3, 0, 7},  // just past the end: counted
		{50, 3, 0, 7}, // far past the end
	}
	for _, tt := range tests {
		list, total, err := db.FindCases(ctx, model.CaseFilter{Search: "page-", Offset: tt.offset, Limit: tt.limit})
		if err != nil || len(list) != tt.rows || total != tt.total || list == nil {
			t.Errorf("offset %d limit %d: %d rows, total %d (%v), want %d rows of %d",
				tt.offset, tt.limit, len(list), total, err, tt.rows, tt.total)
		}
	}
	if _, total, _ := db.FindCases(ctx, model.CaseFilter{Search: "nothing like it"}); total != 0 {
		t.Errorf("no match: total %d", total)
	}
}
