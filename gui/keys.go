package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/gui/probe"
	"returndesk/model"
)

// The keyboard, in one place: the window's shortcuts and the keys of every dialog the app
// opens. Fyne hands every key to the focused widget and only the rest to the canvas, so the
// canvas handlers below cover the window with nothing focused (a dialog just opened, a list,
// a button…), and keyEntry lets the same keys through from an entry that has the focus.

// openDialog is a dialog on display: the overlay it put on the canvas and what Enter does.
type openDialog struct {
	d       dialog.Dialog
	overlay fyne.CanvasObject
	enter   func()       // nil: Enter does nothing
	escape  func()       // nil: d.Dismiss
	buttons []twinButton // its row of buttons, the confirm last (keyButtons)
}

// showDialog shows d; every dialog of the main window goes through here (or through one
// of the helpers below), so that Escape closes it and Enter runs enter (nil: nothing).
func (u *MainUI) showDialog(d dialog.Dialog, enter func()) { u.showDialogKeys(d, enter, nil) }

// showDialogKeys is showDialog for a dialog with buttons of its own: Escape runs escape
// (its Cancel) instead of closing it bare.
func (u *MainUI) showDialogKeys(d dialog.Dialog, enter, escape func()) {
	c := u.win.Canvas()
	before := c.Overlays().Top()
	d.Show()
	top := c.Overlays().Top()
	if top == nil || top == before {
		return // shown outside the window (a system file chooser)
	}
	shown := &openDialog{d: d, overlay: top, enter: enter, escape: escape}
	if _, files := d.(fileDialogShown); !files {
		shown.buttons = keyButtons(top)
	}
	u.dialogs = append(u.dialogs, shown)
}

// keyButtons puts the app's button in place of each of Fyne's in the dialog o (its row of
// buttons: the app makes no other), and returns them in their order beside the ones they
// replace. Fyne's takes only Space and keeps Escape and Enter from the window, so a dialog
// whose button had the focus (Tab) could be neither closed nor answered from the keyboard. A file chooser keeps its own:
// Fyne enables and renames them as files are chosen.
func keyButtons(o fyne.CanvasObject) []twinButton {
	var twins []twinButton
	probe.Walk(o, nil, func(obj fyne.CanvasObject, _ fyne.Position, parent fyne.CanvasObject) {
		b, ok := obj.(*widget.Button)
		row, inRow := parent.(*fyne.Container)
		if !ok || !inRow {
			return
		}
		twin := newIconButton(b.Text, b.Icon, b.OnTapped)
		twin.Importance = b.Importance
		if b.Disabled() {
			twin.Disable()
		}
		for i, x := range row.Objects {
			if x == b {
				row.Objects[i] = twin
			}
		}
		row.Refresh()
		twins = append(twins, twinButton{twin, b})
	})
	return twins
}

// twinButton is a button of a dialog's row and Fyne's that it stands in for.
type twinButton struct {
	shown *button
	fyne  *widget.Button
}

// showForm shows a form dialog: Enter submits it when its fields are valid. Fyne checks a
// field as the focus leaves it: Enter in a field just typed wrong (a PI of 500 characters)
// sent the form and lost what was typed, so every field is checked first.
func (u *MainUI) showForm(d *dialog.FormDialog) {
	u.showDialog(d, nil)
	top := u.topDialog()
	if top == nil || top.d != d {
		return
	}
	overlay, confirm := top.overlay, formButtons(top)
	top.enter = func() {
		valid := true
		probe.Walk(overlay, nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
			if v, ok := o.(fyne.Validatable); ok && v.Validate() != nil {
				valid = false
			}
		})
		if valid {
			confirm.Tapped(nil)
			return
		}
		c := u.win.Canvas() // the focus leaving the field shows its problem under it
		if f := c.Focused(); f != nil {
			c.Unfocus()
			c.Focus(f)
		}
	}
}

// formButtons has the form dialog's confirm button (keyButtons' twin of Fyne's) follow its
// fields' validity, as Fyne's did, and returns it. Fyne's, out of sight, follows too: the
// dialog's Submit reads it.
func formButtons(d *openDialog) *button {
	confirm := d.buttons[len(d.buttons)-1]
	probe.Walk(d.overlay, nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
		if f, ok := o.(*widget.Form); ok {
			f.SetOnValidationChanged(func(err error) {
				if err != nil {
					confirm.shown.Disable()
					confirm.fyne.Disable()
					return
				}
				confirm.shown.Enable()
				confirm.fyne.Enable()
			})
		}
	})
	return confirm.shown
}

// showQuestion shows a yes/no question. Enter answers yes, unless the yes destroys something
// (cancel a case, delete a draft, restore over the data): then Enter takes the safe answer
// and the destructive button is not the highlighted one.
func (u *MainUI) showQuestion(d *dialog.ConfirmDialog, destructive bool) {
	if destructive {
		d.SetConfirmImportance(widget.MediumImportance)
		u.showDialog(d, d.Dismiss)
		return
	}
	u.showDialog(d, d.Confirm)
}

// showDestructiveForm shows a form whose confirm destroys something: Enter cancels it,
// and its confirm button is drawn like the cancel one.
func (u *MainUI) showDestructiveForm(d *dialog.FormDialog) {
	u.showForm(d)
	if top := u.topDialog(); top != nil && top.d == d {
		top.enter = d.Dismiss
		plainButtons(top.overlay)
	}
}

// showInfo shows a dialog with only a Close button: Enter closes it too.
func (u *MainUI) showInfo(d dialog.Dialog) { u.showDialog(d, d.Dismiss) }

// plainButtons draws every highlighted button under o as an ordinary one.
func plainButtons(o fyne.CanvasObject) {
	probe.Walk(o, nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
		if b, ok := o.(*button); ok && b.Importance == widget.HighImportance {
			b.Importance = widget.MediumImportance
			b.Refresh()
		}
	})
}

// topDialog is the newest dialog still on display, forgetting those closed since.
func (u *MainUI) topDialog() *openDialog {
	shown := map[fyne.CanvasObject]bool{}
	for _, o := range u.win.Canvas().Overlays().List() {
		if o.Visible() {
			shown[o] = true
		}
	}
	kept := u.dialogs[:0]
	for _, d := range u.dialogs {
		if shown[d.overlay] {
			kept = append(kept, d)
		}
	}
	u.dialogs = kept
	if len(kept) == 0 {
		return nil
	}
	return kept[len(kept)-1]
}

// listenKeys gives the window its keys; buildMainUI calls it once.
func (u *MainUI) listenKeys() {
	c := u.win.Canvas()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) { u.typedKey(k, false) })
	for _, s := range windowShortcuts {
		c.AddShortcut(s, func(s fyne.Shortcut) { u.windowShortcut(s) })
	}
}

// screenKeys are the keys of the sidebar's screens, from the top: Ctrl+1 … Ctrl+9, Ctrl+0.
var screenKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5,
	fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9, fyne.Key0}

// searchShortcut is Ctrl+F (Cmd+F on macOS): the search field of the screen on display.
var searchShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}

// windowShortcuts are the shortcuts that work on every screen.
var windowShortcuts = func() []fyne.Shortcut {
	s := []fyne.Shortcut{searchShortcut}
	for _, k := range screenKeys {
		s = append(s, &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
	}
	return s
}()

// windowShortcut runs one of the window's shortcuts and reports whether s was one. While a
// dialog is open they wait: the screen behind it does not change under it.
func (u *MainUI) windowShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	if cs.KeyName == fyne.KeyF {
		if u.topDialog() == nil {
			u.focusSearch()
		}
		return true
	}
	for i, k := range screenKeys {
		if cs.KeyName == k {
			if u.topDialog() == nil {
				u.openScreen(i)
			}
			return true
		}
	}
	return false
}

// focusSearch puts the focus in the search field of the screen on display, if it has one.
func (u *MainUI) focusSearch() {
	if s := u.screens[u.current]; s.search != nil {
		u.win.Canvas().Focus(s.search)
	}
}

// typedKey handles a key that no widget took: Escape and Enter for the newest dialog, F1
// for the keyboard help. inEntry says it comes from a single-line keyEntry without a
// submit of its own. It reports whether the key was used.
func (u *MainUI) typedKey(k *fyne.KeyEvent, inEntry bool) bool {
	top := u.topDialog()
	switch k.Name {
	case fyne.KeyEscape:
		if top != nil && top.escape != nil {
			top.escape()
			return true
		}
		if top != nil {
			top.d.Dismiss()
			return true
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if top != nil && top.enter != nil {
			top.enter()
			return true
		}
	case fyne.KeyF1:
		if top == nil {
			u.showKeyboardHelp()
			return true
		}
	}
	return false
}

// keyEntry is a widget.Entry that lets the window's keys through while it has the focus:
// Escape and Enter reach the dialog it is in, F1 and the window's shortcuts work.
// onKey, when set, sees every key first (true: used).
type keyEntry struct {
	widget.Entry
	u     *MainUI
	onKey func(*fyne.KeyEvent) bool
	// selectOnFocus: the focus selects the whole text, so that typing replaces it (an
	// amount shown as 0.00 became 50.00 when 5 was typed in front of it).
	selectOnFocus bool
}

// AcceptsTab is false: Tab moves to the next field from a multi-line entry too.
func (e *keyEntry) AcceptsTab() bool { return false }

func (e *keyEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.selectOnFocus {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// newEntry is a single-line keyEntry.
func (u *MainUI) newEntry() *keyEntry {
	e := &keyEntry{u: u}
	e.ExtendBaseWidget(e)
	return e
}

func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k) {
		return
	}
	enter := k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter
	// Enter belongs to a multi-line entry (a new line) or to the entry's own submit.
	if enter && (e.MultiLine || e.OnSubmitted != nil) {
		e.Entry.TypedKey(k)
		return
	}
	if e.u.typedKey(k, true) {
		return
	}
	e.Entry.TypedKey(k)
}

func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if e.u.windowShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// keyHelp is the list of shortcuts the Keyboard help shows (README's "Keyboard" says the same).
var keyHelp = []struct{ keys, what model.Text }{
	{model.T("Ctrl+1 … Ctrl+9, Ctrl+0"), model.T("Open the screens of the sidebar, from the top (Ctrl+0: the tenth)")},
	{model.T("Ctrl+F"), model.T("Go to the search field of the screen on display")},
	{model.T("Enter in the Cases search"), model.T("Open the selected case, the case with the number typed (123 for RMA-2026-000123), or the only match")},
	{model.T("Up, Down in the Cases search"), model.T("Select the case above or below in the list")},
	{model.T("Ctrl+Enter on the Counter"), model.T("Create the case")},
	{model.T("Ctrl+N on the Counter"), model.T("The next unit, once the case is created")},
	{model.T("Tab, Shift+Tab"), model.T("Move the focus to the next or previous field")},
	{model.T("Enter or Space on a button"), model.T("Press it")},
	{model.T("Up, Down and Enter in the sidebar"), model.T("Pick a screen and open it")},
	{model.T("Escape"), model.T("Close the dialog")},
	{model.T("Enter in a dialog"), model.T("Its main action; in a question that cancels or deletes something, the safe answer")},
	{model.T("F1"), model.T("This list")},
}

// keyboardHelp is the two-column list of keyHelp.
func keyboardHelp() fyne.CanvasObject {
	g := container.NewGridWithColumns(2)
	for _, h := range keyHelp {
		k := widget.NewLabelWithStyle(say(h.keys), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		w := widget.NewLabel(say(h.what))
		w.Wrapping = fyne.TextWrapWord
		g.Add(k)
		g.Add(w)
	}
	return g
}

// showKeyboardHelp opens the Keyboard help (F1, or the sidebar's Keyboard button).
func (u *MainUI) showKeyboardHelp() {
	// In a scroll, so that on a 700 px screen the list scrolls instead of growing the dialog
	// beyond the window (Chinese and wrapped lines make it taller).
	list := container.NewVScroll(keyboardHelp())
	list.SetMinSize(fyne.NewSize(640, 400))
	d := dialog.NewCustom(say(model.T("Keyboard")), say(model.T("Close")), list, u.win)
	u.showInfo(d)
}

// openScreen shows sidebar screen i, even when its entry is the selected one (from a case's
// detail, Ctrl+3 goes back to the list).
func (u *MainUI) openScreen(i int) {
	if i < 0 || i >= len(u.screens) {
		return
	}
	u.nav.UnselectAll()
	u.nav.Select(i)
}

// navList is the sidebar: a list that opens the highlighted screen on Enter and draws a
// ring round it while the list has the keyboard focus (Fyne's own mark, the hover shade,
// is too faint to see across a counter).
type navList struct {
	widget.List
	u         *MainUI
	highlight int
	focused   bool
}

// newNavList lists u.screens; each row is a focus ring over an icon and a title.
func newNavList(u *MainUI) *navList {
	n := &navList{u: u}
	n.Length = func() int { return len(u.screens) }
	n.CreateItem = func() fyne.CanvasObject {
		ring := canvas.NewRectangle(color.Transparent)
		ring.StrokeWidth = 2
		ring.CornerRadius = theme.InputRadiusSize()
		ring.Hide()
		return container.NewStack(ring,
			container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel(say(model.T("Manufacturers & policies")))))
	}
	n.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		st := o.(*fyne.Container)
		ring := st.Objects[0].(*canvas.Rectangle)
		ring.StrokeColor = theme.Color(theme.ColorNameFocus)
		ring.Hidden = !(n.focused && id == n.highlight)
		ring.Refresh()
		row := st.Objects[1].(*fyne.Container)
		row.Objects[0].(*widget.Icon).SetResource(u.screens[id].icon)
		row.Objects[1].(*widget.Label).SetText(u.screens[id].label)
	}
	n.OnHighlighted = func(id widget.ListItemID) {
		n.highlight = id
		n.Refresh()
	}
	n.ExtendBaseWidget(n)
	return n
}

func (n *navList) FocusGained() {
	n.focused = true
	n.List.FocusGained()
	n.Refresh()
}

func (n *navList) FocusLost() {
	n.focused = false
	n.List.FocusLost()
	n.Refresh()
}

// TypedKey opens the highlighted screen on Enter; the arrows move as in any list.
func (n *navList) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		n.u.openScreen(n.highlight)
		return
	}
	n.List.TypedKey(k)
}

// keyboardButton is the sidebar's way to the Keyboard help, for those who do not know F1.
func (u *MainUI) keyboardButton() *button {
	b := newIconButton(say(model.T("Keyboard (F1)")), theme.HelpIcon(), u.showKeyboardHelp)
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	return b
}
