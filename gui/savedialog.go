package gui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
	"returndesk/outfile"
)

// outGuard protects the database and its folder from every file the window writes.
func (u *MainUI) outGuard() outfile.Guard { return outfile.Guard{DB: u.info.DBPath} }

// saveDialog asks for a folder and a file name to save a new file under. It replaces Fyne's
// save dialog, which creates (or empties) the chosen file before the app may check it: the
// database itself would be gone before ReturnDesk could refuse it. The path is checked as
// it is typed and the problem shown under the field; Save stays disabled until it is fine.
type saveDialog struct {
	u      *MainUI
	folder *keyEntry
	name   *keyEntry
	ext    string // added to a name typed without it, e.g. ".xlsx"
	isNew  bool   // the file must not exist yet (backups)
	dlg    *dialog.FormDialog
}

// askSavePath shows a save dialog titled title that suggests name and calls save with the
// chosen path once the dealer confirms (and agrees to replace an existing file).
func (u *MainUI) askSavePath(title, name, ext string, mustBeNew bool, save func(path string)) *saveDialog {
	d := &saveDialog{u: u, folder: u.newEntry(), name: u.newEntry(), ext: ext, isNew: mustBeNew}
	// The folder button sits inside the field, so that the form sees the field itself: it
	// shows the field's problem under it ("this folder does not exist") and keeps Save
	// disabled, which it did not for a field wrapped with a button beside it. (Set before
	// the field is first drawn: Fyne reads it once.)
	d.folder.ActionItem = newIconButton("", theme.FolderOpenIcon(), d.chooseFolder)
	d.folder.SetText(u.saveFolder())
	d.name.SetText(name)
	d.folder.Validator = func(string) error { return d.check("folder") }
	d.name.Validator = func(string) error { return d.check("name") }
	items := []*widget.FormItem{
		{Text: say(model.T("Folder")), Widget: d.folder, HintText: say(model.T("the folder button at its end chooses one"))},
		widget.NewFormItem(say(model.T("File name")), d.name),
	}
	d.dlg = dialog.NewForm(title, say(model.T("Save")), say(model.T("Cancel")), items, func(ok bool) {
		if !ok {
			return
		}
		path := d.path()
		u.lastSaveFolder = filepath.Dir(path)
		if _, err := os.Stat(path); err == nil && !mustBeNew {
			c := dialog.NewConfirm(say(model.T("Replace the file?")), say(model.T("%s already exists in %s. Replace it?", filepath.Base(path), filepath.Dir(path))), func(yes bool) {
				if yes {
					save(path)
				}
			}, u.win)
			c.SetConfirmText(say(model.T("Replace")))
			c.SetDismissText(say(model.T("Keep it")))
			u.showQuestion(c, true) // Enter keeps the file
			return
		}
		save(path)
	}, u.win)
	// Enter in the name is the form's Enter (showForm), which checks every field first: an
	// empty name was sent as the folder itself ("Documents already exists… Replace it?").
	d.dlg.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width*0.9, 640), 0))
	u.showForm(d.dlg)
	u.win.Canvas().Focus(d.name)
	return d
}

// path is the file the dialog names now, with the extension added when it was left out.
func (d *saveDialog) path() string {
	name := strings.TrimSpace(d.name.Text)
	if d.ext != "" && name != "" && !strings.EqualFold(filepath.Ext(name), d.ext) {
		name += d.ext
	}
	return filepath.Join(strings.TrimSpace(d.folder.Text), name)
}

// check is the problem with the path as it stands, reported on the field it concerns.
func (d *saveDialog) check(field string) error {
	folder, name := strings.TrimSpace(d.folder.Text), strings.TrimSpace(d.name.Text)
	switch {
	case folder == "":
		return onField(field, "folder", errors.New(say(model.T("choose a folder"))))
	case name == "":
		return onField(field, "name", errors.New(say(model.T("type a file name"))))
	case strings.ContainsAny(name, `/\`):
		return onField(field, "name", errors.New(say(model.T("a file name, without a folder"))))
	}
	if fi, err := os.Stat(folder); err != nil || !fi.IsDir() {
		return onField(field, "folder", errors.New(say(model.T("this folder does not exist"))))
	}
	if err := d.u.outGuard().Check(d.path()); err != nil {
		return onField(field, "name", errors.New(sayError(err)))
	}
	if _, err := os.Lstat(d.path()); d.isNew && !errors.Is(err, fs.ErrNotExist) {
		return onField(field, "name", errors.New(say(model.T("this file already exists; choose a new name"))))
	}
	return nil
}

// onField returns err for the field it concerns and nil for the other one, so that each
// problem shows once, under its own field.
func onField(field, concerns string, err error) error {
	if field == concerns {
		return err
	}
	return nil
}

// chooseFolder lets the dealer pick the folder with Fyne's folder chooser, which writes nothing.
func (d *saveDialog) chooseFolder() {
	fd := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		d.folder.SetText(dir.Path())
		d.name.Validate()
	}, d.u.win)
	if l, err := storage.ListerForURI(storage.NewFileURI(strings.TrimSpace(d.folder.Text))); err == nil {
		fd.SetLocation(l)
	}
	d.u.showFileDialog(fd)
}

// saveFolder is where a save dialog starts: the folder of the last file saved, else the
// Documents folder, else the home folder.
func (u *MainUI) saveFolder() string {
	if u.lastSaveFolder != "" {
		return u.lastSaveFolder
	}
	return documentsFolder()
}
