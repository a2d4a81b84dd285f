package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// batchRows is how many rows one INSERT statement of a batch writes. SQLite sets up every
// statement and journals the pages it changes so that the statement alone can be undone;
// a statement of many rows pays that once for all of them.
const batchRows = 100

// batch inserts rows into one table, batchRows rows per statement. A row's error shows
// when its batch is written: at a later add or at flush.
type batch struct {
	ctx      context.Context // for the statements
	stop     context.Context // cancels the load
	cols     int
	full     *sql.Stmt // for batchRows rows
	single   *sql.Stmt // for one row: the remainder, and finding the row that failed
	args     []any
	rowError func(row []any, err error) error // maps the error of one row
	aborts   bool                             // a failed statement ends the transaction (Dialect.AbortsOnError)
}

// valueRows is the placeholders of n rows of cols values each: "(?, ?), (?, ?)".
func valueRows(cols, n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// newBatch prepares the statements of a batch; insert is "INSERT INTO table (columns) VALUES".
func newBatch(ctx context.Context, tx *txn, insert string, cols int, rowError func([]any, error) error, stop context.Context) (*batch, error) {
	bt := &batch{ctx: ctx, stop: stop, cols: cols, rowError: rowError, args: make([]any, 0, cols*batchRows),
		aborts: tx.d.AbortsOnError}
	var err error
	if bt.full, err = tx.PrepareContext(ctx, insert+" "+valueRows(cols, batchRows)); err != nil {
		return nil, dbError(err)
	}
	if bt.single, err = tx.PrepareContext(ctx, insert+" "+valueRows(cols, 1)); err != nil {
		bt.full.Close()
		return nil, dbError(err)
	}
	return bt, nil
}

// add queues one row (len(args) == cols), writing the batch when it is full.
func (bt *batch) add(args ...any) error {
	if len(args) != bt.cols {
		panic(fmt.Sprintf("sqlite: batch row of %d values for %d columns", len(args), bt.cols))
	}
	bt.args = append(bt.args, args...)
	if len(bt.args) < bt.cols*batchRows {
		return nil
	}
	return bt.flush()
}

// flush writes the queued rows.
func (bt *batch) flush() error {
	defer func() { bt.args = bt.args[:0] }()
	if err := bt.stop.Err(); err != nil {
		return dbError(err)
	}
	if len(bt.args) == bt.cols*batchRows {
		_, err := bt.full.ExecContext(bt.ctx, bt.args...)
		if err == nil {
			return nil
		}
		// A constraint failure undid only the statement (on SQLite): write the rows one by
		// one to name the culprit. Any other failure (a full disk) may have rolled back the
		// whole transaction, and a statement run after it would commit on its own.
		if !isConstraint(err) || bt.aborts {
			return dbError(err)
		}
	}
	for i := 0; i < len(bt.args); i += bt.cols {
		row := bt.args[i : i+bt.cols]
		if _, err := bt.single.ExecContext(bt.ctx, row...); err != nil {
			return bt.rowError(row, err)
		}
	}
	return nil
}

func (bt *batch) close() {
	bt.full.Close()
	bt.single.Close()
}
