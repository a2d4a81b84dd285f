package gui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// documentsFolder is where file choosers start: the user's Documents folder (on Windows the
// one Windows names, which OneDrive may have moved), else the home folder; "" when there is
// neither.
func documentsFolder() string {
	candidates := []string{knownDocumentsFolder()}
	if home, err := os.UserHomeDir(); err == nil {
		candidates = append(candidates, filepath.Join(home, "Documents"), home)
	}
	for _, d := range candidates {
		if fi, err := os.Stat(d); d != "" && err == nil && fi.IsDir() {
			return d
		}
	}
	return ""
}

// startInDocuments makes a file chooser open in the Documents folder. Left alone, Fyne opens
// it in the last folder it remembers or, the first time, in its own settings folder.
func startInDocuments(fd *dialog.FileDialog) {
	if dir := documentsFolder(); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			fd.SetLocation(l)
		}
	}
}
