package gui

import (
	"context"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/export"
	"returndesk/model"
	"returndesk/model/postgres"
	"returndesk/printing"
)

// settingsScreen shows where the data is kept and which version is running, and edits the
// shop's header on printed documents and how they are printed.
type settingsScreen struct {
	*screen
	u *MainUI

	dbPath   *widget.Label
	dataDir  *widget.Label
	version  *widget.Label
	copyDB   *button
	copyDir  *button
	feedback *widget.Label // "Copied …" after a copy
	dataNote *widget.Label // what the database and the data folder hold

	*shopForm // the shop and printing fields, shared with the first-start guide

	backups *backupCard // nil when the store cannot make backups
}

// shopForm edits the shop's header on printed documents and how they are printed: the one
// form for these settings, on the Settings screen and in the first-start guide.
type shopForm struct {
	u    *MainUI
	form fyne.CanvasObject

	shopName, shopPhone              *widget.Entry
	shopAddress                      *keyEntry
	shopContact, shopEmail, currency *widget.Entry // the claim sheet's header
	pageSize                         *choice
	printer                          *widget.SelectEntry
	printers                         []string      // the queues CUPS listed when the settings were read
	logoText                         *widget.Label // "No logo", or nothing beside the logo shown
	logoImage                        *canvas.Image
	chooseLogo, removeLogo           *button
	saveShop                         *button
	shopMsg                          *widget.Label // saved, or what is wrong
	logo                             []byte        // the logo the store keeps; nil for none

	// onSaved runs after the fields were stored (nil: nothing more to do).
	onSaved func()
}

func newSettingsScreen(u *MainUI) *settingsScreen {
	s := &settingsScreen{u: u, shopForm: newShopForm(u, true)}
	s.dbPath = selectableLabel(u.info.DBPath)
	s.dataDir = selectableLabel(u.info.DataDir)
	version := u.info.Version
	if version == "" {
		version = "unknown"
	}
	s.version = widget.NewLabel(version)
	s.feedback = widget.NewLabel("")
	s.feedback.Importance = widget.SuccessImportance

	s.copyDB = newIconButton(say(model.T("Copy path")), theme.ContentCopyIcon(), func() {
		s.copy(u.info.DBPath, model.T("Database path copied to the clipboard."))
	})
	s.copyDir = newIconButton(say(model.T("Copy path")), theme.ContentCopyIcon(), func() {
		s.copy(u.info.DataDir, model.T("Data folder path copied to the clipboard."))
	})

	data := widget.NewForm(
		widget.NewFormItem(say(model.T("Database")), container.NewBorder(nil, nil, nil, s.copyDB, s.dbPath)),
		widget.NewFormItem(say(model.T("Data folder")), container.NewBorder(nil, nil, nil, s.copyDir, s.dataDir)),
	)
	about := widget.NewForm(
		widget.NewFormItem(say(model.T("Version")), s.version),
		widget.NewFormItem(say(model.T("Application ID")), widget.NewLabel(AppID)),
	)
	what := model.T("The database file holds every case, claim and policy, the case photos and the shop's logo. Another database can be opened with --db PATH or the RETURNDESK_DB environment variable.")
	if postgres.IsURL(u.info.DBPath) {
		what = model.T("The database on the server holds every case, claim and policy, the case photos and the shop's logo, for every counter; the data folder on this computer holds the printed slips and this computer's backups of the server. Another database can be opened with --db PATH or the RETURNDESK_DB environment variable.")
	}
	s.dataNote = widget.NewLabel(say(what))
	s.dataNote.Wrapping = fyne.TextWrapWord

	body := container.NewVBox(
		widget.NewCard(say(model.T("Shop and printing")), say(model.T("The header of maintenance order slips and return labels, and where they print.")), s.form),
		widget.NewCard(say(model.T("Data location")), "", container.NewVBox(data, s.dataNote, s.feedback)),
	)
	s.backups = newBackupCard(u)
	if s.backups != nil {
		body.Add(widget.NewCard(say(model.T("Backups")), "", s.backups.view))
	}
	if db := newDatabaseCard(u); db != nil {
		body.Add(widget.NewCard(say(model.T("Database server")), "", db.view))
	}
	body.Add(widget.NewCard(say(model.T("Language")), "", languageChoice(fyne.CurrentApp().Preferences())))
	body.Add(widget.NewCard(say(model.T("About ReturnDesk")), "", about))
	s.screen = newScreen(model.T("Settings"), theme.SettingsIcon(), container.NewVScroll(body), u.setupButton())
	if s.backups != nil {
		// Each visit shows the newest backup: the automatic one may finish after the window opens.
		s.screen.onShow = s.backups.load
	}
	s.loadShop()
	return s
}

// newShopForm builds the shop and printing fields; loadShop fills them. Without printing,
// the page size and printer are left off the form (their settings are kept as they are).
func newShopForm(u *MainUI, printing bool) *shopForm {
	s := &shopForm{u: u}
	s.shopName = widget.NewEntry()
	s.shopName.SetPlaceHolder(say(model.T("The shop's name, as customers know it")))
	s.shopAddress = u.newTextArea()
	s.shopPhone = widget.NewEntry()
	s.shopContact = widget.NewEntry()
	s.shopContact.SetPlaceHolder(say(model.T("The person manufacturers deal with, on claim sheets")))
	s.shopEmail = widget.NewEntry()
	s.currency = widget.NewEntry()
	s.currency.SetPlaceHolder(say(model.T("e.g. CNY or HKD, shown on claim sheets")))
	var sizes []string
	for _, p := range export.PageSizes {
		sizes = append(sizes, say(p.Label()))
	}
	s.pageSize = newChoice(sizes, nil)
	s.pageSize.SetSelected(say(export.PageA4.Label()))
	// The printers CUPS knows are offered once the settings are read; any queue name may be typed.
	s.printer = widget.NewSelectEntry(nil)
	s.printer.SetPlaceHolder(say(model.T("Empty: open each PDF in the system's viewer")))
	s.logoText = widget.NewLabel(say(model.T("No logo")))
	s.logoImage = canvas.NewImageFromResource(nil)
	s.logoImage.FillMode = canvas.ImageFillContain
	s.logoImage.SetMinSize(fyne.NewSize(120, 48))
	s.logoImage.Hide()
	s.chooseLogo = newIconButton(say(model.T("Choose logo…")), theme.FileImageIcon(), s.pickLogo)
	s.removeLogo = newIconButton(say(model.T("Remove")), theme.DeleteIcon(), s.clearLogo)
	s.removeLogo.Disable()
	s.saveShop = newIconButton(say(model.T("Save")), theme.DocumentSaveIcon(), s.save)
	s.saveShop.Importance = widget.HighImportance
	s.u.writes(s.chooseLogo, s.removeLogo, s.saveShop)
	s.shopMsg = widget.NewLabel("")
	s.shopMsg.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(say(model.T("Shop name")), s.shopName),
		widget.NewFormItem(say(model.T("Address")), s.shopAddress),
		widget.NewFormItem(say(model.T("Phone")), s.shopPhone),
		widget.NewFormItem(say(model.T("Contact")), s.shopContact),
		widget.NewFormItem(say(model.T("E-mail")), s.shopEmail),
		widget.NewFormItem(say(model.T("Currency")), s.currency),
		widget.NewFormItem(say(model.T("Logo")), container.NewHBox(s.logoImage, container.NewCenter(s.logoText), s.chooseLogo, s.removeLogo)),
	)
	if printing {
		form.Append(say(model.T("Slip page size")), s.pageSize)
		form.Append(say(model.T("Printer (CUPS)")), s.printer)
	}
	s.form = container.NewVBox(form, container.NewBorder(nil, nil, s.saveShop, nil, s.shopMsg))
	return s
}

// printSettings are the settings the printing form edits.
var printSettings = []string{export.SettingShopName, export.SettingShopAddress, export.SettingShopPhone,
	export.SettingShopContact, export.SettingShopEmail, export.SettingCurrency,
	export.SettingPageSize, export.SettingPrinter}

// loadShop reads the printing settings and shows them.
func (s *shopForm) loadShop() {
	s.u.background(func(ctx context.Context) func() {
		values := map[string]string{}
		var err error
		for _, k := range printSettings {
			if values[k], err = s.u.store.Setting(ctx, k); err != nil {
				break
			}
		}
		var logo []byte
		if err == nil {
			logo, err = s.u.store.Logo(ctx)
		}
		printers, _, _ := printing.Printers(ctx) // none listed where CUPS is not installed or not running
		return func() {
			s.printers = printers
			s.printer.SetOptions(printers)
			if err != nil {
				s.showShopMsg(sayFailed(say(model.T("Could not read the settings")), err), widget.DangerImportance)
				return
			}
			s.shopName.SetText(values[export.SettingShopName])
			s.shopAddress.SetText(values[export.SettingShopAddress])
			s.shopPhone.SetText(values[export.SettingShopPhone])
			s.shopContact.SetText(values[export.SettingShopContact])
			s.shopEmail.SetText(values[export.SettingShopEmail])
			s.currency.SetText(values[export.SettingCurrency])
			s.printer.SetText(values[export.SettingPrinter])
			page, err := export.ParsePageSize(values[export.SettingPageSize])
			if err != nil {
				page = export.PageA4
			}
			s.pageSize.SetSelected(say(page.Label()))
			s.showLogo(logo)
		}
	})
}

// showShopMsg says how saving went.
func (s *shopForm) showShopMsg(msg string, imp widget.Importance) {
	s.shopMsg.Importance = imp
	s.shopMsg.SetText(msg)
}

// showLogo shows the logo, or that there is none.
func (s *shopForm) showLogo(logo []byte) {
	s.logo = logo
	if len(logo) == 0 {
		s.logoText.SetText(say(model.T("No logo")))
		s.logoImage.Hide()
		s.removeLogo.Disable()
		return
	}
	s.logoText.SetText("")
	s.logoImage.File = ""
	s.logoImage.Resource = fyne.NewStaticResource("shop-logo.png", logo)
	s.logoImage.Show()
	s.logoImage.Refresh()
	s.removeLogo.Enable()
}

// pickLogo lets the dealer choose a PNG or JPEG picture.
func (s *shopForm) pickLogo() {
	dlg := dialog.NewFileOpen(onChosen(func(err error) {
		s.showShopMsg(sayError(model.Wrap(model.EINVALID, err, "Could not open the file")), widget.DangerImportance)
	}, s.logoChosen), s.u.win)
	startInDocuments(dlg)
	dlg.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
	s.u.showFileDialog(dlg)
}

// logoChosen stores the chosen picture, made ready for print, as the shop's logo.
func (s *shopForm) logoChosen(r fyne.URIReadCloser) {
	s.chooseLogo.Disable()
	s.u.background(func(ctx context.Context) func() {
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, model.MaxLogoBytes+1))
		var logo []byte
		if err == nil {
			logo, err = export.PrepareLogo(data)
		}
		if err == nil {
			err = s.u.store.SetLogo(ctx, logo)
		}
		return func() {
			s.chooseLogo.Enable()
			if err != nil {
				s.showShopMsg(say(model.T("Could not use %s as the logo: %s", r.URI().Name(), model.ErrorText(err))), widget.DangerImportance)
				return
			}
			s.showLogo(logo)
			s.showShopMsg(say(model.T("Logo saved.")), widget.SuccessImportance)
		}
	})
}

// clearLogo prints the documents without a logo from now on.
func (s *shopForm) clearLogo() {
	s.u.background(func(ctx context.Context) func() {
		err := s.u.store.SetLogo(ctx, nil)
		return func() {
			if err != nil {
				s.showShopMsg(sayFailed(say(model.T("Could not remove the logo")), err), widget.DangerImportance)
				return
			}
			s.showLogo(nil)
			s.showShopMsg(say(model.T("Logo removed.")), widget.SuccessImportance)
		}
	})
}

// shopProblem says what is wrong with the printing fields; "" when nothing is.
func (s *shopForm) shopProblem() string {
	for _, f := range []struct {
		name  model.Text
		value string
		max   int
	}{{model.T("The shop name"), s.shopName.Text, model.MaxNameLen}, {model.T("The address"), s.shopAddress.Text, model.MaxTextLen},
		{model.T("The phone number"), s.shopPhone.Text, model.MaxCodeLen}, {model.T("The contact"), s.shopContact.Text, model.MaxNameLen},
		{model.T("The e-mail"), s.shopEmail.Text, model.MaxNameLen}, {model.T("The currency"), s.currency.Text, model.MaxCodeLen},
		{model.T("The printer name"), s.printer.Text, model.MaxCodeLen}} {
		if n := utf8.RuneCountInString(strings.TrimSpace(f.value)); n > f.max {
			return say(model.T("%s is too long (%d characters, at most %d).", say(f.name), n, f.max))
		}
	}
	if e := strings.TrimSpace(s.shopEmail.Text); e != "" && !strings.Contains(e, "@") {
		return say(model.T("The e-mail address needs an @, e.g. service@shop.example."))
	}
	p := strings.TrimSpace(s.printer.Text)
	if strings.HasPrefix(p, "-") || strings.IndexFunc(p, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return say(model.T("The printer name is a CUPS queue name (the list offers them): no spaces, not starting with '-'."))
	}
	return ""
}

// save stores the printing fields.
func (s *shopForm) save() {
	if msg := s.shopProblem(); msg != "" {
		s.showShopMsg(msg, widget.DangerImportance)
		return
	}
	page := export.PageA4
	for _, p := range export.PageSizes {
		if say(p.Label()) == s.pageSize.Selected {
			page = p
		}
	}
	values := map[string]string{
		export.SettingShopName:    strings.TrimSpace(s.shopName.Text),
		export.SettingShopAddress: strings.TrimSpace(s.shopAddress.Text),
		export.SettingShopPhone:   strings.TrimSpace(s.shopPhone.Text),
		export.SettingShopContact: strings.TrimSpace(s.shopContact.Text),
		export.SettingShopEmail:   strings.TrimSpace(s.shopEmail.Text),
		export.SettingCurrency:    strings.ToUpper(strings.TrimSpace(s.currency.Text)),
		export.SettingPageSize:    string(page),
		export.SettingPrinter:     strings.TrimSpace(s.printer.Text),
	}
	s.saveShop.Disable()
	s.u.background(func(ctx context.Context) func() {
		err := s.u.store.SetSettings(ctx, values)
		return func() {
			s.saveShop.Enable()
			if err != nil {
				s.showShopMsg(sayFailed(say(model.T("Not saved")), err), widget.DangerImportance)
				return
			}
			s.showShopMsg(say(model.T("Saved.")), widget.SuccessImportance)
			if s.onSaved != nil {
				s.onSaved()
			}
		}
	})
}

// copy puts text on the system clipboard and says so.
func (s *settingsScreen) copy(text string, done model.Text) {
	fyne.CurrentApp().Clipboard().SetContent(text)
	s.feedback.SetText(say(done))
}

func selectableLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Selectable = true
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}
