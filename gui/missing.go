package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/export"
	"returndesk/model"
)

// confirmMissing asks before a document goes out with shop details blank (export's one rule
// of what is missing): it names them and offers Settings, the safe choice, focused, or anyway
// (e.g. "Print anyway"), which runs proceed. Either way or closing it runs done first (nil:
// nothing). With nothing missing, proceed runs at once.
func (u *MainUI) confirmMissing(missing []model.Text, anyway string, proceed, done func()) {
	if len(missing) == 0 {
		proceed()
		return
	}
	msg := widget.NewLabel(say(export.MissingText(missing)))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(say(model.T("Shop details missing")), msg, u.win)
	finish := func(then func()) func() {
		return func() {
			d.Hide()
			if done != nil {
				done()
			}
			if then != nil {
				then()
			}
		}
	}
	settings := newIconButton(say(model.T("Go to Settings")), theme.SettingsIcon(), finish(func() {
		u.Show(u.settings.title)
		u.win.Canvas().Focus(u.settings.shopName)
	}))
	settings.Importance = widget.HighImportance
	cancel := newButton(say(model.T("Cancel")), finish(nil))
	ahead := newButton(anyway, finish(proceed))
	d.SetButtons([]fyne.CanvasObject{cancel, ahead, settings})
	d.Resize(fyne.NewSize(480, 0))
	u.missing = &missingQuestion{dialog: d, text: msg.Text, settings: settings, cancel: cancel, anyway: ahead}
	// Enter goes to Settings, Escape cancels (no button keeps the focus: a focused
	// button would take both keys and do nothing with them).
	u.showDialogKeys(d, settings.OnTapped, cancel.OnTapped)
}

// missingQuestion is the last "Shop details missing" question asked, for the tests.
type missingQuestion struct {
	dialog                   dialog.Dialog
	text                     string
	settings, cancel, anyway *button
}
