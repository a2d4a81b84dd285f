package main

import "regexp"

// target is what issue 7 asks of the figures whose benchmark name matches pattern.
type target struct {
	pattern  string  // regexp matched against the name without /ours
	unit     string  // the metric it bounds
	below    float64 // the value must stay under this (in unit); 0 for none
	maxRatio float64 // ours / baseline must not exceed this; 0 for none
	re       *regexp.Regexp
}

// targets are all the performance targets, in one place.
var targets = compile([]target{
	{pattern: `^BenchmarkEvaluateCase$`, unit: "ns/op", below: 1000},
	// issue 15: on either engine, p95 under 10 ms at 1,000,000 cases (ours) and at most 1.5×
	// the figure at 100,000 (the baseline); case creation on a server at most 1.5× a bare INSERT.
	{pattern: `^BenchmarkSearch/`, unit: "p95-ms", below: 10, maxRatio: 1.5},
	{pattern: `^BenchmarkCreateCaseOnServer$`, unit: "ns/op", maxRatio: 1.5},
	{pattern: `^BenchmarkClaimSheet/100k$`, unit: "ns/op", below: 5e9, maxRatio: 1.5},
	{pattern: `^BenchmarkClaimSheet/100k$`, unit: "peak-MB", below: 200},
	{pattern: `^BenchmarkSlip/one$`, unit: "ns/op", below: 5e6},
	{pattern: `^BenchmarkImportSales/100k`, unit: "ns/op", below: 10e9},
	{pattern: `^BenchmarkGUIStart/`, unit: "p50-ms", maxRatio: 1.5},
	{pattern: `^BenchmarkReports/`, unit: "ns/op", below: 1e9}, // issue 18: every report under 1 s
})

func compile(ts []target) []target {
	for i := range ts {
		ts[i].re = regexp.MustCompile(ts[i].pattern)
	}
	return ts
}
