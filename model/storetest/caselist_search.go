package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

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

// A term that many cases match is looked for in the cases newest first rather than in the
// index: the same cases come, the page is full, and the total says "more than"; a rare
// term beside it is counted exactly; numbers match from their start only.
func testFindCasesCommonTerm(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	const common = 2010 // more than the index counts in one bucket
	bulkCases(t, db, f, 0, common, func(i int) string { return fmt.Sprintf("COMMON-%04d", i) })
	first, err := db.FindCase(ctx, "RMA-2026-000001")
	if err != nil {
		t.Fatal(err)
	}
	MustCreate(t, db, f.NewCase("DUP-DUP-DUP"))
	MustCreate(t, db, f.NewCase("RARE-1"))
	find := finder(t, db)
	got, n, exact := find(model.CaseFilter{Search: "mmon-", Descending: true})
	if len(got) != 100 || got[0] != "COMMON-2009" || got[99] != "COMMON-1910" || exact || n < model.CountedMatches {
		t.Errorf("common term: %d rows %v…, total %d exact %v; want the newest 100 and more than %d", len(got), got[:min(len(got), 2)], n, exact, model.CountedMatches)
	}
	got, n, exact = find(model.CaseFilter{Search: "common-", Descending: true, Offset: 2000})
	if len(got) != 10 || got[9] != "COMMON-0000" || !exact || n != common {
		t.Errorf("last page of a common term: %v, total %d exact %v; want 10 rows of %d", got, n, exact, common)
	}
	got, n, exact = find(model.CaseFilter{Search: "Common-", Sort: "serial", Limit: 3})
	if !slices.Equal(got, []string{"COMMON-0000", "COMMON-0001", "COMMON-0002"}) || exact || n < 3 {
		t.Errorf("common term by serial: %v, total %d exact %v", got, n, exact)
	}
	// Through the index, newest first; a case with the term in two places comes once.
	got, n, exact = find(model.CaseFilter{Search: "common-19", Descending: true, Limit: 3})
	if !slices.Equal(got, []string{"COMMON-1999", "COMMON-1998", "COMMON-1997"}) || !exact || n != 100 {
		t.Errorf("a term of 100 cases: %v, total %d exact %v", got, n, exact)
	}
	got, n, exact = find(model.CaseFilter{Search: "dup", Descending: true})
	if !slices.Equal(got, []string{"DUP-DUP-DUP"}) || !exact || n != 1 {
		t.Errorf("a term twice in a serial: %v, total %d exact %v", got, n, exact)
	}
	got, n, exact = find(model.CaseFilter{Search: "common-1042"})
	if !slices.Equal(got, []string{"COMMON-1042"}) || !exact || n != 1 {
		t.Errorf("rare term: %v, total %d exact %v", got, n, exact)
	}
	got, n, exact = find(model.CaseFilter{Search: "common", Status: model.StatusReceived, Limit: 50})
	if len(got) != 50 || exact || n < 50 {
		t.Errorf("common term and a status: %d rows, total %d exact %v", len(got), n, exact)
	}
	number := strings.ToLower(string(first.CaseNo))
	for _, tt := range []struct {
		term string
		want int
	}{
		{number, 1},
		{number[:len(number)-1], 9}, // RMA-2026-00000…: the year's first nine numbers
		{number[4:], 0},             // the middle of a number
	} {
		got, n, exact := find(model.CaseFilter{Search: tt.term, Limit: 1000})
		if len(got) != tt.want || n != tt.want || !exact {
			t.Errorf("search %q: %d rows, total %d exact %v; want %d", tt.term, len(got), n, exact, tt.want)
		}
	}
	// By its sequence, as read off the slip, with its zeros or without: 000001 and 1 (and
	// 10…19, 100… as 1 starts them; none in this shop but the first, all COMMON-… serials
	// hold no 1 at their start, so only the numbers match): the first case, and those its
	// maintenance number shares a sequence with.
	for _, term := range []string{number[len(number)-6:], "1"} {
		got, _, _ := find(model.CaseFilter{Search: term, Limit: 1000})
		if !slices.Contains(got, string(first.Serial)) {
			t.Errorf("search %q (the sequence of %s) does not find it: %d rows", term, first.CaseNo, len(got))
		}
	}
	// Every case by its number's start: read in order, the newest first.
	got, n, exact = find(model.CaseFilter{Search: "rma-", Descending: true})
	if len(got) != 100 || got[0] != "RARE-1" || got[1] != "DUP-DUP-DUP" || exact || n < model.CountedMatches {
		t.Errorf("search rma-: %d rows from %v, total %d exact %v", len(got), got[:min(1, len(got))], n, exact)
	}
}

// A case is found by its number's sequence as read off a slip, with its zeros or without:
// the newest case so numbered, of any year (1 finds RMA-2026-000001, not the newer case
// whose maintenance number is MO-2026-000001).
func testFindCaseBySequence(t *testing.T, s suite) {
	db, clk := s.openTest(t)
	f := Seed(t, db)
	MustCreate(t, db, f.NewCase("A"))                 // RMA-2026-000001
	repair := MustCreate(t, db, f.NewRepairCase("B")) // RMA-2026-000002, MO-2026-000001
	if c, err := db.FindCase(ctx, "1"); err != nil || c.CaseNo != "RMA-2026-000001" {
		t.Errorf("FindCase(1) = %v, %v; want RMA-2026-000001, not the newer MO-2026-000001's case", c, err)
	}
	// Both cases a slip's 1 may mean: RMA-2026-000001, then MO-2026-000001's case.
	for seq, want := range map[string][]model.CaseNo{"1": {"RMA-2026-000001", repair.CaseNo}, "000002": {repair.CaseNo}, "x": nil} {
		got, err := db.CasesNumbered(ctx, seq)
		var nos []model.CaseNo
		for _, c := range got {
			nos = append(nos, c.CaseNo)
		}
		if err != nil || !slices.Equal(nos, want) {
			t.Errorf("CasesNumbered(%q) = %v, %v; want %v", seq, nos, err, want)
		}
	}
	clk.Set(time.Date(2027, 1, 1, 8, 0, 0, 0, time.UTC))
	nc := f.NewCase("C")
	nc.Case.ReportedDate = model.MustDate("2027-01-01")
	newYear := MustCreate(t, db, nc) // RMA-2027-000001
	for _, tt := range []struct {
		typed string
		want  model.CaseID // 0: none
	}{
		{"1", newYear.ID},
		{"000001", newYear.ID},
		{" 2 ", repair.ID},
		{"000002", repair.ID},
		{"0002", 0}, // neither the sequence nor the number
		{"3", 0},
		{"0", 0},
		{"1000001", 0},
		{"2026-000001", 0},
	} {
		c, err := db.FindCase(ctx, tt.typed)
		switch {
		case tt.want == 0:
			WantCode(t, err, model.ENOTFOUND)
		case err != nil || c.ID != tt.want:
			t.Errorf("FindCase(%q) = %v, %v; want case %d", tt.typed, c, err, tt.want)
		}
	}
}

// The index is walked bucket by bucket, newest first: a term whose matches spread over
// two buckets is counted exactly and paged newest first across them; one whose matches
// fill an older bucket past what is counted is paged from the index with a total of "more
// than"; one that fills the newest bucket is looked for in the cases; and a case stored
// after them is found in the newest bucket.
func testFindCasesAcrossBuckets(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	const (
		older  = 1500 // the first cases, in the first bucket: their serials start OLD- (more than are counted)
		cases  = 4200 // the others are in the next bucket,
		fresh  = 1200 // the last of them with serials that start NEW- (more than are counted);
		spread = 10   // but every 10th serial starts SPR-: 420 cases in both buckets
	)
	serial := func(i int) string {
		switch {
		case i%spread == 0:
			return fmt.Sprintf("SPR-%05d", i)
		case i < older:
			return fmt.Sprintf("OLD-%05d", i)
		case i >= cases-fresh:
			return fmt.Sprintf("NEW-%05d", i)
		}
		return fmt.Sprintf("MID-%05d", i)
	}
	bulkCases(t, db, f, 0, older, serial)
	hooks(t, db).SkipIDs(t, "cases", bucketSize)
	bulkCases(t, db, f, older, cases, serial)
	find := finder(t, db)
	newest := model.CaseFilter{Search: "spr-", Descending: true}
	got, n, exact := find(newest)
	if len(got) != 100 || got[0] != "SPR-04190" || got[99] != "SPR-03200" || !exact || n != cases/spread {
		t.Errorf("a term in both buckets: %d rows %v…%v, total %d exact %v; want 100 from SPR-04190 of 420",
			len(got), got[:min(len(got), 1)], got[max(len(got)-1, 0):], n, exact)
	}
	newest.Offset = 400
	if got, n, exact = find(newest); len(got) != 20 || got[19] != "SPR-00000" || !exact || n != cases/spread {
		t.Errorf("its last page: %d rows ending %v, total %d exact %v", len(got), got[max(len(got)-1, 0):], n, exact)
	}
	if got, n, exact = find(model.CaseFilter{Search: "spr-", Sort: "serial", Limit: 2}); !slices.Equal(got, []string{"SPR-00000", "SPR-00010"}) || !exact || n != cases/spread {
		t.Errorf("by serial: %v, total %d exact %v", got, n, exact)
	}
	if got, _, _ = find(model.CaseFilter{Search: "spr-", Limit: 1}); !slices.Equal(got, []string{"SPR-00000"}) {
		t.Errorf("oldest first: %v", got)
	}
	got, n, exact = find(model.CaseFilter{Search: "old-", Descending: true})
	if len(got) != 100 || got[0] != "OLD-01499" || exact || n < model.CountedMatches {
		t.Errorf("a common term of the older bucket: %d rows from %v, total %d exact %v", len(got), got[:min(len(got), 1)], n, exact)
	}
	if got, n, exact = find(model.CaseFilter{Search: "old-", Status: model.StatusReceived, Descending: true, Limit: 50}); len(got) != 50 || got[0] != "OLD-01499" || exact || n < 50 {
		t.Errorf("the same with a status: %d rows from %v, total %d exact %v", len(got), got[:min(len(got), 1)], n, exact)
	}
	if got, n, exact = find(model.CaseFilter{Search: "old-0149", Descending: true}); len(got) != 9 || got[0] != "OLD-01499" || !exact || n != 9 {
		t.Errorf("a rare term of the older bucket: %v, total %d exact %v", got, n, exact)
	}
	got, n, exact = find(model.CaseFilter{Search: "new-", Descending: true})
	if len(got) != 100 || got[0] != "NEW-04199" || exact || n < model.CountedMatches {
		t.Errorf("a common term of the newest bucket: %d rows from %v, total %d exact %v", len(got), got[:min(len(got), 1)], n, exact)
	}
	MustCreate(t, db, f.NewCase("SPR-LATE"))
	if got, n, exact = find(model.CaseFilter{Search: "spr-", Descending: true, Limit: 2}); !slices.Equal(got, []string{"SPR-LATE", "SPR-04190"}) || !exact || n != cases/spread+1 {
		t.Errorf("after a new case: %v, total %d exact %v", got, n, exact)
	}
}

// bulkCases stores cases from to to (one second apart from Start, serial(i) the i-th's
// serial) through the store's bulk loader, which stores thousands in a second.
func bulkCases(t *testing.T, db model.Store, f *Fixture, from, to int, serial func(int) string) {
	t.Helper()
	bl, ok := db.(model.BulkLoader)
	if !ok {
		t.Fatal("the store has no bulk loader to make many cases with")
	}
	if err := bl.Bulk(ctx, func(b model.BulkLoad) error {
		for i := from; i < to; i++ {
			if _, err := b.CreateCase(Start.Add(time.Duration(i)*time.Second), f.NewCase(serial(i)), "tester"); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// finder runs a search of the case list and returns its page's serials, and its total as
// a number and whether it is exact.
func finder(t *testing.T, db model.Store) func(model.CaseFilter) ([]string, int, bool) {
	return func(f model.CaseFilter) ([]string, int, bool) {
		t.Helper()
		list, total, err := db.FindCases(ctx, f)
		if err != nil {
			t.Fatalf("FindCases(%+v): %v", f, err)
		}
		n, exact := model.CountedTotal(total)
		return serials(list), n, exact
	}
}

// A phone is found by its digits however it was typed and however it is searched for:
// 88886666 and (020) 8888-6666 find 020-8888 6666, +85291234567 and 91234567 find
// +852 9123 4567, in the case list and the customer search; a term with dashes is looked
// for as typed first, so a serial's part with its dash still finds it, and by its digits
// when that finds nothing.
func testFindByPhoneDigits(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	for _, c := range []struct{ serial, name, phone string }{
		{"GZ-1", "Guangzhou Trading", "020-8888 6666"},
		{"HK-1", "Tom Lee", "+852 9123 4567"},
		{"SN-2026-03", "张伟", ""},
	} {
		nc := f.NewCase(c.serial)
		if c.phone != "" {
			nc.Case.CustomerID = 0
			nc.Customer = &model.Customer{Name: c.name, Phone: c.phone}
		}
		MustCreate(t, db, nc)
	}
	find := finder(t, db)
	for term, want := range map[string]string{
		"88886666": "GZ-1", "(020) 8888-6666": "GZ-1", "020-8888": "GZ-1", "+85291234567": "HK-1",
		"91234567": "HK-1", "9123 4567": "HK-1", "2026-03": "SN-2026-03", "9123-4567": "HK-1", "8888-6666": "GZ-1",
	} {
		if got, _, _ := find(model.CaseFilter{Search: term}); !slices.Equal(got, []string{want}) {
			t.Errorf("case search %q: %v, want %s", term, got, want)
		}
	}
	for term, want := range map[string]string{"88886666": "020-8888 6666", "+85291234567": "+852 9123 4567", "9123 4567": "+852 9123 4567",
		"9123-4567": "+852 9123 4567"} {
		got, err := db.FindCustomers(ctx, term, 0)
		if err != nil || len(got) != 1 || got[0].Phone != want {
			t.Errorf("customer search %q: %+v, %v; want %s", term, got, err, want)
		}
	}
}
