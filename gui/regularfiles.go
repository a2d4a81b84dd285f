package gui

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"

	"returndesk/model"
	"returndesk/outfile"
)

// fileRepository is what Fyne's own repository for file: URIs offers.
type fileRepository interface {
	repository.AppendableRepository
	repository.DeleteAllRepository
	repository.HierarchicalRepository
	repository.ListableRepository
	repository.CopyableRepository
	repository.MovableRepository
}

// regularFiles is Fyne's file repository, except that it opens for reading only regular
// files. Fyne's open dialogs open the chosen file before ReturnDesk sees it, on the GUI
// thread: a named pipe (FIFO) would freeze the window for good, waiting for a writer.
type regularFiles struct{ fileRepository }

// onlyRegularFiles puts regularFiles in place of the file repository the driver registered.
func onlyRegularFiles() {
	r, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if fr, ok := r.(fileRepository); ok {
		repository.Register("file", regularFiles{fr})
	}
}

// Reader opens u like outfile.OpenInput: a regular file or an error that says what it is.
func (r regularFiles) Reader(u fyne.URI) (fyne.URIReadCloser, error) {
	f, _, err := outfile.OpenInput(u.Path())
	if err != nil {
		return nil, model.Wrap(model.ErrorCode(err), err, "%s", u.Name())
	}
	return openedFile{f, u}, nil
}

// CanRead is true for a regular file that can be opened, without waiting on a FIFO.
func (r regularFiles) CanRead(u fyne.URI) (bool, error) {
	f, _, err := outfile.OpenInput(u.Path())
	if err != nil {
		return false, nil
	}
	f.Close()
	return true, nil
}

// openedFile is an open file with the URI it was opened by.
type openedFile struct {
	*os.File
	uri fyne.URI
}

func (f openedFile) URI() fyne.URI { return f.uri }
