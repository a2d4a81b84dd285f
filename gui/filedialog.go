package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// showFileDialog shows a file chooser as large as the window allows. The order matters:
// Fyne gives a file dialog its window only when it is shown, and Resize before Show
// panics on a real driver (the test driver hides this).
func (u *MainUI) showFileDialog(fd *dialog.FileDialog) {
	fd.Show()
	size := u.win.Canvas().Size()
	fd.Resize(fyne.NewSize(min(size.Width*0.9, 900), min(size.Height*0.9, 620)))
}
