package gui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
	"returndesk/policy"
)

// tierNames are offered for a tier's name; any other name is allowed.
var tierNames = []model.Tier{model.TierRefund, model.TierReplace, model.TierRepair, model.TierWarranty}

// tierNameText is a tier's name in the editor: a known one in the window's language (退货),
// another as it was typed.
func tierNameText(t model.Tier) string {
	if slices.Contains(tierNames, t) {
		return say(t.Label())
	}
	return string(t)
}

// tierNameOf is the tier a name typed or chosen in the editor stands for.
func tierNameOf(text string) model.Tier {
	text = strings.TrimSpace(text)
	for _, t := range tierNames {
		if text == say(t.Label()) {
			return t
		}
	}
	return model.Tier(text)
}

// policyEditor changes a copy of a stored policy: its name, its tiers' windows, remedies and
// clauses, and the paid tier's clause. Saving stores a new policy (a copy) or a new version.
// The cause rules, freight and OEM rules stay as they were and are shown read-only.
type policyEditor struct {
	s      *manufacturersScreen
	asCopy bool
	source storedPolicy // the policy it started from
	view   fyne.CanvasObject

	id           *widget.Entry // only for a copy
	name         *widget.Entry
	manufacturer *widget.Entry
	idErr        *widget.Label
	nameErr      *widget.Label
	manErr       *widget.Label

	tiers   []*tierEditor
	tierBox *fyne.Container
	addTier *button

	paidClause, paidClauseZh *keyEntry // the paid tier's clause, in English and Chinese
	paidErr, paidZhErr       *widget.Label
	otherErr                 *widget.Label // problems no field shows

	save   *button
	cancel *button
}

// tierEditor is one tier in the editor.
type tierEditor struct {
	box      *fyne.Container
	title    *widget.Label
	id       *widget.SelectEntry
	length   *widget.Entry
	unit     *choice
	remedies *remedyChecks
	covered  *check
	clause   *keyEntry     // the clause in English
	clauseZh *keyEntry     // and in Chinese: the slip prints both
	stale    *widget.Label // the clause speaks of another window (policy.StaleWindows)
	remove   *button

	idErr, windowErr, remediesErr, clauseErr, clauseZhErr, otherErr *widget.Label

	freight *policy.Freight // kept as copied; shared, never changed
}

func newPolicyEditor(s *manufacturersScreen, sp storedPolicy, asCopy bool) *policyEditor {
	e := &policyEditor{s: s, asCopy: asCopy, source: sp}
	p := sp.p
	if asCopy { // a copy names no maker: its clauses say policy.MakerPlaceholder instead
		p = p.CopyFor(p.ID, p.Name)
	}

	heading := newFormTitle()
	note := widget.NewLabel("")
	note.Wrapping = fyne.TextWrapWord
	if asCopy {
		heading.SetText(say(model.T("New policy copied from %s", string(p.ID))))
		note.SetText(say(model.T("Saving stores a new policy (version 1); %s stays as it is. Where a clause says %s, "+
			"documents print the name of the manufacturer whose unit it is.", p.ID, policy.MakerPlaceholder)))
	} else {
		heading.SetText(say(model.T("Edit %s", p.ID)))
		note.SetText(say(model.T("Saving stores version %d; cases keep the version they were decided under.", sp.rec.Version+1)))
	}

	e.id = widget.NewEntry()
	e.id.SetPlaceHolder(say(model.T("lower-case letters, digits and -")))
	e.name = widget.NewEntry()
	e.manufacturer = widget.NewEntry()
	e.manufacturer.SetPlaceHolder(say(model.T("the manufacturer as the clauses name it")))
	e.name.SetText(p.Name)
	e.manufacturer.SetText(p.Manufacturer)

	top := container.New(layout.NewFormLayout())
	if asCopy {
		e.id.SetText(s.freeCopyID(p.ID))
		e.name.SetText(say(model.T("%s (copy)", policyName(sp.rec))))
		e.idErr = addField(top, say(model.T("Policy id")), e.id)
	} else {
		e.idErr = newFieldError() // never shown: the id of a new version is the policy's
		top.Add(widget.NewLabel(say(model.T("Policy id"))))
		top.Add(widget.NewLabel(say(model.T("%s (%s, now version %d)", p.ID, kindText(p.Kind), sp.rec.Version))))
	}
	e.nameErr = addField(top, say(model.T("Name")), e.name)
	e.manErr = addField(top, say(model.T("Manufacturer")), e.manufacturer)
	limitLength(e.id, model.MaxCodeLen, e.idErr)
	limitLength(e.name, model.MaxNameLen, e.nameErr)
	limitLength(e.manufacturer, model.MaxNameLen, e.manErr)

	parts := []fyne.CanvasObject{heading, note, top}
	e.otherErr = newFieldError()
	if p.Kind != model.PolicyOEM {
		e.tierBox = container.NewVBox()
		for _, t := range p.Tiers {
			e.tiers = append(e.tiers, e.newTier(t))
		}
		e.layoutTiers()
		e.addTier = newIconButton(say(model.T("Add a tier")), theme.ContentAddIcon(), e.appendTier)
		parts = append(parts, widget.NewSeparator(),
			widget.NewLabelWithStyle(say(model.T("Tiers, in date order, counted from the %s date", basisText(p.Basis))),
				fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			e.tierBox, container.NewHBox(e.addTier))
		if p.After != nil {
			e.paidClause, e.paidClauseZh = s.u.newTextArea(), s.u.newTextArea()
			e.paidClause.SetText(p.After.Clause.En)
			e.paidClauseZh.SetText(p.After.Clause.Zh)
			paid := container.New(layout.NewFormLayout(),
				widget.NewLabel(say(model.T("Remedies"))), widget.NewLabel(remediesText(p.After.Remedies)+"; "+coveredText(p.After.Covered)))
			e.paidErr = addField(paid, say(model.T("Clause")), e.paidClause)
			limitLength(&e.paidClause.Entry, model.MaxTextLen, e.paidErr)
			e.paidZhErr = addField(paid, say(model.T("Clause in Chinese")), e.paidClauseZh)
			limitLength(&e.paidClauseZh.Entry, model.MaxTextLen, e.paidZhErr)
			parts = append(parts, widget.NewSeparator(),
				widget.NewLabelWithStyle(say(model.T("After the last tier, or when a rule says so: %s", p.After.ID)),
					fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
				paid)
		}
	}

	var rules richDoc
	describeRules(&rules, p)
	if p.After != nil && p.After.Freight != nil {
		rules.section(say(model.T("Freight after the last tier")))
		rules.bullets(line(plain(freightText(p.After.Freight) + ".")))
	}
	if len(rules.segs) > 0 {
		rt := widget.NewRichText(rules.segs...)
		rt.Wrapping = fyne.TextWrapWord
		parts = append(parts, widget.NewSeparator(),
			widget.NewLabelWithStyle(say(model.T("Kept as they are (not edited here)")), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
			rt)
	}

	e.save = newIconButton(say(model.T("Save")), theme.DocumentSaveIcon(), e.submit)
	e.save.Importance = widget.HighImportance
	if asCopy {
		e.save.SetText(say(model.T("Save new policy")))
	} else {
		e.save.SetText(say(model.T("Save version %d", sp.rec.Version+1)))
	}
	e.cancel = newIconButton(say(model.T("Cancel")), theme.CancelIcon(), s.closeEditor)
	buttons := container.NewHBox(e.save, e.cancel)
	e.view = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), e.otherErr, buttons), nil, nil,
		container.NewVScroll(container.NewVBox(parts...)))
	return e
}

// freeCopyID proposes an id for a copy that no stored policy has: "<id>-copy", "<id>-copy-2", …
func (s *manufacturersScreen) freeCopyID(id model.PolicyID) string {
	base := say(model.T("%s-copy", string(id)))
	cand := base
	for n := 2; s.policyIndex(model.PolicyID(cand)) >= 0; n++ {
		cand = say(model.T("%s-%d", base, n))
	}
	return cand
}

// newTier makes the editor of one tier, filled with t.
func (e *policyEditor) newTier(t policy.Tier) *tierEditor {
	te := &tierEditor{freight: t.Freight}
	te.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var names []string
	for _, n := range tierNames {
		names = append(names, tierNameText(n))
	}
	te.id = widget.NewSelectEntry(names)
	te.id.SetText(tierNameText(t.ID))
	te.length = widget.NewEntry()
	te.length.SetText(strconv.Itoa(t.Window.Length))
	te.unit = newChoice([]string{say(model.T("days")), say(model.T("months"))}, nil)
	te.unit.SetSelectedIndex(slices.Index(policyUnits, t.Window.Unit))
	te.remedies = newRemedyChecks(t.Remedies)
	te.covered = newCheck(say(model.T("Free to the customer")), nil)
	te.covered.SetChecked(t.Covered)
	te.clause = e.s.u.newTextArea()
	te.clause.SetPlaceHolder(say(model.T("the policy's own words, printed on the slip")))
	te.clause.SetText(t.Clause.En)
	te.clauseZh = e.s.u.newTextArea()
	te.clauseZh.SetPlaceHolder(say(model.T("the same words in Chinese, printed beside them")))
	te.clauseZh.SetText(t.Clause.Zh)
	te.remove = newIconButton(say(model.T("Remove tier")), theme.DeleteIcon(), func() { e.removeTier(te) })
	te.stale = newFieldError()
	te.stale.Importance = widget.WarningImportance
	te.length.OnChanged = func(string) { e.checkClauses() }
	te.unit.OnChanged = func(string) { e.checkClauses() }
	te.clause.OnChanged = func(string) { e.checkClauses() }
	te.clauseZh.OnChanged = func(string) { e.checkClauses() }

	window := container.NewHBox(fixedWidth(te.length, 90), fixedWidth(te.unit, 120))
	cover := fyne.CanvasObject(te.covered)
	if te.freight != nil {
		fl := widget.NewLabel(say(model.T("Freight: %s", freightText(te.freight))))
		fl.Wrapping = fyne.TextWrapWord
		cover = container.NewVBox(te.covered, fl)
	}
	form := container.New(layout.NewFormLayout())
	te.idErr = addField(form, say(model.T("Tier name")), fixedWidth(te.id, 200))
	te.windowErr = addField(form, say(model.T("Window")), window)
	te.remediesErr = addField(form, say(model.T("Remedies")), te.remedies.view)
	te.otherErr = addField(form, "", cover)
	te.clauseErr = addField(form, say(model.T("Clause")), te.clause)
	limitLength(&te.clause.Entry, model.MaxTextLen, te.clauseErr)
	te.clauseZhErr = addField(form, say(model.T("Clause in Chinese")), te.clauseZh)
	limitLength(&te.clauseZh.Entry, model.MaxTextLen, te.clauseZhErr)
	form.Add(layout.NewSpacer())
	form.Add(te.stale)
	te.box = container.NewVBox(container.NewBorder(nil, nil, te.title, te.remove), form, widget.NewSeparator())
	return te
}

// checkClauses warns under each tier whose clause speaks of another window than the
// tier's: the days were changed and the words were not, and the slip prints the words.
func (e *policyEditor) checkClauses() {
	var before *policy.Window
	for _, te := range e.tiers {
		own := policy.Window{Unit: policyUnit(te.unit.SelectedIndex())}
		n, err := strconv.Atoi(strings.TrimSpace(te.length.Text))
		own.Length = n
		stale := policy.StaleWindows(policy.Clause{En: te.clause.Text, Zh: te.clauseZh.Text}, own, before)
		if err != nil || len(stale) == 0 {
			te.stale.Hide()
		} else {
			var said []string
			for _, w := range stale {
				said = append(said, say(w.Text()))
			}
			te.stale.SetText(say(model.T("The clause speaks of %s, the window is %s: the slip prints the clause as it is written.",
				sayList(said), say(own.Text()))))
			te.stale.Show()
		}
		before = &policy.Window{Length: own.Length, Unit: own.Unit}
	}
}

// layoutTiers puts the tier editors in order and numbers them.
func (e *policyEditor) layoutTiers() {
	objs := make([]fyne.CanvasObject, len(e.tiers))
	for i, te := range e.tiers {
		te.title.SetText(say(model.T("Tier %d", i+1)))
		if len(e.tiers) > 1 {
			te.remove.Enable()
		} else {
			te.remove.Disable()
		}
		objs[i] = te.box
	}
	e.tierBox.Objects = objs
	e.tierBox.Refresh()
	e.checkClauses()
}

// appendTier adds a tier after the last one: longer by a year (or 30 days), with the same remedies.
func (e *policyEditor) appendTier() {
	t := policy.Tier{Window: policy.Months(12), Remedies: []model.Remedy{model.RemedyRepair}, Covered: true}
	if n := len(e.tiers); n > 0 {
		last := e.tiers[n-1]
		t.Window.Unit = policy.Unit(last.unit.Selected)
		length, err := strconv.Atoi(strings.TrimSpace(last.length.Text))
		if err != nil {
			length = 0
		}
		if t.Window.Unit == policy.UnitDays {
			t.Window.Length = length + 30
		} else {
			t.Window.Unit = policy.UnitMonths
			t.Window.Length = length + 12
		}
		t.Remedies = last.remedies.selected()
		t.Covered = last.covered.Checked
		t.Freight = last.freight
	}
	used := map[model.Tier]bool{}
	for _, te := range e.tiers {
		used[tierNameOf(te.id.Text)] = true
	}
	for _, name := range tierNames {
		if !used[name] {
			t.ID = name
			break
		}
	}
	e.tiers = append(e.tiers, e.newTier(t))
	e.clearErrors() // they name tiers by position
	e.layoutTiers()
}

func (e *policyEditor) removeTier(te *tierEditor) {
	i := slices.Index(e.tiers, te)
	if i < 0 || len(e.tiers) < 2 {
		return
	}
	e.tiers = slices.Delete(e.tiers, i, i+1)
	e.clearErrors()
	e.layoutTiers()
}

// policy is the policy the editor describes, and the problems it could not even put in it
// (a window length that is not a number, a copy's id that is taken).
func (e *policyEditor) policy() (policy.Policy, model.Errors) {
	var probs model.Errors
	p := e.source.p.Clone()
	if e.asCopy {
		p.ID = model.PolicyID(strings.TrimSpace(e.id.Text))
		if p.ID != "" && e.s.policyIndex(p.ID) >= 0 {
			probs = append(probs, model.Invalid("id", "%s is already a stored policy: choose a new id for the copy", p.ID))
		}
	}
	p.Name = strings.TrimSpace(e.name.Text)
	p.Manufacturer = strings.TrimSpace(e.manufacturer.Text)
	if p.Kind != model.PolicyOEM {
		p.Tiers = nil
		for i, te := range e.tiers {
			n, err := strconv.Atoi(strings.TrimSpace(te.length.Text))
			if err != nil {
				field := fmt.Sprintf("tiers[%d].window.length", i)
				if te.unit.SelectedIndex() == 1 {
					probs = append(probs, model.Invalid(field, "must be a whole number of months"))
				} else {
					probs = append(probs, model.Invalid(field, "must be a whole number of days"))
				}
			}
			p.Tiers = append(p.Tiers, policy.Tier{
				ID:       tierNameOf(te.id.Text),
				Window:   policy.Window{Length: n, Unit: policyUnit(te.unit.SelectedIndex())},
				Remedies: te.remedies.selected(),
				Covered:  te.covered.Checked,
				Clause:   policy.Clause{En: strings.TrimSpace(te.clause.Text), Zh: strings.TrimSpace(te.clauseZh.Text)},
				Freight:  te.freight,
			})
		}
		if p.After != nil && e.paidClause != nil {
			p.After.Clause = policy.Clause{En: strings.TrimSpace(e.paidClause.Text), Zh: strings.TrimSpace(e.paidClauseZh.Text)}
		}
	}
	if err := p.Validate(); err != nil {
		var es model.Errors
		if errors.As(err, &es) {
			probs = append(probs, es...)
		} else {
			probs = append(probs, model.Invalid("", "%s", model.ErrorText(err)))
		}
	}
	return p, probs
}

// submit validates the policy and stores it; while it is invalid it shows why and stores nothing.
func (e *policyEditor) submit() {
	p, probs := e.policy()
	if len(probs) > 0 {
		e.showErrors(probs)
		return
	}
	rec, err := p.Record()
	if err != nil {
		e.showErrors(asErrors(err))
		return
	}
	if !e.asCopy {
		rec.ManufacturerID = e.source.rec.ManufacturerID
	}
	e.clearErrors()
	e.save.Disable()
	asCopy := e.asCopy
	e.s.u.background(func(ctx context.Context) func() {
		err := func() error {
			if asCopy {
				// SavePolicy would store a new version of an existing id: a copy must be new.
				_, err := e.s.u.store.Policy(ctx, rec.ID, 0)
				if err == nil {
					return model.Invalid("id", "%s is already a stored policy: choose a new id for the copy", rec.ID)
				}
				if model.ErrorCode(err) != model.ENOTFOUND {
					return err
				}
			}
			return e.s.u.store.SavePolicy(ctx, &rec)
		}()
		return func() {
			e.save.Enable()
			if err != nil {
				if model.ErrorCode(err) == model.EINVALID {
					e.showErrors(asErrors(err))
				} else {
					e.s.errs.set(say(model.T("Could not save the policy")), err)
				}
				return
			}
			e.s.errs.set("", nil)
			if e.s.editor == e {
				e.s.policySaved(rec)
			} else {
				e.s.load() // cancelled while saving: list it all the same
			}
		}
	})
}

// asErrors turns an error into a list of field problems.
func asErrors(err error) model.Errors {
	var es model.Errors
	if errors.As(err, &es) {
		return es
	}
	var me *model.Error
	if errors.As(err, &me) {
		return model.Errors{me}
	}
	return model.Errors{model.Invalid("", "%s", model.ErrorText(err))}
}

// allErrorLabels lists every label that shows a problem.
func (e *policyEditor) allErrorLabels() []*widget.Label {
	ls := []*widget.Label{e.idErr, e.nameErr, e.manErr, e.otherErr}
	if e.paidErr != nil {
		ls = append(ls, e.paidErr, e.paidZhErr)
	}
	for _, te := range e.tiers {
		ls = append(ls, te.idErr, te.windowErr, te.remediesErr, te.clauseErr, te.clauseZhErr, te.otherErr)
	}
	return ls
}

func (e *policyEditor) clearErrors() {
	for _, l := range e.allErrorLabels() {
		setFieldError(l, "")
	}
}

// showErrors puts each problem next to its field (the first one per field); the problems of
// the rules not edited here go under the editor.
func (e *policyEditor) showErrors(probs model.Errors) {
	e.clearErrors()
	shown := map[*widget.Label]bool{}
	var rest []string
	for _, pr := range probs {
		l := e.errorLabel(pr.Field)
		if l == nil {
			rest = append(rest, sayError(pr))
			continue
		}
		if l == e.otherErr {
			rest = append(rest, say(pr.Text()))
			continue
		}
		if !shown[l] {
			shown[l] = true
			setFieldError(l, say(pr.Text()))
		}
	}
	if len(rest) > 0 {
		setFieldError(e.otherErr, say(model.T("Cannot save: %s", strings.Join(rest, "; "))))
	} else if len(probs) > 0 {
		setFieldError(e.otherErr, say(model.T("Cannot save yet: see the messages above.")))
	}
}

// errorLabel finds where a problem with a field of policy.Validate goes: "tiers[1].window.length"
// goes under the second tier's window. It is nil for the fields the editor does not show.
func (e *policyEditor) errorLabel(field string) *widget.Label {
	switch field {
	case "id":
		if e.asCopy {
			return e.idErr
		}
		return nil
	case "name":
		return e.nameErr
	case "manufacturer":
		return e.manErr
	case "tiers":
		return e.otherErr
	}
	if field == "after.clause_zh" && e.paidZhErr != nil {
		return e.paidZhErr
	}
	if strings.HasPrefix(field, "after.clause") && e.paidErr != nil {
		return e.paidErr
	}
	rest, ok := strings.CutPrefix(field, "tiers[")
	if !ok {
		return nil
	}
	num, rest, ok := strings.Cut(rest, "]")
	i, err := strconv.Atoi(num)
	if !ok || err != nil || i < 0 || i >= len(e.tiers) {
		return e.otherErr
	}
	te := e.tiers[i]
	key := strings.TrimPrefix(rest, ".")
	if j := strings.IndexAny(key, ".["); j >= 0 {
		key = key[:j]
	}
	switch key {
	case "id":
		return te.idErr
	case "window":
		return te.windowErr
	case "remedies":
		return te.remediesErr
	case "clause":
		return te.clauseErr
	case "clause_zh":
		return te.clauseZhErr
	}
	return te.otherErr
}

// remedyChecks is a group of check boxes, one per remedy in model.Remedies' order, that keeps
// the order the policy offers its remedies in.
type remedyChecks struct {
	checks map[model.Remedy]*check
	order  []model.Remedy // the remedies first checked, in their order
	view   *fyne.Container
}

func newRemedyChecks(selected []model.Remedy) *remedyChecks {
	r := &remedyChecks{checks: map[model.Remedy]*check{}, order: slices.Clone(selected)}
	var objs []fyne.CanvasObject
	var cell fyne.Size
	for _, rem := range model.Remedies {
		c := newCheck(say(rem.Label()), nil)
		c.SetChecked(slices.Contains(selected, rem))
		r.checks[rem] = c
		objs = append(objs, c)
		cell = cell.Max(c.MinSize())
	}
	r.view = container.NewGridWrap(cell, objs...)
	return r
}

// selected lists the checked remedies: those the policy had in their order, then the others.
func (r *remedyChecks) selected() []model.Remedy {
	var out []model.Remedy
	for _, rem := range r.order {
		if c, ok := r.checks[rem]; ok && c.Checked && !slices.Contains(out, rem) {
			out = append(out, rem)
		}
	}
	for _, rem := range model.Remedies {
		if r.checks[rem].Checked && !slices.Contains(out, rem) {
			out = append(out, rem)
		}
	}
	return out
}

// policyUnits are the units a tier's window offers, in the order of its choice.
var policyUnits = []policy.Unit{policy.UnitDays, policy.UnitMonths}

// policyUnit is the unit chosen at index i ("" when none is).
func policyUnit(i int) policy.Unit {
	if i < 0 || i >= len(policyUnits) {
		return ""
	}
	return policyUnits[i]
}
