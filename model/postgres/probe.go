package postgres

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"returndesk/model"
)

// Probe tries the database at url without changing it, as a connection test does before a
// counter is pointed at it: nil and what it found (a ReturnDesk database at some schema
// version, or an empty one ReturnDesk will set up), or the one-line reason it cannot be used.
func Probe(ctx context.Context, url string) (model.Text, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return model.Text{}, model.Invalid("db", "not a PostgreSQL URL: %v", err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return model.Text{}, connectError(cfg, err)
	}
	var ours bool
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('migrations') IS NOT NULL`).Scan(&ours); err != nil {
		return model.Text{}, rightsError(cfg, err)
	}
	if !ours {
		var tables int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()`).Scan(&tables); err != nil {
			return model.Text{}, rightsError(cfg, err)
		}
		if tables > 0 {
			return model.Text{}, model.Errorf(model.EINVALID, "%s holds %d tables of another program: give ReturnDesk an empty database of its own", where(cfg), tables)
		}
		return model.T("%s is empty: ReturnDesk sets it up when it first opens it", where(cfg)), nil
	}
	var version int
	var cases sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM migrations`).Scan(&version); err != nil {
		return model.Text{}, rightsError(cfg, err)
	}
	if version > KnownSchemaVersion() {
		return model.Text{}, model.Errorf(model.EINVALID, "%s was written by a newer ReturnDesk (schema version %d; this one knows up to %d)",
			where(cfg), version, KnownSchemaVersion())
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM cases`).Scan(&cases); err != nil {
		return model.Text{}, rightsError(cfg, err)
	}
	return model.T("%s is a ReturnDesk database (schema version %d) with %d cases", where(cfg), version, cases.Int64), nil
}
