package sqlstore

import (
	"context"
	"strings"
	"time"

	"returndesk/model"
)

// AddPhoto records a photo of a case whose file has already been copied into the data
// folder, and notes the attachment in the case's history, in one transaction.
func (db *Store) AddPhoto(ctx context.Context, p *model.Photo, actor string) error {
	p.Name = strings.TrimSpace(p.Name)
	if err := p.Validate(); err != nil {
		return err
	}
	var at time.Time
	id, err := writeResult(ctx, db, func(tx *txn) (int64, error) {
		if _, err := tx.caseByID(ctx, p.CaseID); err != nil {
			return 0, asInvalid("case", err)
		}
		at = tx.now
		id, err := tx.insert(ctx,
			&model.Error{Code: model.ECONFLICT, Field: "file", Message: model.T("another photo is already stored as %s", p.File)},
			`INSERT INTO case_photos (case_id, file, name, format, width, height, size,
			added_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.CaseID, p.File, p.Name, p.Format, p.Width, p.Height, p.Size, formatTime(tx.now), actor)
		if err != nil {
			return 0, err
		}
		name := p.Name
		if name == "" {
			name = p.File
		}
		return id, tx.addHistory(ctx, model.HistoryEntry{CaseID: p.CaseID, Actor: actor, Action: model.ActionPhoto,
			Field: "photo", NewValue: name, Note: "photo attached"})
	})
	if err != nil {
		return err
	}
	p.ID, p.AddedAt, p.Actor = model.PhotoID(id), at.Local(), actor
	return nil
}

// ListPhotos returns the photos of a case, oldest first (ENOTFOUND for an unknown case).
func (db *Store) ListPhotos(ctx context.Context, id model.CaseID) ([]model.Photo, error) {
	return listOfCase(ctx, db, id, scanPhoto, `SELECT id, case_id, file, name, format, width, height, size, added_at, actor
		FROM case_photos WHERE case_id = ? ORDER BY id`)
}

func scanPhoto(s scanner) (model.Photo, error) {
	var p model.Photo
	var added string
	if err := s.Scan(&p.ID, &p.CaseID, &p.File, &p.Name, &p.Format, &p.Width, &p.Height, &p.Size,
		&added, &p.Actor); err != nil {
		return p, err
	}
	var col columns
	p.AddedAt = col.stamp(added)
	return p, col.err
}
