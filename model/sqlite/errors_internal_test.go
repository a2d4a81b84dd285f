package sqlite

import (
	"database/sql"
	"path/filepath"
	"testing"

	"returndesk/model"
)

// dbError turns each kind of constraint failure into the right model error.
func TestDBErrorMapping(t *testing.T) {
	raw, err := sql.Open("sqlite3", "file:"+filepath.Join(t.TempDir(), "e.db")+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1) // one connection: max_page_count below holds for every statement
	if _, err := raw.Exec(`
		CREATE TABLE p (id INTEGER PRIMARY KEY);
		CREATE TABLE t (
			serial TEXT NOT NULL UNIQUE,
			qty INTEGER NOT NULL CONSTRAINT qty CHECK (qty >= 0),
			p INTEGER REFERENCES p (id));
		CREATE TRIGGER no_delete BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'rows are forever'); END;
		CREATE TABLE big (b BLOB);
		INSERT INTO t (serial, qty) VALUES ('A', 1);
		PRAGMA max_page_count = 10;`); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		sql     string
		code    model.Code
		field   string
		message string
	}{
		{`INSERT INTO t (serial, qty) VALUES ('A', 1)`, model.ECONFLICT, "serial", "a record with the same serial already exists"},
		{`INSERT INTO t (serial, qty) VALUES ('B', -1)`, model.EINVALID, "qty", "has a value the database does not accept"},
		{`INSERT INTO t (serial, qty) VALUES (NULL, 1)`, model.EINVALID, "serial", "is required"},
		{`INSERT INTO t (serial, qty, p) VALUES ('C', 1, 7)`, model.EINVALID, "", "refers to a record that does not exist"},
		{`DELETE FROM t`, model.ECONFLICT, "", "rows are forever"},
		{`SELECT * FROM nowhere`, model.EINTERNAL, "", ""},
		// SQLITE_FULL, as a full disk gives it: a failure of the machine, not of the input.
		{`INSERT INTO big VALUES (zeroblob(1000000))`, model.EIO, "", "the disk is full"},
	}
	for _, tt := range tests {
		_, err := raw.Exec(tt.sql)
		got := dbError(err)
		e, ok := got.(*model.Error)
		if !ok {
			t.Errorf("%s: %T %v", tt.sql, got, got)
			continue
		}
		if e.Code != tt.code || e.Field != tt.field || (tt.message != "" && e.Message.String() != tt.message) {
			t.Errorf("%s: got %+v, want %s/%s/%q", tt.sql, e, tt.code, tt.field, tt.message)
		}
	}
	if dbError(nil) != nil {
		t.Error("dbError(nil) != nil")
	}
	me := model.Invalid("x", "bad")
	if dbError(me) != me {
		t.Error("model errors must pass through")
	}
}
