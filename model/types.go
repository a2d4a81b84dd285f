package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Identifiers of stored rows; a zero value means "not stored yet".
type (
	ManufacturerID  int64
	ProductID       int64
	CustomerID      int64
	SaleID          int64
	ServiceCentreID int64
	CaseID          int64
	ClaimID         int64
	OEMOrderID      int64
)

// Numbers and codes people read, type and scan.
type (
	CaseNo        string // RMA-2026-000123: allocated when a case is created
	MaintenanceNo string // MO-2026-000045: allocated for cases in the repair tier
	ClaimNo       string // CLM-2026-0007: allocated when a claim batch is created
	Serial        string // a unit's serial number as printed on it
	ModelCode     string // a product's model code, unique per manufacturer
	PolicyID      string // halotek-terminal, eletrek-distributor, halotek-oem, or a copy's id
)

// Money is an amount in cents (hundredths of the currency unit), so sums are exact.
type Money int64

// String formats the amount with two decimals: 1234 -> "12.34".
func (m Money) String() string {
	sign := ""
	v := int64(m)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// Grouped formats the amount with thousands separators, as a sheet shows it:
// 100000000 -> "1,000,000.00".
func (m Money) Grouped() string {
	s := m.String()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return sign + b.String() + "." + frac
}

// ParseMoney reads "12", "12.3" or "12.34" (an optional leading minus) without floating point.
func ParseMoney(s string) (Money, error) {
	s = strings.TrimSpace(s)
	bad := Errorf(EINVALID, "%q is not an amount such as 12.50", s)
	if s == "" {
		return 0, bad
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || (hasFrac && (len(frac) == 0 || len(frac) > 2)) {
		return 0, bad
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w < 0 || w > 1e13 {
		return 0, bad
	}
	var f int64
	if hasFrac {
		for len(frac) < 2 {
			frac += "0"
		}
		f, err = strconv.ParseInt(frac, 10, 64)
		if err != nil || f < 0 {
			return 0, bad
		}
	}
	v := w*100 + f
	if neg {
		v = -v
	}
	return Money(v), nil
}

// Cause is what testing found to be the reason for the fault.
type Cause string

const (
	CauseUnknown      Cause = "unknown"      // not yet tested: any verdict is provisional
	CauseManufacturer Cause = "manufacturer" // materials or production: the manufacturer's defect
	CauseMisuse       Cause = "misuse"       // improper operation or human damage
)

// Causes lists the causes in the order forms offer them.
var Causes = []Cause{CauseUnknown, CauseManufacturer, CauseMisuse}

// Valid reports whether c is one of the known causes.
func (c Cause) Valid() bool { return c == CauseUnknown || c == CauseManufacturer || c == CauseMisuse }

// ParseCause accepts a cause name; the empty string means unknown.
func ParseCause(s string) (Cause, error) {
	if s == "" {
		return CauseUnknown, nil
	}
	c := Cause(strings.ToLower(strings.TrimSpace(s)))
	if !c.Valid() {
		return "", Invalid("cause", "unknown cause %q (use unknown, manufacturer or misuse)", s)
	}
	return c, nil
}

// Tier names the part of a policy that applies on a given day.
type Tier string

const (
	TierRefund   Tier = "refund"   // terminal client, days 0–7
	TierReplace  Tier = "replace"  // terminal client, days 8–60
	TierRepair   Tier = "repair"   // terminal client, day 61 to the end of the year
	TierPaid     Tier = "paid"     // out of warranty or misuse
	TierWarranty Tier = "warranty" // distributor policy, inside its window
)

// Tiers lists every tier in the order of the policies (the customer's tiers, the
// distributor's, then paid service): the order forms and filters offer them.
var Tiers = []Tier{TierRefund, TierReplace, TierRepair, TierWarranty, TierPaid}

// Valid reports whether t is a known tier.
func (t Tier) Valid() bool { return slices.Contains(Tiers, t) }

// Covered reports whether a case in tier t is covered for the customer: every known tier
// but paid service.
func (t Tier) Covered() bool { return t.Valid() && t != TierPaid }

// Remedy is what the customer (or the dealer, towards the manufacturer) may be given.
type Remedy string

const (
	RemedyRefund          Remedy = "refund"
	RemedyReplace         Remedy = "replace"
	RemedyServiceCenter   Remedy = "service_center"
	RemedyRepair          Remedy = "repair"
	RemedyPaidService     Remedy = "paid_service"
	RemedyNewUnits        Remedy = "new_units"
	RemedyDeductNextOrder Remedy = "deduct_next_order"
	RemedyAirReplacement  Remedy = "air_replacement"
)

// Remedies lists every remedy the app knows, in a stable order.
var Remedies = []Remedy{RemedyRefund, RemedyReplace, RemedyServiceCenter, RemedyRepair,
	RemedyPaidService, RemedyNewUnits, RemedyDeductNextOrder, RemedyAirReplacement}

// Valid reports whether r is a known remedy.
func (r Remedy) Valid() bool {
	for _, k := range Remedies {
		if r == k {
			return true
		}
	}
	return false
}

// CustomerKind says whom the dealer serves.
type CustomerKind string

const (
	KindTerminal CustomerKind = "terminal" // an end customer walking in
	KindDealer   CustomerKind = "dealer"   // another shop buying from us
	KindOEM      CustomerKind = "oem"      // a brand we build custom-branded goods for
)

// Valid reports whether k is a known customer kind.
func (k CustomerKind) Valid() bool { return k == KindTerminal || k == KindDealer || k == KindOEM }

// ParseCustomerKind accepts walk-in (or terminal), dealer or oem; the empty string is walk-in.
func ParseCustomerKind(s string) (CustomerKind, error) {
	switch k := strings.ToLower(strings.TrimSpace(s)); k {
	case "", "walk-in", "walkin":
		return KindTerminal, nil
	default:
		if CustomerKind(k).Valid() {
			return CustomerKind(k), nil
		}
	}
	return "", Invalid("customer_kind", "unknown customer kind %q (use walk-in, dealer or oem)", s)
}

// PolicyKind says whose warranty a policy describes.
type PolicyKind string

const (
	PolicyTerminal    PolicyKind = "terminal"    // end-customer policy, counted from the purchase date
	PolicyDistributor PolicyKind = "distributor" // the dealer's claims, counted from the shipment date
	PolicyOEM         PolicyKind = "oem"         // spare-part allowance on OEM orders
)

// Valid reports whether k is a known policy kind.
func (k PolicyKind) Valid() bool {
	return k == PolicyTerminal || k == PolicyDistributor || k == PolicyOEM
}

// ClaimStatus is where a claim batch is in its life.
type ClaimStatus string

const (
	ClaimDraft     ClaimStatus = "draft"
	ClaimSubmitted ClaimStatus = "submitted"
	ClaimAnswered  ClaimStatus = "answered"
	ClaimSettled   ClaimStatus = "settled"
)

// Decision is the manufacturer's answer to one claim line.
type Decision string

const (
	DecisionNone     Decision = ""
	DecisionAccepted Decision = "accepted"
	DecisionRejected Decision = "rejected"
	DecisionPartly   Decision = "partly"
)
