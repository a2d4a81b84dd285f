package policy

import "returndesk/model"

// Preset policy ids.
const (
	HalotekTerminal    model.PolicyID = "halotek-terminal"
	EleTrekDistributor model.PolicyID = "eletrek-distributor"
	HalotekOEM         model.PolicyID = "halotek-oem"
)

// Presets returns fresh copies of the policies ReturnDesk ships with: the seed makers'
// own, built from their pages, then the neutral templates for any other maker. Callers
// may change them freely.
func Presets() []Policy {
	return append([]Policy{halotekTerminal(), eletrekDistributor(), halotekOEM()}, Templates()...)
}

// Preset returns a fresh copy of the preset with the given id.
func Preset(id model.PolicyID) (Policy, bool) {
	for _, p := range Presets() {
		if p.ID == id {
			return p, true
		}
	}
	return Policy{}, false
}

func remedies(rs ...model.Remedy) []model.Remedy { return rs }

func halotekTerminal() Policy {
	return Policy{
		ID:           HalotekTerminal,
		Name:         "Halotek terminal clients",
		Manufacturer: "Halotek",
		Kind:         model.PolicyTerminal,
		Basis:        BasisPurchase,
		Tiers: []Tier{
			{
				ID:       model.TierRefund,
				Window:   Days(7),
				Remedies: remedies(model.RemedyRefund, model.RemedyReplace, model.RemedyServiceCenter),
				Covered:  true,
				Clause:   "Quality problems within 7 days of purchase: a full refund from the dealer, a new product of the same type from the dealer, or help from Halotek's service center.",
			},
			{
				ID:       model.TierReplace,
				Window:   Days(60),
				Remedies: remedies(model.RemedyReplace, model.RemedyServiceCenter),
				Covered:  true,
				Clause:   "Quality problems within 60 days of purchase: a new product of the same type from the dealer, or help from Halotek's service center.",
			},
			{
				ID:       model.TierRepair,
				Window:   Months(12),
				Remedies: remedies(model.RemedyRepair),
				Covered:  true,
				Clause:   "More than 60 days but still within a year of purchase: the nearest after-sales service center issues a maintenance order and the user gets a maintenance number.",
			},
		},
		After: &Outcome{
			ID:       model.TierPaid,
			Remedies: remedies(model.RemedyPaidService),
			Clause:   "Beyond the warranty period: paid service (call the sales to seek the help of engineers).",
		},
		Causes: []CauseRule{
			{Cause: model.CauseUnknown, Scope: ScopeInWindow, Provisional: true},
			{
				Cause:  model.CauseMisuse,
				Scope:  ScopeAnyDate,
				Paid:   true,
				Clause: "Failure caused by human damage: paid service (call the sales to seek the help of engineers).",
			},
		},
	}
}

func eletrekDistributor() Policy {
	return Policy{
		ID:           EleTrekDistributor,
		Name:         "EleTrek distributors",
		Manufacturer: "EleTrek",
		Kind:         model.PolicyDistributor,
		Basis:        BasisShipment,
		Tiers: []Tier{
			{
				ID:       model.TierWarranty,
				Window:   Months(12),
				Remedies: remedies(model.RemedyRepair, model.RemedyReplace),
				Covered:  true,
				Clause:   "12 months warranty since the shipment day, for goods purchased from EleTrek; faulty units go back by post only; who pays the freight depends on the After Sales Dept. test.",
				Freight:  &Freight{Inbound: PayerPending, Outbound: PayerPending, Settlement: SettleNone},
			},
		},
		After: &Outcome{
			ID:       model.TierPaid,
			Remedies: remedies(model.RemedyPaidService),
			Clause:   "Beyond the warranty period: repaired free of charge, or at cost if key components are needed; the customer bears the 2-way freight.",
			Freight:  &Freight{Inbound: PayerBuyer, Outbound: PayerBuyer, Settlement: SettleNone},
		},
		Causes: []CauseRule{
			{Cause: model.CauseUnknown, Scope: ScopeInWindow, Provisional: true},
			{
				Cause:              model.CauseManufacturer,
				Scope:              ScopeInWindow,
				AddRemedies:        remedies(model.RemedyRefund),
				RegularAddRemedies: remedies(model.RemedyNewUnits),
				Freight:            &Freight{Inbound: PayerManufacturer, Outbound: PayerManufacturer, Settlement: SettleNone},
				RegularFreight:     &Freight{Inbound: PayerManufacturer, Outbound: PayerManufacturer, Settlement: SettleDeductNextPI},
				Clause:             "Faulty materials or production (per the test report): EleTrek pays the postage back and forth (for regular customers it is deducted from the PI of the next order); a refund of the goods (PI freight not included) can be requested through the sales manager; regular customers may get brand-new units instead of returning them, agreed by e-mail.",
			},
			{
				Cause:   model.CauseMisuse,
				Scope:   ScopeAnyDate,
				Paid:    true,
				Freight: &Freight{Inbound: PayerBuyer, Outbound: PayerBuyer, Settlement: SettleNone},
				Clause:  "Improper operation or intentional damage: EleTrek is not responsible; paid service and the 2-way freight costs are at the buyer's expense.",
			},
		},
		CustomBranded: &CustomBrandedRule{
			Excludes: remedies(model.RemedyRefund),
			Clause:   "No payment refund for custom products with branding.",
		},
	}
}

func halotekOEM() Policy {
	return Policy{
		ID:           HalotekOEM,
		Name:         "Halotek OEM orders",
		Manufacturer: "Halotek",
		Kind:         model.PolicyOEM,
		Basis:        BasisShipment,
		OEM: &OEMRules{
			MinRate:       "0.3",
			MaxRate:       "0.5",
			ClaimWindow:   Months(12),
			Remedies:      remedies(model.RemedyReplace, model.RemedyDeductNextOrder),
			BatchRemedies: remedies(model.RemedyAirReplacement),
			Clause:        "For OEM orders 0.3%-0.5% extra products are made as spare parts; defective products beyond this quantity in one year are replaced with new products, or the amount is reduced in the next order.",
			BatchClause:   "Batch defects caused by production or electrical problems: new products are made and sent by air, and Halotek bears the total cost.",
		},
	}
}
