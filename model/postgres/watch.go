package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"returndesk/model"
)

// changes is the channel every write transaction notifies (BeginWrite).
const changes = "returndesk_changes"

// rewatchEvery is how long Watch waits before connecting again after losing the server.
const rewatchEvery = time.Second

// Watch listens, on a connection of its own, for the notification every write transaction
// sends at its commit. It connects before returning, so that the changes committed after
// it are seen; a lost connection is made again, and then reported as a change.
func (db *DB) Watch(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	conn := db.listen(ctx)
	go func() {
		defer close(ch)
		for {
			if conn != nil {
				for {
					if _, err := conn.WaitForNotification(ctx); err != nil {
						break
					}
					model.Signal(ch)
				}
				conn.Close(context.Background())
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(rewatchEvery):
			}
			if conn = db.listen(ctx); conn != nil {
				model.Signal(ch) // what changed while the server was away
			}
		}
	}()
	return ch
}

// listen connects and listens for changes; nil when the server cannot be reached.
func (db *DB) listen(ctx context.Context) *pgx.Conn {
	conn, err := pgx.ConnectConfig(ctx, db.cfg.Copy())
	if err != nil {
		return nil
	}
	if _, err := conn.Exec(ctx, "LISTEN "+changes); err != nil {
		conn.Close(context.Background())
		return nil
	}
	return conn
}
