package sqlite

import (
	"context"
	"strings"

	"returndesk/model"
)

// AddPhoto records a photo of a case whose file has already been copied into the data
// folder, and notes the attachment in the case's history, in one transaction.
func (db *DB) AddPhoto(ctx context.Context, p *model.Photo, actor string) error {
	p.Name = strings.TrimSpace(p.Name)
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.caseByID(ctx, p.CaseID); err != nil {
		return asInvalid("case", err)
	}
	id, err := tx.insert(ctx,
		&model.Error{Code: model.ECONFLICT, Field: "file", Message: model.T("another photo is already stored as %s", p.File)},
		`INSERT INTO case_photos (case_id, file, name, format, width, height, size,
		added_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.CaseID, p.File, p.Name, p.Format, p.Width, p.Height, p.Size, formatTime(tx.now), actor)
	if err != nil {
		return err
	}
	name := p.Name
	if name == "" {
		name = p.File
	}
	if err := tx.addHistory(ctx, model.HistoryEntry{CaseID: p.CaseID, Actor: actor, Action: "photo",
		Field: "photo", NewValue: name, Note: "photo attached"}); err != nil {
		return err
	}
	if err := tx.commit(); err != nil {
		return err
	}
	p.ID, p.AddedAt, p.Actor = model.PhotoID(id), tx.now.Local(), actor
	return nil
}

// ListPhotos returns the photos of a case, oldest first (ENOTFOUND for an unknown case).
func (db *DB) ListPhotos(ctx context.Context, id model.CaseID) ([]model.Photo, error) {
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
	var err error
	if p.AddedAt, err = parseTime(added); err != nil {
		return p, corrupt(err)
	}
	return p, nil
}
