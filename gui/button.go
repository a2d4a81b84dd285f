package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
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
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	case fyne.KeySpace:
		b.Button.TypedKey(ev)
	default:
		if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(ev)
		}
	}
}
