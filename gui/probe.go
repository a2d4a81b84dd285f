package gui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"returndesk/gui/probe"
	"returndesk/model"
)

// startProbe hooks the start-up probe into the main window when the environment asks for
// one (see package probe); the start-up benchmarks read what it prints.
func startProbe(u *MainUI) {
	mode := probe.Mode()
	if mode == "" {
		return
	}
	m := u.frames
	if mode == probe.Widgets {
		startWidgetsProbe(u)
		return
	}
	if mode != probe.Cases {
		probe.QuitAfterFirstFrame(m)
		return
	}
	// Cases: click Cases once the first frame is up, then wait for the first page of rows
	// to arrive from the database and be painted.
	m.AfterNextFrame(func() {
		cells := watchCells(u.cases.table)
		u.cases.onShown = func(rows []model.CaseSummary, total int) {
			u.cases.onShown = nil
			m.AfterNextFrame(func() {
				probe.Report(probe.Cases, "rows="+strconv.Itoa(len(rows)), "total="+strconv.Itoa(total),
					"in-cells="+strconv.Itoa(cells.count(rows)))
				fyne.CurrentApp().Quit()
			})
		}
		u.Show(u.cases.title)
	})
}

// cellWatch records the case numbers that the table writes into its cells, so that the
// probe can tell that the rows reached the cells on screen and not just the table's data.
type cellWatch struct {
	seen map[string]bool
}

func watchCells(ct *caseTable) *cellWatch {
	cw := &cellWatch{seen: map[string]bool{}}
	update := ct.table.UpdateCell
	ct.table.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		update(id, o)
		if l, ok := o.(*fyne.Container).Objects[0].(*widget.Label); ok {
			cw.seen[l.Text] = true
		}
	}
	return cw
}

// count is how many of rows have had their case number written into a cell.
func (cw *cellWatch) count(rows []model.CaseSummary) int {
	n := 0
	for _, r := range rows {
		if cw.seen[string(r.CaseNo)] {
			n++
		}
	}
	return n
}
