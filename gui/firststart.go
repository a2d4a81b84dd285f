package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/export"
	"returndesk/model"
	"returndesk/policy"
)

// The first-start guide: a new shop's database has no manufacturer and no shop name, and
// the window opens on the steps that set it up instead of an empty dashboard. Each step
// can be skipped; "Set up the shop" on the dashboard and in Settings brings the guide back
// while the shop name or a manufacturer is still missing.

// guideStep is one step of the guide, in order.
type guideStep int

const (
	stepShop guideStep = iota
	stepMaker
	stepProducts
	stepSales
	guideSteps
)

var guideStepTitles = [guideSteps]model.Text{model.T("Your shop"), model.T("A manufacturer"), model.T("Its products"), model.T("Sales records")}

// setupState is what the guide needs to know of the database.
type setupState struct {
	shopName string
	makers   []model.Manufacturer
}

// missing reports whether the shop still lacks its name or any manufacturer.
func (s setupState) missing() bool { return s.shopName == "" || len(s.makers) == 0 }

// empty reports a new shop's database: no shop name and no manufacturer.
func (s setupState) empty() bool { return s.shopName == "" && len(s.makers) == 0 }

// loadSetup reads the shop name and the manufacturers.
func loadSetup(ctx context.Context, store model.Store) (setupState, error) {
	var st setupState
	name, err := store.Setting(ctx, export.SettingShopName)
	if err != nil {
		return st, err
	}
	st.shopName = strings.TrimSpace(name)
	st.makers, err = store.ListManufacturers(ctx)
	return st, err
}

// firstStart is the guide's view and state.
type firstStart struct {
	u    *MainUI
	view fyne.CanvasObject

	step    guideStep
	done    [guideSteps]bool // steps finished (not skipped) in this window
	marks   [guideSteps]*widget.Label
	body    *fyne.Container // the current step's panel
	panels  [guideSteps]fyne.CanvasObject
	back    *button
	skip    *button       // "Skip this step"; "Finish" on the last
	heading *widget.Label // the current step's title

	shop *shopForm // the Settings screen's form, a second copy of its fields

	makerName, makerContact, makerPhone *widget.Entry
	terminal, distributor, oem          *check
	preview                             *widget.Label // a clause as the maker's slips will read it
	makerErrs                           fieldErrors
	makerSave                           *button
	makerNote                           *widget.Label
	maker                               *model.Manufacturer // the manufacturer this guide added, nil before

	productsNote *widget.Label
	salesNote    *widget.Label

	// buttons are the "Set up the shop" buttons of the dashboard and Settings.
	buttons []*button
}

func newFirstStart(u *MainUI) *firstStart {
	g := &firstStart{u: u, makerErrs: fieldErrors{}}
	steps := container.NewVBox()
	for i := range guideSteps {
		g.marks[i] = widget.NewLabel("")
		steps.Add(g.marks[i])
	}
	g.heading = newHeading("")

	// 1. The shop's details: the same fields, keys and checks as in Settings.
	g.shop = newShopForm(u, false)
	g.shop.saveShop.SetText(say(model.T("Save and continue")))
	g.shop.onSaved = func() {
		u.settings.loadShop() // the Settings screen shows what was saved here
		g.finish(stepShop)
	}
	intro := wrapped(say(model.T("The header of slips, labels and claim sheets; Settings changes it later.")))
	g.panels[stepShop] = container.NewVBox(intro, g.shop.form)

	// 2. A manufacturer, with policies made from the neutral templates.
	g.preview = wrapped("")
	g.preview.TextStyle.Italic = true
	g.makerName = widget.NewEntry()
	g.makerName.SetPlaceHolder(say(model.T("e.g. the brand printed on the units")))
	g.makerName.OnChanged = func(string) { g.showPreview() }
	g.makerContact = widget.NewEntry()
	g.makerContact.SetPlaceHolder(say(model.T("sales manager or after-sales person")))
	g.makerPhone = widget.NewEntry()
	g.terminal = newCheck(say(model.T("Walk-in customers: refund, replacement and repair windows")), func(bool) { g.showPreview() })
	g.terminal.SetChecked(true)
	g.distributor = newCheck(say(model.T("The shop's own claims to it as a distributor")), nil)
	g.distributor.SetChecked(true)
	g.oem = newCheck(say(model.T("OEM orders: a spare-unit allowance")), nil)
	grid := container.New(layout.NewFormLayout())
	g.makerErrs.add(grid, say(model.T("Name")), "name", g.makerName)
	g.makerErrs.add(grid, say(model.T("Contact")), "contact", g.makerContact)
	g.makerErrs.add(grid, say(model.T("Phone")), "phone", g.makerPhone)
	g.makerErrs.limit("name", g.makerName, model.MaxNameLen)
	g.makerErrs.add(grid, say(model.T("Policies")), "policies", container.NewVBox(g.terminal, g.distributor, g.oem))
	g.makerSave, g.makerNote = newSaveButton(say(model.T("Add manufacturer")), g.saveMaker)
	u.writes(g.makerSave)
	g.makerName.OnSubmitted = func(string) { g.saveMaker() }
	g.panels[stepMaker] = container.NewVBox(
		wrapped(say(model.T("A manufacturer whose goods the shop sells. Its policies start from ReturnDesk's neutral templates: the usual terms, with the manufacturer's own name wherever a clause names it. Adjust them later under Manufacturers & policies (Copy…, then Edit…)."))),
		grid, g.preview, container.NewHBox(g.makerSave, g.makerNote))

	// 3. Its products, on the Products & serials screen.
	g.productsNote = wrapped("")
	addProducts := newIconButton(say(model.T("Add products…")), theme.ContentAddIcon(), func() {
		name := ""
		if g.maker != nil {
			name = g.maker.Name
		}
		g.done[stepProducts] = true
		u.addProduct(name, "")
	})
	u.writes(addProducts)
	g.panels[stepProducts] = container.NewVBox(
		wrapped(say(model.T("Each model the shop takes back: its model code as printed on the unit, its name and price. Add them on the Products & serials screen; come back here with \"Set up the shop\" on the dashboard."))),
		g.productsNote, container.NewHBox(addProducts))

	// 4. The sales records, with the import window of Products & serials.
	g.salesNote = wrapped("")
	importSales := newIconButton(say(model.T("Import sales records…")), theme.UploadIcon(), func() {
		g.done[stepSales] = true
		u.products.imp.start()
	})
	u.writes(importSales)
	g.panels[stepSales] = container.NewVBox(
		wrapped(say(model.T("The shop's sales (serial, model, customer, purchase date) from an Excel or CSV file: the counter then finds the purchase date of a unit from its serial. The import shows what it will add before it adds anything."))),
		g.salesNote, container.NewHBox(importSales))

	g.body = container.NewStack()
	g.back = newIconButton(say(model.T("Back")), theme.NavigateBackIcon(), func() { g.show(g.step - 1) })
	g.skip = newButton("", func() { g.show(g.step + 1) })
	closeBtn := newButton(say(model.T("Close the guide")), g.close)
	title := newHeading(say(model.T("Set up the shop")))
	sub := wrapped(say(model.T("Four steps make ReturnDesk ready for the counter; any can be skipped. \"Set up the shop\" on the dashboard and in Settings brings this guide back.")))
	left := container.NewBorder(nil, nil, nil, widget.NewSeparator(), container.NewPadded(steps))
	main := container.NewBorder(g.heading, container.NewHBox(g.back, g.skip, layout.NewSpacer(), closeBtn), nil, nil,
		container.NewVScroll(g.body))
	g.view = container.NewBorder(container.NewVBox(title, sub, widget.NewSeparator()), nil, left, nil, container.NewPadded(main))
	g.show(stepShop)
	return g
}

// wrapped is a label whose text wraps at the width it is given.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// show makes step the current one.
func (g *firstStart) show(step guideStep) {
	if step < 0 {
		step = 0
	}
	if step >= guideSteps {
		g.close()
		return
	}
	g.step = step
	for i, m := range g.marks {
		mark := "  "
		if g.done[i] {
			mark = "✓ "
		}
		m.TextStyle.Bold = guideStep(i) == step
		m.SetText(say(model.T("%s%d. %s", mark, i+1, guideStepTitles[i])))
	}
	g.heading.SetText(say(model.T("Step %d of %d: %s", step+1, guideSteps, guideStepTitles[step])))
	g.body.Objects = []fyne.CanvasObject{g.panels[step]}
	g.body.Refresh()
	g.back.Hidden = step == 0
	g.back.Refresh()
	switch {
	case step == guideSteps-1:
		g.skip.SetText(say(model.T("Finish")))
	case g.done[step]:
		g.skip.SetText(say(model.T("Next")))
	default:
		g.skip.SetText(say(model.T("Skip this step")))
	}
	// The guide is made at start, before it is on display: only a guide in view takes the cursor.
	onScreen := g.u.content != nil && len(g.u.content.Objects) == 1 && g.u.content.Objects[0] == g.view
	switch {
	case step == stepShop && onScreen:
		g.u.win.Canvas().Focus(g.shop.shopName)
	case step == stepMaker && onScreen:
		g.u.win.Canvas().Focus(g.makerName)
	case step == stepProducts:
		if g.maker != nil {
			g.productsNote.SetText(say(model.T("The products will be %s's.", g.maker.Name)))
		} else {
			g.productsNote.SetText(say(model.T("Each product belongs to a manufacturer: add one first (step 2) or choose one on the screen.")))
		}
	}
}

// finish marks step done and goes to the next.
func (g *firstStart) finish(step guideStep) {
	g.done[step] = true
	g.u.checkSetup(false)
	if g.step == step && g.isOpen() {
		g.show(step + 1)
	}
}

// isOpen reports whether the guide is on display.
func (g *firstStart) isOpen() bool {
	return len(g.u.content.Objects) == 1 && g.u.content.Objects[0] == g.view
}

// open shows the guide in place of the screen on display, at the first step not done in
// this window; the shop's fields are read again.
func (g *firstStart) open() {
	g.u.nav.UnselectAll() // a tap on any sidebar entry leaves the guide, the current one too
	g.u.content.Objects = []fyne.CanvasObject{g.view}
	g.u.content.Refresh()
	g.shop.loadShop()
	step := stepShop
	for step < guideSteps-1 && g.done[step] {
		step++
	}
	g.show(step)
}

// close leaves the guide for the dashboard.
func (g *firstStart) close() {
	g.u.nav.UnselectAll()
	g.u.nav.Select(0)
	g.u.checkSetup(false)
}

// showPreview shows a terminal clause as the new manufacturer's slips will print it.
func (g *firstStart) showPreview() {
	tmpl, ok := policy.Preset(policy.TemplateTerminal)
	checked, err := policy.Check(tmpl)
	if !ok || err != nil || !g.terminal.Checked || len(tmpl.Tiers) == 0 {
		g.preview.SetText("")
		return
	}
	p := checked.ForManufacturer(strings.TrimSpace(g.makerName.Text)).Policy()
	g.preview.SetText(say(model.T("On its slips: \u201c%s\u201d", sayClause(p.Tiers[0].Clause))))
}

// newMaker is the manufacturer the step's fields describe, with the templates it uses.
func (g *firstStart) newMaker() model.Manufacturer {
	m := model.Manufacturer{Name: strings.TrimSpace(g.makerName.Text), Contact: strings.TrimSpace(g.makerContact.Text),
		Phone: strings.TrimSpace(g.makerPhone.Text)}
	if g.terminal.Checked {
		m.TerminalPolicy = policy.TemplateTerminal
	}
	if g.distributor.Checked {
		m.DistributorPolicy = policy.TemplateDistributor
	}
	if g.oem.Checked {
		m.OEMPolicy = policy.TemplateOEM
	}
	return m
}

// saveMaker stores the manufacturer (one write) and goes on to its products.
func (g *firstStart) saveMaker() {
	m := g.newMaker()
	showErrors := func(err error) {
		if g.makerErrs.show(err) {
			g.makerErrs["name"].SetText(sayError(err))
			g.makerErrs["name"].Show()
		}
	}
	g.u.storeForm(g.makerSave, g.makerNote, showErrors, m.Validate(), func(ctx context.Context) error {
		return g.u.store.CreateManufacturer(ctx, &m)
	}, func() {
		g.maker = &m
		g.makerNote.SetText(say(model.T("Added %s.", m.Name)))
		g.makerNote.Show()
		for _, e := range []*widget.Entry{g.makerName, g.makerContact, g.makerPhone} {
			e.SetText("")
		}
		g.finish(stepMaker)
	})
}

// setupButton is a "Set up the shop" button that opens the guide; it shows while the shop
// name or a manufacturer is missing (see checkSetup).
func (u *MainUI) setupButton() *button {
	b := newIconButton(say(model.T("Set up the shop")), theme.HelpIcon(), func() { u.guide.open() })
	b.Importance = widget.HighImportance
	b.Hide()
	u.guide.buttons = append(u.guide.buttons, b)
	return b
}

// checkSetup reads what the shop is missing and shows or hides the "Set up the shop"
// buttons; openIfEmpty opens the guide on a new shop's empty database.
func (u *MainUI) checkSetup(openIfEmpty bool) {
	u.background(func(ctx context.Context) func() {
		st, err := loadSetup(ctx, u.store)
		return func() {
			if err != nil { // the screens say what is wrong with the store
				return
			}
			for _, b := range u.guide.buttons {
				b.Hidden = !st.missing()
				b.Refresh()
			}
			if openIfEmpty && st.empty() {
				u.guide.open()
			}
		}
	})
}
