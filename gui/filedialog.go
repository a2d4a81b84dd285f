package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// showFileDialog shows a file chooser as large as the main window allows.
// Escape cancels it like every dialog (see keys.go).
func (u *MainUI) showFileDialog(fd *dialog.FileDialog) {
	u.showDialog(fileDialogShown{fd, u.win}, nil)
}

// fileDialogShown is a file chooser whose Show sizes it as showFileDialogIn does.
type fileDialogShown struct {
	*dialog.FileDialog
	win fyne.Window
}

func (f fileDialogShown) Show() { showFileDialogIn(f.win, f.FileDialog) }

// showFileDialogIn shows a file chooser as large as win allows. The order matters: Fyne
// gives a file dialog its window only when it is shown, and Resize before Show panics on a
// real driver (the test driver hides this).
func showFileDialogIn(win fyne.Window, fd *dialog.FileDialog) {
	fd.Show()
	size := win.Canvas().Size()
	fd.Resize(fyne.NewSize(min(size.Width*0.9, 900), min(size.Height*0.9, 620)))
}

// onChosen is a file chooser's callback: the chooser's error goes to failed, a cancel does
// nothing, and the chosen file goes to chosen, which closes it.
func onChosen(failed func(error), chosen func(r fyne.URIReadCloser)) func(fyne.URIReadCloser, error) {
	return func(r fyne.URIReadCloser, err error) {
		switch {
		case err != nil:
			failed(err)
		case r != nil:
			chosen(r)
		}
	}
}

// askOpenPath lets the dealer pick a file with one of exts in win's file chooser and hands
// its path to open; cancelling does nothing. The chooser reads through regularFiles, so a
// pipe or a device is refused there.
func askOpenPath(win fyne.Window, exts []string, open func(path string)) *dialog.FileDialog {
	fd := newOpenPath(win, exts, open)
	showFileDialogIn(win, fd)
	return fd
}

// newOpenPath is askOpenPath's chooser, not yet shown (the main window shows it through showFileDialog).
func newOpenPath(win fyne.Window, exts []string, open func(path string)) *dialog.FileDialog {
	fd := dialog.NewFileOpen(onChosen(func(error) {}, func(r fyne.URIReadCloser) {
		path := r.URI().Path()
		r.Close()
		open(path)
	}), win)
	fd.SetFilter(storage.NewExtensionFileFilter(exts))
	startInDocuments(fd)
	return fd
}
