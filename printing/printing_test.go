package printing

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"returndesk/export"
	"returndesk/internal/cupstest"
	"returndesk/internal/testenv"
	"returndesk/model"
)

func TestMedia(t *testing.T) {
	for _, tt := range []struct {
		w, h float64
		want string
	}{
		{595.28, 841.89, "A4"},
		{419.53, 595.28, "A5"},
		{226.77, 693.66, "Custom.80x244.7mm"},
		{226.77, 283.46, "Custom.80x100mm"},
		{283.46, 425.2, "Custom.100x150mm"}, // the return label
	} {
		if got := Media(tt.w, tt.h); got != tt.want {
			t.Errorf("Media(%v, %v) = %q, want %q", tt.w, tt.h, got, tt.want)
		}
	}
}

func TestPageSize(t *testing.T) {
	for _, tt := range []struct {
		page export.PageSize
		w, h float64 // millimetres
	}{{export.PageA4, 210, 297}, {export.PageA5, 148, 210}, {export.PageRoll, 80, 0}} {
		w, h, err := PageSize(slipPDF(t, tt.page))
		if err != nil {
			t.Fatalf("%s: %v", tt.page, err)
		}
		if math.Abs(w*mmPerPoint-tt.w) > 0.5 || tt.h != 0 && math.Abs(h*mmPerPoint-tt.h) > 0.5 || h <= 0 {
			t.Errorf("%s: %.1f×%.1f mm, want %v×%v", tt.page, w*mmPerPoint, h*mmPerPoint, tt.w, tt.h)
		}
	}
	if _, _, err := PageSize([]byte("%PDF-1.4 nothing")); err == nil {
		t.Error("a PDF without a MediaBox has a page size")
	}
}

// Each slip goes to a real CUPS queue (a private cupsd with a CUPS-PDF printer) and comes
// out on paper of its own size, not scaled onto A4, with its text, Chinese included.
func TestPrintKeepsThePageSizeOnARealQueue(t *testing.T) {
	out := cupstest.Start(t, "rdtest")
	names, def, err := Printers(context.Background())
	if err != nil || len(names) != 1 || names[0] != "rdtest" || def != "rdtest" {
		t.Fatalf("Printers: %v, default %q, %v; want [rdtest], rdtest", names, def, err)
	}
	for _, page := range export.PageSizes {
		pdf := slipPDF(t, page)
		path := filepath.Join(t.TempDir(), string(page)+".pdf")
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		job, err := Print(context.Background(), "rdtest", path, "slip "+string(page))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		printed := waitForPrint(t, out, job)
		w, h, _ := PageSize(pdf)
		info := testenv.Run(t, "pdfinfo", printed)
		var pw, ph float64
		for _, line := range strings.Split(info, "\n") {
			if strings.HasPrefix(line, "Page size:") {
				fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "Page size:")), "%f x %f", &pw, &ph)
			}
		}
		if math.Abs(pw-w) > 1.5 || math.Abs(ph-h) > 1.5 {
			t.Errorf("%s: printed on %.0f×%.0f pt, the slip is %.0f×%.0f pt", page, pw, ph, w, h)
		}
		text := testenv.Run(t, "pdftotext", "-layout", printed, "-")
		for _, want := range []string{"MO-2026-000045", "欧阳娜娜", "Maintenance"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the printed page lacks %q:\n%s", page, want, text)
			}
		}
	}
	if _, err := Print(context.Background(), "no-such-queue", filepath.Join(t.TempDir(), "x.pdf"), "x"); err == nil {
		t.Error("printing a file that does not exist succeeded")
	}
	path := filepath.Join(t.TempDir(), "a5.pdf")
	os.WriteFile(path, slipPDF(t, export.PageA5), 0o644)
	if _, err := Print(context.Background(), "no-such-queue", path, "x"); err == nil || !strings.Contains(err.Error(), "lp: ") {
		t.Errorf("an unknown printer: %v, want lp's own message", err)
	}
}

// slipPDF is a maintenance order slip with Chinese text on the given page size.
func slipPDF(t *testing.T, page export.PageSize) []byte {
	t.Helper()
	s := &export.Slip{
		Shop: export.Shop{Name: "华强电子维修中心", Phone: "+86 755 8326 1234"},
		Case: model.Case{CaseNo: "RMA-2026-000123", MaintenanceNo: "MO-2026-000045", Serial: "HT-CAM5-2025-08812",
			ReportedDate: model.MustDate("2026-03-05"), Fault: "无法开机", Tier: model.TierRepair,
			Remedy: model.RemedyRepair, Status: model.StatusReceived},
		Customer:     model.Customer{Name: "欧阳娜娜", Phone: "13511112222"},
		Product:      model.Product{Model: "HT-CAM5", Name: "5 MP IP camera"},
		Manufacturer: model.Manufacturer{Name: "Halotek"},
	}
	var b bytes.Buffer
	if err := export.WriteSlip(&b, s, page, export.PDFOptions{Created: time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// waitForPrint waits for CUPS-PDF to write job's PDF ("…-job_N.pdf") into out.
func waitForPrint(t *testing.T, out, job string) string {
	t.Helper()
	n := job[strings.LastIndexByte(job, '-')+1:]
	for start := time.Now(); time.Since(start) < 60*time.Second; time.Sleep(200 * time.Millisecond) {
		found, _ := filepath.Glob(filepath.Join(out, "*-job_"+n+".pdf"))
		if len(found) == 1 {
			if _, err := exec.Command("lpstat", "-W", "not-completed", "-o").Output(); err == nil {
				if b, _ := exec.Command("lpstat", "-o").Output(); !strings.Contains(string(b), job+" ") {
					return found[0]
				}
			}
		}
	}
	t.Fatalf("job %s was not printed within 60 s", job)
	return ""
}
