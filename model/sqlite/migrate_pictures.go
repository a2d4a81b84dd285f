package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"returndesk/model"
	"returndesk/model/sqlstore"
)

// picturesInDatabase is the schema version from which photos and the logo are in the
// database; before it they were files in the data folder.
const picturesInDatabase = 6

// afterMigration are the steps in Go that finish a migration, in its transaction: what SQL
// alone cannot do, such as reading files of the data folder.
var afterMigration = map[int]func(ctx context.Context, tx *sql.Tx, dataDir string) error{
	picturesInDatabase:        movePicturesIn,
	sqlstore.CasesIndexed:     fillIndex(sqlstore.CasesIndexed),
	sqlstore.CustomersIndexed: fillIndex(sqlstore.CustomersIndexed),
	sqlstore.TailsIndexed:     fillIndex(sqlstore.TailsIndexed),
	sqlstore.PhonesIndexed:    fillIndex(sqlstore.PhonesIndexed),
}

// legacyLogoSetting is the setting that named the logo's file in the data folder before
// schema version 6.
const legacyLogoSetting = "shop_logo"

// movePicturesIn moves every photo's picture and the logo into the database: from the
// backup_photos table of an older backup being restored, else from the photo's file in the
// data folder. A file that is missing leaves its photo without a picture (shown as missing,
// as before); any other failure to read one stops the whole migration. The files are only
// read, never changed or deleted.
func movePicturesIn(ctx context.Context, tx *sql.Tx, dataDir string) error {
	packed, err := tableExists(ctx, tx, "backup_photos")
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, file FROM case_photos WHERE data IS NULL ORDER BY id`)
	if err != nil {
		return err
	}
	type photo struct {
		id   int64
		file string
	}
	var photos []photo
	for rows.Next() {
		var p photo
		if err := rows.Scan(&p.id, &p.file); err != nil {
			rows.Close()
			return err
		}
		photos = append(photos, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range photos {
		data, err := oldPicture(ctx, tx, packed, dataDir, p.file)
		if err != nil {
			return err
		}
		if data == nil {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE case_photos SET data = ?, sha256 = ? WHERE id = ?`,
			data, model.PictureSum(data), p.id); err != nil {
			return err
		}
	}
	if packed {
		if _, err := tx.ExecContext(ctx, `DROP TABLE backup_photos`); err != nil {
			return err
		}
	}
	return moveLogoIn(ctx, tx, dataDir)
}

// oldPicture reads one photo's picture as an older ReturnDesk kept it; nil when it is gone.
func oldPicture(ctx context.Context, tx *sql.Tx, packed bool, dataDir, file string) ([]byte, error) {
	if packed {
		var data []byte
		err := tx.QueryRowContext(ctx, `SELECT data FROM backup_photos WHERE file = ?`, file).Scan(&data)
		if err == nil {
			return data, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	if !photoFileOK(file) {
		return nil, nil // a name AddPhoto would refuse: never read outside the photo folder
	}
	data, err := os.ReadFile(filepath.Join(dataDir, filepath.FromSlash(file)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// moveLogoIn stores the logo file the settings named, and drops that setting. A logo file
// that is missing, outside the data folder or no picture is left out, as printing did.
func moveLogoIn(ctx context.Context, tx *sql.Tx, dataDir string) error {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, legacyLogoSetting).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if data := readOldLogo(dataDir, name); data != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO shop_logo (id, data) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET data = excluded.data`, data); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, legacyLogoSetting)
	return err
}

// readOldLogo reads the logo file name of the data folder: a plain file name, never a path
// elsewhere; nil when it cannot be the logo.
func readOldLogo(dataDir, name string) []byte {
	name = strings.TrimSpace(name)
	if name == "" || name != filepath.Base(name) || name == "." || name == ".." {
		return nil
	}
	f, err := os.Open(filepath.Join(dataDir, name))
	if err != nil {
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, model.MaxLogoBytes+1))
	if err != nil {
		return nil
	}
	if _, _, err := model.CheckLogo(data); err != nil {
		return nil
	}
	return data
}
