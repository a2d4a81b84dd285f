// Command benchtable reads `go test -bench` output and prints one table of the figures
// beside their baselines and targets, writing the same figures as JSON.
//
// usage: benchtable [-json bench/latest.json] [-procs N] [raw.txt …]   (stdin without files)
//
// It exits 1 when a benchmark or a package failed, after printing everything it has.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
)

func main() {
	jsonPath := flag.String("json", "bench/latest.json", "write the figures as JSON to this file (empty: don't)")
	procs := flag.Int("procs", runtime.GOMAXPROCS(0), "GOMAXPROCS the benchmarks ran with (Go appends -N to their names)")
	flag.Parse()
	if err := run(os.Stdout, flag.Args(), *jsonPath, *procs); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, files []string, jsonPath string, procs int) error {
	in, err := open(files)
	if err != nil {
		return err
	}
	rep, err := parse(in, procs)
	if err != nil {
		return err
	}
	figs := figures(rep)
	if len(figs) == 0 {
		fmt.Fprintln(w, "No benchmark results in the input.")
	} else if err := writeTable(w, figs); err != nil {
		return err
	}
	if jsonPath != "" {
		if err := writeJSON(jsonPath, figs); err != nil {
			return err
		}
	}
	if failed(figs) {
		return fmt.Errorf("some benchmarks failed (see above)")
	}
	return nil
}

// open reads the named files one after another, or stdin when there are none.
func open(files []string) (io.Reader, error) {
	if len(files) == 0 {
		return os.Stdin, nil
	}
	var rs []io.Reader
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		rs = append(rs, f) // closed when the program ends
	}
	return io.MultiReader(rs...), nil
}

func writeJSON(path string, figs []figure) error {
	if figs == nil {
		figs = []figure{}
	}
	b, err := json.MarshalIndent(figs, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
