package gui

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/intake"
	"returndesk/model"
)

const (
	counterPlanDelay     = 250 * time.Millisecond // pause in typing before the verdict is worked out again
	counterCustomerDelay = 200 * time.Millisecond // pause in typing before customers are searched
	counterVerdictWidth  = 260                    // the least width of the verdict column
	counterVerdictShare  = 0.4                    // the verdict column's share of a wider screen

	// counterCategoriesKey is the setting holding the shop's fault categories as a JSON array of strings.
	counterCategoriesKey = "fault_categories"
)

// defaultCategories are the fault categories offered until the shop saves its own list (which
// is the shop's data, kept in the words it chose).
var defaultCategories = []model.Text{model.T("No power"), model.T("Overheating"), model.T("Audio"),
	model.T("Video"), model.T("Display"), model.T("Connectivity"), model.T("Physical damage"), model.T("Other fault")}

func counterDefaultCategories() []string {
	out := make([]string, len(defaultCategories))
	for i, t := range defaultCategories {
		out[i] = say(t)
	}
	return out
}

// counterFields are the form's fields in tab order, named as model errors name them.
var counterFields = []string{"serial", "model", "customer", "phone", "region", "purchase_date",
	"shipment_date", "reported_date", "cause", "fault", "fault_category", "accessories", "condition"}

var counterFieldLabels = map[string]model.Text{
	"serial": model.T("Serial"), "model": model.T("Model"), "customer": model.T("Customer"), "phone": model.T("Phone"), "region": model.T("Region"),
	"purchase_date": model.T("Purchase date"), "shipment_date": model.T("Shipment date"), "reported_date": model.T("Reported date"),
	"cause": model.T("Cause"), "fault": model.T("Fault description"), "fault_category": model.T("Fault category"),
	"accessories": model.T("Accessories"), "condition": model.T("Visible damage"),
}

// counterFieldAliases maps the other names errors use to the form field they concern.
var counterFieldAliases = map[string]string{
	"name": "customer", "customer_id": "customer", "kind": "customer", "email": "customer",
	"on": "reported_date", "product": "model", "manufacturer": "model",
	"terminal_policy": "model", "distributor_policy": "model",
}

// counterScreen is the intake form at the counter: scan a serial, check the verdict, create the case.
type counterScreen struct {
	*screen
	u *MainUI

	serial, modelCode, customer, phone, region *counterEntry
	purchased, shipped, reported               *counterEntry
	cause                                      *choice
	fault                                      *counterEntry
	category                                   *choice
	newCategory                                *counterEntry // the name of a category being added
	newCategoryBox                             *fyne.Container
	accessories, condition                     *counterEntry
	createBtn                                  *button

	serialNote   *counterNote // what the lookup found
	goodsNote    *counterNote // the serial looks like another manufacturer's goods
	customerNote *counterNote // existing or new customer
	openCase     *counterOpenCase
	maker        *widget.Label
	invoice      *widget.Label
	notes        map[string]*counterNote // why each field is invalid
	modelList    *counterSuggestions
	customerList *counterSuggestions
	errs         *errorBanner
	verdict      *counterVerdict

	resultBox    *fyne.Container // the case just created
	resultTitle  *widget.Label
	resultDetail *widget.Label
	openBtn      *button
	newBtn       *button
	print        *printButtons // Print slip and Print label of the case just created
	formScroll   *container.Scroll
	form         *fyne.Container // the fields top to bottom, in formScroll
	serialBox    *fyne.Container // the serial with the notes under it, in form

	products     []model.Product
	categories   []string
	lastCategory string            // the category selected before "Add category…"
	sale         *model.Sale       // the serial's sales record, nil when unknown or not looked up
	lookedUp     model.Serial      // the serial the lookup on display is for
	lookupFailed bool              // the last lookup could not read the store (the server away)
	fromSale     bool              // the model, customer and dates were filled from sale
	addModel     *button           // under an unknown model: opens Products & serials with it typed in
	faultLength  *widget.Label     // the fault's length near its limit: "1990 of at most 2000 characters"
	customerID   model.CustomerID  // the customer picked from the list or the sale; 0 for a typed one
	picked       *model.Customer   //
	localErrs    map[string]string // dates that do not parse
	planErrs     map[string]string // problems the last plan found
	submitted    bool              // a create was tried: show every problem, also of empty fields
	creating     bool              //
	created      *model.Case       // the case this form created; the form is locked until New intake
	result       *intake.Result    // the last plan
	planTimer    *time.Timer       //
	custTimer    *time.Timer       //
	planGen      int64             // bumped by every plan; stale answers are dropped
	lookupGen    int64             //
	custGen      int64             //
	entries      []*counterEntry   // every entry of the form, in tab order
	focusTargets map[string]fyne.Focusable
}

// newCounterScreen builds the Counter screen, where a returned unit is taken in, and keeps it as u.counter.
func newCounterScreen(u *MainUI) *screen {
	s := &counterScreen{u: u,
		notes: map[string]*counterNote{}, categories: counterDefaultCategories()}
	u.counter = s
	for _, f := range counterFields {
		s.notes[f] = newCounterNote()
	}
	s.errs = newErrorBanner()

	// Serial: a scanner types it and presses Enter.
	s.serial = s.entry(say(model.T("Scan or type the serial number, then Enter")))
	// Not monospace: the monospace font has no Chinese, and the hint is Chinese in Chinese.
	s.serial.OnSubmitted = func(string) { s.lookup(true) }
	s.serial.OnChanged = func(string) { s.serialChanged() }
	s.serial.onFocusLost = func() {
		if t := model.Serial(strings.TrimSpace(s.serial.Text)); t != "" && t != s.lookedUp && s.created == nil {
			s.lookup(false)
		}
	}
	s.serialNote = newCounterNote()
	s.goodsNote = newCounterNote()
	s.openCase = newCounterOpenCase(func(id model.CaseID) {
		if u.openCase != nil {
			u.openCase(id)
		}
	})

	// Model, with completion from the catalog.
	s.modelCode = s.entry(say(model.T("Model code")))
	s.modelList = newCounterSuggestions(func(it counterSuggestion) {
		p := it.value.(model.Product)
		s.modelCode.setQuietly(string(p.Model))
		s.modelChanged(false)
		s.focus(s.modelCode)
	})
	s.modelCode.OnChanged = func(string) { s.modelChanged(true) }
	s.modelCode.onKey = s.modelList.key
	s.addModel = newIconButton(say(model.T("Add it under Products & serials")), theme.ContentAddIcon(), func() {
		u.addProduct("", model.ModelCode(strings.TrimSpace(s.modelCode.Text)))
	})
	s.addModel.Hide()
	s.maker = widget.NewLabel("")
	s.maker.Truncation = fyne.TextTruncateEllipsis
	s.invoice = widget.NewLabel("")
	s.invoice.Truncation = fyne.TextTruncateEllipsis

	// Customer: found by name or phone as you type, or typed in full for a new one.
	s.customer = s.entry(say(model.T("Name or phone"))) // a customer is found as it is typed
	s.customerList = newCounterSuggestions(func(it counterSuggestion) {
		c := it.value.(model.Customer)
		s.pickCustomer(&c)
		s.focus(s.customer)
		s.planNow()
	})
	s.customer.OnChanged = func(string) { s.customerChanged() }
	s.customer.onKey = s.customerList.key
	s.phone = s.entry(say(model.T("Phone")))
	s.phone.OnChanged = func(string) { s.phoneChanged() }
	s.region = s.entry(say(model.T("For a new customer")))
	s.region.OnChanged = func(string) { s.planSoon() }
	s.customerNote = newCounterNote()

	// Dates.
	s.purchased = s.dateEntry("purchase_date")
	s.shipped = s.dateEntry("shipment_date")
	s.reported = s.dateEntry("reported_date")
	s.reported.setQuietly(s.u.today().String())

	labels := make([]string, len(model.Causes))
	for i, c := range model.Causes {
		labels[i] = say(c.Label())
	}
	s.cause = newChoice(labels, func(string) { s.planNow() })
	s.cause.Selected = labels[0]

	// The fault.
	s.fault = newCounterMultiLineEntry(say(model.T("What does the customer say is wrong?")))
	s.fault.SetMinRowsVisible(3)
	s.wire(s.fault)
	s.fault.OnChanged = func(string) { s.fieldEdited("fault") }
	s.faultLength = widget.NewLabel("")
	s.faultLength.SizeName = theme.SizeNameCaptionText
	s.faultLength.Hide()
	limitLength(&s.fault.Entry, model.MaxTextLen, s.faultLength) // the count shows near the limit, as typed
	s.category = newChoice(nil, s.categoryChosen)
	s.category.PlaceHolder = say(model.T("Choose…"))
	s.setCategories(s.categories)
	s.newCategory = s.entry(say(model.T("New category, then Enter")))
	s.newCategory.OnSubmitted = func(t string) { s.addCategory(t) }
	s.newCategory.onKey = func(k *fyne.KeyEvent) bool {
		if k.Name != fyne.KeyEscape {
			return false
		}
		s.cancelNewCategory()
		return true
	}
	s.newCategoryBox = container.NewVBox(s.newCategory)
	s.newCategoryBox.Hide()
	s.accessories = s.entry(say(model.T("Charger, box…")))
	s.accessories.OnChanged = func(string) { s.fieldEdited("accessories") }
	s.condition = s.entry(say(model.T("Scratches, dents…")))
	s.condition.OnChanged = func(string) { s.fieldEdited("condition") }

	s.createBtn = newIconButton(say(model.T("Create case   (Ctrl+Enter)")), theme.ConfirmIcon(), s.create)
	u.writes(s.createBtn)
	s.createBtn.Importance = widget.HighImportance

	s.entries = []*counterEntry{s.serial, s.modelCode, s.customer, s.phone, s.region, s.purchased,
		s.shipped, s.reported, s.fault, s.newCategory, s.accessories, s.condition}
	s.focusTargets = map[string]fyne.Focusable{"serial": s.serial, "model": s.modelCode, "customer": s.customer,
		"phone": s.phone, "region": s.region, "purchase_date": s.purchased, "shipment_date": s.shipped,
		"reported_date": s.reported, "cause": s.cause, "fault": s.fault, "fault_category": s.category,
		"accessories": s.accessories, "condition": s.condition}

	// The result of a creation.
	s.resultTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.resultTitle.SizeName = theme.SizeNameSubHeadingText
	s.resultTitle.Importance = widget.SuccessImportance
	s.resultDetail = widget.NewLabel("")
	s.resultDetail.Wrapping = fyne.TextWrapWord
	s.openBtn = newIconButton(say(model.T("Open case")), theme.DocumentIcon(), s.openCreated)
	s.newBtn = newIconButton(say(model.T("New intake")), theme.ContentAddIcon(), s.newIntake)
	s.newBtn.Importance = widget.HighImportance
	s.print = newPrintButtons(u, func() model.CaseNo {
		if s.created == nil {
			return ""
		}
		return s.created.CaseNo
	})
	s.resultBox = container.NewVBox(widget.NewSeparator(), s.resultTitle, s.resultDetail,
		container.NewHBox(s.openBtn, s.print.slip, s.print.label, s.newBtn), s.print.msg)
	s.resultBox.Hide()

	s.verdict = newCounterVerdict()
	s.verdict.idle(say(model.T("Scan or type a serial number to see what the customer is entitled to.")))

	s.screen = newScreen(model.T("Counter"), theme.DocumentCreateIcon(), s.layout())
	s.screen.search = s.serial // Ctrl+F: scan a serial
	s.onShow = s.shown
	u.win.Canvas().AddShortcut(counterCreateShortcut, func(fyne.Shortcut) { s.shortcut() })
	u.win.Canvas().AddShortcut(counterKeypadShortcut, func(fyne.Shortcut) { s.shortcut() })
	u.win.Canvas().AddShortcut(counterNextShortcut, func(fyne.Shortcut) {
		if s.onScreen() && s.created != nil { // a form still being filled is not thrown away
			s.newIntake()
		}
	})
	return s.screen
}

// layout arranges the form top to bottom in tab order, with the verdict on the right.
func (s *counterScreen) layout() fyne.CanvasObject {
	cell := func(title, field string, obj fyne.CanvasObject) fyne.CanvasObject {
		s.notes[field].under(obj)
		return container.NewVBox(newCounterCaption(title), obj, s.notes[field])
	}
	info := func(title string, l *widget.Label) fyne.CanvasObject {
		return container.NewVBox(newCounterCaption(title), l)
	}
	for _, n := range []*counterNote{s.notes["serial"], s.serialNote, s.goodsNote, s.customerNote, s.openCase.note} {
		n.under(s.serial) // the serial's entry is as wide as the form
	}
	s.notes["fault_category"].under(s.category)
	s.serialBox = container.NewVBox(newCounterCaption(say(model.T("Serial number"))), s.serial, s.notes["serial"], s.serialNote, s.goodsNote, s.openCase.box)
	form := container.NewVBox(
		s.errs.box,
		s.serialBox,
		container.NewGridWithColumns(3, container.NewVBox(newCounterCaption(say(model.T("Model"))), s.modelCode, s.notes["model"], s.addModel), info(say(model.T("Manufacturer · product")), s.maker), info(say(model.T("Invoice")), s.invoice)),
		s.modelList.box,
		container.NewGridWithColumns(3, cell(say(model.T("Customer")), "customer", s.customer), cell(say(model.T("Phone")), "phone", s.phone), cell(say(model.T("Region")), "region", s.region)),
		s.customerList.box,
		s.customerNote,
		// Two rows of two: four in a row make the form too wide for a 1024 px screen beside the verdict.
		container.NewGridWithColumns(2, cell(say(model.T("Purchase date")), "purchase_date", s.purchased), cell(say(model.T("Shipped to us")), "shipment_date", s.shipped),
			cell(say(model.T("Reported")), "reported_date", s.reported), cell(say(model.T("Cause (after testing)")), "cause", s.cause)),
		container.NewVBox(newCounterCaption(say(model.T("Fault description"))), s.fault, s.notes["fault"], s.faultLength),
		container.NewGridWithColumns(3,
			container.NewVBox(newCounterCaption(say(model.T("Fault category"))), s.category, s.newCategoryBox, s.notes["fault_category"]),
			cell(say(model.T("Accessories received")), "accessories", s.accessories), cell(say(model.T("Visible damage")), "condition", s.condition)),
		container.NewHBox(s.createBtn),
		s.resultBox,
	)
	right := s.verdict.box
	s.form = form
	s.formScroll = container.NewVScroll(container.NewPadded(form))
	// The outcome of Print is at the foot of the form: it is brought into view.
	s.print.said = s.formScroll.ScrollToBottom
	return container.New(&sideColumn{share: counterVerdictShare, least: counterVerdictWidth},
		s.formScroll, widget.NewSeparator(),
		container.NewVScroll(container.NewPadded(right)))
}

// entry makes a single-line entry wired into the form.
func (s *counterScreen) entry(placeholder string) *counterEntry {
	e := newCounterEntry(placeholder)
	s.wire(e)
	return e
}

// wire gives an entry the counter's shortcut and closes other entries' suggestions when it takes the focus.
func (s *counterScreen) wire(e *counterEntry) {
	e.onShortcut = func(sc fyne.Shortcut) bool {
		if !isCounterCreateShortcut(sc) {
			return s.u.windowShortcut(sc) // Ctrl+1…, Ctrl+F
		}
		s.create()
		return true
	}
	// F1 is the window's even in the fault description, which takes every other key.
	e.onWindowKey = func(k *fyne.KeyEvent) bool { return k.Name == fyne.KeyF1 && s.u.typedKey(k, false) }
	e.onFocusGained = func() {
		if e != s.modelCode {
			s.modelList.hide()
		}
		if e != s.customer {
			s.customerList.hide()
		}
	}
}

// dateEntry makes an entry for a date typed as YYYY-MM-DD, checked as it is typed.
func (s *counterScreen) dateEntry(field string) *counterEntry {
	e := s.entry(say(model.T("YYYY-MM-DD")))
	e.OnChanged = func(t string) {
		t = strings.TrimSpace(t)
		if len(t) >= 10 || t == "" {
			s.checkDate(field, e)
		} else {
			delete(s.localErrs, field) // still typing
			s.renderNotes()
		}
		s.planSoon()
	}
	e.onFocusLost = func() {
		if s.created == nil {
			s.checkDate(field, e)
		}
	}
	return e
}

// checkDate shows why a typed date is not a date, or clears the message.
func (s *counterScreen) checkDate(field string, e *counterEntry) {
	if s.localErrs == nil {
		s.localErrs = map[string]string{}
	}
	delete(s.localErrs, field)
	if t := strings.TrimSpace(e.Text); t != "" {
		if _, err := model.ReadDate(t); err != nil {
			s.localErrs[field] = counterMessage(field, model.ErrorText(err))
		}
	}
	s.renderNotes()
}

// shown runs when the screen comes into view: fresh catalog and categories, and the cursor in the serial.
func (s *counterScreen) shown() {
	s.loadProducts()
	s.loadCategories()
	if s.created != nil {
		s.focus(s.newBtn)
	} else {
		s.focus(s.serial)
	}
}

func (s *counterScreen) focus(f fyne.Focusable) {
	s.u.win.Canvas().Focus(f)
}

// relayout lays the form out anew once the notes under its fields came or went: first its
// height in the scroll, then everything in it (layOutAgain).
func (s *counterScreen) relayout() {
	if s.formScroll == nil {
		return
	}
	s.formScroll.Refresh()
	layOutAgain(s.form)
	canvas.Refresh(s.form)
}

// onScreen reports whether the counter is the screen on display.
func (s *counterScreen) onScreen() bool {
	return s.u.current >= 0 && s.u.current < len(s.u.screens) && s.u.screens[s.u.current] == s.screen
}

// shortcut is Ctrl+Enter typed while no entry of the form has the focus.
func (s *counterScreen) shortcut() {
	if s.onScreen() {
		s.create()
	}
}

func (s *counterScreen) loadProducts() {
	s.u.background(func(ctx context.Context) func() {
		ps, err := s.u.store.ListProducts(ctx, 0)
		return func() {
			if err != nil {
				s.errs.set(say(model.T("Could not load the products")), err)
				return
			}
			s.products = ps
			s.updateGoodsNote()
		}
	})
}

// --- serial lookup ---

// catchUp brings the counter up to what is stored, on a change notice: a lookup that failed
// (the server away) is made again, and the verdict is worked out anew (the serial's cases
// may have changed at another counter).
func (s *counterScreen) catchUp() {
	if s.lookupFailed {
		s.lookup(false) // then the verdict
		return
	}
	s.planNow()
}

func (s *counterScreen) serialChanged() {
	typed := model.Serial(strings.TrimSpace(s.serial.Text))
	if typed != s.lookedUp || typed == "" {
		// Another serial, or none: what the last one's record filled in is not this unit's.
		// Enter or Tab looks the new one up.
		s.serialNote.set("", widget.MediumImportance)
		s.forgetSale()
		s.lookedUp = ""
	}
	s.fieldEdited("serial")
	s.updateGoodsNote()
	s.planSoon()
}

// lookup finds the serial's sales record and fills the form from it; moveOn sends the
// cursor on to the next thing to type (the fault, or the model for an unknown serial).
func (s *counterScreen) lookup(moveOn bool) {
	if s.created != nil {
		return
	}
	serial := model.Serial(strings.TrimSpace(s.serial.Text))
	if serial == "" {
		s.notes["serial"].set(say(model.T("Scan or type the serial number first")), widget.DangerImportance)
		return
	}
	s.lookupGen++
	gen := s.lookupGen
	s.u.background(func(ctx context.Context) func() {
		sale, err := intake.FindSale(ctx, s.u.store, serial)
		var cust *model.Customer
		if err == nil && sale.CustomerID != 0 {
			cust, _ = s.u.store.CustomerByID(ctx, sale.CustomerID) // the region; the sale has the rest
		}
		return func() {
			if gen != s.lookupGen || model.Serial(strings.TrimSpace(s.serial.Text)) != serial || s.created != nil {
				return
			}
			s.lookupFailed = err != nil && model.ErrorCode(err) != model.ENOTFOUND
			switch {
			case err == nil:
				s.errs.set("", nil)
				s.fillFromSale(sale, cust)
				if moveOn {
					s.focus(s.fault)
				}
			case model.ErrorCode(err) == model.ENOTFOUND:
				s.errs.set("", nil)
				s.unknownSerial(serial)
				if moveOn {
					s.focus(s.modelCode)
				}
			default:
				s.errs.set(say(model.T("Could not look up the serial")), err)
				return
			}
			s.planNow()
		}
	})
}

// fillFromSale puts the sales record of the serial into the form.
func (s *counterScreen) fillFromSale(sale *model.Sale, cust *model.Customer) {
	s.sale, s.lookedUp, s.fromSale = sale, sale.Serial, true
	s.serial.setQuietly(string(sale.Serial)) // as printed on the unit, however it was typed
	s.modelCode.setQuietly(string(sale.Model))
	s.modelList.hide()
	s.customerList.hide()
	if cust != nil {
		s.pickCustomer(cust)
	} else {
		s.unpickCustomer()
		s.customer.setQuietly(sale.CustomerName)
		s.phone.setQuietly(sale.Phone)
		s.region.setQuietly("")
	}
	s.purchased.setQuietly(sale.PurchaseDate.String())
	s.shipped.setQuietly(sale.ShipmentDate.String())
	for _, f := range []string{"purchase_date", "shipment_date"} {
		delete(s.localErrs, f)
	}
	s.invoice.SetText(counterOrDash(sale.Invoice))
	s.maker.SetText(s.productText(sale.ProductID, sale.Manufacturer))
	note := say(model.T("Sales record found: %s", sale.Model))
	if !sale.PurchaseDate.IsZero() {
		note += say(model.T(", sold on %s", sale.PurchaseDate.String()))
	}
	if sale.CustomerName != "" {
		note += say(model.T(" to %s", sale.CustomerName))
	}
	s.serialNote.set(note, widget.SuccessImportance)
	s.updateGoodsNote()
	s.renderNotes() // and the layout
}

// unknownSerial lets the dealer type what a sales record would have filled in.
func (s *counterScreen) unknownSerial(serial model.Serial) {
	s.forgetSale()
	s.sale, s.lookedUp, s.fromSale = nil, serial, false
	s.invoice.SetText("–")
	s.serialNote.set(say(model.T("No sales record for this serial: enter the model, customer and dates by hand")), widget.WarningImportance)
	s.updateGoodsNote()
}

// forgetSale empties what the previous serial's sales record filled in: it is not the
// next unit's.
func (s *counterScreen) forgetSale() {
	if !s.fromSale {
		return
	}
	s.modelCode.setQuietly("")
	s.unpickCustomer()
	s.customer.setQuietly("")
	s.phone.setQuietly("")
	s.region.setQuietly("")
	s.purchased.setQuietly("")
	s.shipped.setQuietly("")
	s.maker.SetText("")
	s.invoice.SetText("")
	s.customerNote.set("", widget.MediumImportance)
	s.sale, s.fromSale = nil, false
}

// productText names the manufacturer and product of a catalog product.
func (s *counterScreen) productText(id model.ProductID, fallback string) string {
	for _, p := range s.products {
		if p.ID == id {
			if p.Name == "" {
				return p.Manufacturer
			}
			return p.Manufacturer + " · " + p.Name
		}
	}
	return fallback
}

// updateGoodsNote warns when an unknown serial looks like another manufacturer's goods than
// the model typed (serials start with the model code), or hints at the model it looks like.
func (s *counterScreen) updateGoodsNote() {
	defer s.relayout()
	serial := strings.TrimSpace(s.serial.Text)
	if serial == "" || s.sale != nil {
		s.goodsNote.set("", widget.MediumImportance)
		return
	}
	s.goodsNote.set(counterForeignGoods(s.products, serial, strings.TrimSpace(s.modelCode.Text)))
}

// counterForeignGoods compares the product whose model code begins the serial with the model typed.
func counterForeignGoods(products []model.Product, serial, typed string) (string, widget.Importance) {
	var like *model.Product
	for i, p := range products {
		code := string(p.Model)
		if len(code) >= 2 && len(code) <= len(serial) && strings.EqualFold(serial[:len(code)], code) &&
			(like == nil || len(code) > len(like.Model)) {
			like = &products[i]
		}
	}
	if like == nil {
		return "", widget.MediumImportance
	}
	if typed == "" {
		return say(model.T("The serial begins like %s %s (%s)", like.Manufacturer, like.Model, like.Name)), widget.MediumImportance
	}
	var makers []string
	for _, p := range products {
		if strings.EqualFold(string(p.Model), typed) {
			if p.ManufacturerID == like.ManufacturerID {
				return "", widget.MediumImportance
			}
			makers = append(makers, p.Manufacturer)
		}
	}
	if len(makers) == 0 {
		return "", widget.MediumImportance // an unknown model: the plan says so at the model
	}
	return say(model.T("This serial looks like %s goods (%s), but %s is made by %s: check that the unit is the one we sold",
		like.Manufacturer, like.Model, typed, sayList(makers))), widget.DangerImportance
}

// --- model ---

func (s *counterScreen) modelChanged(typed bool) {
	text := strings.TrimSpace(s.modelCode.Text)
	if typed {
		var items []counterSuggestion
		if text != "" {
			q := strings.ToLower(text)
			for _, p := range s.products {
				if strings.Contains(strings.ToLower(string(p.Model)), q) || strings.Contains(strings.ToLower(p.Name), q) {
					if strings.EqualFold(string(p.Model), text) && len(items) == 0 && s.onlyModel(text) {
						break // typed in full: nothing to pick
					}
					items = append(items, counterSuggestion{text: fmt.Sprintf("%s · %s · %s", p.Model, p.Name, p.Manufacturer), value: p})
				}
			}
		}
		s.modelList.set(items)
	}
	s.maker.SetText("")
	for _, p := range s.products {
		if strings.EqualFold(string(p.Model), text) {
			s.maker.SetText(s.productText(p.ID, ""))
			break
		}
	}
	s.fieldEdited("model")
	s.updateGoodsNote()
	s.planSoon()
}

// onlyModel reports whether exactly one product has the model code.
func (s *counterScreen) onlyModel(code string) bool {
	n := 0
	for _, p := range s.products {
		if strings.EqualFold(string(p.Model), code) {
			n++
		}
	}
	return n == 1
}

// --- customer ---

// pickCustomer takes an existing customer for the case.
func (s *counterScreen) pickCustomer(c *model.Customer) {
	s.customerID, s.picked = c.ID, c
	s.customer.setQuietly(c.Name)
	s.phone.setQuietly(c.Phone)
	s.region.setQuietly(c.Region)
	s.region.Disable()
	s.customerList.hide()
	s.customerNote.set(counterCustomerText(c, true), widget.MediumImportance)
	delete(s.planErrs, "customer")
	s.renderNotes()
}

// unpickCustomer forgets the picked customer: the name and phone typed decide (matched or created).
func (s *counterScreen) unpickCustomer() {
	if s.customerID == 0 {
		return
	}
	s.customerID, s.picked = 0, nil
	s.region.Enable()
	s.region.setQuietly("")
	s.customerNote.set("", widget.MediumImportance)
	s.relayout()
}

func (s *counterScreen) customerChanged() {
	if s.picked != nil && s.customer.Text != s.picked.Name {
		// Another name is another customer: the picked one's phone is not theirs.
		if s.phone.Text == s.picked.Phone {
			s.phone.setQuietly("")
		}
		s.unpickCustomer()
	}
	s.fieldEdited("customer")
	s.searchCustomersSoon()
	s.planSoon()
}

func (s *counterScreen) phoneChanged() {
	if s.picked != nil && s.phone.Text != s.picked.Phone {
		s.unpickCustomer()
	}
	s.fieldEdited("phone")
	s.planSoon()
}

// searchCustomersSoon searches customers by the name or phone typed once typing pauses.
func (s *counterScreen) searchCustomersSoon() {
	s.u.cancelPause(&s.custTimer)
	s.custGen++
	if strings.TrimSpace(s.customer.Text) == "" || s.picked != nil {
		s.customerList.hide()
		return
	}
	s.u.afterPause(&s.custTimer, counterCustomerDelay, s.searchCustomers)
}

func (s *counterScreen) searchCustomers() {
	q := strings.TrimSpace(s.customer.Text)
	if q == "" {
		return
	}
	s.custGen++
	gen := s.custGen
	s.u.background(func(ctx context.Context) func() {
		found, err := s.u.store.FindCustomers(ctx, q, counterMaxSuggestions)
		return func() {
			if gen != s.custGen || strings.TrimSpace(s.customer.Text) != q || s.picked != nil || s.created != nil {
				return
			}
			if err != nil {
				s.errs.set(say(model.T("Could not search the customers")), err)
				return
			}
			items := make([]counterSuggestion, 0, len(found))
			for _, c := range found {
				items = append(items, counterSuggestion{text: counterCustomerText(&c, false), value: c})
			}
			s.customerList.set(items)
		}
	})
}

// counterCustomerText describes a customer in one line.
func counterCustomerText(c *model.Customer, existing bool) string {
	parts := []string{c.Name}
	if existing {
		parts[0] = say(model.T("Existing customer: %s", c.Name))
	}
	for _, p := range []string{c.Phone, c.Region} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if c.Kind == model.KindDealer || c.Kind == model.KindOEM {
		parts = append(parts, say(c.Kind.Label()))
	}
	if c.Regular {
		parts = append(parts, say(model.T("regular customer")))
	}
	return strings.Join(parts, " · ")
}

// --- fault categories ---

func (s *counterScreen) loadCategories() {
	s.u.background(func(ctx context.Context) func() {
		v, err := s.u.store.Setting(ctx, counterCategoriesKey)
		return func() {
			if err != nil {
				s.errs.set(say(model.T("Could not load the fault categories")), err)
				return
			}
			cats := counterDefaultCategories()
			if v != "" {
				var stored []string
				if json.Unmarshal([]byte(v), &stored) == nil && len(stored) > 0 {
					cats = stored
				}
			}
			s.setCategories(cats)
		}
	})
}

func (s *counterScreen) setCategories(cats []string) {
	s.categories = cats
	s.category.Options = append(slices.Clone(cats), counterAddCategory())
	s.category.Refresh()
}

func (s *counterScreen) categoryChosen(c string) {
	if c != counterAddCategory() {
		s.lastCategory = c
		s.newCategoryBox.Hide()
		return
	}
	s.newCategory.setQuietly("")
	s.newCategoryBox.Show()
	s.focus(s.newCategory)
}

func (s *counterScreen) cancelNewCategory() {
	s.newCategoryBox.Hide()
	s.notes["fault_category"].set("", widget.MediumImportance)
	s.category.SetSelected(s.lastCategory)
	if s.lastCategory == "" {
		s.category.ClearSelected()
	}
	s.focus(s.category)
}

// addCategory adds a fault category to the shop's list, saves the list and selects it.
func (s *counterScreen) addCategory(name string) {
	name = strings.TrimSpace(name)
	note := s.notes["fault_category"]
	if name == "" {
		note.set(say(model.T("Type the name of the new category")), widget.DangerImportance)
		return
	}
	if name == counterAddCategory() || len([]rune(name)) > model.MaxNameLen {
		note.set(say(model.T("A category name has at most %d characters", model.MaxNameLen)), widget.DangerImportance)
		return
	}
	for _, c := range s.categories {
		if strings.EqualFold(c, name) {
			s.newCategoryBox.Hide()
			note.set("", widget.MediumImportance)
			s.category.SetSelected(c)
			s.focus(s.accessories)
			return
		}
	}
	cats := append(slices.Clone(s.categories), name)
	data, _ := json.Marshal(cats)
	s.u.background(func(ctx context.Context) func() {
		err := s.u.store.SetSetting(ctx, counterCategoriesKey, string(data))
		return func() {
			if err != nil {
				note.set(sayFailed(say(model.T("Could not save the category")), err), widget.DangerImportance)
				return
			}
			note.set("", widget.MediumImportance)
			s.setCategories(cats)
			s.newCategoryBox.Hide()
			s.category.SetSelected(name)
			s.focus(s.accessories)
		}
	})
}

// --- the form, the plan and its problems ---

// selectedCause is the cause chosen in the select.
func (s *counterScreen) selectedCause() model.Cause {
	if i := s.cause.SelectedIndex(); i >= 0 && i < len(model.Causes) {
		return model.Causes[i]
	}
	return model.CauseUnknown
}

// request reads the form; dates that do not parse are left out and reported in the map.
func (s *counterScreen) request() (intake.Request, map[string]string) {
	bad := map[string]string{}
	date := func(field string, e *counterEntry) model.Date {
		t := strings.TrimSpace(e.Text)
		if t == "" {
			return model.Date{}
		}
		d, err := model.ReadDate(t)
		if err != nil {
			bad[field] = counterMessage(field, model.ErrorText(err))
		}
		return d
	}
	category := s.category.Selected
	if category == counterAddCategory() {
		category = ""
	}
	req := intake.Request{
		CustomerID:    s.customerID,
		CustomerName:  strings.TrimSpace(s.customer.Text),
		Phone:         strings.TrimSpace(s.phone.Text),
		Region:        strings.TrimSpace(s.region.Text),
		Model:         model.ModelCode(strings.TrimSpace(s.modelCode.Text)),
		Serial:        model.Serial(strings.TrimSpace(s.serial.Text)),
		Purchased:     date("purchase_date", s.purchased),
		Shipped:       date("shipment_date", s.shipped),
		On:            date("reported_date", s.reported),
		Cause:         s.selectedCause(),
		Fault:         strings.TrimSpace(s.fault.Text),
		FaultCategory: category,
		Accessories:   strings.TrimSpace(s.accessories.Text),
		Condition:     strings.TrimSpace(s.condition.Text),
	}
	return req, bad
}

// fieldEdited clears the problem the last plan found with a field the dealer is changing.
func (s *counterScreen) fieldEdited(field string) {
	if _, ok := s.planErrs[field]; ok {
		delete(s.planErrs, field)
		s.renderNotes()
	}
}

// planSoon works the verdict out again once typing has paused.
func (s *counterScreen) planSoon() {
	s.u.afterPause(&s.planTimer, counterPlanDelay, s.planNow)
}

// planNow works out the verdict for the form on a goroutine and shows it when it arrives.
func (s *counterScreen) planNow() {
	if s.created != nil || s.creating {
		return
	}
	s.planGen++
	gen := s.planGen
	req, bad := s.request() // the dates' own notes come from checkDate: a date half typed is no mistake yet
	if req.Serial == "" {
		s.planErrs = nil
		s.renderNotes()
		s.result = nil
		s.openCase.show(nil)
		s.relayout()
		s.verdict.idle(say(model.T("Scan or type a serial number to see what the customer is entitled to.")))
		return
	}
	if len(bad) > 0 {
		s.verdict.idle(say(model.T("Complete or correct the dates (YYYY-MM-DD) to see the verdict.")))
		return
	}
	s.u.background(func(ctx context.Context) func() {
		res, err := intake.Plan(ctx, s.u.store, req)
		return func() {
			if gen == s.planGen && s.created == nil && !s.creating {
				s.showPlan(res, err, say(model.T("Cannot work out the verdict")))
			}
		}
	})
}

// showPlan shows a plan's verdict and the problems it found next to their fields; what has
// no field goes in the banner, after doing ("Could not create the case").
func (s *counterScreen) showPlan(res *intake.Result, err error, doing string) {
	s.result = res
	s.openCase.show(res)
	s.planErrs = map[string]string{}
	var first string
	if err != nil {
		unplaced := s.placeErrors(err)
		if unplaced != nil {
			s.errs.set(doing, unplaced)
		} else {
			s.errs.set("", nil)
		}
		for _, f := range counterFields {
			if m, ok := s.planErrs[f]; ok {
				first = m
				break
			}
		}
		if first == "" && unplaced != nil {
			first = sayError(unplaced)
		}
	} else {
		s.errs.set("", nil)
	}
	s.renderNotes()
	if res != nil && (res.Verdict.Customer != nil || res.Verdict.Manufacturer != nil) {
		s.verdict.show(res)
	} else {
		s.verdict.idle(say(model.T("No verdict yet: %s", first)))
	}
	if res != nil && res.Customer != nil {
		switch {
		case res.Customer.ID != 0:
			s.customerNote.set(counterCustomerText(res.Customer, true), widget.MediumImportance)
		case res.Customer.Name != "":
			s.customerNote.set(say(model.T("New customer: %s will be added with the case", res.Customer.Name)), widget.MediumImportance)
		}
	}
	if res != nil && res.Manufacturer != nil && res.Product != nil {
		t := res.Manufacturer.Name
		if res.Product.Name != "" {
			t += " · " + res.Product.Name
		}
		s.maker.SetText(t)
	}
	s.relayout()
}

// placeErrors records the problems of err against the form's fields and returns what has
// no field to go next to (nil when everything found its place).
func (s *counterScreen) placeErrors(err error) error {
	if model.ErrorCode(err) != model.EINVALID {
		return err
	}
	var rest model.Errors
	for f, m := range model.FieldTexts(err) {
		field := f
		if a, ok := counterFieldAliases[f]; ok {
			field = a
		}
		if _, ok := s.notes[field]; !ok {
			rest = append(rest, model.Invalid(f, "%s", m))
			continue
		}
		if _, dup := s.planErrs[field]; !dup {
			s.planErrs[field] = counterMessage(field, m)
		}
	}
	if len(rest) == 0 {
		return nil
	}
	return rest
}

// renderNotes shows each field's problem: a date that does not parse first, then what the plan
// found. Until a create is tried, problems with fields still empty stay quiet.
func (s *counterScreen) renderNotes() {
	for _, f := range counterFields {
		msg := s.localErrs[f]
		if msg == "" {
			if m, ok := s.planErrs[f]; ok && (s.submitted || !s.fieldEmpty(f)) {
				msg = m
			}
		}
		s.notes[f].set(msg, widget.DangerImportance)
	}
	typed := strings.TrimSpace(s.modelCode.Text)
	s.addModel.Hidden = s.notes["model"].text() == "" || typed == "" || slices.ContainsFunc(s.products,
		func(p model.Product) bool { return strings.EqualFold(string(p.Model), typed) })
	s.addModel.Refresh()
	s.relayout()
}

func (s *counterScreen) fieldEmpty(f string) bool {
	switch f {
	case "cause":
		return false
	case "fault_category":
		return s.category.Selected == ""
	}
	if e, ok := s.focusTargets[f].(*counterEntry); ok {
		return strings.TrimSpace(e.Text) == ""
	}
	return false
}

// counterMessage writes a field's problem as a sentence: "Purchase date is required" (型号必填).
// Whether it needs the field's name is read off its English wording, in any language.
func counterMessage(field string, msg model.Text) string {
	word, _, _ := strings.Cut(msg.String(), " ")
	switch word {
	case "is", "are", "or", "must", "may", "cannot", "has", "was", "needs", "contains":
		return say(model.T("%s %s", counterFieldLabels[field], msg))
	}
	return capitalized(say(msg))
}

// --- creating the case ---

// create plans the case from the form and saves it; problems go next to their fields.
func (s *counterScreen) create() {
	if s.creating || s.created != nil {
		return
	}
	if s.u.readOnly != "" { // Ctrl+Enter reaches here with the button disabled
		s.errs.set(say(model.T("No case was created")), model.Errorf(model.EREADONLY, "the database is read-only (%s)", s.u.readOnly))
		return
	}
	s.submitted = true
	s.modelList.hide()
	s.customerList.hide()
	req, bad := s.request()
	s.localErrs = bad
	s.renderNotes()
	if req.Serial == "" {
		s.planErrs = map[string]string{"serial": say(model.T("Scan or type the serial number first"))}
		s.renderNotes()
		s.focus(s.serial)
		return
	}
	if len(bad) > 0 {
		s.focusFirstProblem()
		return
	}
	s.creating = true
	s.planGen++ // answers of plans still on their way are out of date
	s.createBtn.Disable()
	s.u.background(func(ctx context.Context) func() {
		res, err := intake.Plan(ctx, s.u.store, req)
		var c *model.Case
		var centre *model.ServiceCentre
		if err == nil {
			c, err = s.u.store.CreateCase(ctx, res.NewCase, deskActor())
		}
		if err == nil && c.ServiceCentreID != 0 {
			if centres, cerr := s.u.store.ListServiceCentres(ctx); cerr == nil {
				for i := range centres {
					if centres[i].ID == c.ServiceCentreID {
						centre = &centres[i]
					}
				}
			}
		}
		return func() {
			s.creating = false
			if err != nil {
				s.createBtn.Enable()
				s.showPlan(res, err, say(model.T("Could not create the case")))
				s.focusFirstProblem()
				return
			}
			s.showCreated(c, res, centre)
		}
	})
}

// focusFirstProblem puts the cursor in the first field that says what is wrong.
func (s *counterScreen) focusFirstProblem() {
	for _, f := range counterFields {
		if s.notes[f].text() != "" {
			s.focus(s.focusTargets[f])
			return
		}
	}
}

// showCreated shows the new case's numbers and locks the form until the next intake.
func (s *counterScreen) showCreated(c *model.Case, res *intake.Result, centre *model.ServiceCentre) {
	s.created = c
	s.result = res
	s.errs.set("", nil)
	s.planErrs = nil
	s.localErrs = nil
	s.renderNotes()
	s.openCase.show(nil) // the unit's open case is the one just created
	s.verdict.show(res)
	s.resultTitle.SetText(say(model.T("Case %s created", string(c.CaseNo))))
	var lines []string
	lines = append(lines, say(model.T("Status %s · tier %s", say(c.Status.Label()), say(c.Tier.Label()))))
	if c.MaintenanceNo != "" {
		lines = append(lines, say(model.T("Maintenance no. %s", string(c.MaintenanceNo))))
	}
	if centre != nil {
		sc := say(model.T("Service centre: %s", centre.Name))
		if centre.Region != "" {
			sc += " (" + centre.Region + ")"
		}
		for _, p := range []string{centre.Address, centre.Phone} {
			if p != "" {
				sc += " · " + p
			}
		}
		lines = append(lines, sc)
	} else if c.Tier == model.TierRepair {
		lines = append(lines, say(model.T("No service centre found for the customer's region: choose one on the case")))
	}
	if res != nil && res.NewCase.Customer != nil {
		lines = append(lines, say(model.T("New customer added: %s", res.NewCase.Customer.Name)))
	}
	s.resultDetail.SetText(strings.Join(lines, "\n"))
	if s.u.openCase != nil {
		s.openBtn.Enable()
	} else {
		s.openBtn.Disable()
	}
	s.resultBox.Show()
	s.relayout()
	s.formScroll.ScrollToBottom() // the new case's card and its buttons, at the foot of the form
	s.setFormEnabled(false)
	s.focus(s.newBtn)
}

func (s *counterScreen) openCreated() {
	if s.created != nil && s.u.openCase != nil {
		s.u.openCase(s.created.ID)
	}
}

// setFormEnabled locks the form once its case is saved, and unlocks it for the next intake.
func (s *counterScreen) setFormEnabled(on bool) {
	for _, e := range s.entries {
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
	for _, w := range []fyne.Disableable{s.cause, s.category, s.createBtn} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if on && s.customerID != 0 {
		s.region.Disable()
	}
}

// newIntake clears the form for the next unit and puts the cursor in the serial.
func (s *counterScreen) newIntake() {
	s.created, s.creating, s.submitted, s.result = nil, false, false, nil
	s.sale, s.lookedUp, s.fromSale, s.lookupFailed = nil, "", false, false
	s.customerID, s.picked = 0, nil
	s.localErrs, s.planErrs = nil, nil
	s.planGen++
	s.lookupGen++
	s.custGen++
	s.setFormEnabled(true)
	for _, e := range s.entries {
		e.setQuietly("")
	}
	s.reported.setQuietly(s.u.today().String())
	s.cause.SetSelectedIndex(0)
	s.category.ClearSelected()
	s.lastCategory = ""
	s.newCategoryBox.Hide()
	s.maker.SetText("")
	s.invoice.SetText("")
	for _, n := range []*counterNote{s.serialNote, s.goodsNote, s.customerNote} {
		n.set("", widget.MediumImportance)
	}
	s.openCase.show(nil)
	s.modelList.hide()
	s.customerList.hide()
	s.errs.set("", nil)
	s.renderNotes()
	s.resultBox.Hide()
	s.print.clear()
	s.verdict.idle(say(model.T("Scan or type a serial number to see what the customer is entitled to.")))
	s.planGen++ // the cause select's change above started a plan for the empty form
	s.relayout()
	s.formScroll.ScrollToTop() // the serial, which has the focus, in view
	s.focus(s.serial)
}

func counterOrDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// counterAddCategory() is a choice besides the values themselves, in the window's language.
func counterAddCategory() string { return say(model.T("Add category…")) }
