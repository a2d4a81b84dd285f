package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"returndesk/model"
)

var _ model.BulkLoader = (*DB)(nil)

// bulkCacheKiB is the page cache of the loader's connection: big enough to hold the
// indexes being filled, so that pages are not spilled to the WAL and written again.
const bulkCacheKiB = 256 << 10

// Bulk runs load with a Bulk (the store's model.BulkLoader) and commits everything it wrote,
// or nothing when load or a write fails. It uses a connection of its own; other writers of
// the database wait until it is done, so load must not call the DB's own write methods.
func (db *DB) Bulk(ctx context.Context, load func(model.BulkLoad) error) error {
	pool, err := sql.Open("sqlite3", writerDSN(db.path))
	if err != nil {
		return wrapOpen(db.path, err)
	}
	defer pool.Close()
	conn, err := pool.Conn(ctx)
	if err != nil {
		return wrapOpen(db.path, err)
	}
	defer conn.Close()
	// One big transaction fsyncs once anyway; synchronous=OFF also spares the syncs when
	// the cache spills in the middle. The database is made durable below, before returning.
	for _, p := range []string{`PRAGMA synchronous = OFF`, fmt.Sprintf(`PRAGMA cache_size = -%d`, bulkCacheKiB)} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return dbError(err)
		}
	}
	var sqlTx *sql.Tx
	if err := db.waitForLock(ctx, func() (err error) {
		sqlTx, err = conn.BeginTx(ctx, nil)
		return err
	}); err != nil {
		return dbError(err)
	}
	// History rows are written before the rows of their cases: the reference is checked at commit.
	if _, err := sqlTx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		sqlTx.Rollback()
		return dbError(err)
	}
	if err := db.LoadBulk(ctx, sqlTx, db.noteWriting("a bulk load"), load); err != nil {
		return err
	}
	return durable(ctx, conn)
}

// durable writes the committed load into the database file and syncs it: with
// synchronous back to FULL, the checkpoint syncs the WAL and then the database file.
// TRUNCATE also gives back the disk space of the WAL, which one big load makes as big as the data.
func durable(ctx context.Context, conn *sql.Conn) error {
	// The writer's short busy timeout is for taking the lock; the checkpoint waits for readers.
	for _, p := range []string{`PRAGMA synchronous = FULL`, `PRAGMA busy_timeout = 10000`} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return dbError(err)
		}
	}
	var busy, frames, done int
	if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &done); err != nil {
		return dbError(err)
	}
	if busy != 0 {
		return model.Errorf(model.EINTERNAL, "the loaded data is committed but could not be written to the database file: another connection is reading it")
	}
	return nil
}
