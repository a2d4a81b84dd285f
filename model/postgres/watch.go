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

// ReportLink has report told when Watch loses the server (the error) and has it again (nil).
func (db *DB) ReportLink(report func(lost error)) { db.link.Store(&report) }

// reportLink tells ReportLink's function, if any.
func (db *DB) reportLink(err error) {
	if f := db.link.Load(); f != nil {
		(*f)(err)
	}
}

// Watch listens, on a connection of its own, for the notification every write transaction
// sends at its commit. It connects before returning, so that the changes committed after
// it are seen. A lost server is reported (ReportLink) and tried again every rewatchEvery;
// when it is back, that is reported, and as a change too: changes may have been missed.
func (db *DB) Watch(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	conn, err := db.listen(ctx)
	go func() {
		defer close(ch)
		lost := false
		for {
			if conn != nil {
				if lost {
					lost = false
					db.reportLink(nil)
					model.Signal(ch)
				}
				for {
					if _, err = conn.WaitForNotification(ctx); err != nil {
						break
					}
					model.Signal(ch)
				}
				conn.Close(context.Background())
			}
			if ctx.Err() != nil {
				return
			}
			if !lost {
				lost = true
				db.reportLink(err)
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(rewatchEvery):
			}
			conn, err = db.listen(ctx)
		}
	}()
	return ch
}

// listen connects and listens for changes.
func (db *DB) listen(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, db.cfg.Copy())
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+changes); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	return conn, nil
}
