package gui

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"returndesk/i18n"
)

// englishAllowed are the words a Chinese window may show in Latin letters: proper names,
// codes and file formats, and the fixture's own data (names, models, faults as typed).
var englishAllowed = []string{
	// names
	"ReturnDesk", "Halotek", "EleTrek", "Excel", "LibreOffice", "WPS", "CUPS", "WiFi",
	// codes, formats and units
	"RMA", "MO", "CLM", "PI", "OEM", "PDF", "CSV", "UTF", "GBK", "GB", "Big", "ID", "SN", "xlsx", "csv", "pdf", "png",
	"jpg", "jpeg", "rdbak", "db", "MB", "KB", "mm", "A4", "A5", "YYYY", "MM", "DD", "URL", "Logo", "QR", "RETURNDESK_DB",
	"Ctrl", "Enter", "Esc", "Tab", "CNY", "HKD", "USD", "PATH", "HT", "ET", "USB",
	// the fixture's data
	"Acme", "Trading", "screen", "flickers", "R200", "P9", "LI", "ZW", "Router", "Phone", "Smartphone", "returndesk", "data",
}

var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z_]+`)

// englishOn lists the Latin words shown on o that are not allowed, with the text they are in.
func englishOn(o fyne.CanvasObject) []string {
	var found []string
	for _, x := range test.LaidOutObjects(o) {
		t, ok := x.(*canvas.Text)
		if !ok || !t.Visible() || filepath.IsAbs(t.Text) || t.Text == AppID {
			continue // a path or the application's ID, as they are
		}
		for _, w := range latinWord.FindAllString(t.Text, -1) {
			if !slices.Contains(englishAllowed, w) && !strings.HasPrefix(w, "RMA") {
				found = append(found, strconv.Quote(t.Text))
				break
			}
		}
	}
	return found
}

// In Chinese every screen shows no English word apart from data, codes and proper names.
func TestEveryScreenSpeaksChinese(t *testing.T) {
	speak(t, i18n.Chinese)
	f := newFixture(t)
	h := newTestUI(t, f.store)
	h.w.Resize(fyne.NewSize(1366, 768))
	for _, s := range h.u.screens {
		h.u.Show(s.title)
		h.settle()
		if words := englishOn(h.w.Canvas().Content()); len(words) > 0 {
			t.Errorf("%s shows English:\n  %s", s.title, strings.Join(words, "\n  "))
		}
	}
}
