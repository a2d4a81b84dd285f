package gui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"returndesk/gui/probe"
)

// button is a widget.Button that Enter presses too: Fyne's takes only Space, and a shop
// working from the keyboard presses Enter on the button it tabbed to, as elsewhere on Windows.
// The other keys go on to the window (Escape closes the dialog, F1 opens the keyboard help),
// where Fyne's button would swallow them.
type button struct {
	widget.Button
	locked func() bool // nil, or true while the button may not be enabled (a read-only database)
}

func newButton(label string, tapped func()) *button {
	return newIconButton(label, nil, tapped)
}

func newIconButton(label string, icon fyne.Resource, tapped func()) *button {
	b := &button{Button: widget.Button{Text: label, Icon: icon, OnTapped: tapped}}
	b.ExtendBaseWidget(b)
	return b
}

// Enable enables the button unless it is locked.
func (b *button) Enable() {
	if b.locked != nil && b.locked() {
		return
	}
	b.Button.Enable()
}

func (b *button) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		b.press()
	default:
		passKey(b, ev)
	}
}

// press presses the button from the keyboard and leaves the focus on it. Fyne's Tapped
// drops the focus (a click does not focus a button), so Refresh pressed with Enter left the
// keyboard nowhere; the focus stays where the press put it (a dialog's field), and goes
// nowhere when the button is gone (its dialog closed) or disabled.
func (b *button) press() {
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	b.Tapped(nil)
	if c == nil || c.Focused() != nil || b.Disabled() || !onCanvas(c, b) {
		return
	}
	c.Focus(b)
}

// onCanvas reports whether o is drawn on c: in its content or in an overlay on it.
func onCanvas(c fyne.Canvas, o fyne.CanvasObject) bool {
	found := false
	for _, root := range append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...) {
		probe.Walk(root, nil, func(x fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
			found = found || x == o
		})
	}
	return found
}

// passKey hands a key that widget o does not use on to the window it is in.
func passKey(o fyne.CanvasObject, ev *fyne.KeyEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(ev)
	}
}

// check is a widget.Check that lets the window's keys through while it has the focus:
// Fyne's swallows them all, so Escape did not close the dialog a check was in, nor Enter
// send it, nor F1 open the keyboard help. Space ticks it, as in Fyne's.
type check struct{ widget.Check }

func newCheck(label string, changed func(bool)) *check {
	c := &check{Check: widget.Check{Text: label, OnChanged: changed}}
	c.ExtendBaseWidget(c)
	return c
}

func (c *check) TypedKey(ev *fyne.KeyEvent) { passKey(c, ev) }

// choice is a widget.Select that lets the window's keys through while it has the focus:
// Fyne's keeps them all, so Escape did not close the dialog a choice was in, nor Enter send
// it. Space, the arrows and the choices' own list work as in Fyne's.
type choice struct{ widget.Select }

// selectPlaceHolder is what Fyne's select shows with nothing chosen, in the window's language.
var selectPlaceHolder = sync.OnceValue(func() string { return widget.NewSelect(nil, nil).PlaceHolder })

func newChoice(options []string, changed func(string)) *choice {
	c := &choice{Select: widget.Select{Options: options, OnChanged: changed, PlaceHolder: selectPlaceHolder()}}
	c.ExtendBaseWidget(c)
	return c
}

func (c *choice) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
		c.Select.TypedKey(ev)
	default:
		passKey(c, ev)
	}
}
