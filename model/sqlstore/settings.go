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

// Logo returns the shop's logo; nil when there is none.
func (db *Store) Logo(ctx context.Context) ([]byte, error) {
	return read(ctx, db, func(tx *txn) ([]byte, error) {
		var data []byte
		err := tx.QueryRowContext(ctx, `SELECT data FROM shop_logo WHERE id = 1`).Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return data, dbError(err)
	})
}

// SetLogo stores the shop's logo, replacing the previous one; nil or empty removes it.
func (db *Store) SetLogo(ctx context.Context, data []byte) error {
	if len(data) == 0 {
		return write(ctx, db, func(tx *txn) error {
			_, err := tx.ExecContext(ctx, `DELETE FROM shop_logo`)
			return dbError(err)
		})
	}
	if _, _, err := model.CheckLogo(data); err != nil {
		return err
	}
	return write(ctx, db, func(tx *txn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO shop_logo (id, data) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET data = excluded.data`, data)
		return dbError(err)
	})
}
