package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
)

// Recovery is what the recovery window offers when the database cannot be opened.
type Recovery struct {
	Problem    model.Text // what is wrong, in plain words
	Restorable bool       // restoring a backup over the file is the way out
	// Backups lists the newest sound backups; Restore restores one over the database;
	// Open opens the database once it is restored.
	Backups func(ctx context.Context) ([]model.BackupInfo, error)
	Restore func(ctx context.Context, path string) (*model.RestoreReport, error)
	Open    func() (model.Store, error)
}

// RunRecovery shows the recovery window instead of the main window: what is wrong, the
// newest good backups and a way to restore one (or any backup file), then the main window
// on the restored database. It returns the store it opened, nil if none, for the caller to
// close once the app has ended.
func RunRecovery(rec Recovery, info Info) model.Store {
	a := newApp()
	r := newRecoveryUI(a.NewWindow(say(model.T("ReturnDesk — the database cannot be opened"))), rec, info, fyne.Do)
	r.onOpen = func(store model.Store) {
		showMain(a, store, info)
		r.win.Close()
	}
	r.win.SetOnClosed(func() {
		if r.opened == nil {
			a.Quit()
		}
	})
	r.win.CenterOnScreen()
	r.win.Show()
	a.Run()
	return r.opened
}

// recoveryUI is the recovery window's state.
type recoveryUI struct {
	win     fyne.Window
	rec     Recovery
	info    Info
	do      func(func())
	list    *fyne.Container // the backups to choose from
	message *widget.Label   // what the last restore did, or why it failed
	other   *button         // Restore from another file…
	openBtn *button         // Open ReturnDesk, once restored
	onOpen  func(model.Store)
	opened  model.Store
}

func newRecoveryUI(w fyne.Window, rec Recovery, info Info, do func(func())) *recoveryUI {
	r := &recoveryUI{win: w, rec: rec, info: info, do: do, list: container.NewVBox()}
	title := widget.NewLabelWithStyle(say(model.T("ReturnDesk cannot open its database")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	problem := widget.NewLabel(say(rec.Problem))
	problem.Wrapping = fyne.TextWrapWord
	problem.Importance = widget.DangerImportance
	r.message = widget.NewLabel("")
	r.message.Wrapping = fyne.TextWrapWord
	r.other = newIconButton(say(model.T("Restore from another file…")), theme.FolderOpenIcon(), r.chooseFile)
	r.openBtn = newIconButton(say(model.T("Open ReturnDesk")), theme.ConfirmIcon(), r.open)
	r.openBtn.Importance = widget.HighImportance
	r.openBtn.Hide()
	quit := newIconButton(say(model.T("Quit")), theme.CancelIcon(), func() { w.Close() })
	where := widget.NewLabel(say(model.T("Database: %s", info.DBPath)))
	where.Wrapping = fyne.TextWrapBreak
	top := container.NewVBox(title, problem, where, widget.NewSeparator())
	if rec.Restorable {
		top.Add(widget.NewLabelWithStyle(say(model.T("Newest good backups")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		r.list.Add(widget.NewLabel(say(model.T("Looking for backups…"))))
		go r.loadBackups()
	} else {
		r.other.Hide()
	}
	buttons := container.NewHBox(r.other, r.openBtn, quit)
	w.SetContent(container.NewPadded(container.NewBorder(top, container.NewVBox(r.message, buttons), nil, nil,
		container.NewVScroll(r.list))))
	w.Resize(fyne.NewSize(760, 520))
	return r
}

// loadBackups fills the list with the newest good backups, each with its Restore button.
func (r *recoveryUI) loadBackups() {
	backups, err := r.rec.Backups(context.Background())
	r.do(func() {
		r.list.RemoveAll()
		if err != nil {
			r.list.Add(widget.NewLabel(sayFailed(say(model.T("The backups cannot be listed")), err)))
			return
		}
		if len(backups) == 0 {
			r.list.Add(widget.NewLabel(say(model.T("There is no good backup in the backups folder beside the database. Restore one from another place (a USB stick, another computer) with the button below."))))
			return
		}
		for _, b := range backups {
			what := say(model.T("%s — %s, %s, %s", b.Taken.Format("2006-01-02 15:04"), say(model.Count(b.Cases, "%d case", "%d cases")),
				say(model.Count(b.Claims, "%d claim", "%d claims")), b.SizeText()))
			r.list.Add(container.NewBorder(nil, nil, nil,
				newIconButton(say(model.T("Restore this one")), theme.HistoryIcon(), func() { r.confirm(b.File, what) }),
				widget.NewLabel(what)))
		}
	})
}

// chooseFile lets the dealer pick any backup file.
func (r *recoveryUI) chooseFile() {
	askOpenPath(r.win, []string{model.BackupExt, ".db"}, func(path string) { r.confirm(path, path) })
}

// confirm asks before restoring; keeping the damaged file is the safe default.
func (r *recoveryUI) confirm(path, what string) {
	d := dialog.NewConfirm(say(model.T("Restore this backup?")), say(model.T("Restore %s?\n\nThe unusable database file is kept aside in the backups folder, not deleted.", what)),
		func(ok bool) {
			if ok {
				r.restore(path)
			}
		}, r.win)
	d.SetConfirmText(say(model.T("Restore")))
	d.SetDismissText(say(model.T("Not now")))
	d.Show()
}

// restore restores path over the database in the background and says what it did.
func (r *recoveryUI) restore(path string) {
	r.message.Importance = widget.MediumImportance
	r.message.SetText(say(model.T("Checking and restoring %s…", path)))
	r.other.Disable()
	go func() {
		rep, err := r.rec.Restore(context.Background(), path)
		r.do(func() {
			r.other.Enable()
			if err != nil {
				r.message.Importance = widget.DangerImportance
				r.message.SetText(sayFailed(say(model.T("Not restored")), err))
				return
			}
			r.message.Importance = widget.SuccessImportance
			r.message.SetText(say(model.T("Restored %s: %s and %s are back. The unusable file is kept as %s.",
				rep.Backup.File, say(model.Count(rep.Backup.Cases, "%d case", "%d cases")), say(model.Count(rep.Backup.Claims, "%d claim", "%d claims")), rep.Kept)))
			r.list.Hide()
			r.other.Hide()
			r.openBtn.Show()
			r.win.Canvas().Focus(r.openBtn)
		})
	}()
}

// open opens the restored database and hands it to the main window.
func (r *recoveryUI) open() {
	store, err := r.rec.Open()
	if err != nil {
		r.message.Importance = widget.DangerImportance
		r.message.SetText(sayFailed(say(model.T("The restored database does not open")), err))
		return
	}
	r.opened = store
	if r.onOpen != nil {
		r.onOpen(store)
	}
}
