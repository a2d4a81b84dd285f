package gui

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg" // photos: JPEG
	_ "image/png"  // photos: PNG
	"io"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"returndesk/internal/picture"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/draw"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/policy"
)

// thumbSize is the side of a photoThumbnail's square, in Fyne units. The limits on the
// photos themselves are the model's (model.MaxPhotoBytes and its neighbours).
const thumbSize = 112

// moveLabel is the button that moves a case to a status.
var moveLabel = map[model.Status]model.Text{
	model.StatusDiagnosing:           model.T("Start diagnosing"),
	model.StatusAtServiceCentre:      model.T("Send to service centre"),
	model.StatusAwaitingManufacturer: model.T("Await manufacturer"),
	model.StatusReadyForPickup:       model.T("Ready for pickup"),
	model.StatusClosed:               model.T("Close case"),
	model.StatusCancelled:            model.T("Cancel case"),
}

// historyFieldLabel names the fields that history entries record.
var historyFieldLabel = map[string]model.Text{
	"fault": model.T("Fault"), "fault_category": model.T("Category"), "accessories": model.T("Accessories"), "condition": model.T("Condition"),
	"cause": model.T("Test result"), "tier": model.T("Tier"), "remedy": model.T("Remedy"), "remedy_reason": model.T("Reason for the remedy"),
	"policy_id": model.T("Policy"), "policy_version": model.T("Policy version"), "dealer_carries_cost": model.T("Shop carries the cost"),
	"service_centre_id": model.T("Service centre"), "replacement_serial": model.T("Replacement serial"),
	"refund_amount": model.T("Refund amount"), "notes": model.T("Notes"), "maintenance_no": model.T("Maintenance no."), "photo": model.T("Photo"),
}

func detailRemedyText(r model.Remedy) string { return say(r.Label()) }

func detailRemedyList(rs []model.Remedy) string {
	var out []string
	for _, r := range rs {
		out = append(out, detailRemedyText(r))
	}
	if len(out) == 0 {
		return say(model.T("none"))
	}
	return sayList(out)
}

// caseFacts is a case with everything a person needs to read it.
type caseFacts struct {
	c        *model.Case
	customer *model.Customer
	product  *model.Product
	maker    *model.Manufacturer
	centre   *model.ServiceCentre  // nil when none
	centres  []model.ServiceCentre // where it may go: its maker's and the all-brands ones
	claim    model.ClaimNo
	history  []model.HistoryEntry
	photos   []model.Photo

	verdict    policy.CaseVerdict
	verdictErr error
	// terminal and distributor are the policies (at the case's version) behind the verdict.
	terminal, distributor *intake.Loaded
}

// deciding is the verdict that decided the case: the clock of the policy recorded on it.
func (f *caseFacts) deciding() *policy.Verdict {
	cv := f.verdict
	for _, v := range []*policy.Verdict{cv.Customer, cv.Manufacturer} {
		if v != nil && v.Policy == f.c.PolicyID {
			return v
		}
	}
	if cv.Customer != nil {
		return cv.Customer
	}
	return cv.Manufacturer
}

// allowed are the remedies the deciding verdict allows, in the policy's order.
func (f *caseFacts) allowed() []model.Remedy {
	if v := f.deciding(); v != nil {
		return v.Remedies
	}
	return nil
}

// loadCaseFacts reads a case and what goes with it, and evaluates its verdict.
func loadCaseFacts(ctx context.Context, store model.Store, id model.CaseID) (*caseFacts, error) {
	c, err := store.CaseByID(ctx, id)
	if err != nil {
		return nil, err
	}
	facts, err := intake.LoadFacts(ctx, store, c)
	if err != nil {
		return nil, err
	}
	f := &caseFacts{c: c, customer: facts.Customer, product: facts.Product, maker: facts.Manufacturer,
		centre: facts.Centre, centres: facts.Centres, claim: facts.ClaimNo}
	if f.history, err = store.CaseHistory(ctx, id); err != nil {
		return nil, err
	}
	if f.photos, err = store.ListPhotos(ctx, id); err != nil {
		return nil, err
	}
	f.verdict, f.terminal, f.distributor, f.verdictErr = facts.RecordedVerdict(ctx, store)
	return f, nil
}

// caseDetail shows one case: its facts, verdict, status with the next steps, the test
// result, the remedy and the other fields the dealer edits, photos and history. It is
// not a sidebar entry: MainUI.openCase puts it in the content area.
type caseDetail struct {
	u      *MainUI
	view   fyne.CanvasObject
	scroll *container.Scroll // everything under the heading

	heading  *widget.Label
	subtitle *widget.Label // customer, product and serial under the heading
	back     *button
	errs     *errorBanner
	print    *printButtons // Print slip and Print label
	// conflict says that another counter saved the case after it was loaded here (the
	// save was refused); Reload shows that case and keeps what was typed.
	conflict    *fyne.Container
	conflictMsg *widget.Label
	reload      *button
	// ownWrites counts this counter's writes of the case under way, and own is the case as
	// its last one saved it: the notice of its own change is not another counter's.
	ownWrites int
	own       struct {
		id      model.CaseID
		version int64
	}

	facts     *widget.Form
	factLabel map[string]*widget.Label

	statusText *widget.Label
	moves      *fyne.Container
	moveButton map[model.Status]*button
	moveNote   *keyEntry          // the note of the move being confirmed
	moveDialog *dialog.FormDialog // open while a move is confirmed
	noMoves    *widget.Label

	customerTitle, manufacturerTitle *widget.Label // which clock, policy and start date
	customerClock, manufacturerClock *widget.Label // day, tier, window and remedies
	clause, warning, provisional     *widget.Label

	cause      *choice
	record     *button
	causeMsg   *widget.Label
	remedy     *choice
	other      *choice // the remedy chosen outside the allowed ones
	reason     *widget.Entry
	reasonMsg  *widget.Label
	override   *fyne.Container
	remedyMsg  *widget.Label
	swap       *widget.Entry // replacement serial
	swapMsg    *widget.Label
	centre     *choice // the service centre it goes to
	centreMsg  *widget.Label
	refund     *widget.Entry
	refundMsg  *widget.Label
	notes      *keyEntry
	notesMsg   *widget.Label
	save       *button
	saveResult *widget.Label

	attach   *button
	photoMsg *widget.Label
	thumbs   *fyne.Container
	thumbImg map[string]image.Image // by photo file

	history *fyne.Container

	f       *caseFacts // the case on display; nil before the first load
	allowed []model.Remedy
	gen     int64 // bumped by every load: stale answers are dropped
}

func newCaseDetail(u *MainUI) *caseDetail {
	d := &caseDetail{u: u, factLabel: map[string]*widget.Label{},
		moveButton: map[model.Status]*button{}, thumbImg: map[string]image.Image{}}

	d.heading = newHeading(say(model.T("Case")))
	d.heading.Wrapping = fyne.TextWrapWord // the case number and a long status beside the print buttons
	d.back = newIconButton(say(model.T("Back to cases")), theme.NavigateBackIcon(), func() { u.cases.showList() })
	d.errs = newErrorBanner()
	d.conflictMsg = widget.NewLabel("")
	d.conflictMsg.Importance = widget.WarningImportance
	d.conflictMsg.Wrapping = fyne.TextWrapWord
	d.reload = newIconButton(say(model.T("Reload")), theme.ViewRefreshIcon(), func() {
		if d.f != nil {
			d.load(d.f.c.ID, true)
		}
	})
	d.conflict = container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), d.reload, d.conflictMsg)
	d.conflict.Hide()
	d.print = newPrintButtons(u, func() model.CaseNo {
		if d.f == nil {
			return ""
		}
		return d.f.c.CaseNo
	})

	// The case's facts.
	d.facts = widget.NewForm()
	for _, k := range []struct {
		key   string
		label model.Text
	}{
		{"numbers", model.T("Numbers")}, {"customer", model.T("Customer")}, {"product", model.T("Product")}, {"serial", model.T("Serial")},
		{"dates", model.T("Dates")}, {"fault", model.T("Fault")}, {"accessories", model.T("Received with")}, {"condition", model.T("Condition")},
		{"verdict", model.T("Recorded verdict")}, {"centre", model.T("Service centre")}, {"claim", model.T("Claim")}, {"recorded", model.T("Changed")},
	} {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		l.Selectable = true
		d.factLabel[k.key] = l
		d.facts.Append(say(k.label), l)
	}
	d.subtitle = widget.NewLabel("")
	d.subtitle.Truncation = fyne.TextTruncateEllipsis

	// Status and its next steps.
	d.statusText = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.statusText.SizeName = theme.SizeNameSubHeadingText
	d.moves = container.NewGridWrap(fyne.NewSize(200, 36))
	for _, st := range model.Statuses {
		label, ok := moveLabel[st]
		if !ok {
			continue
		}
		st := st
		b := newButton(say(label), func() { d.confirmMove(st) })
		if st == model.StatusCancelled {
			b.Importance = widget.DangerImportance
		}
		d.moveButton[st] = b
		u.writes(b)
	}
	d.noMoves = widget.NewLabel("")

	// The verdict.
	wrap := func(l *widget.Label) *widget.Label { l.Wrapping = fyne.TextWrapWord; return l }
	d.customerTitle = wrap(widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	d.manufacturerTitle = wrap(widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	d.customerClock = wrap(widget.NewLabel(""))
	d.manufacturerClock = wrap(widget.NewLabel(""))
	d.clause = wrap(widget.NewLabel(""))
	d.clause.TextStyle.Italic = true
	d.provisional = wrap(widget.NewLabel(say(model.T("Provisional: testing may still find misuse."))))
	d.provisional.Importance = widget.WarningImportance
	d.warning = wrap(widget.NewLabel(""))
	d.warning.Importance = widget.DangerImportance

	// Test result, remedy and the other fields.
	var causes []string
	for _, c := range model.Causes {
		causes = append(causes, say(c.Label()))
	}
	d.cause = newChoice(causes, func(string) { d.causeChanged() })
	d.record = newIconButton(say(model.T("Record result")), theme.ConfirmIcon(), d.recordCause)
	d.record.Disable()
	d.causeMsg = newFieldMessage()

	d.remedy = newChoice(nil, func(string) { d.remedyChanged() })
	d.remedy.PlaceHolder = say(model.T("(not chosen)"))
	d.other = newChoice(nil, nil)
	d.other.PlaceHolder = say(model.T("Choose the remedy"))
	d.reason = widget.NewEntry()
	d.reason.SetPlaceHolder(say(model.T("Why the policy's remedies do not apply (required)")))
	d.reasonMsg = newFieldMessage()
	d.remedyMsg = newFieldMessage()
	d.override = container.NewVBox(d.other, d.reason, d.reasonMsg)
	d.override.Hide()
	d.swap = widget.NewEntry()
	d.swap.SetPlaceHolder(say(model.T("Serial of the unit given in exchange")))
	d.swapMsg = newFieldMessage()
	d.refund = widget.NewEntry()
	d.refund.SetPlaceHolder("0.00")
	d.refundMsg = newFieldMessage()
	d.refund.OnChanged = func(string) { d.checkRefund() }
	d.notes = u.newTextArea()
	d.notes.SetMinRowsVisible(3)
	d.notesMsg = newFieldMessage()
	limitLength(d.reason, model.MaxTextLen, d.reasonMsg)
	limitLength(d.swap, model.MaxCodeLen, d.swapMsg)
	limitLength(&d.notes.Entry, model.MaxTextLen, d.notesMsg)
	d.centre = newChoice(nil, nil)
	d.centreMsg = newFieldMessage()
	d.save = newIconButton(say(model.T("Save")), theme.DocumentSaveIcon(), d.saveEdits)
	d.save.Importance = widget.HighImportance
	d.saveResult = widget.NewLabel("")

	edits := widget.NewForm(
		widget.NewFormItem(say(model.T("Test result")), container.NewVBox(container.NewBorder(nil, nil, nil, d.record, d.cause), d.causeMsg)),
		widget.NewFormItem(say(model.T("Remedy")), container.NewVBox(d.remedy, d.remedyMsg, d.override)),
		widget.NewFormItem(say(model.T("Service centre")), container.NewVBox(d.centre, d.centreMsg)),
		widget.NewFormItem(say(model.T("Replacement serial")), container.NewVBox(d.swap, d.swapMsg)),
		widget.NewFormItem(say(model.T("Refund amount")), container.NewVBox(d.refund, d.refundMsg)),
		widget.NewFormItem(say(model.T("Notes")), container.NewVBox(d.notes, d.notesMsg)),
	)

	// Photos.
	d.attach = newIconButton(say(model.T("Attach photo…")), theme.FileImageIcon(), d.choosePhoto)
	u.writes(d.record, d.save, d.attach)
	d.photoMsg = newFieldMessage()
	d.thumbs = container.NewGridWrap(fyne.NewSquareSize(thumbSize))

	d.history = container.NewVBox()

	left := container.NewVBox(
		widget.NewCard("", say(model.T("Status")), container.NewVBox(d.statusText, d.moves, d.noMoves)),
		widget.NewCard("", say(model.T("Test result and remedy")), container.NewVBox(edits,
			container.NewHBox(d.save, d.saveResult))),
		widget.NewCard("", say(model.T("Photos")), container.NewVBox(container.NewHBox(d.attach, d.photoMsg), d.thumbs)),
		widget.NewCard("", say(model.T("History")), d.history),
	)
	right := container.NewVBox(
		widget.NewCard("", say(model.T("Verdict")), container.NewVBox(d.customerTitle, d.customerClock,
			d.manufacturerTitle, d.manufacturerClock, d.provisional,
			d.clause, d.warning)),
		widget.NewCard("", say(model.T("Case")), d.facts),
	)
	title := container.NewVBox(d.heading, d.subtitle)
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewCenter(d.back),
		container.NewCenter(container.NewHBox(d.print.slip, d.print.label)), title),
		d.print.msg, widget.NewSeparator(), d.errs.box, d.conflict)
	// The verdict and facts take a share of the width, the edits (which need more) the rest.
	d.scroll = container.NewVScroll(container.New(&sideColumn{share: 0.45}, left, canvas.NewRectangle(nil), right))
	d.view = container.NewBorder(top, nil, nil, nil, d.scroll)
	return d
}

// open shows the case in the content area and loads it.
func (d *caseDetail) open(id model.CaseID) {
	d.u.nav.UnselectAll() // any sidebar entry, Cases too, leads away from the case
	d.u.content.Objects = []fyne.CanvasObject{d.view}
	d.u.content.Refresh()
	if d.f == nil || d.f.c.ID != id {
		d.f = nil
		d.scroll.ScrollToTop() // another case starts at its status, not where the last one was left
		d.heading.SetText(say(model.T("Loading the case…")))
		d.print.clear()
		showFieldMessage(d.photoMsg, "")
	}
	d.saveResult.SetText("") // what is typed is read anew from the case: no save is pending
	d.load(id, false)
}

// load reads the case on a goroutine and shows it; keepEdits keeps what the dealer typed
// and has not saved yet (after a move or a recorded test result).
func (d *caseDetail) load(id model.CaseID, keepEdits bool) {
	d.fetch(id, func(f *caseFacts) { d.show(f, keepEdits) })
}

// fetch reads the case on a goroutine, with the thumbnails not made yet, and hands it to
// apply on the UI thread.
func (d *caseDetail) fetch(id model.CaseID, apply func(*caseFacts)) {
	store := d.u.store
	have := map[string]bool{} // the thumbnails made already (the map itself stays on the UI thread)
	for file := range d.thumbImg {
		have[file] = true
	}
	var f *caseFacts
	var thumbs map[string]image.Image
	d.u.latest(&d.gen, d.errs, say(model.T("Could not load the case")), func(ctx context.Context) (err error) {
		if f, err = loadCaseFacts(ctx, d.u.store, id); err == nil {
			thumbs = loadPhotoThumbs(ctx, store, f.photos, have)
		}
		return err
	}, func() {
		for k, v := range thumbs {
			d.thumbImg[k] = v
		}
		apply(f)
	})
}

// show puts a loaded case on screen.
func (d *caseDetail) show(f *caseFacts, keepEdits bool) {
	old := d.f
	if old != nil && old.c.ID != f.c.ID {
		old, keepEdits = nil, false
	}
	d.f = f
	c := f.c
	d.conflict.Hide()
	d.heading.SetText(say(model.T("%s · %s", c.CaseNo, say(c.Status.Label()))))
	d.showFacts(f)
	d.showStatus(c)
	d.showVerdict(f)

	// Test result.
	d.cause.SetSelected(say(c.Cause.Label()))
	showFieldMessage(d.causeMsg, "")
	d.causeChanged()

	// The remedy select offers what the verdict allows, then Other….
	d.allowed = f.allowed()
	var opts []string
	for _, r := range d.allowed {
		opts = append(opts, detailRemedyText(r))
	}
	d.remedy.SetOptions(append(opts, remedyOther()))
	var others []string
	for _, r := range model.Remedies {
		if !slices.Contains(d.allowed, r) {
			others = append(others, detailRemedyText(r))
		}
	}
	d.other.SetOptions(others)
	keepRemedy := keepEdits && old != nil && old.c.Remedy == c.Remedy && old.c.RemedyReason == c.RemedyReason &&
		slices.Equal(old.allowed(), d.allowed)
	if !keepRemedy {
		d.setRemedy(c)
	}
	showFieldMessage(d.remedyMsg, "")

	// The other fields keep unsaved typing when asked to.
	keep := func(e *widget.Entry, was, now string) {
		if !keepEdits || old == nil || e.Text == was {
			e.SetText(now)
		}
	}
	var was model.Case
	if old != nil {
		was = *old.c
	}
	keep(d.swap, string(was.ReplacementSerial), string(c.ReplacementSerial))
	d.showCentres(f, keepEdits && old != nil && old.c.ServiceCentreID == c.ServiceCentreID)
	keep(d.refund, detailMoneyText(was.RefundAmount), detailMoneyText(c.RefundAmount))
	keep(&d.notes.Entry, was.Notes, c.Notes)
	for _, l := range []*widget.Label{d.swapMsg, d.notesMsg, d.reasonMsg, d.centreMsg} {
		showFieldMessage(l, "")
	}
	d.checkRefund() // an amount kept from before may still be wrong

	// A closed or cancelled case takes only notes.
	for _, w := range []fyne.Disableable{d.cause, d.remedy, d.other, d.reason, d.centre, d.swap, d.refund} {
		if c.Status.Open() {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if !c.Status.Open() {
		d.record.Disable()
	}

	d.showPhotos(f)
	d.showHistory(f.history)
}

// detailMoneyText is an amount as the refund field shows it: empty for none.
func detailMoneyText(m model.Money) string {
	if m == 0 {
		return ""
	}
	return m.String()
}

// setRemedy shows the case's stored remedy: one of the allowed ones, or Other… with the
// override and its reason.
func (d *caseDetail) setRemedy(c *model.Case) {
	d.reason.SetText(c.RemedyReason)
	d.other.ClearSelected()
	switch {
	case c.Remedy == "":
		d.remedy.ClearSelected()
	case slices.Contains(d.allowed, c.Remedy):
		d.remedy.SetSelected(detailRemedyText(c.Remedy))
	default:
		d.remedy.SetSelected(remedyOther())
		d.other.SetSelected(detailRemedyText(c.Remedy))
	}
	d.remedyChanged()
}

func (d *caseDetail) showFacts(f *caseFacts) {
	c := f.c
	set := func(key, text string) {
		if text == "" {
			text = "—"
		}
		d.factLabel[key].SetText(text)
	}
	numbers := string(c.CaseNo)
	if c.MaintenanceNo != "" {
		numbers += say(model.T(" · maintenance no. %s", string(c.MaintenanceNo)))
	}
	set("numbers", numbers)
	cust := f.customer.Name
	if f.customer.Phone != "" {
		cust += " · " + f.customer.Phone
	}
	if f.customer.Kind != "" && f.customer.Kind != model.KindTerminal {
		cust += " (" + say(f.customer.Kind.Label()) + ")"
	}
	if f.customer.Regular {
		cust += " · " + say(model.T("regular customer"))
	}
	set("customer", cust)
	product := f.maker.Name + " " + string(f.product.Model)
	if f.product.Name != "" {
		product += " — " + f.product.Name
	}
	if f.product.CustomBranded {
		product += " (custom-branded)"
	}
	set("product", product)
	serial := string(c.Serial)
	if c.ReplacementSerial != "" {
		serial += say(model.T(" · swapped for %s", string(c.ReplacementSerial)))
	}
	set("serial", serial)
	var dates []string
	for _, d := range []struct {
		what model.Text
		on   model.Date
	}{{model.T("bought %s", c.PurchaseDate.String()), c.PurchaseDate}, {model.T("shipped to the shop %s", c.ShipmentDate.String()), c.ShipmentDate},
		{model.T("reported %s", c.ReportedDate.String()), c.ReportedDate}} {
		if !d.on.IsZero() {
			dates = append(dates, say(d.what))
		}
	}
	set("dates", strings.Join(dates, " · "))
	fault := c.Fault
	if c.FaultCategory != "" {
		fault += " (" + c.FaultCategory + ")"
	}
	set("fault", fault)
	set("accessories", c.Accessories)
	set("condition", c.Condition)
	verdict := say(model.T("tier: %s", say(c.Tier.Label())))
	if c.Tier == "" {
		verdict = say(model.T("no tier"))
	}
	if c.PolicyID != "" {
		verdict += say(model.T(" under %s version %d", c.PolicyID, c.PolicyVersion))
	}
	verdict += say(model.T(" · test result: %s", say(c.Cause.Label())))
	if c.Remedy != "" {
		verdict += say(model.T(" · remedy: %s", detailRemedyText(c.Remedy)))
	}
	if c.RefundAmount != 0 {
		verdict += say(model.T(" · refund %s", c.RefundAmount.String()))
	}
	set("verdict", verdict)
	centre := ""
	if f.centre != nil {
		centre = f.centre.Name
		if f.centre.Region != "" {
			centre += ", " + f.centre.Region
		}
		if f.centre.Phone != "" {
			centre += " · " + f.centre.Phone
		}
	}
	set("centre", centre)
	set("claim", string(f.claim))
	rec := say(model.T("created %s · updated %s", c.CreatedAt.Format("2006-01-02 15:04"), c.UpdatedAt.Format("2006-01-02 15:04")))
	if c.ClosedAt != nil {
		rec += say(model.T(" · closed %s", c.ClosedAt.Format("2006-01-02 15:04")))
	}
	set("recorded", rec)
	// The serial first: a line too long for the window is cut at its end, and the serial
	// tells units apart (the customer is in the facts below too).
	d.subtitle.SetText(say(model.T("serial %s · %s %s · %s", c.Serial, f.maker.Name, f.product.Model, f.customer.Name)))
}

// showStatus shows the status and a button for each step allowed from it, and only those.
func (d *caseDetail) showStatus(c *model.Case) {
	d.statusText.SetText(say(c.Status.Label()))
	d.moves.RemoveAll()
	for _, st := range c.Status.Next() {
		if b, ok := d.moveButton[st]; ok {
			d.moves.Add(b)
		}
	}
	if len(d.moves.Objects) == 0 {
		d.noMoves.SetText(say(model.T("%s: no further steps.", say(c.Status.Label()))))
		d.noMoves.Show()
		d.moves.Hide()
	} else {
		d.noMoves.Hide()
		d.moves.Show()
	}
	d.moves.Refresh()
}

// showVerdict shows both clocks, the clause, the days left and the shop's cost.
func (d *caseDetail) showVerdict(f *caseFacts) {
	d.provisional.Hide()
	d.warning.Hide()
	d.clause.Hide()
	if f.verdictErr != nil {
		d.customerTitle.SetText(say(model.T("No verdict")))
		d.customerClock.SetText(sayError(f.verdictErr))
		d.manufacturerTitle.Hide()
		d.manufacturerClock.Hide()
		return
	}
	cv := f.verdict
	today := d.u.today()
	open := f.c.Status.Open()
	clock := func(title, l *widget.Label, who string, v *policy.Verdict, from *intake.Loaded) {
		if v == nil {
			title.SetText(who)
			l.SetText(say(model.T("No verdict: no policy for it, or its start date is unknown.")))
			return
		}
		version := ""
		if from != nil {
			version = say(model.T(" v%d", from.Version))
		}
		title.SetText(say(model.T("%s · %s%s", who, v.Policy, version)))
		var lines []string
		windowed := v.InWindow && v.Tier != model.TierPaid && !v.WindowEnds.IsZero()
		// The facts of the clock, each a wording of its own, in a " · " list.
		facts := []string{detailDayText(v, windowed), say(model.T("tier: %s", say(v.Tier.Label())))}
		if v.Provisional {
			facts = append(facts, say(model.T("provisional")))
		}
		if !v.Covered {
			facts = append(facts, say(model.T("not covered")))
		}
		facts = append(facts, say(model.T("rule %s", policy.RuleText(v.Rule))))
		lines = append(lines, strings.Join(facts, " · "))
		switch {
		case !v.InWindow:
			lines = append(lines, say(model.T("The warranty ended %s.", v.WarrantyEnds)))
		case !windowed:
			lines = append(lines, say(model.T("The warranty runs until %s, but the cause makes it paid.", v.WarrantyEnds)))
		default:
			lines = append(lines, detailWindowText(v, today, open))
		}
		lines = append(lines, say(model.T("Remedies: %s.", detailRemedyList(v.Remedies))))
		l.SetText(strings.Join(lines, "\n"))
	}
	clock(d.customerTitle, d.customerClock, say(model.T("Customer's clock")), cv.Customer, f.terminal)
	clock(d.manufacturerTitle, d.manufacturerClock, say(model.T("Manufacturer's clock")), cv.Manufacturer, f.distributor)
	d.manufacturerTitle.Show()
	d.manufacturerClock.Show()
	if v := f.deciding(); v != nil {
		if v.Provisional && open {
			d.provisional.Show()
		}
		if !v.Clause.IsZero() {
			d.clause.SetText("“" + sayClause(v.Clause) + "”")
			d.clause.Show()
		}
	}
	if cv.DealerCarriesCost {
		d.warning.SetText("⚠ " + say(cv.Warning))
		d.warning.Show()
	}
}

// detailDayText counts a clock's days from its start, one whole wording for each basis.
func detailDayText(v *policy.Verdict, windowed bool) string {
	switch {
	case v.Basis == policy.BasisShipment && windowed:
		return say(model.T("From the shipment date %s: day %d of %d", v.Start, v.Days, v.WindowEnds.DaysSince(v.Start)))
	case v.Basis == policy.BasisShipment:
		return say(model.T("From the shipment date %s: day %d", v.Start, v.Days))
	case windowed:
		return say(model.T("From the purchase date %s: day %d of %d", v.Start, v.Days, v.WindowEnds.DaysSince(v.Start)))
	}
	return say(model.T("From the purchase date %s: day %d", v.Start, v.Days))
}

// detailWindowText says when a verdict's tier window closes, counted from today for an open case.
func detailWindowText(v *policy.Verdict, today model.Date, open bool) string {
	end, name := v.WindowEnds, counterWindowName(v.Tier)
	if !open || today.IsZero() {
		return say(model.T("%s ends %s (warranty until %s).", name, end, v.WarrantyEnds))
	}
	switch left := end.DaysSince(today); {
	case left > 1:
		return say(model.T("%s ends %s: %d days left (warranty until %s).", name, end, left, v.WarrantyEnds))
	case left == 1:
		return say(model.T("%s ends %s: 1 day left (warranty until %s).", name, end, v.WarrantyEnds))
	case left == 0:
		return say(model.T("%s ends today, %s (warranty until %s).", name, end, v.WarrantyEnds))
	default:
		return say(model.T("%s ended %s, %d days ago; the customer reported in time (warranty until %s).",
			name, end, -left, v.WarrantyEnds))
	}
}

// confirmMove asks for an optional note and then moves the case to st.
func (d *caseDetail) confirmMove(st model.Status) {
	if d.f == nil {
		return
	}
	id := d.f.c.ID
	d.moveNote = d.u.newEntry()
	d.moveNote.SetPlaceHolder(say(model.T("Optional: what was done, who was told")))
	note := d.moveNote
	d.moveDialog = dialog.NewForm(say(moveLabel[st]), say(moveLabel[st]), say(model.T("Cancel")),
		[]*widget.FormItem{widget.NewFormItem(say(model.T("Note")), note)},
		func(ok bool) {
			d.moveDialog = nil
			if ok {
				d.move(id, st, strings.TrimSpace(note.Text))
			}
		}, d.u.win)
	dlg := d.moveDialog
	dlg.Resize(fyne.NewSize(480, 180))
	if st == model.StatusCancelled {
		d.u.showDestructiveForm(dlg) // Enter keeps the case
	} else {
		d.u.showForm(dlg) // Enter moves
	}
	d.u.win.Canvas().Focus(note)
}

// move changes the status in the store and shows the case as it is then.
func (d *caseDetail) move(id model.CaseID, st model.Status, note string) {
	loaded := d.f.c.Version
	d.write(func(ctx context.Context) (*model.Case, error) {
		return d.u.store.MoveCase(model.ExpectVersion(ctx, loaded), id, st, deskActor(), note)
	}, func(err error) {
		if d.changedElsewhere(err) {
			return
		}
		if err != nil {
			d.errs.set(say(model.T("Could not move the case")), err)
			return
		}
		d.load(id, true)
	})
}

// write runs a write of the case on a goroutine and hands its outcome to done on the UI
// thread, noting it as this counter's own (see showChanges).
func (d *caseDetail) write(w func(ctx context.Context) (*model.Case, error), done func(error)) {
	d.ownWrites++
	d.u.background(func(ctx context.Context) func() {
		c, err := w(ctx)
		return func() {
			d.ownWrites--
			if err == nil {
				d.own.id, d.own.version = c.ID, c.Version
			}
			done(err)
		}
	})
}

// causeChanged offers to record a test result that differs from the stored one.
func (d *caseDetail) causeChanged() {
	if d.f == nil || !d.f.c.Status.Open() || d.selectedCause() == d.f.c.Cause {
		d.record.Disable()
		return
	}
	d.record.Enable()
}

func (d *caseDetail) selectedCause() model.Cause {
	if i := d.cause.SelectedIndex(); i >= 0 && i < len(model.Causes) {
		return model.Causes[i]
	}
	return ""
}

// recordCause re-evaluates the case with the chosen test result (intake.Reassess) and
// saves the verdict it gives; the screen then shows the new verdict.
func (d *caseDetail) recordCause() {
	if d.f == nil {
		return
	}
	cause := d.selectedCause()
	if cause == "" {
		showFieldMessage(d.causeMsg, say(model.T("choose the test result")))
		return
	}
	c := *d.f.c
	d.record.Disable()
	d.write(func(ctx context.Context) (*model.Case, error) {
		upd, _, err := intake.Reassess(ctx, d.u.store, &c, cause)
		if err != nil {
			return nil, err
		}
		return d.u.store.UpdateCase(model.ExpectVersion(ctx, c.Version), c.ID, upd, deskActor())
	}, func(err error) {
		if d.changedElsewhere(err) {
			d.causeChanged()
			return
		}
		if err != nil {
			showFieldMessage(d.causeMsg, sayError(err))
			d.causeChanged()
			return
		}
		showFieldMessage(d.causeMsg, "")
		d.load(c.ID, true)
	})
}

// remedyChanged shows the override fields when the dealer picks Other….
func (d *caseDetail) remedyChanged() {
	if d.remedy.Selected == remedyOther() {
		d.override.Show()
	} else {
		d.override.Hide()
		showFieldMessage(d.reasonMsg, "")
	}
}

// checkRefund says next to the refund field whether it is an amount.
func (d *caseDetail) checkRefund() (model.Money, bool) {
	t := strings.TrimSpace(d.refund.Text)
	if t == "" {
		showFieldMessage(d.refundMsg, "")
		return 0, true
	}
	m, err := model.ParseMoney(t)
	switch {
	case err != nil:
		showFieldMessage(d.refundMsg, say(model.T("not an amount such as 12.50")))
		return 0, false
	case m < 0:
		showFieldMessage(d.refundMsg, say(model.T("cannot be negative")))
		return 0, false
	}
	showFieldMessage(d.refundMsg, "")
	return m, true
}

// edits collects the changed fields as one update; ok is false when a field is refused
// (its message is then on screen).
func (d *caseDetail) edits() (u model.CaseUpdate, changed, ok bool) {
	c := d.f.c
	ok = true
	showFieldMessage(d.remedyMsg, "")
	showFieldMessage(d.reasonMsg, "")
	if c.Status.Open() {
		switch sel := d.remedy.Selected; sel {
		case "":
		case remedyOther():
			var r model.Remedy
			for _, k := range model.Remedies {
				if detailRemedyText(k) == d.other.Selected {
					r = k
				}
			}
			reason := strings.TrimSpace(d.reason.Text)
			switch {
			case r == "":
				showFieldMessage(d.reasonMsg, say(model.T("choose the remedy given instead")))
				ok = false
			case reason == "":
				showFieldMessage(d.reasonMsg, say(model.T("say why the policy's remedies do not apply")))
				ok = false
			case utf8.RuneCountInString(reason) > model.MaxTextLen:
				showFieldMessage(d.reasonMsg, say(model.T("too long (at most %d characters)", model.MaxTextLen)))
				ok = false
			default:
				if r != c.Remedy {
					u.Remedy = &r
				}
				if reason != c.RemedyReason {
					u.RemedyReason = &reason
				}
			}
		default:
			for _, r := range d.allowed {
				if detailRemedyText(r) == sel {
					if r != c.Remedy {
						u.Remedy = &r
					}
					if c.RemedyReason != "" {
						empty := ""
						u.RemedyReason = &empty
					}
				}
			}
		}
		if id := d.centreID(); id != c.ServiceCentreID && id != 0 {
			u.ServiceCentreID = &id
		}
		if s := model.Serial(strings.TrimSpace(d.swap.Text)); s != c.ReplacementSerial {
			u.ReplacementSerial = &s
		}
		if m, good := d.checkRefund(); !good {
			ok = false
		} else if m != c.RefundAmount {
			u.RefundAmount = &m
		}
	}
	if n := d.notes.Text; n != c.Notes {
		u.Notes = &n
	}
	changed = u != (model.CaseUpdate{})
	return u, changed, ok
}

// saveEdits writes every edited field as one update, in one transaction.
func (d *caseDetail) saveEdits() {
	if d.f == nil {
		return
	}
	u, changed, ok := d.edits()
	if !ok {
		d.saveResult.SetText(say(model.T("Not saved: see the messages above.")))
		return
	}
	if !changed {
		d.saveResult.SetText(say(model.T("Nothing to save.")))
		return
	}
	id, loaded := d.f.c.ID, d.f.c.Version
	d.save.Disable()
	d.saveResult.SetText(say(model.T("Saving…")))
	d.write(func(ctx context.Context) (*model.Case, error) {
		return d.u.store.UpdateCase(model.ExpectVersion(ctx, loaded), id, u, deskActor())
	}, func(err error) {
		d.save.Enable()
		if d.changedElsewhere(err) {
			d.saveResult.SetText(say(model.T("Not saved.")))
			return
		}
		if err != nil {
			d.saveResult.SetText(say(model.T("Not saved.")))
			d.showSaveError(err)
			return
		}
		d.saveResult.SetText(say(model.T("Saved.")))
		d.load(id, false)
	})
}

// changedElsewhere reports whether err refused a write because another counter saved the
// case after it was loaded here; if so it says so with Reload beside, and everything typed
// stays where it is.
func (d *caseDetail) changedElsewhere(err error) bool {
	if !model.IsChangedElsewhere(err) {
		return false
	}
	d.conflictMsg.SetText(sayError(err))
	d.conflict.Show()
	return true
}

// showSaveError puts the store's complaints next to the fields they concern.
func (d *caseDetail) showSaveError(err error) {
	fields := sayFields(err)
	labels := map[string]*widget.Label{"remedy": d.remedyMsg, "remedy_reason": d.reasonMsg,
		"service_centre_id": d.centreMsg, "replacement_serial": d.swapMsg, "refund_amount": d.refundMsg, "notes": d.notesMsg}
	shown := false
	for field, msg := range fields {
		if l, ok := labels[field]; ok {
			showFieldMessage(l, msg)
			shown = true
		}
	}
	if !shown {
		d.errs.set(say(model.T("Could not save the case")), err)
	}
}

// showHistory lists every change, oldest first.
func (d *caseDetail) showHistory(hs []model.HistoryEntry) {
	d.history.RemoveAll()
	for _, h := range hs {
		entry := widget.NewLabel(h.At.Format("2006-01-02 15:04") + " · " + h.Actor + " · " + detailHistoryLine(h, d.knownCentres()))
		entry.Wrapping = fyne.TextWrapWord
		d.history.Add(entry)
	}
	if len(hs) == 0 {
		d.history.Add(widget.NewLabel(say(model.T("No history."))))
	}
	d.history.Refresh()
}

// The history separates an old value from the new one with " » ", not "→": the bundled CJK
// font draws an arrow followed by white space with a stray replacement glyph.

// yesNo is a yes-or-no value as a history line says it ("true" was shown as it is stored).
func yesNo(b bool) model.Text {
	if b {
		return model.T("yes")
	}
	return model.T("no")
}

// detailHistoryLine says what one history entry changed; centres name the service centres
// it may speak of by their ids.
func detailHistoryLine(h model.HistoryEntry, centres []model.ServiceCentre) string {
	value := func(v string) string {
		if v == "" {
			return say(model.T("(empty)"))
		}
		switch h.Field {
		case "remedy":
			return detailRemedyText(model.Remedy(v))
		case "cause":
			return say(model.Cause(v).Label())
		case "tier":
			return say(model.Tier(v).Label())
		case "dealer_carries_cost":
			if b, err := strconv.ParseBool(v); err == nil {
				return say(yesNo(b))
			}
		case "service_centre_id":
			for _, sc := range centres {
				if strconv.FormatInt(int64(sc.ID), 10) == v {
					return centreText(sc)
				}
			}
		}
		return v
	}
	switch {
	case h.Action == model.ActionCreated:
		return say(h.CreatedText())
	case h.OldStatus != "" && h.NewStatus != "":
		s := say(model.T("Status: %s » %s", say(h.OldStatus.Label()), say(h.NewStatus.Label())))
		if h.Note != "" {
			s += " — " + h.Note
		}
		return s
	case h.Action == model.ActionPhoto:
		return say(model.T("Photo attached: %s", h.NewValue))
	case h.Action == model.ActionClaimAnswer:
		answer, ok := model.ReadClaimAnswerNote(h.Note)
		if !ok {
			answer = model.T("%s", h.Note)
		}
		if h.Field == "dealer_carries_cost" { // the answer moved the cost to the shop or back
			return say(model.T("%s; %s: %s » %s", answer, historyFieldLabel[h.Field], value(h.OldValue), value(h.NewValue)))
		}
		return say(answer)
	case h.Field != "":
		label := h.Field
		if l, ok := historyFieldLabel[h.Field]; ok {
			label = say(l)
		}
		return say(model.T("%s: %s » %s", label, value(h.OldValue), value(h.NewValue)))
	}
	return strings.TrimSpace(h.Action + " " + h.Note)
}

// choosePhoto lets the dealer pick a JPEG or PNG file to attach.
func (d *caseDetail) choosePhoto() {
	if d.f == nil {
		return
	}
	dlg := dialog.NewFileOpen(d.photoChosen, d.u.win)
	startInDocuments(dlg)
	dlg.SetFilter(storage.NewExtensionFileFilter([]string{".jpg", ".jpeg", ".png"}))
	d.u.showFileDialog(dlg)
}

// photoChosen stores the chosen picture as a photo of the case.
func (d *caseDetail) photoChosen(r fyne.URIReadCloser, err error) {
	if err != nil {
		showFieldMessage(d.photoMsg, sayError(model.Wrap(model.EINVALID, err, "Could not open the file")))
		return
	}
	if r == nil || d.f == nil {
		return // cancelled
	}
	id := d.f.c.ID
	name := r.URI().Name()
	showFieldMessage(d.photoMsg, "")
	d.attach.Disable()
	d.u.background(func(ctx context.Context) func() {
		defer r.Close()
		p, data, err := readPhoto(name, r)
		var thumb image.Image
		if err == nil {
			p.CaseID = id
			err = d.u.store.AddPhoto(ctx, &p, data, deskActor())
		}
		if err == nil {
			if img, _, derr := image.Decode(bytes.NewReader(data)); derr == nil {
				thumb = photoThumbnail(img)
			}
		}
		return func() {
			d.attach.Enable()
			if err != nil {
				showFieldMessage(d.photoMsg, sayError(err))
				return
			}
			if thumb != nil {
				d.thumbImg[p.File] = thumb
			}
			d.load(id, true)
		}
	})
}

// readPhoto reads the picture the dealer chose and checks it as the store will
// (model.CheckPhoto), so that a refusal comes before anything is stored. It returns the
// photo to store (without its case) and its bytes.
func readPhoto(name string, r io.Reader) (model.Photo, []byte, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jpg", ".jpeg", ".png":
	default:
		return model.Photo{}, nil, model.Errorf(model.EINVALID, "%s is not a JPEG or PNG file.", name)
	}
	data, err := io.ReadAll(io.LimitReader(r, model.MaxPhotoBytes+1))
	if err != nil {
		return model.Photo{}, nil, model.Wrap(model.EINVALID, err, "Could not read %s", name)
	}
	format, w, h, err := model.CheckPhoto(name, data)
	if err != nil {
		return model.Photo{}, nil, err
	}
	// The file's name is shown, never used as a path; a control character in it is not the
	// dealer's to fix (the model refuses one), so it is shown as U+FFFD.
	display := strings.Map(func(r rune) rune {
		if model.IsTextControl(r) {
			return utf8.RuneError
		}
		return r
	}, filepath.Base(name))
	if utf8.RuneCountInString(display) > model.MaxNameLen {
		display = string([]rune(display)[:model.MaxNameLen])
	}
	return model.Photo{Name: display, Format: format, Width: w, Height: h, Size: int64(len(data))}, data, nil
}

// photoThumbnail scales a picture down to fit a photoThumbnail (twice its size, for sharp screens).
func photoThumbnail(img image.Image) image.Image {
	side := 2 * thumbSize
	if b := img.Bounds(); b.Dx() <= side && b.Dy() <= side {
		return img
	}
	return picture.Fit(img, side, draw.ApproxBiLinear)
}

// loadPhotoThumbs makes the thumbnails of the photos that have none yet, from the pictures
// in the store; a picture that cannot be read gets none (the photo then shows as missing).
func loadPhotoThumbs(ctx context.Context, store model.Store, photos []model.Photo, have map[string]bool) map[string]image.Image {
	out := map[string]image.Image{}
	for _, p := range photos {
		if have[p.File] || p.Width*p.Height > model.MaxPhotoPixels {
			continue
		}
		data, err := store.PhotoData(ctx, p.ID)
		if err != nil {
			continue
		}
		if img, _, err := image.Decode(bytes.NewReader(data)); err == nil {
			out[p.File] = photoThumbnail(img)
		}
	}
	return out
}

// showPhotos shows a photoThumbnail of every photo; tapping one shows it large.
func (d *caseDetail) showPhotos(f *caseFacts) {
	d.thumbs.RemoveAll()
	for _, p := range f.photos {
		d.thumbs.Add(d.thumb(p))
	}
	if len(f.photos) == 0 {
		d.thumbs.Hide()
	} else {
		d.thumbs.Show()
	}
	d.thumbs.Refresh()
}

func (d *caseDetail) thumb(p model.Photo) fyne.CanvasObject {
	var img *canvas.Image
	if t, ok := d.thumbImg[p.File]; ok {
		img = canvas.NewImageFromImage(t)
	} else {
		img = canvas.NewImageFromResource(theme.BrokenImageIcon())
	}
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSquareSize(thumbSize))
	return newTapArea(img, func() { d.showLarge(p) })
}

// showLarge shows a photo's picture, read from the store, in a dialog.
func (d *caseDetail) showLarge(p model.Photo) {
	var data []byte
	d.u.background(func(ctx context.Context) func() {
		var err error
		data, err = d.u.store.PhotoData(ctx, p.ID)
		return func() {
			if err != nil {
				showFieldMessage(d.photoMsg, sayError(err))
				return
			}
			large := canvas.NewImageFromResource(fyne.NewStaticResource(path.Base(p.File), data))
			large.FillMode = canvas.ImageFillContain
			large.SetMinSize(fyne.NewSize(720, 480))
			d.u.showInfo(dialog.NewCustom(p.Name, say(model.T("Close")), large, d.u.win))
		}
	})
}

// tapArea makes any object tappable.
type tapArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

func newTapArea(content fyne.CanvasObject, onTap func()) *tapArea {
	t := &tapArea{content: content, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }

func (t *tapArea) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

// remedyOther() is a choice besides the values themselves, in the window's language.
func remedyOther() string { return say(model.T("Other…")) }

// showCentres offers the centres the case may go to (its maker's and the all-brands ones),
// the case's own chosen; keep leaves a choice not saved yet. With none, the field says where
// they are added.
func (d *caseDetail) showCentres(f *caseFacts, keep bool) {
	opts := []string{}
	for _, sc := range f.centres {
		opts = append(opts, centreText(sc))
	}
	chosen := d.centre.Selected
	d.centre.SetOptions(opts)
	switch {
	case keep && slices.Contains(opts, chosen):
		d.centre.SetSelected(chosen)
	case f.centre != nil:
		d.centre.SetSelected(centreText(*f.centre))
	default:
		d.centre.ClearSelected()
	}
	d.centre.PlaceHolder = say(model.T("Choose a service centre"))
	if len(opts) == 0 {
		d.centre.PlaceHolder = say(model.T("None for %s yet: add one under Manufacturers & policies", f.maker.Name))
	}
	d.centre.Refresh()
}

// centreText names a centre in the case detail's choice: "Halotek Shanghai (Shanghai)".
func centreText(sc model.ServiceCentre) string {
	if sc.Region == "" {
		return sc.Name
	}
	return say(model.T("%s (%s)", sc.Name, sc.Region))
}

// centreID is the centre chosen in the case detail, 0 for none.
func (d *caseDetail) centreID() model.ServiceCentreID {
	for _, sc := range d.f.centres {
		if centreText(sc) == d.centre.Selected {
			return sc.ID
		}
	}
	return 0
}

// knownCentres are the service centres the case on display may name: those it may go to
// and its own.
func (d *caseDetail) knownCentres() []model.ServiceCentre {
	if d.f == nil {
		return nil
	}
	if d.f.centre != nil {
		return append(slices.Clip(d.f.centres), *d.f.centre)
	}
	return d.f.centres
}
