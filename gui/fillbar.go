package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fillBar shows a share from 0 to 1 as a filled part of a plain track. Fyne's progress bar
// draws its empty track in the primary colour, so that an allowance nobody has used yet
// looks full.
type fillBar struct {
	widget.BaseWidget
	Value float64 // 0 … 1; more is drawn full
}

func newFillBar() *fillBar {
	b := &fillBar{}
	b.ExtendBaseWidget(b)
	return b
}

// SetValue shows v.
func (b *fillBar) SetValue(v float64) {
	b.Value = v
	b.Refresh()
}

func (b *fillBar) CreateRenderer() fyne.WidgetRenderer {
	track := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	track.CornerRadius = theme.InputRadiusSize()
	fill := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	fill.CornerRadius = theme.InputRadiusSize()
	return &fillBarRenderer{b: b, track: track, fill: fill}
}

type fillBarRenderer struct {
	b           *fillBar
	track, fill *canvas.Rectangle
}

func (r *fillBarRenderer) Layout(size fyne.Size) {
	r.track.Resize(size)
	r.fill.Resize(fyne.NewSize(size.Width*float32(min(max(r.b.Value, 0), 1)), size.Height))
}

func (r *fillBarRenderer) MinSize() fyne.Size {
	return fyne.NewSize(theme.TextSize()*4, theme.TextSize()+2*theme.InnerPadding())
}

func (r *fillBarRenderer) Refresh() {
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.fill.FillColor = theme.Color(theme.ColorNamePrimary)
	if r.b.Value >= 1 {
		r.fill.FillColor = theme.Color(theme.ColorNameWarning) // all the spares are used
	}
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}

func (r *fillBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.track, r.fill} }
func (r *fillBarRenderer) Destroy()                     {}
