package gui

import (
	"context"
	"fyne.io/fyne/v2"
	"strings"
	"testing"

	"returndesk/internal/shoptest"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/policy"
)

const manufacturersTitle = "Manufacturers & policies"

// newPolicyFixture is a database with the preset policies and Halotek, whose terminal
// policy is the preset.
func newPolicyFixture(t *testing.T) (*sqlite.DB, *model.Manufacturer) {
	t.Helper()
	shop := shoptest.New(t).Presets()
	m := &model.Manufacturer{Name: "Halotek", Contact: "王经理", Phone: "400-800-1234",
		TerminalPolicy: policy.HalotekTerminal, OEMPolicy: policy.HalotekOEM}
	shop.Manufacturers(m)
	return shop.DB, m
}

// openManufacturers shows the screen on store and waits for its lists.
func openManufacturers(t *testing.T, store model.Store) (*harness, *manufacturersScreen) {
	t.Helper()
	h := showScreen(t, store, manufacturersTitle)
	return h, h.u.manufacturers
}

// openPolicies is openManufacturers on a new policy fixture.
func openPolicies(t *testing.T) (*sqlite.DB, *harness, *manufacturersScreen) {
	t.Helper()
	db, _ := newPolicyFixture(t)
	h, s := openManufacturers(t, db)
	return db, h, s
}

// openEditor selects policy id and taps Copy… (asCopy) or Edit…; it returns the editor that opens.
func openEditor(t *testing.T, h *harness, s *manufacturersScreen, id model.PolicyID, asCopy bool) *policyEditor {
	t.Helper()
	selectPolicy(t, h, s, id)
	if asCopy {
		test.Tap(s.copyBtn)
	} else {
		test.Tap(s.editBtn)
	}
	if e := s.editor; e == nil || e.asCopy != asCopy {
		if asCopy {
			t.Fatalf("Copy opened no copy editor")
		}
		t.Fatalf("Edit opened no editor")
	}
	return s.editor
}

// selectPolicy clicks a policy in the list.
func selectPolicy(t *testing.T, h *harness, s *manufacturersScreen, id model.PolicyID) {
	t.Helper()
	i := s.policyIndex(id)
	if i < 0 {
		t.Fatalf("policy %s is not listed", id)
	}
	s.polList.Select(i)
	h.settle()
	if s.polID != id {
		t.Fatalf("showing %q after selecting %s", s.polID, id)
	}
}

// richString is all the text of a rich text, lists included.
func richString(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, sg := range segs {
		b.WriteString(sg.Textual())
		if c, ok := sg.(interface {
			Segments() []widget.RichTextSegment
		}); ok {
			b.WriteString(richString(c.Segments()))
		}
		b.WriteString(" ")
	}
	return b.String()
}

// shown is the message a field-error label shows ("" when hidden).
func shown(l *widget.Label) string {
	if !l.Visible() {
		return ""
	}
	return l.Text
}

func TestPoliciesScreenListsAndDescribesPresets(t *testing.T) {
	_, h, s := openPolicies(t)

	var ids []string
	for _, sp := range s.policies {
		ids = append(ids, string(sp.rec.ID))
	}
	if got, want := strings.Join(ids, ","), "eletrek-distributor,halotek-oem,halotek-terminal,template-distributor,template-oem,template-terminal"; got != want {
		t.Fatalf("policies listed = %s, want %s", got, want)
	}
	if got := policyListLine(s.policies[2].rec); got != "halotek-terminal · Terminal clients · v1 · preset" {
		t.Errorf("list line = %q", got)
	}

	selectPolicy(t, h, s, policy.HalotekTerminal)
	text := richString(s.detail.Segments)
	preset, _ := policy.Preset(policy.HalotekTerminal)
	wantIn(t, "halotek-terminal description", text, "Halotek terminal clients", "version 1", "purchase date",
		"Refund — up to 7 days after purchase", "Full refund, Same-model replacement or Service centre",
		"Replacement — up to 60 days", "Repair — up to 12 months", "Paid service — after 12 months", "Paid service",
		preset.Tiers[0].Clause.En, preset.After.Clause.En, "Misuse or human damage, at any date",
		"Used by", "Halotek (Terminal clients)")
	if s.copyBtn.Disabled() || s.editBtn.Disabled() {
		t.Errorf("Copy and Edit are off for a readable policy")
	}

	selectPolicy(t, h, s, policy.EleTrekDistributor)
	text = richString(s.detail.Segments)
	wantIn(t, "eletrek-distributor description", text, "shipment date", "Manufacturer warranty — up to 12 months", "postage both ways: Pending the test",
		"Deducted from the PI of the next order", "Not offered: Full refund", "No manufacturer uses this policy yet")
	selectPolicy(t, h, s, policy.HalotekOEM)
	if text := richString(s.detail.Segments); !strings.Contains(text, "0.3–0.5 % of the quantity") ||
		!strings.Contains(text, "Replacement by air") || !strings.Contains(text, "Halotek (OEM allowance)") {
		t.Errorf("halotek-oem description:\n%s", text)
	}
}

func TestCopyPolicyWithNewWindows(t *testing.T) {
	db, h, s := openPolicies(t)
	ctx := context.Background()

	e := openEditor(t, h, s, policy.HalotekTerminal, true)
	if e.id.Text != "halotek-terminal-copy" || e.name.Text != "Halotek terminal clients (copy)" {
		t.Errorf("copy prefilled with %q, %q", e.id.Text, e.name.Text)
	}
	if len(e.tiers) != 3 || e.tiers[0].length.Text != "7" || e.tiers[0].unit.Selected != "days" ||
		e.tiers[2].length.Text != "12" || e.tiers[2].unit.Selected != "months" {
		t.Fatalf("tiers not prefilled from the preset")
	}
	e.id.SetText("acme-terminal")
	e.name.SetText("Acme terminal clients")
	e.manufacturer.SetText("Acme")
	e.tiers[0].length.SetText("14")
	e.tiers[2].length.SetText("24")
	test.Tap(e.save)
	h.settle()

	if s.editor != nil {
		t.Fatalf("the editor is still open: %q", shown(e.otherErr))
	}
	l, err := intake.Load(ctx, db, "acme-terminal", 0)
	if err != nil {
		t.Fatal(err)
	}
	if l.Version != 1 || l.Policy.Name != "Acme terminal clients" || l.Policy.Manufacturer != "Acme" {
		t.Errorf("stored %+v version %d", l.Policy, l.Version)
	}
	start := model.MustDate("2026-01-10")
	v, err := policy.Evaluate(l.Policy, policy.Input{Purchased: start, On: start.AddDays(10)})
	if err != nil {
		t.Fatal(err)
	}
	if v.Tier != model.TierRefund || v.WindowEnds != start.AddDays(14) {
		t.Errorf("day 10 under the copy: tier %s ending %s, want refund ending %s", v.Tier, v.WindowEnds, start.AddDays(14))
	}
	v, _ = policy.Evaluate(l.Policy, policy.Input{Purchased: start, On: start.AddMonths(20)})
	if v.Tier != model.TierRepair {
		t.Errorf("month 20 under the copy: tier %s, want repair", v.Tier)
	}
	// The remedies keep their order and the cause rules come along unchanged.
	preset, _ := policy.Preset(policy.HalotekTerminal)
	if got := remediesText(l.Policy.Tiers[0].Remedies); got != remediesText(preset.Tiers[0].Remedies) {
		t.Errorf("refund remedies = %s", got)
	}
	if len(l.Policy.Causes) != len(preset.Causes) || l.Policy.After.Clause != preset.After.Clause {
		t.Errorf("cause rules or paid tier changed by the copy")
	}
	// The preset is untouched.
	orig, err := intake.Load(ctx, db, policy.HalotekTerminal, 0)
	if err != nil || orig.Version != 1 || orig.Policy.Tiers[0].Window != policy.Days(7) {
		t.Errorf("preset after the copy: %+v, %v", orig, err)
	}

	// The new policy is listed, selected and shown.
	if s.policyIndex("acme-terminal") < 0 || s.polID != "acme-terminal" {
		t.Errorf("the copy is not listed and selected (showing %q)", s.polID)
	}
	if !s.polNote.Visible() || s.polNote.Text != "Saved acme-terminal version 1." {
		t.Errorf("note = %q", s.polNote.Text)
	}
	if text := richString(s.detail.Segments); !strings.Contains(text, "Refund — up to 14 days") ||
		!strings.Contains(text, "Repair — up to 24 months") {
		t.Errorf("the copy's description:\n%s", text)
	}

	// A second copy of the same policy proposes a free id and refuses a taken one.
	e = openEditor(t, h, s, policy.HalotekTerminal, true)
	e.id.SetText("acme-terminal")
	test.Tap(e.save)
	h.settle()
	if got := shown(e.idErr); !strings.Contains(got, "already a stored policy") {
		t.Errorf("taken id: message %q", got)
	}
	if s.editor != e {
		t.Errorf("the editor closed on a taken id")
	}
}

func TestEditPolicySavesNewVersion(t *testing.T) {
	db, h, s := openPolicies(t)
	ctx := context.Background()

	e := openEditor(t, h, s, policy.HalotekTerminal, false)
	if e.save.Text != "Save version 2" {
		t.Errorf("save button = %q", e.save.Text)
	}
	for i, te := range e.tiers {
		if te.stale.Visible() {
			t.Errorf("the preset's tier %d warns: %q", i+1, te.stale.Text)
		}
	}
	e.tiers[1].length.SetText("90")
	// Its clause still says 60 days, and so does the next tier's ("more than 60 days"):
	// both are told, the save is not stopped.
	for _, i := range []int{1, 2} {
		if te := e.tiers[i]; !te.stale.Visible() || !strings.Contains(te.stale.Text, "60 days") {
			t.Errorf("tier %d after the window became 90 days: warning %v %q", i+1, te.stale.Visible(), te.stale.Text)
		}
	}
	if preset, _ := policy.Preset(policy.HalotekTerminal); e.tiers[0].clauseZh.Text != preset.Tiers[0].Clause.Zh || e.tiers[0].clauseZh.Text == "" {
		t.Errorf("the editor shows the Chinese clause %q", e.tiers[0].clauseZh.Text)
	}
	e.paidClause.SetText("Out of warranty: paid service at the service centre.")
	e.paidClauseZh.SetText("保修期外：在服务中心有偿维修。")
	test.Tap(e.save)
	h.settle()
	if s.editor != nil {
		t.Fatalf("the editor is still open: %q", shown(e.otherErr))
	}

	latest, err := intake.Load(ctx, db, policy.HalotekTerminal, 0)
	if err != nil {
		t.Fatal(err)
	}
	if latest.Version != 2 || latest.Policy.Tiers[1].Window != policy.Days(90) ||
		latest.Policy.After.Clause != (policy.Clause{En: "Out of warranty: paid service at the service centre.", Zh: "保修期外：在服务中心有偿维修。"}) {
		t.Errorf("latest: version %d, %+v", latest.Version, latest.Policy.Tiers[1])
	}
	first, err := intake.Load(ctx, db, policy.HalotekTerminal, 1)
	if err != nil {
		t.Fatal(err)
	}
	if first.Version != 1 || first.Policy.Tiers[1].Window != policy.Days(60) {
		t.Errorf("version 1 changed: %+v", first.Policy.Tiers[1])
	}
	if got := policyListLine(s.policies[s.policyIndex(policy.HalotekTerminal)].rec); !strings.Contains(got, "v2") {
		t.Errorf("list line after the edit = %q", got)
	}
	if s.polNote.Text != "Saved halotek-terminal version 2." {
		t.Errorf("note = %q", s.polNote.Text)
	}
	if text := richString(s.detail.Segments); !strings.Contains(text, "version 2") || !strings.Contains(text, "up to 90 days") {
		t.Errorf("description after the edit:\n%s", text)
	}
}

func TestInvalidPolicyEditShowsMessagesAndSavesNothing(t *testing.T) {
	db, h, s := openPolicies(t)
	ctx := context.Background()

	e := openEditor(t, h, s, policy.HalotekTerminal, false)

	// The replace window ends before the refund window.
	e.tiers[1].length.SetText("5")
	test.Tap(e.save)
	h.settle()
	if got := shown(e.tiers[1].windowErr); !strings.Contains(got, "previous tier's window (7 days)") {
		t.Errorf("tier 2 window message = %q", got)
	}
	if got := shown(e.tiers[0].windowErr); got != "" {
		t.Errorf("tier 1 window blamed too: %q", got)
	}
	if got := shown(e.otherErr); got == "" {
		t.Errorf("no word by the Save button that it did not save")
	}

	// A negative length, a length that is no number, no remedy, no name.
	e.tiers[1].length.SetText("60")
	e.tiers[0].length.SetText("-3")
	e.tiers[2].length.SetText("twelve")
	for _, c := range e.tiers[1].remedies.checks {
		c.SetChecked(false)
	}
	e.name.SetText("  ")
	test.Tap(e.save)
	h.settle()
	for _, c := range []struct {
		what string
		l    *widget.Label
		want string
	}{
		{"tier 1 window", e.tiers[0].windowErr, "Must be between 0 and"},
		{"tier 3 window", e.tiers[2].windowErr, "Must be a whole number of months"},
		{"tier 2 remedies", e.tiers[1].remediesErr, "Needs at least one remedy"},
		{"name", e.nameErr, "Required"},
	} {
		if got := shown(c.l); !strings.Contains(got, c.want) {
			t.Errorf("%s message = %q, want %q", c.what, got, c.want)
		}
	}
	if got := shown(e.tiers[1].windowErr); got != "" {
		t.Errorf("a fixed field still shows %q", got)
	}

	// Nothing was stored, the editor is open and the input is still there.
	if r, err := db.Policy(ctx, policy.HalotekTerminal, 0); err != nil || r.Version != 1 {
		t.Errorf("latest version after invalid saves: %v, %v", r, err)
	}
	if _, err := db.Policy(ctx, policy.HalotekTerminal, 2); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("a version 2 was stored: %v", err)
	}
	if s.editor != e || e.tiers[0].length.Text != "-3" || e.tiers[2].length.Text != "twelve" || e.name.Text != "  " {
		t.Errorf("the input was lost")
	}

	// Cancel goes back to the policy, unchanged.
	test.Tap(e.cancel)
	if s.editor != nil || s.polPane.Objects[0] != s.browse {
		t.Errorf("Cancel did not close the editor")
	}
}

func TestPolicyEditorAddsAndRemovesTiers(t *testing.T) {
	db, h, s := openPolicies(t)
	ctx := context.Background()

	e := openEditor(t, h, s, policy.EleTrekDistributor, true)
	e.id.SetText("eletrek-two-years")
	test.Tap(e.addTier)
	if len(e.tiers) != 2 {
		t.Fatalf("tiers after Add = %d", len(e.tiers))
	}
	nt := e.tiers[1]
	if nt.length.Text != "24" || nt.unit.Selected != "months" || nt.id.Text != tierNameText(model.TierRefund) || nt.freight == nil {
		t.Errorf("new tier: %s %s %q, freight %v", nt.length.Text, nt.unit.Selected, nt.id.Text, nt.freight)
	}
	nt.id.SetText("extended")
	nt.remedies.checks[model.RemedyReplace].SetChecked(false)
	test.Tap(e.save)
	h.settle()
	if s.editor != nil {
		t.Fatalf("not saved: %q / %q", shown(nt.otherErr), shown(e.otherErr))
	}
	l, err := intake.Load(ctx, db, "eletrek-two-years", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Policy.Tiers) != 2 || l.Policy.Tiers[1].ID != "extended" || l.Policy.Tiers[1].Window != policy.Months(24) ||
		remediesText(l.Policy.Tiers[1].Remedies) != "Repair (maintenance order)" {
		t.Errorf("stored tiers: %+v", l.Policy.Tiers)
	}

	// Removing a tier; the last one cannot go.
	test.Tap(s.editBtn)
	e = s.editor
	test.Tap(e.tiers[0].remove)
	if len(e.tiers) != 1 || e.tiers[0].id.Text != "extended" || !e.tiers[0].remove.Disabled() {
		t.Fatalf("after removing the first tier: %d tiers", len(e.tiers))
	}
	test.Tap(e.save)
	h.settle()
	l, err = intake.Load(ctx, db, "eletrek-two-years", 0)
	if err != nil || l.Version != 2 || len(l.Policy.Tiers) != 1 {
		t.Errorf("after removing: %+v, %v", l, err)
	}
}

func TestAssignPolicyToManufacturer(t *testing.T) {
	db, m := newPolicyFixture(t)
	ctx := context.Background()
	copied, _ := policy.Preset(policy.HalotekTerminal)
	copied.ID, copied.Name = "acme-terminal", "Acme terminal clients"
	rec, err := copied.Record()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SavePolicy(ctx, &rec); err != nil {
		t.Fatal(err)
	}
	h, s := openManufacturers(t, db)

	if len(s.mans) != 1 || s.manIdx != 0 || s.form.id != m.ID || s.form.name.Text != "Halotek" || s.form.contact.Text != "王经理" {
		t.Fatalf("Halotek is not shown: %d listed, form %q", len(s.mans), s.form.name.Text)
	}
	f := s.form
	if f.terminal.sel.Selected != policyOption(s.policies[s.policyIndex(policy.HalotekTerminal)].rec) ||
		f.distributor.sel.Selected != noPolicy() {
		t.Errorf("pickers show %q, %q", f.terminal.sel.Selected, f.distributor.sel.Selected)
	}
	// Each picker offers the policies of its kind only.
	if got := strings.Join(f.terminal.sel.Options, "|"); got != "None|acme-terminal — Acme terminal clients|halotek-terminal — Halotek terminal clients|template-terminal — Terminal clients (template)" {
		t.Errorf("terminal options = %s", got)
	}
	f.terminal.sel.SetSelected(policyOption(rec))
	f.distributor.sel.SetSelected(policyOption(s.policies[s.policyIndex(policy.EleTrekDistributor)].rec))
	if !strings.Contains(f.terminal.info.Text, "Refund ≤ 7 days") {
		t.Errorf("terminal summary = %q", f.terminal.info.Text)
	}
	f.afterSales.SetText("深圳市南山区 售后部")
	test.Tap(f.save)
	h.settle()

	got, err := db.ManufacturerByID(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.TerminalPolicy != "acme-terminal" || got.DistributorPolicy != policy.EleTrekDistributor ||
		got.OEMPolicy != policy.HalotekOEM || got.AfterSalesAddress != "深圳市南山区 售后部" {
		t.Errorf("stored %+v", got)
	}
	if !f.saved.Visible() {
		t.Errorf("no word that it was saved")
	}
	s.tabs.Select(s.polTab)
	selectPolicy(t, h, s, "acme-terminal")
	if text := richString(s.detail.Segments); !strings.Contains(text, "Halotek (Terminal clients)") {
		t.Errorf("acme-terminal is not shown as used by Halotek:\n%s", text)
	}
	selectPolicy(t, h, s, policy.HalotekTerminal)
	if text := richString(s.detail.Segments); !strings.Contains(text, "No manufacturer uses this policy yet") {
		t.Errorf("halotek-terminal still shown as used:\n%s", text)
	}
}

func TestManufacturerFormAddsAndValidates(t *testing.T) {
	db, h, s := openPolicies(t)
	ctx := context.Background()
	f := s.form

	add := func() {
		s.manList.UnselectAll()
		s.manIdx = -1
		f.edit(model.Manufacturer{}, s.policies)
	}
	add()
	if f.name.Text != "" || f.save.Text != "Add manufacturer" {
		t.Fatalf("new form: %q, %q", f.name.Text, f.save.Text)
	}
	f.contact.SetText("Ms Chen")
	f.phone.SetText("+86 755 1234 5678 ext. 1234567890 1234567890 1234567890 1234567890")
	test.Tap(f.save)
	h.settle()
	if got := shown(f.errs["name"]); got != "Required" {
		t.Errorf("name message = %q", got)
	}
	if got := shown(f.errs["phone"]); !strings.Contains(got, "too long") {
		t.Errorf("phone message = %q", got)
	}
	if mans, _ := db.ListManufacturers(ctx); len(mans) != 1 {
		t.Errorf("an invalid manufacturer was stored")
	}
	if f.contact.Text != "Ms Chen" {
		t.Errorf("input lost")
	}

	// The store's refusal of a duplicate name goes to the banner, the input stays.
	f.name.SetText("halotek")
	f.phone.SetText("")
	test.Tap(f.save)
	h.settle()
	if got := s.errs.text(); !strings.Contains(got, "already exists") {
		t.Errorf("duplicate name: banner %q", got)
	}
	if f.name.Text != "halotek" || f.id != 0 {
		t.Errorf("input lost after a refusal")
	}

	f.name.SetText("EleTrek")
	f.email.SetText("aftersales@eletrek.example")
	f.distributor.sel.SetSelected(policyOption(s.policies[s.policyIndex(policy.EleTrekDistributor)].rec))
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter in a field saves, as Save
	h.settle()
	if s.errs.text() != "" {
		t.Errorf("banner after a good save: %q", s.errs.text())
	}
	got, err := db.ManufacturerByName(ctx, "EleTrek")
	if err != nil {
		t.Fatal(err)
	}
	if got.Contact != "Ms Chen" || got.Email != "aftersales@eletrek.example" || got.DistributorPolicy != policy.EleTrekDistributor {
		t.Errorf("stored %+v", got)
	}
	if len(s.mans) != 2 || s.manIdx < 0 || s.mans[s.manIdx].ID != got.ID || f.id != got.ID || f.save.Text != "Save changes" {
		t.Errorf("the new manufacturer is not selected: %d listed, index %d", len(s.mans), s.manIdx)
	}
}

// A copy of a maker's policy names no maker: its clauses say policy.MakerPlaceholder,
// which documents fill with the name of the manufacturer whose unit it is.
func TestCopiedPolicyNamesNoMaker(t *testing.T) {
	_, h, s := openPolicies(t)
	e := openEditor(t, h, s, policy.HalotekTerminal, true)
	if e.manufacturer.Text != "" {
		t.Errorf("the copy's manufacturer is %q, want empty", e.manufacturer.Text)
	}
	for i, te := range e.tiers {
		if strings.Contains(te.clause.Text, "Halotek") {
			t.Errorf("tier %d's clause still names Halotek: %q", i, te.clause.Text)
		}
	}
	if !strings.Contains(e.tiers[0].clause.Text, policy.MakerPlaceholder+"'s service center") {
		t.Errorf("tier 0's clause %q has no %s", e.tiers[0].clause.Text, policy.MakerPlaceholder)
	}
}

// A new shop adds its service centres on their tab: a centre without a name or region is
// refused under the fields and nothing is stored; a good one is stored, listed and picked;
// a change (another region, every brand) is stored in place.
func TestServiceCentresTabAddsAndEdits(t *testing.T) {
	db, h, s := openPolicies(t)
	ctx := context.Background()
	tab := s.centres
	f := tab.form
	s.tabs.SelectIndex(2)
	h.settle()
	test.Tap(tab.add)
	h.settle()
	if f.id != 0 || f.save.Text != "Add service centre" || h.w.Canvas().Focused() != f.name {
		t.Fatalf("new centre form: id %d, button %q, focus %T", f.id, f.save.Text, h.w.Canvas().Focused())
	}
	f.phone.SetText("021-5555 0101")
	test.Tap(f.save)
	h.settle()
	if shown(f.errs["name"]) != "Required" || shown(f.errs["region"]) != "Required" || f.phone.Text != "021-5555 0101" {
		t.Errorf("empty centre: name %q, region %q, phone kept %q", shown(f.errs["name"]), shown(f.errs["region"]), f.phone.Text)
	}
	if got, _ := db.ListServiceCentres(ctx); len(got) != 0 {
		t.Fatalf("an invalid centre was stored: %+v", got)
	}

	f.maker.SetSelected("Halotek")
	f.name.SetText("Halotek Shanghai")
	f.region.SetText("Shanghai")
	test.Tap(f.save)
	h.settle()
	got, _ := db.ListServiceCentres(ctx)
	if len(got) != 1 || got[0].Name != "Halotek Shanghai" || got[0].ManufacturerID == 0 || got[0].Phone != "021-5555 0101" {
		t.Fatalf("stored %+v", got)
	}
	if tab.idx != 0 || f.id != got[0].ID || f.save.Text != "Save changes" || tab.line(tab.centres[0]) != "Halotek · Shanghai · 021-5555 0101" {
		t.Errorf("the new centre is not picked: index %d, form %d, button %q, line %q", tab.idx, f.id, f.save.Text, tab.line(tab.centres[0]))
	}

	f.maker.SetSelected("All brands")
	f.region.SetText("Suzhou")
	test.Tap(f.save)
	h.settle()
	got, _ = db.ListServiceCentres(ctx)
	if len(got) != 1 || got[0].Region != "Suzhou" || got[0].ManufacturerID != 0 {
		t.Errorf("after the change: %+v", got)
	}
}

// A case is sent to a centre chosen in its detail, among its maker's and the all-brands
// ones; a maker without one is told where centres are added.
func TestCaseDetailChoosesTheServiceCentre(t *testing.T) {
	f := newDeskFixture(t)
	ctx := context.Background()
	c := f.cases["repair"]
	other := model.ServiceCentre{Name: "Fix-all Suzhou", Region: "Suzhou"}
	foreign := model.Manufacturer{Name: "Othermaker"}
	if err := f.store.CreateManufacturer(ctx, &foreign); err != nil {
		t.Fatal(err)
	}
	theirs := model.ServiceCentre{ManufacturerID: foreign.ID, Name: "Othermaker Suzhou", Region: "Suzhou"}
	for _, sc := range []*model.ServiceCentre{&other, &theirs} {
		if err := f.store.CreateServiceCentre(ctx, sc); err != nil {
			t.Fatal(err)
		}
	}
	h := newTestUI(t, f.store)
	d := openDetail(t, h, c.ID)
	for _, o := range d.centre.Options {
		if o == centreText(theirs) {
			t.Errorf("another maker's centre is offered: %q", d.centre.Options)
		}
	}
	d.centre.SetSelected(centreText(other))
	test.Tap(d.save)
	h.settle()
	if got, _ := f.store.CaseByID(ctx, c.ID); got.ServiceCentreID != other.ID {
		t.Errorf("the case went to centre %d, want %d (%s)", got.ServiceCentreID, other.ID, d.saveResult.Text)
	}
	if d.centre.Selected != centreText(other) {
		t.Errorf("after saving the choice reads %q", d.centre.Selected)
	}
	// The history names the centres, not their ids.
	last := d.history.Objects[len(d.history.Objects)-1].(*widget.Label).Text
	if !strings.Contains(last, centreText(other)) {
		t.Errorf("the history's last line: %q, want it to name %s", last, centreText(other))
	}
}
