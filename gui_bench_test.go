package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"returndesk/gui/probe"
	"returndesk/model/sqlite"
)

// benchCases is the size of the database the GUI start-up is timed on.
const benchCases = 100_000

// BenchmarkGUIStart times the start of the real app on a 100,000-case database under Xvfb,
// from just before exec to the line its start-up probe prints: to the main window's first
// frame, and to the first page of the Cases screen painted after a click on it. The
// baseline of both is a Fyne hello-world window's first frame (bench/hello).
func BenchmarkGUIStart(b *testing.B) {
	display := startXvfb(b)
	dir := b.TempDir()
	hello := filepath.Join(dir, "hello")
	if out, err := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", hello, "./bench/hello").CombinedOutput(); err != nil {
		b.Fatalf("go build ./bench/hello: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "cases.db")
	if out, err := exec.Command(testBinary(b), "demo", "--cases", strconv.Itoa(benchCases), "--sales", strconv.Itoa(5*benchCases), "--db", db).CombinedOutput(); err != nil {
		b.Fatalf("demo --cases %d: %v\n%s", benchCases, err, out)
	}
	todaysBackup(b, db)
	env := append(os.Environ(), "DISPLAY="+display,
		"XDG_DATA_HOME="+filepath.Join(dir, "data"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
	ours := []string{testBinary(b), "--db", db}
	baseline := []string{hello}
	// One untimed start of each, so that no figure pays for cold caches.
	timeToProbe(b, env, probe.FirstFrame, ours)
	timeToProbe(b, env, probe.FirstFrame, baseline)

	for _, run := range []struct {
		name, mode string
		cmd        []string
	}{
		{"first-frame/ours", probe.FirstFrame, ours},
		{"first-frame/baseline", probe.FirstFrame, baseline},
		{"cases-screen/ours", probe.Cases, ours},
		{"cases-screen/baseline", probe.FirstFrame, baseline},
	} {
		b.Run(run.name, func(b *testing.B) {
			var ms []float64
			b.ResetTimer()
			for range b.N {
				ms = append(ms, float64(timeToProbe(b, env, run.mode, run.cmd))/float64(time.Millisecond))
			}
			b.ReportMetric(percentile(ms, 50), "p50-ms")
			b.ReportMetric(percentile(ms, 95), "p95-ms")
		})
	}
}

// todaysBackup writes the day's automatic backup of db, as the first start of a day does
// beside the window: the timed starts are the day's later ones. (Each would otherwise begin
// the backup again, competing with the start, and cancel it when it quits.)
func todaysBackup(b *testing.B, db string) {
	store, err := sqlite.Open(db)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	if _, err := store.DailyBackup(context.Background()); err != nil {
		b.Fatal(err)
	}
}

// timeToProbe starts cmd with the probe in mode and returns the time from just before exec
// to the probe's line, which only that time counts on b's timer; it then waits for the
// process to exit. A cases line must show rows read from the database and written to cells.
func timeToProbe(b *testing.B, env []string, mode string, cmd []string) time.Duration {
	b.Helper()
	b.StopTimer()
	c := exec.Command(cmd[0], cmd[1:]...)
	c.Env = append(env, probe.Env+"="+mode)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	stdout, err := c.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	kill := time.AfterFunc(2*time.Minute, func() { c.Process.Kill() }) // a hung start fails, not the whole run
	defer kill.Stop()

	b.StartTimer()
	start := time.Now()
	if err := c.Start(); err != nil {
		b.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	line := ""
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), probe.Prefix) {
			line = strings.TrimPrefix(lines.Text(), probe.Prefix)
			break
		}
	}
	took := time.Since(start)
	b.StopTimer()

	for lines.Scan() { // let the app write to its end
	}
	if err := c.Wait(); err != nil || line == "" {
		b.Fatalf("%s with %s=%s: probe line %q, exit %v; stderr:\n%s", filepath.Base(cmd[0]), probe.Env, mode, line, err, stderr.String())
	}
	fields := strings.Fields(line)
	want := mode
	if mode == probe.Cases {
		want = fmt.Sprintf("%s rows=100 total=%d in-cells=", probe.Cases, benchCases) // a full page; some of it in cells
	}
	if !strings.HasPrefix(line, want) || (mode == probe.Cases && fields[len(fields)-1] == "in-cells=0") {
		b.Fatalf("%s: probe reported %q, want %q…", filepath.Base(cmd[0]), line, want)
	}
	return took
}

// percentile returns the p-th percentile of ms (nearest rank).
func percentile(ms []float64, p float64) float64 {
	if len(ms) == 0 {
		return 0
	}
	s := slices.Clone(ms)
	slices.Sort(s)
	i := int(float64(len(s))*p/100+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}
