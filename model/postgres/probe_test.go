package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"returndesk/internal/pgtest"
	"returndesk/model"
	"returndesk/model/postgres"
)

// A connection test says what it found without changing the database: an empty database,
// a ReturnDesk one with its cases, another program's, or why it cannot be used.
func TestProbe(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Shared(t)
	url := srv.Database(t)
	if found, err := postgres.Probe(ctx, url); err != nil || !strings.Contains(found.String(), "is empty") {
		t.Errorf("empty database: %q, %v", found, err)
	}
	if found, _ := postgres.Probe(ctx, url); strings.Contains(found.String(), "schema") {
		t.Error("probing set the database up")
	}
	db, err := postgres.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	want := fmt.Sprintf("is a ReturnDesk database (schema version %d) with 0 cases", postgres.KnownSchemaVersion())
	if found, err := postgres.Probe(ctx, url); err != nil || !strings.Contains(found.String(), want) {
		t.Errorf("ReturnDesk database: %q, %v", found, err)
	}
	other := srv.Database(t)
	if err := pgtest.Exec(other, `CREATE TABLE invoices (id int)`); err != nil {
		t.Fatal(err)
	}
	if _, err := postgres.Probe(ctx, other); model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "1 tables of another program") {
		t.Errorf("another program's database: %v", err)
	}
	wrong := strings.Replace(url, "://postgres:", "://postgres:wrong", 1)
	if _, err := postgres.Probe(ctx, wrong); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("wrong password: %v", err)
	}
}
