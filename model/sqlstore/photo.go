package sqlstore

import (
	"context"
	"path"
	"strings"
	"time"

	"returndesk/model"
)

// AddPhoto checks the picture and stores it as a photo of its case, and notes the
// attachment in the case's history, in one transaction.
func (db *Store) AddPhoto(ctx context.Context, p *model.Photo, data []byte, actor string) error {
	p.Name = strings.TrimSpace(p.Name)
	name := p.Name
	if name == "" {
		name = path.Base(p.File)
	}
	format, w, h, err := model.CheckPhoto(name, data)
	if err != nil {
		return err
	}
	p.Format, p.Width, p.Height, p.Size = format, w, h, int64(len(data))
	if p.File == "" {
		p.File = model.NewPhotoFile(format)
	}
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
			added_at, actor, data, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.CaseID, p.File, p.Name, p.Format, p.Width, p.Height, p.Size, formatTime(tx.now), actor,
			data, model.PictureSum(data))
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

// PhotoData returns a photo's picture.
func (db *Store) PhotoData(ctx context.Context, id model.PhotoID) ([]byte, error) {
	return read(ctx, db, func(tx *txn) ([]byte, error) {
		var data []byte
		err := tx.QueryRowContext(ctx, `SELECT data FROM case_photos WHERE id = ?`, id).Scan(&data)
		if err != nil {
			return nil, notFound(err, "no photo with id %d", id)
		}
		if data == nil {
			return nil, model.Errorf(model.ENOTFOUND, "the picture of photo %d was missing when the photos moved into the database", id)
		}
		return data, nil
	})
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
