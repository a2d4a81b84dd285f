package sqlstore

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"returndesk/model"
)

const policyColumns = `id, version, name, kind, COALESCE(manufacturer_id, 0), preset, definition, created_at`

func scanPolicy(s scanner) (model.PolicyRecord, error) {
	var r model.PolicyRecord
	var def, created string
	if err := s.Scan(&r.ID, &r.Version, &r.Name, &r.Kind, &r.ManufacturerID, &r.Preset, &def, &created); err != nil {
		return r, err
	}
	r.Definition = []byte(def)
	var col columns
	r.CreatedAt = col.stamp(created)
	return r, col.err
}

// SavePolicy stores a new version of the policy (the previous version + 1, or 1) and
// sets r.Version and r.CreatedAt. Earlier versions stay, so that every case keeps the
// rules it was decided under.
func (db *Store) SavePolicy(ctx context.Context, r *model.PolicyRecord) error {
	if r == nil {
		return model.Invalid("policy", "is required")
	}
	r.ID = model.PolicyID(strings.TrimSpace(string(r.ID)))
	if err := r.Validate(); err != nil {
		return err
	}
	if !json.Valid(r.Definition) {
		return model.Invalid("definition", "is not valid JSON")
	}
	var version int
	var at time.Time
	err := write(ctx, db, func(tx *txn) error {
		if r.ManufacturerID != 0 {
			if _, err := tx.manufacturerByID(ctx, r.ManufacturerID); err != nil {
				return asInvalid("manufacturer", err)
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(version), 0) + 1 FROM policies WHERE id = ?`,
			r.ID).Scan(&version); err != nil {
			return dbError(err)
		}
		at = tx.now
		_, err := tx.ExecContext(ctx, `INSERT INTO policies (id, version, name, kind, manufacturer_id, preset,
			definition, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ID, version, r.Name, r.Kind, nullID(r.ManufacturerID), boolInt(r.Preset), string(r.Definition),
			formatTime(tx.now))
		return dbError(err)
	})
	if err != nil {
		return err
	}
	r.Version = version
	r.CreatedAt = at
	return nil
}

// Policy returns one version of a policy, or the latest when version is 0.
func (db *Store) Policy(ctx context.Context, id model.PolicyID, version int) (*model.PolicyRecord, error) {
	if version < 0 {
		return nil, model.Invalid("version", "cannot be negative")
	}
	return read(ctx, db, func(tx *txn) (*model.PolicyRecord, error) { return tx.policy(ctx, id, version) })
}

func (tx *txn) policy(ctx context.Context, id model.PolicyID, version int) (*model.PolicyRecord, error) {
	r, err := scanPolicy(tx.QueryRowContext(ctx, `SELECT `+policyColumns+` FROM policies
		WHERE id = ?1 AND (?2 = 0 OR version = ?2) ORDER BY version DESC LIMIT 1`, id, version))
	if err != nil {
		if version == 0 {
			return nil, notFound(err, "no policy %s", id)
		}
		return nil, notFound(err, "no version %d of policy %s", version, id)
	}
	return &r, nil
}

// ListPolicies returns the latest version of each policy, by id.
func (db *Store) ListPolicies(ctx context.Context) ([]model.PolicyRecord, error) {
	return listAll(ctx, db, scanPolicy, `SELECT `+policyColumns+` FROM policies p
		WHERE version = (SELECT max(version) FROM policies WHERE id = p.id) ORDER BY id`)
}
