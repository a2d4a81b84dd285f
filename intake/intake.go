// Package intake turns what the counter knows about a returned unit into a new case with its verdict.
package intake

import (
	"context"
	"errors"
	"slices"
	"strings"

	"returndesk/model"
	"returndesk/policy"
)

// Request is what the dealer typed or scanned; empty fields are filled from the serial's sales record.
type Request struct {
	CustomerID    model.CustomerID // an existing customer; 0 to match or create one by name and phone
	CustomerName  string
	Phone         string
	CustomerKind  model.CustomerKind // for a customer found or created by name: walk-in when empty
	Region        string             // for a new customer: picks the nearest service centre
	Model         model.ModelCode
	Serial        model.Serial
	Purchased     model.Date
	Shipped       model.Date
	On            model.Date // the day the problem is reported (required)
	Cause         model.Cause
	Fault         string
	FaultCategory string
	Accessories   string
	Condition     string
}

// Result is the planned case with everything the counter shows before it is saved.
type Result struct {
	NewCase      model.NewCase
	Sale         *model.Sale // nil when the serial has no sales record
	Product      *model.Product
	Manufacturer *model.Manufacturer
	Customer     *model.Customer // the existing customer, or the one that will be created
	Verdict      policy.CaseVerdict
	Open         []model.CaseSummary // the unit's cases still open, newest first: a second case is likely a mistake
}

// openShown is how many of a unit's open cases a plan reads: the counter names the newest.
const openShown = 3

// Primary is the verdict that decides the case's tier: the customer's clock for a walk-in
// customer, the manufacturer's for a dealer's or OEM brand's own return (or when there is no other).
func (r *Result) Primary() *policy.Verdict {
	v, _ := deciding(r.Verdict, r.Customer.Kind)
	return v
}

// deciding picks the verdict that decides a case and says whether it is the customer's clock.
func deciding(cv policy.CaseVerdict, kind model.CustomerKind) (*policy.Verdict, bool) {
	business := kind == model.KindDealer || kind == model.KindOEM
	if cv.Customer != nil && !(business && cv.Manufacturer != nil) {
		return cv.Customer, true
	}
	return cv.Manufacturer, false
}

// Remedies are the remedies the deciding verdict allows, in the policy's order.
func (r *Result) Remedies() []model.Remedy {
	if v := r.Primary(); v != nil {
		return v.Remedies
	}
	return nil
}

// Plan looks up the serial, product, customer and policies and evaluates both clocks.
// It refuses dates after the store's today. It writes nothing: the caller saves
// Result.NewCase with CreateCase. A plan that fails once the serial is read still returns
// what it found (the unit's open cases, which the counter shows beside the problem).
func Plan(ctx context.Context, store model.Store, req Request) (*Result, error) {
	req.Serial = model.Serial(strings.TrimSpace(string(req.Serial)))
	req.Model = model.ModelCode(strings.TrimSpace(string(req.Model)))
	if req.Serial == "" {
		return nil, model.Invalid("serial", "is required")
	}
	if req.On.IsZero() {
		return nil, model.Invalid("reported_date", "is required")
	}
	if err := checkTyped(req, store.Today()); err != nil {
		return nil, err
	}
	r := &Result{}
	sale, err := FindSale(ctx, store, req.Serial)
	switch {
	case err == nil:
		r.Sale = sale
	case model.ErrorCode(err) != model.ENOTFOUND:
		return nil, err
	}
	serial := req.Serial
	if r.Sale != nil {
		serial = r.Sale.Serial // as printed on the unit, however it was typed
	}
	// Read before anything can fail on the form: the warning stands beside a half-typed form too.
	if r.Open, _, err = store.FindCases(ctx, model.CaseFilter{Serial: serial, OpenOnly: true,
		Sort: "case_no", Descending: true, Limit: openShown}); err != nil {
		return nil, err
	}
	if r.Product, err = resolveProduct(ctx, store, req, r.Sale); err != nil {
		return r, err
	}
	if r.Manufacturer, err = store.ManufacturerByID(ctx, r.Product.ManufacturerID); err != nil {
		return r, err
	}
	if r.Customer, err = resolveCustomer(ctx, store, req, r.Sale); err != nil {
		return r, err
	}
	in := policy.Input{Purchased: req.Purchased, Shipped: req.Shipped, On: req.On, Cause: req.Cause,
		Regular: r.Customer.Regular, CustomBranded: r.Product.CustomBranded}
	if r.Sale != nil {
		if in.Purchased.IsZero() {
			in.Purchased = r.Sale.PurchaseDate
		}
		if in.Shipped.IsZero() {
			in.Shipped = r.Sale.ShipmentDate
		}
	}
	if in.Cause == "" {
		in.Cause = model.CauseUnknown
	}
	terminal, distributor, err := PoliciesFor(ctx, store, r.Manufacturer)
	if err != nil {
		return r, err
	}
	if r.Verdict, err = evaluate(terminal, distributor, in, r.Customer.Kind); err != nil {
		return r, err
	}
	c := model.Case{CustomerID: r.Customer.ID, ProductID: r.Product.ID, Serial: serial,
		PurchaseDate: in.Purchased, ShipmentDate: in.Shipped, ReportedDate: req.On,
		Fault: strings.TrimSpace(req.Fault), FaultCategory: strings.TrimSpace(req.FaultCategory),
		Accessories: strings.TrimSpace(req.Accessories), Condition: strings.TrimSpace(req.Condition), Cause: in.Cause}
	applyVerdict(&c, r.Verdict, r.Customer.Kind, terminal, distributor)
	r.NewCase.Case = c
	if r.Customer.ID == 0 {
		r.NewCase.Customer = r.Customer
	}
	if err := c.Validate(); err != nil {
		// A new customer has no ID yet: that is not the dealer's mistake.
		if r.NewCase.Customer != nil {
			err = withoutField(err, "customer")
		}
		if err != nil {
			return r, err
		}
	}
	return r, nil
}

// checkTyped judges what was typed before anything is looked up: a control character (no
// lookup finds a serial holding one, and the problem to show is the character, not what
// follows from it) and a date after today (its verdict would count days that have not passed).
func checkTyped(req Request, today model.Date) error {
	typed := model.Case{Serial: req.Serial, Fault: req.Fault, FaultCategory: req.FaultCategory,
		Accessories: req.Accessories, Condition: req.Condition,
		ReportedDate: req.On, PurchaseDate: req.Purchased, ShipmentDate: req.Shipped}
	customer := model.Customer{Name: req.CustomerName, Phone: req.Phone, Region: req.Region}
	var problems model.Errors
	for _, err := range []error{typed.CheckChars(), customer.CheckChars(), typed.CheckDates(today)} {
		var es model.Errors
		if errors.As(err, &es) {
			problems = append(problems, es...)
		}
	}
	if e := model.CheckLine("model", string(req.Model)); e != nil {
		problems = append(problems, e)
	}
	if len(problems) == 0 {
		return nil
	}
	return problems
}

// withoutField drops the problems about one field from a validation error; nil when none is left.
func withoutField(err error, field string) error {
	var es model.Errors
	if !errors.As(err, &es) {
		var e *model.Error
		if errors.As(err, &e) && e.Field == field {
			return nil
		}
		return err
	}
	var keep model.Errors
	for _, e := range es {
		if e.Field != field {
			keep = append(keep, e)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	return keep
}

// evaluate runs both clocks and insists on the date the deciding clock needs.
// checkedOf is l's checked policy, nil when there is no policy.
func checkedOf(l *Loaded) *policy.Checked {
	if l == nil {
		return nil
	}
	return l.Checked
}

func evaluate(terminal, distributor *Loaded, in policy.Input, kind model.CustomerKind) (policy.CaseVerdict, error) {
	if terminal == nil && distributor == nil {
		return policy.CaseVerdict{}, model.Invalid("model", "the manufacturer has no warranty policy: assign one under Manufacturers & policies")
	}
	// A walk-in customer is judged by the terminal policy, which counts from the purchase date.
	walkIn := kind != model.KindDealer && kind != model.KindOEM
	if terminal != nil && walkIn && in.Purchased.IsZero() {
		return policy.CaseVerdict{}, model.Invalid("purchase_date", "is needed: the customer's warranty counts from it and the serial has no sales record with it")
	}
	// Without a distributor policy the terminal policy is the only clock, whoever the customer is.
	if terminal != nil && distributor == nil && in.Purchased.IsZero() {
		return policy.CaseVerdict{}, model.Invalid("purchase_date", "is needed: the manufacturer's only warranty policy counts from it")
	}
	if terminal == nil && in.Shipped.IsZero() {
		return policy.CaseVerdict{}, model.Invalid("shipment_date", "is needed: the manufacturer's warranty counts from it")
	}
	if in.Purchased.IsZero() && in.Shipped.IsZero() {
		return policy.CaseVerdict{}, model.Invalid("purchase_date", "or the shipment date is needed to judge the warranty")
	}
	cv, err := policy.EvaluateCase(checkedOf(terminal), checkedOf(distributor), in)
	// The policy calls the day it judges "on"; on a case it is the reported date.
	var e *model.Error
	if errors.As(err, &e) && e.Field == "on" {
		return policy.CaseVerdict{}, model.Invalid("reported_date", "%s", e.Message)
	}
	if err != nil {
		return policy.CaseVerdict{}, err
	}
	// A business customer's return is decided by the manufacturer's clock: the shop owes it
	// no more than the manufacturer does, so it carries no cost of its own.
	if _, customerClock := deciding(cv, kind); !customerClock {
		cv.DealerCarriesCost, cv.Warning = false, model.Text{}
	}
	return cv, nil
}

// applyVerdict records the deciding verdict and the policy version it came from on the case.
func applyVerdict(c *model.Case, cv policy.CaseVerdict, kind model.CustomerKind, terminal, distributor *Loaded) {
	v, customerClock := deciding(cv, kind)
	if v == nil {
		return
	}
	from := distributor
	if customerClock {
		from = terminal
	}
	c.Tier = v.Tier
	c.PolicyID = from.Policy.ID
	c.PolicyVersion = from.Version
	c.DealerCarriesCost = cv.DealerCarriesCost
	switch {
	case len(v.Remedies) == 1:
		c.Remedy = v.Remedies[0]
	case !slices.Contains(v.Remedies, c.Remedy):
		c.Remedy = ""
	}
}

func resolveProduct(ctx context.Context, store model.Store, req Request, sale *model.Sale) (*model.Product, error) {
	if sale != nil {
		// The sales record names the product, even when several manufacturers use its model code.
		if req.Model != "" && !strings.EqualFold(string(req.Model), string(sale.Model)) {
			return nil, model.Invalid("model", "serial %s was sold as %s %s, not %s", req.Serial, sale.Manufacturer, sale.Model, req.Model)
		}
		return store.ProductByID(ctx, sale.ProductID)
	}
	if req.Model == "" {
		return nil, model.Invalid("model", "is required: serial %s has no sales record", req.Serial)
	}
	p, err := store.ProductByModel(ctx, 0, req.Model)
	switch model.ErrorCode(err) {
	case "":
	case model.ENOTFOUND:
		return nil, model.Invalid("model", "unknown model %q: add it under Products & serials first", req.Model)
	case model.ECONFLICT:
		return nil, model.Invalid("model", "model %q is made by several manufacturers: choose the product", req.Model)
	default:
		return nil, err
	}
	return p, nil
}

// resolveCustomer picks the customer: by id, the sale's buyer, an existing one with the same
// name and phone, or a new walk-in customer created with the case.
// customerSearchLimit is the page resolveCustomer looks for an exact match in.
const customerSearchLimit = 1000

func resolveCustomer(ctx context.Context, store model.Store, req Request, sale *model.Sale) (*model.Customer, error) {
	if req.CustomerID != 0 {
		c, err := store.CustomerByID(ctx, req.CustomerID)
		if model.ErrorCode(err) == model.ENOTFOUND {
			return nil, model.Invalid("customer", "no customer with id %d", req.CustomerID)
		}
		return c, err
	}
	name, phone := strings.TrimSpace(req.CustomerName), strings.TrimSpace(req.Phone)
	if sale != nil {
		if sale.CustomerID != 0 && (name == "" || name == sale.CustomerName) && (phone == "" || phone == sale.Phone) {
			return store.CustomerByID(ctx, sale.CustomerID)
		}
		if name == "" {
			name = sale.CustomerName
		}
		if phone == "" && name == sale.CustomerName {
			phone = sale.Phone
		}
	}
	if name == "" {
		return nil, model.Invalid("customer", "is required")
	}
	// Search by the phone when there is one: a short name is part of many others, and the
	// search returns a limited page.
	q := name
	if phone != "" {
		q = phone
	}
	found, err := store.FindCustomers(ctx, q, customerSearchLimit)
	if err != nil {
		return nil, err
	}
	kind := req.CustomerKind
	if kind == "" {
		kind = model.KindTerminal
	}
	for _, c := range found {
		if c.Name == name && (phone == "" || c.Phone == phone) && (req.CustomerKind == "" || c.Kind == kind) {
			return &c, nil
		}
	}
	c := &model.Customer{Name: name, Phone: phone, Region: strings.TrimSpace(req.Region), Kind: kind}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// OpenWarning says that the unit already has an open case, naming the newest (a Text with no
// Key when it has none): taking it in again would make two cases of one return.
func (r *Result) OpenWarning() model.Text {
	if r == nil || len(r.Open) == 0 {
		return model.Text{}
	}
	c := r.Open[0]
	if len(r.Open) > 1 {
		return model.T("This unit already has %d open cases; the newest is %s (%s, reported %s).",
			len(r.Open), string(c.CaseNo), c.Status.Label(), c.ReportedDate.String())
	}
	return model.T("This unit already has an open case: %s (%s, reported %s).",
		string(c.CaseNo), c.Status.Label(), c.ReportedDate.String())
}

// FindSale finds the sales record of serial as typed, or, for a serial typed with spaces,
// of the serial with hyphens or nothing in their place ("HT R200 0001" is HT-R200-0001 read
// off a label by hand); ENOTFOUND when none has one.
func FindSale(ctx context.Context, store model.SaleService, serial model.Serial) (*model.Sale, error) {
	sale, err := store.SaleBySerial(ctx, serial)
	typed := string(serial)
	if model.ErrorCode(err) != model.ENOTFOUND || !strings.Contains(strings.TrimSpace(typed), " ") {
		return sale, err
	}
	for _, sep := range []string{"-", ""} {
		if s, err := store.SaleBySerial(ctx, model.Serial(strings.Join(strings.Fields(typed), sep))); model.ErrorCode(err) != model.ENOTFOUND {
			return s, err
		}
	}
	return nil, err
}
