package gui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
)

// customerListLimit is how many customers one search shows.
const customerListLimit = 200

// customerKinds are the kinds a customer form offers, in order.
var customerKinds = []model.CustomerKind{model.KindTerminal, model.KindDealer, model.KindOEM}

// customerKind is the label of a kind (a walk-in customer's for an unknown kind).
func customerKind(k model.CustomerKind) string {
	if !k.Valid() {
		k = model.KindTerminal
	}
	return say(k.Label())
}

// customersScreen lists the customers with a search by name or phone, edits the selected
// one (or a new one) and shows their cases.
type customersScreen struct {
	*screen
	u *MainUI

	search  *keyEntry
	add     *button // New customer
	list    *widget.List
	count   *widget.Label // "12 customers" or why there are none
	errs    *errorBanner
	form    *customerForm
	cases   *caseTable
	caseInf *widget.Label // "3 cases" / "No cases yet"

	rows     []model.Customer
	selected model.CustomerID // the customer in the form (0: a new one)
	gen      int64            // bumped by every search; stale answers are dropped
	caseGen  int64            // the same for the case list
	debounce *time.Timer      // the search waiting for typing to pause
}

// newCustomersScreen builds the Customers screen and keeps it in u.customers.
func newCustomersScreen(u *MainUI) *customersScreen {
	s := &customersScreen{u: u}
	u.customers = s
	s.errs = newErrorBanner()

	s.search = u.newEntry()
	s.search.SetPlaceHolder(say(model.T("Search by name or phone")))
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(string) { s.searchSoon() }
	s.search.OnSubmitted = func(string) { s.load() }

	s.list = newTwoLineList("Customer name", "13800138000 · Walk-in customer", func() int { return len(s.rows) },
		func(id widget.ListItemID) (string, string) { return s.rows[id].Name, customerInfo(s.rows[id]) })
	s.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(s.rows) {
			s.open(s.rows[id])
		}
	}
	s.count = widget.NewLabel("")
	s.count.SizeName = theme.SizeNameCaptionText
	s.count.Wrapping = fyne.TextWrapWord // "type more to narrow down" is wider than the list at 1024 px

	s.add = newIconButton(say(model.T("New customer")), theme.ContentAddIcon(), s.newCustomer)
	u.writes(s.add)
	left := container.NewBorder(container.NewVBox(s.search, s.add), s.count, nil, nil, s.list)

	s.form = newCustomerForm(s)
	s.cases = newCaseTable(s.u.today, colCaseNo, colReported, colModel, colSerial, colTier, colStatus, colClaim)
	s.cases.onOpen = func(c model.CaseSummary) {
		if s.u.openCase != nil {
			s.u.openCase(c.ID)
		}
	}
	s.caseInf = widget.NewLabel("")
	casesHead := widget.NewLabelWithStyle(say(model.T("Cases")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	casesBox := container.NewBorder(container.NewVBox(widget.NewSeparator(), container.NewHBox(casesHead, s.caseInf)),
		nil, nil, nil, s.cases.view)
	right := container.NewVSplit(container.NewVScroll(s.form.view), casesBox)
	right.SetOffset(0.62)

	split := container.NewHSplit(left, right)
	split.SetOffset(0.3)
	body := container.NewBorder(s.errs.box, nil, nil, nil, split)
	s.screen = newScreen(model.T("Customers"), theme.AccountIcon(), body)
	s.screen.search = s.search
	s.onShow = s.load
	s.form.edit(model.Customer{Kind: model.KindTerminal})
	s.loadCases()
	return s
}

// customerInfo is the second line of a customer in the list: phone, kind, region.
func customerInfo(c model.Customer) string {
	parts := []string{}
	if c.Phone != "" {
		parts = append(parts, c.Phone)
	}
	kind := customerKind(c.Kind)
	if c.Regular {
		kind = say(model.T("%s, regular", kind))
	}
	parts = append(parts, kind)
	if c.Region != "" {
		parts = append(parts, c.Region)
	}
	return strings.Join(parts, " · ")
}

// searchSoon searches once typing has paused for searchDebounce.
func (s *customersScreen) searchSoon() {
	s.u.afterPause(&s.debounce, searchDebounce, s.load)
}

// load searches the customers for the text in the search box.
func (s *customersScreen) load() {
	q := strings.TrimSpace(s.search.Text)
	var rows []model.Customer
	s.u.latest(&s.gen, s.errs, say(model.T("Could not load the customers")), func(ctx context.Context) (err error) {
		rows, err = s.u.store.FindCustomers(ctx, q, customerListLimit)
		return err
	}, func() { s.show(q, rows) })
}

// show puts the search results in the list, keeping the customer in the form selected.
func (s *customersScreen) show(q string, rows []model.Customer) {
	s.rows = rows
	s.list.UnselectAll()
	s.list.Refresh()
	for i, c := range rows {
		if c.ID == s.selected && c.ID != 0 {
			s.list.Select(i) // the form keeps what is typed: open skips the customer on display
			break
		}
	}
	switch {
	case len(rows) == 0 && q != "":
		s.count.SetText(say(model.T("No customer matches “%s”", q)))
	case len(rows) == 0:
		s.count.SetText(say(model.T("No customers yet")))
	case len(rows) == customerListLimit && q != "":
		s.count.SetText(say(model.T("The %d newest customers that match; type more to narrow down", len(rows))))
	case len(rows) == customerListLimit:
		s.count.SetText(say(model.T("The first %d customers; type to narrow down", len(rows))))
	case len(rows) == 1:
		s.count.SetText(say(model.T("1 customer")))
	default:
		s.count.SetText(say(model.T("%d customers", len(rows))))
	}
}

// open shows a customer in the form, with their cases.
func (s *customersScreen) open(c model.Customer) {
	if c.ID == s.selected && c.ID != 0 {
		return
	}
	s.selected = c.ID
	s.form.edit(c)
	s.loadCases()
}

// newCustomer clears the form for a new customer.
func (s *customersScreen) newCustomer() {
	s.list.UnselectAll()
	s.selected = 0
	s.form.edit(model.Customer{Kind: model.KindTerminal})
	s.loadCases()
	s.u.win.Canvas().Focus(s.form.name)
}

// loadCases lists the cases of the customer in the form, newest first.
func (s *customersScreen) loadCases() {
	s.caseGen++
	gen := s.caseGen
	id := s.selected
	if id == 0 {
		s.cases.setRows(nil)
		s.caseInf.SetText(say(model.T("— a new customer has none yet")))
		return
	}
	s.caseInf.SetText(say(model.T("loading…")))
	s.u.background(func(ctx context.Context) func() {
		rows, total, err := s.u.store.FindCases(ctx, model.CaseFilter{CustomerID: id, Sort: "case_no",
			Descending: true, Limit: casesPageSize})
		return func() {
			if s.caseGen != gen {
				return
			}
			if err != nil {
				s.caseInf.SetText("")
				s.errs.set(say(model.T("Could not load the customer's cases")), err)
				return
			}
			s.cases.setRows(rows)
			switch {
			case total == 0:
				s.caseInf.SetText(say(model.T("— none yet")))
			case total > len(rows):
				s.caseInf.SetText(say(model.T("— the newest %d of %d; the Cases screen has them all", len(rows), total)))
			default:
				s.caseInf.SetText(fmt.Sprintf("(%d)", total))
			}
		}
	})
}

// saved is called when the form has stored c: the list is searched again with c in it.
func (s *customersScreen) saved(c model.Customer) {
	s.selected = c.ID
	s.load()
	s.loadCases()
}

// customerForm edits one customer, or a new one, with each field's problem next to it.
type customerForm struct {
	s    *customersScreen
	view fyne.CanvasObject

	title                      *widget.Label
	name, phone, email, region *widget.Entry
	addr                       *keyEntry
	kind                       *choice
	regular                    *check
	errs                       fieldErrors
	save                       *button
	savedNote                  *widget.Label

	original model.Customer // what the form was filled with
}

func newCustomerForm(s *customersScreen) *customerForm {
	f := &customerForm{s: s, errs: fieldErrors{}}
	f.title = newFormTitle()
	f.name = widget.NewEntry()
	f.name.SetPlaceHolder(say(model.T("e.g. 张伟 or Acme Trading Ltd")))
	f.phone = widget.NewEntry()
	f.email = widget.NewEntry()
	f.addr = s.u.newTextArea()
	f.region = widget.NewEntry()
	f.region.SetPlaceHolder(say(model.T("picks the nearest service centre, e.g. Guangdong")))
	var labels []string
	for _, k := range customerKinds {
		labels = append(labels, customerKind(k))
	}
	f.kind = newChoice(labels, nil)
	f.regular = newCheck(say(model.T("Regular customer (may get new units instead of a return)")), nil)

	grid := container.New(layout.NewFormLayout())
	f.errs.add(grid, say(model.T("Name")), "name", f.name)
	f.errs.add(grid, say(model.T("Phone")), "phone", f.phone)
	f.errs.add(grid, say(model.T("E-mail")), "email", f.email)
	f.errs.add(grid, say(model.T("Address")), "address", f.addr)
	f.errs.add(grid, say(model.T("Region")), "region", f.region)
	f.errs.add(grid, say(model.T("Kind")), "kind", f.kind)
	f.errs.add(grid, "", "regular", f.regular)
	f.errs.limit("name", f.name, model.MaxNameLen)
	f.errs.limit("phone", f.phone, model.MaxCodeLen)
	f.errs.limit("email", f.email, model.MaxNameLen)
	f.errs.limit("address", &f.addr.Entry, model.MaxTextLen)
	f.errs.limit("region", f.region, model.MaxRegionLen)

	f.save, f.savedNote = newSaveButton(say(model.T("Add customer")), f.submit)
	for _, e := range []*widget.Entry{f.name, f.phone, f.email, f.region} {
		e.OnSubmitted = func(string) { f.submit() }
	}
	grid.Add(layout.NewSpacer())
	grid.Add(container.NewHBox(f.save, f.savedNote))
	f.view = container.NewVBox(f.title, grid)
	return f
}

// edit fills the form with c (a zero ID starts a new customer).
func (f *customerForm) edit(c model.Customer) {
	f.original = c
	setFormTitle(f.title, f.save, c.ID == 0, model.T("New customer"), model.T("Add customer"), c.Name)
	f.name.SetText(c.Name)
	f.phone.SetText(c.Phone)
	f.email.SetText(c.Email)
	f.addr.SetText(c.Address)
	f.region.SetText(c.Region)
	f.kind.SetSelected(customerKind(c.Kind))
	f.regular.SetChecked(c.Regular)
	f.showErrors(nil)
	f.savedNote.Hide()
}

// customer is what the form holds.
func (f *customerForm) customer() model.Customer {
	c := f.original
	c.Name = strings.TrimSpace(f.name.Text)
	c.Phone = strings.TrimSpace(f.phone.Text)
	c.Email = strings.TrimSpace(f.email.Text)
	c.Address = strings.TrimSpace(f.addr.Text)
	c.Region = strings.TrimSpace(f.region.Text)
	c.Kind = model.KindTerminal
	if i := f.kind.SelectedIndex(); i >= 0 {
		c.Kind = customerKinds[i]
	}
	c.Regular = f.regular.Checked
	return c
}

// submit checks the form and stores the customer: a new one, or the changes to this one.
func (f *customerForm) submit() {
	c := f.customer()
	s := f.s
	s.u.storeForm(f.save, f.savedNote, f.showErrors, c.Validate(), createOrUpdate(&c, c.ID == 0, s.u.store.CreateCustomer, s.u.store.UpdateCustomer), func() {
		f.edit(c)
		s.errs.set("", nil)
		s.saved(c)
	})
}

// showErrors puts each field's problem next to it, and the rest in the screen's banner.
func (f *customerForm) showErrors(err error) {
	if f.errs.show(err) {
		f.s.errs.set(say(model.T("Could not save the customer")), err)
	}
}
