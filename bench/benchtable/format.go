package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// human writes a value of a benchmark unit the way a person reads it: ns/op and the
// latency percentiles as ns/µs/ms/s, bytes as B/KB/MB/GB (of 1024).
func human(v float64, unit string) string {
	switch {
	case unit == "ns/op":
		return duration(v)
	case strings.HasSuffix(unit, "-ms"): // p50-ms, p95-ms
		return duration(v * 1e6)
	case unit == "B/op":
		return size(v)
	case strings.HasSuffix(unit, "-MB"): // peak-MB
		return size(v * (1 << 20))
	case unit == "allocs/op" && v == math.Trunc(v):
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return sig3(v) + " " + unit
}

func duration(ns float64) string {
	return scaled(ns, 1000, "ns", "µs", "ms", "s")
}

func size(b float64) string {
	return scaled(b, 1024, "B", "KB", "MB", "GB")
}

// scaled divides v by step until it fits the unit, the last unit taking whatever is left.
func scaled(v, step float64, units ...string) string {
	i := 0
	for ; i < len(units)-1 && v >= step; i++ {
		v /= step
	}
	return sig3(v) + " " + units[i]
}

// sig3 writes v with three significant digits, or all of its whole part.
func sig3(v float64) string {
	switch a := math.Abs(v); {
	case a >= 100 || a == 0:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}

func ratioText(r float64) string { return strconv.FormatFloat(r, 'f', 2, 64) + "×" }

// limitText writes a target's bound without trailing zeros: "20 ms", "1.5×".
func limitText(v float64, unit string) string {
	if unit == "" {
		return strconv.FormatFloat(v, 'g', -1, 64) + "×"
	}
	num, u, _ := strings.Cut(human(v, unit), " ")
	if strings.Contains(num, ".") {
		num = strings.TrimRight(strings.TrimRight(num, "0"), ".")
	}
	return num + " " + u
}

var header = []string{"benchmark", "metric", "ours", "baseline", "ratio", "target", "ok?"}

// rightAligned marks the columns of numbers.
var rightAligned = []bool{false, false, true, true, true, false, false}

// writeTable prints the figures as one aligned table, a note under each that did not run,
// and a summary line.
func writeTable(w io.Writer, figs []figure) error {
	rows := [][]string{header}
	met, missed, notRun := 0, 0, 0
	for _, f := range figs {
		rows = append(rows, row(f))
		switch {
		case f.Value == nil:
			notRun++
		case f.Met == nil:
		case *f.Met:
			met++
		default:
			missed++
		}
	}
	widths := make([]int, len(header))
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	var b strings.Builder
	lastNote := ""
	for n, r := range rows {
		var line strings.Builder
		for i, cell := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if rightAligned[i] {
				cell = pad + cell
			} else {
				cell += pad
			}
			if i > 0 {
				line.WriteString("  ")
			}
			line.WriteString(cell)
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
		if n == 0 {
			continue
		}
		// Why a benchmark did not run, once under its first row.
		if f := figs[n-1]; f.Status != "" && f.Note != "" && f.Name+f.Note != lastNote {
			fmt.Fprintf(&b, "    %s\n", f.Note)
			lastNote = f.Name + f.Note
		}
	}
	fmt.Fprintf(&b, "\n%d figures: %d targets met, %d missed, %d did not run.\n", len(figs), met, missed, notRun)
	_, err := io.WriteString(w, b.String())
	return err
}

func row(f figure) []string {
	if f.Value == nil {
		return []string{f.Name, "", f.Status, "", "", f.Target, lastWord(f.Status)}
	}
	r := []string{f.Name, f.Unit, human(*f.Value, f.Unit), "", "", f.Target, ""}
	if f.Baseline != nil {
		r[3] = human(*f.Baseline, f.Unit)
	} else if f.Status != "" {
		r[3] = f.Status
	}
	if f.Ratio != nil {
		r[4] = ratioText(*f.Ratio)
	}
	if f.Met != nil {
		r[6] = map[bool]string{true: "yes", false: "NO"}[*f.Met]
	}
	return r
}

func lastWord(s string) string { return s[strings.LastIndex(s, " ")+1:] }
