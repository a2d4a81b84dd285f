package gui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
)

// productsScreen lists each manufacturer's products and edits them, looks a serial up
// (its sales record, its cases, the units it was swapped with) and imports sales records.
type productsScreen struct {
	*screen
	u *MainUI

	errs   *errorBanner
	maker  *choice // filters the list
	add    *button // New product
	list   *widget.List
	count  *widget.Label
	form   *productForm
	lookup *serialLookup
	imp    *salesImport
	// importBtn opens the import window.
	importBtn *button

	makers   []model.Manufacturer
	rows     []model.Product
	selected model.ProductID // the product in the form (0: a new one)
	gen      int64           // bumped by every load; stale answers are dropped
}

// newProductsScreen builds the Products & serials screen and keeps it in u.products.
func newProductsScreen(u *MainUI) *productsScreen {
	s := &productsScreen{u: u}
	u.products = s
	s.errs = newErrorBanner()

	s.maker = newChoice([]string{allManufacturers()}, func(string) { s.load() })
	s.maker.Selected = allManufacturers()
	s.list = widget.NewList(
		func() int { return len(s.rows) },
		func() fyne.CanvasObject {
			code := widget.NewLabelWithStyle(say(model.T("HT-MODEL-CODE")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			price := widget.NewLabel("1299.00")
			info := widget.NewLabel(say(model.T("Product name · Manufacturer")))
			info.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, code, price, info)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < 0 || id >= len(s.rows) {
				return
			}
			p := s.rows[id]
			row := o.(*fyne.Container)
			row.Objects[1].(*widget.Label).SetText(string(p.Model))
			row.Objects[2].(*widget.Label).SetText(p.UnitPrice.String())
			row.Objects[0].(*widget.Label).SetText(productInfo(p))
		},
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(s.rows) && s.rows[id].ID != s.selected {
			s.selected = s.rows[id].ID
			s.form.edit(s.rows[id])
		}
	}
	s.count = widget.NewLabel("")
	s.count.SizeName = theme.SizeNameCaptionText
	s.add = newIconButton(say(model.T("New product")), theme.ContentAddIcon(), s.newProduct)
	s.form = newProductForm(s)

	top := container.NewBorder(nil, nil, nil, s.add, s.maker)
	products := container.NewVSplit(
		container.NewBorder(nil, s.count, nil, nil, s.list),
		container.NewVScroll(s.form.view))
	products.SetOffset(0.45)
	left := container.NewBorder(top, nil, nil, nil, products)

	s.lookup = newSerialLookup(u)
	s.imp = newSalesImport(u, func(int) { s.lookup.again() })
	s.importBtn = newIconButton(say(model.T("Import sales records…")), theme.UploadIcon(), s.imp.start)
	u.writes(s.add, s.importBtn)

	split := container.NewHSplit(left, s.lookup.view)
	split.SetOffset(0.4)
	s.screen = newScreen(model.T("Products & serials"), theme.ComputerIcon(), container.NewBorder(s.errs.box, nil, nil, nil, split), s.importBtn)
	s.screen.search = s.lookup.entry
	s.onShow = s.load
	s.form.edit(model.Product{})
	return s
}

// productInfo is the second line of a product in the list.
func productInfo(p model.Product) string {
	parts := []string{}
	if p.Name != "" {
		parts = append(parts, p.Name)
	}
	parts = append(parts, p.Manufacturer)
	if p.CustomBranded {
		parts = append(parts, say(model.T("custom-branded")))
	}
	return strings.Join(parts, " · ")
}

// makerID is the manufacturer chosen in the filter, 0 for all.
func (s *productsScreen) makerID() model.ManufacturerID {
	if m := makerNamed(s.makers, s.maker.Selected); m != nil {
		return m.ID
	}
	return 0
}

// load reads the manufacturers and the products of the one chosen.
func (s *productsScreen) load() {
	mid := s.makerID()
	var makers []model.Manufacturer
	var rows []model.Product
	s.u.latest(&s.gen, s.errs, say(model.T("Could not load the products")), func(ctx context.Context) (err error) {
		if makers, err = s.u.store.ListManufacturers(ctx); err == nil {
			rows, err = s.u.store.ListProducts(ctx, mid)
		}
		return err
	}, func() { s.show(makers, rows) })
}

// show puts the manufacturers in the filter and the form, and the products in the list.
func (s *productsScreen) show(makers []model.Manufacturer, rows []model.Product) {
	s.makers = makers
	names := []string{allManufacturers()}
	for _, m := range makers {
		names = append(names, m.Name)
	}
	s.maker.SetOptions(names)
	if !slices.Contains(names, s.maker.Selected) {
		s.maker.Selected = allManufacturers()
		s.maker.Refresh()
	}
	s.form.setMakers(makers)

	s.rows = rows
	s.list.UnselectAll()
	s.list.Refresh()
	for i, p := range rows {
		if p.ID == s.selected && p.ID != 0 {
			s.list.Select(i)
			s.list.ScrollTo(i)
			break
		}
	}
	switch len(rows) {
	case 0:
		if len(makers) == 0 {
			s.count.SetText(say(model.T("No manufacturers yet: add one under Manufacturers & policies first")))
		} else {
			s.count.SetText(say(model.T("No products yet")))
		}
	case 1:
		s.count.SetText(say(model.T("1 product")))
	default:
		s.count.SetText(say(model.T("%d products", len(rows))))
	}
}

// newProduct clears the form for a new product of the manufacturer in the filter.
func (s *productsScreen) newProduct() {
	s.list.UnselectAll()
	s.selected = 0
	s.form.edit(model.Product{ManufacturerID: s.makerID()})
	s.u.win.Canvas().Focus(s.form.code)
}

// addProduct shows Products & serials with the form of a new product of the manufacturer
// named maker ("" for the one chosen in the list's filter) and code typed in: the way from
// the first-start guide and from the counter's unknown model.
func (u *MainUI) addProduct(maker string, code model.ModelCode) {
	s := u.products
	u.Show(s.screen.title)
	s.newProduct()
	if maker != "" {
		s.form.maker.Selected = maker // kept when the load brings the choices
		s.form.maker.Refresh()
	}
	s.form.code.SetText(string(code))
	if code != "" {
		u.win.Canvas().Focus(s.form.name)
	}
}

// saved is called when the form has stored p.
func (s *productsScreen) saved(p model.Product) {
	s.selected = p.ID
	s.errs.set("", nil)
	s.load()
}

// productForm edits one product, or a new one, with each field's problem next to it.
type productForm struct {
	s    *productsScreen
	view fyne.CanvasObject

	title             *widget.Label
	maker             *choice
	code, name, price *widget.Entry
	custom            *check
	errs              fieldErrors
	save              *button
	savedNote         *widget.Label

	makers   []model.Manufacturer
	original model.Product
}

func newProductForm(s *productsScreen) *productForm {
	f := &productForm{s: s, errs: fieldErrors{}}
	f.title = newFormTitle()
	f.maker = newChoice(nil, nil)
	f.maker.PlaceHolder = say(model.T("(choose the manufacturer)"))
	f.code = widget.NewEntry()
	f.code.SetPlaceHolder(say(model.T("as printed on the unit, e.g. HT-R200")))
	f.name = widget.NewEntry()
	f.price = widget.NewEntry()
	f.price.SetPlaceHolder("0.00")
	f.custom = newCheck(say(model.T("Custom-branded")), nil)
	customHint := widget.NewLabel(say(model.T("Made with the dealer's own brand: the manufacturer gives no refund for it.")))
	customHint.Wrapping = fyne.TextWrapWord
	customHint.SizeName = theme.SizeNameCaptionText

	grid := container.New(layout.NewFormLayout())
	f.errs.add(grid, say(model.T("Manufacturer")), "manufacturer", f.maker)
	f.errs.add(grid, say(model.T("Model code")), "model", f.code)
	f.errs.add(grid, say(model.T("Name")), "name", f.name)
	f.errs.limit("model", f.code, model.MaxCodeLen)
	f.errs.limit("name", f.name, model.MaxNameLen)
	f.errs.add(grid, say(model.T("Unit price")), "unit_price", f.price)
	f.errs.add(grid, "", "custom_branded", container.NewVBox(f.custom, customHint))
	for _, e := range []*widget.Entry{f.code, f.name, f.price} {
		e.OnSubmitted = func(string) { f.submit() }
	}
	f.save, f.savedNote = newSaveButton(say(model.T("Add product")), f.submit)
	grid.Add(layout.NewSpacer())
	grid.Add(container.NewHBox(f.save, f.savedNote))
	f.view = container.NewVBox(f.title, grid)
	return f
}

// setMakers refreshes the manufacturers one can choose, keeping the choice made.
func (f *productForm) setMakers(makers []model.Manufacturer) {
	f.makers = makers
	names := makerNames(makers)
	sel := f.maker.Selected
	f.maker.SetOptions(names)
	if sel == "" && f.original.ManufacturerID != 0 {
		for _, m := range makers {
			if m.ID == f.original.ManufacturerID {
				sel = m.Name
			}
		}
	}
	if sel == "" && f.original.ID == 0 && len(names) == 1 {
		sel = names[0] // a shop with one maker: its products are that maker's
	}
	if slices.Contains(names, sel) {
		f.maker.SetSelected(sel)
	} else {
		f.maker.ClearSelected()
	}
}

// edit fills the form with p (a zero ID starts a new product).
func (f *productForm) edit(p model.Product) {
	f.original = p
	setFormTitle(f.title, f.save, p.ID == 0, model.T("New product"), model.T("Add product"), string(p.Model))
	f.maker.ClearSelected()
	for _, m := range f.makers {
		if m.ID == p.ManufacturerID || (p.ID == 0 && p.ManufacturerID == 0 && len(f.makers) == 1) {
			f.maker.SetSelected(m.Name) // a new product of a shop with one maker is that maker's
		}
	}
	f.code.SetText(string(p.Model))
	f.name.SetText(p.Name)
	if p.ID == 0 && p.UnitPrice == 0 {
		f.price.SetText("")
	} else {
		f.price.SetText(p.UnitPrice.String())
	}
	f.custom.SetChecked(p.CustomBranded)
	f.showErrors(nil)
	f.savedNote.Hide()
}

// product is what the form holds, or the problems of the fields that cannot be read.
func (f *productForm) product() (model.Product, model.Errors) {
	p := f.original
	p.ManufacturerID = 0
	for _, m := range f.makers {
		if m.Name == f.maker.Selected {
			p.ManufacturerID, p.Manufacturer = m.ID, m.Name
		}
	}
	p.Model = model.ModelCode(strings.TrimSpace(f.code.Text))
	p.Name = strings.TrimSpace(f.name.Text)
	p.CustomBranded = f.custom.Checked
	var probs model.Errors
	if t := strings.TrimSpace(f.price.Text); t == "" {
		p.UnitPrice = 0
	} else if m, err := model.ParseMoney(t); err != nil {
		probs = append(probs, model.Invalid("unit_price", "%s", model.ErrorText(err)))
	} else {
		p.UnitPrice = m
	}
	return p, probs
}

// submit checks the form and stores the product.
func (f *productForm) submit() {
	p, probs := f.product()
	var es model.Errors
	if errors.As(p.Validate(), &es) {
		probs = append(probs, es...)
	}
	var invalid error
	if len(probs) > 0 {
		invalid = probs
	}
	s := f.s
	s.u.storeForm(f.save, f.savedNote, f.showErrors, invalid, createOrUpdate(&p, p.ID == 0, s.u.store.CreateProduct, s.u.store.UpdateProduct), func() {
		f.edit(p)
		s.saved(p)
	})
}

// showErrors puts each field's problem next to it, and the rest in the screen's banner.
func (f *productForm) showErrors(err error) {
	if f.errs.show(err) {
		f.s.errs.set(say(model.T("Could not save the product")), err)
	}
}

// serialLookup finds a serial's sales record, the cases the unit was in and the units it
// was swapped with.
type serialLookup struct {
	u    *MainUI
	view fyne.CanvasObject

	entry   *keyEntry
	status  *widget.Label // what was found, or why nothing was
	sale    *widget.Form
	saleBox *fyne.Container
	saleVal map[string]*widget.Label
	similar *fyne.Container // other serials starting with what was typed
	cases   *caseTable
	caseInf *widget.Label
	chain   *fyne.Container // one line per swap
	chainLn *widget.Label   // the whole chain in one line

	serial model.Serial // the serial on display
	links  []swapLink
	gen    int64
}

// saleFields are the rows of a sales record, in order.
var saleFields = []model.Text{model.T("Model"), model.T("Customer"), model.T("Phone"), model.T("Invoice"), model.T("Purchased"), model.T("Shipped")}

func newSerialLookup(u *MainUI) *serialLookup {
	l := &serialLookup{u: u, saleVal: map[string]*widget.Label{}}
	l.entry = u.newEntry()
	l.entry.SetPlaceHolder(say(model.T("Scan or type a serial number, then Enter")))
	l.entry.OnSubmitted = func(string) { l.find() }
	find := newIconButton(say(model.T("Look up")), theme.SearchIcon(), l.find)
	l.status = widget.NewLabel("")
	l.status.Wrapping = fyne.TextWrapWord

	l.sale = widget.NewForm()
	for _, f := range saleFields {
		v := widget.NewLabel("")
		v.Selectable = true
		v.Truncation = fyne.TextTruncateEllipsis
		l.saleVal[f.Key] = v
		l.sale.Append(say(f), v)
	}
	l.saleBox = container.NewVBox(l.sale)
	l.saleBox.Hide()
	l.similar = container.NewGridWrap(fyne.NewSize(160, 36))
	l.similar.Hide()

	l.cases = newCaseTable(u.today, colCaseNo, colReported, colCustomer, colStatus, colTier)
	l.cases.onOpen = func(c model.CaseSummary) {
		if u.openCase != nil {
			u.openCase(c.ID)
		}
	}
	l.caseInf = widget.NewLabel("")
	l.chain = container.NewVBox()
	l.chainLn = widget.NewLabel("")
	l.chainLn.Wrapping = fyne.TextWrapWord

	heading := func(text string, extra ...fyne.CanvasObject) fyne.CanvasObject {
		h := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		return container.NewHBox(append([]fyne.CanvasObject{h}, extra...)...)
	}
	top := container.NewVBox(
		heading(say(model.T("Serial lookup"))),
		container.NewBorder(nil, nil, nil, find, l.entry),
		l.status, l.similar, l.saleBox,
		widget.NewSeparator(),
		heading(say(model.T("Cases of this unit")), l.caseInf),
	)
	swaps := container.NewVBox(widget.NewSeparator(), heading(say(model.T("Swap chain"))), l.chainLn, l.chain)
	l.view = container.NewBorder(top, swaps, nil, nil, l.cases.view)
	l.clear()
	return l
}

// clear shows the empty lookup.
func (l *serialLookup) clear() {
	defer l.view.Refresh() // as display
	l.status.SetText(say(model.T("The sales record of a serial, every case it was in and the units it was swapped with.")))
	l.saleBox.Hide()
	l.similar.Hide()
	l.cases.setRows(nil)
	l.caseInf.SetText("")
	l.chainLn.SetText(say(model.T("No serial looked up yet.")))
	l.chain.RemoveAll()
}

// find looks up the serial in the entry.
func (l *serialLookup) find() {
	serial := model.Serial(strings.TrimSpace(l.entry.Text))
	if serial == "" {
		l.clear()
		return
	}
	l.show(serial)
}

// again looks the serial on display up again (after an import, say).
func (l *serialLookup) again() {
	if l.serial != "" {
		l.show(l.serial)
	}
}

// serialResult is everything a lookup finds.
type serialResult struct {
	sale    *model.Sale
	similar []model.Sale
	cases   []model.CaseSummary
	total   int
	links   []swapLink
}

// show looks serial up and shows what it finds.
func (l *serialLookup) show(serial model.Serial) {
	l.gen++
	gen := l.gen
	l.serial = serial
	if strings.TrimSpace(l.entry.Text) != string(serial) {
		l.entry.SetText(string(serial))
	}
	l.status.SetText(say(model.T("Looking up %s…", string(serial))))
	l.u.background(func(ctx context.Context) func() {
		res, err := lookUpSerial(ctx, l.u.store, serial)
		return func() {
			if l.gen != gen {
				return
			}
			if err != nil {
				l.status.SetText(say(model.T("Could not look up %s: %s", serial, model.ErrorText(err))))
				return
			}
			l.display(serial, res)
		}
	})
}

// lookUpSerial reads a serial's sales record, cases and swap chain.
func lookUpSerial(ctx context.Context, store model.Store, serial model.Serial) (*serialResult, error) {
	res := &serialResult{}
	sale, err := store.SaleBySerial(ctx, serial)
	switch model.ErrorCode(err) {
	case "":
		res.sale = sale
	case model.ENOTFOUND:
		if res.similar, err = store.FindSales(ctx, string(serial), 6); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	res.cases, res.total, err = store.FindCases(ctx, model.CaseFilter{Serial: serial, Sort: "case_no", Limit: casesPageSize})
	if err != nil {
		return nil, err
	}
	if res.links, err = swapChain(ctx, store, serial); err != nil {
		return nil, err
	}
	return res, nil
}

func (l *serialLookup) display(serial model.Serial, res *serialResult) {
	// The sales record and the similar serials come and go above the cases: lay the view
	// out anew, or the cases are drawn over the record (Fyne lays a container out again only
	// when it is refreshed itself).
	defer l.view.Refresh()
	l.similar.RemoveAll()
	l.similar.Hide()
	if s := res.sale; s != nil {
		l.serial = s.Serial
		l.status.SetText(say(model.T("Serial %s: sold by the shop.", s.Serial)))
		l.saleVal["Model"].SetText(say(model.T("%s (%s)", s.Model, s.Manufacturer)))
		l.saleVal["Customer"].SetText(orDash(s.CustomerName))
		l.saleVal["Phone"].SetText(orDash(s.Phone))
		l.saleVal["Invoice"].SetText(orDash(s.Invoice))
		l.saleVal["Purchased"].SetText(orDash(dateText(s.PurchaseDate)))
		l.saleVal["Shipped"].SetText(orDash(dateText(s.ShipmentDate)))
		l.saleBox.Show()
	} else {
		l.saleBox.Hide()
		msg := say(model.T("No sales record for serial %s.", serial))
		if len(res.similar) > 0 {
			msg = say(model.T("No sales record for serial %s. Serials starting like it:", serial))
			width := float32(0)
			for _, s := range res.similar {
				width = max(width, fyne.MeasureText(string(s.Serial), theme.TextSize(), fyne.TextStyle{Bold: true}).Width)
			}
			l.similar.Layout = layout.NewGridWrapLayout(fyne.NewSize(width+4*theme.Padding(), 36))
			for _, s := range res.similar {
				b := newButton(string(s.Serial), func() { l.show(s.Serial) })
				b.Importance = widget.LowImportance
				l.similar.Add(b)
			}
			l.similar.Show()
		}
		l.status.SetText(msg)
	}

	l.cases.setRows(res.cases)
	switch {
	case res.total == 0:
		l.caseInf.SetText(say(model.T("— none")))
	case res.total > len(res.cases):
		l.caseInf.SetText(say(model.T("— the first %d of %d", len(res.cases), res.total)))
	default:
		l.caseInf.SetText(fmt.Sprintf("(%d)", res.total))
	}

	l.links = res.links
	l.chain.RemoveAll()
	if len(res.links) == 0 {
		l.chainLn.SetText(say(model.T("Never swapped: no case replaced this unit, and it replaced none.")))
		return
	}
	l.chainLn.SetText(chainText(res.links, l.serial))
	for _, k := range res.links {
		k := k
		text := say(model.T("%s ⟶ %s in %s", k.from, k.to, k.caseNo))
		if !k.reported.IsZero() {
			text += say(model.T(", reported %s", k.reported.String()))
		}
		open := newIconButton("", theme.NavigateNextIcon(), func() {
			if l.u.openCase != nil {
				l.u.openCase(k.caseID)
			}
		})
		open.Importance = widget.LowImportance
		if l.u.openCase == nil {
			open.Hide()
		}
		line := widget.NewLabel(text)
		line.Wrapping = fyne.TextWrapWord
		l.chain.Add(container.NewBorder(nil, nil, nil, open, line))
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// swapLink is one swap: the unit from was replaced by the unit to in a case.
type swapLink struct {
	from, to model.Serial
	caseID   model.CaseID
	caseNo   model.CaseNo
	reported model.Date
}

// maxChainSerials bounds how many units a swap chain follows.
const maxChainSerials = 100

// swapChain follows replacement serials both ways from serial: the cases that replaced it,
// the cases that replaced its replacement, and so on; and the units it replaced. The links
// come in the order the cases were created.
func swapChain(ctx context.Context, store model.Store, serial model.Serial) ([]swapLink, error) {
	key := func(s model.Serial) string { return strings.ToLower(strings.TrimSpace(string(s))) }
	seen := map[string]bool{key(serial): true}
	queue := []model.Serial{serial}
	var links []swapLink
	linked := map[model.CaseID]bool{}
	for len(queue) > 0 && len(seen) <= maxChainSerials {
		s := queue[0]
		queue = queue[1:]
		cases, err := store.SerialCases(ctx, s)
		if err != nil {
			return nil, err
		}
		for _, c := range cases {
			if c.ReplacementSerial == "" || linked[c.ID] {
				continue
			}
			linked[c.ID] = true
			links = append(links, swapLink{from: c.Serial, to: c.ReplacementSerial, caseID: c.ID,
				caseNo: c.CaseNo, reported: c.ReportedDate})
			for _, next := range []model.Serial{c.Serial, c.ReplacementSerial} {
				if !seen[key(next)] {
					seen[key(next)] = true
					queue = append(queue, next)
				}
			}
		}
	}
	slices.SortFunc(links, func(a, b swapLink) int { return int(a.caseID - b.caseID) })
	return links, nil
}

// chainText writes the chain as one line, "A ⟶ B ⟶ C", with the unit looked up marked;
// a unit swapped more than once (a branch) starts a new "; "-separated part. (⟶, not →:
// the bundled fonts draw → followed by a space with a stray box.)
func chainText(links []swapLink, current model.Serial) string {
	mark := func(s model.Serial) string {
		if strings.EqualFold(string(s), string(current)) {
			return "[" + string(s) + "]"
		}
		return string(s)
	}
	var parts []string
	var b strings.Builder
	var last model.Serial
	for i, k := range links {
		if i == 0 || !strings.EqualFold(string(k.from), string(last)) {
			if b.Len() > 0 {
				parts = append(parts, b.String())
				b.Reset()
			}
			b.WriteString(mark(k.from))
		}
		b.WriteString(" ⟶ " + mark(k.to))
		last = k.to
	}
	parts = append(parts, b.String())
	return say(model.T("Unit history: %s", strings.Join(parts, "; ")))
}

// allManufacturers() is a choice besides the values themselves, in the window's language.
func allManufacturers() string { return say(model.T("All manufacturers")) }
