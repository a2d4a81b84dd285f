// Package printing sends PDF documents to a printer through CUPS (lp) at their own page
// size, and lists the printers CUPS knows.
package printing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

const mmPerPoint = 25.4 / 72

// Paper sizes CUPS knows by name, in millimetres (ISO 216).
var namedMedia = []struct {
	name string
	w, h float64
}{{"A4", 210, 297}, {"A5", 148, 210}, {"A6", 105, 148}}

// Media is the CUPS media name for a page of w×h points: A4 and A5 by name, any other size
// (the 80 mm receipt roll grows with its content) as a custom size in millimetres. The page
// is printed on paper of its own size, never scaled onto another.
func Media(w, h float64) string {
	wmm, hmm := w*mmPerPoint, h*mmPerPoint
	for _, m := range namedMedia {
		if near(wmm, m.w) && near(hmm, m.h) {
			return m.name
		}
	}
	return "Custom." + mm(wmm) + "x" + mm(hmm) + "mm"
}

func near(a, b float64) bool { return a > b-1 && a < b+1 }

// mm writes a length to a tenth of a millimetre, without a trailing ".0".
func mm(v float64) string { return strconv.FormatFloat(float64(int(v*10+0.5))/10, 'f', -1, 64) }

var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s*\]`)

// PageSize reads the size in points of the first page of a PDF from its MediaBox.
func PageSize(pdf []byte) (w, h float64, err error) {
	m := mediaBox.FindSubmatch(pdf)
	if m == nil {
		return 0, 0, errors.New("the PDF names no page size (MediaBox)")
	}
	var v [4]float64
	for i := range v {
		if v[i], err = strconv.ParseFloat(string(m[i+1]), 64); err != nil {
			return 0, 0, fmt.Errorf("the PDF's page size is unreadable: %w", err)
		}
	}
	return v[2] - v[0], v[3] - v[1], nil
}

// Print sends a PDF file to a CUPS printer (a queue name as `lpstat -e` lists it) on paper
// of the document's own page size, and returns the job's id.
func Print(ctx context.Context, printer, path, title string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	w, h, err := PageSize(data)
	if err != nil {
		return "", err
	}
	args := []string{"-d", printer, "-t", title,
		"-o", "media=" + Media(w, h),
		"-o", "print-scaling=none", // the page size is right: never shrink it onto the tray's paper
		// Where the queue goes through PostScript, render with Poppler's cairo: text stays text,
		// Chinese included (the default renderer turns the bundled fonts into unreadable Type 3 glyphs).
		"-o", "pdftops-renderer=pdftocairo",
		"--", path}
	out, err := lpRun(ctx, "lp", args...)
	if err != nil {
		return "", err
	}
	// lp says "request id is NAME-12 (1 file(s))".
	if f := strings.Fields(out); len(f) >= 4 && f[0] == "request" {
		return f[3], nil
	}
	return strings.TrimSpace(out), nil
}

// Printers lists the print queues CUPS knows, and the default one ("" when none is set).
func Printers(ctx context.Context) (names []string, def string, err error) {
	out, err := lpRun(ctx, "lpstat", "-e")
	if err != nil {
		return nil, "", err
	}
	for _, line := range strings.Split(out, "\n") {
		if name := strings.TrimSpace(line); name != "" {
			names = append(names, name)
		}
	}
	// "system default destination: NAME", or "no system default destination" (exit 0 or 1).
	if d, err := lpRun(ctx, "lpstat", "-d"); err == nil {
		if _, name, ok := strings.Cut(strings.TrimSpace(d), "destination: "); ok {
			def = name
		}
	}
	return names, def, nil
}

// lpRun runs one of CUPS's command-line tools and turns its failure into one line.
func lpRun(ctx context.Context, tool string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, tool, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if errors.Is(err, exec.ErrNotFound) {
		return "", fmt.Errorf("CUPS's %s command is not installed: install CUPS (cups-client), or leave the printer empty in Settings to open documents in the PDF viewer", tool)
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("%s: %s", tool, msg)
	}
	return stdout.String(), nil
}
