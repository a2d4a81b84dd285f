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
	res, err := tx.ExecContext(ctx, `INSERT INTO case_photos (case_id, file, name, format, width, height, size,
		added_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.CaseID, p.File, p.Name, p.Format, p.Width, p.Height, p.Size, formatTime(tx.now), actor)
	if isUnique(err) {
		return &model.Error{Code: model.ECONFLICT, Field: "file", Message: "another photo is already stored as " + p.File}
	}
	if err != nil {
		return dbError(err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return dbError(err)
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
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.caseByID(ctx, id); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, case_id, file, name, format, width, height, size, added_at, actor
		FROM case_photos WHERE case_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	out := []model.Photo{}
	for rows.Next() {
		var p model.Photo
		var added string
		if err := rows.Scan(&p.ID, &p.CaseID, &p.File, &p.Name, &p.Format, &p.Width, &p.Height, &p.Size,
			&added, &p.Actor); err != nil {
			return nil, dbError(err)
		}
		if p.AddedAt, err = parseTime(added); err != nil {
			return nil, corrupt(err)
		}
		out = append(out, p)
	}
	return out, dbError(rows.Err())
}
