package gui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
	"returndesk/policy"
)

// storedPolicy is the latest version of a stored policy, read from its record.
type storedPolicy struct {
	rec model.PolicyRecord
	p   policy.Policy
	err error // the definition could not be read
}

// manufacturersScreen shows the manufacturers with the policies assigned to them, and the
// stored policies, which it copies and edits.
type manufacturersScreen struct {
	*screen
	u *MainUI

	errs *errorBanner
	tabs *container.AppTabs

	mans     []model.Manufacturer // by name, as the store lists them
	policies []storedPolicy       // by id
	gen      int64                // bumped by every load; stale answers are dropped
	loaded   bool                 // the lists have been shown once

	// The Manufacturers tab.
	manList *widget.List
	manIdx  widget.ListItemID // the list's selection, -1 for none
	form    *manufacturerForm

	// The Policies tab.
	polList *widget.List
	polIdx  widget.ListItemID // the list's selection, -1 for none
	polID   model.PolicyID    // the policy on display
	polNote *widget.Label     // "Saved …"
	detail  *widget.RichText
	copyBtn *button
	editBtn *button
	browse  fyne.CanvasObject // the policy on display with its actions
	polPane *fyne.Container   // holds browse, or the editor while one is open
	editor  *policyEditor     // nil when no editor is open
	polTab  *container.TabItem

	centres *centresTab // the Service centres tab
}

// newManufacturersScreen builds the Manufacturers & policies screen and keeps it in u.manufacturers.
func newManufacturersScreen(u *MainUI) *manufacturersScreen {
	s := &manufacturersScreen{u: u, manIdx: -1, polIdx: -1}
	u.manufacturers = s
	s.errs = newErrorBanner()

	// Manufacturers: the list on the left, the selected one's details and policies on the right.
	s.manList = newTwoLineList("Manufacturer", "Contact", func() int { return len(s.mans) },
		func(id widget.ListItemID) (string, string) { return s.mans[id].Name, manufacturerContact(s.mans[id]) })
	s.manList.OnSelected = func(id widget.ListItemID) {
		s.manIdx = id
		if id >= 0 && id < len(s.mans) {
			s.form.edit(s.mans[id], s.policies)
		}
	}
	s.form = newManufacturerForm(s)
	add := newIconButton(say(model.T("Add manufacturer")), theme.ContentAddIcon(), func() {
		s.manList.UnselectAll()
		s.manIdx = -1
		s.form.edit(model.Manufacturer{}, s.policies)
		s.u.win.Canvas().Focus(s.form.name)
	})
	u.writes(add)
	manLeft := container.NewBorder(container.NewVBox(add), nil, nil, nil, s.manList)
	manSplit := container.NewHSplit(manLeft, container.NewVScroll(s.form.view))
	manSplit.SetOffset(0.28)

	// Policies: the list on the left, the selected one (or the editor) on the right.
	s.polList = newTwoLineList("Policy name", "policy-id · kind · v1", func() int { return len(s.policies) },
		func(id widget.ListItemID) (string, string) {
			return policyName(s.policies[id].rec), policyListLine(s.policies[id].rec)
		})
	s.polList.OnSelected = func(id widget.ListItemID) {
		s.polIdx = id
		if id >= 0 && id < len(s.policies) && s.policies[id].rec.ID != s.polID {
			s.polID = s.policies[id].rec.ID
			s.polNote.Hide() // it spoke of another policy
		}
		s.showPolicy()
	}
	s.polNote = widget.NewLabel("")
	s.polNote.Importance = widget.SuccessImportance
	s.polNote.Wrapping = fyne.TextWrapWord
	s.polNote.Hide()
	s.detail = widget.NewRichText()
	s.detail.Wrapping = fyne.TextWrapWord
	s.copyBtn = newIconButton(say(model.T("Copy…")), theme.ContentCopyIcon(), func() { s.openEditor(true) })
	s.editBtn = newIconButton(say(model.T("Edit…")), theme.DocumentCreateIcon(), func() { s.openEditor(false) })
	u.writes(s.copyBtn, s.editBtn)
	s.copyBtn.Disable()
	s.editBtn.Disable()
	actions := container.NewHBox(s.copyBtn, s.editBtn)
	s.browse = container.NewBorder(container.NewVBox(actions, s.polNote), nil, nil, nil, container.NewVScroll(s.detail))
	s.polPane = container.NewStack(s.browse)
	polSplit := container.NewHSplit(s.polList, s.polPane)
	polSplit.SetOffset(0.28)

	s.polTab = container.NewTabItemWithIcon(say(model.T("Warranty policies")), theme.DocumentIcon(), polSplit)
	s.centres = newCentresTab(s)
	s.tabs = container.NewAppTabs(container.NewTabItemWithIcon(say(model.T("Manufacturers")), theme.AccountIcon(), manSplit), s.polTab,
		container.NewTabItemWithIcon(say(model.T("Service centres")), theme.HomeIcon(), s.centres.view))

	refresh := newIconButton(say(model.T("Refresh")), theme.ViewRefreshIcon(), s.load)
	body := container.NewBorder(s.errs.box, nil, nil, nil, s.tabs)
	s.screen = newScreen(model.T("Manufacturers & policies"), theme.DocumentIcon(), body, refresh)
	s.onShow = s.load
	s.showPolicy()
	return s
}

// manufacturerContact is the second line of a manufacturer in the list: "Ms Li  400-800-1234".
func manufacturerContact(m model.Manufacturer) string {
	contact := m.Contact
	if m.Phone != "" {
		contact = strings.TrimSpace(contact + "  " + m.Phone)
	}
	if contact == "" {
		contact = say(model.T("no contact yet"))
	}
	return contact
}

// policyListLine is the second line of a policy in the list: "halotek-terminal · terminal clients · v2 · preset".
func policyListLine(r model.PolicyRecord) string {
	parts := []string{string(r.ID), kindText(r.Kind), fmt.Sprintf("v%d", r.Version)}
	if r.Preset {
		parts = append(parts, say(model.T("preset")))
	}
	return strings.Join(parts, " · ")
}

// load reads the manufacturers and the latest version of every policy on a goroutine.
func (s *manufacturersScreen) load() {
	s.gen++
	gen := s.gen
	s.u.background(func(ctx context.Context) func() {
		failed := func(what model.Text, err error) func() {
			return func() {
				if s.gen == gen {
					s.errs.set(say(what), err)
				}
			}
		}
		mans, err := s.u.store.ListManufacturers(ctx)
		if err != nil {
			return failed(model.T("Could not load the manufacturers"), err)
		}
		recs, err := s.u.store.ListPolicies(ctx)
		if err != nil {
			return failed(model.T("Could not load the policies"), err)
		}
		policies := make([]storedPolicy, len(recs))
		for i, r := range recs {
			policies[i].rec = r
			policies[i].p, policies[i].err = policy.FromRecord(r)
		}
		centres, err := s.u.store.ListServiceCentres(ctx)
		if err != nil {
			return failed(model.T("Could not load the service centres"), err)
		}
		return func() {
			if s.gen != gen {
				return // a newer load is on its way
			}
			s.errs.set("", nil)
			s.show(mans, policies)
			s.centres.show(centres)
		}
	})
}

// show puts freshly loaded lists on screen, keeping the selections (by id) and any input in progress.
func (s *manufacturersScreen) show(mans []model.Manufacturer, policies []storedPolicy) {
	s.mans, s.policies = mans, policies
	s.manList.Refresh()
	s.polList.Refresh()

	first := !s.loaded
	s.loaded = true

	if i := s.manIndex(s.form.id); s.form.id != 0 && i >= 0 && i != s.manIdx {
		s.manList.Select(i) // added, or moved in the list by a new name: show it as stored
	} else {
		s.form.setPolicies(s.policies) // the choices may change; the input stays
	}
	if first && s.manIdx < 0 && s.form.id == 0 && !s.form.touched() && len(s.mans) > 0 {
		s.manList.Select(0)
	}

	if i := s.policyIndex(s.polID); i >= 0 && i != s.polIdx {
		s.polList.Select(i)
	} else if i < 0 && first && len(s.policies) > 0 {
		s.polList.Select(0)
	}
	s.showPolicy()
}

func (s *manufacturersScreen) manIndex(id model.ManufacturerID) int {
	return slices.IndexFunc(s.mans, func(m model.Manufacturer) bool { return m.ID == id })
}

func (s *manufacturersScreen) policyIndex(id model.PolicyID) int {
	return slices.IndexFunc(s.policies, func(p storedPolicy) bool { return p.rec.ID == id })
}

// selectedPolicy is the policy on display, or nil.
func (s *manufacturersScreen) selectedPolicy() *storedPolicy {
	if i := s.policyIndex(s.polID); i >= 0 {
		return &s.policies[i]
	}
	return nil
}

// showPolicy describes the selected policy in plain words.
func (s *manufacturersScreen) showPolicy() {
	sp := s.selectedPolicy()
	var d richDoc
	switch {
	case sp == nil && len(s.policies) == 0:
		d.para(plain(say(model.T("No policies are stored yet."))))
	case sp == nil:
		d.para(plain(say(model.T("Select a policy on the left to see its rules."))))
	case sp.err != nil:
		d.heading(policyName(sp.rec))
		d.para(plain(policyListLine(sp.rec)))
		d.para(&widget.TextSegment{Style: dangerStyle(), Text: sayFailed(say(model.T("This policy cannot be read")), sp.err)})
	default:
		describePolicy(&d, *sp, s.usersOf(sp.rec.ID))
	}
	s.detail.Segments = d.segs
	s.detail.Refresh()
	if sp != nil && sp.err == nil {
		s.copyBtn.Enable()
		s.editBtn.Enable()
	} else {
		s.copyBtn.Disable()
		s.editBtn.Disable()
	}
}

// usersOf lists the manufacturers a policy is assigned to: "Halotek (terminal clients)".
func (s *manufacturersScreen) usersOf(id model.PolicyID) []string {
	var out []string
	for _, m := range s.mans {
		var as []string
		if m.TerminalPolicy == id {
			as = append(as, kindText(model.PolicyTerminal))
		}
		if m.DistributorPolicy == id {
			as = append(as, kindText(model.PolicyDistributor))
		}
		if m.OEMPolicy == id {
			as = append(as, kindText(model.PolicyOEM))
		}
		if len(as) > 0 {
			out = append(out, say(model.T("%s (%s)", m.Name, sayList(as))))
		}
	}
	return out
}

// openEditor opens the policy editor on the selected policy: a copy under a new id, or a new version.
func (s *manufacturersScreen) openEditor(asCopy bool) {
	sp := s.selectedPolicy()
	if sp == nil || sp.err != nil {
		return
	}
	s.polNote.Hide()
	s.editor = newPolicyEditor(s, *sp, asCopy)
	s.polPane.Objects = []fyne.CanvasObject{s.editor.view}
	s.polPane.Refresh()
	if asCopy {
		s.u.win.Canvas().Focus(s.editor.id)
	} else {
		s.u.win.Canvas().Focus(s.editor.name)
	}
}

// closeEditor goes back to the policy on display.
func (s *manufacturersScreen) closeEditor() {
	s.editor = nil
	s.polPane.Objects = []fyne.CanvasObject{s.browse}
	s.polPane.Refresh()
}

// policySaved closes the editor on a policy just stored and shows it.
func (s *manufacturersScreen) policySaved(r model.PolicyRecord) {
	s.closeEditor()
	s.polID = r.ID
	s.polIdx = -1 // select it again once the list is reloaded: its row may have moved
	s.polList.UnselectAll()
	s.polNote.SetText(say(model.T("Saved %s version %d.", r.ID, r.Version)))
	s.polNote.Show()
	s.load()
}

// manufacturerForm edits one manufacturer (or a new one) and the policies assigned to it.
type manufacturerForm struct {
	s    *manufacturersScreen
	view fyne.CanvasObject

	title                       *widget.Label
	name, contact, phone, email *widget.Entry
	addr, afterSales            *keyEntry
	terminal, distributor, oem  *policyPicker
	errs                        fieldErrors
	save                        *button
	saved                       *widget.Label

	id       model.ManufacturerID // 0 for a new one
	original model.Manufacturer   // what the form was filled with
}

func newManufacturerForm(s *manufacturersScreen) *manufacturerForm {
	f := &manufacturerForm{s: s, errs: fieldErrors{}}
	f.title = newFormTitle()
	f.name = widget.NewEntry()
	f.contact = widget.NewEntry()
	f.contact.SetPlaceHolder(say(model.T("sales manager or after-sales person")))
	f.phone = widget.NewEntry()
	f.email = widget.NewEntry()
	f.addr = s.u.newTextArea()
	f.afterSales = s.u.newTextArea()
	f.afterSales.SetPlaceHolder(say(model.T("where faulty units are posted")))
	f.terminal = newPolicyPicker(model.PolicyTerminal)
	f.distributor = newPolicyPicker(model.PolicyDistributor)
	f.oem = newPolicyPicker(model.PolicyOEM)

	grid := container.New(layout.NewFormLayout())
	f.errs.add(grid, say(model.T("Name")), "name", f.name)
	f.errs.add(grid, say(model.T("Contact")), "contact", f.contact)
	f.errs.add(grid, say(model.T("Phone")), "phone", f.phone)
	f.errs.add(grid, say(model.T("E-mail")), "email", f.email)
	f.errs.add(grid, say(model.T("Address")), "address", f.addr)
	f.errs.add(grid, say(model.T("After-sales address")), "after_sales_address", f.afterSales)
	for field, e := range map[string]*widget.Entry{"name": f.name, "contact": f.contact, "email": f.email} {
		f.errs.limit(field, e, model.MaxNameLen)
	}
	f.errs.limit("phone", f.phone, model.MaxCodeLen)
	f.errs.limit("address", &f.addr.Entry, model.MaxTextLen)
	for _, e := range []*widget.Entry{f.name, f.contact, f.phone, f.email} {
		e.OnSubmitted = func(string) { f.submit() } // as every editing form's one-line fields
	}
	f.errs.limit("after_sales_address", &f.afterSales.Entry, model.MaxTextLen)

	grid.Add(widget.NewSeparator())
	grid.Add(widget.NewSeparator())
	grid.Add(widget.NewLabelWithStyle(say(model.T("Policies")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	grid.Add(widget.NewLabel(say(model.T("The warranty rules applied to its goods"))))
	for _, p := range []struct {
		field string
		pp    *policyPicker
	}{{"terminal_policy", f.terminal}, {"distributor_policy", f.distributor}, {"oem_policy", f.oem}} {
		f.errs[p.field] = p.pp.err
		grid.Add(widget.NewLabel(kindText(p.pp.kind)))
		grid.Add(p.pp.view)
	}

	f.save, f.saved = newSaveButton(say(model.T("Save")), f.submit)
	f.view = container.NewVBox(f.title, grid, container.NewHBox(f.save, f.saved))
	f.edit(model.Manufacturer{}, nil)
	return f
}

// edit fills the form with m (a zero m starts a new manufacturer).
func (f *manufacturerForm) edit(m model.Manufacturer, policies []storedPolicy) {
	f.id, f.original = m.ID, m
	setFormTitle(f.title, f.save, m.ID == 0, model.T("New manufacturer"), model.T("Add manufacturer"), m.Name)
	f.name.SetText(m.Name)
	f.contact.SetText(m.Contact)
	f.phone.SetText(m.Phone)
	f.email.SetText(m.Email)
	f.addr.SetText(m.Address)
	f.afterSales.SetText(m.AfterSalesAddress)
	f.terminal.set(policies, m.TerminalPolicy)
	f.distributor.set(policies, m.DistributorPolicy)
	f.oem.set(policies, m.OEMPolicy)
	f.showErrors(nil)
	f.saved.Hide()
}

// setPolicies refreshes the policies one can choose, keeping the choices made.
func (f *manufacturerForm) setPolicies(policies []storedPolicy) {
	f.terminal.set(policies, f.terminal.value())
	f.distributor.set(policies, f.distributor.value())
	f.oem.set(policies, f.oem.value())
}

// manufacturer is what the form holds.
func (f *manufacturerForm) manufacturer() model.Manufacturer {
	return model.Manufacturer{
		ID:                f.id,
		Name:              strings.TrimSpace(f.name.Text),
		Contact:           strings.TrimSpace(f.contact.Text),
		Phone:             strings.TrimSpace(f.phone.Text),
		Email:             strings.TrimSpace(f.email.Text),
		Address:           strings.TrimSpace(f.addr.Text),
		AfterSalesAddress: strings.TrimSpace(f.afterSales.Text),
		TerminalPolicy:    f.terminal.value(),
		DistributorPolicy: f.distributor.value(),
		OEMPolicy:         f.oem.value(),
	}
}

// touched reports whether the form holds something the user typed or chose.
func (f *manufacturerForm) touched() bool { return f.manufacturer() != f.original }

// submit checks the form and stores the manufacturer: a new one, or the changes to this one.
func (f *manufacturerForm) submit() {
	m := f.manufacturer()
	f.s.u.storeForm(f.save, f.saved, f.showErrors, m.Validate(), createOrUpdate(&m, m.ID == 0, f.s.u.store.CreateManufacturer, f.s.u.store.UpdateManufacturer), func() {
		f.id, f.original = m.ID, m
		setFormTitle(f.title, f.save, false, model.T("New manufacturer"), model.T("Add manufacturer"), m.Name)
		f.s.errs.set("", nil)
		f.s.load()
	})
}

// showErrors puts each field's problem next to it, and the rest in the screen's banner.
func (f *manufacturerForm) showErrors(err error) {
	if f.errs.show(err) {
		f.s.errs.set(say(model.T("Could not save the manufacturer")), err)
	}
}

// policyPicker chooses one stored policy of a kind, or none, and says what the chosen one does.
type policyPicker struct {
	kind model.PolicyKind
	sel  *choice
	info *widget.Label
	err  *widget.Label
	view fyne.CanvasObject

	ids      map[string]model.PolicyID // option text -> id
	summary  map[model.PolicyID]string
	current  model.PolicyID
	updating bool
}

// noPolicyText says what having no policy of a kind means.
var noPolicyText = map[model.PolicyKind]model.Text{
	model.PolicyTerminal:    model.T("None: the counter cannot tell walk-in customers what they are entitled to."),
	model.PolicyDistributor: model.T("None: the shop's own claims to this manufacturer get no verdict."),
	model.PolicyOEM:         model.T("None: no spare-unit allowance is counted on its OEM orders."),
}

func newPolicyPicker(kind model.PolicyKind) *policyPicker {
	pp := &policyPicker{kind: kind, ids: map[string]model.PolicyID{}}
	pp.sel = newChoice(nil, func(opt string) {
		if !pp.updating {
			pp.current = pp.ids[opt]
			pp.describe()
		}
	})
	pp.info = widget.NewLabel("")
	pp.info.Wrapping = fyne.TextWrapWord
	pp.info.SizeName = theme.SizeNameCaptionText
	pp.err = newFieldError()
	pp.view = container.NewVBox(pp.sel, pp.info, pp.err)
	return pp
}

// policyOption is how a policy reads in a picker.
func policyOption(r model.PolicyRecord) string { return say(model.T("%s — %s", r.ID, policyName(r))) }

// policyName is a stored policy's name: a shipped one's in the window's language, the shop's
// own as typed.
func policyName(r model.PolicyRecord) string {
	if t, ok := policy.ShippedName(r.Name); ok && r.Preset {
		return say(t)
	}
	return r.Name
}

// set offers the stored policies of the picker's kind and chooses id.
func (pp *policyPicker) set(policies []storedPolicy, id model.PolicyID) {
	pp.ids = map[string]model.PolicyID{noPolicy(): ""}
	pp.summary = map[model.PolicyID]string{}
	opts := []string{noPolicy()}
	chosen := noPolicy()
	for _, sp := range policies {
		if sp.rec.Kind != pp.kind {
			continue
		}
		o := policyOption(sp.rec)
		opts = append(opts, o)
		pp.ids[o] = sp.rec.ID
		if sp.err == nil {
			pp.summary[sp.rec.ID] = say(sp.p.Summary())
		} else {
			pp.summary[sp.rec.ID] = sayFailed(say(model.T("cannot be read")), sp.err)
		}
		if sp.rec.ID == id {
			chosen = o
		}
	}
	if id != "" && chosen == noPolicy() && policies != nil {
		// Assigned, but not a stored policy of this kind: keep it so that saving does not drop it silently.
		chosen = say(model.T("%s (not a stored %s policy)", string(id), kindText(pp.kind)))
		opts = append(opts, chosen)
		pp.ids[chosen] = id
		pp.summary[id] = "Choose another policy: this one cannot be applied."
	} else if id != "" && chosen == noPolicy() {
		chosen = string(id)
		opts = append(opts, chosen)
		pp.ids[chosen] = id
	}
	pp.updating = true
	pp.sel.SetOptions(opts)
	pp.sel.SetSelected(chosen)
	pp.updating = false
	pp.current = id
	pp.describe()
}

func (pp *policyPicker) value() model.PolicyID { return pp.current }

func (pp *policyPicker) describe() {
	if pp.current == "" {
		pp.info.SetText(say(noPolicyText[pp.kind]))
		return
	}
	pp.info.SetText(pp.summary[pp.current])
}

// richDoc builds the segments of a rich text: headings, paragraphs and bulleted lists.
type richDoc struct{ segs []widget.RichTextSegment }

func (d *richDoc) heading(text string) {
	d.segs = append(d.segs, &widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: text},
		&widget.TextSegment{Style: widget.RichTextStyleParagraph})
}

func (d *richDoc) section(text string) {
	d.segs = append(d.segs, &widget.TextSegment{Style: widget.RichTextStyleStrong, Text: text},
		&widget.TextSegment{Style: widget.RichTextStyleParagraph})
}

func (d *richDoc) para(parts ...widget.RichTextSegment) {
	d.segs = append(d.segs, parts...)
	d.segs = append(d.segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
}

// bullets adds a list; each item is a line made of parts.
func (d *richDoc) bullets(items ...[]widget.RichTextSegment) {
	if len(items) == 0 {
		return
	}
	l := &widget.ListSegment{}
	for _, it := range items {
		l.Items = append(l.Items, &widget.ParagraphSegment{Texts: it})
	}
	d.segs = append(d.segs, l)
}

func plain(s string) widget.RichTextSegment {
	return &widget.TextSegment{Style: widget.RichTextStyleInline, Text: s}
}

func strong(s string) widget.RichTextSegment {
	return &widget.TextSegment{Style: widget.RichTextStyleStrong, Text: s}
}

// quote is a clause in the policy's own words.
func quote(s string) widget.RichTextSegment {
	return &widget.TextSegment{Style: widget.RichTextStyleInline, Text: "“" + s + "”"}
}

func dangerStyle() widget.RichTextStyle {
	st := widget.RichTextStyleParagraph
	st.ColorName = theme.ColorNameError
	return st
}

func line(parts ...widget.RichTextSegment) []widget.RichTextSegment { return parts }

// remediesText lists remedies as a choice: "Full refund, Same-model replacement or Service centre".
func remediesText(rs []model.Remedy) string {
	if len(rs) == 0 {
		return say(model.T("nothing"))
	}
	return say(model.RemedyChoice(rs))
}

func kindText(k model.PolicyKind) string { return say(k.Label()) }

// freightText says who pays the postage, and how the manufacturer pays it back:
// "postage both ways: Manufacturer · Deducted from the PI of the next order".
func freightText(f *policy.Freight) string {
	var t model.Text
	if f.Inbound == f.Outbound {
		t = model.T("postage both ways: %s", f.Inbound.Label())
	} else {
		t = model.T("postage to the manufacturer: %s, back: %s", f.Inbound.Label(), f.Outbound.Label())
	}
	if f.Settlement != policy.SettleNone && f.Settlement != "" {
		t = model.T("%s · %s", t, f.Settlement.Label())
	}
	return say(t)
}

func coveredText(covered bool) string {
	if covered {
		return say(model.T("free to the customer"))
	}
	return say(model.T("charged to the customer"))
}

// describePolicy writes a stored policy out in plain words: where it counts from, each tier,
// the paid tier, the cause rules, custom-branded products, the OEM allowance and who uses it.
func describePolicy(d *richDoc, sp storedPolicy, users []string) {
	p, rec := sp.p, sp.rec
	d.heading(policyName(rec))
	info := []string{string(p.ID), kindText(p.Kind), say(model.T("version %d", rec.Version))}
	if !rec.CreatedAt.IsZero() {
		info = append(info, say(model.T("stored %s", rec.CreatedAt.Local().Format("2006-01-02"))))
	}
	if rec.Preset {
		info = append(info, say(model.T("shipped preset")))
	}
	if p.Manufacturer != "" {
		info = append(info, say(model.T("written by %s", p.Manufacturer)))
	}
	d.para(plain(strings.Join(info, " · ")))
	if p.Kind != model.PolicyOEM {
		d.para(plain(say(model.T("Counts from the %s date (the start day is day 0).", basisText(p.Basis)))))
	}
	describeTiers(d, p)
	describeRules(d, p)
	d.section(say(model.T("Used by")))
	if len(users) == 0 {
		d.para(plain(say(model.T("No manufacturer uses this policy yet: assign it on the Manufacturers tab."))))
		return
	}
	var items [][]widget.RichTextSegment
	for _, u := range users {
		items = append(items, line(plain(u)))
	}
	d.bullets(items...)
}

// basisText names the date a policy counts from, as the sentences about it put it.
func basisText(b policy.Basis) model.Text {
	if b == policy.BasisShipment {
		return model.T("shipment")
	}
	return model.T("purchase")
}

// describeTiers writes the windows and the paid tier.
func describeTiers(d *richDoc, p policy.Policy) {
	if len(p.Tiers) == 0 && p.After == nil {
		return
	}
	d.section(say(model.T("Warranty tiers")))
	var items [][]widget.RichTextSegment
	for _, t := range p.Tiers {
		items = append(items, outcomeLine(say(model.T("%s — up to %s after %s: ", t.ID.Label(), t.Window.Text(), basisText(p.Basis))),
			policy.Outcome{ID: t.ID, Remedies: t.Remedies, Covered: t.Covered, Clause: t.Clause, Freight: t.Freight}))
	}
	if a := p.After; a != nil {
		when := say(model.T("afterwards"))
		if len(p.Tiers) > 0 {
			when = say(model.T("after %s", p.Warranty().Text()))
		}
		items = append(items, outcomeLine(say(model.T("%s — %s: ", a.ID.Label(), when)), *a))
	}
	d.bullets(items...)
}

// outcomeLine is one tier in the list: head, then its remedies, who pays, the freight and the clause.
func outcomeLine(head string, o policy.Outcome) []widget.RichTextSegment {
	it := line(strong(head), plain(say(model.T("%s; %s.", remediesText(o.Remedies), coveredText(o.Covered)))))
	if o.Freight != nil {
		it = append(it, plain(say(model.T(" Freight: %s.", freightText(o.Freight)))))
	}
	if !o.Clause.IsZero() {
		it = append(it, plain(" "), quote(sayClause(o.Clause)))
	}
	return it
}

// describeRules writes what the editor leaves as copied: cause rules, custom-branded products
// and the OEM allowance.
func describeRules(d *richDoc, p policy.Policy) {
	if len(p.Causes) > 0 {
		d.section(say(model.T("When testing finds the cause")))
		var items [][]widget.RichTextSegment
		for _, r := range p.Causes {
			name := say(r.Cause.Label())
			scope := say(model.T("at any date"))
			if r.Scope == policy.ScopeInWindow {
				scope = say(model.T("within the warranty"))
			}
			var what []string
			if r.Paid && p.After != nil {
				what = append(what, say(model.T("the case goes to the tier %s", say(p.After.ID.Label()))))
			}
			if r.Provisional {
				what = append(what, say(model.T("the verdict is provisional: testing may still change it")))
			}
			if len(r.AddRemedies) > 0 {
				what = append(what, say(model.T("also offers %s", remediesText(r.AddRemedies))))
			}
			if len(r.RegularAddRemedies) > 0 {
				what = append(what, say(model.T("regular customers may also get %s", remediesText(r.RegularAddRemedies))))
			}
			if r.Freight != nil {
				what = append(what, freightText(r.Freight))
			}
			if r.RegularFreight != nil {
				what = append(what, say(model.T("for regular customers %s", freightText(r.RegularFreight))))
			}
			if len(what) == 0 {
				what = append(what, say(model.T("no change")))
			}
			it := line(strong(say(model.T("%s, %s: ", name, scope))), plain(say(model.T("%s.", strings.Join(what, say(model.T("; ")))))))
			if !r.Clause.IsZero() {
				it = append(it, plain(" "), quote(sayClause(r.Clause)))
			}
			items = append(items, it)
		}
		d.bullets(items...)
	}
	if c := p.CustomBranded; c != nil {
		d.section(say(model.T("Products with the dealer's own brand")))
		it := line(plain(say(model.T("Not offered: %s.", remediesText(c.Excludes)))))
		if !c.Clause.IsZero() {
			it = append(it, plain(" "), quote(sayClause(c.Clause)))
		}
		d.bullets(it)
	}
	if o := p.OEM; o != nil {
		d.section(say(model.T("OEM allowance")))
		items := [][]widget.RichTextSegment{
			line(plain(say(model.T("Spare units shipped with each order: %s–%s %% of the quantity.", o.MinRate, o.MaxRate)))),
			line(plain(say(model.T("Defects reported within %s of shipment use the spares first; each one beyond them: %s.",
				o.ClaimWindow.Text(), remediesText(o.Remedies))))),
			line(plain(say(model.T("A batch defect (production or electrical) is claimed whole: %s; the spares are not used.",
				remediesText(o.BatchRemedies))))),
		}
		if !o.Clause.IsZero() {
			items = append(items, line(quote(sayClause(o.Clause))))
		}
		if !o.BatchClause.IsZero() {
			items = append(items, line(quote(sayClause(o.BatchClause))))
		}
		d.bullets(items...)
	}
}

// noPolicy() is a choice besides the values themselves, in the window's language.
func noPolicy() string { return say(model.T("None")) }

// centresTab is the Service centres tab of the Manufacturers & policies screen: the centres
// on the left, the picked one (or a new one) in a form on the right. A repair goes to the
// maker's own centre in the customer's region, else to an all-brands one there, else to
// the maker's own elsewhere: without centres a shop's repairs go nowhere.
type centresTab struct {
	s       *manufacturersScreen
	list    *widget.List
	centres []model.ServiceCentre // by region and name, as the store lists them
	idx     widget.ListItemID     // the list's selection, -1 for none
	add     *button
	form    *centreForm
	view    fyne.CanvasObject
}

func newCentresTab(s *manufacturersScreen) *centresTab {
	t := &centresTab{s: s, idx: -1}
	t.list = newTwoLineList("Service centre", "Maker · Region · Phone", func() int { return len(t.centres) },
		func(id widget.ListItemID) (string, string) { return t.centres[id].Name, t.line(t.centres[id]) })
	t.list.OnSelected = func(id widget.ListItemID) {
		t.idx = id
		if id >= 0 && id < len(t.centres) {
			t.form.edit(t.centres[id])
		}
	}
	t.form = newCentreForm(t)
	t.add = newIconButton(say(model.T("Add service centre")), theme.ContentAddIcon(), func() {
		t.list.UnselectAll()
		t.idx = -1
		t.form.edit(model.ServiceCentre{})
		s.u.win.Canvas().Focus(t.form.name)
	})
	s.u.writes(t.add)
	left := container.NewBorder(container.NewVBox(t.add), nil, nil, nil, t.list)
	split := container.NewHSplit(left, container.NewVScroll(t.form.view))
	split.SetOffset(0.28)
	t.view = split
	return t
}

// line is the second line of a centre in the list: "Halotek · Shanghai · 021-5555 0101".
func (t *centresTab) line(c model.ServiceCentre) string {
	parts := []string{t.makerName(c.ManufacturerID), c.Region}
	if c.Phone != "" {
		parts = append(parts, c.Phone)
	}
	return strings.Join(parts, " · ")
}

// makerName is the name of the maker a centre serves, or "All brands".
func (t *centresTab) makerName(id model.ManufacturerID) string {
	for _, m := range t.s.mans {
		if m.ID == id && id != 0 {
			return m.Name
		}
	}
	return say(model.T("All brands"))
}

// show puts freshly loaded centres on screen, keeping the selection (by id) and any input.
func (t *centresTab) show(centres []model.ServiceCentre) {
	t.centres = centres
	t.list.Refresh()
	t.form.setMakers()
	for i, c := range centres {
		if c.ID == t.form.id && t.form.id != 0 && i != t.idx {
			t.list.Select(i) // added, or moved in the list by a new region or name
		}
	}
}

// centreForm edits one service centre, or a new one.
type centreForm struct {
	t     *centresTab
	view  fyne.CanvasObject
	title *widget.Label
	maker *choice
	name  *widget.Entry
	phone *widget.Entry
	// region decides which customers' repairs come here: it is compared with the
	// customer's region, ignoring letter case.
	region *widget.Entry
	addr   *keyEntry
	errs   fieldErrors
	save   *button
	saved  *widget.Label

	id       model.ServiceCentreID // 0 for a new one
	original model.ServiceCentre
}

func newCentreForm(t *centresTab) *centreForm {
	f := &centreForm{t: t, errs: fieldErrors{}}
	u := t.s.u
	f.title = newFormTitle()
	f.maker = newChoice(nil, nil)
	f.name = widget.NewEntry()
	f.region = widget.NewEntry()
	f.region.SetPlaceHolder(say(model.T("as in the customers' region, e.g. Shanghai")))
	f.addr = u.newTextArea()
	f.phone = widget.NewEntry()

	grid := container.New(layout.NewFormLayout())
	f.errs.add(grid, say(model.T("Manufacturer")), "manufacturer", f.maker)
	for _, field := range []struct {
		label model.Text
		name  string
		shown fyne.CanvasObject
		entry *widget.Entry
		max   int
	}{{model.T("Name"), "name", f.name, f.name, model.MaxNameLen}, {model.T("Region"), "region", f.region, f.region, model.MaxRegionLen},
		{model.T("Address"), "address", f.addr, &f.addr.Entry, model.MaxTextLen}, {model.T("Phone"), "phone", f.phone, f.phone, model.MaxCodeLen}} {
		f.errs.add(grid, say(field.label), field.name, field.shown)
		f.errs.limit(field.name, field.entry, field.max)
	}

	f.save, f.saved = newSaveButton(say(model.T("Save")), f.submit)
	for _, e := range []*widget.Entry{f.name, f.region, f.phone} {
		e.OnSubmitted = func(string) { f.submit() }
	}
	hint := widget.NewLabel(say(model.T("A repair goes to its maker's centre in the customer's region, else to an all-brands centre there, else to its maker's centre elsewhere.")))
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText
	f.view = container.NewVBox(f.title, grid, container.NewHBox(f.save, f.saved), hint)
	f.edit(model.ServiceCentre{})
	return f
}

// setMakers refreshes the makers one can choose, keeping the choice.
func (f *centreForm) setMakers() {
	chosen := f.makerID()
	options := []string{say(model.T("All brands"))}
	for _, m := range f.t.s.mans {
		options = append(options, m.Name)
	}
	f.maker.SetOptions(options)
	f.maker.SetSelected(f.t.makerName(chosen))
}

// makerID is the maker chosen, 0 for all brands.
func (f *centreForm) makerID() model.ManufacturerID {
	for _, m := range f.t.s.mans {
		if m.Name == f.maker.Selected {
			return m.ID
		}
	}
	return 0
}

// edit fills the form with c (a zero c starts a new centre).
func (f *centreForm) edit(c model.ServiceCentre) {
	f.id, f.original = c.ID, c
	setFormTitle(f.title, f.save, c.ID == 0, model.T("New service centre"), model.T("Add service centre"), c.Name)
	f.setMakers()
	f.maker.SetSelected(f.t.makerName(c.ManufacturerID))
	f.name.SetText(c.Name)
	f.region.SetText(c.Region)
	f.addr.SetText(c.Address)
	f.phone.SetText(c.Phone)
	f.errs.show(nil)
	f.saved.Hide()
}

// centre is what the form holds.
func (f *centreForm) centre() model.ServiceCentre {
	return model.ServiceCentre{
		ID:             f.id,
		ManufacturerID: f.makerID(),
		Name:           strings.TrimSpace(f.name.Text),
		Region:         strings.TrimSpace(f.region.Text),
		Address:        strings.TrimSpace(f.addr.Text),
		Phone:          strings.TrimSpace(f.phone.Text),
	}
}

// submit checks the form and stores the centre: a new one, or the changes to this one.
func (f *centreForm) submit() {
	c := f.centre()
	u := f.t.s.u
	u.storeForm(f.save, f.saved, f.showErrors, c.Validate(), createOrUpdate(&c, c.ID == 0, u.store.CreateServiceCentre, u.store.UpdateServiceCentre), func() {
		f.id, f.original = c.ID, c
		setFormTitle(f.title, f.save, false, model.T("New service centre"), model.T("Add service centre"), c.Name)
		f.t.s.errs.set("", nil)
		f.t.s.load()
	})
}

// showErrors puts each field's problem next to it, and the rest in the screen's banner.
func (f *centreForm) showErrors(err error) {
	if f.errs.show(err) {
		f.t.s.errs.set(say(model.T("Could not save the service centre")), err)
	}
}
