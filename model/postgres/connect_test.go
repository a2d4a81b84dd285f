package postgres_test

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"testing"

	"returndesk/internal/pgtest"
	"returndesk/model"
	"returndesk/model/postgres"
)

// withUser is url with another user and password.
func withUser(t *testing.T, raw, user, password string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(user, password)
	return u.String()
}

// withDatabase is url naming another database.
func withDatabase(t *testing.T, raw, db string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + db
	return u.String()
}

// closedPort is a port on 127.0.0.1 nobody listens on (a stopped server's).
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

var roleSeq int

// role makes a login role with a password; the statements in grants run as the superuser
// in the database at url (%s is the role's name). It returns url as that role.
func role(t *testing.T, dbURL string, grants ...string) string {
	t.Helper()
	roleSeq++
	name := fmt.Sprintf("clerk%d_%d", os.Getpid(), roleSeq)
	raw := rawDB(t, dbURL)
	if _, err := raw.Exec(`CREATE ROLE ` + name + ` LOGIN PASSWORD 'counter-pw'`); err != nil {
		t.Fatal(err)
	}
	for _, g := range grants {
		if _, err := raw.Exec(fmt.Sprintf(g, name)); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		a := rawDB(t, dbURL)
		a.Exec(`REASSIGN OWNED BY ` + name + ` TO postgres`)
		a.Exec(`DROP OWNED BY ` + name)
		a.Exec(`DROP ROLE ` + name)
	})
	return withUser(t, dbURL, name, "counter-pw")
}

// Each reason a server cannot be used is told apart in one line that names the server and
// says what to do, keeps the driver's error as the cause, and never shows the password.
func TestOpenSaysWhyTheServerCannotBeUsed(t *testing.T) {
	srv := pgtest.Shared(t)
	ready := srv.Database(t) // a ReturnDesk database made by its owner
	openAt(t, ready).Close()
	for _, tc := range []struct {
		name string
		url  func(t *testing.T) string
		code model.Code
		want string
	}{
		{"server not reachable", func(t *testing.T) string {
			return fmt.Sprintf("postgres://postgres:secret-pw@127.0.0.1:%d/shop?sslmode=disable", closedPort(t))
		}, model.EINTERNAL, "cannot reach the PostgreSQL server at 127.0.0.1:"},
		{"host not known", func(t *testing.T) string {
			return "postgres://postgres:secret-pw@no-such-host.invalid:5432/shop?sslmode=disable"
		}, model.EINTERNAL, "cannot reach the PostgreSQL server at no-such-host.invalid:5432/shop (the host name is not known)"},
		{"wrong password", func(t *testing.T) string {
			return withUser(t, ready, "postgres", "secret-pw")
		}, model.EINTERNAL, "refused the user postgres (a wrong password, an unknown user"},
		{"unknown user", func(t *testing.T) string {
			return withUser(t, ready, "nobody_here", "secret-pw")
		}, model.EINTERNAL, "refused the user nobody_here"},
		{"no such database", func(t *testing.T) string {
			return withDatabase(t, srv.URL("x"), "no_such_shop")
		}, model.EINTERNAL, `has no database "no_such_shop"`},
		{"no rights at all", func(t *testing.T) string {
			return role(t, ready)
		}, model.EINTERNAL, "has no rights to ReturnDesk's tables"},
		{"rights to some tables only", func(t *testing.T) string {
			return role(t, ready, `GRANT SELECT, INSERT, UPDATE ON migrations, settings TO %s`)
		}, model.EINTERNAL, "has no rights to ReturnDesk's tables"},
		{"may not create the tables in a new database", func(t *testing.T) string {
			return role(t, srv.Database(t))
		}, model.EINTERNAL, "has no rights to ReturnDesk's tables"},
		{"a newer schema", func(t *testing.T) string {
			u := srv.Database(t)
			openAt(t, u).Close()
			if _, err := rawDB(t, u).Exec(`INSERT INTO migrations VALUES (99, '0099_future.sql', 'x')`); err != nil {
				t.Fatal(err)
			}
			return u
		}, model.ECONFLICT, "schema version 99 was written by a newer ReturnDesk"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := tc.url(t)
			db, err := postgres.Open(u)
			if err == nil {
				db.Close()
				t.Fatal("opened")
			}
			msg := model.ErrorMessage(err)
			t.Logf("%s", msg)
			if model.ErrorCode(err) != tc.code || !strings.Contains(msg, tc.want) {
				t.Errorf("Open: %s %q, want %s containing %q", model.ErrorCode(err), msg, tc.code, tc.want)
			}
			if strings.Contains(msg, "\n") || strings.Contains(msg, "secret-pw") || strings.Contains(msg, "counter-pw") {
				t.Errorf("the message is not one line without the password: %q", msg)
			}
		})
	}
}

// A counter's user with the rights to read and write (but not to create tables) opens a
// database its owner made, and can write to it.
func TestOpenAsACounterUser(t *testing.T) {
	ready := pgtest.Shared(t).Database(t)
	openAt(t, ready).Close()
	u := role(t, ready, `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %s`,
		`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %s`)
	db := openAt(t, u)
	if err := db.SetSetting(t.Context(), "shop.name", "华强电子"); err != nil {
		t.Fatal(err)
	}
}

func TestRedacted(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://clerk:s3cret@db.shop:5432/shop":                 "postgres://clerk@db.shop:5432/shop",
		"postgresql://clerk@db.shop/shop?sslmode=require":           "postgresql://clerk@db.shop/shop?sslmode=require",
		"postgres://db.shop/shop?user=clerk&password=s3cret":        "postgres://db.shop/shop?user=clerk",
		"postgres://clerk:s3cret@db.shop/shop?password=x&sslmode=a": "postgres://clerk@db.shop/shop?sslmode=a",
		"/home/shop/returndesk.db":                                  "/home/shop/returndesk.db",
	} {
		if got := postgres.Redacted(in); got != want {
			t.Errorf("Redacted(%q) = %q, want %q", in, got, want)
		}
	}
}
