package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/gui/probe"
	"returndesk/model"
)

// pressKey delivers a key the way Fyne's window does: to the focused widget, to the
// canvas when nothing has the focus.
func pressKey(h *harness, name fyne.KeyName) {
	h.t.Helper()
	c := h.w.Canvas()
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if k := c.OnTypedKey(); k != nil {
		k(ev)
	}
	h.settle()
}

// pressCtrl delivers Ctrl+key the way Fyne's window does: to the focused widget when it
// handles shortcuts, to the canvas otherwise.
func pressCtrl(h *harness, key fyne.KeyName) {
	h.t.Helper()
	sc := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	c := h.w.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
	} else {
		counterCanvasShortcuts(h.t, c).TypedShortcut(sc)
	}
	h.settle()
}

// shownDialog is a dialog of the window and how to open it from its screen.
type shownDialog struct {
	screen, what string
	show         func()
}

// everyDialog is each dialog the window opens, for the tests that hold every one to a rule
// (Escape closes it; it speaks Chinese). The store is the demo with an owed balance.
func everyDialog(h *harness) []shownDialog {
	return []shownDialog{
		{"Claims", "new claim", h.u.claims.showBuilder},
		{"Claims", "deduct on a PI", func() { h.u.claims.balances.selectRow(0); h.settle(); h.u.claims.askDeduct() }},
		{"Claims", "answer a claim line", func() {
			h.u.claims.list.selectRow(0)
			h.settle()
			h.u.claims.lines.selectRow(0)
			h.u.claims.askAnswer()
		}},
		{"Claims", "export the claim sheet", func() { h.u.claims.list.selectRow(0); h.settle(); h.u.claims.askExport() }},
		{"Claims", "import answers (file dialog)", h.u.claims.askImport},
		{"Claims", "delete draft claim", func() {
			for i, c := range h.u.claims.claims {
				if c.Status == "draft" {
					h.u.claims.list.selectRow(i)
				}
			}
			h.settle()
			h.u.claims.askDelete()
		}},
		{"OEM orders", "new OEM order", h.u.oemOrders.newOrder},
		{"Products & serials", "sales import preview with problems", func() {
			h.u.products.imp.open()
			h.u.products.imp.load("../export/testdata/sales-bad.csv")
		}},
		{"Cases", "move a case", moveFirstCase(h, model.StatusClosed)},
		{"Cases", "cancel a case", moveFirstCase(h, model.StatusCancelled)},
		{"Dashboard", "keyboard help", h.u.showKeyboardHelp},
		{"Dashboard", "shop details missing", func() {
			h.u.confirmMissing([]model.Text{model.T("Shop name")}, say(model.T("Print anyway")), func() {}, nil)
		}},
		{"Settings", "restore: choose the file (file dialog)", h.u.settings.backups.pickRestoreFile},
		{"Settings", "restore from backup?", func() {
			h.u.settings.backups.askRestore(&model.BackupInfo{File: "/backups/returndesk-2026-03-10.rdbak", Cases: 60, Claims: 1, Photos: 0})
		}},
		{"Settings", "back up to a file", h.u.settings.backups.pickBackupFile},
	}
}

// dialogOpen reports whether a dialog is on the window.
func dialogOpen(h *harness) bool { return h.w.Canvas().Overlays().Top() != nil }

// Every dialog the window opens closes on Escape, with the focus where the dialog put it
// (an entry, or nothing), with the focus moved into an entry of it by hand, and with the
// focus on its last button (Tab's way there), which Fyne's own buttons kept from the window.
func TestEscapeClosesEveryDialog(t *testing.T) {
	h := onSmallScreen(t)
	u := h.u
	owedBalance(t, h.u.store)
	for _, d := range everyDialog(h) {
		for _, focus := range []string{"", "entry", "button", "choice"} {
			u.Show(d.screen)
			h.settle()
			d.show()
			h.settle()
			if !dialogOpen(h) {
				t.Errorf("%s: no dialog opened", d.what)
				continue
			}
			top := h.w.Canvas().Overlays().Top()
			switch focus {
			case "entry":
				if e := firstEntry(top); e != nil {
					h.w.Canvas().Focus(e)
				}
			case "choice":
				c := firstChoice(top)
				if c == nil {
					closeDialogs(h) // this dialog has none
					continue
				}
				h.w.Canvas().Focus(c)
			case "button":
				if strings.Contains(d.what, "file dialog") {
					closeDialogs(h) // Fyne's file chooser keeps its own buttons (keyButtons)
					continue
				}
				b := lastButton(top)
				if b == nil {
					t.Errorf("%s: no button in the dialog", d.what)
					closeDialogs(h)
					continue
				}
				h.w.Canvas().Focus(b)
			}
			pressKey(h, fyne.KeyEscape)
			if dialogOpen(h) {
				t.Errorf("%s (focus on %T): still open after Escape", d.what, h.w.Canvas().Focused())
				closeDialogs(h)
			}
		}
	}
}

// firstChoice is the first drop-down in o (nil: none).
func firstChoice(o fyne.CanvasObject) fyne.Focusable {
	var found fyne.Focusable
	probe.Walk(o, nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
		if c, ok := o.(*choice); ok && found == nil {
			found = c
		}
	})
	return found
}

// lastButton is the last button in o (nil: none), the app's or Fyne's.
func lastButton(o fyne.CanvasObject) fyne.Focusable {
	var last fyne.Focusable
	probe.Walk(o, nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
		switch b := o.(type) {
		case *button, *widget.Button:
			last = b.(fyne.Focusable)
		}
	})
	return last
}

// firstEntry is the first entry in o (nil: none).
func firstEntry(o fyne.CanvasObject) fyne.Focusable {
	var found fyne.Focusable
	probe.Walk(o, nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch e := o.(type) {
		case *keyEntry, *widget.Entry:
			found = e.(fyne.Focusable)
		}
	})
	return found
}

// Enter gives a dialog its main action: the deduct dialog marks the balance deducted on
// the PI typed; the keyboard help closes.
func TestEnterSubmitsADialog(t *testing.T) {
	h := onSmallScreen(t)
	u := h.u
	owedBalance(t, u.store)
	u.Show("Claims")
	h.settle()
	s := u.claims
	if len(s.balanceRows) == 0 || s.balanceRows[0].Owed == 0 {
		t.Fatalf("the demo owes no balance to deduct: %v", s.balanceRows)
	}
	owed := s.balanceRows[0].Owed
	s.balances.selectRow(0)
	h.settle()
	s.askDeduct()
	h.settle()
	pressKey(h, fyne.KeyEscape) // nothing typed yet: Escape closes it
	if dialogOpen(h) {
		t.Fatalf("the deduct dialog is still open after Escape")
	}
	s.askDeduct()
	h.settle()
	pi := firstEntry(h.w.Canvas().Overlays().Top())
	if h.w.Canvas().Focused() != pi {
		t.Errorf("the PI field has not the focus when the dialog opens")
	}
	// Enter in a field typed wrong (checked by Fyne only as the focus leaves it) keeps the
	// dialog open with what was typed.
	h.w.Canvas().Focus(pi)
	test.Type(pi, strings.Repeat("9", 500))
	pressKey(h, fyne.KeyReturn)
	entry := pi.(*keyEntry)
	if !dialogOpen(h) || len(entry.Text) != 500 {
		t.Fatalf("Enter with a PI of 500 characters: dialog open %v", dialogOpen(h))
	}
	// Tabbed on to Mark deducted, Enter presses it (Fyne's button took only Space), and
	// not while the PI is wrong.
	confirm := lastButton(h.w.Canvas().Overlays().Top())
	if b, ok := confirm.(*button); !ok || b.Text != say(model.T("Mark deducted")) {
		t.Fatalf("the deduct dialog's last button is %#v, want the app's Mark deducted", confirm)
	}
	h.w.Canvas().Focus(confirm)
	pressKey(h, fyne.KeyReturn)
	if !dialogOpen(h) || len(entry.Text) != 500 {
		t.Fatalf("Enter on Mark deducted with a PI of 500 characters: dialog open %v", dialogOpen(h))
	}
	entry.SetText("")
	h.w.Canvas().Focus(pi)
	test.Type(pi, "PI-2026-099")
	h.w.Canvas().Focus(confirm)
	pressKey(h, fyne.KeyReturn)
	if dialogOpen(h) {
		t.Fatalf("the deduct dialog is still open after Enter on Mark deducted")
	}
	if got := s.balanceRows[0]; got.Owed != 0 || got.Deducted < owed {
		t.Errorf("after Enter the balance is %+v, want %s deducted", got, owed)
	}

	pressKey(h, fyne.KeyF1)
	if !dialogOpen(h) {
		t.Fatalf("F1 opened no help")
	}
	pressKey(h, fyne.KeyEnter)
	if dialogOpen(h) {
		t.Errorf("Enter did not close the keyboard help")
	}

	u.confirmMissing([]model.Text{model.T("Shop name")}, "Print anyway", func() { t.Errorf("Enter printed anyway") }, nil)
	h.settle()
	pressKey(h, fyne.KeyReturn)
	if dialogOpen(h) || u.Current() != "Settings" {
		t.Errorf("Enter in Shop details missing: dialog open %v, screen %q; want Settings", dialogOpen(h), u.Current())
	}
}

// Enter in a question that destroys something takes the safe answer, and the destructive
// button is not the highlighted one: cancelling a case, deleting a draft claim.
func TestDestructiveQuestionsDefaultToSafe(t *testing.T) {
	h := onSmallScreen(t)
	u := h.u
	u.Show("Cases")
	h.settle()
	c := u.cases.table.rows[0]
	u.openCase(c.ID)
	h.settle()
	u.cases.detail.confirmMove(model.StatusCancelled)
	h.settle()
	if b := highlighted(h.w.Canvas().Overlays().Top()); b != "" {
		t.Errorf("cancel case: %q is the highlighted button", b)
	}
	test.Type(u.cases.detail.moveNote, "customer changed mind")
	pressKey(h, fyne.KeyReturn) // the focus is in the note
	if dialogOpen(h) {
		t.Fatalf("cancel case: Enter left the question open")
	}
	got, err := u.store.FindCase(context.Background(), string(c.CaseNo))
	if err != nil {
		t.Fatal(err)
	}
	if got.Status == model.StatusCancelled {
		t.Errorf("Enter in the cancel-case question cancelled the case")
	}

	u.Show("Claims")
	h.settle()
	s := u.claims
	drafts := len(s.claims)
	s.list.selectRow(0)
	h.settle()
	if s.current == nil || s.current.Status != model.ClaimDraft {
		t.Fatalf("the first claim of the demo is not a draft: %+v", s.current)
	}
	s.askDelete()
	h.settle()
	if b := highlighted(h.w.Canvas().Overlays().Top()); b != "" {
		t.Errorf("delete draft: %q is the highlighted button", b)
	}
	pressKey(h, fyne.KeyEnter)
	if dialogOpen(h) {
		t.Fatalf("delete draft: Enter left the question open")
	}
	if len(s.claims) != drafts || s.current == nil {
		t.Errorf("Enter in the delete-draft question deleted the draft")
	}
}

// highlighted is the text of the first high-importance button in o, "" for none.
func highlighted(o fyne.CanvasObject) string {
	var text string
	probe.Walk(o, nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && text == "" && b.Importance == widget.HighImportance {
			text = b.Text
		}
	})
	return text
}

// Ctrl+1 … Ctrl+9 and Ctrl+0 open the sidebar's screens, from the window and from a
// search field with the focus; Ctrl+F puts the focus in the screen's search field.
func TestScreenShortcuts(t *testing.T) {
	f := newFixture(t)
	h := newTestUI(t, f.store)
	u := h.u
	for i, k := range screenKeys {
		pressCtrl(h, k)
		if got, want := u.Current(), u.screens[i].title; got != want {
			t.Errorf("Ctrl+%s: screen %q, want %q", k, got, want)
		}
	}
	for _, title := range []string{"Cases", "Customers", "Products & serials", "Counter"} {
		u.Show("Dashboard")
		h.settle()
		h.w.Canvas().Unfocus()
		u.Show(title)
		h.settle()
		pressCtrl(h, fyne.KeyF)
		s := u.screens[u.current]
		if s.search == nil || h.w.Canvas().Focused() != s.search {
			t.Errorf("Ctrl+F on %s: focus on %T", title, h.w.Canvas().Focused())
		}
		pressCtrl(h, fyne.Key1) // from the search field
		if u.Current() != "Dashboard" {
			t.Errorf("Ctrl+1 from the %s search: screen %q", title, u.Current())
		}
	}
	// With a dialog open the screen behind it stays.
	u.Show("Claims")
	h.settle()
	u.showKeyboardHelp()
	pressCtrl(h, fyne.Key3)
	if u.Current() != "Claims" {
		t.Errorf("Ctrl+3 under a dialog: screen %q", u.Current())
	}
}

// The arrows in the Cases search pick a case in the list and Enter opens it; Enter with
// none picked opens the only match.
func TestCasesSearchArrowsAndEnter(t *testing.T) {
	h, _ := openScreen(t, "Cases")
	s := h.u.cases
	pressCtrl(h, fyne.KeyF)
	pressKey(h, fyne.KeyDown)
	pressKey(h, fyne.KeyDown)
	pressKey(h, fyne.KeyDown)
	pressKey(h, fyne.KeyUp)
	if s.table.picked != 1 {
		t.Fatalf("picked row after ↓↓↓↑ = %d, want 1", s.table.picked)
	}
	if l := cellLabel(s.table, 1); l == nil || l.Importance != widget.HighImportance {
		t.Errorf("the picked row is not drawn highlighted")
	}
	want := s.table.rows[1]
	pressKey(h, fyne.KeyReturn)
	if d := s.detail; d == nil || d.f == nil || d.f.c.CaseNo != want.CaseNo {
		t.Fatalf("Enter did not open the picked case %s", want.CaseNo)
	}

	h.u.openScreen(h.u.current)
	h.settle()
	pressCtrl(h, fyne.KeyF)
	test.Type(s.search, "R200-LI-0001")
	pressKey(h, fyne.KeyReturn)
	if d := s.detail; d == nil || d.f == nil || string(d.f.c.Serial) != "R200-LI-0001" {
		t.Errorf("Enter did not open the only match")
	}

	// A number's sequence as read off the slip (1 for RMA-2026-000001): the list holds every
	// case with the digit (phones, serials), the line above it names the case so numbered,
	// and Enter opens that case.
	first, err := h.u.store.CaseByID(context.Background(), 1)
	if err != nil || !strings.HasSuffix(string(first.CaseNo), "-000001") {
		t.Fatalf("case 1: %v, %v", first, err)
	}
	h.u.openScreen(h.u.current)
	h.settle()
	pressCtrl(h, fyne.KeyF)
	s.search.SetText("")
	test.Type(s.search, "1")
	pressKey(h, fyne.KeyReturn)
	if d := s.detail; d == nil || d.f == nil || d.f.c.ID != first.ID {
		t.Errorf("Enter on 1 did not open %s", first.CaseNo)
	}
	h.u.openScreen(h.u.current)
	h.settle()
	if !s.numberedLine.Visible() || len(s.numbered) == 0 || s.numbered[0].ID != first.ID ||
		!strings.HasPrefix(s.numberedLine.Objects[0].(*fyne.Container).Objects[0].(*widget.Label).Text, "Number 1: "+string(first.CaseNo)) ||
		len(s.table.rows) < 2 {
		t.Errorf("search 1: line %v naming %d cases over %d rows; want %s named first over the cases with a 1",
			s.numberedLine.Visible(), len(s.numbered), len(s.table.rows), first.CaseNo)
	}
	s.search.SetText("R200-LI-0001")
	h.settle()
	s.searchNow()
	h.settle()
	if s.numberedLine.Visible() {
		t.Errorf("a serial searched: the numbered line stays (%d cases)", len(s.numbered))
	}
}

// cellLabel is the label of row r's first cell, nil when it is not drawn.
func cellLabel(ct *caseTable, r int) *widget.Label {
	var l *widget.Label
	probe.Walk(ct.view, nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
		if x, ok := o.(*widget.Label); ok && l == nil && x.Text == ct.cols[0].value(&ct.rows[r], ct.today()) {
			l = x
		}
	})
	return l
}

// The sidebar shows which entry has the focus and opens it on Enter.
func TestSidebarFocusAndEnter(t *testing.T) {
	f := newFixture(t)
	h := newTestUI(t, f.store)
	u := h.u
	h.w.Canvas().Focus(u.nav)
	pressKey(h, fyne.KeyDown)
	pressKey(h, fyne.KeyDown)
	if n := visibleRings(u.nav); n != 1 {
		t.Errorf("focus rings shown = %d, want 1", n)
	}
	pressKey(h, fyne.KeyReturn)
	if u.Current() != "Cases" {
		t.Errorf("Enter on the third entry opened %q", u.Current())
	}
	// A screen opened by its shortcut takes the ring with it (it stayed on the entry the
	// arrows had left it on), and the arrows go on from there.
	last := len(u.screens) - 1
	u.openScreen(last)
	h.settle()
	if u.nav.highlight != last || visibleRings(u.nav) != 1 {
		t.Errorf("after opening %s by its shortcut the ring is on entry %d", u.Current(), u.nav.highlight)
	}
	pressKey(h, fyne.KeyUp)
	pressKey(h, fyne.KeyReturn)
	if u.Current() != u.screens[last-1].title {
		t.Errorf("Up and Enter from %s opened %q", u.screens[last].title, u.Current())
	}
	h.w.Canvas().Unfocus()
	if n := visibleRings(u.nav); n != 0 {
		t.Errorf("focus rings shown without the focus = %d", n)
	}
}

// visibleRings counts the sidebar rows that draw their focus ring.
func visibleRings(n *navList) int {
	count := 0
	probe.Walk(n, nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
		if r, ok := o.(*canvas.Rectangle); ok && r.StrokeWidth == 2 && r.Visible() {
			count++
		}
	})
	return count
}

// owedBalance answers the demo's draft claim: its first line accepted, so that the maker's
// balance is owed and can be deducted on a PI.
func owedBalance(t *testing.T, store model.Store) {
	t.Helper()
	ctx := context.Background()
	claims, err := store.ListClaims(ctx)
	if err != nil || len(claims) == 0 {
		t.Fatalf("no claim in the demo (%v)", err)
	}
	c, err := store.FindClaim(ctx, claims[0].ClaimNo)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.SetClaimStatus(ctx, c.ClaimNo, model.ClaimSubmitted); err != nil {
		t.Fatal(err)
	}
	credit := model.Money(11065)
	if _, err := store.AnswerClaimLines(ctx, c.ClaimNo, []model.ClaimAnswer{
		{CaseNo: c.Lines[0].CaseNo, Decision: model.DecisionAccepted, Credit: &credit}}, "test"); err != nil {
		t.Fatal(err)
	}
}

// The focus colour stands out: Fyne's own is the primary blue at 16 %, all but invisible
// on a button after a Tab.
// It shows on the main (primary blue) buttons as well: a blue focus was lost on them.
func TestFocusColourIsVisible(t *testing.T) {
	th := newTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		fr, fg, fb, a := th.Color(theme.ColorNameFocus, v).RGBA()
		if a < 0x8000 {
			t.Errorf("variant %d: focus colour alpha %d/65535, want at least half", v, a)
		}
		for _, under := range []fyne.ThemeColorName{theme.ColorNamePrimary, theme.ColorNameButton} {
			// The focus blended over the button, as Fyne draws it (premultiplied colours).
			r, g, b, _ := th.Color(under, v).RGBA()
			blend := func(top, bottom uint32) uint32 { return top + bottom*(0xffff-a)/0xffff }
			if d := max(diff(blend(fr, r), r), diff(blend(fg, g), g), diff(blend(fb, b), b)); d < 0x3000 {
				t.Errorf("variant %d: the focus changes %s by %d/65535 only", v, under, d)
			}
		}
	}
}

func diff(a, b uint32) uint32 { return max(a, b) - min(a, b) }

// A keyboard user tabs to a button and presses Enter, as on Windows: Fyne's buttons take
// only Space. Enter and the keypad's Enter press the focused button once; a disabled one
// stays unpressed.
func TestEnterPressesTheFocusedButton(t *testing.T) {
	for _, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace} {
		pressed := 0
		b := newButton("Print", func() { pressed++ })
		w := test.NewWindow(b)
		w.Canvas().Focus(b)
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: key})
		if w.Canvas().Focused() != b { // Fyne's Tapped drops it: Refresh left the keyboard nowhere
			t.Errorf("%s on the focused button took the focus away from it", key)
		}
		b.Disable()
		w.Canvas().Focus(b)
		if f := w.Canvas().Focused(); f != nil {
			f.TypedKey(&fyne.KeyEvent{Name: key})
		}
		w.Close()
		if pressed != 1 {
			t.Errorf("%s on the focused button pressed it %d times, want once (and not when disabled)", key, pressed)
		}
	}

	// In the window: Enter on the sidebar's Keyboard button opens the keyboard help, and
	// Escape, which the button passes on, closes it; F1 from a button opens it too.
	f := newFixture(t)
	h := newTestUI(t, f.store)
	var help *button
	probe.Walk(h.w.Content(), nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
		if b, ok := o.(*button); ok && b.Text == say(model.T("Keyboard (F1)")) {
			help = b
		}
	})
	if help == nil {
		t.Fatal("no Keyboard button in the sidebar")
	}
	h.w.Canvas().Focus(help)
	pressKey(h, fyne.KeyReturn)
	if h.u.topDialog() == nil {
		t.Fatal("Enter on the focused Keyboard button opened nothing")
	}
	h.w.Canvas().Focus(help)
	pressKey(h, fyne.KeyEscape)
	if h.u.topDialog() != nil {
		t.Error("Escape on a focused button left the dialog open")
	}
	h.w.Canvas().Focus(help)
	pressKey(h, fyne.KeyF1)
	if h.u.topDialog() == nil {
		t.Error("F1 on a focused button opened nothing")
	}
}

// Tab leaves every field: Fyne's multi-line entry took Tab as a character, which trapped the
// keyboard in the shop's address and saved a tab in it. No screen, the case detail and the
// manufacturer's and customer's forms included, has such an entry.
func TestTabLeavesEveryMultiLineField(t *testing.T) {
	h := onSmallScreen(t)
	u := h.u
	check := func(where string) {
		t.Helper()
		probe.Walk(h.w.Canvas().Content(), nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
			if e, ok := o.(fyne.Tabbable); ok && e.AcceptsTab() {
				t.Errorf("%s: a %T takes Tab as a character", where, o)
			}
		})
	}
	for _, title := range u.Titles() {
		u.Show(title)
		h.settle()
		check(title)
	}
	u.Show("Cases")
	h.settle()
	u.openCase(u.cases.table.rows[0].ID)
	h.settle()
	check("case detail")
	u.Show("Customers")
	h.settle()
	u.customers.list.Select(0)
	h.settle()
	check("a customer")
	u.Show("Manufacturers & policies")
	h.settle()
	check("a manufacturer")
}
