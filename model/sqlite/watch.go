package sqlite

import (
	"context"
	"database/sql"
	"time"

	"returndesk/model"
)

// watchEvery is how often Watch looks for a commit of another connection.
const watchEvery = 500 * time.Millisecond

// Watch polls PRAGMA data_version, which changes when another connection (of this or
// another process: a second window on the file) commits; its own connection never writes,
// so every commit counts.
func (db *DB) Watch(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	conn, err := sql.Open("sqlite3", readerDSN(db.path))
	if err != nil {
		close(ch)
		return ch
	}
	// data_version is per connection: keep the one.
	conn.SetMaxOpenConns(1)
	conn.SetMaxIdleConns(1)
	conn.SetConnMaxLifetime(0)
	version := func() (v int64, ok bool) {
		return v, conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v) == nil
	}
	last, known := version()
	go func() {
		defer close(ch)
		defer conn.Close()
		tick := time.NewTicker(watchEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			v, ok := version()
			if ok && (!known || v != last) {
				model.Signal(ch)
			}
			if ok {
				last, known = v, true
			}
		}
	}()
	return ch
}
