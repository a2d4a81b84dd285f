package model

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Length limits on free text, so that a form, a slip and a claim sheet can always show it.
const (
	MaxNameLen   = 120  // names of people, companies, products
	MaxCodeLen   = 64   // serials, model codes, invoice numbers, phone numbers
	MaxTextLen   = 2000 // fault descriptions, notes, addresses
	MaxRegionLen = 60
)

// Whether a field holds one line of text or may hold several (as its form field does).
const (
	oneLine   = false
	multiLine = true
)

// checkText appends a problem when a required field is empty, a field is too long or it
// holds a character that is not text (see CheckLine and CheckLines).
func checkText(problems *Errors, field, value string, required bool, max int, lines bool) {
	v := strings.TrimSpace(value)
	if required && v == "" {
		*problems = append(*problems, Invalid(field, "is required"))
		return
	}
	if n := utf8.RuneCountInString(value); n > max {
		*problems = append(*problems, Invalid(field, "is too long (%d characters, at most %d)", n, max))
	}
	if !utf8.ValidString(value) {
		*problems = append(*problems, Invalid(field, "is not valid UTF-8 text"))
	}
	if e := checkChars(field, value, lines); e != nil {
		*problems = append(*problems, e)
	}
}

// textField is one free-text field of a record, with what it may hold (see checkText).
type textField struct {
	name     string
	value    string
	required bool
	max      int
	lines    bool
}

func checkTexts(problems *Errors, fields []textField) {
	for _, f := range fields {
		checkText(problems, f.name, f.value, f.required, f.max, f.lines)
	}
}

// checkCharsOf judges only the characters of the fields: see CheckChars.
func checkCharsOf(fields []textField) error {
	var p Errors
	for _, f := range fields {
		if e := checkChars(f.name, f.value, f.lines); e != nil {
			p = append(p, e)
		}
	}
	return p.err()
}

// Manufacturer is a maker whose goods the shop sells, with the policies that apply to them.
type Manufacturer struct {
	ID                ManufacturerID `json:"id"`
	Name              string         `json:"name"`
	Contact           string         `json:"contact"` // the sales manager or after-sales person
	Phone             string         `json:"phone"`
	Email             string         `json:"email"`
	Address           string         `json:"address"`
	AfterSalesAddress string         `json:"after_sales_address"` // where faulty units are posted
	TerminalPolicy    PolicyID       `json:"terminal_policy,omitempty"`
	DistributorPolicy PolicyID       `json:"distributor_policy,omitempty"`
	OEMPolicy         PolicyID       `json:"oem_policy,omitempty"`
}

// Validate checks the fields a person fills in.
func (m *Manufacturer) Validate() error {
	var p Errors
	checkText(&p, "name", m.Name, true, MaxNameLen, oneLine)
	checkText(&p, "contact", m.Contact, false, MaxNameLen, oneLine)
	checkText(&p, "phone", m.Phone, false, MaxCodeLen, oneLine)
	checkText(&p, "email", m.Email, false, MaxNameLen, oneLine)
	checkText(&p, "address", m.Address, false, MaxTextLen, multiLine)
	checkText(&p, "after_sales_address", m.AfterSalesAddress, false, MaxTextLen, multiLine)
	return p.err()
}

// Product is one model a manufacturer makes.
type Product struct {
	ID             ProductID      `json:"id"`
	ManufacturerID ManufacturerID `json:"manufacturer_id"`
	Manufacturer   string         `json:"manufacturer,omitempty"` // filled on reads
	Model          ModelCode      `json:"model"`
	Name           string         `json:"name"`
	UnitPrice      Money          `json:"unit_price"`
	CustomBranded  bool           `json:"custom_branded"` // made with the dealer's brand: no refund from the manufacturer
}

// Validate checks the fields a person fills in.
func (p *Product) Validate() error {
	var e Errors
	if p.ManufacturerID == 0 {
		e = append(e, Invalid("manufacturer", "is required"))
	}
	checkText(&e, "model", string(p.Model), true, MaxCodeLen, oneLine)
	checkText(&e, "name", p.Name, false, MaxNameLen, oneLine)
	if p.UnitPrice < 0 {
		e = append(e, Invalid("unit_price", "cannot be negative"))
	}
	return e.err()
}

// Customer is someone who brings or sends units back: a walk-in, a dealer or an OEM brand.
type Customer struct {
	ID      CustomerID   `json:"id"`
	Name    string       `json:"name"`
	Phone   string       `json:"phone"`
	Email   string       `json:"email"`
	Address string       `json:"address"`
	Region  string       `json:"region"` // picks the nearest service centre
	Kind    CustomerKind `json:"kind"`
	Regular bool         `json:"regular"` // a regular customer of the manufacturer (new units instead of returns)
}

func (c *Customer) texts() []textField {
	return []textField{
		{"name", c.Name, true, MaxNameLen, oneLine},
		{"phone", c.Phone, false, MaxCodeLen, oneLine},
		{"email", c.Email, false, MaxNameLen, oneLine},
		{"address", c.Address, false, MaxTextLen, multiLine},
		{"region", c.Region, false, MaxRegionLen, oneLine},
	}
}

// CheckChars judges only the characters of the customer's text (see CheckLine), for the
// counter to refuse a control character before it looks anything up.
func (c *Customer) CheckChars() error { return checkCharsOf(c.texts()) }

// Validate checks the fields a person fills in.
func (c *Customer) Validate() error {
	var p Errors
	checkTexts(&p, c.texts())
	if c.Email != "" && !strings.Contains(c.Email, "@") {
		p = append(p, Invalid("email", "is not an e-mail address"))
	}
	if c.Kind != "" && !c.Kind.Valid() {
		p = append(p, Invalid("kind", "must be terminal, dealer or oem"))
	}
	return p.err()
}

// Sale is the record of one serial number: who bought it and when it was shipped to the dealer.
type Sale struct {
	ID           SaleID     `json:"id"`
	Serial       Serial     `json:"serial"`
	ProductID    ProductID  `json:"product_id"`
	Model        ModelCode  `json:"model"`        // filled on reads
	Manufacturer string     `json:"manufacturer"` // filled on reads
	CustomerID   CustomerID `json:"customer_id,omitempty"`
	CustomerName string     `json:"customer"`
	Phone        string     `json:"phone"`
	Invoice      string     `json:"invoice"`
	PurchaseDate Date       `json:"purchase_date"` // sold to the end customer
	ShipmentDate Date       `json:"shipment_date"` // shipped by the manufacturer to the dealer
}

// Validate checks a sale record as typed or imported.
func (s *Sale) Validate() error {
	var p Errors
	checkText(&p, "serial", string(s.Serial), true, MaxCodeLen, oneLine)
	if s.ProductID == 0 && s.Model == "" {
		p = append(p, Invalid("model", "is required"))
	}
	checkText(&p, "customer", s.CustomerName, false, MaxNameLen, oneLine)
	checkText(&p, "phone", s.Phone, false, MaxCodeLen, oneLine)
	checkText(&p, "invoice", s.Invoice, false, MaxCodeLen, oneLine)
	// The model and manufacturer only name catalog entries (their lengths are the catalog's
	// business), but they are echoed in messages: no control characters there either.
	for _, e := range []*Error{CheckLine("model", string(s.Model)), CheckLine("manufacturer", s.Manufacturer)} {
		if e != nil {
			p = append(p, e)
		}
	}
	if !s.PurchaseDate.IsZero() && !s.ShipmentDate.IsZero() && s.PurchaseDate.Before(s.ShipmentDate) {
		p = append(p, Invalid("purchase_date", "is before the shipment date %s", s.ShipmentDate))
	}
	return p.err()
}

// CheckDates refuses a sales record dated after today, the shop's date on the store's clock:
// a unit cannot have been sold or shipped yet. Storing and importing a record call it.
func (s *Sale) CheckDates(today Date) error {
	var p Errors
	checkNotFuture(&p, "purchase_date", s.PurchaseDate, today)
	checkNotFuture(&p, "shipment_date", s.ShipmentDate, today)
	return p.err()
}

// ServiceCentre is a manufacturer's (or independent) repair centre in a region.
type ServiceCentre struct {
	ID             ServiceCentreID `json:"id"`
	ManufacturerID ManufacturerID  `json:"manufacturer_id,omitempty"` // zero: serves every brand
	Name           string          `json:"name"`
	Region         string          `json:"region"`
	Address        string          `json:"address"`
	Phone          string          `json:"phone"`
}

// Validate checks the fields a person fills in.
func (s *ServiceCentre) Validate() error {
	var p Errors
	checkText(&p, "name", s.Name, true, MaxNameLen, oneLine)
	checkText(&p, "region", s.Region, true, MaxRegionLen, oneLine)
	checkText(&p, "address", s.Address, false, MaxTextLen, multiLine)
	checkText(&p, "phone", s.Phone, false, MaxCodeLen, oneLine)
	return p.err()
}

// Case is one warranty return (RMA) handled by the shop.
type Case struct {
	ID            CaseID        `json:"id"`
	CaseNo        CaseNo        `json:"case_no"`
	MaintenanceNo MaintenanceNo `json:"maintenance_no"`
	CustomerID    CustomerID    `json:"customer_id"`
	ProductID     ProductID     `json:"product_id"`
	Serial        Serial        `json:"serial"`
	PurchaseDate  Date          `json:"purchase_date"`
	ShipmentDate  Date          `json:"shipment_date"`
	ReportedDate  Date          `json:"reported_date"` // the day the customer reported the problem
	Fault         string        `json:"fault"`
	FaultCategory string        `json:"fault_category"`
	Accessories   string        `json:"accessories"` // what came in with the unit
	Condition     string        `json:"condition"`   // visible damage noted at intake
	Cause         Cause         `json:"cause"`
	// Verdict recorded under the policy version in force when it was decided.
	Tier              Tier            `json:"tier"`
	Remedy            Remedy          `json:"remedy"`
	RemedyReason      string          `json:"remedy_reason"` // why the dealer chose outside the allowed list
	PolicyID          PolicyID        `json:"policy_id"`
	PolicyVersion     int             `json:"policy_version"`
	DealerCarriesCost bool            `json:"dealer_carries_cost"` // customer covered, manufacturer's warranty over
	ServiceCentreID   ServiceCentreID `json:"service_centre_id,omitempty"`
	ReplacementSerial Serial          `json:"replacement_serial"`
	RefundAmount      Money           `json:"refund_amount"`
	Notes             string          `json:"notes"`
	Status            Status          `json:"status"`
	CreatedAt         time.Time       `json:"created_at"`
	UpdatedAt         time.Time       `json:"updated_at"`
	// Version counts the saves of the case row; see ExpectVersion.
	Version  int64      `json:"version"`
	ClosedAt *time.Time `json:"closed_at,omitempty"`
}

func (c *Case) texts() []textField {
	return []textField{
		{"serial", string(c.Serial), true, MaxCodeLen, oneLine},
		{"fault", c.Fault, true, MaxTextLen, multiLine},
		{"fault_category", c.FaultCategory, false, MaxNameLen, oneLine},
		{"accessories", c.Accessories, false, MaxTextLen, oneLine},
		{"condition", c.Condition, false, MaxTextLen, oneLine},
		{"remedy_reason", c.RemedyReason, false, MaxTextLen, oneLine},
		{"replacement_serial", string(c.ReplacementSerial), false, MaxCodeLen, oneLine},
		{"notes", c.Notes, false, MaxTextLen, multiLine},
	}
}

// CheckChars judges only the characters of the case's text (see CheckLine), for the
// counter to refuse a control character before it looks anything up.
func (c *Case) CheckChars() error { return checkCharsOf(c.texts()) }

// Validate checks a case before it is stored.
func (c *Case) Validate() error {
	var p Errors
	if c.CustomerID == 0 {
		p = append(p, Invalid("customer", "is required"))
	}
	if c.ProductID == 0 {
		p = append(p, Invalid("model", "is required"))
	}
	checkTexts(&p, c.texts())
	if c.ReportedDate.IsZero() {
		p = append(p, Invalid("reported_date", "is required"))
	}
	if !c.PurchaseDate.IsZero() && !c.ReportedDate.IsZero() && c.ReportedDate.Before(c.PurchaseDate) {
		p = append(p, Invalid("reported_date", "is before the purchase date %s", c.PurchaseDate))
	}
	if !c.ShipmentDate.IsZero() && !c.PurchaseDate.IsZero() && c.PurchaseDate.Before(c.ShipmentDate) {
		p = append(p, Invalid("purchase_date", "is before the shipment date %s", c.ShipmentDate))
	}
	if !c.ShipmentDate.IsZero() && c.PurchaseDate.IsZero() && !c.ReportedDate.IsZero() && c.ReportedDate.Before(c.ShipmentDate) {
		p = append(p, Invalid("reported_date", "is before the shipment date %s", c.ShipmentDate))
	}
	if c.Cause != "" && !c.Cause.Valid() {
		p = append(p, Invalid("cause", "unknown cause %q", c.Cause))
	}
	if c.Remedy != "" && !c.Remedy.Valid() {
		p = append(p, Invalid("remedy", "unknown remedy %q", c.Remedy))
	}
	if c.Status != "" && !c.Status.Valid() {
		p = append(p, Invalid("status", "unknown status %q", c.Status))
	}
	if c.RefundAmount < 0 {
		p = append(p, Invalid("refund_amount", "cannot be negative"))
	}
	if c.Tier != "" && !c.Tier.Valid() {
		p = append(p, Invalid("tier", "unknown tier %q", c.Tier))
	}
	if c.PolicyVersion < 0 {
		p = append(p, Invalid("policy_version", "cannot be negative"))
	}
	return p.err()
}

// CheckDates refuses a new case dated after today, the shop's date on the store's clock: a
// problem cannot have been reported, nor the unit bought or shipped, on a day still to come
// (the verdict would count days that have not passed). Taking in and storing a case call it;
// an existing case is not judged again as time goes by.
func (c *Case) CheckDates(today Date) error {
	var p Errors
	checkNotFuture(&p, "reported_date", c.ReportedDate, today)
	checkNotFuture(&p, "purchase_date", c.PurchaseDate, today)
	checkNotFuture(&p, "shipment_date", c.ShipmentDate, today)
	return p.err()
}

// CaseSummary is one row of the case list: the case joined with the names a dealer scans.
type CaseSummary struct {
	ID            CaseID        `json:"id"`
	CaseNo        CaseNo        `json:"case_no"`
	MaintenanceNo MaintenanceNo `json:"maintenance_no"`
	ReportedDate  Date          `json:"reported_date"`
	CreatedAt     time.Time     `json:"created_at"`
	Customer      string        `json:"customer"`
	Phone         string        `json:"phone"`
	Manufacturer  string        `json:"manufacturer"`
	Model         ModelCode     `json:"model"`
	Serial        Serial        `json:"serial"`
	Status        Status        `json:"status"`
	Tier          Tier          `json:"tier"`
	Remedy        Remedy        `json:"remedy"`
	Cause         Cause         `json:"cause"`
	ClaimNo       ClaimNo       `json:"claim_no"`
	Fault         string        `json:"fault"`
}

// HistoryEntry is one append-only record of a change to a case.
type HistoryEntry struct {
	ID        int64     `json:"id"`
	CaseID    CaseID    `json:"case_id"`
	At        time.Time `json:"at"`
	Actor     string    `json:"actor"`  // who made the change (the counter user or "cli")
	Action    string    `json:"action"` // created, status, edit, ...
	Field     string    `json:"field,omitempty"`
	OldValue  string    `json:"old_value,omitempty"`
	NewValue  string    `json:"new_value,omitempty"`
	OldStatus Status    `json:"old_status,omitempty"`
	NewStatus Status    `json:"new_status,omitempty"`
	Note      string    `json:"note,omitempty"`
}

// PolicyRecord is one stored version of a warranty policy; the definition is the
// policy package's JSON, opaque to storage.
type PolicyRecord struct {
	ID             PolicyID       `json:"id"`
	Version        int            `json:"version"`
	Name           string         `json:"name"`
	Kind           PolicyKind     `json:"kind"`
	ManufacturerID ManufacturerID `json:"manufacturer_id,omitempty"`
	Preset         bool           `json:"preset"`
	Definition     []byte         `json:"definition"`
	CreatedAt      time.Time      `json:"created_at"`
}

// Validate checks the identifying fields of a policy record.
func (r *PolicyRecord) Validate() error {
	var p Errors
	checkText(&p, "id", string(r.ID), true, MaxCodeLen, oneLine)
	for _, ch := range string(r.ID) {
		if !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-') {
			p = append(p, Invalid("id", "may use only lower-case letters, digits and '-'"))
			break
		}
	}
	checkText(&p, "name", r.Name, true, MaxNameLen, oneLine)
	if !r.Kind.Valid() {
		p = append(p, Invalid("kind", "must be terminal, distributor or oem"))
	}
	if len(r.Definition) == 0 {
		p = append(p, Invalid("definition", "is required"))
	}
	return p.err()
}

// OEMOrder is a custom-branded order shipped with a spare-part allowance.
type OEMOrder struct {
	ID             OEMOrderID     `json:"id"`
	ManufacturerID ManufacturerID `json:"manufacturer_id"`
	ProductID      ProductID      `json:"product_id"`
	CustomerID     CustomerID     `json:"customer_id,omitempty"`
	OrderNo        string         `json:"order_no"`
	Quantity       int            `json:"quantity"`
	ShipmentDate   Date           `json:"shipment_date"`
	SpareRate      string         `json:"spare_rate"`      // percent as a decimal text, e.g. "0.4": kept exact
	SparesReceived *int           `json:"spares_received"` // nil when not counted

	BatchDefect bool `json:"batch_defect"` // a production or electrical problem: claimed whole
	// Filled on reads.
	Manufacturer string    `json:"manufacturer,omitempty"`
	Model        ModelCode `json:"model,omitempty"`
	Customer     string    `json:"customer,omitempty"`
	Defects      int       `json:"defects"` // defects linked to the order and reported within one year of shipment
	Claimed      int       `json:"claimed"` // of those, the ones already in a claim
}

// Validate checks an OEM order as typed.
func (o *OEMOrder) Validate() error {
	var p Errors
	if o.ManufacturerID == 0 {
		p = append(p, Invalid("manufacturer", "is required"))
	}
	if o.ProductID == 0 {
		p = append(p, Invalid("model", "is required"))
	}
	checkText(&p, "order_no", o.OrderNo, true, MaxCodeLen, oneLine)
	if o.Quantity <= 0 {
		p = append(p, Invalid("quantity", "must be at least 1"))
	}
	if o.ShipmentDate.IsZero() {
		p = append(p, Invalid("shipment_date", "is required"))
	}
	if o.SparesReceived != nil && *o.SparesReceived < 0 {
		p = append(p, Invalid("spares_received", "cannot be negative"))
	}
	if o.SpareRate == "" {
		p = append(p, Invalid("spare_rate", "is required"))
	}
	return p.err()
}

// CheckDates refuses an OEM order shipped after today, the shop's date on the store's clock:
// its claim year would start on a day still to come.
func (o *OEMOrder) CheckDates(today Date) error {
	var p Errors
	checkNotFuture(&p, "shipment_date", o.ShipmentDate, today)
	return p.err()
}

// Claim is a batch of cases sent to one manufacturer for compensation.
type Claim struct {
	ID             ClaimID        `json:"id"`
	ClaimNo        ClaimNo        `json:"claim_no"`
	ManufacturerID ManufacturerID `json:"manufacturer_id"`
	Manufacturer   string         `json:"manufacturer"` // filled on reads
	PeriodFrom     Date           `json:"period_from"`
	PeriodUntil    Date           `json:"period_until"`
	Status         ClaimStatus    `json:"status"`
	CreatedAt      time.Time      `json:"created_at"`
	Lines          []ClaimLine    `json:"lines"`

	SubmittedAt *time.Time `json:"submitted_at,omitempty"`
	AnsweredAt  *time.Time `json:"answered_at,omitempty"`
	SettledAt   *time.Time `json:"settled_at,omitempty"`
	// Totals filled by ListClaims (FindClaim's lines carry them one by one).
	LineCount int   `json:"line_count"`
	Amount    Money `json:"amount"`
	Credit    Money `json:"credit"`
	Answered  int   `json:"answered"` // lines with a decision
	Rejected  int   `json:"rejected"`
}

// ClaimLine is one case in a claim with the manufacturer's answer to it.
type ClaimLine struct {
	ID          int64    `json:"id"`
	CaseID      CaseID   `json:"case_id"`
	CaseNo      CaseNo   `json:"case_no"`
	RemedyAsked Remedy   `json:"remedy_asked"`
	Quantity    int      `json:"quantity"`
	UnitPrice   Money    `json:"unit_price"`
	Freight     Money    `json:"freight"`
	FreightBy   string   `json:"freight_by"` // manufacturer, buyer or pending
	Decision    Decision `json:"decision"`
	Credit      Money    `json:"credit"`
	Note        string   `json:"note"`

	AnswerNote string     `json:"answer_note"` // the manufacturer's reason or remark
	AnsweredAt *time.Time `json:"answered_at,omitempty"`

	// Filled on reads from the case, for the claim sheet.
	Model         ModelCode `json:"model,omitempty"`
	ProductName   string    `json:"product_name,omitempty"`
	Serial        Serial    `json:"serial,omitempty"`
	Customer      string    `json:"customer,omitempty"`
	PurchaseDate  Date      `json:"purchase_date"`
	ShipmentDate  Date      `json:"shipment_date"`
	ReportedDate  Date      `json:"reported_date"`
	Fault         string    `json:"fault,omitempty"`
	FaultCategory string    `json:"fault_category,omitempty"`
	Cause         Cause     `json:"cause,omitempty"`
}

// Amount is what the line asks for: quantity × unit price.
func (l ClaimLine) Amount() Money { return Money(int64(l.Quantity)) * l.UnitPrice }

// PhotoID identifies a stored photo.
type PhotoID int64

// PhotoDir is the folder, inside the application's data folder, that held attached photos
// before they moved into the database (schema version 6); a photo's File still names it.
const PhotoDir = "photos"

// Photo is a picture of a returned unit attached to its case. The picture is in the database
// (PhotoService.PhotoData); File is its generated name, unique, as the data folder once held it;
// the name the user's file had is kept for display only.
type Photo struct {
	ID      PhotoID   `json:"id"`
	CaseID  CaseID    `json:"case_id"`
	File    string    `json:"file"`   // photos/<generated name>.<ext>, relative to the data folder, with '/'
	Name    string    `json:"name"`   // the original file name, shown to people, never used as a path
	Format  string    `json:"format"` // png or jpeg
	Width   int       `json:"width"`
	Height  int       `json:"height"`
	Size    int64     `json:"size"` // bytes
	AddedAt time.Time `json:"added_at"`
	Actor   string    `json:"actor"`
}

// Validate checks a photo record, in particular that its file stays inside the photo folder.
func (p *Photo) Validate() error {
	var e Errors
	if p.CaseID == 0 {
		e = append(e, Invalid("case", "is required"))
	}
	if !validPhotoFile(p.File) {
		e = append(e, Invalid("file", "must be a generated file name inside the %s folder, not %q", PhotoDir, p.File))
	}
	checkText(&e, "name", p.Name, false, MaxNameLen, oneLine)
	if p.Format != "png" && p.Format != "jpeg" {
		e = append(e, Invalid("format", "must be png or jpeg, not %q", p.Format))
	}
	if p.Width <= 0 || p.Height <= 0 {
		e = append(e, Invalid("size", "the picture has no pixels"))
	}
	if p.Size <= 0 {
		e = append(e, Invalid("size", "the file is empty"))
	}
	return e.err()
}

// validPhotoFile accepts "photos/NAME.EXT" where NAME uses letters, digits, '-' and '_'
// and EXT is png, jpg or jpeg: nothing that could leave the folder or name a device.
func validPhotoFile(f string) bool {
	name, ok := strings.CutPrefix(f, PhotoDir+"/")
	if !ok {
		return false
	}
	base, ext, ok := strings.Cut(name, ".")
	if !ok || base == "" || len(base) > MaxCodeLen || (ext != "png" && ext != "jpg" && ext != "jpeg") {
		return false
	}
	for _, ch := range base {
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_') {
			return false
		}
	}
	return true
}

// ClaimStatuses lists the statuses of a claim in the order it goes through them.
var ClaimStatuses = []ClaimStatus{ClaimDraft, ClaimSubmitted, ClaimAnswered, ClaimSettled}

// Valid reports whether s is a known claim status.
func (s ClaimStatus) Valid() bool { return slices.Contains(ClaimStatuses, s) }

// Open reports whether the claim is not settled yet: its cases cannot be claimed again.
func (s ClaimStatus) Open() bool { return s != ClaimSettled }

// Next is the status a claim moves to from s (draft → submitted → answered → settled),
// or "" when it is settled.
func (s ClaimStatus) Next() ClaimStatus {
	for i, st := range ClaimStatuses {
		if st == s && i+1 < len(ClaimStatuses) {
			return ClaimStatuses[i+1]
		}
	}
	return ""
}

// CheckClaimTransition returns an error explaining why a claim in status from cannot
// move to to, or nil. A claim only moves one step forward.
func CheckClaimTransition(from, to ClaimStatus) error {
	if !to.Valid() {
		return Invalid("status", "unknown claim status %q (use draft, submitted, answered or settled)", to)
	}
	if from.Next() == to {
		return nil
	}
	if from == ClaimSettled {
		return Errorf(ECONFLICT, "the claim is settled: it cannot change status any more")
	}
	return Errorf(ECONFLICT, "a claim that is %s cannot move to %s (next: %s)", from.Label(), to.Label(), from.Next().Label())
}

// ClaimStepsTo lists the statuses a claim in status from passes through, one step at a
// time, to reach status to (none when it is there already), or says why it cannot.
func ClaimStepsTo(from, to ClaimStatus) ([]ClaimStatus, error) {
	if !to.Valid() {
		return nil, CheckClaimTransition(from, to)
	}
	var steps []ClaimStatus
	for at := from; at != to; at = at.Next() {
		if at.Next() == "" { // went past the last status: to lies behind from
			return nil, CheckClaimTransition(from, to)
		}
		steps = append(steps, at.Next())
	}
	return steps, nil
}

// Decisions lists the answers a manufacturer may give to a claim line.
var Decisions = []Decision{DecisionAccepted, DecisionRejected, DecisionPartly}

// decisionWords are the spellings a returned claim sheet may use, folded to lower case.
var decisionWords = map[string]Decision{
	"accepted": DecisionAccepted, "accept": DecisionAccepted, "yes": DecisionAccepted, "ok": DecisionAccepted,
	"approved": DecisionAccepted, "接受": DecisionAccepted, "同意": DecisionAccepted, "通过": DecisionAccepted,
	"rejected": DecisionRejected, "reject": DecisionRejected, "no": DecisionRejected, "declined": DecisionRejected,
	"拒绝": DecisionRejected, "不同意": DecisionRejected, "驳回": DecisionRejected,
	"partly": DecisionPartly, "partly accepted": DecisionPartly, "partial": DecisionPartly, "partially": DecisionPartly,
	"部分": DecisionPartly, "部分接受": DecisionPartly, "部分同意": DecisionPartly,
}

// Valid reports whether d is a known decision or none (a line not answered yet).
func (d Decision) Valid() bool { return d == DecisionNone || slices.Contains(Decisions, d) }

// ParseDecision reads a decision as a manufacturer writes it: Accepted, Rejected or Partly
// in any case (and a few common synonyms, also in Chinese); empty text is no decision.
func ParseDecision(s string) (Decision, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if t == "" {
		return DecisionNone, nil
	}
	if d, ok := decisionWords[t]; ok {
		return d, nil
	}
	return "", Invalid("decision", "%q is not a decision (use Accepted, Rejected or Partly)", s)
}

// Freight payers of a claim line (ClaimLine.FreightBy); "" while unknown.
const (
	FreightByManufacturer = "manufacturer"
	FreightByBuyer        = "buyer"
	FreightByPending      = "pending"
)

// ValidFreightBy reports whether s is a freight payer of a claim line, or "" (not known yet).
func ValidFreightBy(s string) bool {
	return s == "" || s == FreightByManufacturer || s == FreightByBuyer || s == FreightByPending
}

// ClaimCandidate is a case a manufacturer may owe the dealer for, as the claim builder lists it.
type ClaimCandidate struct {
	CaseID       CaseID    `json:"case_id"`
	CaseNo       CaseNo    `json:"case_no"`
	Model        ModelCode `json:"model"`
	Serial       Serial    `json:"serial"`
	Customer     string    `json:"customer"`
	Regular      bool      `json:"regular"` // the customer is a regular customer of the manufacturer
	PurchaseDate Date      `json:"purchase_date"`
	ShipmentDate Date      `json:"shipment_date"`
	ReportedDate Date      `json:"reported_date"`
	Fault        string    `json:"fault"`
	Cause        Cause     `json:"cause"`
	Status       Status    `json:"status"`
	UnitPrice    Money     `json:"unit_price"`
	RemedyAsked  Remedy    `json:"remedy_asked"` // what to ask the manufacturer for
	FreightBy    string    `json:"freight_by"`
	WindowEnds   Date      `json:"window_ends,omitempty"` // the end of the manufacturer's warranty
	// Reason says why the case is listed: the rule that makes it owed, or why the dealer carries it
	// (the manufacturer's warranty ended, or the reason the manufacturer gave for rejecting it).
	Reason  Text    `json:"reason"`
	ClaimNo ClaimNo `json:"claim_no,omitempty"` // the claim that rejected it
}

// Line is the claim line that asks the manufacturer for this case.
func (c ClaimCandidate) Line() ClaimLine {
	return ClaimLine{CaseID: c.CaseID, CaseNo: c.CaseNo, RemedyAsked: c.RemedyAsked, Quantity: 1,
		UnitPrice: c.UnitPrice, FreightBy: c.FreightBy}
}

// ClaimCandidates are a manufacturer's cases split into what it owes and what the dealer carries.
type ClaimCandidates struct {
	Manufacturer ManufacturerID   `json:"manufacturer_id"`
	Until        Date             `json:"until,omitempty"`
	Owed         []ClaimCandidate `json:"owed"`        // covered by the distributor policy, tested manufacturer's defect, never claimed
	DealerCost   []ClaimCandidate `json:"dealer_cost"` // listed apart: the dealer carries the cost
	Note         Text             `json:"note,omitzero"`
}

// NewClaim is a draft claim over all the owed cases, for the period they were reported in.
func (cc *ClaimCandidates) NewClaim() *Claim {
	c := &Claim{ManufacturerID: cc.Manufacturer, PeriodUntil: cc.Until}
	for _, o := range cc.Owed {
		c.Lines = append(c.Lines, o.Line())
		if c.PeriodFrom.IsZero() || o.ReportedDate.Before(c.PeriodFrom) {
			c.PeriodFrom = o.ReportedDate
		}
		if cc.Until.IsZero() && o.ReportedDate.After(c.PeriodUntil) {
			c.PeriodUntil = o.ReportedDate
		}
	}
	if !c.PeriodUntil.IsZero() && c.PeriodUntil.Before(c.PeriodFrom) {
		c.PeriodFrom = c.PeriodUntil
	}
	return c
}

// ClaimLineUpdate changes what a draft claim asks for one case; nil fields stay as they are.
type ClaimLineUpdate struct {
	RemedyAsked *Remedy
	Quantity    *int
	UnitPrice   *Money
	Freight     *Money
	FreightBy   *string
	Note        *string
}

// ClaimAnswer is the manufacturer's answer to one line, as read from a returned claim sheet.
type ClaimAnswer struct {
	CaseNo   CaseNo   `json:"case_no"`
	Decision Decision `json:"decision"` // none: the line is not answered
	Credit   *Money   `json:"credit"`   // nil when the cell was left empty
	Note     string   `json:"note"`     // the manufacturer's reason or remark
	Row      int      `json:"row,omitempty"`
}

// ClaimAnswerReport says what recording a set of answers did.
type ClaimAnswerReport struct {
	ClaimNo    ClaimNo     `json:"claim_no"`
	Status     ClaimStatus `json:"status"` // after the answers
	Matched    int         `json:"matched"`
	Changed    int         `json:"changed"`
	Unchanged  int         `json:"unchanged"`
	Unanswered []CaseNo    `json:"unanswered"` // lines in the file without a decision
	Unmatched  []CaseNo    `json:"unmatched"`  // case numbers in the file that are not in the claim
	Missing    []CaseNo    `json:"missing"`    // lines of the claim the file does not mention
	Warnings   []Text      `json:"warnings"`
	// Submitted: the claim was a draft, and was recorded as submitted (in the same
	// transaction) before it was answered: a draft that comes back answered was sent.
	Submitted   bool         `json:"submitted"`
	OverCredits []OverCredit `json:"over_credits"` // recorded, but worth a second look
	// Replaced are the answers that change one recorded before: an older sheet imported
	// after a newer one undoes the newer answers, so the window asks first.
	Replaced []ReplacedAnswer `json:"replaced"`
}

// DraftNote says that the answers recorded a draft claim as submitted first (empty when not).
func (r *ClaimAnswerReport) DraftNote() Text {
	if !r.Submitted {
		return Text{}
	}
	return T("claim %s was a draft: recorded as submitted today, then answered", r.ClaimNo)
}

// OverCredit is an answer that credits a line more than the line claimed. It is more
// often a slip (1,000,000 typed for 18.50) than a generous manufacturer, so it is
// recorded but pointed out (the window asks first).
type OverCredit struct {
	Row     int    `json:"row,omitempty"` // the sheet's row; 0 for an answer typed in
	CaseNo  CaseNo `json:"case_no"`
	Credit  Money  `json:"credit"`
	Claimed Money  `json:"claimed"`
}

// String is the one wording of an over-credit:
// row 12 (RMA-2026-000001): credit 1,000,000.00 is more than the 18.50 claimed.
func (o OverCredit) String() string { return o.Text().String() }

// Text is the over-credit's wording as a Text, for showing it.
func (o OverCredit) Text() Text {
	if o.Row > 0 {
		return T("row %d (%s): credit %s is more than the %s claimed", o.Row, o.CaseNo, o.Credit.Grouped(), o.Claimed.Grouped())
	}
	return T("%s: credit %s is more than the %s claimed", o.CaseNo, o.Credit.Grouped(), o.Claimed.Grouped())
}

// ReplacedAnswer is an answer that changes the decision or the credit recorded for its line.
type ReplacedAnswer struct {
	Row       int      `json:"row,omitempty"` // the sheet's row; 0 for an answer typed in
	CaseNo    CaseNo   `json:"case_no"`
	Was       Decision `json:"was"`
	WasCredit Money    `json:"was_credit"`
	Now       Decision `json:"now"`
	NowCredit Money    `json:"now_credit"`
}

// Text is the replaced answer's one wording:
// row 12 (RMA-2026-000001): Accepted, 127.00 becomes Rejected, 0.00.
func (r ReplacedAnswer) Text() Text {
	if r.Row > 0 {
		return T("row %d (%s): %s, %s becomes %s, %s", r.Row, r.CaseNo, r.Was.Label(), r.WasCredit.Grouped(), r.Now.Label(), r.NowCredit.Grouped())
	}
	return T("%s: %s, %s becomes %s, %s", r.CaseNo, r.Was.Label(), r.WasCredit.Grouped(), r.Now.Label(), r.NowCredit.Grouped())
}

// Ledger entry kinds: what the manufacturer owes the dealer.
const (
	LedgerCredit  = "credit"  // an accepted claim line's credit
	LedgerFreight = "freight" // postage the manufacturer bears, deducted on the next PI
)

// LedgerEntry is one amount a manufacturer owes, until it is deducted against a proforma invoice.
type LedgerEntry struct {
	ID             int64          `json:"id"`
	ManufacturerID ManufacturerID `json:"manufacturer_id"`
	Manufacturer   string         `json:"manufacturer"`
	ClaimNo        ClaimNo        `json:"claim_no"`
	CaseNo         CaseNo         `json:"case_no"`
	Kind           string         `json:"kind"` // credit or freight
	Amount         Money          `json:"amount"`
	CreatedAt      time.Time      `json:"created_at"`
	PI             string         `json:"pi"` // the proforma invoice it was deducted against; "" while owed
	DeductedAt     *time.Time     `json:"deducted_at,omitempty"`
}

// CheckPI judges the number of the proforma invoice a balance is deducted on: required, one
// line, at most MaxCodeLen characters. The store checks it, and the deduct dialog as it is typed.
func CheckPI(pi string) error {
	pi = strings.TrimSpace(pi)
	switch {
	case pi == "":
		return Invalid("pi", "is required: the number of the proforma invoice the amounts were deducted on")
	case utf8.RuneCountInString(pi) > MaxCodeLen:
		return Invalid("pi", "is too long (at most %d characters)", MaxCodeLen)
	}
	if e := CheckLine("pi", pi); e != nil {
		return e
	}
	return nil
}

// LedgerBalance is what one manufacturer owes the dealer.
type LedgerBalance struct {
	ManufacturerID ManufacturerID `json:"manufacturer_id"`
	Manufacturer   string         `json:"manufacturer"`
	Credit         Money          `json:"credit"`   // accepted credits not yet deducted
	Freight        Money          `json:"freight"`  // freight owed not yet deducted
	Owed           Money          `json:"owed"`     // Credit + Freight
	Deducted       Money          `json:"deducted"` // already deducted on earlier PIs
}

// OEMDefect is a defective unit reported against an OEM order.
type OEMDefect struct {
	OrderID      OEMOrderID `json:"order_id"`
	CaseID       CaseID     `json:"case_id"`
	CaseNo       CaseNo     `json:"case_no"`
	Serial       Serial     `json:"serial"`
	ReportedDate Date       `json:"reported_date"`
	Fault        string     `json:"fault"`
	Cause        Cause      `json:"cause"`
	ClaimNo      ClaimNo    `json:"claim_no"` // the latest claim it is in
	InYear       bool       `json:"in_year"`  // reported within one year of the order's shipment
}
