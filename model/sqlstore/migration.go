package sqlstore

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"returndesk/model"
)

// Migration is one numbered schema change, e.g. migration/0001_init.sql.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// LoadMigrations reads an engine's embedded migrations (migration/*.sql) in order and checks that they are
// numbered 1, 2, 3, ... without gaps or duplicates.
func LoadMigrations(files fs.FS) ([]Migration, error) {
	names, err := fs.Glob(files, "migration/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, n := range names {
		base := path.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v < 1 {
			return nil, fmt.Errorf("migration file %s is not named NNNN_name.sql", base)
		}
		b, err := fs.ReadFile(files, n)
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: base, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.Name, i+1)
		}
	}
	return ms, nil
}

// NewerSchema refuses a database whose schema a newer ReturnDesk wrote.
func NewerSchema(current, known int) error {
	return model.Errorf(model.ECONFLICT,
		"database schema version %d was written by a newer ReturnDesk (this one knows up to %d); refusing to open it so it is not damaged",
		current, known)
}
