package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
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
	// InList is a condition that column is one of a list of ids given as one parameter,
	// ListArg's value of the ids: one statement text for any number of ids, which a server
	// plans once.
	InList  func(column string) string
	ListArg func(ids []int64) any
	// ChainsWrites: an insert that returns nothing may go with the transaction's next
	// statement, in one round trip to the server (PostgreSQL's WITH w AS (INSERT …) …);
	// without it, each runs at once (txn.queue).
	ChainsWrites bool

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
	n := 0
	out := rewritePlaceholders(q, func(number string) string {
		if number == "" {
			n++
			number = strconv.Itoa(n)
		}
		return "$" + number
	})
	d.rebound.Store(q, out)
	return out
}

// rewritePlaceholders replaces every placeholder of q outside quotes (? or ?N) with what
// with returns for its number ("" for a bare ?).
func rewritePlaceholders(q string, with func(number string) string) string {
	var b strings.Builder
	quoted := false
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
			b.WriteString(with(q[i+1 : j]))
			i = j - 1
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// The transaction's statements go through the dialect's placeholders, and carry the
// inserts queued before them (txn.queue): a write runs them first, as a statement of their
// own, so that it sees them; a query takes them along, as it reads no table they write.

func (tx *txn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if err := tx.flush(ctx); err != nil {
		return nil, err
	}
	return tx.Tx.ExecContext(ctx, tx.d.rebind(q), args...)
}

func (tx *txn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q, args = tx.chained(q, args)
	return tx.Tx.QueryContext(ctx, tx.d.rebind(q), args...)
}

func (tx *txn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	q, args = tx.chained(q, args)
	return tx.Tx.QueryRowContext(ctx, tx.d.rebind(q), args...)
}

func (tx *txn) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	if err := tx.flush(ctx); err != nil {
		return nil, err
	}
	return tx.Tx.PrepareContext(ctx, tx.d.rebind(q))
}

// queue runs an insert that returns nothing (with bare ? placeholders), or, where the
// engine chains writes, keeps it for the transaction's next statement: storing a case
// takes two round trips to a server fewer. Only the search keys and the history are
// queued, and no statement of a write reads them.
func (tx *txn) queue(ctx context.Context, q string, args ...any) error {
	if !tx.d.ChainsWrites {
		_, err := tx.ExecContext(ctx, q, args...)
		return dbError(err)
	}
	// Inserts into one table are one statement: the rows get their ids in the order they
	// were queued, as the history's order needs; two statements of one WITH run in no
	// order.
	head, values, _ := strings.Cut(q, " VALUES ")
	if n := len(tx.queued); n > 0 && strings.HasPrefix(tx.queued[n-1].q, head+" VALUES ") {
		tx.queued[n-1].q += ", " + values
		tx.queued[n-1].args = append(tx.queued[n-1].args, args...)
		return nil
	}
	tx.queued = append(tx.queued, queuedWrite{q, args})
	return nil
}

// queuedWrite is an insert kept for the next statement.
type queuedWrite struct {
	q    string
	args []any
}

// chained is q with the queued inserts in a WITH before it (and their arguments before
// q's), and empties the queue. q does not see what they insert.
func (tx *txn) chained(q string, args []any) (string, []any) {
	if len(tx.queued) == 0 {
		return q, args
	}
	var b strings.Builder
	var all []any
	for i, w := range tx.queued {
		fmt.Fprintf(&b, "queued%d AS (%s), ", i, w.q)
		all = append(all, w.args...)
	}
	tx.queued = nil
	// The queued inserts' bare placeholders come first; q's numbered ones move after them.
	q = shiftNumbered(q, len(all))
	if rest, ok := strings.CutPrefix(q, "WITH RECURSIVE "); ok {
		return "WITH RECURSIVE " + b.String() + rest, append(all, args...)
	}
	if rest, ok := strings.CutPrefix(q, "WITH "); ok {
		return "WITH " + b.String() + rest, append(all, args...)
	}
	return "WITH " + strings.TrimSuffix(b.String(), ", ") + " " + q, append(all, args...)
}

// shiftNumbered adds n to the number of every numbered placeholder (?N) of q outside
// quotes.
func shiftNumbered(q string, n int) string {
	return rewritePlaceholders(q, func(number string) string {
		if number == "" {
			return "?"
		}
		k, _ := strconv.Atoi(number)
		return "?" + strconv.Itoa(k+n)
	})
}

// flush runs the queued inserts, in one statement.
func (tx *txn) flush(ctx context.Context) error {
	if len(tx.queued) == 0 {
		return nil
	}
	q, args := tx.chained("SELECT 1", nil)
	_, err := tx.Tx.ExecContext(ctx, tx.d.rebind(q), args...)
	return dbError(err)
}
