package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"returndesk/internal/pgtest"
	"returndesk/internal/testenv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	if !testenv.Strict() && os.Getenv("RETURNDESK_SLOW") != "1" {
		fmt.Fprintln(os.Stderr, "returndesk: the end-to-end tests (real binary, real window, kill loops) are skipped; "+
			"run them with RETURNDESK_SLOW=1, or make test")
	}
	code := pgtest.Run(m) // the PostgreSQL tests' shared server is stopped at the end
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// testBinary builds the real returndesk binary once per test run, as a user would run it.
func testBinary(t testing.TB) string {
	t.Helper()
	testenv.Slow(t, "builds and runs the real binary")
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "returndesk-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "returndesk")
		cmd := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", binPath, ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// runBinary runs the binary with args and returns stdout, stderr and the exit status.
func runBinary(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(testBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	return runCmd(t, cmd)
}

// runCmd runs a prepared command and returns stdout, stderr and the exit status.
func runCmd(t *testing.T, cmd *exec.Cmd) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", cmd.Args, err)
	}
	return out.String(), errb.String(), code
}

func TestDemoThenCaseListAndShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	out, stderr, code := runBinary(t, nil, "demo", "--db", db, "--cases", "36")
	if code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "36 cases") {
		t.Errorf("demo output %q does not report 36 cases", out)
	}
	if fi, err := os.Stat(db); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("database file mode: %v %v, want 0600", fi.Mode().Perm(), err)
	}

	out, stderr, code = runBinary(t, []string{"RETURNDESK_DB=" + db}, "case", "list", "--json", "--limit", "1000")
	if code != 0 {
		t.Fatalf("case list: exit %d: %s", code, stderr)
	}
	var list struct {
		Cases []map[string]any `json:"cases"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("case list --json is not JSON: %v\n%s", err, out)
	}
	if len(list.Cases) != 36 {
		t.Fatalf("case list returned %d cases, want 36", len(list.Cases))
	}
	statuses, tiers := map[string]bool{}, map[string]bool{}
	chinese := false
	for _, c := range list.Cases {
		for _, k := range []string{"case_no", "maintenance_no", "customer", "phone", "manufacturer", "model", "serial", "status", "tier", "remedy", "claim_no"} {
			if _, ok := c[k]; !ok {
				t.Fatalf("case %v lacks field %q", c["case_no"], k)
			}
		}
		statuses[c["status"].(string)] = true
		tiers[c["tier"].(string)] = true
		if strings.ContainsAny(c["customer"].(string), "张王李刘陈黄欧赵") {
			chinese = true
		}
	}
	for _, s := range []string{"received", "diagnosing", "at_service_centre", "awaiting_manufacturer", "ready_for_pickup", "closed", "cancelled"} {
		if !statuses[s] {
			t.Errorf("no demo case in status %s", s)
		}
	}
	for _, tier := range []string{"refund", "replace", "repair", "paid"} {
		if !tiers[tier] {
			t.Errorf("no demo case in tier %s", tier)
		}
	}
	if !chinese {
		t.Error("no demo customer with a Chinese name")
	}

	// A repair-tier case has a maintenance number, and show finds the case by it.
	var repairNo string
	for _, c := range list.Cases {
		if c["tier"] == "repair" && c["maintenance_no"] != "" {
			repairNo = c["maintenance_no"].(string)
			break
		}
	}
	if repairNo == "" {
		t.Fatal("no repair-tier demo case with a maintenance number")
	}
	out, stderr, code = runBinary(t, nil, "case", "show", repairNo, "--db", db, "--json")
	if code != 0 {
		t.Fatalf("case show: exit %d: %s", code, stderr)
	}
	var shown map[string]any
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatalf("case show --json: %v", err)
	}
	if shown["maintenance_no"] != repairNo || shown["case_no"] == "" {
		t.Errorf("case show by maintenance number gave %v / %v", shown["maintenance_no"], shown["case_no"])
	}
	if h, _ := shown["history"].([]any); len(h) == 0 {
		t.Error("case show has no history")
	}

	// A second demo on the same file is refused: it would duplicate serials.
	_, stderr, code = runBinary(t, nil, "demo", "--db", db)
	if code != 2 || !strings.Contains(stderr, "already holds data") {
		t.Errorf("second demo: exit %d, stderr %q", code, stderr)
	}
}

// The verdict is the same whatever the time zone of the machine (the process's TZ).
func TestPolicyCheckTimeZones(t *testing.T) {
	env := []string{"RETURNDESK_DB=" + filepath.Join(t.TempDir(), "shop.db")}
	args := []string{"policy", "check", "--policy", "halotek-terminal", "--purchased", "2026-03-07", "--on", "2026-03-15", "--json"}
	var first string
	for _, tz := range []string{"UTC", "Asia/Shanghai", "America/Sao_Paulo", "Pacific/Kiritimati", "Europe/London", "America/New_York"} {
		out, stderr, code := runBinary(t, append(env, "TZ="+tz), args...)
		if code != 0 {
			t.Fatalf("TZ=%s: exit %d: %s", tz, code, stderr)
		}
		if first == "" {
			first = out
			if !strings.Contains(out, `"tier": "replace"`) || !strings.Contains(out, `"days": 8`) {
				t.Fatalf("TZ=%s: %s", tz, out)
			}
		} else if out != first {
			t.Errorf("TZ=%s changed the verdict:\n%s\nwas\n%s", tz, out, first)
		}
	}
}

func TestBadInputExitsTwoWithOneLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	cases := [][]string{
		{"frobnicate"},
		{"case"},
		{"case", "list", "--status", "lost", "--db", db},
		{"case", "list", "--limit", "-1", "--db", db},
		{"case", "show", "RMA-2026-999999", "--db", db},
		{"case", "show", "--db", db},
		{"case", "add", "--db", db, "--serial", "X1", "--fault", "dead", "--on", "2026-02-30"},
		{"case", "add", "--db", db, "--serial", "UNKNOWN-1", "--fault", "dead"},
		{"demo", "--cases", "-1", "--db", db},
		{"demo", "--bogus", "--db", db},
	}
	for _, args := range cases {
		out, stderr, code := runBinary(t, nil, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, code, stderr)
		}
		if out != "" {
			t.Errorf("%v: printed %q on stdout, want nothing", args, out)
		}
		if lines := strings.Count(strings.TrimSpace(stderr), "\n"); stderr == "" || lines > 0 {
			t.Errorf("%v: stderr %q, want exactly one line", args, stderr)
		}
	}
}

// TestWindowOpensUnderXvfb starts the real app on a demo database in a virtual display
// and waits for its main window to be mapped.
func TestWindowOpensUnderXvfb(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if _, stderr, code := runBinary(t, nil, "demo", "--db", db, "--cases", "24"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	startApp(t, db)
}

// TestScannerIntakeInRealWindow types an intake into the real window with xdotool, as a
// barcode scanner and a dealer would, and finds the new case with the command line.
func TestScannerIntakeInRealWindow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if _, stderr, code := runBinary(t, nil, "demo", "--db", db, "--cases", "12"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	serial := firstSerial(t, db)
	w := startApp(t, db)
	time.Sleep(2 * time.Second) // let the first frame settle before clicking
	// The sidebar's second entry is the Counter; its serial field takes the focus.
	w.xdo("mousemove", "--window", w.id, "70", "111", "click", "1")
	time.Sleep(time.Second)
	w.xdo("type", "--delay", "15", serial)
	w.xdo("key", "Return")
	time.Sleep(2 * time.Second) // the sales record fills the form and focus moves to the fault
	w.xdo("type", "--delay", "15", "Scanner test: no power after drop")
	time.Sleep(time.Second)
	w.xdo("key", "ctrl+Return")

	var found []listedCase
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(time.Second) {
		if found = listCases(t, db, "--search", serial); len(found) == 2 {
			break
		}
	}
	if len(found) != 2 {
		t.Fatalf("serial %s: %d cases after the typed intake, want 2 (the demo case and the new one); app stderr:\n%s", serial, len(found), w.stderr.String())
	}
	newest := found[0]
	if found[1].CaseNo > newest.CaseNo {
		newest = found[1]
	}
	out, _, _ := runBinary(t, nil, "case", "show", newest.CaseNo, "--db", db, "--json")
	if !strings.Contains(out, "Scanner test: no power after drop") || newest.Status != "received" {
		t.Errorf("new case %v does not hold the typed fault or is not received:\n%s", newest.CaseNo, out)
	}
}

// appWindow is the real app running in its own virtual display.
type appWindow struct {
	t       *testing.T
	display string
	id      string // the X window id of the main window
	stderr  *lockedBuffer
	proc    *os.Process
	exited  chan struct{} // closed when the app has exited
}

// lockedBuffer collects the app's stderr while a test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// xdo runs xdotool on the app's display and returns what it printed.
func (w *appWindow) xdo(args ...string) string {
	w.t.Helper()
	out, err := w.try(args...)
	if err != nil {
		w.t.Fatalf("xdotool %v: %v; app stderr:\n%s", args, err, w.stderr.String())
	}
	return out
}

func (w *appWindow) try(args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

// startApp starts the binary on db in a new virtual display and waits for its main window.
func startApp(t *testing.T, db string) *appWindow {
	t.Helper()
	return startAppWith(t, db)
}

// startAppWith is startApp with env added to the app's environment.
func startAppWith(t *testing.T, db string, env ...string) *appWindow {
	t.Helper()
	testenv.Display(t)
	w := &appWindow{t: t, display: startXvfb(t), stderr: &lockedBuffer{}}
	app := exec.Command(testBinary(t), "--db", db)
	app.Env = append(append(os.Environ(), "DISPLAY="+w.display, "XDG_DATA_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir()), env...)
	app.Stderr = w.stderr
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { app.Wait(); close(exited) }()
	t.Cleanup(func() { app.Process.Kill(); <-exited })
	w.proc, w.exited = app.Process, exited
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		if out, err := w.try("search", "--onlyvisible", "--name", "^ReturnDesk"); err == nil && out != "" {
			w.id = strings.Fields(out)[0]
			return w
		}
		select {
		case <-exited:
			t.Fatalf("the app exited before showing a window; stderr:\n%s", w.stderr.String())
		default:
		}
	}
	t.Fatalf("no ReturnDesk window appeared within 90 s; app stderr:\n%s", w.stderr.String())
	return nil
}

// firstSerial returns the serial of a demo case.
func firstSerial(t *testing.T, db string) string {
	cases := listCases(t, db, "--limit", "1")
	if len(cases) == 0 {
		t.Fatal("no demo case")
	}
	return cases[0].Serial
}

// listedCase is a case as `case list --json` lists it, in the fields the tests read.
type listedCase struct {
	CaseNo string `json:"case_no"`
	Serial string `json:"serial"`
	Status string `json:"status"`
}

// listCases runs `case list --json` with flags on db and reads the cases it lists.
func listCases(t *testing.T, db string, flags ...string) []listedCase {
	t.Helper()
	out, stderr, code := runBinary(t, nil, append([]string{"case", "list", "--db", db, "--json"}, flags...)...)
	if code != 0 {
		t.Fatalf("case list: exit %d: %s", code, stderr)
	}
	var list struct {
		Cases []listedCase `json:"cases"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("case list --json is not JSON: %v\n%s", err, out)
	}
	return list.Cases
}

// startXvfb starts a virtual X display for one test and returns its name.
func startXvfb(t testing.TB) string { return testenv.Xvfb(t, 140) }
