package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
)

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
	maker *widget.Select
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
	f.maker = widget.NewSelect(nil, nil)
	f.name = widget.NewEntry()
	f.region = widget.NewEntry()
	f.region.SetPlaceHolder(say(model.T("as in the customers' region, e.g. Shanghai")))
	f.addr = u.newTextArea()
	f.phone = widget.NewEntry()

	grid := container.New(layout.NewFormLayout())
	f.errs.add(grid, say(model.T("Manufacturer")), "manufacturer", f.maker)
	f.errs.add(grid, say(model.T("Name")), "name", f.name)
	f.errs.add(grid, say(model.T("Region")), "region", f.region)
	f.errs.add(grid, say(model.T("Address")), "address", f.addr)
	f.errs.add(grid, say(model.T("Phone")), "phone", f.phone)
	f.errs.limit("name", f.name, model.MaxNameLen)
	f.errs.limit("region", f.region, model.MaxRegionLen)
	f.errs.limit("address", &f.addr.Entry, model.MaxTextLen)
	f.errs.limit("phone", f.phone, model.MaxCodeLen)

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
