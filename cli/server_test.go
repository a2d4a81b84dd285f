package cli

import (
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"returndesk/dbchoice"
	"returndesk/internal/pgtest"
	"returndesk/model/postgres"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// serverDB is a new, empty database on the package's PostgreSQL test server.
func serverDB(t *testing.T) string {
	t.Helper()
	return pgtest.Shared(t).Database(t)
}

// password is the password in a database URL.
func password(t *testing.T, db string) string {
	u, err := url.Parse(db)
	if err != nil {
		t.Fatal(err)
	}
	pw, _ := u.User.Password()
	return pw
}

// RETURNDESK_DB holding a postgres:// URL opens the server's database for every command;
// what is written there is read back by the next command.
func TestServerDatabaseFromTheEnvironment(t *testing.T) {
	db := serverDB(t)
	out, stderr, code := runHere(t, db, "demo", "--cases", "8")
	if code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	if strings.Contains(out, password(t, db)) || !strings.Contains(out, "demo data written to postgres://postgres@127.0.0.1:") {
		t.Errorf("demo said %q: want the server's URL without its password", out)
	}
	out, stderr, code = runHere(t, db, "case", "list", "--json")
	if code != 0 {
		t.Fatalf("case list: exit %d: %s", code, stderr)
	}
	var list struct {
		Cases []struct {
			CaseNo string `json:"case_no"`
		} `json:"cases"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list.Cases) != 8 {
		t.Fatalf("case list --json: %d cases (%v), want the demo's 8", len(list.Cases), err)
	}
	// They are on the server (not in a file named like the URL).
	server, err := postgres.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	byStatus, err := server.CountCasesByStatus(t.Context())
	n := 0
	for _, k := range byStatus {
		n += k
	}
	if err != nil || n != 8 {
		t.Fatalf("the server's database holds %d cases (%v), want the demo's 8", n, err)
	}
	// --db wins over RETURNDESK_DB, as with a file.
	other := serverDB(t)
	if _, stderr, code := runHere(t, db, "case", "list", "--db", other); code != 0 || stderr != "" {
		t.Fatalf("case list --db: exit %d: %s", code, stderr)
	}
	if out, _, _ := runHere(t, other, "case", "list", "--json"); !strings.Contains(out, `"cases": []`) {
		t.Errorf("the database named by --db holds %s, want no cases", out)
	}
}

// A server that cannot be used is one line on stderr, exit 1 (a newer schema: exit 2, as
// with a file), naming the reason and never the password.
func TestServerProblemsAreOneLine(t *testing.T) {
	ready := serverDB(t)
	if _, stderr, code := runHere(t, ready, "case", "list"); code != 0 {
		t.Fatalf("case list: exit %d: %s", code, stderr)
	}
	with := func(f func(u *url.URL)) string {
		u, _ := url.Parse(ready)
		f(u)
		return u.String()
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	stopped := l.Addr().String()
	l.Close()
	noRights := with(func(u *url.URL) { u.User = url.UserPassword("clerk_cli", "counter-pw") })
	createRole(t, ready, "clerk_cli", "counter-pw")
	for _, tc := range []struct {
		name, db string
		code     int
		want     string
	}{
		{"stopped server", with(func(u *url.URL) { u.Host = stopped }), 1, "cannot reach the PostgreSQL server at " + stopped},
		{"wrong password", with(func(u *url.URL) { u.User = url.UserPassword("postgres", "secret-pw") }), 1, "refused the user postgres"},
		{"no database", with(func(u *url.URL) { u.Path = "/no_such_shop" }), 1, `has no database "no_such_shop"`},
		{"no rights", noRights, 1, "the PostgreSQL user clerk_cli has no rights to ReturnDesk's tables"},
		{"not a URL", "postgres://postgres@127.0.0.1:notaport/shop", 2, "not a PostgreSQL URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := runHere(t, tc.db, "case", "list")
			t.Logf("%s", stderr)
			if code != tc.code || out != "" || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 ||
				strings.Contains(stderr, "secret-pw") || strings.Contains(stderr, "counter-pw") || strings.Contains(stderr, password(t, ready)) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and one line with %q, no password", code, out, stderr, tc.code, tc.want)
			}
		})
	}
}

// createRole makes a login role with no rights on ReturnDesk's tables, dropped at the end.
func createRole(t *testing.T, db, name, pw string) {
	t.Helper()
	exec := func(q string) error { return pgtest.Exec(db, q) }
	if err := exec(fmt.Sprintf(`CREATE ROLE %s LOGIN PASSWORD '%s'`, name, pw)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { exec(`DROP ROLE ` + name) })
}

// With a server database the window's data folder (photos) is the user's usual one and
// Settings shows the URL without its password; with a file, the file's folder.
func TestServerDatabaseNames(t *testing.T) {
	env := func(k string) string {
		if k == "XDG_DATA_HOME" {
			return "/home/shop/.data"
		}
		return ""
	}
	for _, tc := range []struct{ db, name, dataDir string }{
		{"postgres://clerk:s3cret@db.shop:5432/shop", "postgres://clerk@db.shop:5432/shop", "/home/shop/.data/returndesk"},
		{"/srv/rd/shop.db", "/srv/rd/shop.db", "/srv/rd"},
	} {
		c := &cli{getenv: env, dbPath: tc.db}
		if c.dbName() != tc.name || c.dataDir() != tc.dataDir {
			t.Errorf("--db %s: name %q, data folder %q; want %q, %q", tc.db, c.dbName(), c.dataDir(), tc.name, tc.dataDir)
		}
	}
}

// The database chosen in Settings (dbchoice) is the default; RETURNDESK_DB and --db win.
func TestTheChosenDatabaseIsTheDefault(t *testing.T) {
	home := t.TempDir()
	env := []string{"XDG_DATA_HOME=" + home, "HOME=" + home, "RETURNDESK_DB="}
	chosen := filepath.Join(t.TempDir(), "chosen.db")
	if err := dbchoice.Save(filepath.Join(home, "returndesk"), chosen); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runEnv(t, env, "demo", "--cases", "3"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(chosen); err != nil {
		t.Errorf("the demo did not go to the chosen database: %v", err)
	}
	named := filepath.Join(t.TempDir(), "named.db")
	if _, stderr, code := runEnv(t, append(env, "RETURNDESK_DB="+named), "demo", "--cases", "3"); code != 0 {
		t.Fatalf("demo with RETURNDESK_DB: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(named); err != nil {
		t.Errorf("RETURNDESK_DB did not win over the choice: %v", err)
	}
}
