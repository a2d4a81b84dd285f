package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"returndesk/model"
)

// copyTable is one table of the schema as the copier moves it.
type copyTable struct {
	name  string
	order string // the primary key: rows are copied in its order
	ids   bool   // the engine generates the id: its sequence is set after the copy
}

// copyTables is every table of the schema (version 6) in foreign-key order: a row comes
// after the rows it refers to. The engines' own bookkeeping (migrations) is not copied:
// each engine's Open wrote its own. Tables() lets the engines' tests check that no table
// of theirs is missing here.
var copyTables = []copyTable{
	{"manufacturers", "id", true},
	{"products", "id", true},
	{"customers", "id", true},
	{"service_centres", "id", true},
	{"sales", "id", true},
	{"policies", "id, version", false},
	{"cases", "id", true},
	{"case_history", "id", true},
	{"claims", "id", true},
	{"claim_lines", "id", true},
	{"oem_orders", "id", true},
	{"settings", "key", false},
	{"counters", "name, year", false},
	{"case_photos", "id", true},
	{"ledger", "id", true},
	{"oem_defects", "order_id, case_id", false},
	{"shop_logo", "id", false},
}

// IndexTables are the tables the copier does not copy but builds anew in the target from
// the copied rows: the search indexes (sqlstore's own, kept beside the rows they index).
func IndexTables() []string { return []string{caseIndex.table, customerIndex.table} }

// Tables lists the tables the copier copies, in the order it copies them.
func Tables() []string {
	names := make([]string, len(copyTables))
	for i, t := range copyTables {
		names[i] = t.name
	}
	return names
}

// TableRows is how many rows of a table were copied.
type TableRows struct {
	Table string `json:"table"`
	Rows  int    `json:"rows"`
}

// Copied reports a copy: the rows of every table (checked against the source) and the
// photos whose SHA-256 was checked in the target.
type Copied struct {
	Tables []TableRows `json:"tables"`
	Photos int         `json:"photos_checked"`
}

// Rows is the number of rows copied of table.
func (c *Copied) Rows(table string) int {
	for _, t := range c.Tables {
		if t.Table == table {
			return t.Rows
		}
	}
	return 0
}

// CopyInto copies everything in db into to, which must be empty (a new database; the
// preset policies its first opening added are replaced by the source's): one read snapshot
// of db, one write transaction of to, ids kept, to's id sequences set after. The copy is
// checked before it commits: row counts, and every photo's and the logo's checksum.
func (db *Store) CopyInto(ctx context.Context, to *Store) (*Copied, error) {
	return db.copyInto(ctx, to, false)
}

// ReplaceWith replaces everything in db with what from holds, in one write transaction of
// db: its tables are emptied (the append-only history included, which only this may do)
// and from is copied in, checked as CopyInto checks.
func (db *Store) ReplaceWith(ctx context.Context, from *Store) (*Copied, error) {
	return from.copyInto(ctx, db, true)
}

func (db *Store) copyInto(ctx context.Context, to *Store, replace bool) (*Copied, error) {
	if replace && to.d.EmptyTable == nil {
		return nil, model.Errorf(model.EINTERNAL, "this engine cannot replace its content table by table")
	}
	src, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer src.Rollback()
	dst, err := to.beginLongWrite(ctx, "a copy of a whole database")
	if err != nil {
		return nil, err
	}
	defer dst.Rollback()
	if replace {
		for i := len(copyTables) - 1; i >= 0; i-- {
			for _, stmt := range to.d.EmptyTable(copyTables[i].name) {
				if _, err := dst.ExecContext(ctx, stmt); err != nil {
					return nil, dbError(err)
				}
			}
		}
	} else if err := checkEmpty(ctx, dst); err != nil {
		return nil, err
	}
	out := &Copied{}
	for _, t := range copyTables {
		n, err := copyRows(ctx, src, dst, t)
		if err != nil {
			return nil, model.Wrap(model.ErrorCode(err), err, "copying table %s", t.name)
		}
		out.Tables = append(out.Tables, TableRows{t.name, n})
		if t.ids && to.d.SetNextID != nil {
			if _, err := dst.ExecContext(ctx, to.d.SetNextID(t.name)); err != nil {
				return nil, dbError(err)
			}
		}
	}
	if err := dst.fillSearch(ctx); err != nil {
		return nil, model.Wrap(model.ErrorCode(err), err, "building the search index")
	}
	if out.Photos, err = checkCopy(ctx, src, dst); err != nil {
		return nil, err
	}
	if err := dst.commit(); err != nil {
		return nil, err
	}
	return out, nil
}

// checkEmpty refuses a target that holds anything but the preset policies, which opening a
// new database adds and which the copy then replaces with the source's.
func checkEmpty(ctx context.Context, tx *txn) error {
	for _, t := range copyTables {
		q := `SELECT count(*) FROM ` + t.name
		if t.name == "policies" {
			q += ` WHERE preset = 0`
		}
		var n int
		if err := tx.QueryRowContext(ctx, q).Scan(&n); err != nil {
			return dbError(err)
		}
		if n > 0 {
			return model.Errorf(model.EINVALID,
				"the database to copy into is not empty (its table %s has %d rows); copy only into a new, empty database", t.name, n)
		}
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM policies`)
	return dbError(err)
}

// copyRows copies the rows of table t from src to dst, column by column by name (the
// engines' columns may come in another order), and returns how many.
func copyRows(ctx context.Context, src, dst *txn, t copyTable) (int, error) {
	rows, err := src.QueryContext(ctx, `SELECT * FROM `+t.name+` ORDER BY `+t.order)
	if err != nil {
		return 0, dbError(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, dbError(err)
	}
	// Many rows a statement: a row a round trip would take an hour for a big shop's server.
	ins, err := newBatch(ctx, dst, `INSERT INTO `+t.name+` (`+strings.Join(cols, ", ")+`) VALUES`, len(cols),
		func(_ []any, err error) error { return dbError(err) }, ctx)
	if err != nil {
		return 0, err
	}
	defer ins.close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, dbError(err)
		}
		if err := ins.add(vals...); err != nil {
			return n, err
		}
		n++
	}
	if err := ins.flush(); err != nil {
		return n, err
	}
	if err := rows.Err(); err != nil {
		return n, dbError(err)
	}
	// What the source holds, counted again, is what the target now holds.
	var have, want int
	if err := src.QueryRowContext(ctx, `SELECT count(*) FROM `+t.name).Scan(&want); err != nil {
		return n, dbError(err)
	}
	if err := dst.QueryRowContext(ctx, `SELECT count(*) FROM `+t.name).Scan(&have); err != nil {
		return n, dbError(err)
	}
	if have != want || n != want {
		return n, model.Errorf(model.EINTERNAL, "%s has %d rows after the copy, the source %d", t.name, have, want)
	}
	return n, nil
}

// checkCopy reads every picture back from the target: each photo's data matches the
// SHA-256 the source recorded for it, and the logo is the source's, byte for byte. It
// returns how many photos it checked.
func checkCopy(ctx context.Context, src, dst *txn) (int, error) {
	want := map[int64]string{}
	rows, err := src.QueryContext(ctx, `SELECT id, sha256 FROM case_photos WHERE data IS NOT NULL`)
	if err != nil {
		return 0, dbError(err)
	}
	for rows.Next() {
		var id int64
		var sum string
		if err := rows.Scan(&id, &sum); err != nil {
			rows.Close()
			return 0, dbError(err)
		}
		want[id] = sum
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, dbError(err)
	}
	rows, err = dst.QueryContext(ctx, `SELECT id, file, data FROM case_photos WHERE data IS NOT NULL`)
	if err != nil {
		return 0, dbError(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int64
		var file string
		var data []byte
		if err := rows.Scan(&id, &file, &data); err != nil {
			return n, dbError(err)
		}
		if sum, ok := want[id]; !ok || model.PictureSum(data) != sum {
			return n, model.Errorf(model.EINTERNAL, "photo %s is not the same after the copy", file)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, dbError(err)
	}
	if n != len(want) {
		return n, model.Errorf(model.EINTERNAL, "%d photos after the copy, the source has %d", n, len(want))
	}
	return n, checkLogo(ctx, src, dst)
}

// checkLogo compares the logo of src and dst byte for byte.
func checkLogo(ctx context.Context, src, dst *txn) error {
	var a, b []byte
	for _, p := range []struct {
		tx *txn
		to *[]byte
	}{{src, &a}, {dst, &b}} {
		err := p.tx.QueryRowContext(ctx, `SELECT data FROM shop_logo WHERE id = 1`).Scan(p.to)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return dbError(err)
		}
	}
	if model.PictureSum(a) != model.PictureSum(b) {
		return model.Errorf(model.EINTERNAL, "the shop logo is not the same after the copy")
	}
	return nil
}
