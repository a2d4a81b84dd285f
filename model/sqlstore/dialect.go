package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"sync"
)

// Dialect is what differs in the SQL of an engine. The shared queries are written in
// SQLite's placeholders (? and ?N); the rest is the few expressions below.
type Dialect struct {
	// Numbered: the engine's placeholders are $1, $2, … (PostgreSQL); the queries are
	// rewritten once each and remembered.
	Numbered bool
	// Contains is a condition that column holds the parameter's text literally (both are
	// lower case), and ContainsArg the parameter for text s.
	Contains    func(column string) string
	ContainsArg func(s string) string
	// NoCase follows a comparison of text with a column whose text is compared ignoring
	// case: SQLite says so per comparison, PostgreSQL's citext column does it itself.
	NoCase string
	// Unindexed is put before a column in a condition the engine should not use an index
	// for (SQLite's unary +; PostgreSQL plans for itself).
	Unindexed string
	// IndexedBy follows a table in FROM to make the engine read it through index, when
	// its planner would not (SQLite's INDEXED BY; "" on PostgreSQL).
	IndexedBy func(index string) string
	// LocalDays is the number of whole days from the date column date to the local calendar
	// day of the stamp stamp, or to the date parameter (?) when stamp is NULL.
	LocalDays func(stamp, date string) string
	// SetNextID is the statement that makes the table's generated ids continue after its
	// largest id, after rows came in with their ids (nil: the engine does it itself, as
	// SQLite's rowid does).
	SetNextID func(table string) string
	// AbortsOnError: a statement that fails ends the transaction (PostgreSQL), so that a
	// batch of rows that breaks a constraint cannot be written again row by row to name
	// the one at fault.
	AbortsOnError bool
	// EmptyTable is the statements that empty a table inside a transaction, its append-only
	// guard included, for a restore that replaces everything (nil: the engine restores
	// otherwise, as SQLite does page by page).
	EmptyTable func(table string) []string

	rebound sync.Map // query → the query in numbered placeholders
}

// rebind rewrites a query into the engine's placeholders: ?N becomes $N and the k-th
// bare ? becomes $k. Text between quotes is left alone.
func (d *Dialect) rebind(q string) string {
	if !d.Numbered || !strings.Contains(q, "?") {
		return q
	}
	if v, ok := d.rebound.Load(q); ok {
		return v.(string)
	}
	var b strings.Builder
	n, quoted := 0, false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case c == '?' && !quoted:
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			if j > i+1 {
				b.WriteString("$" + q[i+1:j])
			} else {
				n++
				b.WriteString("$" + strconv.Itoa(n))
			}
			i = j - 1
			continue
		}
		b.WriteByte(c)
	}
	d.rebound.Store(q, b.String())
	return b.String()
}

// The transaction's statements go through the dialect's placeholders.

func (tx *txn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return tx.Tx.ExecContext(ctx, tx.d.rebind(q), args...)
}

func (tx *txn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return tx.Tx.QueryContext(ctx, tx.d.rebind(q), args...)
}

func (tx *txn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return tx.Tx.QueryRowContext(ctx, tx.d.rebind(q), args...)
}

func (tx *txn) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return tx.Tx.PrepareContext(ctx, tx.d.rebind(q))
}
