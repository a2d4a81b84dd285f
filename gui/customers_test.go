package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"returndesk/model"
)

// openCustomers shows the Customers screen of a fresh window on the fixture.
func openCustomers(t *testing.T) (*harness, *customersScreen, *fixture) {
	t.Helper()
	h, f := openScreen(t, "Customers")
	return h, h.u.customers, f
}

func customerNames(s *customersScreen) string {
	return joined(s.rows, func(c model.Customer) string { return c.Name })
}

func TestCustomersSearchChineseAndPhone(t *testing.T) {
	h, s, _ := openCustomers(t)
	if got := customerNames(s); got != "Acme Trading,张伟,李娜" {
		t.Fatalf("customers = %s", got)
	}
	if s.count.Text != "3 customers" {
		t.Errorf("count = %q", s.count.Text)
	}

	test.Type(s.search, "张")
	h.settle()
	if got := customerNames(s); got != "张伟" {
		t.Fatalf("search 张: %s", got)
	}
	s.search.SetText("1390013")
	h.settle()
	if got := customerNames(s); got != "李娜" {
		t.Errorf("search by phone: %s", got)
	}
	s.search.SetText("nobody")
	h.settle()
	if len(s.rows) != 0 || s.count.Text != "No customer matches “nobody”" {
		t.Errorf("no match: %d rows, %q", len(s.rows), s.count.Text)
	}
	if !canvasHasText(h.w.Canvas(), "No customer matches “nobody”") {
		t.Errorf("the no-match text is not drawn")
	}
}

func TestCustomerShowsCasesAndOpensOne(t *testing.T) {
	h, s, f := openCustomers(t)
	var opened model.CaseID
	h.u.openCase = func(id model.CaseID) { opened = id }

	test.Type(s.search, "张伟")
	h.settle()
	s.list.Select(0)
	h.settle()
	if s.form.name.Text != "张伟" || s.form.phone.Text != "13800138000" || s.form.region.Text != "上海" {
		t.Errorf("form = %q %q %q", s.form.name.Text, s.form.phone.Text, s.form.region.Text)
	}
	if s.form.save.Text != "Save changes" {
		t.Errorf("save button = %q", s.form.save.Text)
	}
	if n := len(s.cases.rows); n != 2 {
		t.Fatalf("张伟 has %d cases on screen, want 2", n)
	}
	if got := s.cases.rows[0].CaseNo; got != f.zhang {
		t.Errorf("newest case = %s, want %s", got, f.zhang)
	}
	if s.caseInf.Text != "(2)" {
		t.Errorf("case count = %q", s.caseInf.Text)
	}
	s.cases.open(0) // a tap on the row, or Enter on it
	if opened != s.cases.rows[0].ID {
		t.Errorf("opened case %d, want %d", opened, s.cases.rows[0].ID)
	}

	// A customer with many cases shows the newest page.
	s.search.SetText("Acme")
	h.settle()
	s.list.Select(0)
	h.settle()
	if n := len(s.cases.rows); n != casesPageSize || !strings.Contains(s.caseInf.Text, "of 102") {
		t.Errorf("Acme: %d rows, %q", n, s.caseInf.Text)
	}
}

func TestAddCustomerShowsMessagesNextToFields(t *testing.T) {
	h, s, f := openCustomers(t)
	ctx := context.Background()

	test.Tap(s.form.save) // an empty form
	if l := s.form.errs["name"]; !l.Visible() || l.Text != "Required" {
		t.Errorf("name message = %q (visible %v)", l.Text, l.Visible())
	}
	test.Type(s.form.name, "王芳")
	test.Type(s.form.phone, "13912345678")
	test.Type(s.form.email, "wangfang.example.cn")
	test.Tap(s.form.save)
	h.settle()
	if l := s.form.errs["email"]; !l.Visible() || l.Text != "Is not an e-mail address" {
		t.Errorf("email message = %q (visible %v)", l.Text, l.Visible())
	}
	if l := s.form.errs["name"]; l.Visible() {
		t.Errorf("name message still shown: %q", l.Text)
	}
	if !canvasHasText(h.w.Canvas(), "Is not an e-mail address") {
		t.Errorf("the e-mail message is not drawn")
	}
	if got, _ := f.store.FindCustomers(ctx, "王芳", 10); len(got) != 0 {
		t.Fatalf("a customer was stored from an invalid form: %+v", got)
	}

	s.form.email.SetText("wangfang@example.cn")
	s.form.kind.SetSelected("Dealer")
	s.form.regular.SetChecked(true)
	test.Tap(s.form.save)
	h.settle()
	if s.form.errs["email"].Visible() {
		t.Errorf("email message still shown")
	}
	got, _ := f.store.FindCustomers(ctx, "王芳", 10)
	if len(got) != 1 || got[0].Email != "wangfang@example.cn" || got[0].Kind != model.KindDealer || !got[0].Regular {
		t.Fatalf("stored = %+v", got)
	}
	if !s.form.savedNote.Visible() || s.form.title.Text != "王芳" || s.selected != got[0].ID {
		t.Errorf("after saving: note %v, title %q, selected %d", s.form.savedNote.Visible(), s.form.title.Text, s.selected)
	}
	if !strings.Contains(customerNames(s), "王芳") {
		t.Errorf("the list does not show the new customer: %s", customerNames(s))
	}

	// Editing: change 李娜's phone.
	s.search.SetText("李娜")
	h.settle()
	s.list.Select(0)
	h.settle()
	s.form.phone.SetText("13900139999")
	test.Tap(s.form.save)
	h.settle()
	li, _ := f.store.FindCustomers(ctx, "李娜", 10)
	if len(li) != 1 || li[0].Phone != "13900139999" {
		t.Errorf("edited = %+v", li)
	}

	// New customer clears the form.
	test.Tap(s.form.save) // nothing changed: saving again is harmless
	h.settle()
	test.Tap(s.add)
	if s.form.name.Text != "" || s.form.title.Text != "New customer" || len(s.cases.rows) != 0 {
		t.Errorf("new customer form: %q %q %d", s.form.name.Text, s.form.title.Text, len(s.cases.rows))
	}
}

// A search that fills the Customers list says so under it, and that line fits beside the
// form on the smallest screen (it wraps: unwrapped, it pushed the form out of the window).
func TestCustomersFullPageFitsASmallWindow(t *testing.T) {
	store := demoStore(t)
	for i := range customerListLimit + 1 {
		if err := store.CreateCustomer(context.Background(), &model.Customer{Name: fmt.Sprintf("Full Page %03d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	h := newTestUI(t, store)
	h.u.Show("Customers")
	h.settle()
	shrink(h)
	s := h.u.customers
	s.search.SetText("full page")
	h.settle()
	if len(s.rows) != customerListLimit || s.rows[0].Name != fmt.Sprintf("Full Page %03d", customerListLimit) ||
		s.count.Text != fmt.Sprintf("The %d newest customers that match; type more to narrow down", customerListLimit) {
		t.Errorf("%d rows from %q, count %q", len(s.rows), s.rows[0].Name, s.count.Text)
	}
	checkLayout(t, "Customers with a full page", h.w)
}
