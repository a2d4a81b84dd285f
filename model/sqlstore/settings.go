package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"returndesk/model"
)

// Setting returns the value of a setting, or "" when it was never set.
func (db *Store) Setting(ctx context.Context, key string) (string, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var v string
	err = tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, strings.TrimSpace(key)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, dbError(err)
}

// SetSetting stores the value of a setting, replacing the previous one.
func (db *Store) SetSetting(ctx context.Context, key, value string) error {
	return db.SetSettings(ctx, map[string]string{key: value})
}

// SetSettings stores several settings in one transaction, replacing their previous values.
func (db *Store) SetSettings(ctx context.Context, values map[string]string) error {
	for key := range values {
		if strings.TrimSpace(key) == "" {
			return model.Invalid("key", "is required")
		}
	}
	return write(ctx, db, func(tx *txn) error {
		for key, value := range values {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, strings.TrimSpace(key), value); err != nil {
				return dbError(err)
			}
		}
		return nil
	})
}
