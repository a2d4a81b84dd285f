package model

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Text is a wording shown to a person. Key is its English form, a fmt format that is also
// the key its translations are looked up by (as Fyne's lang.L keys by the English text);
// Args fill its verbs. Build one with T and format it only where it is shown: a sentence
// formatted early can no longer be translated.
type Text struct {
	Key  string
	Args []any
}

// T makes a Text from an English format (a constant, so that the key can be found in the
// source) and its arguments.
func T(key string, args ...any) Text { return Text{Key: key, Args: args} }

// Count picks the singular or plural wording for n ("1 case", "3 cases"); both are keys
// of their own, and n is their argument (a singular without a verb, "a cell", takes none).
func Count(n int, one, other string) Text {
	if n == 1 {
		if !strings.Contains(one, "%") {
			return T(one)
		}
		return T(one, n)
	}
	return T(other, n)
}

// String is the English wording. An argument that is itself a Text prints as its own wording.
func (t Text) String() string {
	if len(t.Args) == 0 {
		return t.Key
	}
	return fmt.Sprintf(t.Key, t.Args...)
}

// MarshalJSON writes the English wording: JSON is read by programs, which get English.
func (t Text) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// The vocabulary: every value of the domain's enums has one label, here, which the GUI, the
// command line's text output, the PDF documents and the Excel sheets all show. A value the
// tables do not know (a tier a policy names itself, a code from a newer ReturnDesk) is shown
// as it is written.

var vocabulary = map[any]Text{
	// Statuses of a case.
	StatusReceived:             T("Received"),
	StatusDiagnosing:           T("Diagnosing"),
	StatusAtServiceCentre:      T("At service centre"),
	StatusAwaitingManufacturer: T("Awaiting manufacturer"),
	StatusReadyForPickup:       T("Ready for pickup"),
	StatusClosed:               T("Closed"),
	StatusCancelled:            T("Cancelled"),
	// Tiers.
	TierRefund:   T("Refund"),
	TierReplace:  T("Replacement"),
	TierRepair:   T("Repair"),
	TierPaid:     T("Paid service"),
	TierWarranty: T("Manufacturer warranty"),
	// Remedies.
	RemedyRefund:          T("Full refund"),
	RemedyReplace:         T("Same-model replacement"),
	RemedyServiceCenter:   T("Service centre"),
	RemedyRepair:          T("Repair (maintenance order)"),
	RemedyPaidService:     T("Paid service"),
	RemedyNewUnits:        T("New units without return"),
	RemedyDeductNextOrder: T("Deduct from the next order"),
	RemedyAirReplacement:  T("Replacement by air"),
	// Test results.
	CauseUnknown:      T("Not tested yet"),
	CauseManufacturer: T("Manufacturer defect"),
	CauseMisuse:       T("Misuse or human damage"),
	// Claim statuses.
	ClaimDraft:     T("Draft"),
	ClaimSubmitted: T("Submitted"),
	ClaimAnswered:  T("Answered"),
	ClaimSettled:   T("Settled"),
	// The manufacturer's decisions; the claim sheet offers these words in English, and
	// ParseDecision reads them back.
	DecisionAccepted: T("Accepted"),
	DecisionRejected: T("Rejected"),
	DecisionPartly:   T("Partly"),
	// Kinds of customer.
	KindTerminal: T("Walk-in customer"),
	KindDealer:   T("Dealer"),
	KindOEM:      T("OEM brand"),
	// Whose warranty a policy describes.
	PolicyTerminal:    T("Terminal clients"),
	PolicyDistributor: T("Distributor"),
	PolicyOEM:         T("OEM allowance"),
	// Who bears the freight (plain strings: ClaimLine.FreightBy and policy.Payer).
	FreightByManufacturer: T("Manufacturer"),
	FreightByBuyer:        T("Buyer"),
	FreightByPending:      T("Pending the test"),
}

// Label is the status as a person reads it.
func (s Status) Label() Text { return label(s) }

// Label is the tier as a person reads it; a tier a policy names itself is shown by its
// name, and no tier as a dash.
func (t Tier) Label() Text {
	if t == "" {
		return T("–")
	}
	return label(t)
}

// Label is the remedy as a person reads it.
func (r Remedy) Label() Text { return label(r) }

// Label is the test result as a person reads it.
func (c Cause) Label() Text { return label(c) }

// Label is the claim status as a person reads it.
func (s ClaimStatus) Label() Text { return label(s) }

// Label is the manufacturer's decision: Accepted, Rejected or Partly, and empty for none.
func (d Decision) Label() Text {
	if d == DecisionNone {
		return Text{}
	}
	return label(d)
}

// Label is the kind of customer as a person reads it.
func (k CustomerKind) Label() Text { return label(k) }

// Label is whose warranty a policy describes, as a person reads it.
func (k PolicyKind) Label() Text { return label(k) }

// FreightByLabel names who bears the freight of a claim line (ClaimLine.FreightBy), and a
// leg of a policy's freight (policy.Payer, which uses the same words); empty for nobody yet.
func FreightByLabel(by string) Text {
	if by == "" {
		return Text{}
	}
	return label(by)
}

// Or offers wordings as a choice: "a", "a or b", "a, b or c"; nothing is an empty Text.
func Or(ts ...Text) Text {
	var t Text
	for i, x := range ts {
		switch {
		case i == 0:
			t = x
		case i == len(ts)-1:
			t = T("%s or %s", t, x)
		default:
			t = T("%s, %s", t, x)
		}
	}
	return t
}

// RemedyChoice offers remedies by their labels: "Full refund, Same-model replacement or
// Service centre"; none is an empty Text.
func RemedyChoice(rs []Remedy) Text {
	ts := make([]Text, len(rs))
	for i, r := range rs {
		ts[i] = r.Label()
	}
	return Or(ts...)
}

// label looks k up by its type and value (a tier and a remedy may share a code).
func label[K ~string](k K) Text {
	if l, ok := vocabulary[k]; ok {
		return l
	}
	return T("%s", string(k))
}
