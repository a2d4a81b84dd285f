package gui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"returndesk/intake"
	"returndesk/model"
)

// noBrand is the brand choice of an OEM order made for no particular customer.
func noBrand() string { return say(model.T("— none —")) }

// oemOrderForm records a new OEM order: what was shipped, when, how many units, and the
// spare-unit rate agreed with the manufacturer, from which the allowance is counted.
type oemOrderForm struct {
	s      *oemOrdersScreen
	dlg    *dialog.CustomDialog
	maker  *choice
	model  *choice
	brand  *choice
	number *keyEntry
	qty    *keyEntry
	date   *keyEntry
	rate   *keyEntry
	spares *keyEntry
	errs   fieldErrors
	save   *button
	note   *widget.Label

	makers   []model.Manufacturer
	products []model.Product
	brands   []model.Customer
}

func newOEMOrderForm(s *oemOrdersScreen) *oemOrderForm {
	f := &oemOrderForm{s: s, errs: fieldErrors{}}
	f.maker = newChoice(nil, func(string) { f.makerChosen() })
	f.maker.PlaceHolder = say(model.T("Choose the manufacturer"))
	f.model = newChoice(nil, nil)
	f.model.PlaceHolder = say(model.T("Choose the manufacturer first"))
	f.brand = newChoice([]string{noBrand()}, nil)
	f.number = s.u.newEntry()
	f.number.SetPlaceHolder(say(model.T("the manufacturer's order or PI number, e.g. PO-2026-118")))
	f.qty = s.u.newEntry()
	f.qty.SetPlaceHolder(say(model.T("units shipped, e.g. 5000")))
	f.date = s.u.newEntry()
	f.date.SetPlaceHolder(say(model.T("YYYY-MM-DD")))
	f.rate = s.u.newEntry()
	f.rate.SetPlaceHolder(say(model.T("e.g. 0.4")))
	f.spares = s.u.newEntry()
	f.spares.SetPlaceHolder(say(model.T("leave empty until the spares are counted")))

	grid := container.New(layout.NewFormLayout())
	f.errs.add(grid, say(model.T("Manufacturer")), "manufacturer", f.maker)
	f.errs.add(grid, say(model.T("Model")), "model", f.model)
	f.errs.add(grid, say(model.T("Brand / customer")), "customer", f.brand)
	f.errs.add(grid, say(model.T("Order no.")), "order_no", f.number)
	f.errs.add(grid, say(model.T("Quantity")), "quantity", f.qty)
	f.errs.add(grid, say(model.T("Shipped")), "shipment_date", f.date)
	f.errs.add(grid, say(model.T("Spare rate %")), "spare_rate", f.rate)
	f.errs.add(grid, say(model.T("Spares received")), "spares_received", f.spares)
	f.save, f.note = newSaveButton(say(model.T("Add order")), f.submit)
	grid.Add(layout.NewSpacer())
	grid.Add(container.NewHBox(f.save, f.note))

	f.dlg = dialog.NewCustom(say(model.T("New OEM order")), say(model.T("Close")), container.NewPadded(grid), s.u.win)
	f.dlg.Resize(fyne.NewSize(640, 0))
	return f
}

// show opens the form, empty, with today's date and the current manufacturers and brands.
func (f *oemOrderForm) show() {
	for _, e := range []*keyEntry{f.number, f.qty, f.rate, f.spares} {
		e.SetText("")
	}
	f.date.SetText(f.s.u.today().String())
	f.brand.SetSelected(noBrand())
	f.errs.show(nil)
	f.note.Hide()
	f.s.u.background(func(ctx context.Context) func() {
		makers, err := f.s.u.store.ListManufacturers(ctx)
		var brands []model.Customer
		if err == nil {
			brands, err = oemCustomers(ctx, f.s.u.store)
		}
		return func() {
			if err != nil {
				f.s.errs.set(say(model.T("Could not load the manufacturers")), err)
				return
			}
			f.makers, f.brands = makers, brands
			f.maker.SetOptions(makerNames(makers))
			brandNames := []string{noBrand()}
			for _, c := range brands {
				brandNames = append(brandNames, c.Name)
			}
			f.brand.SetOptions(brandNames)
		}
	})
	f.s.u.showDialog(f.dlg, nil)
}

// oemCustomers lists the customers we build custom-branded goods for.
func oemCustomers(ctx context.Context, store model.Store) ([]model.Customer, error) {
	all, err := store.FindCustomers(ctx, "", 10000)
	if err != nil {
		return nil, err
	}
	var out []model.Customer
	for _, c := range all {
		if c.Kind == model.KindOEM {
			out = append(out, c)
		}
	}
	return out, nil
}

// makerChosen lists the chosen manufacturer's models, custom-branded ones first since OEM
// orders are mostly those, and proposes its OEM policy's lowest spare rate.
func (f *oemOrderForm) makerChosen() {
	m := f.manufacturer()
	if m == nil {
		return
	}
	id := *m
	f.s.u.background(func(ctx context.Context) func() {
		products, err := f.s.u.store.ListProducts(ctx, id.ID)
		rate := ""
		if err == nil {
			if rules, rerr := intake.OEMRules(ctx, f.s.u.store, &id); rerr == nil && rules.OEM != nil {
				rate = rules.OEM.MinRate
			}
		}
		return func() {
			if cur := f.manufacturer(); cur == nil || cur.ID != id.ID {
				return // the choice changed meanwhile
			}
			if err != nil {
				f.s.errs.set(say(model.T("Could not load the models")), err)
				return
			}
			var branded, plain []model.Product
			for _, p := range products {
				if p.CustomBranded {
					branded = append(branded, p)
				} else {
					plain = append(plain, p)
				}
			}
			f.products = append(branded, plain...)
			names := make([]string, len(f.products))
			for i, p := range f.products {
				names[i] = string(p.Model) + " · " + p.Name
			}
			f.model.PlaceHolder = say(model.T("Choose the model"))
			f.model.ClearSelected()
			f.model.SetOptions(names)
			if f.rate.Text == "" {
				f.rate.SetText(rate)
			}
		}
	})
}

func (f *oemOrderForm) manufacturer() *model.Manufacturer {
	return makerNamed(f.makers, f.maker.Selected)
}

// order reads the form; problems of typing (not a number, not a date) come back as field
// errors, the rest is left to the model's own checks.
func (f *oemOrderForm) order() (model.OEMOrder, error) {
	var o model.OEMOrder
	var problems model.Errors
	if m := f.manufacturer(); m != nil {
		o.ManufacturerID = m.ID
	}
	if i := f.model.SelectedIndex(); i >= 0 && i < len(f.products) {
		o.ProductID = f.products[i].ID
	}
	for _, c := range f.brands {
		if c.Name == f.brand.Selected {
			o.CustomerID = c.ID
		}
	}
	o.OrderNo = strings.TrimSpace(f.number.Text)
	if t := strings.TrimSpace(f.qty.Text); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil {
			problems = append(problems, model.Invalid("quantity", "must be a whole number of units"))
		}
		o.Quantity = n
	}
	if t := strings.TrimSpace(f.date.Text); t != "" {
		d, msg := parseDateField(t)
		if msg != "" {
			problems = append(problems, model.Invalid("shipment_date", "%s", msg))
		}
		o.ShipmentDate = d
	}
	o.SpareRate = strings.TrimSpace(f.rate.Text)
	if t := strings.TrimSpace(f.spares.Text); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil {
			problems = append(problems, model.Invalid("spares_received", "must be a whole number of units"))
		}
		o.SparesReceived = &n
	}
	if len(problems) > 0 {
		return o, problems
	}
	return o, o.Validate()
}

// submit stores the order and shows it in the list.
func (f *oemOrderForm) submit() {
	o, invalid := f.order()
	f.s.u.storeForm(f.save, f.note, f.showErrors, invalid, func(ctx context.Context) error {
		return f.s.u.store.CreateOEMOrder(ctx, &o)
	}, func() {
		f.s.current = &oemOrderRow{order: o}
		f.s.load()
		f.dlg.Hide()
	})
}

// showErrors puts each problem next to its field; a conflict (the order number is taken)
// belongs to the order number.
func (f *oemOrderForm) showErrors(err error) {
	if msg, ok := model.FieldTexts(err)[""]; ok && model.ErrorCode(err) == model.ECONFLICT {
		err = model.Invalid("order_no", "%s", msg)
	}
	if f.errs.show(err) {
		f.s.errs.set(say(model.T("Could not add the order")), err)
	}
}
