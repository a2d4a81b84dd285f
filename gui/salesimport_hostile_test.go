package gui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// TestSalesImportRefusesHostileFiles: a file that is not what its name says is refused in
// one line under the file's name, where the summary stands, and Import stays disabled.
func TestSalesImportRefusesHostileFiles(t *testing.T) {
	h, s, _ := openProducts(t)
	si := s.imp
	si.open()
	for name, want := range map[string]string{
		"bomb.xlsx":        "bomb.xlsx cannot be imported: the workbook unpacks to far more than a spreadsheet holds (a zip bomb?); refused",
		"empty.csv":        "empty.csv cannot be imported: the file is empty (0 bytes)",
		"xlsx-renamed.csv": "xlsx-renamed.csv cannot be imported: the file is an Excel workbook or another zip archive, not CSV text",
	} {
		si.load(filepath.Join("..", "export", "testdata", "hostile", name))
		h.settle()
		if si.file.Text != name || !strings.HasPrefix(si.summary.Text, want) || si.summary.Importance != widget.DangerImportance ||
			strings.Contains(si.summary.Text, "\n") {
			t.Errorf("%s: file %q, summary %q (importance %v), want %q", name, si.file.Text, si.summary.Text, si.summary.Importance, want)
		}
		if si.preview != nil || !si.importBtn.Disabled() || si.choose.Disabled() {
			t.Errorf("%s: preview %v, Import enabled %v, Choose disabled %v", name, si.preview != nil, !si.importBtn.Disabled(), si.choose.Disabled())
		}
	}
}
