package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/gui/probe"
	"returndesk/intake/demo"
	"returndesk/internal/shoptest"
	"returndesk/model"
	"returndesk/model/sqlite"
)

// demoStore is a database filled by the demo, as `returndesk demo` fills it, on a fixed clock.
func demoStore(t *testing.T) *sqlite.DB {
	t.Helper()
	made := time.Date(2026, 3, 10, 15, 30, 0, 0, time.Local)
	shop := shoptest.At(t, filepath.Join(t.TempDir(), "demo.db"))
	shop.DB.Now = func() time.Time { return made }
	if _, err := demo.Fill(context.Background(), shop.DB, demo.Options{Cases: 60, Sales: demo.DefaultSales(60), Seed: 1,
		Today: model.DateOf(made), Now: made}); err != nil {
		t.Fatal(err)
	}
	return shop.DB
}

// layoutBox is a rectangle in window coordinates.
type layoutBox struct{ x, y, w, h float32 }

func (a layoutBox) cut(b layoutBox) layoutBox {
	x, y := max(a.x, b.x), max(a.y, b.y)
	return layoutBox{x, y, max(min(a.x+a.w, b.x+b.w)-x, 0), max(min(a.y+a.h, b.y+b.h)-y, 0)}
}

func (a layoutBox) empty() bool { return a.w < 1 || a.h < 1 }

func (a layoutBox) String() string { return fmt.Sprintf("(%.0f,%.0f %.0f×%.0f)", a.x, a.y, a.w, a.h) }

// separate says whether a layout places its objects side by side, never on top of each
// other: the layouts whose children must not overlap.
func separate(l fyne.Layout) bool {
	switch fmt.Sprintf("%T", l) {
	case "*layout.boxLayout", "*layout.gridLayout", "*layout.gridWrapLayout", "*layout.formLayout",
		"*layout.borderLayout", "*gui.fitColumns":
		return true
	}
	return false
}

// describe names an object for a failure message by the text it shows.
func describe(o fyne.CanvasObject) string {
	text := ""
	probe.Walk(o, func(o fyne.CanvasObject, _, _ fyne.Position, _ fyne.Size) bool {
		switch w := o.(type) {
		case *canvas.Text:
			text = w.Text
		case *widget.Button:
			text = w.Text
		case *button:
			text = w.Text
		case *widget.Entry:
			text = w.PlaceHolder
			if w.Text != "" {
				text = w.Text
			}
		case *keyEntry:
			text = w.PlaceHolder
			if w.Text != "" {
				text = w.Text
			}
		}
		return text != ""
	}, nil)
	if len([]rune(text)) > 50 {
		text = string([]rune(text)[:50]) + "…"
	}
	return fmt.Sprintf("%T %q", o, text)
}

// layoutProblems walks what one layer of c draws (its content or an overlay) and lists
// what a person would see as broken: a layer whose minimum size does not fit the window
// (the window would grow past the screen), anything drawn outside the window, objects of
// one container on top of each other, and an object smaller than its minimum size, which
// cuts it off or draws it over its neighbours (a wrapped text taller than its place).
func layoutProblems(c fyne.Canvas, layer fyne.CanvasObject) []string {
	win := layoutBox{0, 0, c.Size().Width, c.Size().Height}
	var out []string
	if m := layer.MinSize(); layer == c.Content() && (m.Width+2*theme.Padding() > win.w+0.5 || m.Height+2*theme.Padding() > win.h+0.5) {
		out = append(out, fmt.Sprintf("needs %.0f×%.0f, more than the %.0f×%.0f window", m.Width+2*theme.Padding(), m.Height+2*theme.Padding(), win.w, win.h))
	} else if layer != c.Content() && (m.Width > win.w+0.5 || m.Height > win.h+0.5) {
		out = append(out, fmt.Sprintf("%s needs %.0f×%.0f, more than the %.0f×%.0f window", describe(layer), m.Width, m.Height, win.w, win.h))
	}
	type seen struct {
		rect, shown layoutBox
	}
	where := map[fyne.CanvasObject]seen{}
	big := layoutBox{-1e6, -1e6, 2e6, 2e6}
	clips := []layoutBox{big}
	entries := 0 // how many entries hold the object: an entry's text scrolls sideways by design
	probe.Walk(layer, func(o fyne.CanvasObject, pos, clipPos fyne.Position, clipSize fyne.Size) bool {
		rect := layoutBox{pos.X, pos.Y, o.Size().Width, o.Size().Height}
		clip := clips[len(clips)-1]
		shown := rect.cut(clip)
		where[o] = seen{rect, shown}
		if !shown.empty() && shown.cut(win) != shown {
			out = append(out, fmt.Sprintf("%s at %s is outside the window", describe(o), shown))
		}
		switch o.(type) {
		case *widget.Entry, *widget.SelectEntry, *counterEntry, *keyEntry:
			entries++
		}
		if l, ok := o.(*widget.Label); ok && !shown.empty() && l.Truncation == fyne.TextTruncateOff && l.Wrapping == fyne.TextWrapOff &&
			l.MinSize().Width > rect.w+0.5 {
			// In a table cell nothing else checks it: the text runs over the next cell.
			out = append(out, fmt.Sprintf("%s is %.0f wide, its text needs %.0f: it runs past its place", describe(o), rect.w, l.MinSize().Width))
		}
		if wide := sideways(o); entries == 0 && !shown.empty() && wide > rect.w+1 {
			out = append(out, fmt.Sprintf("%s is %.0f wide in %.0f: its right part is scrolled out of view", describe(o), wide, rect.w))
		}
		clips = append(clips, clip.cut(layoutBox{clipPos.X, clipPos.Y, clipSize.Width, clipSize.Height}))
		return false
	}, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
		clips = clips[:len(clips)-1]
		switch o.(type) {
		case *widget.Entry, *widget.SelectEntry, *counterEntry, *keyEntry:
			entries--
		}
		box, ok := o.(*fyne.Container)
		if !ok || !separate(box.Layout) {
			return
		}
		var kids []fyne.CanvasObject
		for _, k := range box.Objects {
			if k.Visible() && !where[k].shown.empty() {
				kids = append(kids, k)
			}
		}
		for i, a := range kids {
			if m, s := a.MinSize(), a.Size(); s.Width+0.5 < m.Width || s.Height+0.5 < m.Height {
				out = append(out, fmt.Sprintf("%s is %.0f×%.0f, less than the %.0f×%.0f it needs", describe(a), s.Width, s.Height, m.Width, m.Height))
			}
			for _, b := range kids[i+1:] {
				if ov := where[a].shown.cut(where[b].shown); !ov.empty() {
					out = append(out, fmt.Sprintf("%s overlaps %s at %s", describe(a), describe(b), ov))
				}
			}
		}
	})
	return out
}

// sideways is the width of what a scroll (Fyne's, or the one inside a table or list)
// holds when it can scroll sideways, 0 for anything else.
func sideways(o fyne.CanvasObject) float32 {
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct || !strings.HasSuffix(fmt.Sprintf("%T", o), ".Scroll") {
		return 0
	}
	dir := v.Elem().FieldByName("Direction")
	content := v.Elem().FieldByName("Content")
	if !dir.IsValid() || !content.IsValid() || content.IsNil() {
		return 0
	}
	if d := container.ScrollDirection(dir.Int()); d != container.ScrollBoth && d != container.ScrollHorizontalOnly {
		return 0
	}
	// A scroll lays its content out at least at the content's minimum size, on the next
	// frame: a table's cells keep their old width until then (here, until the end of the test).
	c := content.Interface().(fyne.CanvasObject)
	return max(c.Size().Width, c.MinSize().Width)
}

// drawFrameLayouts lays out again what a frame of the real window lays out again: the
// window checks each object's minimum size, children first, and lays out the container
// of one whose size changed (the test window does not); here every container, once, in
// that order. An overlay (a dialog) is also centred again.
func drawFrameLayouts(layer fyne.CanvasObject) {
	probe.Walk(layer, nil, func(o fyne.CanvasObject, _ fyne.Position, _ fyne.CanvasObject) {
		if box, ok := o.(*fyne.Container); ok && box.Layout != nil {
			box.Layout.Layout(box.Objects, box.Size())
		}
	})
	layer.Refresh()
}

// checkLayout fails the test for every layout problem in the window and its dialogs.
func checkLayout(t *testing.T, what string, w fyne.Window) {
	t.Helper()
	c := w.Canvas()
	layers := append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...)
	for _, l := range layers {
		drawFrameLayouts(l)
		for _, p := range layoutProblems(c, l) {
			t.Errorf("%s: %s", what, p)
		}
	}
}

// closeDialogs takes every dialog off the window.
func closeDialogs(h *harness) {
	ov := h.w.Canvas().Overlays()
	for ov.Top() != nil {
		ov.Remove(ov.Top())
	}
	h.settle()
}

// onSmallScreen is the main window on the demo data at the size it opens at on a
// 1024×700 screen: the screen less what windowFit leaves for the title bar.
func onSmallScreen(t *testing.T) *harness {
	store := demoStore(t)
	h := newTestUI(t, store)
	h.w.Resize(windowFit(windowSize, fyne.Size{}, smallScreen))
	return h
}

// smallScreen is the smallest screen ReturnDesk is laid out for.
var smallScreen = fyne.NewSize(1024, 700)

// shrink lays the window out at its first size and then at the size it opens at on the
// small screen, as the real window is: it comes up at windowSize and sizeMainWindow then
// shrinks it, which Fyne refuses below the minimum size of what is on display then.
func shrink(h *harness) {
	h.w.Resize(windowSize)
	drawFrameLayouts(h.w.Canvas().Content())
	h.w.Resize(windowFit(windowSize, fyne.Size{}, smallScreen))
}

func TestEveryScreenFitsASmallWindow(t *testing.T) {
	h := onSmallScreen(t)
	for _, title := range h.u.Titles() {
		h.u.Show(title)
		h.settle()
		shrink(h)
		checkLayout(t, title, h.w)
	}
	h.u.Show("Counter")
	h.settle()
	counterScan(h, h.u.counter, "NO-SUCH-SERIAL-1")
	checkLayout(t, "Counter after an unknown serial", h.w)

	h.u.Show("Cases")
	h.settle()
	for _, r := range h.u.cases.table.rows[:3] {
		h.u.openCase(r.ID)
		h.settle()
		checkLayout(t, "case detail of "+string(r.CaseNo), h.w)
	}
}

// The real window is shrunk to the screen right after its first frame, before the
// dashboard's first load has arrived: its empty lists' notes are on display then.
func TestTheDashboardFitsASmallWindowBeforeItsFirstLoad(t *testing.T) {
	h := newTestUIUnsettled(t, demoStore(t))
	shrink(h)
	checkLayout(t, "Dashboard before its first load", h.w)
}

// A new shop's screens show their empty states, and these fit too.
func TestEveryScreenOfANewShopFitsASmallWindow(t *testing.T) {
	h := newTestUI(t, shoptest.New(t).DB)
	closeDialogs(h) // the first-start guide
	for _, title := range h.u.Titles() {
		h.u.Show(title)
		h.settle()
		shrink(h)
		checkLayout(t, title+" on a new shop", h.w)
	}
}

func TestEveryDialogFitsASmallWindow(t *testing.T) {
	h := onSmallScreen(t)
	u := h.u
	open := func(screen, what string, show func()) {
		t.Helper()
		if screen != "" {
			u.Show(screen)
			h.settle()
		}
		show()
		h.settle()
		if h.w.Canvas().Overlays().Top() == nil {
			t.Errorf("%s: no dialog opened", what)
		}
		checkLayout(t, what, h.w)
		closeDialogs(h)
	}
	open("Claims", "new claim", u.claims.showBuilder)
	open("Claims", "export the claim sheet", func() { u.claims.list.selectRow(0); h.settle(); u.claims.askExport() })
	open("Claims", "import answers", u.claims.askImport)
	owedBalance(t, u.store)
	open("Claims", "deduct on a PI", func() {
		u.claims.load() // the balance owed now
		h.settle()
		if len(u.claims.balanceRows) == 0 || u.claims.balanceRows[0].Owed == 0 {
			t.Fatalf("no balance owed to deduct: %v", u.claims.balanceRows)
		}
		u.claims.balances.selectRow(0)
		h.settle()
		u.claims.askDeduct()
	})
	open("OEM orders", "new OEM order", u.oemOrders.newOrder)
	open("Products & serials", "sales import preview", func() {
		si := u.products.imp
		si.open()
		si.load("../export/testdata/sales-bad.csv")
	})
	open("Cases", "move a case", moveFirstCase(h, model.StatusClosed))
	open("Cases", "cancel a case", moveFirstCase(h, model.StatusCancelled))
	open("Claims", "answer a claim line", func() {
		u.claims.list.selectRow(0)
		h.settle()
		u.claims.lines.selectRow(0)
		u.claims.askAnswer()
	})
	open("", "keyboard help", u.showKeyboardHelp)
}

// A note shown under a field wraps at the field's width from its first layout: laid out
// once (as the window does when it shows it), it is as tall as its lines and not drawn
// over the row below (the Model and Manufacturer labels under the serial's note).
func TestCounterNoteIsAsTallAsItsLinesAtOnce(t *testing.T) {
	test.NewTempApp(t)
	field := widget.NewEntry()
	n := newCounterNote()
	n.under(field)
	below := widget.NewLabel("Model")
	box := container.NewVBox(field, n, below)
	box.Resize(fyne.NewSize(300, 200)) // the window lays the form out while the note is hidden
	n.set("No sales record for this serial: enter the model, customer and dates by hand", widget.WarningImportance)
	box.Layout.Layout(box.Objects, box.Size()) // one layout pass, as one frame does
	if n.Size().Height+0.5 < n.MinSize().Height {
		t.Errorf("the note is %.0f high, its lines need %.0f", n.Size().Height, n.MinSize().Height)
	}
	if lines := n.MinSize().Height; lines < 2*fyne.MeasureText("M", theme.CaptionTextSize(), fyne.TextStyle{}).Height {
		t.Errorf("the note at 300 px is %.0f high: not wrapped", lines)
	}
	if below.Position().Y+0.5 < n.Position().Y+n.Size().Height {
		t.Errorf("the label below starts at %.0f, inside the note (%.0f to %.0f)", below.Position().Y, n.Position().Y, n.Position().Y+n.Size().Height)
	}
}

// A title on two lines breaks where its lines are most even: a wrapping label fills its first
// line and left 处理结 over a lone 果.
func TestTwoLinesBreaksEvenly(t *testing.T) {
	for _, tt := range []struct{ title, want string }{
		{"处理结果", "处理\n结果"},
		{"要求处理方式", "要求处\n理方式"},
		{"Days to answer", "Days to\nanswer"},
		{"Decision", "Decision"}, // no place to break
	} {
		if got, _ := twoLines(tt.title, fyne.TextStyle{Bold: true}); got != tt.want {
			t.Errorf("twoLines(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}
