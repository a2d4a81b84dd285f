package gui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/report"
)

// chartColors tell the series of a chart apart; they read on the dark and the light theme.
var chartColors = []color.Color{
	color.NRGBA{0x3b, 0x82, 0xf6, 0xff}, color.NRGBA{0x22, 0xc5, 0x5e, 0xff}, color.NRGBA{0xef, 0x44, 0x44, 0xff},
	color.NRGBA{0xf5, 0x9e, 0x0b, 0xff}, color.NRGBA{0xa8, 0x55, 0xf7, 0xff}, color.NRGBA{0x14, 0xb8, 0xa6, 0xff},
	color.NRGBA{0xec, 0x48, 0x99, 0xff}, color.NRGBA{0x84, 0xcc, 0x16, 0xff},
}

// chart draws a report table's chart: horizontal bars for each row (the category) with the
// numbers written beside them, or, for a trend, one line per series over the rows. It is a
// widget of its own so that it lays itself out again at every size.
type chart struct {
	widget.BaseWidget
	t report.Table
}

func newChart(t report.Table) *chart {
	c := &chart{t: t}
	c.ExtendBaseWidget(c)
	return c
}

func (c *chart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.build()
	return r
}

// chartRenderer holds the canvas objects of a chart and places them in Layout.
type chartRenderer struct {
	c       *chart
	objects []fyne.CanvasObject
	labels  []*canvas.Text        // category labels, one per row
	bars    [][]*canvas.Rectangle // [row][series]
	values  [][]*canvas.Text
	lines   [][]*canvas.Line // [series][segment]
	legend  []fyne.CanvasObject
	axis    *canvas.Line
}

// maxBarRows bounds the rows drawn as bars: the table beside the chart has them all.
const maxBarRows = 12

func (r *chartRenderer) build() {
	t := r.c.t
	fg := theme.Color(theme.ColorNameForeground)
	size := theme.TextSize() * 0.9
	text := func(s string) *canvas.Text {
		tx := canvas.NewText(s, fg)
		tx.TextSize = size
		r.objects = append(r.objects, tx)
		return tx
	}
	r.axis = canvas.NewLine(theme.Color(theme.ColorNameDisabled))
	r.objects = append(r.objects, r.axis)
	for i, s := range t.Chart.Series {
		if len(t.Chart.Series) > 1 {
			sw := canvas.NewRectangle(chartColors[i%len(chartColors)])
			sw.SetMinSize(fyne.NewSquareSize(size))
			r.objects = append(r.objects, sw)
			r.legend = append(r.legend, sw, text(t.Columns[s].Title))
		}
	}
	if t.Chart.Line {
		for range t.Chart.Series {
			var segs []*canvas.Line
			for i := 1; i < len(t.Rows); i++ {
				l := canvas.NewLine(chartColors[len(r.lines)%len(chartColors)])
				l.StrokeWidth = 2
				r.objects = append(r.objects, l)
				segs = append(segs, l)
			}
			r.lines = append(r.lines, segs)
		}
		for _, row := range t.Rows {
			r.labels = append(r.labels, text(row[t.Chart.Category].Text))
		}
		return
	}
	for i, row := range t.Rows {
		if i == maxBarRows {
			break
		}
		r.labels = append(r.labels, text(row[t.Chart.Category].Text))
		var bars []*canvas.Rectangle
		var vals []*canvas.Text
		for si, s := range t.Chart.Series {
			b := canvas.NewRectangle(chartColors[si%len(chartColors)])
			r.objects = append(r.objects, b)
			bars = append(bars, b)
			vals = append(vals, text(t.Columns[s].String(row[s])))
		}
		r.bars = append(r.bars, bars)
		r.values = append(r.values, vals)
	}
}

// value is a table cell as a number for drawing; "none" (negative days) draws as 0.
func (r *chartRenderer) value(row, s int) float64 {
	return math.Max(0, r.c.t.Rows[row][s].Num)
}

func (r *chartRenderer) Layout(size fyne.Size) {
	t := r.c.t
	pad := theme.Padding()
	lineH := theme.TextSize() * 1.4
	legendH := float32(0)
	if len(r.legend) > 0 {
		x := float32(0)
		for i := 0; i < len(r.legend); i += 2 {
			sw, tx := r.legend[i], r.legend[i+1].(*canvas.Text)
			w := tx.MinSize().Width
			sw.Resize(fyne.NewSquareSize(theme.TextSize() * 0.8))
			sw.Move(fyne.NewPos(x, (lineH-theme.TextSize()*0.8)/2))
			tx.Move(fyne.NewPos(x+theme.TextSize(), 0))
			tx.Resize(fyne.NewSize(w, lineH))
			x += theme.TextSize() + w + 3*pad
		}
		legendH = lineH + pad
	}
	maxV := 0.0
	for i := range t.Rows {
		for _, s := range t.Chart.Series {
			maxV = math.Max(maxV, r.value(i, s))
		}
	}
	if maxV == 0 {
		maxV = 1
	}
	if t.Chart.Line {
		r.layoutLines(size, legendH, maxV)
		return
	}
	labelW := float32(0)
	for _, l := range r.labels {
		labelW = max(labelW, l.MinSize().Width)
	}
	labelW = min(labelW, size.Width/3)
	valueW := float32(0)
	for _, vs := range r.values {
		for _, v := range vs {
			valueW = max(valueW, v.MinSize().Width)
		}
	}
	barX := labelW + pad
	barMax := max(10, size.Width-barX-valueW-2*pad)
	rowH := barRowHeight(len(t.Chart.Series))
	r.axis.Position1 = fyne.NewPos(barX, legendH)
	r.axis.Position2 = fyne.NewPos(barX, legendH+float32(len(r.bars))*(rowH+pad))
	for i, l := range r.labels {
		y := legendH + float32(i)*(rowH+pad)
		l.Move(fyne.NewPos(0, y+(rowH-lineH)/2))
		l.Resize(fyne.NewSize(labelW, lineH))
		barH := rowH / float32(len(r.bars[i]))
		for si, b := range r.bars[i] {
			w := float32(r.value(i, t.Chart.Series[si])/maxV) * barMax
			b.Move(fyne.NewPos(barX, y+float32(si)*barH+1))
			b.Resize(fyne.NewSize(w, barH-2))
			v := r.values[i][si]
			v.Move(fyne.NewPos(barX+w+pad, y+float32(si)*barH+(barH-v.MinSize().Height)/2))
			v.Resize(v.MinSize())
		}
	}
}

// layoutLines places a trend: one point per row along the width, a line per series, every
// few months labelled under the axis.
func (r *chartRenderer) layoutLines(size fyne.Size, top float32, maxV float64) {
	t := r.c.t
	labelH := theme.TextSize() * 1.4
	plotH := max(20, size.Height-top-labelH)
	n := len(t.Rows)
	step := size.Width / float32(max(1, n-1))
	x := func(i int) float32 { return float32(i) * step }
	y := func(v float64) float32 { return top + plotH - float32(v/maxV)*plotH }
	r.axis.Position1 = fyne.NewPos(0, top+plotH)
	r.axis.Position2 = fyne.NewPos(size.Width, top+plotH)
	for si, segs := range r.lines {
		s := t.Chart.Series[si]
		for i, l := range segs {
			l.Position1 = fyne.NewPos(x(i), y(r.value(i, s)))
			l.Position2 = fyne.NewPos(x(i+1), y(r.value(i+1, s)))
		}
	}
	every := max(1, int(math.Ceil(float64(n)*float64(theme.TextSize()*5)/float64(size.Width))))
	for i, l := range r.labels {
		if i%every != 0 {
			l.Hide()
			continue
		}
		l.Show()
		w := l.MinSize().Width
		l.Move(fyne.NewPos(min(max(0, x(i)-w/2), size.Width-w), top+plotH+2))
		l.Resize(fyne.NewSize(w, labelH))
	}
}

func (r *chartRenderer) MinSize() fyne.Size {
	t := r.c.t
	lineH := theme.TextSize() * 1.4
	h := lineH + theme.Padding()
	if t.Chart.Line {
		return fyne.NewSize(200, h+8*lineH)
	}
	rowH := barRowHeight(len(t.Chart.Series))
	return fyne.NewSize(200, h+float32(len(r.bars))*(rowH+theme.Padding()))
}

func (r *chartRenderer) Refresh()                     { canvas.Refresh(r.c) }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *chartRenderer) Destroy()                     {}

// barRowHeight is the height of one category's bars: each series gets a line for its number.
func barRowHeight(series int) float32 {
	return float32(max(1, series)) * theme.TextSize() * 1.4
}
