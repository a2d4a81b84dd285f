package gui

import (
	"context"
	"returndesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// screen is one entry of the sidebar and the view it shows.
type screen struct {
	title   string // the English title: the screen's name for Show, the probe and the tests
	label   string // the title as the sidebar and the heading show it
	icon    fyne.Resource
	heading *widget.Label
	view    fyne.CanvasObject
	onShow  func()         // called each time the screen comes into view; nil for static screens
	search  fyne.Focusable // the field Ctrl+F goes to; nil for none
}

// newHeading makes the large title at the top of a screen.
func newHeading(title string) *widget.Label {
	l := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// newScreen lays out a screen: the heading with optional actions on its right, then body.
func newScreen(title model.Text, icon fyne.Resource, body fyne.CanvasObject, actions ...fyne.CanvasObject) *screen {
	h := newHeading(say(title))
	top := container.NewBorder(nil, nil, h, container.NewHBox(actions...))
	return &screen{
		title:   title.Key,
		label:   say(title),
		icon:    icon,
		heading: h,
		view:    container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, body),
	}
}

// latest loads like MainUI.background, for a screen whose loads may overlap: each bumps
// gen, and only the answer of the newest reaches the screen, on the UI thread: its failure
// in errs after doing, or errs cleared and done run.
func (u *MainUI) latest(gen *int64, errs *errorBanner, doing string, call func(ctx context.Context) error, done func()) {
	*gen++
	mine := *gen
	u.background(func(ctx context.Context) func() {
		err := call(ctx)
		return func() {
			if *gen != mine {
				return // a newer load is on its way
			}
			errs.set(doing, err)
			if err == nil {
				done()
			}
		}
	})
}

// errorBanner shows a store error inside a screen until the next successful load.
type errorBanner struct {
	label *widget.Label
	box   *fyne.Container
}

func newErrorBanner() *errorBanner {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	b := &errorBanner{label: l, box: container.NewBorder(nil, nil, widget.NewIcon(theme.ErrorIcon()), nil, l)}
	b.box.Hide()
	return b
}

// set shows what went wrong (prefixed by what was being done), or hides the banner when err is nil.
func (b *errorBanner) set(doing string, err error) {
	if err == nil {
		b.label.SetText("")
		b.box.Hide()
		return
	}
	b.label.SetText(sayFailed(doing, err))
	b.box.Show()
}

// text is the message on display ("" when hidden).
func (b *errorBanner) text() string {
	if !b.box.Visible() {
		return ""
	}
	return b.label.Text
}
