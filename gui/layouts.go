package gui

import (
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/i18n"
)

// sideColumn lays out a main part, a separator and a side column from left to right: the
// side column takes its share of the width, never less than least (nor than it needs),
// and the main part the rest. On a small screen the side column keeps its least width;
// on a wide one it grows with the window instead of leaving all the room to the main part.
type sideColumn struct {
	share float32 // of the whole width
	least float32
}

func (l *sideColumn) side(objects []fyne.CanvasObject, width float32) float32 {
	main, side := objects[0].MinSize().Width, objects[2].MinSize().Width
	w := max(width*l.share, l.least, side)
	return max(min(w, width-main-objects[1].MinSize().Width-2*theme.Padding()), side)
}

func (l *sideColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	side := l.side(objects, size.Width)
	sep := objects[1].MinSize().Width
	main := max(size.Width-side-sep-2*pad, 0)
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(main, size.Height))
	objects[1].Move(fyne.NewPos(main+pad, 0))
	objects[1].Resize(fyne.NewSize(sep, size.Height))
	objects[2].Move(fyne.NewPos(main+sep+2*pad, 0))
	objects[2].Resize(fyne.NewSize(side, size.Height))
}

func (l *sideColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(objects[0].MinSize().Width+objects[1].MinSize().Width+2*theme.Padding()+
		max(l.least, objects[2].MinSize().Width), h)
}

// sharedColumns lays a table out over the whole space and shares its width out among the
// columns in proportion to the widths they were made with, wider or narrower: every column
// stays in view (the cells ellipsise what does not fit) instead of the table scrolling
// its last columns out of sight on a small screen, and a wide window widens them all.
type sharedColumns struct {
	table   *widget.Table
	widths  []float32
	last    float32   // the width the columns were last shared out for
	applied []float32 // the column widths set then
	onFit   func()    // called after the columns were shared out anew; may be nil

	// natural and floors, when set (fitTo), share the width by the texts shown instead:
	// each column as wide as its widest text, extra space in proportion, a shortfall taken
	// from the columns that can give, down to their floors.
	natural, floors []float32
	whole           []bool

	// titles, when set, are the header row's texts: a title its column cuts gets a second
	// line (the header label wraps), which "Lower 95 % bound" needs at 1024 px. least is
	// how narrow each column may become while every title stays readable (on two lines at
	// most); where those do not fit together, the floors decide and titles are cut.
	titles []string
	least  []float32
	// minor are columns the table may leave out, in this order, to keep every other title
	// readable; hidden says some are out now (the selected row is then shown whole).
	minor    []int
	hidden   bool
	squeezed bool // the titles did not fit even so: cut on one line
}

// shareColumns puts t, made with the given column widths, in a sharedColumns layout.
func shareColumns(t *widget.Table, widths []float32) fyne.CanvasObject {
	return container.New(&sharedColumns{table: t, widths: widths}, t)
}

// fitTo shares the columns out by the widths their texts want (padding included) and how
// narrow each may become, from the next layout on; whole columns keep their width while
// the others can give (down to less than their floors when those do not fit together).
func (l *sharedColumns) fitTo(natural, floors, least []float32, whole []bool) {
	l.natural, l.floors, l.least, l.whole = natural, floors, least, whole
	l.last = 0
}

func (l *sharedColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.last && size.Width > 0 {
		l.last = size.Width
		// The table puts one padding after each column; the 1 keeps it off a sideways scroll.
		avail := size.Width - float32(len(l.widths))*theme.Padding() - 1
		l.applied = l.share(avail)
		for i, w := range l.applied {
			l.table.SetColumnWidth(i, w)
		}
		if l.titles != nil { // squeezed, a second line would break the titles' words
			l.table.SetRowHeight(-1, headerHeight(!l.squeezed && l.titleCut()))
		}
		if l.onFit != nil {
			defer l.onFit()
		}
	}
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// share is each column's width in avail: by the texts (fitTo), or in proportion to the
// widths the table was made with.
func (l *sharedColumns) share(avail float32) []float32 {
	if len(l.natural) == len(l.widths) {
		// Every title on at most two lines, when those widths fit together, leaving out
		// minor columns as far as need be; else the floors, cut.
		natural, floors, ok := l.readable(avail)
		l.squeezed, l.hidden = !ok, ok && l.hidden
		if l.squeezed {
			natural, floors = l.natural, l.squeezedFloors(avail)
		}
		out := columnWidths(natural, floors, avail)
		for i := range out {
			out[i] = float32(math.Floor(float64(out[i])))
		}
		return out
	}
	var total float32
	for _, w := range l.widths {
		total += w
	}
	out := make([]float32, len(l.widths))
	for i, w := range l.widths {
		out[i] = float32(math.Floor(float64(w * avail / total)))
	}
	return out
}

// leftOut reports whether column c is left out now (a minor column, for want of room).
func (l *sharedColumns) leftOut(c int) bool {
	return l.hidden && c < len(l.applied) && l.applied[c] == 0
}

// readable is the natural and least widths with minor columns left out (width 0) until the
// least widths fit in avail (hidden says whether any is), and whether they do.
func (l *sharedColumns) readable(avail float32) (natural, least []float32, ok bool) {
	l.hidden = false
	if len(l.least) != len(l.natural) {
		return nil, nil, false
	}
	natural, least = slices.Clone(l.natural), slices.Clone(l.least)
	var sum float32
	for _, w := range least {
		sum += w
	}
	for _, c := range l.minor {
		if sum <= avail {
			break
		}
		sum -= least[c] + theme.Padding()
		natural[c], least[c] = 0, 0
		l.hidden = true
	}
	return natural, least, sum <= avail
}

// squeezedFloors are the floors when they do not fit in avail: the whole columns keep
// theirs, the others' shrink together as far as need be.
func (l *sharedColumns) squeezedFloors(avail float32) []float32 {
	floors := slices.Clone(l.floors)
	var kept, rest float32 // the floors of the whole columns, and of the others
	for i, f := range floors {
		if l.whole[i] {
			kept += f
		} else {
			rest += f
		}
	}
	if kept+rest > avail && rest > 0 {
		for i := range floors {
			if !l.whole[i] {
				floors[i] *= max(avail-kept, 0) / rest
			}
		}
	}
	return floors
}

// cut reports whether text in style is cut short in column col, as a label with the
// theme's padding shows it (false before the columns have a width).
func (l *sharedColumns) cut(col int, text string, style fyne.TextStyle) bool {
	if col < 0 || col >= len(l.applied) {
		return false
	}
	return fyne.MeasureText(text, theme.TextSize(), style).Width > l.applied[col]-2*theme.InnerPadding()
}

// twoLineWidth is the least width (a label's padding included) at which title shows in
// style on two lines as a wrapping label breaks it: at a space, or beside a Chinese character.
func twoLineWidth(title string, style fyne.TextStyle) float32 {
	_, w := twoLines(title, style)
	return w + 2*theme.InnerPadding() + 1
}

// twoLines is title broken into its two most even lines ("处理结果": 处理, 结果; a wrapping label
// fills its first line, "处理结" over a lone "果") and the width of the longer.
func twoLines(title string, style fyne.TextStyle) (string, float32) {
	measure := func(s string) float32 {
		return fyne.MeasureText(strings.TrimSpace(s), theme.TextSize(), style).Width
	}
	broken, best := title, measure(title)
	prev := rune(0)
	for i, r := range title {
		if i > 0 && (r == ' ' || i18n.Hanzi(r) || i18n.Hanzi(prev)) {
			if w := max(measure(title[:i]), measure(title[i:])); w < best {
				broken, best = strings.TrimSpace(title[:i])+"\n"+strings.TrimSpace(title[i:]), w
			}
		}
		prev = r
	}
	return broken, best
}

// titleCut reports whether a title is cut short on one line at its column's width.
func (l *sharedColumns) titleCut() bool {
	for c, t := range l.titles {
		if c < len(l.applied) && l.applied[c] > 0 && l.cut(c, t, fyne.TextStyle{Bold: true}) {
			return true
		}
	}
	return false
}

// headerHeight is the height of a table's header row of bold labels: one line, or two.
func headerHeight(twoLines bool) float32 {
	text := "Header"
	if twoLines {
		text += "\nHeader"
	}
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}).MinSize().Height
}

func (l *sharedColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return objects[0].MinSize()
}

// layOutAgain lays c out, and every container shown in it, top down. Fyne lays a container
// out again only when its own size changes: a note shown or hidden inside a box whose size
// stayed was drawn over the fields below it, or left its gap.
func layOutAgain(c *fyne.Container) {
	if c.Layout != nil {
		c.Layout.Layout(c.Objects, c.Size())
	}
	for _, o := range c.Objects {
		if sub, ok := o.(*fyne.Container); ok && sub.Visible() {
			layOutAgain(sub)
		}
	}
}
