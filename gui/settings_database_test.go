package gui

import (
	neturl "net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"returndesk/dbchoice"
	"returndesk/internal/pgtest"
)

// Settings points this computer at a database server: an address that is not one is said so,
// a tested server says what it holds and can then be used from the next start, and going
// back to the file clears the choice.
func TestSettingsChoosesADatabaseServer(t *testing.T) {
	url := pgtest.Start(t).Database(t)
	f := newFixture(t)
	h := newTestUI(t, f.store)
	h.u.info.ChoiceDir = t.TempDir()
	h.u.settings = newSettingsScreen(h.u) // with the folder of the choice
	c := newDatabaseCard(h.u)

	c.url.SetText("shop.example:5432")
	test.Tap(c.test)
	h.settle()
	if c.msg.Importance != widget.DangerImportance || !strings.Contains(c.msg.Text, "postgres://") || !c.use.Disabled() {
		t.Errorf("not an address: %q, use enabled %v", c.msg.Text, !c.use.Disabled())
	}

	c.url.SetText(url)
	test.Tap(c.test)
	h.settle()
	if c.msg.Importance != widget.SuccessImportance || !strings.Contains(c.msg.Text, "is empty") || c.use.Disabled() {
		t.Fatalf("a server: %q (%v), use enabled %v", c.msg.Text, c.msg.Importance, !c.use.Disabled())
	}
	test.Tap(c.use)
	if got := dbchoice.Read(h.u.info.ChoiceDir); got != url {
		t.Errorf("chosen %q, want %q", got, url)
	}
	if u, err := neturl.Parse(url); err != nil {
		t.Fatal(err)
	} else if pw, _ := u.User.Password(); pw == "" || strings.Contains(c.msg.Text, pw) || !strings.Contains(c.msg.Text, "from its next start") {
		t.Errorf("the message %q (it must not show the password)", c.msg.Text)
	}

	// The password is not shown: typed in the address, the test moves it to its own field,
	// shown as dots; at the next start the address comes back without it.
	pw := ""
	if u, err := neturl.Parse(url); err == nil {
		pw, _ = u.User.Password()
	}
	if strings.Contains(c.url.Text, pw) || c.password.Text != pw || !c.password.Password {
		t.Errorf("after the test the address field reads %q (the password in its own field: %v)", c.url.Text, c.password.Text == pw)
	}
	again := newDatabaseCard(h.u)
	if strings.Contains(again.url.Text, pw) || again.password.Text != pw || again.address() != url {
		t.Errorf("at the next start the address field reads %q, the address %q", again.url.Text, again.address())
	}

	c.url.SetText(url + "x")
	if !c.use.Disabled() {
		t.Error("a changed address can be used untested")
	}
	test.Tap(c.useFile)
	if got := dbchoice.Read(h.u.info.ChoiceDir); got != "" || !strings.Contains(c.msg.Text, "database file") {
		t.Errorf("after going back to the file: chosen %q, %q", got, c.msg.Text)
	}
}
