package gui

// What only the tests look at or call: kept here, out of the program.

import (
	"fyne.io/fyne/v2"

	"returndesk/model"
)

// newMainUI is newFramedMainUI with loads that start at once, for tests: their window draws no frames.
func newMainUI(w fyne.Window, store model.Store, info Info, do func(func())) *MainUI {
	u := buildMainUI(w, store, info, do)
	u.nav.Select(0)
	return u
}

// Titles lists the sidebar entries in order.
func (u *MainUI) Titles() []string {
	titles := make([]string, len(u.screens))
	for i, s := range u.screens {
		titles[i] = s.title
	}
	return titles
}

// showing reports whether the detail of case id is in the content area.
func (d *caseDetail) showing(id model.CaseID) bool {
	return d.f != nil && d.f.c.ID == id && len(d.u.content.Objects) == 1 && d.u.content.Objects[0] == d.view
}

// shownTier is the tier on display ("" when none).
func (v *counterVerdict) shownTier() string {
	if !v.details.Visible() {
		return ""
	}
	return v.tier.Text
}

// cell returns the text shown in a cell.
func (ct *caseTable) cell(row, col int) string {
	return ct.cols[col].value(&ct.rows[row], ct.today())
}

// texts are the lines on display.
func (l *counterSuggestions) texts() []string {
	if !l.shown() {
		return nil
	}
	out := make([]string, len(l.items))
	for i, it := range l.items {
		out[i] = it.text
	}
	return out
}
