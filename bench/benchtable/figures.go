package main

import (
	"math"
	"strings"
)

// Sub-benchmark names that pair our code with the baseline measured in the same run.
const (
	oursSuffix     = "/ours"
	baselineSuffix = "/baseline"
)

// figure is one metric of one benchmark, beside its baseline: a row of the table and an
// object of bench/latest.json.
type figure struct {
	Name     string   `json:"name"`
	Value    *float64 `json:"value"` // nil when the benchmark did not run
	Unit     string   `json:"unit"`
	Baseline *float64 `json:"baseline"`
	Ratio    *float64 `json:"ratio"` // value / baseline
	Target   string   `json:"target,omitempty"`
	Met      *bool    `json:"met,omitempty"`
	// Status is FAIL or SKIP (of ours, "baseline FAIL" … of the baseline, "package FAIL"
	// of a whole package) when something did not run.
	Status string `json:"status,omitempty"`
	Note   string `json:"note,omitempty"`
}

// figures pairs every benchmark with its baseline, metric by metric, and checks the targets.
func figures(rep *report) []figure {
	var out []figure
	done := map[string]bool{}
	for _, res := range rep.results {
		name := strings.TrimSuffix(strings.TrimSuffix(res.name, oursSuffix), baselineSuffix)
		if done[name] || (res.status != "" && hasChildren(rep, res.name)) {
			continue // a parent fails or skips with its sub-benchmarks, which say more
		}
		done[name] = true
		ours, base := rep.byName[name+oursSuffix], rep.byName[name+baselineSuffix]
		if ours == nil && base == nil {
			ours = res
		}
		out = append(out, pair(name, ours, base)...)
	}
	for _, pkg := range rep.failedPkgs {
		out = append(out, figure{Name: pkg.name, Status: "package " + statusFail, Note: pkg.note})
	}
	return out
}

// hasChildren reports whether some other benchmark is a sub-benchmark of name.
func hasChildren(rep *report, name string) bool {
	for _, r := range rep.results {
		if strings.HasPrefix(r.name, name+"/") {
			return true
		}
	}
	return false
}

// pair makes the figures of one benchmark (ours) and its baseline (either may be nil).
func pair(name string, ours, base *result) []figure {
	if ours == nil || ours.status != "" {
		f := figure{Name: name, Status: statusFail, Note: "no result"}
		if ours != nil {
			f.Status, f.Note = ours.status, ours.note
		}
		return []figure{f}
	}
	var out []figure
	for _, unit := range ours.units {
		v := ours.metrics[unit]
		f := figure{Name: name, Value: &v, Unit: unit}
		if base != nil {
			if b, ok := base.metrics[unit]; ok {
				f.Baseline = &b
				if b != 0 {
					r := math.Round(v/b*1000) / 1000
					f.Ratio = &r
				}
			}
			if base.status != "" {
				f.Status, f.Note = "baseline "+base.status, base.note
			}
		}
		check(&f)
		out = append(out, f)
	}
	return out
}

// check sets the target of a figure and whether it is met; a ratio target is missed when
// there is no baseline to compare with.
func check(f *figure) {
	var texts []string
	met := true
	for _, t := range targets {
		if t.unit != f.Unit || !t.re.MatchString(f.Name) {
			continue
		}
		if t.below > 0 {
			texts = append(texts, "< "+limitText(t.below, t.unit))
			met = met && *f.Value < t.below
		}
		if t.maxRatio > 0 {
			texts = append(texts, "ratio ≤ "+limitText(t.maxRatio, ""))
			met = met && f.Ratio != nil && *f.Ratio <= t.maxRatio
		}
	}
	if len(texts) > 0 {
		f.Target = strings.Join(texts, ", ")
		f.Met = &met
	}
}

// failed reports whether any benchmark or package failed (a skip is not a failure).
func failed(figs []figure) bool {
	for _, f := range figs {
		if strings.HasSuffix(f.Status, statusFail) {
			return true
		}
	}
	return false
}
