package pgtest_test

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"returndesk/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var ctx = context.Background()

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(ctx) })
	return c
}

// The shared server takes connections: a row one connection commits, another reads.
func TestServerStoresAndShares(t *testing.T) {
	url := pgtest.Shared(t).Database(t)
	a, b := connect(t, url), connect(t, url)
	var version int
	if err := a.QueryRow(ctx, `SELECT current_setting('server_version_num')::int`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version < pgtest.MinVersion*10000 {
		t.Errorf("server version %d, want %d or later", version, pgtest.MinVersion)
	}
	if _, err := a.Exec(ctx, `CREATE TABLE shops (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := a.QueryRow(ctx, `INSERT INTO shops (name) VALUES ($1) RETURNING id`, "华强电子").Scan(&id); err != nil {
		t.Fatal(err)
	}
	var name string
	if err := b.QueryRow(ctx, `SELECT name FROM shops WHERE id = $1`, id).Scan(&name); err != nil || name != "华强电子" {
		t.Fatalf("second connection read %q, %v", name, err)
	}
}

// Each test's database is its own: a table made in one is not in the other.
func TestDatabasesAreSeparate(t *testing.T) {
	s := pgtest.Shared(t)
	a, b := connect(t, s.Database(t)), connect(t, s.Database(t))
	if _, err := a.Exec(ctx, `CREATE TABLE only_here (x int)`); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Exec(ctx, `SELECT * FROM only_here`); err == nil {
		t.Error("a table of one test's database is seen in another's")
	}
}

// A server of its own is stopped when its test ends: nothing listens on its port after.
func TestStartStopsAtTheEnd(t *testing.T) {
	var port int
	t.Run("server", func(t *testing.T) {
		s := pgtest.Start(t)
		port = s.Port()
		c := connect(t, s.Database(t))
		if err := c.Ping(ctx); err != nil {
			t.Fatal(err)
		}
	})
	if port == 0 {
		t.Fatal("the server did not start")
	}
	conn, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), time.Second)
	if err == nil {
		conn.Close()
		t.Errorf("port %d still open after the test's end", port)
	}
}

// The URL needs the password: the cluster's TCP port does not trust everyone on the machine.
func TestURLNeedsThePassword(t *testing.T) {
	s := pgtest.Shared(t)
	url := "postgres://postgres:wrong@127.0.0.1:" + strconv.Itoa(s.Port()) + "/postgres?sslmode=disable"
	if c, err := pgx.Connect(ctx, url); err == nil {
		c.Close(ctx)
		t.Error("connected with a wrong password")
	}
}
