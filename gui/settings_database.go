package gui

import (
	"context"
	neturl "net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/dbchoice"
	"returndesk/model"
	"returndesk/model/postgres"
)

// databaseCard points this computer at a database server: its address, a connection test,
// and the choice kept for the next start (dbchoice), which --db and RETURNDESK_DB still win
// over. Nil when the window was not given the folder of that choice.
type databaseCard struct {
	u        *MainUI
	url      *widget.Entry // the address without its password, which is shown as dots in password
	password *widget.Entry
	test     *button
	use      *button
	useFile  *button
	msg      *widget.Label
	view     fyne.CanvasObject
	tested   string // the address the last successful test was of
}

func newDatabaseCard(u *MainUI) *databaseCard {
	if u.info.ChoiceDir == "" {
		return nil
	}
	c := &databaseCard{u: u}
	c.url = widget.NewEntry()
	c.url.SetPlaceHolder("postgres://counter@192.168.1.10:5432/shop")
	c.password = widget.NewPasswordEntry()
	if chosen := dbchoice.Read(u.info.ChoiceDir); postgres.IsURL(chosen) {
		c.split(chosen)
	}
	c.url.OnChanged = func(string) { c.use.Disable() } // a new address is tested again first
	c.password.OnChanged = c.url.OnChanged
	c.msg = widget.NewLabel("")
	c.msg.Wrapping = fyne.TextWrapWord
	c.test = newIconButton(say(model.T("Test connection")), theme.SearchIcon(), c.runTest)
	c.use = newIconButton(say(model.T("Use from the next start")), theme.ConfirmIcon(), c.choose)
	c.use.Disable()
	c.useFile = newIconButton(say(model.T("Use the database file on this computer")), theme.ComputerIcon(), c.chooseFile)
	note := widget.NewLabel(say(model.T("Several counters share one PostgreSQL database: type its address, test it, and use it from the next start. --db and RETURNDESK_DB still win over this choice.")))
	note.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(say(model.T("Server address")), c.url),
		widget.NewFormItem(say(model.T("Password")), c.password))
	c.view = container.NewVBox(note, form, container.NewHBox(c.test, c.use, c.useFile), c.msg)
	return c
}

// split shows address in the fields: its password (in the address as typed or stored) in
// the password field, as dots, and the rest in the address field (the password stood in
// plain sight in Settings).
func (c *databaseCard) split(address string) {
	u, err := neturl.Parse(strings.TrimSpace(address))
	if err != nil || u.User == nil {
		c.url.SetText(address)
		return
	}
	if pw, ok := u.User.Password(); ok {
		c.password.SetText(pw)
		u.User = neturl.User(u.User.Username())
	}
	c.url.SetText(u.String())
}

// address is the server's address as the fields give it, the password in it.
func (c *databaseCard) address() string {
	address := strings.TrimSpace(c.url.Text)
	u, err := neturl.Parse(address)
	if err != nil || c.password.Text == "" || !postgres.IsURL(address) {
		return address
	}
	name := ""
	if u.User != nil {
		name = u.User.Username()
	}
	u.User = neturl.UserPassword(name, c.password.Text)
	return u.String()
}

// runTest connects to the address without changing anything there and says what it found.
func (c *databaseCard) runTest() {
	if postgres.IsURL(strings.TrimSpace(c.url.Text)) {
		c.split(c.address()) // a password typed in the address goes to its field
	}
	url := c.address()
	if !postgres.IsURL(url) {
		c.show(say(model.T("Type the server's address, beginning with postgres://")), widget.DangerImportance)
		return
	}
	c.test.Disable()
	c.show(say(model.T("Connecting…")), widget.MediumImportance)
	c.u.background(func(ctx context.Context) func() {
		found, err := postgres.Probe(ctx, url)
		return func() {
			c.test.Enable()
			if err != nil {
				c.tested = ""
				c.show(sayError(err), widget.DangerImportance)
				return
			}
			c.tested = url
			c.use.Enable()
			c.show(say(found), widget.SuccessImportance)
		}
	})
}

// choose keeps the tested address for the next start.
func (c *databaseCard) choose() {
	if c.tested == "" || c.tested != c.address() {
		return
	}
	if err := dbchoice.Save(c.u.info.ChoiceDir, c.tested); err != nil {
		c.show(sayFailed(say(model.T("Not saved")), err), widget.DangerImportance)
		return
	}
	c.show(say(model.T("This computer opens %s from its next start.", postgres.Redacted(c.tested))), widget.SuccessImportance)
}

// chooseFile goes back to the database file in the data folder.
func (c *databaseCard) chooseFile() {
	if err := dbchoice.Clear(c.u.info.ChoiceDir); err != nil {
		c.show(sayFailed(say(model.T("Not saved")), err), widget.DangerImportance)
		return
	}
	c.show(say(model.T("This computer opens its database file from its next start.")), widget.SuccessImportance)
}

func (c *databaseCard) show(text string, importance widget.Importance) {
	c.msg.Importance = importance
	c.msg.SetText(text)
}
