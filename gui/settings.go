package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// settingsScreen shows where the data is kept and which version is running.
type settingsScreen struct {
	*screen
	u *MainUI

	dbPath   *widget.Label
	dataDir  *widget.Label
	version  *widget.Label
	copyDB   *widget.Button
	copyDir  *widget.Button
	feedback *widget.Label // "Copied …" after a copy
}

func newSettingsScreen(u *MainUI) *settingsScreen {
	s := &settingsScreen{u: u}
	s.dbPath = selectableLabel(u.info.DBPath)
	s.dataDir = selectableLabel(u.info.DataDir)
	version := u.info.Version
	if version == "" {
		version = "unknown"
	}
	s.version = widget.NewLabel(version)
	s.feedback = widget.NewLabel("")
	s.feedback.Importance = widget.SuccessImportance

	s.copyDB = widget.NewButtonWithIcon("Copy path", theme.ContentCopyIcon(), func() {
		s.copy(u.info.DBPath, "Database path copied to the clipboard.")
	})
	s.copyDir = widget.NewButtonWithIcon("Copy path", theme.ContentCopyIcon(), func() {
		s.copy(u.info.DataDir, "Data folder path copied to the clipboard.")
	})

	data := widget.NewForm(
		widget.NewFormItem("Database", container.NewBorder(nil, nil, nil, s.copyDB, s.dbPath)),
		widget.NewFormItem("Data folder", container.NewBorder(nil, nil, nil, s.copyDir, s.dataDir)),
	)
	about := widget.NewForm(
		widget.NewFormItem("Version", s.version),
		widget.NewFormItem("Application ID", widget.NewLabel(AppID)),
	)
	note := widget.NewLabel("Back up the database file regularly: it holds every case, claim and policy. " +
		"Another database can be opened with --db PATH or the RETURNDESK_DB environment variable.")
	note.Wrapping = fyne.TextWrapWord

	body := container.NewVBox(
		widget.NewCard("Data location", "", container.NewVBox(data, note, s.feedback)),
		widget.NewCard("About ReturnDesk", "", about),
	)
	s.screen = newScreen("Settings", theme.SettingsIcon(), container.NewVScroll(body))
	return s
}

// copy puts text on the system clipboard and says so.
func (s *settingsScreen) copy(text, done string) {
	fyne.CurrentApp().Clipboard().SetContent(text)
	s.feedback.SetText(done)
}

func selectableLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Selectable = true
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}
