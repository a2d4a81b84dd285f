package gui

import (
	"context"
	"returndesk/model"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The pieces the editing screens (customers, products, manufacturers and policies) share:
// labelled fields with their problem shown under them, the Save button and its note, the
// list of records to pick from, and searching once typing pauses.

// newFormTitle makes the heading of a form, such as "New customer" or the record's name.
func newFormTitle() *widget.Label {
	l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// setFormTitle heads a form with the record's name and a "Save changes" button or, for a new
// record, with "New <thing>" and an "Add <thing>" button.
func setFormTitle(title *widget.Label, save *button, isNew bool, newTitle, addText model.Text, name string) {
	if isNew {
		title.SetText(say(newTitle))
		save.SetText(say(addText))
		return
	}
	title.SetText(name)
	save.SetText(say(model.T("Save changes")))
}

// newTextArea makes a multi-line entry, two rows high, that wraps words: for addresses,
// clauses and notes. Tab leaves it as it leaves every other field (Fyne's multi-line entry
// took Tab as a character: the keyboard was trapped and a tab was saved in an address).
func (u *MainUI) newTextArea() *keyEntry {
	e := u.newEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(2)
	return e
}

// newFieldError makes the label that shows a field's problem under it; hidden while there is none.
func newFieldError() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	l.Hide()
	return l
}

// setFieldError shows msg (a model error message such as "is required") in l, or hides l.
func setFieldError(l *widget.Label, msg string) {
	if msg == "" {
		l.SetText("")
		l.Hide()
		return
	}
	if msg == "is required" {
		msg = "required"
	}
	r, n := utf8.DecodeRuneInString(msg)
	l.Importance = widget.DangerImportance
	l.SetText(string(unicode.ToUpper(r)) + msg[n:])
	l.Show()
}

// limitLength makes e tell its length limit while it is typed in, in l, the label under it
// that shows its problems (see addField), so that Save never refuses a text for its length
// unannounced: from nine tenths of max characters l counts them ("118 of at most 120
// characters"), past max it says the text is too long. A problem Save found goes as the
// text is changed (a "Required" under a name typed since read as if it were still empty).
// Any OnChanged e already has still runs, and what it says in l stays.
func limitLength(e *widget.Entry, max int, l *widget.Label) {
	shown := "" // what l says about the length
	onChanged := e.OnChanged
	e.OnChanged = func(text string) {
		before := l.Text
		if onChanged != nil {
			onChanged(text)
		}
		if l.Text != before {
			return // the field's own check spoke
		}
		n := utf8.RuneCountInString(text)
		switch {
		case n > max:
			shown = say(model.T("Too long: %d characters, at most %d", n, max))
			l.Importance = widget.DangerImportance
		case n*10 >= max*9:
			shown = say(model.T("%d of at most %d characters", n, max))
			l.Importance = widget.MediumImportance
		default:
			shown = ""
			l.Importance = widget.DangerImportance // as the problems Save finds
		}
		l.SetText(shown)
		l.Hidden = shown == ""
		l.Refresh()
	}
}

// limit applies limitLength to the entry of the model field named field.
func (fe fieldErrors) limit(field string, e *widget.Entry, max int) {
	limitLength(e, max, fe[field])
}

// addField adds a row to grid, a container with a form layout: the label, then o with the
// label that shows o's problem under it, which it returns.
func addField(grid *fyne.Container, label string, o fyne.CanvasObject) *widget.Label {
	e := newFieldError()
	grid.Add(widget.NewLabel(label))
	grid.Add(container.NewVBox(o, e))
	return e
}

// fieldErrors are the labels that show a form's problems under its fields, by model field name.
type fieldErrors map[string]*widget.Label

// add adds a labelled field to grid (see addField) whose label shows the problems of the
// model field named field.
func (fe fieldErrors) add(grid *fyne.Container, label, field string, o fyne.CanvasObject) {
	fe[field] = addField(grid, label, o)
}

// show puts each field problem of err under its field and hides the other labels (all of
// them when err is nil). It reports whether err holds something no label shows: a problem
// of a field the form does not have, or an error that is not about fields at all, which
// belongs in the screen's banner.
func (fe fieldErrors) show(err error) (unshown bool) {
	for _, l := range fe {
		setFieldError(l, "")
	}
	if err == nil {
		return false
	}
	fields := sayFields(err)
	unshown = len(fields) == 0 // not a domain error
	for field, msg := range fields {
		if l, ok := fe[field]; ok {
			setFieldError(l, msg)
		} else {
			unshown = true
		}
	}
	return unshown
}

// newSaveButton makes a form's Save button, which calls submit, and the note beside it that
// says the form was saved (hidden until then).
func newSaveButton(text string, submit func()) (*button, *widget.Label) {
	save := newIconButton(text, theme.DocumentSaveIcon(), submit)
	save.Importance = widget.HighImportance
	note := widget.NewLabel("")
	note.Importance = widget.SuccessImportance
	note.Hide()
	return save, note
}

// storeForm submits a form: it hides note and, when the form is invalid (the problems the
// form found before any write), shows them with showErrors and stores nothing. Otherwise it
// clears the form's messages with showErrors(nil) and runs store on a goroutine with the
// form's save button disabled. Back on the UI thread it passes a refusal to showErrors; on
// success it calls stored and says "Saved." in note.
func (u *MainUI) storeForm(save *button, note *widget.Label, showErrors func(error), invalid error,
	store func(ctx context.Context) error, stored func()) {
	note.Hide()
	if invalid != nil {
		showErrors(invalid)
		return
	}
	showErrors(nil)
	save.Disable()
	u.background(func(ctx context.Context) func() {
		err := store(ctx)
		return func() {
			save.Enable()
			if err != nil {
				showErrors(err)
				return
			}
			stored()
			note.SetText(say(model.T("Saved.")))
			note.Show()
		}
	})
}

// createOrUpdate is the store call of a form that edits a record: it creates the record
// when it is new (it has no ID yet) and updates it otherwise.
func createOrUpdate[T any](rec *T, isNew bool, create, update func(context.Context, *T) error) func(context.Context) error {
	return func(ctx context.Context) error {
		if isNew {
			return create(ctx, rec)
		}
		return update(ctx, rec)
	}
}

// newLabelTable makes a table of one-line cells cut short with an ellipsis under a bold
// header row, its columns widths wide. The template text sizes the rows; fill sets the
// label of a cell that exists.
func newLabelTable(template string, headers []string, widths []float32, rows func() int,
	fill func(row, col int, l *widget.Label)) *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return rows(), len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel(template)
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row < 0 || id.Row >= rows() || id.Col < 0 || id.Col >= len(headers) {
				l.SetText("")
				return
			}
			fill(id.Row, id.Col, l)
		},
	)
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle(say(model.T("Header")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis // in a narrow column it ran over the next header
		l.Wrapping = fyne.TextWrapWord           // onto a second line where the header row has one (sharedColumns.titles)
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(headers) {
			o.(*widget.Label).SetText(headers[id.Col])
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	return t
}

// newTwoLineList makes a list whose rows show a bold title over a caption line, both cut
// short with an ellipsis. The template texts size the rows; lines gives the texts of row id.
func newTwoLineList(titleTemplate, infoTemplate string, length func() int,
	lines func(id widget.ListItemID) (title, info string)) *widget.List {
	return widget.NewList(
		length,
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle(titleTemplate, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			info := widget.NewLabel(infoTemplate)
			info.Truncation = fyne.TextTruncateEllipsis
			info.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(title, info)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < 0 || id >= length() {
				return
			}
			title, info := lines(id)
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(title)
			box.Objects[1].(*widget.Label).SetText(info)
		},
	)
}

// afterPause runs f on the UI thread once typing has paused for d. Each call replaces the run
// the previous one left waiting in *timer; a waiting run counts as pending.
func (u *MainUI) afterPause(timer **time.Timer, d time.Duration, f func()) {
	u.cancelPause(timer)
	u.pending.Add(1)
	var t *time.Timer
	t = time.AfterFunc(d, func() {
		u.do(func() {
			defer u.pending.Add(-1)
			if *timer == t { // not replaced by later typing
				f()
			}
		})
	})
	*timer = t
}

// cancelPause drops the run afterPause left waiting in *timer, if it has not started yet.
func (u *MainUI) cancelPause(timer **time.Timer) {
	if *timer != nil && (*timer).Stop() {
		u.pending.Add(-1) // the run it would have made is dropped
	}
}

// makerNames are the names of makers, the choices of a manufacturer picker.
func makerNames(makers []model.Manufacturer) []string {
	names := make([]string, len(makers))
	for i, m := range makers {
		names[i] = m.Name
	}
	return names
}

// makerNamed is the manufacturer of makers a picker chose by its name, or nil.
func makerNamed(makers []model.Manufacturer, name string) *model.Manufacturer {
	for i := range makers {
		if makers[i].Name == name {
			return &makers[i]
		}
	}
	return nil
}
