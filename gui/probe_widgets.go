package gui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"returndesk/gui/probe"
	"returndesk/model"
)

// widgetsReport is what the widgets probe writes (see probe.ServeWidgets): the screen on
// display and, layer by layer (the window's content, then each overlay such as a dialog,
// topmost last), the buttons and texts there and where they are in the window, in pixels.
type widgetsReport struct {
	Seq     int           `json:"seq"`
	Painted bool          `json:"painted"` // written once a frame had drawn what it says
	Scale   float32       `json:"scale"`   // pixels per Fyne unit
	Screen  string        `json:"screen"`  // the title of the screen on display, "Case detail", or ""
	Pending int64         `json:"pending"` // loads in flight and searches waiting: 0 when the window has settled
	Layers  [][]probeItem `json:"layers"`
}

// probeItem is one button, text or tappable picture.
type probeItem struct {
	Kind    string `json:"kind"`              // "button", "text" (any text drawn outside a button) or "tap" (a photo)
	In      string `json:"in,omitempty"`      // what holds a text: nav (the sidebar), tab (a tab's header), cell, item (of a list), entry, select
	Text    string `json:"text,omitempty"`    //
	Enabled bool   `json:"enabled,omitempty"` // a button that can be clicked
	Rect    [4]int `json:"rect"`              // x, y, width, height in window pixels
	Shown   [4]int `json:"shown"`             // the part of Rect not clipped away (scrolled out of view); zero for none
	Clip    [4]int `json:"clip"`              // the area it is clipped to, such as a scroll's view: where to scroll it into view
}

// startWidgetsProbe serves the widgets probe: a test clicks what it reports with the real mouse.
func startWidgetsProbe(u *MainUI) {
	probe.ServeWidgets(u.frames, func(seq int, painted bool) any {
		r := u.widgetsReport(seq)
		r.Painted = painted
		return r
	})
}

// widgetsReport describes the window as it is now.
func (u *MainUI) widgetsReport(seq int) widgetsReport {
	c := u.win.Canvas()
	r := widgetsReport{Seq: seq, Scale: c.Scale(), Screen: u.probeScreen(), Pending: u.pending.Load()}
	for _, l := range append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...) {
		r.Layers = append(r.Layers, u.probeLayer(l, c.Scale(), c.Size()))
	}
	return r
}

// probeScreen names what the content area shows.
func (u *MainUI) probeScreen() string {
	if len(u.content.Objects) != 1 {
		return ""
	}
	for _, s := range u.screens {
		if u.content.Objects[0] == s.view {
			return s.title
		}
	}
	if u.cases != nil && u.content.Objects[0] == u.cases.detail.view {
		return say(model.T("Case detail"))
	}
	return ""
}

// probeLayer lists the buttons, texts and photos drawn in one layer of the canvas.
func (u *MainUI) probeLayer(root fyne.CanvasObject, scale float32, size fyne.Size) []probeItem {
	type box struct{ x, y, w, h float32 }
	cut := func(a, b box) box {
		x, y := max(a.x, b.x), max(a.y, b.y)
		return box{x, y, max(min(a.x+a.w, b.x+b.w)-x, 0), max(min(a.y+a.h, b.y+b.h)-y, 0)}
	}
	px := func(b box) [4]int {
		if b.w <= 0 || b.h <= 0 {
			return [4]int{}
		}
		r := func(v float32) int { return int(math.Round(float64(v * scale))) }
		return [4]int{r(b.x), r(b.y), r(b.w), r(b.h)}
	}
	type level struct {
		in   string // what holds the objects below
		clip box
	}
	stack := []level{{"", box{0, 0, size.Width, size.Height}}}
	tabContent := map[fyne.CanvasObject]bool{} // the content of a selected tab is not its header
	var items []probeItem
	probe.Walk(root, func(o fyne.CanvasObject, pos, clipPos fyne.Position, clipSize fyne.Size) bool {
		up := stack[len(stack)-1]
		rect := box{pos.X, pos.Y, o.Size().Width, o.Size().Height}
		add := func(kind, text string, enabled bool) {
			items = append(items, probeItem{Kind: kind, In: up.in, Text: text, Enabled: enabled,
				Rect: px(rect), Shown: px(cut(rect, up.clip)), Clip: px(up.clip)})
		}
		in := up.in
		switch w := o.(type) {
		case *widget.Button: // a dialog's own
			add("button", w.Text, !w.Disabled())
			in = "button"
		case *button:
			add("button", w.Text, !w.Disabled())
			in = "button"
		case *canvas.Text:
			if w.Text != "" && up.in != "button" {
				add("text", w.Text, false)
			}
		case *tapArea:
			add("tap", "", true)
		case *container.AppTabs:
			in = "tab"
			if t := w.Selected(); t != nil {
				tabContent[t.Content] = true
			}
		case *widget.Table, *enterTable:
			in = "cell"
		case *navList:
			in = "nav"
		case *widget.List:
			in = "item"
		case *widget.Entry, *widget.SelectEntry, *keyEntry:
			in = "entry"
		case *widget.Select, *choice:
			in = "select"
		}
		if tabContent[o] {
			in = ""
		}
		stack = append(stack, level{in, cut(up.clip, box{clipPos.X, clipPos.Y, clipSize.Width, clipSize.Height})})
		return false
	}, func(fyne.CanvasObject, fyne.Position, fyne.CanvasObject) {
		stack = stack[:len(stack)-1]
	})
	return items
}
