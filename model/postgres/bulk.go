package postgres

import (
	"context"

	"returndesk/model"
	"returndesk/model/sqlstore"
)

var _ model.BulkLoader = (*DB)(nil)

// Bulk runs load with a Bulk (the store's model.BulkLoader) in one transaction under the
// writers' lock and commits everything it wrote, or nothing when load or a write fails.
// Other counters' writes wait until it is done, so load must not call the DB's own write
// methods. The tables' statistics are gathered afterwards: the planner is to see the new
// rows, not the empty tables it saw before.
func (db *DB) Bulk(ctx context.Context, load func(model.BulkLoad) error) error {
	e := engine{db}
	tx, err := e.BeginWrite(ctx)
	if err != nil {
		return sqlstore.Error(err)
	}
	// History rows are written before the rows of their cases, and sales records before
	// their customers: those references are checked at commit.
	if _, err := tx.ExecContext(ctx, `SET CONSTRAINTS case_history_case_id_fkey, sales_customer_id_fkey DEFERRED`); err != nil {
		tx.Rollback()
		return sqlstore.Error(err)
	}
	if err := db.LoadBulk(ctx, tx, e.NoteWriting("a bulk load"), load); err != nil {
		return err
	}
	_, err = db.w.ExecContext(ctx, `ANALYZE`)
	return sqlstore.Error(err)
}
