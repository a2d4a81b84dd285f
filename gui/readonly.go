package gui

import (
	"returndesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// banners are the lines across the top of the window: that the database is read-only (on
// one that is), and that a change waits for another writer (while one does).
func (u *MainUI) banners() fyne.CanvasObject {
	if u.readOnly == "" {
		return container.NewVBox(u.offline, u.waiting)
	}
	l := widget.NewLabel(say(model.T("Read-only: this database can be read but not changed (%s). You can look up cases and print, but not take or change them. Copy it somewhere writable, or ask whoever looks after this computer.", u.readOnly)))
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	return container.NewVBox(l, u.offline, u.waiting)
}

// writes registers buttons that change the database, so that they stay disabled while it
// is read-only: a screen enabling one as its selection changes leaves it disabled; it
// returns the first, for use in constructors.
func (u *MainUI) writes(buttons ...*button) *button {
	for _, b := range buttons {
		b.locked = func() bool { return u.readOnly != "" }
	}
	u.writeButtons = append(u.writeButtons, buttons...)
	u.lockWrites()
	return buttons[0]
}

// lockWrites disables the registered write buttons on a read-only database. The store
// refuses any change it is still asked for with a message that says why.
func (u *MainUI) lockWrites() {
	if u.readOnly == "" {
		return
	}
	for _, b := range u.writeButtons {
		b.Disable()
	}
}
