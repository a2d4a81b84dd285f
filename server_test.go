package main

import (
	"database/sql"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to look into the server's database

	"returndesk/internal/factorytest"
	"returndesk/internal/pgtest"
	"returndesk/internal/testenv"
	"returndesk/model/postgres"
)

// The end-to-end tests of a PostgreSQL database: the real binary with --db postgres://…
// on the package's private server (internal/pgtest).

// serverDB is a new, empty database on the test server, for the real binary.
func serverDB(t *testing.T) string {
	t.Helper()
	testBinary(t) // slow: skipped, with the reason, before a server is started for nothing
	return pgtest.Shared(t).Database(t)
}

// serverLooker opens the server's database at url as the next run would find it.
func serverLooker(url string) looker {
	return func(t *testing.T, where string, check func(db *sql.DB)) {
		t.Helper()
		db, err := sql.Open("pgx", url)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		defer db.Close()
		check(db)
	}
}

// serverDemo fills the server's database at url with the demo's makers, models and n cases.
func serverDemo(t *testing.T, url string, n int) {
	t.Helper()
	if _, stderr, code := runBinary(t, nil, "demo", "--db", url, "--cases", itoa(n)); code != 0 {
		t.Fatalf("demo on the server: exit %d: %s", code, stderr)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// clockTimes are the times of day a run stamps, which differ between two runs.
var clockTimes = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)`)

// The commands give on a server database what they give on a file: the same JSON, the same
// claim sheet and the same slip. The database's name, the output folder and clock times are
// the only differences allowed.
func TestServerDatabaseAnswersAsAFile(t *testing.T) {
	url := serverDB(t)
	pdftotext := testenv.Tool(t, "pdftotext")
	type side struct{ db, name, out string }
	sides := []side{
		{filepath.Join(t.TempDir(), "shop.db"), "", t.TempDir()},
		{url, postgres.Redacted(url), t.TempDir()},
	}
	sides[0].name = sides[0].db
	normalise := func(s side, out string) string {
		for _, p := range [][2]string{{s.db, "<db>"}, {s.name, "<db>"}, {s.out, "<out>"}} {
			out = strings.ReplaceAll(out, p[0], p[1])
		}
		return clockTimes.ReplaceAllString(out, "<time>")
	}
	// both runs the command on each side and returns the two outputs, normalised.
	both := func(t *testing.T, args func(s side) []string) [2]string {
		t.Helper()
		var outs [2]string
		for i, s := range sides {
			out, stderr, code := runBinary(t, nil, append(args(s), "--db", s.db)...)
			if code != 0 {
				t.Fatalf("%s: returndesk %s: exit %d: %s", s.name, strings.Join(args(s), " "), code, stderr)
			}
			outs[i] = normalise(s, out)
		}
		return outs
	}
	same := func(t *testing.T, what string, outs [2]string) {
		t.Helper()
		if outs[0] != outs[1] {
			t.Errorf("%s differs:\nfile:   %s\nserver: %s", what, outs[0], outs[1])
		}
	}
	fixed := func(args ...string) func(side) []string { return func(side) []string { return args } }

	same(t, "demo", both(t, fixed("demo", "--cases", "40")))
	search := both(t, fixed("case", "list", "--search", "张", "--json", "--limit", "1000"))
	same(t, "case list --search 张", search)
	if !strings.Contains(search[1], "张") {
		t.Errorf("case list --search 张 found nothing:\n%s", search[1])
	}
	purchased := repairPurchase().Format("2006-01-02")
	added := both(t, fixed("case", "add", "--serial", "SN-PG-0001", "--model", "HT-CAM5", "--purchased", purchased,
		"--customer", "张伟", "--phone", "13800000000", "--fault", "屏幕不亮 no picture", "--json"))
	same(t, "case add --json", added)
	var c struct {
		CaseNo string `json:"case_no"`
	}
	if err := json.Unmarshal([]byte(added[1]), &c); err != nil || c.CaseNo == "" {
		t.Fatalf("case add --json: %v\n%s", err, added[1])
	}
	same(t, "case show", both(t, fixed("case", "show", c.CaseNo, "--json")))
	same(t, "slip --out", both(t, func(s side) []string { return []string{"slip", c.CaseNo, "--out", filepath.Join(s.out, "slip.pdf")} }))
	created := both(t, fixed("claim", "create", "--manufacturer", "EleTrek", "--json"))
	same(t, "claim create --json", created)
	var claim struct {
		ClaimNo string `json:"claim_no"`
	}
	if err := json.Unmarshal([]byte(created[1]), &claim); err != nil || claim.ClaimNo == "" {
		t.Fatalf("claim create --json: %v\n%s", err, created[1])
	}
	same(t, "claim export", both(t, func(s side) []string {
		return []string{"claim", "export", claim.ClaimNo, "--out", filepath.Join(s.out, "claim.xlsx")}
	}))
	same(t, "claim list --json", both(t, fixed("claim", "list", "--json")))
	// The server side's answers came from the server (not from a file named like the URL).
	serverLooker(url)(t, "the server", func(db *sql.DB) {
		if n := queryInt(t, db, "the server", `SELECT count(*) FROM cases WHERE serial = 'SN-PG-0001'`); n != 1 {
			t.Errorf("the server's database holds %d cases of SN-PG-0001, want 1", n)
		}
	})

	// The documents themselves: the slip's text and the claim sheet's cells.
	var slips, sheets [2]string
	for i, s := range sides {
		txt, err := exec.Command(pdftotext, "-layout", filepath.Join(s.out, "slip.pdf"), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		slips[i] = normalise(s, string(txt))
		sheets[i] = normalise(s, factorytest.Cells(t, filepath.Join(s.out, "claim.xlsx")))
	}
	same(t, "the slip's text", slips)
	same(t, "the claim sheet's cells", sheets)
	if !strings.Contains(slips[1], c.CaseNo) || !strings.Contains(sheets[1], claim.ClaimNo) {
		t.Errorf("the documents do not hold the case: slip\n%s\nsheet\n%s", slips[1], sheets[1])
	}
}

// Eight command-line processes take in 100 cases each on one server database at once: no
// write fails, none is lost, and case and maintenance numbers are unique and gap-free.
func TestServerEightWriters(t *testing.T) {
	url := serverDB(t)
	serverDemo(t, url, 0)
	writers := make([]addCase, 8)
	for i := range writers {
		writers[i] = cliAddCase(t, url)
	}
	start := time.Now()
	manyWriters(t, serverLooker(url), writers, 100)
	t.Logf("8 × 100 case add in %v", time.Since(start))
}

// A `case add` killed with SIGKILL at a random moment loses nothing a run reported as
// created, on a server database as on a file.
func TestServerKillWhileAddingCases(t *testing.T) {
	url := serverDB(t)
	serverDemo(t, url, 0)
	killWhileAddingCases(t, url, serverLooker(url))
}

// The window opens on a server database, lists the demo's cases, and Settings names the
// database by its URL without the password.
func TestServerWindowShowsTheCases(t *testing.T) {
	url := serverDB(t)
	serverDemo(t, url, 24)
	cases := listCases(t, url, "--limit", "1000")
	if len(cases) != 24 {
		t.Fatalf("case list: %d cases, want 24", len(cases))
	}
	newest := cases[0].CaseNo
	for _, c := range cases {
		newest = max(newest, c.CaseNo)
	}
	w := startDialogWalk(t, url)
	w.nav("Cases")
	w.until("the 24 demo cases, the newest "+newest+" on top", func(r probeReport) bool {
		return r.Pending == 0 && r.find(0, text("", "1–24 of 24")) != nil && r.find(0, text("cell", newest)) != nil
	})
	w.nav("Settings")
	shown := postgres.Redacted(url)
	r := w.until("the database's URL in Settings", func(r probeReport) bool {
		return r.find(0, func(it probeItem) bool { return it.Kind == "text" && it.Text == shown }) != nil
	})
	pw := strings.TrimPrefix(url[strings.Index(url, ":"):], ":")
	pw = pw[strings.Index(pw, ":")+1 : strings.Index(pw, "@")]
	b, _ := json.Marshal(r)
	if strings.Contains(string(b), pw) {
		t.Errorf("the window shows the database's password")
	}
}
