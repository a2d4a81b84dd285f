package main

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// Outcomes of a benchmark or a package that did not simply pass.
const (
	statusFail = "FAIL"
	statusSkip = "SKIP"
)

// result is one benchmark as `go test -bench` reported it.
type result struct {
	name    string             // without the -GOMAXPROCS suffix
	metrics map[string]float64 // value by unit (ns/op, B/op, p95-ms, …)
	units   []string           // in the order reported
	status  string             // "", statusFail or statusSkip
	note    string             // first line logged with a failure or a skip
}

// report is everything read from one or more `go test -bench` outputs.
type report struct {
	results    []*result // in order of first appearance
	byName     map[string]*result
	failedPkgs []failedPkg
}

// failedPkg is a package whose `go test` failed (a failing benchmark, a panic, a timeout or
// a build error).
type failedPkg struct{ name, note string }

func (r *report) get(name string) *result {
	if res, ok := r.byName[name]; ok {
		return res
	}
	res := &result{name: name, metrics: map[string]float64{}}
	r.byName[name] = res
	r.results = append(r.results, res)
	return res
}

// parse reads `go test -bench` text output, several packages in a row. procs is the
// GOMAXPROCS the benchmarks ran with: Go appends "-procs" to every name when it is not 1.
func parse(in io.Reader, procs int) (*report, error) {
	p := parser{rep: &report{byName: map[string]*result{}}}
	if procs != 1 {
		p.suffix = "-" + strconv.Itoa(procs)
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		p.line(sc.Text())
	}
	return p.rep, sc.Err()
}

type parser struct {
	rep      *report
	suffix   string
	pending  string  // a benchmark name whose figures are still to come on a later line
	noteFor  *result // the failed or skipped benchmark whose log lines follow
	lastLog  string  // the first log line since the last benchmark name
	panicMsg string  // the last panic, reported with the package that failed
}

func (p *parser) line(line string) {
	fields := strings.Fields(line)
	// The benchmark printed something between its name and its figures (which Go pads
	// with spaces, like a log line).
	if p.pending != "" && p.figures(p.pending, fields) {
		p.pending = ""
		return
	}
	// A benchmark's log lines are indented: before its --- FAIL or --- SKIP line with -v,
	// after it without.
	if strings.HasPrefix(line, "    ") {
		switch {
		case p.noteFor != nil && p.noteFor.note == "":
			p.noteFor.note = strings.TrimSpace(line)
		case p.noteFor == nil && p.lastLog == "":
			p.lastLog = strings.TrimSpace(line)
		}
		return
	}
	p.noteFor = nil
	// A failure or skip may follow the benchmark's name on the same line.
	for _, st := range []string{statusFail, statusSkip} {
		if _, after, ok := strings.Cut(line, "--- "+st+": "); ok && strings.TrimSpace(after) != "" {
			res := p.rep.get(p.trim(strings.Fields(after)[0]))
			if res.status != statusFail {
				res.status = st
			}
			if res.note == "" {
				res.note = p.lastLog
			}
			p.noteFor, p.pending, p.lastLog = res, "", ""
			return
		}
	}
	p.lastLog = ""
	switch {
	case len(fields) == 0:
	case strings.HasPrefix(line, "panic: "):
		p.panicMsg = line
	case fields[0] == statusFail && len(fields) >= 2:
		p.rep.failedPkgs = append(p.rep.failedPkgs, failedPkg{name: fields[1], note: p.failNote(line)})
		p.panicMsg = ""
	case fields[0] == "ok" || fields[0] == "PASS" || fields[0] == "pkg:":
		p.panicMsg, p.pending = "", ""
	case strings.HasPrefix(line, "Benchmark"):
		p.pending = ""
		if !p.figures(fields[0], fields[1:]) {
			p.pending = fields[0]
		}
	}
}

// figures records "N value unit value unit …" as the results of the named benchmark and
// reports whether fields had that shape.
func (p *parser) figures(name string, fields []string) bool {
	if len(fields) < 3 || len(fields)%2 == 0 {
		return false
	}
	if _, err := strconv.ParseInt(fields[0], 10, 64); err != nil {
		return false
	}
	values := make([]float64, 0, len(fields)/2)
	for i := 1; i < len(fields); i += 2 {
		v, err := strconv.ParseFloat(fields[i], 64)
		if err != nil {
			return false
		}
		values = append(values, v)
	}
	res := p.rep.get(p.trim(name))
	for i, v := range values {
		unit := fields[2+2*i]
		if _, seen := res.metrics[unit]; !seen {
			res.units = append(res.units, unit)
		}
		res.metrics[unit] = v // with -count > 1 the last run counts
	}
	return true
}

// failNote says why a package failed, from its FAIL line or the panic before it.
func (p *parser) failNote(line string) string {
	if i := strings.Index(line, "["); i >= 0 {
		return strings.Trim(line[i:], "[]") // "[build failed]", "[setup failed]"
	}
	return p.panicMsg
}

func (p *parser) trim(name string) string {
	if p.suffix != "" {
		return strings.TrimSuffix(name, p.suffix)
	}
	return name
}
