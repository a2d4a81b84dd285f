package gui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/policy"
)

// oemOrdersScreen shows the OEM orders with their spare-unit allowance: quantity, rate,
// spares, the defects reported against each within its claim year, a bar of the allowance
// used, and buttons that claim the defects beyond the spares, or a batch defect whole.
// For the order chosen it shows the defect rate, its 95 % lower bound, the batch alarm
// (with the batch claim as the offered action) and a projection to the end of the claim year.
type oemOrdersScreen struct {
	*screen
	u *MainUI

	list    *claimGrid
	caption *widget.Label
	info    *widget.Label
	stats   *widget.Label // observed rate, lower bound, projection
	alarm   *widget.Label // the batch-alarm sentence, hidden without an alarm
	bar     *fillBar
	barText *widget.Label
	batch   *check
	remedy  *choice
	defects *claimGrid
	link    *button
	unlink  *button
	claimEx *button
	claimB  *button
	message *widget.Label
	errs    *errorBanner

	orders    []oemOrderRow
	current   *oemOrderRow
	shown     []model.OEMDefect
	quiet     bool
	selectGen int64
	form      *oemOrderForm // made on first use
}

// oemOrderRow is an order with its allowance evaluated under its manufacturer's OEM policy.
type oemOrderRow struct {
	order model.OEMOrder
	res   policy.OEMResult
	rules policy.Policy
}

// used is the share of the spares taken by defects (1 and more: all of them).
func (r oemOrderRow) used() float64 {
	if r.res.Spares == 0 {
		if r.res.Defects > 0 {
			return 1
		}
		return 0
	}
	return float64(r.res.Defects) / float64(r.res.Spares)
}

var oemRemedyChoices = []model.Remedy{model.RemedyReplace, model.RemedyDeductNextOrder}

// newOEMOrdersScreen builds the OEM orders screen, with each order's spare-unit allowance.
func newOEMOrdersScreen(u *MainUI) *screen {
	s := &oemOrdersScreen{u: u}
	u.oemOrders = s
	s.list = newClaimGrid([]model.Text{model.T("Order"), model.T("Manufacturer"), model.T("Model"), model.T("Brand / customer"), model.T("Shipped"), model.T("Quantity"), model.T("Rate %"),
		model.T("Spares"), model.T("Defects in year"), model.T("Claimable"), model.T("Allowance used")}, []float32{150, 100, 120, 170, 105, 80, 70, 120, 125, 90, 120})
	s.list.opensDetail = true // the caption, info and allowance bar under it
	s.list.whole = []int{0}   // the order number
	s.list.oneLineTitles()    // at 700 px there is no height for a second line in either grid
	s.list.onSelect = func(r int) {
		if r < len(s.orders) {
			s.open(r)
		}
	}
	s.caption = newHeading("")
	s.caption.SizeName = theme.SizeNameSubHeadingText
	s.info = widget.NewLabel(say(model.T("Choose an order to see its defects and claim what the spares do not cover.")))
	s.info.Wrapping = fyne.TextWrapWord
	s.stats = widget.NewLabel("")
	s.stats.Wrapping = fyne.TextWrapWord
	s.alarm = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.alarm.Wrapping = fyne.TextWrapWord
	s.alarm.Importance = widget.WarningImportance
	s.alarm.Hide()
	s.bar = newFillBar()
	s.barText = widget.NewLabel("")
	s.batch = newCheck(say(model.T("Batch defect (production or electrical problem): claimed whole, by air, spares not used")),
		s.setBatch)
	s.remedy = newChoice([]string{say(oemRemedyChoices[0].Label()), say(oemRemedyChoices[1].Label())}, nil)
	s.remedy.SetSelectedIndex(0)
	s.defects = newClaimGrid([]model.Text{model.T("Case no."), model.T("Reported"), model.T("Serial"), model.T("Cause"), model.T("In claim year"), model.T("Claim"), model.T("Fault")},
		[]float32{160, 105, 160, 115, 125, 140, 320})
	s.defects.whole = []int{0, 1, 2} // case no., reported, serial
	s.defects.oneLineTitles()
	s.defects.onSelect = func(int) { s.updateButtons() }
	s.link = newIconButton(say(model.T("Link reported defects")), theme.ContentAddIcon(), s.linkCandidates)
	s.unlink = newIconButton(say(model.T("Unlink")), theme.ContentRemoveIcon(), s.unlinkSelected)
	s.claimEx = newIconButton(say(model.T("Claim the excess")), theme.MailSendIcon(), func() { s.claim(false) })
	s.claimEx.Importance = widget.HighImportance
	s.claimB = newIconButton(say(model.T("Claim batch defect")), theme.WarningIcon(), func() { s.claim(true) })
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.errs = newErrorBanner()
	s.updateButtons()

	allowance := container.NewBorder(nil, nil, widget.NewLabel(say(model.T("Allowance used"))), s.barText, s.bar)
	// Two rows: in one they are wider than a 1024 px screen leaves for them.
	claimRow := container.NewVBox(container.NewHBox(s.link, s.unlink),
		container.NewHBox(widget.NewLabel(say(model.T("Excess as"))), fixedWidth(s.remedy, 190), s.claimEx, s.claimB))
	detail := container.NewBorder(container.NewVBox(s.caption, s.info, s.stats, s.alarm, allowance, s.batch, claimRow, s.message), nil, nil, nil,
		s.defects.view)
	split := container.NewVSplit(s.list.view, detail)
	split.Offset = 0.4
	refresh := newIconButton(say(model.T("Refresh")), theme.ViewRefreshIcon(), s.load)
	add := newIconButton(say(model.T("New order…")), theme.ContentAddIcon(), s.newOrder)
	u.writes(s.link, s.unlink, s.claimEx, s.claimB, add)
	s.screen = newScreen(model.T("OEM orders"), theme.StorageIcon(), container.NewBorder(s.errs.box, nil, nil, nil, split), add, refresh)
	s.onShow = s.load
	return s.screen
}

// newOrder opens the form that records a new OEM order.
func (s *oemOrdersScreen) newOrder() {
	if s.form == nil {
		s.form = newOEMOrderForm(s)
	}
	s.form.show()
}

// load reads the orders and evaluates each one's allowance.
func (s *oemOrdersScreen) load() {
	s.u.background(func(ctx context.Context) func() {
		rows, err := s.loadOrders(ctx)
		return func() {
			if err != nil {
				s.errs.set(say(model.T("Could not load the OEM orders")), err)
				return
			}
			s.errs.set("", nil)
			s.showOrders(rows)
		}
	})
}

func (s *oemOrdersScreen) loadOrders(ctx context.Context) ([]oemOrderRow, error) {
	statuses, err := intake.OEMStatuses(ctx, s.u.store, s.u.store.Today())
	if err != nil {
		return nil, err
	}
	var out []oemOrderRow
	for _, st := range statuses {
		out = append(out, oemOrderRow{order: st.Order, res: st.Result, rules: st.Rules})
	}
	return out, nil
}

// usedText is the allowance used in words: "62 %" or "over by 15".
func usedText(r oemOrderRow) string {
	if r.order.BatchDefect {
		return say(model.T("batch defect"))
	}
	if r.res.Defects > r.res.Spares {
		return say(model.T("over by %d", r.res.Defects-r.res.Spares))
	}
	return fmt.Sprintf("%.0f %%", 100*r.used())
}

func (s *oemOrdersScreen) showOrders(rows []oemOrderRow) {
	s.orders = rows
	grid := make([][]string, len(rows))
	for i, r := range rows {
		o := r.order
		grid[i] = []string{o.OrderNo, o.Manufacturer, string(o.Model), o.Customer, dateText(o.ShipmentDate),
			fmt.Sprint(o.Quantity), o.SpareRate, sparesText(r.res), fmt.Sprint(o.Defects), fmt.Sprint(r.res.Claimable), usedText(r)}
	}
	s.list.setRows(grid)
	if s.current != nil {
		for i, r := range rows {
			if r.order.ID == s.current.order.ID {
				s.list.selectRow(i)
				return
			}
		}
		s.current = nil
	}
	if s.current == nil && len(rows) > 0 {
		s.list.selectRow(0)
	}
	if len(rows) == 0 {
		s.info.SetText(say(model.T("No OEM orders yet.")))
		s.updateButtons()
	}
}

func sparesText(r policy.OEMResult) string {
	if r.SparesCounted {
		return fmt.Sprint(r.Spares)
	}
	return say(model.T("%d (expected)", r.Spares))
}

// open shows one order with its defects.
func (s *oemOrdersScreen) open(i int) {
	r := s.orders[i]
	if s.current != nil && s.current.order.ID != r.order.ID {
		s.message.SetText("") // "Linked 12 reported cases" was of the order left
	}
	s.current = &r
	o := r.order
	if o.Customer == "" { // "for —" said nothing
		s.caption.SetText(say(model.T("%s · %s %s", o.OrderNo, o.Manufacturer, o.Model)))
	} else {
		s.caption.SetText(say(model.T("%s · %s %s for %s", o.OrderNo, o.Manufacturer, o.Model, o.Customer)))
	}
	rate := o.SpareRate + " %"
	info := say(model.T("%d units shipped %s at a spare rate of %s: %s spares. %d defects reported within the claim year "+
		"(%s): %d covered by the spares, %d claimable.", o.Quantity, o.ShipmentDate, rate, sparesText(r.res), o.Defects,
		model.T("%s from shipment", r.rules.OEM.ClaimWindow.Text()), r.res.CoveredBySpares, r.res.Claimable))
	if r.res.Note.Key != "" {
		info += " " + say(r.res.Note)
	}
	s.info.SetText(info)
	s.bar.SetValue(min(r.used(), 1))
	s.barText.SetText(say(model.T("%d of %d spares · %s", min(r.res.Defects, r.res.Spares), r.res.Spares, usedText(r))))
	s.stats.SetText(oemStatsText(r, s.u.store.Today()))
	s.showAlarm(r.res)
	s.quiet = true
	s.batch.SetChecked(o.BatchDefect)
	s.quiet = false
	s.selectGen++
	gen := s.selectGen
	id := o.ID
	s.u.background(func(ctx context.Context) func() {
		ds, err := s.u.store.OEMDefects(ctx, id)
		return func() {
			if gen != s.selectGen {
				return
			}
			if err != nil {
				s.errs.set(say(model.T("Could not load the defects")), err)
				return
			}
			s.shown = ds
			rows := make([][]string, len(ds))
			for i, d := range ds {
				in := say(model.T("yes"))
				if !d.InYear {
					in = say(model.T("no (too late)"))
				}
				rows[i] = []string{string(d.CaseNo), dateText(d.ReportedDate), string(d.Serial), say(d.Cause.Label()), in,
					string(d.ClaimNo), d.Fault}
			}
			s.defects.setRows(rows)
			s.updateButtons()
		}
	})
}

// oemStatsText is the order's defect rate, its 95 % lower bound and the projection of its
// defects to the end of the claim year, as judged on today.
func oemStatsText(r oemOrderRow, today model.Date) string {
	res, o := r.res, r.order
	text := say(model.T("Defect rate %s %% (%d of %d); at least %s %% with 95 %% confidence, against an allowance of %s %%.",
		policy.PercentText(res.DefectRatePct), res.Defects, res.Qty, policy.PercentText(res.Lower95Pct), policy.PercentText(res.AllowancePct)))
	w := r.rules.OEM.ClaimWindow
	end := w.End(o.ShipmentDate)
	p := policy.ProjectDefects(w, o.ShipmentDate, today, o.Defects)
	switch {
	case p.Elapsed >= p.Length:
		text += " " + say(model.T("The claim year ended on %s: %d defects, final.", end, p.Defects))
	case !p.OK && p.Unit == policy.UnitMonths:
		text += " " + say(model.T("Projection: too early, less than one month since shipment."))
	case !p.OK:
		text += " " + say(model.T("Projection: too early, less than one day since shipment."))
	default:
		unit := model.T("days")
		if p.Unit == policy.UnitMonths {
			unit = model.T("months")
		}
		switch {
		case !o.BatchDefect && p.Projected > res.Spares && res.Spares == 1:
			text += " " + say(model.T("Projection: %d in the first %d of %d %s, about %d by the end of the claim year (%s), beyond the %d spare.",
				p.Defects, p.Elapsed, p.Length, unit, p.Projected, end, res.Spares))
		case !o.BatchDefect && p.Projected > res.Spares:
			text += " " + say(model.T("Projection: %d in the first %d of %d %s, about %d by the end of the claim year (%s), beyond the %d spares.",
				p.Defects, p.Elapsed, p.Length, unit, p.Projected, end, res.Spares))
		default:
			text += " " + say(model.T("Projection: %d in the first %d of %d %s, about %d by the end of the claim year (%s).",
				p.Defects, p.Elapsed, p.Length, unit, p.Projected, end))
		}
	}
	return text
}

// showAlarm shows the batch-alarm sentence and makes the batch claim the highlighted action
// when the order is alarmed; otherwise claiming the excess is.
func (s *oemOrdersScreen) showAlarm(res policy.OEMResult) {
	if res.BatchAlarm {
		s.alarm.SetText(say(res.AlarmText()))
		s.alarm.Show()
		s.claimB.Importance, s.claimEx.Importance = widget.WarningImportance, widget.MediumImportance
	} else {
		s.alarm.SetText("")
		s.alarm.Hide()
		s.claimB.Importance, s.claimEx.Importance = widget.MediumImportance, widget.HighImportance
	}
	s.claimB.Refresh()
	s.claimEx.Refresh()
}

// claimable picks the defects a claim asks for: for a batch defect every unclaimed
// defect of the year; otherwise those beyond the spares (the spares cover the first reported).
func (s *oemOrdersScreen) claimable(batch bool) []model.OEMDefect {
	r := s.current
	if r == nil {
		return nil
	}
	var inYear []model.OEMDefect
	for _, d := range s.shown {
		if d.InYear {
			inYear = append(inYear, d)
		}
	}
	if !batch {
		if len(inYear) <= r.res.Spares {
			return nil
		}
		inYear = inYear[r.res.Spares:]
	}
	var out []model.OEMDefect
	for _, d := range inYear {
		// A unit not tested yet is not claimed: the factory would be asked to pay for what
		// may be misuse. It still counts against the spares (the allowance is of reported defects).
		if d.ClaimNo == "" && d.Cause != model.CauseUnknown {
			out = append(out, d)
		}
	}
	return out
}

// untested counts the order's defects in the claim year still to be tested, which no claim takes.
func (s *oemOrdersScreen) untested() int {
	n := 0
	for _, d := range s.shown {
		if d.InYear && d.ClaimNo == "" && d.Cause == model.CauseUnknown {
			n++
		}
	}
	return n
}

func (s *oemOrdersScreen) updateButtons() {
	for _, b := range []*button{s.link, s.unlink, s.claimEx, s.claimB} {
		b.Disable()
	}
	if s.current == nil {
		s.batch.Disable()
		return
	}
	s.batch.Enable()
	s.link.Enable()
	if s.defects.selected >= 0 {
		s.unlink.Enable()
	}
	if len(s.claimable(false)) > 0 && !s.current.order.BatchDefect {
		s.claimEx.Enable()
	}
	// An alarmed order offers the batch claim before it is marked a batch defect.
	if len(s.claimable(true)) > 0 && (s.current.order.BatchDefect || s.current.res.BatchAlarm) {
		s.claimB.Enable()
	}
}

// setBatch records whether the order's defects are a batch defect.
func (s *oemOrdersScreen) setBatch(on bool) {
	if s.quiet || s.current == nil {
		return
	}
	id := s.current.order.ID
	s.u.background(func(ctx context.Context) func() {
		err := s.u.store.SetOEMBatchDefect(ctx, id, on)
		return func() {
			if err != nil {
				s.errs.set(say(model.T("Could not change the order")), err)
				return
			}
			s.errs.set("", nil)
			s.load()
		}
	})
}

// linkCandidates links every case of the order's product reported within its claim year
// (and not linked elsewhere, nor misuse) as a defect of the order.
func (s *oemOrdersScreen) linkCandidates() {
	if s.current == nil {
		return
	}
	id := s.current.order.ID
	s.u.background(func(ctx context.Context) func() {
		cands, err := s.u.store.OEMDefectCandidates(ctx, id)
		ids := make([]model.CaseID, len(cands))
		for i, c := range cands {
			ids[i] = c.CaseID
		}
		if err == nil && len(ids) > 0 {
			err = s.u.store.LinkOEMDefects(ctx, id, ids)
		}
		return func() {
			if err != nil {
				s.errs.set(say(model.T("Could not link the defects")), err)
				return
			}
			s.errs.set("", nil)
			if len(ids) == 0 {
				s.message.SetText(say(model.T("No other case of this model was reported within the order's claim year.")))
			} else {
				s.message.SetText(say(model.T("Linked %d reported cases as defects of the order.", len(ids))))
			}
			s.load()
		}
	})
}

// unlinkSelected removes the selected defect from the order.
func (s *oemOrdersScreen) unlinkSelected() {
	r := s.defects.selected
	if s.current == nil || r < 0 || r >= len(s.shown) {
		return
	}
	id, d := s.current.order.ID, s.shown[r]
	s.u.background(func(ctx context.Context) func() {
		err := s.u.store.UnlinkOEMDefect(ctx, id, d.CaseID)
		return func() {
			if err != nil {
				s.errs.set(say(model.T("Could not unlink the defect")), err)
				return
			}
			s.errs.set("", nil)
			s.message.SetText(say(model.T("%s is no longer a defect of the order.", d.CaseNo)))
			s.load()
		}
	})
}

// claim opens a draft claim to the order's manufacturer for the excess (with the remedy
// chosen) or for a batch defect (air replacement), and shows it on the Claims screen.
func (s *oemOrdersScreen) claim(batch bool) {
	r := s.current
	if r == nil {
		return
	}
	ds := s.claimable(batch)
	if len(ds) == 0 {
		return
	}
	remedy := oemRemedyChoices[max(s.remedy.SelectedIndex(), 0)]
	if batch {
		remedy = model.RemedyAirReplacement
	}
	o := r.order
	if batch && !o.BatchDefect { // marking the order a batch defect changes how it is judged: asked first
		d := dialog.NewConfirm(say(model.T("Claim batch defect")), say(model.T(
			"Mark OEM order %s a batch defect and claim its %s whole, new units by air at the manufacturer's cost? The spares are not used for them.",
			o.OrderNo, say(model.Count(len(ds), "%d defect", "%d defects")))), func(ok bool) {
			if ok {
				s.createClaim(o, ds, remedy, batch)
			}
		}, s.u.win)
		d.SetConfirmText(say(model.T("Claim batch defect")))
		d.SetDismissText(say(model.T("Not yet")))
		s.u.showQuestion(d, true)
		return
	}
	s.createClaim(o, ds, remedy, batch)
}

// createClaim makes the draft claim for defects ds of order o; the claim buttons wait for it
// (a second click made a second claim of the same defects, refused).
func (s *oemOrdersScreen) createClaim(o model.OEMOrder, ds []model.OEMDefect, remedy model.Remedy, batch bool) {
	s.claimEx.Disable()
	s.claimB.Disable()
	s.u.background(func(ctx context.Context) func() {
		var err error
		marked := false
		if batch && !o.BatchDefect {
			// Offered by the batch alarm: mark the order a batch defect first (its own
			// write), so that it is evaluated as one; should the claim then fail, the
			// order stays marked and the claim can be retried.
			err = s.u.store.SetOEMBatchDefect(ctx, o.ID, true)
			marked = err == nil
		}
		var claim *model.Claim
		if err == nil {
			claim, err = s.makeClaim(ctx, o, ds, remedy, batch)
		}
		return func() {
			if err != nil {
				s.updateButtons()
				s.errs.set(say(model.T("Could not create the claim")), err)
				if marked && s.current != nil && s.current.order.ID == o.ID {
					s.current.order.BatchDefect = true
					s.quiet = true
					s.batch.SetChecked(true)
					s.quiet = false
				}
				return
			}
			s.errs.set("", nil)
			what := model.T("the excess over the spares")
			if batch {
				what = model.T("the batch defect")
			}
			msg := say(model.T("Draft claim %s to %s for %s: %d units.", claim.ClaimNo, o.Manufacturer, what, len(claim.Lines)))
			if n := s.untested(); n > 0 {
				msg += " " + say(model.T("%s not tested yet left out: record their test result, then claim them.", say(model.Count(n, "%d defect", "%d defects"))))
			}
			s.message.SetText(msg)
			s.load()
			if s.u.claims != nil {
				s.u.claims.message.SetText(say(model.T("Draft claim %s for %s of OEM order %s (%d units): review it, export the sheet and submit it.",
					claim.ClaimNo, what, o.OrderNo, len(claim.Lines))))
				s.u.claims.openClaim(claim.ClaimNo)
			}
		}
	})
}

func (s *oemOrdersScreen) makeClaim(ctx context.Context, o model.OEMOrder, ds []model.OEMDefect, remedy model.Remedy, batch bool) (*model.Claim, error) {
	p, err := s.u.store.ProductByID(ctx, o.ProductID)
	if err != nil {
		return nil, err
	}
	note := say(model.T("OEM order %s: defect beyond the %s %% spares", o.OrderNo, o.SpareRate))
	if batch {
		note = say(model.T("OEM order %s: batch defect, new units by air at the manufacturer's cost", o.OrderNo))
	}
	c := &model.Claim{ManufacturerID: o.ManufacturerID, PeriodFrom: o.ShipmentDate}
	for _, d := range ds {
		c.Lines = append(c.Lines, model.ClaimLine{CaseID: d.CaseID, RemedyAsked: remedy, Quantity: 1, UnitPrice: p.UnitPrice,
			FreightBy: model.FreightByManufacturer, Note: note})
		if d.ReportedDate.After(c.PeriodUntil) {
			c.PeriodUntil = d.ReportedDate
		}
	}
	if err := s.u.store.CreateClaim(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}
