package gui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
)

// backupCard is the part of Settings about backups: where the daily ones go, the newest
// one, and buttons to back up now and to restore a backup.
type backupCard struct {
	u   *MainUI
	svc model.BackupService

	view      fyne.CanvasObject
	form      *widget.Form
	note      *widget.Label // how the daily backups work, for a file or a server database
	dir       *widget.Label
	last      *widget.Label
	backupNow *button
	restore   *button
	msg       *widget.Label // how the last action went, or why today's automatic backup failed

	confirm *dialog.ConfirmDialog // the question before a restore, once asked
	// The stronger question before a restore onto a server, which replaces the data of
	// every counter: it goes ahead only once the database's name is typed.
	confirmServer *dialog.FormDialog
	serverName    *keyEntry
	done          *dialog.CustomDialog // the word that a restore is done, once shown
	quit          func()               // closes the window after a restore
}

// newBackupCard builds the card; nil when the store cannot make backups.
func newBackupCard(u *MainUI) *backupCard {
	svc, ok := u.store.(model.BackupService)
	if !ok {
		return nil
	}
	b := &backupCard{u: u, svc: svc, quit: u.win.Close}
	b.dir = selectableLabel("")
	b.last = widget.NewLabel("")
	b.last.Wrapping = fyne.TextWrapWord // a backup on another computer is named with its folder
	b.msg = widget.NewLabel("")
	b.msg.Wrapping = fyne.TextWrapWord
	b.backupNow = newIconButton(say(model.T("Back up now…")), theme.DocumentSaveIcon(), b.pickBackupFile)
	b.restore = newIconButton(say(model.T("Restore from backup…")), theme.HistoryIcon(), b.pickRestoreFile)
	u.writes(b.restore)
	b.note = widget.NewLabel(say(model.T("Each day ReturnDesk starts, it backs up the database with the case photos into one %s file in this folder and keeps the newest 14. Keep a copy on another disk too: use Back up now and save it on a USB stick or a network drive.", model.BackupExt)))
	b.note.Wrapping = fyne.TextWrapWord
	b.form = widget.NewForm(
		widget.NewFormItem(say(model.T("Daily backups")), b.dir),
		widget.NewFormItem(say(model.T("Last daily backup")), b.last),
	)
	b.view = container.NewVBox(b.form, b.note, container.NewHBox(b.backupNow, b.restore), b.msg)
	return b
}

// showServer words the card for a database on a server, whose daily backup the counter
// that starts first each day writes into a folder on its own computer.
func (b *backupCard) showServer(server string) {
	b.form.Items[0].Text = say(model.T("Daily backups on this computer"))
	b.form.Refresh()
	b.note.SetText(say(model.T("The database is on the server %s. Each day, the first counter to start ReturnDesk backs it up with the case photos into one %s file in a folder on its own computer and keeps the newest 14 there; this computer's folder is above. Keep a copy on another disk too: use Back up now and save it on a USB stick or a network drive. On the server itself, have pg_dump back up the database every night.", server, model.BackupExt)))
}

// lastText says which backup is the newest and when it was written; on a server, also on
// which computer.
func lastText(st model.BackupStatus) string {
	if st.LastFile == "" {
		return say(model.T("None yet"))
	}
	when := st.LastAt.Format("2006-01-02 15:04")
	switch {
	case st.Server == "":
		return when + " — " + filepath.Base(st.LastFile)
	case st.LastComputer == st.Computer:
		return say(model.T("%s — %s, on this computer", when, filepath.Base(st.LastFile)))
	}
	// Another computer's path, maybe of another system: shown whole.
	return say(model.T("%s — %s, on the computer %s", when, st.LastFile, st.LastComputer))
}

// load shows the backup folder, the newest backup and how today's automatic one went.
func (b *backupCard) load() {
	b.u.background(func(ctx context.Context) func() {
		st, err := b.svc.BackupStatus(ctx)
		return func() {
			b.dir.SetText(st.Dir)
			if st.Server != "" {
				b.showServer(st.Server)
			}
			last := lastText(st)
			if err != nil {
				last = sayFailed(say(model.T("Could not list the backups")), err)
			}
			if st.Running {
				last = say(model.T("%s (today's backup is being written)", last))
			}
			b.last.SetText(last)
			if st.Failed.Key != "" {
				b.show(say(model.T("Today's automatic backup failed: %s", st.Failed)), widget.DangerImportance)
			}
		}
	})
}

func (b *backupCard) show(msg string, imp widget.Importance) {
	b.msg.Importance = imp
	b.msg.SetText(msg)
}

// pickBackupFile asks where to save a backup.
func (b *backupCard) pickBackupFile() {
	b.u.askSavePath(say(model.T("Back up to a file")), "returndesk-"+b.u.today().String()+model.BackupExt, model.BackupExt,
		true, b.backupTo)
}

// backupTo writes a backup to path, a new file.
func (b *backupCard) backupTo(path string) {
	b.backupNow.Disable()
	b.show(say(model.T("Backing up…")), widget.MediumImportance)
	b.u.background(func(ctx context.Context) func() {
		info, err := b.svc.Backup(ctx, path)
		return func() {
			b.backupNow.Enable()
			if err != nil {
				b.show(sayFailed(say(model.T("Not backed up")), err), widget.DangerImportance)
				return
			}
			msg := say(model.T("Backed up %s, %s and %s to %s (%s).", say(model.Count(info.Cases, "%d case", "%d cases")),
				say(model.Count(info.Claims, "%d claim", "%d claims")), say(model.Count(info.Photos, "%d photo", "%d photos")), info.File, info.SizeText()))
			if info.Cases == 0 && info.Claims == 0 && info.Photos == 0 { // "0 cases, 0 claims" read as if nothing were saved
				msg = say(model.T("Backed up the shop's details, manufacturers, policies, products and sales records to %s (%s); no case yet.",
					info.File, info.SizeText()))
			}
			imp := widget.SuccessImportance
			if len(info.MissingPhotos) > 0 {
				msg += say(model.T(" Missing from the data folder, so not in the backup: %s", strings.Join(info.MissingPhotos, ", ")))
				imp = widget.WarningImportance
			}
			b.show(msg, imp)
			b.load()
		}
	})
}

// pickRestoreFile asks for the backup to restore.
func (b *backupCard) pickRestoreFile() {
	dlg := dialog.NewFileOpen(onChosen(func(err error) {
		b.show(sayError(model.Wrap(model.EINVALID, err, "Could not open the file")), widget.DangerImportance)
	}, b.restoreChosen), b.u.win)
	startInDocuments(dlg) // unless the backups folder exists
	dlg.SetFilter(storage.NewExtensionFileFilter([]string{model.BackupExt, ".db"}))
	if fi, err := os.Stat(b.dir.Text); err == nil && fi.IsDir() {
		if dir, err := storage.ListerForURI(storage.NewFileURI(b.dir.Text)); err == nil {
			dlg.SetLocation(dir) // the daily backups are the likeliest choice
		}
	}
	b.u.showFileDialog(dlg)
}

// restoreChosen checks the chosen backup and, when it is sound, asks before restoring it.
func (b *backupCard) restoreChosen(r fyne.URIReadCloser) {
	uri := r.URI()
	r.Close()
	if uri.Scheme() != "file" {
		b.show(say(model.T("Choose a file on this computer or a drive attached to it.")), widget.DangerImportance)
		return
	}
	b.restore.Disable()
	b.show(say(model.T("Checking %s…", uri.Path())), widget.MediumImportance)
	b.u.background(func(ctx context.Context) func() {
		info, err := b.svc.CheckBackup(ctx, uri.Path())
		// Whether the restore replaces a server's data decides the question; the status
		// names the server even when listing the backups fails.
		st, _ := b.svc.BackupStatus(ctx)
		return func() {
			b.restore.Enable()
			if err != nil {
				b.show(sayFailed(say(model.T("Cannot restore")), err), widget.DangerImportance)
				return
			}
			b.show("", widget.MediumImportance)
			if st.Server != "" {
				b.askRestoreServer(info, st)
				return
			}
			b.askRestore(info)
		}
	})
}

// askRestore says what a restore will do and asks to go ahead.
func (b *backupCard) askRestore(info *model.BackupInfo) {
	text := widget.NewLabel(say(model.T("%s is intact and holds %s, %s and %s.\n\n"+
		"ReturnDesk will first keep the current database as a backup in %s, then replace it with this backup "+
		"and put back its photos. Whatever was entered after this backup was made is then only in the kept copy.\n\n"+
		"ReturnDesk closes when the restore is done; start it again to work on the restored data.",
		info.File, say(model.Count(info.Cases, "%d case", "%d cases")), say(model.Count(info.Claims, "%d claim", "%d claims")), say(model.Count(info.Photos, "%d photo", "%d photos")), b.dir.Text)))
	text.Wrapping = fyne.TextWrapWord
	b.confirm = dialog.NewCustomConfirm(say(model.T("Restore from backup?")), say(model.T("Restore")), say(model.T("Cancel")), text, func(ok bool) {
		if ok {
			b.run(info.File)
		}
	}, b.u.win)
	b.confirm.Resize(fyne.NewSize(640, 320))
	b.u.showQuestion(b.confirm, true) // Enter keeps the data as it is
}

// askRestoreServer says that a restore onto a server replaces the data of every counter
// and goes ahead only once the database's name is typed.
func (b *backupCard) askRestoreServer(info *model.BackupInfo, st model.BackupStatus) {
	name := st.Server[strings.LastIndex(st.Server, "/")+1:]
	text := widget.NewLabel(say(model.T("%s is intact and holds %s, %s and %s.\n\n"+
		"Restoring it replaces the data on the server %s for EVERY counter, not only this one. Whatever any counter "+
		"entered after this backup was made is then only in the copy ReturnDesk first keeps in %s on this computer.\n\n"+
		"Ask the other counters to close ReturnDesk first. This window closes when the restore is done; start "+
		"ReturnDesk again to work on the restored data.\n\nTo go ahead, type the name of the database, %s.",
		info.File, say(model.Count(info.Cases, "%d case", "%d cases")), say(model.Count(info.Claims, "%d claim", "%d claims")),
		say(model.Count(info.Photos, "%d photo", "%d photos")), st.Server, st.Dir, name)))
	text.Wrapping = fyne.TextWrapWord
	b.serverName = b.u.newEntry()
	// Always: an entry with the focus otherwise keeps a wrong name's error to itself, and
	// the button stays enabled from the right name typed before.
	b.serverName.AlwaysShowValidationError = true
	b.serverName.Validator = func(s string) error {
		if strings.TrimSpace(s) != name {
			return errors.New(say(model.T("Type %s to go ahead", name)))
		}
		return nil
	}
	b.confirmServer = dialog.NewForm(say(model.T("Replace the data on the server for every counter?")),
		say(model.T("Replace the server's data")), say(model.T("Cancel")),
		[]*widget.FormItem{widget.NewFormItem("", text), widget.NewFormItem(say(model.T("Database name")), b.serverName)},
		func(ok bool) {
			if ok {
				b.run(info.File)
			}
		}, b.u.win)
	b.confirmServer.Resize(fyne.NewSize(680, 440))
	b.u.showDestructiveForm(b.confirmServer) // Enter keeps the data as it is
	b.u.win.Canvas().Focus(b.serverName)
}

// run restores the backup; afterwards the window closes, since every screen holds data
// read before the restore.
func (b *backupCard) run(path string) {
	b.restore.Disable()
	b.backupNow.Disable()
	b.show(say(model.T("Restoring…")), widget.MediumImportance)
	b.u.background(func(ctx context.Context) func() {
		rep, err := b.svc.Restore(ctx, path)
		return func() {
			if err != nil {
				b.restore.Enable()
				b.backupNow.Enable()
				b.show(sayFailed(say(model.T("Not restored")), err), widget.DangerImportance)
				return
			}
			b.show(say(model.T("Restored.")), widget.SuccessImportance)
			text := widget.NewLabel(say(model.T("Restored %s. The database it replaced is kept as %s.\n\n"+
				"ReturnDesk closes now; start it again to work on the restored data.", rep.Backup.File, rep.Kept)))
			text.Wrapping = fyne.TextWrapWord
			b.done = dialog.NewCustom(say(model.T("Restored")), say(model.T("Close ReturnDesk")), text, b.u.win)
			b.done.SetOnClosed(b.quit)
			b.done.Resize(fyne.NewSize(640, 240))
			b.u.showInfo(b.done)
		}
	})
}
