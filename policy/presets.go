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
				Clause:   Clause{En: "Quality problems within 7 days of purchase: a full refund from the dealer, a new product of the same type from the dealer, or help from Halotek's service center.", Zh: "购买后 7 天内出现质量问题：可由经销商全额退款、由经销商更换同型号新品，或由 Halotek 服务中心协助处理。"},
			},
			{
				ID:       model.TierReplace,
				Window:   Days(60),
				Remedies: remedies(model.RemedyReplace, model.RemedyServiceCenter),
				Covered:  true,
				Clause:   Clause{En: "Quality problems within 60 days of purchase: a new product of the same type from the dealer, or help from Halotek's service center.", Zh: "购买后 60 天内出现质量问题：可由经销商更换同型号新品，或由 Halotek 服务中心协助处理。"},
			},
			{
				ID:       model.TierRepair,
				Window:   Months(12),
				Remedies: remedies(model.RemedyRepair),
				Covered:  true,
				Clause:   Clause{En: "More than 60 days but still within a year of purchase: the nearest after-sales service center issues a maintenance order and the user gets a maintenance number.", Zh: "购买超过 60 天但仍在一年内：由最近的售后服务中心开具维修单，用户获得维修单号。"},
			},
		},
		After: &Outcome{
			ID:       model.TierPaid,
			Remedies: remedies(model.RemedyPaidService),
			Clause:   Clause{En: "Beyond the warranty period: paid service (call the sales to seek the help of engineers).", Zh: "超出保修期：有偿维修（请联系销售人员寻求工程师协助）。"},
		},
		Causes: []CauseRule{
			{Cause: model.CauseUnknown, Scope: ScopeInWindow, Provisional: true},
			{
				Cause:  model.CauseMisuse,
				Scope:  ScopeAnyDate,
				Paid:   true,
				Clause: Clause{En: "Failure caused by human damage: paid service (call the sales to seek the help of engineers).", Zh: "人为损坏导致的故障：有偿维修（请联系销售人员寻求工程师协助）。"},
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
				Clause:   Clause{En: "12 months warranty since the shipment day, for goods purchased from EleTrek; faulty units go back by post only; who pays the freight depends on the After Sales Dept. test.", Zh: "自发货日起保修 12 个月，适用于从 EleTrek 购买的货物；故障品只能邮寄退回；运费由谁承担视售后部门的检测结果而定。"},
				Freight:  &Freight{Inbound: PayerPending, Outbound: PayerPending, Settlement: SettleNone},
			},
		},
		After: &Outcome{
			ID:       model.TierPaid,
			Remedies: remedies(model.RemedyPaidService),
			Clause:   Clause{En: "Beyond the warranty period: repaired free of charge, or at cost if key components are needed; the customer bears the 2-way freight.", Zh: "超出保修期：免费维修，如需更换关键部件则按成本收费；往返运费由客户承担。"},
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
				Clause:             Clause{En: "Faulty materials or production (per the test report): EleTrek pays the postage back and forth (for regular customers it is deducted from the PI of the next order); a refund of the goods (PI freight not included) can be requested through the sales manager; regular customers may get brand-new units instead of returning them, agreed by e-mail.", Zh: "材料或生产缺陷（以检测报告为准）：往返邮费由 EleTrek 承担（老客户从下一笔订单的形式发票 PI 中抵扣）；可通过销售经理申请退货退款（不含 PI 运费）；经邮件确认，老客户可直接获得全新产品而无需退回。"},
			},
			{
				Cause:   model.CauseMisuse,
				Scope:   ScopeAnyDate,
				Paid:    true,
				Freight: &Freight{Inbound: PayerBuyer, Outbound: PayerBuyer, Settlement: SettleNone},
				Clause:  Clause{En: "Improper operation or intentional damage: EleTrek is not responsible; paid service and the 2-way freight costs are at the buyer's expense.", Zh: "操作不当或故意损坏：EleTrek 不承担责任；有偿维修及往返运费由买方承担。"},
			},
		},
		CustomBranded: &CustomBrandedRule{
			Excludes: remedies(model.RemedyRefund),
			Clause:   Clause{En: "No payment refund for custom products with branding.", Zh: "贴牌定制产品不予退款。"},
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
			Clause:        Clause{En: "For OEM orders 0.3%-0.5% extra products are made as spare parts; defective products beyond this quantity in one year are replaced with new products, or the amount is reduced in the next order.", Zh: "OEM 订单额外生产 0.3%-0.5% 的产品作为备品；一年内超出该数量的不良品更换新品，或在下一笔订单中扣减金额。"},
			BatchClause:   Clause{En: "Batch defects caused by production or electrical problems: new products are made and sent by air, and Halotek bears the total cost.", Zh: "因生产或电气问题造成的批量不良：重新生产新品并空运发出，全部费用由 Halotek 承担。"},
		},
	}
}
