package sqlstore

import (
	"slices"
	"testing"
)

// Inserts queued on a server's transaction go in a WITH before the next query, inserts
// into one table as one statement, and the query's numbered placeholders move past theirs.
func TestChainedWrites(t *testing.T) {
	pg := &Dialect{Numbered: true, ChainsWrites: true}
	const history = `INSERT INTO case_history (case_id, note) VALUES (?, ?)`
	tests := []struct {
		name    string
		queue   [][]any // the arguments of each history insert queued
		query   string
		args    []any
		want    string
		wantArg []any
	}{
		{"nothing queued", nil, `SELECT a FROM t WHERE id = ?`, []any{9},
			`SELECT a FROM t WHERE id = $1`, []any{9}},
		{"one insert", [][]any{{1, "x"}}, `SELECT a FROM t WHERE id = ?`, []any{9},
			`WITH queued0 AS (INSERT INTO case_history (case_id, note) VALUES ($1, $2)) SELECT a FROM t WHERE id = $3`,
			[]any{1, "x", 9}},
		{"two into one table", [][]any{{1, "x"}, {1, "y"}}, `SELECT 1`, nil,
			`WITH queued0 AS (INSERT INTO case_history (case_id, note) VALUES ($1, $2), ($3, $4)) SELECT 1`,
			[]any{1, "x", 1, "y"}},
		{"a query with a WITH and numbered placeholders", [][]any{{1, "x"}},
			`WITH RECURSIVE w(n) AS (SELECT ?1 UNION ALL SELECT n - 1 FROM w WHERE n > ?2) SELECT n FROM w`, []any{5, 0},
			`WITH RECURSIVE queued0 AS (INSERT INTO case_history (case_id, note) VALUES ($1, $2)), w(n) AS (SELECT $3 UNION ALL SELECT n - 1 FROM w WHERE n > $4) SELECT n FROM w`,
			[]any{1, "x", 5, 0}},
	}
	for _, tt := range tests {
		tx := &txn{d: pg}
		for _, args := range tt.queue {
			if err := tx.queue(t.Context(), history, args...); err != nil {
				t.Fatal(err)
			}
		}
		q, args := tx.chained(tt.query, tt.args)
		if q = pg.rebind(q); q != tt.want || !slices.Equal(args, tt.wantArg) {
			t.Errorf("%s:\n got %s %v\nwant %s %v", tt.name, q, args, tt.want, tt.wantArg)
		}
		if len(tx.queued) != 0 {
			t.Errorf("%s: %d inserts still queued", tt.name, len(tx.queued))
		}
	}
	// A quote holds no placeholder.
	if got := shiftNumbered(`SELECT '?1', ?1`, 2); got != `SELECT '?1', ?3` {
		t.Errorf("shiftNumbered: %s", got)
	}
}
