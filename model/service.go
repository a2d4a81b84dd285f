package model

import (
	"context"
	"time"
)

// Page sizes of the case list: a list shows DefaultCaseLimit cases unless asked for more,
// and one page never holds more than MaxCaseLimit.
const (
	DefaultCaseLimit = 100
	MaxCaseLimit     = 1000
)

// CountedMatches is how many matches of a search FindCases counts at the least: a search
// that matches more may say only that it matches more than CountedMatches (MoreThan).
const CountedMatches = 500

// MoreThan is the total FindCases reports for a search that matches more than n cases:
// counting every match of a common term would cost the time of reading them all, so the
// store stops counting, and the list says "more than n" and pages on while pages are full.
func MoreThan(n int) int { return -n }

// CountedTotal reads a total of FindCases: the number of matches and whether that number
// is exact, or else the number the matches are known to exceed (MoreThan).
func CountedTotal(total int) (n int, exact bool) {
	if total < 0 {
		return -total, false
	}
	return total, true
}

// CaseFilter selects cases for the case list; zero fields do not filter.
type CaseFilter struct {
	Search         string         // substring of serial, customer name or phone; start of case or maintenance no.
	Status         Status         // one status
	OpenOnly       bool           // only statuses that are still open
	ManufacturerID ManufacturerID //
	Tier           Tier           //
	CustomerID     CustomerID     //
	Serial         Serial         // exact serial (a unit's history)
	ReportedFrom   Date           // reported on or after
	ReportedUntil  Date           // reported on or before
	Sort           string         // column to sort by: case_no (default), reported, waiting (open first, then reported), customer, model, serial, tier, status
	Descending     bool           //
	Offset, Limit  int            // paging; Limit 0 means DefaultCaseLimit, at most MaxCaseLimit

	// PurchasedFrom and PurchasedUntil select by the purchase date (cases without one never match);
	// Sort "purchased" orders by it.
	PurchasedFrom, PurchasedUntil Date
	DealerCarriesCost             bool // only cases whose cost the dealer carries
}

// CaseUpdate changes the editable fields of a case; nil fields stay as they are.
// Every change is written to the case's history in the same transaction.
type CaseUpdate struct {
	Fault             *string
	FaultCategory     *string
	Accessories       *string
	Condition         *string
	Cause             *Cause
	Tier              *Tier
	Remedy            *Remedy
	RemedyReason      *string
	PolicyID          *PolicyID
	PolicyVersion     *int
	DealerCarriesCost *bool
	ServiceCentreID   *ServiceCentreID
	ReplacementSerial *Serial
	RefundAmount      *Money
	Notes             *string
}

// NewCase is what the counter (or `case add`) hands over to create a case. The verdict
// (tier, policy version) is decided by the caller with the policy package; storage
// allocates the case number, and the maintenance number and nearest service centre
// when the tier is repair.
type NewCase struct {
	Case     Case      // CaseNo, MaintenanceNo, Status and timestamps are set by storage
	Customer *Customer // a customer to create in the same transaction when Case.CustomerID is 0
}

// CaseService keeps cases, their numbers and their history.
type CaseService interface {
	CreateCase(ctx context.Context, nc NewCase, actor string) (*Case, error)
	// FindCase accepts a case number or a maintenance number.
	FindCase(ctx context.Context, number string) (*Case, error)
	// CasesNumbered returns the cases a number read off a slip may mean (21): the newest with
	// that sequence in its case number, then the newest with it in its maintenance number.
	CasesNumbered(ctx context.Context, seq string) ([]Case, error)
	CaseByID(ctx context.Context, id CaseID) (*Case, error)
	// FindCases returns one page of the filtered list and the total number of matches; a
	// search that matches many cases is counted only so far (see MoreThan).
	FindCases(ctx context.Context, f CaseFilter) ([]CaseSummary, int, error)
	UpdateCase(ctx context.Context, id CaseID, u CaseUpdate, actor string) (*Case, error)
	// MoveCase changes the status if the transition is allowed, with a note in the history.
	MoveCase(ctx context.Context, id CaseID, to Status, actor, note string) (*Case, error)
	CaseHistory(ctx context.Context, id CaseID) ([]HistoryEntry, error)
	// CountCasesByStatus counts every case per status (for the dashboard).
	CountCasesByStatus(ctx context.Context) (map[Status]int, error)
}

// CustomerService keeps customers.
type CustomerService interface {
	CreateCustomer(ctx context.Context, c *Customer) error
	UpdateCustomer(ctx context.Context, c *Customer) error
	CustomerByID(ctx context.Context, id CustomerID) (*Customer, error)
	// FindCustomers finds customers whose name or phone contains q (Chinese too): those
	// whose whole name or phone is q first, then newest first; an empty q lists them by name.
	FindCustomers(ctx context.Context, q string, limit int) ([]Customer, error)
}

// CatalogService keeps manufacturers, their products and service centres.
type CatalogService interface {
	CreateManufacturer(ctx context.Context, m *Manufacturer) error
	UpdateManufacturer(ctx context.Context, m *Manufacturer) error
	ManufacturerByID(ctx context.Context, id ManufacturerID) (*Manufacturer, error)
	ManufacturerByName(ctx context.Context, name string) (*Manufacturer, error)
	ListManufacturers(ctx context.Context) ([]Manufacturer, error)

	CreateProduct(ctx context.Context, p *Product) error
	UpdateProduct(ctx context.Context, p *Product) error
	ProductByID(ctx context.Context, id ProductID) (*Product, error)
	// ProductByModel finds a model code; it is ENOTFOUND when no manufacturer makes it
	// and ECONFLICT when several do and manufacturer is 0.
	ProductByModel(ctx context.Context, manufacturer ManufacturerID, model ModelCode) (*Product, error)
	ListProducts(ctx context.Context, manufacturer ManufacturerID) ([]Product, error)

	CreateServiceCentre(ctx context.Context, s *ServiceCentre) error
	// UpdateServiceCentre stores the changes to a centre (its maker, name, region, address, phone).
	UpdateServiceCentre(ctx context.Context, s *ServiceCentre) error
	ListServiceCentres(ctx context.Context) ([]ServiceCentre, error)
	// NearestServiceCentre picks the centre for a region: the manufacturer's own in that
	// region, then an all-brands one there, then the manufacturer's first; never another
	// brand's (ENOTFOUND when there is none).
	NearestServiceCentre(ctx context.Context, manufacturer ManufacturerID, region string) (*ServiceCentre, error)
}

// SaleService keeps the sales records looked up by serial at the counter.
type SaleService interface {
	// ImportSales stores all the records in one transaction, or none of them.
	ImportSales(ctx context.Context, sales []Sale) error
	SaleBySerial(ctx context.Context, serial Serial) (*Sale, error)
	// SalesOfSerials returns the sales records those of serials already have, in serial
	// order (serials compare ignoring ASCII case), so an import can be checked in advance.
	SalesOfSerials(ctx context.Context, serials []Serial) ([]Sale, error)
	// FindSales lists the sales records whose serial starts with prefix (ignoring ASCII
	// case), in serial order; an empty prefix lists the first ones.
	FindSales(ctx context.Context, prefix string, limit int) ([]Sale, error)
	// SerialCases returns a serial's history, oldest first: every case of that unit and
	// every case in which a unit was swapped for it (its replacement serial).
	SerialCases(ctx context.Context, serial Serial) ([]Case, error)
}

// PolicyService keeps every version of every policy.
type PolicyService interface {
	// SavePolicy stores a new version of the policy (version = previous + 1) and returns it.
	SavePolicy(ctx context.Context, r *PolicyRecord) error
	// Policy returns one version, or the latest when version is 0.
	Policy(ctx context.Context, id PolicyID, version int) (*PolicyRecord, error)
	// ListPolicies returns the latest version of each policy.
	ListPolicies(ctx context.Context) ([]PolicyRecord, error)
}

// ClaimService keeps claim batches to manufacturers and OEM orders.
type ClaimService interface {
	// CreateClaim stores a draft claim over the given cases, refusing cases already in an open claim.
	CreateClaim(ctx context.Context, c *Claim) error
	FindClaim(ctx context.Context, no ClaimNo) (*Claim, error)
	ListClaims(ctx context.Context) ([]Claim, error)

	CreateOEMOrder(ctx context.Context, o *OEMOrder) error
	ListOEMOrders(ctx context.Context) ([]OEMOrder, error)

	// ClaimableCases lists a manufacturer's cases reported on or before until (zero: any
	// day): those it owes (covered by its distributor policy, tested as its defect, never
	// claimed) and, apart, those whose cost the dealer carries (the manufacturer's warranty
	// ended while the customer's did not, or the manufacturer rejected the claim).
	// policy.Claimable decides which is which; the store reads the rows.
	ClaimableCases(ctx context.Context, manufacturer ManufacturerID, until Date) (*ClaimCandidates, error)
	// RemoveClaimLine takes one case out of a draft claim.
	RemoveClaimLine(ctx context.Context, no ClaimNo, caseNo CaseNo) (*Claim, error)
	// UpdateClaimLine changes what a draft claim asks for one case.
	UpdateClaimLine(ctx context.Context, no ClaimNo, caseNo CaseNo, u ClaimLineUpdate) (*Claim, error)
	// DeleteClaim deletes a draft claim; its cases may be claimed again.
	DeleteClaim(ctx context.Context, no ClaimNo) error
	// SetClaimStatus moves a claim one step: draft → submitted → answered → settled.
	SetClaimStatus(ctx context.Context, no ClaimNo, to ClaimStatus) (*Claim, error)
	// AnswerClaimLines records the manufacturer's answers, matched by case number, moves the
	// claim to answered and books accepted credits and freight owed in the ledger. Recording
	// the same answers again changes nothing.
	AnswerClaimLines(ctx context.Context, no ClaimNo, answers []ClaimAnswer, actor string) (*ClaimAnswerReport, error)
	// CheckClaimAnswers reports what AnswerClaimLines would do with the answers (or why it
	// would refuse them) and records nothing: the window asks about a draft claim and about
	// over-credits before recording.
	CheckClaimAnswers(ctx context.Context, no ClaimNo, answers []ClaimAnswer) (*ClaimAnswerReport, error)

	// LedgerBalances is what each manufacturer owes (and has had deducted), by manufacturer name.
	LedgerBalances(ctx context.Context) ([]LedgerBalance, error)
	// LedgerEntries lists a manufacturer's entries (0: every manufacturer), newest first.
	LedgerEntries(ctx context.Context, manufacturer ManufacturerID, outstandingOnly bool) ([]LedgerEntry, error)
	// MarkDeducted marks what a manufacturer owes as deducted against a proforma invoice:
	// what the claims named owe, or everything when none is named.
	MarkDeducted(ctx context.Context, manufacturer ManufacturerID, pi string, claims ...ClaimNo) (n int, amount Money, err error)

	// LinkOEMDefects records cases as defects reported against an OEM order.
	LinkOEMDefects(ctx context.Context, order OEMOrderID, cases []CaseID) error
	UnlinkOEMDefect(ctx context.Context, order OEMOrderID, c CaseID) error
	// OEMDefects lists an order's defects, oldest report first.
	OEMDefects(ctx context.Context, order OEMOrderID) ([]OEMDefect, error)
	// OEMDefectCandidates lists cases of the order's product reported within its claim
	// year that are not linked to any order and not found to be misuse.
	OEMDefectCandidates(ctx context.Context, order OEMOrderID) ([]OEMDefect, error)
	// SetOEMBatchDefect marks an order's defects as a batch defect (claimed whole) or not.
	SetOEMBatchDefect(ctx context.Context, order OEMOrderID, batch bool) error
}

// SettingsService keeps the shop's settings as named text values.
type SettingsService interface {
	Setting(ctx context.Context, key string) (string, error) // "" when unset
	SetSetting(ctx context.Context, key, value string) error
	// SetSettings stores several settings in one transaction: all of them or none.
	SetSettings(ctx context.Context, values map[string]string) error
	// Logo returns the shop's logo, a PNG or JPEG picture kept in the database; nil when
	// there is none.
	Logo(ctx context.Context) ([]byte, error)
	// SetLogo stores the logo after CheckLogo; nil or empty removes it.
	SetLogo(ctx context.Context, data []byte) error
}

// PhotoService keeps the photos attached to cases, pictures and all, in the database (so
// every counter sees them), and records each attachment in the case's history.
type PhotoService interface {
	// AddPhoto checks the picture data (CheckPhoto) and stores it as a photo of case
	// p.CaseID named p.Name; it sets p's format, size, file name (a generated one when
	// p.File is empty), ID and AddedAt.
	AddPhoto(ctx context.Context, p *Photo, data []byte, actor string) error
	// ListPhotos returns a case's photos, oldest first.
	ListPhotos(ctx context.Context, id CaseID) ([]Photo, error)
	// PhotoData returns a photo's picture; ENOTFOUND for an unknown photo and for one whose
	// file was missing when an older database's photos moved in.
	PhotoData(ctx context.Context, id PhotoID) ([]byte, error)
}

// Store is everything ReturnDesk keeps; model/sqlite implements it.
type Store interface {
	CaseService
	CustomerService
	CatalogService
	SaleService
	PolicyService
	ClaimService
	SettingsService
	PhotoService
	ReportService
	// Today is the shop's calendar date on the clock the store stamps changes with (tests
	// set it): new cases, sales records and OEM orders dated after it are refused.
	Today() Date
	// Clock is that clock, so that the window's "today" is the store's: a test that fixes
	// the store's clock fixes both.
	Clock() Clock
	Close() error
}

// Clock gives the current time; tests pass a fixed one.
type Clock func() time.Time

// BulkLoader is what an engine may offer besides Store to load many generated records (the
// demo's) in one transaction, where one transaction per record would take minutes. Whoever
// fills a store checks for it and otherwise calls the Store's own methods.
type BulkLoader interface {
	// Bulk runs load and commits everything it wrote, or nothing when load or a write fails.
	Bulk(ctx context.Context, load func(BulkLoad) error) error
}

// BulkLoad writes, within one bulk load, what the Store methods of the same names would
// write had they been called one by one at the times given: the same numbers, history,
// checks and errors. Steps come in time order.
type BulkLoad interface {
	CreateCustomer(c *Customer) error
	// AddSale stores one sales record that names its product (and customer, if any) by id.
	AddSale(s *Sale) error
	CreateCase(at time.Time, nc NewCase, actor string) (*Case, error)
	UpdateCase(at time.Time, id CaseID, u CaseUpdate, actor string) (*Case, error)
	MoveCase(at time.Time, id CaseID, to Status, actor, note string) (*Case, error)
	// Case returns a case created by this load, as it stands.
	Case(id CaseID) (*Case, error)
}
