package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/intake"
	"returndesk/model"
)

// counterCreateShortcut is Ctrl+Enter (Cmd+Enter on macOS): create the case from anywhere on the counter.
var counterCreateShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}

// counterKeypadShortcut is the same with the keypad's Enter key.
var counterKeypadShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyEnter, Modifier: fyne.KeyModifierShortcutDefault}

// counterNextShortcut is Ctrl+N (Cmd+N): the next unit, once the case on the form is created.
var counterNextShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}

// isCounterCreateShortcut reports whether s is Ctrl+Enter, with either Enter key.
func isCounterCreateShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && (cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) && cs.Modifier == fyne.KeyModifierShortcutDefault
}

// counterEntry is an entry of the counter form. A focused entry receives every shortcut
// (Fyne's window hands shortcuts to the focused widget instead of the canvas), so it passes
// Ctrl+Enter on itself; Tab always moves to the next field, also from the multi-line fault
// description; and a counterSuggestion list below it may take Up, Down, Enter and Escape first.
type counterEntry struct {
	widget.Entry
	onShortcut    func(fyne.Shortcut) bool  // true when handled
	onKey         func(*fyne.KeyEvent) bool // keys offered before the entry handles them; true when used
	onWindowKey   func(*fyne.KeyEvent) bool // then the window's own keys (F1); true when used
	onFocusLost   func()
	onFocusGained func()
}

func newCounterEntry(placeholder string) *counterEntry {
	e := &counterEntry{}
	e.PlaceHolder = placeholder
	e.ExtendBaseWidget(e)
	return e
}

func newCounterMultiLineEntry(placeholder string) *counterEntry {
	e := &counterEntry{}
	e.PlaceHolder = placeholder
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false so that Tab leaves even a multi-line entry: the form is filled by keyboard.
func (e *counterEntry) AcceptsTab() bool { return false }

// TypedShortcut gives the counter its shortcuts (Ctrl+Enter) before the entry's own (copy, paste…).
func (e *counterEntry) TypedShortcut(s fyne.Shortcut) {
	if e.onShortcut != nil && e.onShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey lets a counterSuggestion list use the arrow keys, Enter and Escape first.
func (e *counterEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k) {
		return
	}
	if e.onWindowKey != nil && e.onWindowKey(k) {
		return
	}
	e.Entry.TypedKey(k)
}

// FocusLost validates or looks up what was typed once the dealer moves on.
func (e *counterEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}

// FocusGained closes the suggestions of other fields.
func (e *counterEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.onFocusGained != nil {
		e.onFocusGained()
	}
}

// setQuietly sets the text without the OnChanged callback: for values the form fills in itself.
func (e *counterEntry) setQuietly(text string) {
	cb := e.OnChanged
	e.OnChanged = nil
	e.SetText(text)
	e.OnChanged = cb
}

// counterCaption is the small title above a field: plain text without a label's padding, so
// the form stays compact; it follows the theme like a widget.
type counterCaption struct {
	widget.BaseWidget
	text *canvas.Text
}

func newCounterCaption(text string) *counterCaption {
	c := &counterCaption{text: canvas.NewText(text, theme.Color(theme.ColorNameForeground))}
	c.text.TextStyle = fyne.TextStyle{Bold: true}
	c.text.TextSize = theme.CaptionTextSize()
	c.ExtendBaseWidget(c)
	return c
}

func (c *counterCaption) CreateRenderer() fyne.WidgetRenderer { return &counterCaptionRenderer{c} }

type counterCaptionRenderer struct{ c *counterCaption }

func (r *counterCaptionRenderer) Layout(size fyne.Size)        { r.c.text.Resize(size) }
func (r *counterCaptionRenderer) MinSize() fyne.Size           { return r.c.text.MinSize() }
func (r *counterCaptionRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.text} }
func (r *counterCaptionRenderer) Destroy()                     {}
func (r *counterCaptionRenderer) Refresh() {
	r.c.text.Color = theme.ColorForWidget(theme.ColorNameForeground, r.c)
	r.c.text.TextSize = theme.SizeForWidget(theme.SizeNameCaptionText, r.c)
	r.c.text.Refresh()
}

// counterNote is the line under a field: why it is invalid (red) or a hint; hidden while empty.
type counterNote struct {
	*widget.Label
	field fyne.CanvasObject // the note is as wide as this; nil: unknown
}

// under says which field the note is shown under and as wide as.
func (n *counterNote) under(field fyne.CanvasObject) { n.field = field }

func newCounterNote() *counterNote {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	l.Hide()
	return &counterNote{Label: l}
}

// set shows text with the given importance, or hides the note when text is empty.
func (n *counterNote) set(text string, imp widget.Importance) {
	n.Importance = imp
	n.SetText(text)
	if text == "" {
		n.Hide()
		return
	}
	// A wrapped label measures its height at its present width: a note that was hidden has
	// none yet, would ask for one line and draw the rest over the field below.
	if n.field != nil && n.field.Size().Width > 0 && n.Size().Width != n.field.Size().Width {
		n.Resize(fyne.NewSize(n.field.Size().Width, n.Size().Height))
	}
	n.Show()
}

// text is the message on display ("" when hidden).
func (n *counterNote) text() string {
	if !n.Visible() {
		return ""
	}
	return n.Text
}

// counterSuggestion is one line offered below an entry.
type counterSuggestion struct {
	text  string
	value any
}

// counterSuggestions is the short list of matches shown below an entry as the dealer types.
// It is part of the form, not a pop-up: a pop-up would take the keyboard focus away from
// the entry. Up and Down move the highlight, Enter picks it, Escape closes the list; a tap picks a line.
type counterSuggestions struct {
	box      *fyne.Container
	rows     []*counterSuggestionRow
	items    []counterSuggestion
	selected int
	onPick   func(counterSuggestion)
}

// counterMaxSuggestions is how many matches a list shows.
const counterMaxSuggestions = 6

func newCounterSuggestions(onPick func(counterSuggestion)) *counterSuggestions {
	l := &counterSuggestions{box: container.NewVBox(), selected: -1, onPick: onPick}
	for i := 0; i < counterMaxSuggestions; i++ {
		i := i
		r := newCounterSuggestionRow(func() { l.pick(i) }, func() { l.highlight(i) })
		l.rows = append(l.rows, r)
	}
	l.box.Hide()
	return l
}

// set shows the items (at most counterMaxSuggestions), or hides the list when there are none.
func (l *counterSuggestions) set(items []counterSuggestion) {
	if len(items) > counterMaxSuggestions {
		items = items[:counterMaxSuggestions]
	}
	l.items = items
	l.selected = -1
	objs := make([]fyne.CanvasObject, 0, len(items))
	for i, it := range items {
		l.rows[i].label.SetText(it.text)
		l.rows[i].setSelected(false)
		objs = append(objs, l.rows[i])
	}
	l.box.Objects = objs
	if len(items) == 0 {
		l.box.Hide()
	} else {
		l.box.Show()
	}
	l.box.Refresh()
}

func (l *counterSuggestions) hide() { l.set(nil) }

// shown reports whether the list is on display.
func (l *counterSuggestions) shown() bool { return l.box.Visible() && len(l.items) > 0 }

func (l *counterSuggestions) highlight(i int) {
	if i < 0 || i >= len(l.items) {
		return
	}
	l.selected = i
	for j := range l.items {
		l.rows[j].setSelected(j == i)
	}
}

func (l *counterSuggestions) pick(i int) {
	if i < 0 || i >= len(l.items) {
		return
	}
	it := l.items[i]
	l.hide()
	l.onPick(it)
}

// key handles the keys that steer the list; it reports whether it used the key.
func (l *counterSuggestions) key(k *fyne.KeyEvent) bool {
	if !l.shown() {
		return false
	}
	switch k.Name {
	case fyne.KeyDown:
		l.highlight(min(l.selected+1, len(l.items)-1))
	case fyne.KeyUp:
		l.highlight(max(l.selected-1, 0))
	case fyne.KeyReturn, fyne.KeyEnter:
		if l.selected < 0 {
			if len(l.items) != 1 {
				return false
			}
			l.selected = 0 // one match: Enter takes it
		}
		l.pick(l.selected)
	case fyne.KeyEscape:
		l.hide()
	default:
		return false
	}
	return true
}

// counterSuggestionRow is one tappable, highlightable line of a counterSuggestion list; it takes no focus,
// so Tab does not stop on it.
type counterSuggestionRow struct {
	widget.BaseWidget
	bg     *canvas.Rectangle
	label  *widget.Label
	onTap  func()
	onOver func()
}

func newCounterSuggestionRow(onTap, onOver func()) *counterSuggestionRow {
	r := &counterSuggestionRow{bg: canvas.NewRectangle(color.Transparent), label: widget.NewLabel(""), onTap: onTap, onOver: onOver}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *counterSuggestionRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.bg, r.label))
}

func (r *counterSuggestionRow) setSelected(on bool) {
	if on {
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	}
	r.bg.Refresh()
}

func (r *counterSuggestionRow) Tapped(*fyne.PointEvent)        { r.onTap() }
func (r *counterSuggestionRow) MouseIn(*desktop.MouseEvent)    { r.onOver() }
func (r *counterSuggestionRow) MouseMoved(*desktop.MouseEvent) {}
func (r *counterSuggestionRow) MouseOut()                      {}

// counterOpenCase warns that the unit on the form already has an open case (taking it in
// again would make two cases of one return) and opens that case on a click.
type counterOpenCase struct {
	note *counterNote
	open *button
	box  *fyne.Container
	id   model.CaseID
}

func newCounterOpenCase(openCase func(model.CaseID)) *counterOpenCase {
	o := &counterOpenCase{note: newCounterNote()}
	o.open = newIconButton("", theme.DocumentIcon(), func() {
		if o.id != 0 {
			openCase(o.id)
		}
	})
	o.box = container.NewVBox(o.note, container.NewHBox(o.open))
	o.box.Hide()
	return o
}

// show warns of the newest of plan's open cases of the unit, or hides the warning when there
// is none (or no plan).
func (o *counterOpenCase) show(plan *intake.Result) {
	warning := plan.OpenWarning()
	if warning.Key == "" {
		o.id = 0
		o.box.Hide()
		return
	}
	c := plan.Open[0]
	o.id = c.ID
	o.open.SetText(say(model.T("Open %s", string(c.CaseNo))))
	o.box.Show()
	o.note.set(say(warning), widget.WarningImportance)
}
