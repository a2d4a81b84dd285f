package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/table.golden")

func readFigures(t *testing.T) []figure {
	t.Helper()
	f, err := os.Open("testdata/raw.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := parse(f, 2)
	if err != nil {
		t.Fatal(err)
	}
	return figures(rep)
}

func TestFigures(t *testing.T) {
	figs := readFigures(t)
	byKey := map[string]figure{}
	for _, f := range figs {
		byKey[f.Name+" "+f.Unit] = f
	}
	num := func(p *float64) float64 {
		if p == nil {
			return -1
		}
		return *p
	}
	met := func(p *bool) string {
		if p == nil {
			return "-"
		}
		return map[bool]string{true: "met", false: "missed"}[*p]
	}
	tests := []struct {
		key             string
		value, baseline float64 // -1: null
		ratio           float64
		met, status     string
	}{
		{"BenchmarkCreateCase ns/op", 4125000, 3000000, 1.375, "-", ""},
		{"BenchmarkCreateCase allocs/op", 210, 25, 8.4, "-", ""},
		{"BenchmarkSearch/serial-prefix p95-ms", 9.1, 8.7, 1.046, "met", ""},
		{"BenchmarkSearch/serial-prefix p50-ms", 4.8, 4.5, 1.067, "-", ""},
		{"BenchmarkSearch/serial-prefix ns/op", 61000000, 58000000, 1.052, "-", ""},
		// The baseline failed: ours is shown, the ratio target cannot be met.
		{"BenchmarkSearch/phone p95-ms", 31.5, -1, -1, "missed", "baseline FAIL"},
		{"BenchmarkEvaluateCase ns/op", 687.4, -1, -1, "met", ""},
		{"BenchmarkEvaluateCase allocs/op", 0, -1, -1, "-", ""},
		{"BenchmarkClaimSheet/100k ns/op", 3.912e9, 3.1e9, 1.262, "met", ""},
		{"BenchmarkClaimSheet/100k peak-MB", 143, 120, 1.192, "met", ""},
		// Its figures came a line after its name, behind something it printed.
		{"BenchmarkSlip/one ns/op", 2890000, -1, -1, "met", ""},
		{"BenchmarkGUIStart/first-frame ", -1, -1, -1, "-", "SKIP"},
		{"returndesk/model/sqlite ", -1, -1, -1, "-", "package FAIL"},
		{"returndesk/export/sales ", -1, -1, -1, "-", "package FAIL"},
		{"returndesk/broken ", -1, -1, -1, "-", "package FAIL"},
	}
	for _, tt := range tests {
		f, ok := byKey[tt.key]
		if !ok {
			t.Errorf("%s: missing", tt.key)
			continue
		}
		if num(f.Value) != tt.value || num(f.Baseline) != tt.baseline || num(f.Ratio) != tt.ratio ||
			met(f.Met) != tt.met || f.Status != tt.status {
			t.Errorf("%s: value %v baseline %v ratio %v %s %q, want %v %v %v %s %q", tt.key, num(f.Value),
				num(f.Baseline), num(f.Ratio), met(f.Met), f.Status, tt.value, tt.baseline, tt.ratio, tt.met, tt.status)
		}
	}
	if _, ok := byKey["BenchmarkSearch "]; ok {
		t.Error("the failed parent BenchmarkSearch is listed beside its sub-benchmarks")
	}
	if f := byKey["BenchmarkGUIStart/first-frame "]; f.Note != "gui_bench_test.go:21: no X server: set DISPLAY or install Xvfb" {
		t.Errorf("skip note = %q", f.Note)
	}
	if f := byKey["returndesk/export/sales "]; f.Note != "panic: test timed out after 20m0s" {
		t.Errorf("timeout note = %q", f.Note)
	}
	if !failed(figs) {
		t.Error("failed() = false with failed packages")
	}
}

// The failure note follows the FAIL line without -v and comes before it with -v.
func TestNotesWithAndWithoutVerbose(t *testing.T) {
	for _, raw := range []string{
		"BenchmarkX\n    x_test.go:7: boom\n--- FAIL: BenchmarkX\nBenchmarkY\n",
		"--- FAIL: BenchmarkX\n    x_test.go:7: boom\nBenchmarkY-2 \t 10\t 5.0 ns/op\n",
	} {
		rep, err := parse(strings.NewReader(raw), 2)
		if err != nil {
			t.Fatal(err)
		}
		if x := rep.byName["BenchmarkX"]; x == nil || x.status != statusFail || x.note != "x_test.go:7: boom" {
			t.Errorf("%q: BenchmarkX = %+v", raw, x)
		}
	}
}

func TestTableGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := writeTable(&buf, readFigures(t)); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "table.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if buf.String() != string(want) {
		t.Errorf("table:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestHuman(t *testing.T) {
	tests := []struct {
		v    float64
		unit string
		want string
	}{
		{687.4, "ns/op", "687 ns"},
		{1500, "ns/op", "1.50 µs"},
		{4126000, "ns/op", "4.13 ms"},
		{3.912e9, "ns/op", "3.91 s"},
		{9.1, "p95-ms", "9.10 ms"},
		{0.35, "p50-ms", "350 µs"},
		{1234, "p95-ms", "1.23 s"},
		{512, "B/op", "512 B"},
		{9876, "B/op", "9.64 KB"},
		{1234567890, "B/op", "1.15 GB"},
		{143, "peak-MB", "143 MB"},
		{210, "allocs/op", "210"},
		{0, "allocs/op", "0"},
		{12.5, "rows/s", "12.5 rows/s"},
	}
	for _, tt := range tests {
		if got := human(tt.v, tt.unit); got != tt.want {
			t.Errorf("human(%v, %s) = %q, want %q", tt.v, tt.unit, got, tt.want)
		}
	}
}

func TestRunWritesJSONAndFails(t *testing.T) {
	out := filepath.Join(t.TempDir(), "latest.json")
	var table bytes.Buffer
	err := run(&table, []string{"testdata/raw.txt"}, out, 2)
	if err == nil {
		t.Error("run succeeded on output with failed packages")
	}
	if !strings.HasPrefix(table.String(), "benchmark ") {
		t.Errorf("table = %q", table.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var figs []map[string]any
	if err := json.Unmarshal(b, &figs); err != nil {
		t.Fatal(err)
	}
	first := figs[0]
	if first["name"] != "BenchmarkCreateCase" || first["unit"] != "ns/op" || first["value"] != 4125000.0 ||
		first["baseline"] != 3000000.0 || first["ratio"] != 1.375 {
		t.Errorf("first figure = %v", first)
	}
	for _, key := range []string{"baseline", "ratio"} {
		if v, ok := figs[len(figs)-1][key]; !ok || v != nil {
			t.Errorf("%s of a failed package = %v (present %v), want null", key, v, ok)
		}
	}
}
