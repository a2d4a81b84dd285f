package gui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/policy"
)

// counterVerdict is the panel beside the intake form: what the customer is entitled to,
// worked out again as the dates, the cause and the customer change.
type counterVerdict struct {
	box      *fyne.Container
	message  *widget.Label // why there is no verdict yet
	details  *fyne.Container
	tier     *widget.Label // the tier, large
	prov     *widget.Label // provisional while the cause is unknown
	days     *widget.Label // "Day 4 of 7"
	window   *widget.Label // "Refund window closes in 2 days (2026-03-08)"
	remedies *widget.Label // in the policy's order
	clause   *widget.Label
	decided  *widget.Label // which clock decides
	customer *widget.Label // the customer's clock (purchase date)
	maker    *widget.Label // the manufacturer's clock (shipment date)
	warning  *widget.Label // the dealer carries the cost
	warnBox  *fyne.Container
}

func newCounterVerdict() *counterVerdict {
	wrap := func(style fyne.TextStyle) *widget.Label {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, style)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	v := &counterVerdict{
		message:  wrap(fyne.TextStyle{}),
		tier:     widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		prov:     wrap(fyne.TextStyle{}),
		days:     wrap(fyne.TextStyle{}),
		window:   wrap(fyne.TextStyle{Bold: true}),
		remedies: wrap(fyne.TextStyle{}),
		clause:   wrap(fyne.TextStyle{Italic: true}),
		decided:  wrap(fyne.TextStyle{}),
		customer: wrap(fyne.TextStyle{}),
		maker:    wrap(fyne.TextStyle{}),
		warning:  wrap(fyne.TextStyle{Bold: true}),
	}
	v.tier.SizeName = theme.SizeNameHeadingText
	v.prov.Importance = widget.WarningImportance
	v.decided.SizeName = theme.SizeNameCaptionText
	v.clause.SizeName = theme.SizeNameCaptionText
	v.warning.Importance = widget.DangerImportance

	tint := theme.Color(theme.ColorNameError)
	r, g, b, _ := tint.RGBA()
	bg := canvas.NewRectangle(color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x26})
	bg.CornerRadius = theme.InputRadiusSize()
	v.warnBox = container.NewStack(bg, container.NewBorder(nil, nil,
		container.NewCenter(widget.NewIcon(theme.WarningIcon())), nil, v.warning))
	v.warnBox.Hide()

	v.details = container.NewVBox(
		v.tier, v.days, v.window, v.prov,
		newCounterCaption(say(model.T("Remedies, in order"))), v.remedies,
		v.warnBox,
		newCounterCaption(say(model.T("Customer's warranty (from the purchase date)"))), v.customer,
		newCounterCaption(say(model.T("Manufacturer's warranty (from the shipment date)"))), v.maker,
		v.decided,
		newCounterCaption(say(model.T("Clause"))), v.clause,
	)
	v.details.Hide()
	v.box = container.NewVBox(newCounterCaption(say(model.T("VERDICT"))), v.message, v.details)
	return v
}

// idle says why there is no verdict to show.
func (v *counterVerdict) idle(msg string) {
	v.message.SetText(msg)
	v.message.Show()
	v.details.Hide()
}

// show puts a plan's verdict on the panel.
func (v *counterVerdict) show(res *intake.Result) {
	if res == nil {
		return
	}
	p := res.Primary()
	if p == nil {
		v.idle(say(model.T("No verdict: neither warranty clock could start")))
		return
	}
	v.message.Hide()
	v.tier.SetText(say(p.Tier.Label()))
	if p.Covered {
		v.tier.Importance = widget.SuccessImportance
	} else {
		v.tier.Importance = widget.WarningImportance
	}
	v.tier.Refresh()
	if p.Provisional {
		v.prov.SetText(say(model.T("Provisional: the cause is not tested yet, testing may still change the verdict")))
		v.prov.Show()
	} else {
		v.prov.SetText("")
		v.prov.Hide()
	}
	v.window.SetText(counterWindowText(p))
	v.days.SetText(counterDayText(p))
	v.remedies.SetText(counterRemediesText(p.Remedies))
	v.clause.SetText(sayClause(p.Clause))
	cv := res.Verdict
	if cv.DealerCarriesCost {
		v.warning.SetText(say(cv.Warning))
		v.warnBox.Show()
	} else {
		v.warning.SetText("")
		v.warnBox.Hide()
	}
	v.customer.SetText(counterClockText(cv.Customer, model.T("no terminal policy or no purchase date")))
	v.maker.SetText(counterClockText(cv.Manufacturer, model.T("no distributor policy or no shipment date")))
	decided := model.T("Decided by the customer's warranty (policy %s, version %d), rule %s",
		res.NewCase.Case.PolicyID, res.NewCase.Case.PolicyVersion, policy.RuleText(p.Rule))
	if p == cv.Manufacturer {
		decided = model.T("Decided by the manufacturer's warranty (policy %s, version %d), rule %s",
			res.NewCase.Case.PolicyID, res.NewCase.Case.PolicyVersion, policy.RuleText(p.Rule))
	}
	v.decided.SetText(say(decided))
	v.details.Show()
	v.box.Refresh()
}

// counterRemediesText lists remedies in order, one a line: "1. Full refund".
func counterRemediesText(rs []model.Remedy) string {
	if len(rs) == 0 {
		return "None"
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = say(model.T("%d. %s", i+1, r.Label()))
	}
	return strings.Join(parts, "\n")
}

// counterDayText counts the days since the warranty started: "Day 4 of 7 since the purchase on 2026-03-01".
func counterDayText(v *policy.Verdict) string {
	// One whole wording for each basis: "the purchase" is not a piece to translate alone.
	windowed := v.InWindow && v.Tier != model.TierPaid
	switch {
	case v.Basis == policy.BasisShipment && windowed:
		return say(model.T("Day %d of %d since the shipment on %s", v.Days, v.WindowEnds.DaysSince(v.Start), v.Start))
	case v.Basis == policy.BasisShipment:
		return say(model.T("Day %d since the shipment on %s", v.Days, v.Start))
	case windowed:
		return say(model.T("Day %d of %d since the purchase on %s", v.Days, v.WindowEnds.DaysSince(v.Start), v.Start))
	}
	return say(model.T("Day %d since the purchase on %s", v.Days, v.Start))
}

// counterWindowName is what the window of a tier is called: "Refund window".
func counterWindowName(t model.Tier) string {
	switch t {
	case model.TierRefund:
		return say(model.T("Refund window"))
	case model.TierReplace:
		return say(model.T("Replacement window"))
	case model.TierRepair:
		return say(model.T("Repair warranty"))
	}
	return say(model.T("Warranty"))
}

// counterWindowText says when the verdict's window closes: "Refund window closes in 2 days (2026-03-08)".
func counterWindowText(v *policy.Verdict) string {
	switch {
	case !v.InWindow:
		return say(model.T("Warranty ended on %s, %s ago", v.WarrantyEnds, counterDays(v.On.DaysSince(v.WarrantyEnds))))
	case v.Tier == model.TierPaid:
		return say(model.T("%s is not covered (the warranty runs until %s)", say(v.Cause.Label()), v.WarrantyEnds))
	}
	name := counterWindowName(v.Tier)
	switch v.DaysLeft {
	case 0:
		return say(model.T("%s closes today (%s)", name, v.WindowEnds))
	case 1:
		return say(model.T("%s closes tomorrow (%s)", name, v.WindowEnds))
	}
	return say(model.T("%s closes in %d days (%s)", name, v.DaysLeft, v.WindowEnds))
}

func counterDays(n int) string {
	return say(model.Count(n, "1 day", "%d days"))
}

// counterClockText is one clock in a line: "Day 4 since 2026-03-01 · Refund · covered until 2027-03-01".
func counterClockText(v *policy.Verdict, none model.Text) string {
	if v == nil {
		return say(model.T("No clock: %s", none))
	}
	parts := []string{say(model.T("Day %d since %s", v.Days, v.Start)), say(v.Tier.Label())}
	if v.InWindow {
		parts = append(parts, say(model.T("warranty until %s", v.WarrantyEnds.String())))
	} else {
		parts = append(parts, say(model.T("warranty ended %s", v.WarrantyEnds.String())))
	}
	if f := v.Freight; f != nil {
		parts = append(parts, freightText(f))
	}
	return strings.Join(parts, " · ")
}
