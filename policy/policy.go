// Package policy holds warranty policies as editable data and evaluates them on calendar dates, with no clock, database or GUI.
package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"returndesk/model"
)

// Basis says which date a policy counts from.
type Basis string

const (
	BasisPurchase Basis = "purchase" // the sale to the end customer
	BasisShipment Basis = "shipment" // the manufacturer's shipment to the dealer
)

// Unit is the unit of a window's length.
type Unit string

const (
	UnitDays   Unit = "days"   // inside while days since the start ≤ length
	UnitMonths Unit = "months" // inside while on ≤ EDATE(start, length)
)

// Longest windows Validate accepts (a hundred years), so that date arithmetic stays sane.
const (
	MaxWindowDays   = 36600
	MaxWindowMonths = 1200
)

// Window is how long a tier lasts, counted from the policy's start date (day 0).
type Window struct {
	Length int  `json:"length"`
	Unit   Unit `json:"unit"`
}

// Days is a window that ends on day n (the start itself is day 0).
func Days(n int) Window { return Window{Length: n, Unit: UnitDays} }

// Months is a window that ends on EDATE(start, n).
func Months(n int) Window { return Window{Length: n, Unit: UnitMonths} }

// End is the last date inside the window for a given start.
func (w Window) End(start model.Date) model.Date {
	if w.Unit == UnitMonths {
		return start.AddMonths(w.Length)
	}
	return start.AddDays(w.Length)
}

// String reads "7 days" or "12 months".
func (w Window) String() string { return string(w.append(nil)) }

// Text is the window for people, in the words String uses.
func (w Window) Text() model.Text {
	switch w.Unit {
	case UnitDays:
		return model.Count(w.Length, "%d day", "%d days")
	case UnitMonths:
		return model.Count(w.Length, "%d month", "%d months")
	}
	return model.T("%s", w.String())
}

// append writes the window as String does at the end of b (evaluation builds its rule
// text without allocating).
func (w Window) append(b []byte) []byte {
	unit := string(w.Unit)
	if w.Length == 1 {
		unit = strings.TrimSuffix(unit, "s")
	}
	return append(append(strconv.AppendInt(b, int64(w.Length), 10), ' '), unit...)
}

// Payer says who pays one leg of the freight.
type Payer string

const (
	PayerManufacturer Payer = "manufacturer"
	PayerBuyer        Payer = "buyer"
	PayerPending      Payer = "pending" // decided by the manufacturer's test
)

// Settlement says how freight the manufacturer owes is paid back.
type Settlement string

const (
	SettleNone         Settlement = "none"
	SettleDeductNextPI Settlement = "deduct_next_pi" // deducted from the proforma invoice of the next order
)

// Label names who pays, in the words a claim line's FreightBy uses for the same parties.
func (p Payer) Label() model.Text { return model.FreightByLabel(string(p)) }

// Label says how the freight is paid back.
func (s Settlement) Label() model.Text {
	switch s {
	case "":
		return model.Text{}
	case SettleNone:
		return model.T("None")
	case SettleDeductNextPI:
		return model.T("Deducted from the PI of the next order")
	}
	return model.T("%s", string(s))
}

// Freight says who pays postage to the manufacturer (inbound) and back (outbound).
type Freight struct {
	Inbound    Payer      `json:"inbound"`
	Outbound   Payer      `json:"outbound"`
	Settlement Settlement `json:"settlement"`
}

// Tier is one window of a policy and what it allows.
type Tier struct {
	ID       model.Tier     `json:"id"`
	Window   Window         `json:"window"`
	Remedies []model.Remedy `json:"remedies"` // in the order they are offered
	Covered  bool           `json:"covered"`  // free to the customer
	Clause   Clause         `json:"clause"`   // the policy's own words
	Freight  *Freight       `json:"freight,omitempty"`
}

// Outcome is what applies without a window: after the last tier, or when a cause rule
// sends a case there (misuse).
type Outcome struct {
	ID       model.Tier     `json:"id"`
	Remedies []model.Remedy `json:"remedies"`
	Covered  bool           `json:"covered"`
	Clause   Clause         `json:"clause"`
	Freight  *Freight       `json:"freight,omitempty"`
}

// Scope says when a cause rule applies.
type Scope string

const (
	ScopeAnyDate  Scope = "any_date"  // in and after the warranty
	ScopeInWindow Scope = "in_window" // only while a tier's window is open
)

// CauseRule changes the verdict once testing has found (or not yet found) the cause.
type CauseRule struct {
	Cause model.Cause `json:"cause"`
	Scope Scope       `json:"scope"`
	// Paid sends the case to the policy's After outcome whatever the date (misuse).
	Paid bool `json:"paid,omitempty"`
	// Provisional marks the verdict as one testing may still change.
	Provisional bool `json:"provisional,omitempty"`
	// AddRemedies are offered after the tier's own remedies.
	AddRemedies []model.Remedy `json:"add_remedies,omitempty"`
	// RegularAddRemedies are offered on top to the manufacturer's regular customers.
	RegularAddRemedies []model.Remedy `json:"regular_add_remedies,omitempty"`
	// Freight replaces the tier's freight; RegularFreight replaces it for regular customers.
	Freight        *Freight `json:"freight,omitempty"`
	RegularFreight *Freight `json:"regular_freight,omitempty"`
	// Clause replaces the clause when Paid, and is added to the tier's clause otherwise.
	Clause Clause `json:"clause,omitzero"`
}

// CustomBrandedRule takes remedies away for products made with the dealer's brand.
type CustomBrandedRule struct {
	Excludes []model.Remedy `json:"excludes"`
	Clause   Clause         `json:"clause"`
}

// OEMRules is the spare-part allowance shipped with OEM orders.
type OEMRules struct {
	MinRate       string         `json:"min_rate"`       // percent of the quantity, decimal text ("0.3")
	MaxRate       string         `json:"max_rate"`       // percent ("0.5")
	ClaimWindow   Window         `json:"claim_window"`   // defects reported within it, counted from shipment
	Remedies      []model.Remedy `json:"remedies"`       // for each defect beyond the spares
	BatchRemedies []model.Remedy `json:"batch_remedies"` // for a batch defect, claimed whole
	Clause        Clause         `json:"clause"`
	BatchClause   Clause         `json:"batch_clause"`
}

// Policy is one manufacturer's warranty rules. Copy a preset, change it, Validate it and store
// its Marshal'ed JSON as a model.PolicyRecord's Definition.
type Policy struct {
	ID           model.PolicyID   `json:"id"`
	Name         string           `json:"name"`
	Manufacturer string           `json:"manufacturer"`
	Kind         model.PolicyKind `json:"kind"`
	Basis        Basis            `json:"basis"`
	// Tiers in date order; the first one that has not ended applies (terminal and distributor).
	Tiers []Tier `json:"tiers,omitempty"`
	// After applies once the last tier has ended (the paid tier).
	After *Outcome `json:"after,omitempty"`
	// Causes holds at most one rule per cause.
	Causes        []CauseRule        `json:"causes,omitempty"`
	CustomBranded *CustomBrandedRule `json:"custom_branded,omitempty"`
	// OEM is set for OEM allowances only (and then Tiers and After are empty).
	OEM *OEMRules `json:"oem,omitempty"`
}

// HasFreight reports whether the policy says who pays freight.
func (p Policy) HasFreight() bool {
	if p.After != nil && p.After.Freight != nil {
		return true
	}
	for _, t := range p.Tiers {
		if t.Freight != nil {
			return true
		}
	}
	return false
}

// Warranty is the window of the last tier: the whole warranty.
func (p Policy) Warranty() Window {
	if len(p.Tiers) == 0 {
		if p.OEM != nil {
			return p.OEM.ClaimWindow
		}
		return Window{}
	}
	return p.Tiers[len(p.Tiers)-1].Window
}

// rule returns the policy's rule for a cause, or nil.
func (p Policy) rule(c model.Cause) *CauseRule {
	for i := range p.Causes {
		if p.Causes[i].Cause == c {
			return &p.Causes[i]
		}
	}
	return nil
}

// Summary describes the policy in one line, for lists.
func (p Policy) Summary() model.Text {
	if p.OEM != nil {
		return model.T("spares %s–%s %% of each order; defects within %s of shipment beyond the spares: %s; batch defects: %s",
			p.OEM.MinRate, p.OEM.MaxRate, p.OEM.ClaimWindow.Text(), model.RemedyChoice(p.OEM.Remedies), model.RemedyChoice(p.OEM.BatchRemedies))
	}
	var parts model.Text
	add := func(t model.Text) {
		if parts.Key == "" {
			parts = t
		} else {
			parts = model.T("%s, %s", parts, t)
		}
	}
	for _, t := range p.Tiers {
		add(model.T("%s ≤ %s", t.ID.Label(), t.Window.Text()))
	}
	if p.After != nil {
		add(model.T("then %s", p.After.ID.Label()))
	}
	if p.Basis == BasisShipment {
		return model.T("from the shipment date: %s", parts)
	}
	return model.T("from the purchase date: %s", parts)
}

// Clone returns a deep copy that can be changed without touching p.
func (p Policy) Clone() Policy {
	q := p
	q.Tiers = nil
	for _, t := range p.Tiers {
		t.Remedies = cloneRemedies(t.Remedies)
		t.Freight = cloneFreight(t.Freight)
		q.Tiers = append(q.Tiers, t)
	}
	if p.After != nil {
		a := *p.After
		a.Remedies = cloneRemedies(a.Remedies)
		a.Freight = cloneFreight(a.Freight)
		q.After = &a
	}
	q.Causes = nil
	for _, r := range p.Causes {
		r.AddRemedies = cloneRemedies(r.AddRemedies)
		r.RegularAddRemedies = cloneRemedies(r.RegularAddRemedies)
		r.Freight = cloneFreight(r.Freight)
		r.RegularFreight = cloneFreight(r.RegularFreight)
		q.Causes = append(q.Causes, r)
	}
	if p.CustomBranded != nil {
		c := *p.CustomBranded
		c.Excludes = cloneRemedies(c.Excludes)
		q.CustomBranded = &c
	}
	if p.OEM != nil {
		o := *p.OEM
		o.Remedies = cloneRemedies(o.Remedies)
		o.BatchRemedies = cloneRemedies(o.BatchRemedies)
		q.OEM = &o
	}
	return q
}

func cloneRemedies(rs []model.Remedy) []model.Remedy {
	if rs == nil {
		return nil
	}
	return append([]model.Remedy{}, rs...)
}

func cloneFreight(f *Freight) *Freight {
	if f == nil {
		return nil
	}
	g := *f
	return &g
}

// Marshal writes the policy as JSON, the Definition of a model.PolicyRecord. It refuses an invalid policy.
func (p Policy) Marshal() ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(p)
}

// Unmarshal reads a policy written by Marshal (or by hand) and validates it; unknown fields are refused.
func Unmarshal(b []byte) (Policy, error) {
	var p Policy
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Policy{}, &model.Error{Code: model.EINVALID, Field: "definition", Message: model.T("is not a policy"), Cause: err}
	}
	if dec.More() {
		return Policy{}, model.Invalid("definition", "is not a policy: text after the JSON document")
	}
	if err := p.Validate(); err != nil {
		return Policy{}, err
	}
	return p, nil
}

// Record makes the storable record of the policy, marked Preset when its id is a preset's
// (version and time are set by storage).
func (p Policy) Record() (model.PolicyRecord, error) {
	def, err := p.Marshal()
	if err != nil {
		return model.PolicyRecord{}, err
	}
	_, preset := Preset(p.ID)
	return model.PolicyRecord{ID: p.ID, Name: p.Name, Kind: p.Kind, Preset: preset, Definition: def}, nil
}

// FromRecord reads the policy stored in a record.
func FromRecord(r model.PolicyRecord) (Policy, error) {
	p, err := Unmarshal(r.Definition)
	if err != nil {
		return Policy{}, err
	}
	if p.ID != r.ID {
		return Policy{}, model.Invalid("definition", "describes policy %q, not %q", p.ID, r.ID)
	}
	return p, nil
}

// Validate refuses a policy that cannot be evaluated or says something impossible.
func (p Policy) Validate() error {
	var es model.Errors
	bad := func(field, format string, args ...any) {
		es = append(es, model.Invalid(field, format, args...))
	}
	if p.ID == "" {
		bad("id", "is required")
	}
	for _, ch := range string(p.ID) {
		if !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-') {
			bad("id", "may use only lower-case letters, digits and '-'")
			break
		}
	}
	if len(p.ID) > model.MaxCodeLen {
		bad("id", "is too long (at most %d characters)", model.MaxCodeLen)
	}
	checkText(bad, "name", p.Name, true, model.MaxNameLen, false)
	checkText(bad, "manufacturer", p.Manufacturer, false, model.MaxNameLen, false)
	if p.Basis != BasisPurchase && p.Basis != BasisShipment {
		bad("basis", "must be purchase or shipment")
	}

	switch p.Kind {
	case model.PolicyTerminal, model.PolicyDistributor:
		p.validateTiers(bad)
		if p.OEM != nil {
			bad("oem", "is only for OEM allowances")
		}
	case model.PolicyOEM:
		if len(p.Tiers) > 0 || p.After != nil || len(p.Causes) > 0 || p.CustomBranded != nil {
			bad("tiers", "an OEM allowance has no tiers, after, causes or custom_branded rules")
		}
		if p.OEM == nil {
			bad("oem", "is required for an OEM allowance")
		} else {
			p.OEM.validate(bad)
		}
	default:
		bad("kind", "must be terminal, distributor or oem")
	}
	if len(es) == 0 {
		return nil
	}
	return es
}

type reporter func(field, format string, args ...any)

// element reports the fields of one element of a list ("tiers[2].window"), naming it only
// when something is wrong: Evaluate validates on every call, so a valid policy must cost
// no allocations.
func element(bad reporter, list string, i int) reporter {
	return func(field, format string, args ...any) {
		bad(fmt.Sprintf("%s[%d]%s", list, i, field), format, args...)
	}
}

// checkText reports a required field left empty, text that is not UTF-8 or too long, and
// characters that are not text (model.CheckLine; a clause may hold line breaks).
func checkText(bad reporter, field, v string, required bool, max int, lines bool) {
	if required && strings.TrimSpace(v) == "" {
		bad(field, "is required")
	}
	if !utf8.ValidString(v) {
		bad(field, "is not valid UTF-8 text")
	}
	check := model.CheckLine
	if lines {
		check = model.CheckLines
	}
	if e := check(field, v); e != nil {
		bad(field, "%s", e.Message)
	}
	// No more bytes than max means no more characters either, without counting them.
	if len(v) > max {
		if n := utf8.RuneCountInString(v); n > max {
			bad(field, "is too long (%d characters, at most %d)", n, max)
		}
	}
}

func (p Policy) validateTiers(bad reporter) {
	if len(p.Tiers) == 0 {
		bad("tiers", "needs at least one tier")
	}
	freight := p.HasFreight()
	for i, t := range p.Tiers {
		at := element(bad, "tiers", i)
		checkTierID(at, ".id", t.ID, p.Tiers[:i])
		if validWindow(at, ".window", t.Window) && i > 0 && validWindowQuiet(p.Tiers[i-1].Window) {
			if !alwaysLater(p.Tiers[i-1].Window, t.Window) {
				at(".window", "must end after the previous tier's window (%s) for every start date, not %s", p.Tiers[i-1].Window, t.Window)
			}
		}
		checkRemedies(at, ".remedies", t.Remedies, true)
		checkClause(at, ".clause", t.Clause)
		checkFreight(at, ".freight", t.Freight, freight)
	}
	if p.After == nil {
		bad("after", "is required: what applies once the last window has ended")
	} else {
		checkTierID(bad, "after.id", p.After.ID, p.Tiers)
		checkRemedies(bad, "after.remedies", p.After.Remedies, true)
		checkClause(bad, "after.clause", p.After.Clause)
		checkFreight(bad, "after.freight", p.After.Freight, freight)
	}
	for i, r := range p.Causes {
		at := element(bad, "causes", i)
		if !r.Cause.Valid() {
			at(".cause", "unknown cause %q (use unknown, manufacturer or misuse)", r.Cause)
		} else if slices.ContainsFunc(p.Causes[:i], func(e CauseRule) bool { return e.Cause == r.Cause }) {
			at(".cause", "%s has two rules", r.Cause)
		}
		if r.Scope != ScopeAnyDate && r.Scope != ScopeInWindow {
			at(".scope", "must be any_date or in_window")
		}
		if r.Paid && (len(r.AddRemedies) > 0 || len(r.RegularAddRemedies) > 0) {
			at(".add_remedies", "a rule that sends the case to the paid tier adds no remedies")
		}
		checkRemedies(at, ".add_remedies", r.AddRemedies, false)
		checkRemedies(at, ".regular_add_remedies", r.RegularAddRemedies, false)
		checkFreight(at, ".freight", r.Freight, false)
		checkFreight(at, ".regular_freight", r.RegularFreight, false)
		if (r.Freight != nil || r.RegularFreight != nil) && !freight {
			at(".freight", "the policy's tiers say nothing about freight")
		}
		checkClause(at, ".clause", r.Clause)
	}
	if c := p.CustomBranded; c != nil {
		checkRemedies(bad, "custom_branded.excludes", c.Excludes, true)
		checkClause(bad, "custom_branded.clause", c.Clause)
	}
}

// checkTierID refuses an empty id, or one that an earlier tier already has.
func checkTierID(bad reporter, field string, id model.Tier, earlier []Tier) {
	switch {
	case id == "":
		bad(field, "is required")
	case slices.ContainsFunc(earlier, func(t Tier) bool { return t.ID == id }):
		bad(field, "%q is used twice", id)
	case len(id) > model.MaxCodeLen:
		bad(field, "is too long")
	}
}

func checkRemedies(bad reporter, field string, rs []model.Remedy, required bool) {
	if required && len(rs) == 0 {
		bad(field, "needs at least one remedy")
	}
	for i, r := range rs {
		switch {
		case !r.Valid():
			bad(fmt.Sprintf("%s[%d]", field, i), "unknown remedy %q", r)
		case slices.Contains(rs[:i], r): // the lists are short: no map needed
			bad(fmt.Sprintf("%s[%d]", field, i), "%s is listed twice", r)
		}
	}
}

func checkFreight(bad reporter, field string, f *Freight, required bool) {
	if f == nil {
		if required {
			bad(field, "is required: the policy says who pays freight elsewhere")
		}
		return
	}
	for _, leg := range []struct {
		name string
		p    Payer
	}{{"inbound", f.Inbound}, {"outbound", f.Outbound}} {
		if leg.p != PayerManufacturer && leg.p != PayerBuyer && leg.p != PayerPending {
			bad(field+"."+leg.name, "must be manufacturer, buyer or pending")
		}
	}
	if f.Settlement != SettleNone && f.Settlement != SettleDeductNextPI {
		bad(field+".settlement", "must be none or deduct_next_pi")
	}
}

func validWindowQuiet(w Window) bool { return validWindow(func(string, string, ...any) {}, "", w) }

func validWindow(bad reporter, field string, w Window) bool {
	switch w.Unit {
	case UnitDays:
		if w.Length < 0 || w.Length > MaxWindowDays {
			bad(field+".length", "must be between 0 and %d days", MaxWindowDays)
			return false
		}
	case UnitMonths:
		if w.Length < 0 || w.Length > MaxWindowMonths {
			bad(field+".length", "must be between 0 and %d months", MaxWindowMonths)
			return false
		}
	default:
		bad(field+".unit", "must be days or months")
		return false
	}
	return true
}

// alwaysLater reports whether window b ends strictly after window a whatever the start date.
func alwaysLater(a, b Window) bool {
	switch {
	case a.Unit == b.Unit:
		return b.Length > a.Length
	case a.Unit == UnitDays: // b in months
		lo, _ := monthSpan(b.Length)
		return lo > a.Length
	default: // a in months, b in days
		_, hi := monthSpan(a.Length)
		return b.Length > hi
	}
}

var monthSpans sync.Map // months -> [2]int

// monthSpan is the fewest and the most days that n months (EDATE) can span, over every start
// date of a 400-year Gregorian cycle. Days 2–28 of a month span as day 1 does, so only
// days 1 and 28–31 need trying.
func monthSpan(n int) (lo, hi int) {
	if v, ok := monthSpans.Load(n); ok {
		s := v.([2]int)
		return s[0], s[1]
	}
	lo, hi = int(^uint(0)>>1), -1
	for y := 2000; y < 2400; y++ {
		for m := 1; m <= 12; m++ {
			for _, d := range []int{1, 28, 29, 30, 31} {
				if d > model.DaysInMonth(y, time.Month(m)) {
					continue
				}
				start := model.Date{Year: y, Month: time.Month(m), Day: d}
				span := start.AddMonths(n).DaysSince(start)
				lo, hi = min(lo, span), max(hi, span)
			}
		}
	}
	monthSpans.Store(n, [2]int{lo, hi})
	return lo, hi
}

func (o *OEMRules) validate(bad reporter) {
	lo, errLo := parsePercent(o.MinRate)
	hi, errHi := parsePercent(o.MaxRate)
	if errLo != nil {
		bad("oem.min_rate", "%s", model.ErrorText(errLo))
	}
	if errHi != nil {
		bad("oem.max_rate", "%s", model.ErrorText(errHi))
	}
	if errLo == nil && errHi == nil && lo.Cmp(hi) > 0 {
		bad("oem.max_rate", "%s %% is below the minimum rate %s %%", o.MaxRate, o.MinRate)
	}
	validWindow(bad, "oem.claim_window", o.ClaimWindow)
	checkRemedies(bad, "oem.remedies", o.Remedies, true)
	checkRemedies(bad, "oem.batch_remedies", o.BatchRemedies, true)
	checkClause(bad, "oem.clause", o.Clause)
	checkClause(bad, "oem.batch_clause", o.BatchClause)
}

func percentOutside(t string) error {
	return model.Errorf(model.EINVALID, "%s %% is outside 0–100 %%", t)
}

// parsePercent reads a percentage written as decimal text ("0.4", "12", "100") exactly,
// and refuses anything outside 0–100.
func parsePercent(s string) (*big.Rat, error) {
	t := strings.TrimSpace(s)
	whole, frac, hasFrac := strings.Cut(t, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	if whole == "" {
		whole = "0" // ".5"
	}
	ok := len(t) > 0 && len(t) <= 24 && allDigits(whole) && (!hasFrac || (frac != "" && allDigits(frac))) && t != "."
	if !ok {
		return nil, model.Errorf(model.EINVALID, "%q is not a percentage such as 0.4", s)
	}
	r, _ := new(big.Rat).SetString(whole + "." + frac + "0")
	if neg && r.Sign() != 0 {
		return nil, percentOutside(t)
	}
	if r.Cmp(big.NewRat(100, 1)) > 0 {
		return nil, percentOutside(t)
	}
	return r, nil
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// checkClause checks both languages of a clause, each as free text.
func checkClause(bad reporter, field string, c Clause) {
	checkText(bad, field, c.En, false, model.MaxTextLen, true)
	checkText(bad, field+"_zh", c.Zh, false, model.MaxTextLen, true)
}
