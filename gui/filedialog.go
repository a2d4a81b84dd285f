package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// showFileDialog shows a file chooser as large as the main window allows.
func (u *MainUI) showFileDialog(fd *dialog.FileDialog) { showFileDialogIn(u.win, fd) }

// showFileDialogIn shows a file chooser as large as win allows. The order matters: Fyne
// gives a file dialog its window only when it is shown, and Resize before Show panics on a
// real driver (the test driver hides this).
func showFileDialogIn(win fyne.Window, fd *dialog.FileDialog) {
	fd.Show()
	size := win.Canvas().Size()
	fd.Resize(fyne.NewSize(min(size.Width*0.9, 900), min(size.Height*0.9, 620)))
}
