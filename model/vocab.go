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

var statusLabels = map[Status]Text{
	StatusReceived:             T("Received"),
	StatusDiagnosing:           T("Diagnosing"),
	StatusAtServiceCentre:      T("At service centre"),
	StatusAwaitingManufacturer: T("Awaiting manufacturer"),
	StatusReadyForPickup:       T("Ready for pickup"),
	StatusClosed:               T("Closed"),
	StatusCancelled:            T("Cancelled"),
}

// Label is the status as a person reads it.
func (s Status) Label() Text { return label(statusLabels, s) }

var tierLabels = map[Tier]Text{
	TierRefund:   T("Refund"),
	TierReplace:  T("Replacement"),
	TierRepair:   T("Repair"),
	TierPaid:     T("Paid service"),
	TierWarranty: T("Manufacturer warranty"),
}

// Label is the tier as a person reads it; a tier a policy names itself is shown by its
// name, and no tier as a dash.
func (t Tier) Label() Text {
	if t == "" {
		return T("–")
	}
	return label(tierLabels, t)
}

var remedyLabels = map[Remedy]Text{
	RemedyRefund:          T("Full refund"),
	RemedyReplace:         T("Same-model replacement"),
	RemedyServiceCenter:   T("Service centre"),
	RemedyRepair:          T("Repair (maintenance order)"),
	RemedyPaidService:     T("Paid service"),
	RemedyNewUnits:        T("New units without return"),
	RemedyDeductNextOrder: T("Deduct from the next order"),
	RemedyAirReplacement:  T("Replacement by air"),
}

// Label is the remedy as a person reads it.
func (r Remedy) Label() Text { return label(remedyLabels, r) }

var causeLabels = map[Cause]Text{
	CauseUnknown:      T("Not tested yet"),
	CauseManufacturer: T("Manufacturer defect"),
	CauseMisuse:       T("Misuse or human damage"),
}

// Label is the test result as a person reads it.
func (c Cause) Label() Text { return label(causeLabels, c) }

var claimStatusLabels = map[ClaimStatus]Text{
	ClaimDraft:     T("Draft"),
	ClaimSubmitted: T("Submitted"),
	ClaimAnswered:  T("Answered"),
	ClaimSettled:   T("Settled"),
}

// Label is the claim status as a person reads it.
func (s ClaimStatus) Label() Text { return label(claimStatusLabels, s) }

var decisionLabels = map[Decision]Text{
	DecisionAccepted: T("Accepted"),
	DecisionRejected: T("Rejected"),
	DecisionPartly:   T("Partly"),
}

// Label is the manufacturer's decision: Accepted, Rejected or Partly, and empty for none.
// The claim sheet offers these words in English, and ParseDecision reads them back.
func (d Decision) Label() Text {
	if d == DecisionNone {
		return Text{}
	}
	return label(decisionLabels, d)
}

var customerKindLabels = map[CustomerKind]Text{
	KindTerminal: T("Walk-in customer"),
	KindDealer:   T("Dealer"),
	KindOEM:      T("OEM brand"),
}

// Label is the kind of customer as a person reads it.
func (k CustomerKind) Label() Text { return label(customerKindLabels, k) }

var policyKindLabels = map[PolicyKind]Text{
	PolicyTerminal:    T("Terminal clients"),
	PolicyDistributor: T("Distributor"),
	PolicyOEM:         T("OEM allowance"),
}

// Label is whose warranty a policy describes, as a person reads it.
func (k PolicyKind) Label() Text { return label(policyKindLabels, k) }

var freightByLabels = map[string]Text{
	FreightByManufacturer: T("Manufacturer"),
	FreightByBuyer:        T("Buyer"),
	FreightByPending:      T("Pending the test"),
}

// FreightByLabel names who bears the freight of a claim line (ClaimLine.FreightBy), and a
// leg of a policy's freight (policy.Payer, which uses the same words); empty for nobody yet.
func FreightByLabel(by string) Text {
	if by == "" {
		return Text{}
	}
	return label(freightByLabels, by)
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

func label[K ~string](labels map[K]Text, k K) Text {
	if l, ok := labels[k]; ok {
		return l
	}
	return T("%s", string(k))
}
