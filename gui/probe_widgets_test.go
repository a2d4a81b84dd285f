package gui

import (
	"testing"
)

// The widgets probe finds what a click must reach: sidebar entries, tab headers (apart from
// the tab's content), table cells, entries, buttons with their state, each dialog as a layer
// of its own, and what a scroll hides.
func TestWidgetsProbeReportsWhereThingsAre(t *testing.T) {
	h, f := openScreen(t, "Claims")
	type want struct {
		kind, in, text string
		enabled        bool
	}
	find := func(r widgetsReport, layer int, w want) *probeItem {
		for i, it := range r.Layers[layer] {
			if it.Kind == w.kind && it.In == w.in && it.Text == w.text && it.Enabled == w.enabled {
				return &r.Layers[layer][i]
			}
		}
		return nil
	}
	for _, c := range []struct {
		screen string
		want   want
	}{
		{"Claims", want{"text", "nav", "Settings", false}},
		{"Claims", want{"text", "", "Claims", false}}, // the heading
		{"Claims", want{"text", "tab", "Claims", false}},
		{"Claims", want{"text", "tab", "Owed by each manufacturer", false}},
		{"Claims", want{"button", "", "New claim…", true}},
		{"Claims", want{"button", "", "Export Excel…", false}}, // no claim chosen
		{"Cases", want{"text", "cell", string(f.zhang), false}},
		{"Cases", want{"text", "entry", "Search by case no., maintenance no., serial, customer or phone", false}},
		{"Settings", want{"button", "", "Choose logo…", true}},
	} {
		h.u.Show(c.screen)
		h.settle()
		r := h.u.widgetsReport(1)
		if r.Screen != c.screen || len(r.Layers) != 1 {
			t.Fatalf("%s: report of screen %q with %d layers", c.screen, r.Screen, len(r.Layers))
		}
		it := find(r, 0, c.want)
		if it == nil {
			t.Errorf("%s: no %+v in %+v", c.screen, c.want, r.Layers[0])
			continue
		}
		if it.Rect[2] <= 0 || it.Rect[3] <= 0 || it.Shown != it.Rect {
			t.Errorf("%s: %q at %v, shown %v: want it on screen whole", c.screen, c.want.text, it.Rect, it.Shown)
		}
	}

	// Settings scrolls: the backup buttons are below its view until scrolled to.
	r := h.u.widgetsReport(2)
	if it := find(r, 0, want{"button", "", "Back up now…", true}); it == nil || it.Shown != [4]int{} ||
		it.Rect[1] < it.Clip[1]+it.Clip[3] {
		t.Errorf("Back up now… = %+v, want it below the view and shown nowhere", it)
	}

	// A dialog is a layer of its own over the screen.
	h.u.Show("Claims")
	h.settle()
	h.u.claims.showBuilder()
	h.settle()
	r = h.u.widgetsReport(3)
	if len(r.Layers) != 2 || find(r, 1, want{"text", "", "New claim", false}) == nil ||
		find(r, 1, want{"button", "", "Close", true}) == nil {
		t.Fatalf("with the New claim dialog open: %+v", r.Layers[1:])
	}
}
