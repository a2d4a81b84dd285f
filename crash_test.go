package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The kill tests SIGKILL the real binary at random moments and then open the database
// as the next run would find it. Their random delays come from a seed logged at the
// start; RETURNDESK_CRASH_SEED=N replays a failing run.

// crashRand returns the test's random source and logs its seed.
func crashRand(t *testing.T) (*rand.Rand, uint64) {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("RETURNDESK_CRASH_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("RETURNDESK_CRASH_SEED=%q: %v", s, err)
		}
	}
	t.Logf("seed %d (replay with RETURNDESK_CRASH_SEED=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, 0xdead)), seed
}

// killedRun is one run of the binary that the test tried to kill.
type killedRun struct {
	delay          time.Duration
	killed         bool // SIGKILL ended it; false when it had finished by itself
	code           int  // the exit status when not killed
	stdout, stderr string
}

// runAndKill starts the binary and sends it SIGKILL after delay, unless it has ended by then.
func runAndKill(t *testing.T, delay time.Duration, args ...string) killedRun {
	t.Helper()
	cmd := exec.Command(testBinary(t), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(delay):
		// The process may end on its own just before the signal: the wait status says which came first.
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
	}
	ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return killedRun{delay: delay, killed: ws.Signaled(), code: cmd.ProcessState.ExitCode(),
		stdout: out.String(), stderr: errb.String()}
}

// timed runs the binary to its end and returns how long it took; it must succeed.
func timed(t *testing.T, args ...string) (time.Duration, string) {
	t.Helper()
	start := time.Now()
	out, stderr, code := runBinary(t, nil, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	return time.Since(start), out
}

// inspect opens a database file the way the next run would find it after a crash,
// fails unless SQLite finds it intact, then hands it to check and closes it.
func inspect(t *testing.T, path, where string, check func(db *sql.DB)) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_busy_timeout=10000")
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if got := strings.Join(queryStrings(t, db, where, "PRAGMA integrity_check"), "; "); got != "ok" {
		t.Fatalf("%s: integrity_check: %s", where, got)
	}
	if bad := queryStrings(t, db, where, "SELECT \"table\" || ' row ' || rowid || ' -> ' || parent FROM pragma_foreign_key_check"); len(bad) > 0 {
		t.Fatalf("%s: foreign_key_check: %s", where, strings.Join(bad, "; "))
	}
	if check != nil {
		check(db)
	}
}

// looker opens a database as the next run would find it and hands it to check: an SQLite
// file (fileLooker) or a server's database.
type looker func(t *testing.T, where string, check func(db *sql.DB))

// fileLooker inspects the database file at path.
func fileLooker(path string) looker {
	return func(t *testing.T, where string, check func(db *sql.DB)) {
		t.Helper()
		inspect(t, path, where, check)
	}
}

func queryStrings(t *testing.T, db *sql.DB, where, query string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %s: %v", where, query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatalf("%s: %s: %v", where, query, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %s: %v", where, query, err)
	}
	return out
}

func queryInt(t *testing.T, db *sql.DB, where, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %s: %v", where, query, err)
	}
	return n
}

// copyDB copies a closed database file (and its WAL, if any) to dst.
func copyDB(t *testing.T, src, dst string) {
	t.Helper()
	for _, suffix := range []string{"", "-wal"} {
		in, err := os.Open(src + suffix)
		if suffix != "" && os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.OpenFile(dst+suffix, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.Copy(out, in)
		in.Close()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// demoTemplate builds a demo database once per test; rounds work on copies of it.
func demoTemplate(t *testing.T, cases int) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "template.db")
	if _, stderr, code := runBinary(t, nil, "demo", "--db", db, "--cases", strconv.Itoa(cases)); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	return db
}

// killDelay picks when to kill a run that takes about full: in even rounds anywhere in
// the run and a little beyond it (before, during or after the commit), in odd rounds in
// its second half, where the write transaction is.
func killDelay(rng *rand.Rand, full time.Duration, round int) time.Duration {
	if round%2 == 0 {
		return time.Duration(rng.Int64N(int64(full) * 6 / 5))
	}
	return full/2 + time.Duration(rng.Int64N(int64(full)*3/5))
}

// salesFile writes n sales records of demo models with serials prefix-000001... as csv or xlsx.
func salesFile(t *testing.T, dir, prefix, kind string, n int) string {
	t.Helper()
	models := []string{"HT-H200", "HT-CAM5", "ET-PB20", "ET-CH65", "ET-DC12"}
	customers := []string{"张伟", "Maria Santos", "深圳华强北鑫达电子商行", "欧阳娜娜", "John Carter", "李娜"}
	header := []string{"序列号", "型号", "客户", "电话", "发票号", "购买日期", "发货日期"}
	row := func(i int) []string {
		purchased := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%600)
		c := i % len(customers)
		return []string{fmt.Sprintf("%s-%06d", prefix, i+1), models[i%len(models)], customers[c],
			fmt.Sprintf("1380013%04d", c), fmt.Sprintf("INV-%06d", i/3), purchased.Format("2006-01-02"),
			purchased.AddDate(0, 0, -30).Format("2006-01-02")}
	}
	path := filepath.Join(dir, prefix+"."+kind)
	switch kind {
	case "csv":
		var b strings.Builder
		b.WriteString(strings.Join(header, ",") + "\n")
		for i := range n {
			b.WriteString(strings.Join(row(i), ",") + "\n")
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
	case "xlsx":
		f := excelize.NewFile()
		defer f.Close()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		cells := func(ss []string) []any {
			out := make([]any, len(ss))
			for i, s := range ss {
				out[i] = s
			}
			return out
		}
		if err := sw.SetRow("A1", cells(header)); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if err := sw.SetRow("A"+strconv.Itoa(i+2), cells(row(i))); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// TestKillDuringImport kills `import sales` of a large file at random moments: the
// database stays intact and holds either none of the file's records or all of them, and
// importing the file again then either stores all of them or says they are there already.
func TestKillDuringImport(t *testing.T) {
	t.Parallel()
	template := demoTemplate(t, 5)
	for _, tc := range []struct {
		kind   string
		rows   int
		rounds int
	}{{"csv", 30000, 10}, {"xlsx", 20000, 6}} {
		t.Run(tc.kind, func(t *testing.T) {
			t.Parallel()
			killDuringImport(t, template, tc.kind, tc.rows, tc.rounds)
		})
	}
}

// killDuringImport is one file format's part of TestKillDuringImport.
func killDuringImport(t *testing.T, template, kind string, rows, rounds int) {
	rng, seed := crashRand(t)
	dir := t.TempDir()
	prefix := "KILL-" + strings.ToUpper(kind)
	file := salesFile(t, dir, prefix, kind, rows)
	imported := fmt.Sprintf("imported %d sales records from %s\n", rows, filepath.Base(file))

	measured := filepath.Join(dir, "measure.db")
	copyDB(t, template, measured)
	full, out := timed(t, "import", "sales", file, "--db", measured)
	if out != imported {
		t.Fatalf("uninterrupted import printed %q, want %q", out, imported)
	}
	t.Logf("%d rows import in %v uninterrupted", rows, full)

	countFile := func(db *sql.DB, where string) int {
		return queryInt(t, db, where, `SELECT count(*) FROM sales WHERE serial LIKE ? || '-%'`, prefix)
	}
	var none, all, finished int
	for round := range rounds {
		db := filepath.Join(dir, fmt.Sprintf("round%d.db", round))
		copyDB(t, template, db)
		run := runAndKill(t, killDelay(rng, full, round), "import", "sales", file, "--db", db)
		where := fmt.Sprintf("seed %d, %s round %d, kill after %v of %v (killed: %v)", seed, kind, round,
			run.delay, full, run.killed)
		if !run.killed {
			finished++
			if run.code != 0 || run.stdout != imported {
				t.Fatalf("%s: import ended by itself with exit %d, stdout %q, stderr %q", where, run.code, run.stdout, run.stderr)
			}
		}

		wal := fileSize(db + "-wal") // more than a few KB when the kill hit the transaction's writes
		var have int
		inspect(t, db, where, func(sdb *sql.DB) { have = countFile(sdb, where) })
		t.Logf("%s: WAL %d bytes, %d records stored", where, wal, have)
		switch have {
		case 0:
			none++
		case rows:
			all++
		default:
			t.Fatalf("%s: %d of the file's %d records are stored: an import is all or nothing", where, have, rows)
		}
		if !run.killed && have == 0 {
			t.Fatalf("%s: the import said %q but stored nothing", where, run.stdout)
		}

		start := time.Now()
		out, stderr, code := runBinary(t, nil, "import", "sales", file, "--db", db)
		if have == 0 {
			full = time.Since(start) // the run time changes with the machine's load: keep up with it
		}
		switch {
		case have == 0 && (code != 0 || out != imported):
			t.Fatalf("%s: import after the kill (nothing stored): exit %d, %q, %q", where, code, out, firstLine(stderr))
		case have == rows && (code != 0 || !strings.Contains(out, fmt.Sprintf("%d already recorded, left out", rows))):
			t.Fatalf("%s: import after the kill (all stored): exit %d, %q, %q; want every record left out as recorded",
				where, code, out, firstLine(stderr))
		}
		inspect(t, db, where+", imported again", func(sdb *sql.DB) {
			if n := countFile(sdb, where); n != rows {
				t.Fatalf("%s: %d records after importing again, want %d", where, n, rows)
			}
		})
		removeDB(db)
	}
	t.Logf("%d rounds: %d left nothing, %d left everything (%d of them had finished)", rounds, none, all, finished)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// removeDB deletes a database file with its WAL and shared-memory index.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

// fileSize is the size of a file, 0 when it does not exist.
func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// claimDemoCases is the size of the demo database whose owed cases claim create batches;
// about a quarter of the demo cases are owed by EleTrek.
const claimDemoCases = 10000

// TestKillDuringClaimCreate kills `claim create` over thousands of owed cases at random
// moments: the claim is then either there with every line or not there at all, no line
// outlives its claim, and the next claim create takes the next number.
func TestKillDuringClaimCreate(t *testing.T) {
	t.Parallel()
	rng, seed := crashRand(t)
	template := demoTemplate(t, claimDemoCases)
	dir := t.TempDir()
	args := func(db string) []string {
		return []string{"claim", "create", "--manufacturer", "EleTrek", "--json", "--db", db}
	}

	var before []string // the demo's own claims
	inspect(t, template, "template", func(db *sql.DB) {
		before = queryStrings(t, db, "template", "SELECT claim_no FROM claims ORDER BY id")
	})
	measured := filepath.Join(dir, "measure.db")
	copyDB(t, template, measured)
	full, out := timed(t, args(measured)...)
	var want struct {
		ClaimNo string   `json:"claim_no"`
		Lines   []string `json:"lines"`
	}
	if err := json.Unmarshal([]byte(out), &want); err != nil {
		t.Fatalf("claim create --json: %v", err)
	}
	year, _, _ := strings.Cut(strings.TrimPrefix(want.ClaimNo, "CLM-"), "-")
	numbers := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("CLM-%s-%04d", year, i+1)
		}
		return out
	}
	if got, wantNos := append(before, want.ClaimNo), numbers(len(before)+1); !slices.Equal(got, wantNos) {
		t.Fatalf("claim numbers %v, want %v", got, wantNos)
	}
	t.Logf("claim create over %d owed cases takes %v uninterrupted", len(want.Lines), full)

	var absent, present int
	const rounds = 12
	for round := range rounds {
		db := filepath.Join(dir, fmt.Sprintf("round%d.db", round))
		copyDB(t, template, db)
		run := runAndKill(t, killDelay(rng, full, round), args(db)...)
		where := fmt.Sprintf("seed %d, round %d, kill after %v of %v (killed: %v)", seed, round, run.delay, full, run.killed)
		if !run.killed && run.code != 0 {
			t.Fatalf("%s: claim create ended by itself with exit %d: %s", where, run.code, run.stderr)
		}
		wal := fileSize(db + "-wal")
		var made bool
		inspect(t, db, where, func(sdb *sql.DB) {
			claims := queryStrings(t, sdb, where, "SELECT claim_no FROM claims ORDER BY id")
			orphans := queryInt(t, sdb, where, "SELECT count(*) FROM claim_lines WHERE claim_id NOT IN (SELECT id FROM claims)")
			if orphans > 0 {
				t.Fatalf("%s: %d claim lines mark cases as claimed without a claim", where, orphans)
			}
			switch {
			case slices.Equal(claims, before):
			case slices.Equal(claims, append(before, want.ClaimNo)):
				made = true
				lines := queryStrings(t, sdb, where, `SELECT c.case_no FROM claim_lines l JOIN cases c ON c.id = l.case_id
					JOIN claims cl ON cl.id = l.claim_id WHERE cl.claim_no = ? ORDER BY l.id`, want.ClaimNo)
				if !slices.Equal(lines, want.Lines) {
					t.Fatalf("%s: claim %s has %d lines, want all %d", where, want.ClaimNo, len(lines), len(want.Lines))
				}
			default:
				t.Fatalf("%s: claims %v, want %v with or without %s", where, claims, before, want.ClaimNo)
			}
		})
		if !run.killed && !made {
			t.Fatalf("%s: claim create said %q but the claim is not there", where, firstLine(run.stdout))
		}
		t.Logf("%s: WAL %d bytes, claim made: %v", where, wal, made)

		// Once more, to the end: it makes the claim only if the killed run did not.
		start := time.Now()
		out, stderr, code := runBinary(t, nil, args(db)...)
		if !made {
			full = time.Since(start) // the run time changes with the machine's load: keep up with it
		}
		switch {
		case made && (code != 2 || !strings.Contains(stderr, "owes nothing")):
			t.Fatalf("%s: claim create after the claim was made: exit %d, %q, want exit 2, nothing owed", where, code, stderr)
		case !made && (code != 0 || !strings.Contains(out, want.ClaimNo)):
			t.Fatalf("%s: claim create after the kill: exit %d, %q, want %s", where, code, firstLine(out)+stderr, want.ClaimNo)
		}
		inspect(t, db, where+", created again", func(sdb *sql.DB) {
			claims := queryStrings(t, sdb, where, "SELECT claim_no FROM claims ORDER BY id")
			if wantNos := numbers(len(before) + 1); !slices.Equal(claims, wantNos) {
				t.Fatalf("%s: claim numbers %v after creating again, want %v", where, claims, wantNos)
			}
		})
		if made {
			present++
		} else {
			absent++
		}
		removeDB(db)
	}
	t.Logf("%d rounds: the claim was there after %d, not there after %d", rounds, present, absent)
}

// TestKillWhileAddingCases runs `case add` again and again and kills the running one at
// a random moment: every case a run reported as created is in the database, which is
// intact, and the case and maintenance numbers have no gaps.
func TestKillWhileAddingCases(t *testing.T) {
	t.Parallel()
	db := demoTemplate(t, 0)
	killWhileAddingCases(t, db, fileLooker(db))
}

// killWhileAddingCases is TestKillWhileAddingCases on the database db (with the demo's
// makers and models, no cases), which look opens as the next run would find it.
func killWhileAddingCases(t *testing.T, db string, look looker) {
	rng, seed := crashRand(t)
	purchased := time.Now().AddDate(0, 0, -150).Format("2006-01-02")
	var said []string // case numbers the runs reported, in order
	serialOf := map[string]string{}
	created := regexp.MustCompile(`^created (RMA-\d{4}-\d{6}) \(maintenance no\. (MO-\d{4}-\d{6})\)`)
	n := 0
	for round := range 6 {
		stop := time.Now().Add(time.Duration(200+rng.IntN(800)) * time.Millisecond)
		var last killedRun
		for {
			n++
			serial := fmt.Sprintf("KILL-CASE-%05d", n)
			last = runAndKill(t, max(0, time.Until(stop)), "case", "add", "--db", db, "--serial", serial, "--model", "HT-CAM5",
				"--purchased", purchased, "--customer", "陈静", "--phone", "18620001234", "--fault", "无法开机")
			if m := created.FindStringSubmatch(last.stdout); m != nil {
				said = append(said, m[1])
				serialOf[m[1]] = serial
			} else if !last.killed {
				t.Fatalf("seed %d, round %d: case add %s: exit %d, %q, %q", seed, round, serial, last.code, last.stdout, last.stderr)
			}
			if last.killed {
				break
			}
		}
		where := fmt.Sprintf("seed %d, round %d: killed case add %d after %v", seed, round, n, last.delay)
		look(t, where, func(sdb *sql.DB) {
			stored := map[string]string{}
			rows, err := sdb.Query(`SELECT case_no, serial FROM cases`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var no, serial string
				if err := rows.Scan(&no, &serial); err != nil {
					t.Fatal(err)
				}
				stored[no] = serial
			}
			rows.Close()
			for _, no := range said {
				if stored[no] != serialOf[no] {
					t.Fatalf("%s: case add reported %s (serial %s) as created, the database has %q", where, no, serialOf[no], stored[no])
				}
			}
			if len(stored) < len(said) || len(stored) > len(said)+1 {
				t.Fatalf("%s: %d cases stored, %d reported: only the killed run's case may be unreported", where, len(stored), len(said))
			}
			checkNumbers(t, sdb, where, "case_no", len(stored))
			checkNumbers(t, sdb, where, "maintenance_no", len(stored))
			if len(stored) > len(said) {
				// The killed run committed but died before saying so: count it as said.
				for no, serial := range stored {
					if _, ok := serialOf[no]; !ok {
						said, serialOf[no] = append(said, no), serial
					}
				}
			}
		})
		t.Logf("%s: %d cases so far", where, len(said))
	}
}

// checkNumbers asserts that the cases' numbers in column (case_no or maintenance_no) are
// exactly 1..n of their year's sequence: no gap, no duplicate.
func checkNumbers(t *testing.T, db *sql.DB, where, column string, n int) {
	t.Helper()
	// column is one of two fixed names.
	nos := queryStrings(t, db, where, `SELECT `+column+` FROM cases WHERE `+column+` <> '' ORDER BY `+column)
	if len(nos) != n {
		t.Fatalf("%s: %d cases have a %s, want %d", where, len(nos), column, n)
	}
	for i, no := range nos {
		if seq := no[strings.LastIndex(no, "-")+1:]; seq != fmt.Sprintf("%06d", i+1) {
			t.Fatalf("%s: %s number %d is %s: the numbers have a gap or a duplicate", where, column, i+1, no)
		}
	}
}
