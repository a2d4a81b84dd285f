package storetest

import (
	"slices"
	"strings"
	"testing"
)

// Nothing rewrites or deletes a case's history, not even another program with access to
// the database: the database itself refuses, and the entries stay as written.
func testHistoryIsAppendOnly(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	c := MustCreate(t, db, f.NewCase("SN-A1"))
	before, err := db.CaseHistory(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	rewrite, remove := hooks(t, db).TamperHistory(t, c.ID)
	for what, err := range map[string]error{"rewrite": rewrite, "delete": remove} {
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want the database's append-only refusal", what, err)
		}
	}
	after, err := db.CaseHistory(ctx, c.ID)
	if err != nil || !slices.Equal(after, before) || len(after) != 1 {
		t.Errorf("history after tampering = %+v, %v; want %+v", after, err, before)
	}
}
