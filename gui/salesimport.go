package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/export"
	"returndesk/model"
)

// previewRows is how many rows of a file the import preview shows.
const previewRows = 200

// importColumn is one column of the preview: its header, width and how a row shows in it.
type importColumn struct {
	title model.Text
	width float32
	value func(r *export.SaleRow) string
}

var importColumns = []importColumn{
	{model.T("Row"), 56, func(r *export.SaleRow) string { return fmt.Sprint(r.Row) }},
	{model.T("Serial"), 150, func(r *export.SaleRow) string { return string(r.Sale.Serial) }},
	{model.T("Model"), 110, func(r *export.SaleRow) string { return string(r.Sale.Model) }},
	{model.T("Customer"), 150, func(r *export.SaleRow) string { return r.Sale.CustomerName }},
	{model.T("Phone"), 130, func(r *export.SaleRow) string { return r.Sale.Phone }},
	{model.T("Invoice"), 110, func(r *export.SaleRow) string { return r.Sale.Invoice }},
	{model.T("Purchased"), 100, func(r *export.SaleRow) string { return dateText(r.Sale.PurchaseDate) }},
	{model.T("Shipped"), 100, func(r *export.SaleRow) string { return dateText(r.Sale.ShipmentDate) }},
}

// salesImport is the "Import sales records" window: pick a .xlsx or .csv file, see its
// rows and every problem, and import all of them, or nothing while any row has a problem.
type salesImport struct {
	u      *MainUI
	onDone func(n int) // called after a successful import

	dlg       *dialog.CustomDialog
	content   fyne.CanvasObject
	file      *widget.Label
	summary   *widget.Label
	table     *widget.Table
	tableInf  *widget.Label
	problems  *widget.List
	probBox   *fyne.Container
	probHead  *widget.Label
	choose    *button
	importBtn *button
	closeBtn  *button
	encoding  *choice // a CSV file's encoding: as detected, or as chosen
	encNote   *widget.Label
	encBox    *fyne.Container

	path    string
	enc     export.Encoding // the encoding chosen; EncodingAuto detects it
	quiet   bool            // the encoding choice is being set to what was detected
	preview *export.SalesPreview
	bad     map[int]bool // rows with problems
	done    bool         // the preview on display has been imported
	gen     int64
}

func newSalesImport(u *MainUI, onDone func(n int)) *salesImport {
	si := &salesImport{u: u, onDone: onDone}
	si.file = widget.NewLabelWithStyle(say(model.T("No file chosen")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	si.file.Truncation = fyne.TextTruncateEllipsis
	si.summary = widget.NewLabel(say(model.T("Choose an Excel workbook (.xlsx, first sheet) or a CSV file (UTF-8, GBK, Big5 or UTF-16) whose first row names the columns: serial (序列号), model (型号), and optionally customer (客户), phone (电话), invoice (发票号), purchase_date (购买日期), shipment_date (发货日期), manufacturer (厂商). Dates as YYYY-MM-DD or Excel date cells.")))
	si.summary.Wrapping = fyne.TextWrapWord

	titles, widths := make([]string, len(importColumns)), make([]float32, len(importColumns))
	for i, c := range importColumns {
		titles[i], widths[i] = say(c.title), c.width
	}
	si.table = newLabelTable("R200-000000", titles, widths, si.rowCount, func(row, col int, l *widget.Label) {
		r := &si.preview.Rows[row]
		switch {
		case si.bad[r.Row]:
			l.Importance = widget.DangerImportance
		case si.preview.Recorded(r.Row):
			l.Importance = widget.LowImportance // recorded already: left out
		default:
			l.Importance = widget.MediumImportance
		}
		l.SetText(importColumns[col].value(r))
	})
	si.tableInf = widget.NewLabel("")
	si.tableInf.SizeName = theme.SizeNameCaptionText

	si.problems = widget.NewList(
		func() int {
			if si.preview == nil {
				return 0
			}
			return len(si.preview.Problems)
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel(say(model.T("row 7: purchase_date: \"2026-02-30\" is not a date")))
			l.Importance = widget.DangerImportance
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if si.preview != nil && id >= 0 && id < len(si.preview.Problems) {
				o.(*widget.Label).SetText(say(si.preview.Problems[id].Text()))
			}
		},
	)
	si.probHead = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	si.probHead.Importance = widget.DangerImportance
	si.probBox = container.NewBorder(si.probHead, nil, nil, nil, si.problems)
	si.probBox.Hide()

	si.choose = newIconButton(say(model.T("Choose file…")), theme.FolderOpenIcon(), si.chooseFile)
	si.importBtn = newIconButton(say(model.T("Import")), theme.ConfirmIcon(), si.commit)
	si.importBtn.Importance = widget.HighImportance
	si.importBtn.Disable()
	si.closeBtn = newIconButton(say(model.T("Cancel")), theme.CancelIcon(), func() {
		if si.dlg != nil {
			si.dlg.Hide()
		}
	})

	labels := []string{say(export.EncodingAuto.Label())}
	for _, e := range export.Encodings {
		labels = append(labels, say(e.Label()))
	}
	si.encoding = newChoice(labels, func(string) {
		if si.quiet || si.path == "" {
			return
		}
		si.enc = export.EncodingAuto
		if i := si.encoding.SelectedIndex(); i > 0 {
			si.enc = export.Encodings[i-1]
		}
		si.load(si.path)
	})
	si.encNote = widget.NewLabel("")
	si.encNote.Wrapping = fyne.TextWrapWord
	si.encBox = container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(say(model.T("Encoding"))), si.encoding), nil, si.encNote)
	si.encBox.Hide()

	top := container.NewVBox(si.file, si.summary, si.encBox)
	buttons := container.NewHBox(si.choose, layoutSpacer(), si.closeBtn, si.importBtn)
	tableBox := container.NewBorder(nil, si.tableInf, nil, nil, shareColumns(si.table, widths))
	middle := container.NewVSplit(tableBox, si.probBox)
	middle.SetOffset(0.62)
	si.content = container.NewBorder(top, buttons, nil, nil, middle)
	return si
}

// rowCount is how many rows the preview table shows.
func (si *salesImport) rowCount() int {
	if si.preview == nil {
		return 0
	}
	return min(len(si.preview.Rows), previewRows)
}

// start opens the import window and the file dialog over it.
func (si *salesImport) start() {
	si.open()
	si.chooseFile()
}

// open shows the import window, as large as the main window allows.
func (si *salesImport) open() {
	if si.dlg == nil {
		si.dlg = dialog.NewCustomWithoutButtons(say(model.T("Import sales records")), si.content, si.u.win)
	}
	size := si.u.win.Canvas().Size()
	si.dlg.Resize(fyne.NewSize(max(size.Width*0.9, 600), max(size.Height*0.9, 420)))
	// Enter imports a preview without problems, as Import does, and closes the window once
	// it is imported.
	si.u.showDialog(si.dlg, func() {
		switch {
		case !si.importBtn.Disabled():
			si.commit()
		case si.done:
			si.closeBtn.Tapped(nil)
		}
	})
}

// chooseFile asks for a .xlsx or .csv file and loads it.
func (si *salesImport) chooseFile() {
	fd := dialog.NewFileOpen(onChosen(func(err error) {
		si.fail(si.path, model.Wrap(model.EINVALID, err, ""))
	}, func(r fyne.URIReadCloser) {
		path := r.URI().Path()
		r.Close()
		si.enc = export.EncodingAuto // a new file: detect its encoding again
		si.load(path)
	}), si.u.win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv"}))
	fd.SetTitleText(say(model.T("Choose a sales-record file (.xlsx or .csv)")))
	fd.SetConfirmText(say(model.T("Preview")))
	startInDocuments(fd)
	if si.path != "" { // start in the folder of the last file instead
		if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(si.path))); err == nil {
			fd.SetLocation(dir)
		}
	}
	si.u.showFileDialog(fd)
}

// load reads the file at path and checks it against the database, then shows the preview.
func (si *salesImport) load(path string) {
	si.gen++
	gen := si.gen
	si.path, si.preview, si.bad, si.done = path, nil, nil, false
	si.file.SetText(filepath.Base(path))
	si.summary.Importance = widget.MediumImportance
	si.summary.SetText(say(model.T("Reading %s…", path)))
	si.importBtn.Disable()
	si.choose.Disable()
	si.refresh()
	si.u.background(func(ctx context.Context) func() {
		p, err := export.ReadSalesFile(path, si.enc)
		if err == nil {
			err = export.CheckSales(ctx, si.u.store, p)
		}
		return func() {
			if si.gen != gen {
				return
			}
			si.choose.Enable()
			if err != nil {
				si.fail(path, err)
				return
			}
			si.preview = p
			si.showPreview()
		}
	})
}

// fail says why the file cannot be imported at all.
func (si *salesImport) fail(path string, err error) {
	si.preview = nil
	si.summary.Importance = widget.DangerImportance
	si.summary.SetText(say(model.T("%s cannot be imported: %s", filepath.Base(path), model.ErrorText(err))))
	if kind, _ := export.KindOf(path); kind == export.CSV {
		si.encNote.SetText(say(model.T("choose the encoding the file was saved in")))
		si.encBox.Show() // another encoding may read it
	} else {
		si.encBox.Hide()
	}
	si.importBtn.Disable()
	si.refresh()
}

// showEncoding shows the encoding a CSV file was read in, and whether it was a guess.
func (si *salesImport) showEncoding(p *export.SalesPreview) {
	if p == nil || p.Encoding == "" {
		si.encBox.Hide()
		return
	}
	si.quiet = true
	si.encoding.SetSelectedIndex(slices.Index(export.Encodings, p.Encoding) + 1)
	si.quiet = false
	switch {
	case si.enc != export.EncodingAuto:
		si.encNote.SetText(say(model.T("as chosen")))
	case len(p.Others) > 0:
		si.encNote.SetText(say(model.T("detected, but it may be %s: if the names look wrong, choose that", p.Others[0].Label())))
	default:
		si.encNote.SetText(say(model.T("detected")))
	}
	si.encBox.Show()
}

// showPreview shows the rows and problems of the preview and enables Import when there are none.
func (si *salesImport) showPreview() {
	p := si.preview
	si.showEncoding(p)
	si.bad = map[int]bool{}
	for _, e := range p.Problems {
		si.bad[e.Row] = true
	}
	n := len(p.Rows)
	var text string
	switch {
	case len(p.Problems) > 0:
		si.summary.Importance = widget.DangerImportance
		text = say(model.T("%s in the file; %s. Correct the file and choose it again: "+
			"the records are imported all together or not at all.", recordsText(n), say(p.Summary())))
	case n == 0:
		si.summary.Importance = widget.WarningImportance
		text = say(model.T("The file has no sales records below its header row."))
	case p.RecordedRows() == n:
		si.summary.Importance = widget.SuccessImportance
		text = say(model.T("Every record of the file is recorded already: nothing to import."))
	case p.RecordedRows() > 0:
		si.summary.Importance = widget.SuccessImportance
		text = say(model.T("%s ready to import; %s already recorded are left out; no problems found.",
			recordsText(n-p.RecordedRows()), recordsText(p.RecordedRows())))
	default:
		si.summary.Importance = widget.SuccessImportance
		text = say(model.T("%s ready to import; no problems found.", recordsText(n)))
	}
	if len(p.Ignored) > 0 {
		text += say(model.T(" Columns not imported: %s.", joinQuoted(p.Ignored)))
	}
	si.summary.SetText(text)
	if len(p.Problems) == 0 && n > p.RecordedRows() {
		si.importBtn.Enable()
	} else {
		si.importBtn.Disable()
	}
	si.refresh()
}

// refresh redraws the table, its caption and the problem list.
func (si *salesImport) refresh() {
	si.table.Refresh()
	si.table.ScrollToTop()
	switch p := si.preview; {
	case p == nil:
		si.tableInf.SetText("")
	default:
		// Whole sentences, each its own wording.
		text := say(model.T("%s.", recordsText(len(p.Rows))))
		if len(p.Rows) > previewRows {
			text = say(model.T("The first %d of %d rows.", previewRows, len(p.Rows)))
		}
		if len(p.Problems) > 0 {
			text += say(model.T(" Rows with problems are in red."))
		}
		if p.RecordedRows() > 0 {
			text += say(model.T(" Rows recorded already are grey."))
		}
		si.tableInf.SetText(text)
	}
	if si.preview == nil || len(si.preview.Problems) == 0 {
		si.probBox.Hide()
	} else {
		si.probHead.SetText(say(model.T("Problems (%d)", len(si.preview.Problems))))
		si.probBox.Show()
	}
	si.problems.Refresh()
	if si.done {
		si.closeBtn.SetText(say(model.T("Close")))
	} else {
		si.closeBtn.SetText(say(model.T("Cancel")))
	}
}

// commit stores every record of the preview in one transaction.
func (si *salesImport) commit() {
	p := si.preview
	if p == nil || len(p.Problems) > 0 || si.done {
		return
	}
	si.importBtn.Disable()
	si.choose.Disable()
	si.summary.SetText(say(model.T("Importing %s…", recordsText(len(p.Rows)))))
	gen := si.gen
	si.u.background(func(ctx context.Context) func() {
		n, err := export.ImportSales(ctx, si.u.store, p)
		return func() {
			if si.gen != gen {
				return
			}
			si.choose.Enable()
			if err != nil {
				if len(p.Problems) > 0 {
					si.showPreview() // the store refused a row: it is in the list now
					return
				}
				si.summary.Importance = widget.DangerImportance
				si.summary.SetText(sayFailed(say(model.T("Nothing was imported")), err))
				si.importBtn.Enable()
				return
			}
			si.done = true
			si.summary.Importance = widget.SuccessImportance
			si.summary.SetText(say(model.T("Imported %s from %s.", recordsText(n), filepath.Base(si.path))))
			si.refresh()
			if si.onDone != nil {
				si.onDone(n)
			}
		}
	})
}

func recordsText(n int) string {
	return say(model.Count(n, "1 sales record", "%d sales records"))
}

func joinQuoted(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += "“" + n + "”"
	}
	return out
}
