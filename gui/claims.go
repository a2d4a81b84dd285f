package gui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/export"
	"returndesk/model"
)

// claimGrid is a read-only table of text with a header row, where one row can be selected.
// Fyne has no tooltips, so the selected row is shown in full under the table while one of
// its cells is cut short.
type claimGrid struct {
	headers  []string
	rows     [][]string
	table    *widget.Table
	cols     *sharedColumns
	box      *fyne.Container   // the table in cols
	full     *widget.Label     // the selected row in full; hidden while nothing is cut
	view     fyne.CanvasObject // the table, its columns sharing the width, over full
	selected int               // -1 when none
	onSelect func(row int)
	// opensDetail: selecting a row opens a detail that shows it whole, so no line under
	// the table (there is no height for two such lines at 700 px).
	opensDetail bool
	whole       []int // columns never cut while another can give (numbers, serials, dates)
}

func newClaimGrid(titles []model.Text, widths []float32) *claimGrid {
	headers := make([]string, len(titles))
	for i, t := range titles {
		headers[i] = say(t)
	}
	return newGrid(headers, widths)
}

// newGrid is a claimGrid with headers as they are shown (a report's, already worded).
func newGrid(headers []string, widths []float32) *claimGrid {
	g := &claimGrid{headers: headers, selected: -1}
	g.table = newLabelTable("RMA-2026-000000", headers, widths, func() int { return len(g.rows) },
		func(r, c int, l *widget.Label) { l.SetText(g.shown(g.cell(r, c), c)) })
	g.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(headers) {
			o.(*widget.Label).SetText(g.shown(g.title(id.Col), id.Col))
		}
	}
	g.full = widget.NewLabel("")
	g.full.Wrapping = fyne.TextWrapWord
	g.full.Hide()
	g.cols = &sharedColumns{table: g.table, widths: widths, onFit: g.showFull, titles: headers}
	g.box = container.New(g.cols, g.table)
	g.view = container.NewBorder(nil, g.full, nil, nil, g.box)
	g.fit() // the titles, until there are rows
	g.table.OnSelected = func(id widget.TableCellID) {
		if id.Row < 0 || id.Row >= len(g.rows) {
			return
		}
		g.selected = id.Row
		g.showFull()
		if g.onSelect != nil {
			g.onSelect(id.Row)
		}
	}
	return g
}

// showFull shows the selected row in full under the table when a cell of it is cut short
// at the columns' widths or a column is left out, and hides that line otherwise.
func (g *claimGrid) showFull() {
	text := ""
	if r := g.selected; r >= 0 && r < len(g.rows) && !g.opensDetail {
		var parts []string
		cut := g.cols.hidden
		for c, v := range g.rows[r] {
			if v == "" || c >= len(g.headers) {
				continue
			}
			cut = cut || g.cols.cut(c, v, fyne.TextStyle{}) || g.cols.cut(c, g.headers[c], fyne.TextStyle{Bold: true})
			parts = append(parts, say(model.T("%s: %s", g.headers[c], v)))
		}
		if cut {
			text = strings.Join(parts, " · ")
		}
	}
	was := g.full.Visible()
	if text == "" {
		g.full.Hide()
	} else {
		g.full.SetText(text)
		g.full.Show()
	}
	if g.full.Visible() != was {
		// The table gives its height to the line or takes it back: laid out anew (it kept
		// its size, its rows drawn flat or an empty band under them), the row picked in view.
		g.view.Refresh()
		if g.selected >= 0 {
			g.table.ScrollTo(widget.TableCellID{Row: g.selected, Col: 0})
		}
	}
}

// title is column c's title as its header shows it: broken into two even lines where one
// is cut (and the header has two).
func (g *claimGrid) title(c int) string {
	bold := fyne.TextStyle{Bold: true}
	if g.cols.titles == nil || g.cols.squeezed || !g.cols.cut(c, g.headers[c], bold) {
		return g.headers[c]
	}
	broken, _ := twoLines(g.headers[c], bold)
	return broken
}

// shown is text as column c shows it: nothing while the column is left out (a table does
// not clip its cells: a column of no width drew its text over the next one).
func (g *claimGrid) shown(text string, c int) string {
	if g.cols.leftOut(c) {
		return ""
	}
	return text
}

// cell is the text at a row and column ("" outside the table).
func (g *claimGrid) cell(r, c int) string {
	if r < 0 || r >= len(g.rows) || c < 0 || c >= len(g.rows[r]) {
		return ""
	}
	return g.rows[r][c]
}

// setRows replaces the rows and drops the selection; the columns are shared out anew for them.
func (g *claimGrid) setRows(rows [][]string) {
	g.rows = rows
	g.selected = -1
	g.table.UnselectAll()
	g.showFull() // hides the line, and gives its height back to the table
	g.fit()
	g.box.Refresh()       // lays the columns out again, and the table with them
	g.table.ScrollToTop() // another claim's lines start at its first (they kept the last one's place)
}

// gridMeasuredRows is how many rows fit measures: the first page's texts stand for the rest.
const gridMeasuredRows = 200

// emptyColumnFloor is how narrow a column with nothing in it on the page may become.
const emptyColumnFloor = 40

// shortText is the width (padding included) under which a column's texts are kept whole:
// amounts, counts and dates.
const shortText = 100

// fit gives each column the width its title and texts want, up to the width it was made
// with. A column gives way down to its title on two lines, and where those do not fit
// together down to its title's width or 60 % of its texts' if more (an empty one further,
// one of short texts only down to them), unless those do not fit either; the whole ones
// not at all.
func (g *claimGrid) fit() {
	pad := 2*theme.InnerPadding() + 1 // a label's own padding; 1: no ellipsis from rounding
	bold := fyne.TextStyle{Bold: true}
	natural := make([]float32, len(g.headers))
	floors := make([]float32, len(g.headers))
	least := make([]float32, len(g.headers))
	whole := make([]bool, len(g.headers))
	for c, h := range g.headers {
		title := fyne.MeasureText(h, theme.TextSize(), bold).Width + pad
		var text float32 // the widest text under the title
		for r := range min(len(g.rows), gridMeasuredRows) {
			if t := g.cell(r, c); t != "" {
				text = max(text, fyne.MeasureText(t, theme.TextSize(), fyne.TextStyle{}).Width+pad)
			}
		}
		keep := slices.Contains(g.whole, c)
		short := text > 0 && text <= shortText // an amount, a count, a date: cut, it says nothing
		natural[c] = min(max(title, text), max(title, g.cols.widths[c]))
		least[c] = twoLineWidth(h, bold)
		switch {
		case keep: // its texts and its title
			natural[c] = max(title, text)
			floors[c] = natural[c]
			least[c] = natural[c]
		case short:
			floors[c] = text
			least[c] = max(least[c], text)
		case text > 0:
			floors[c] = min(natural[c], max(title, 0.6*natural[c]))
		default:
			floors[c] = min(title, emptyColumnFloor) // nothing to show yet: the texts go first
		}
		least[c] = min(least[c], natural[c])
		whole[c] = keep || short // kept while a longer text can give
	}
	g.cols.fitTo(natural, floors, least, whole)
}

// oneLineTitles keeps the header row one line high, its titles cut where they must be,
// for a grid under other parts with no height to spare.
func (g *claimGrid) oneLineTitles() { g.cols.titles = nil }

// selectRow selects a row as a click would.
func (g *claimGrid) selectRow(r int) { g.table.Select(widget.TableCellID{Row: r, Col: 0}) }

// claimsScreen batches the cases a manufacturer owes into claims, follows each claim from
// draft to settled, exports its Excel sheet, imports the answers and shows what each
// manufacturer owes.
type claimsScreen struct {
	*screen
	u   *MainUI
	top *container.AppTabs // the claims, and what each manufacturer owes

	balances *claimGrid
	deduct   *button
	list     *claimGrid
	newClaim *button

	caption *widget.Label
	info    *widget.Label
	lines   *claimGrid
	next    *button // the next status
	export  *button
	importB *button
	answer  *button
	remove  *button
	del     *button
	message *widget.Label
	errs    *errorBanner

	// The question asked before answers are recorded, while it is open.
	confirm  *dialog.ConfirmDialog
	question *widget.Label

	builder *claimBuilder

	balanceRows []model.LedgerBalance
	claims      []model.Claim
	current     *model.Claim // the claim on display
	want        model.ClaimNo
}

var claimListHeaders = []model.Text{model.T("Claim"), model.T("Manufacturer"), model.T("Status"), model.T("Lines"), model.T("Answered"), model.T("Amount"), model.T("Credit")}

var claimLineHeaders = []model.Text{model.T("Case no."), model.T("Model"), model.T("Serial"), model.T("Reported"), model.T("Remedy asked"), model.T("Amount"), model.T("Freight"),
	model.T("Decision"), model.T("Credit"), model.T("Their note")}

// newClaimsScreen builds the Claims screen, the batches claimed from manufacturers.
func newClaimsScreen(u *MainUI) *screen {
	s := &claimsScreen{u: u}
	u.claims = s

	s.balances = newClaimGrid([]model.Text{model.T("Manufacturer"), model.T("Credits"), model.T("Freight"), model.T("Owed"), model.T("Deducted")},
		[]float32{120, 80, 80, 85, 90})
	s.deduct = newIconButton(say(model.T("Mark deducted on PI…")), theme.ConfirmIcon(), s.askDeduct)
	s.deduct.Disable()
	s.balances.onSelect = func(r int) { // nothing to deduct from a balance of 0.00
		if r < len(s.balanceRows) && s.balanceRows[r].Owed != 0 {
			s.deduct.Enable()
		} else {
			s.deduct.Disable()
		}
	}

	s.list = newClaimGrid(claimListHeaders, []float32{135, 115, 95, 60, 88, 90, 90})
	s.list.opensDetail = true // the caption and info under it
	s.list.whole = []int{0}
	s.list.onSelect = func(r int) {
		if r < len(s.claims) {
			s.open(s.claims[r].ClaimNo)
		}
	}
	s.newClaim = newIconButton(say(model.T("New claim…")), theme.ContentAddIcon(), s.showBuilder)

	s.caption = newHeading("")
	s.caption.SizeName = theme.SizeNameSubHeadingText
	s.info = widget.NewLabel(say(model.T("Choose a claim on the left, or make a new one from the cases a manufacturer owes.")))
	s.info.Wrapping = fyne.TextWrapWord
	s.lines = newClaimGrid(claimLineHeaders, []float32{150, 85, 160, 100, 112, 72, 68, 90, 68, 135})
	s.lines.whole = []int{0, 2, 3}      // case no., serial, reported
	s.lines.cols.minor = []int{6, 9, 3} // freight, their note, reported: shown under the selected line
	s.lines.onSelect = func(int) { s.updateButtons() }
	s.next = newIconButton(say(model.T("Submit")), theme.MailSendIcon(), s.moveNext)
	s.export = newIconButton(say(model.T("Export Excel…")), theme.DocumentSaveIcon(), s.askExport)
	s.importB = newIconButton(say(model.T("Import answers…")), theme.FolderOpenIcon(), s.askImport)
	s.answer = newIconButton(say(model.T("Record answer…")), theme.DocumentCreateIcon(), s.askAnswer)
	s.remove = newIconButton(say(model.T("Remove line")), theme.ContentRemoveIcon(), s.removeSelected)
	s.del = newIconButton(say(model.T("Delete draft")), theme.DeleteIcon(), s.askDelete)
	u.writes(s.deduct, s.newClaim, s.next, s.importB, s.answer, s.remove, s.del)
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.errs = newErrorBanner()
	s.builder = newClaimBuilder(s)
	s.updateButtons()

	listBox := container.NewBorder(widget.NewLabel(say(model.T("Newest first; choose one to see its lines."))), nil, nil, nil, s.list.view)
	// The note gives way to the button, on two lines if need be (the button was cut at 1024 px).
	owedNote := widget.NewLabel(say(model.T("Credits and freight the manufacturers owe, to deduct on the next proforma invoice.")))
	owedNote.Wrapping = fyne.TextWrapWord
	balanceBox := container.NewBorder(container.NewBorder(nil, nil, nil, s.deduct, owedNote),
		nil, nil, nil, s.balances.view)
	// Tabs, not side by side: at 1280 px the two tables together cut off their last columns.
	top := container.NewAppTabs(container.NewTabItem(say(model.T("Claims")), listBox),
		container.NewTabItem(say(model.T("Owed by each manufacturer")), balanceBox))
	s.top = top
	// Two rows of three: six in a row are wider than a 1024 px screen leaves for them.
	buttons := container.NewHBox(container.NewGridWithColumns(3, s.next, s.export, s.importB, s.answer, s.remove, s.del))
	detail := container.NewBorder(container.NewVBox(s.caption, s.info, buttons, s.message), nil, nil, nil, s.lines.view)
	body := container.NewBorder(container.NewVBox(s.errs.box, fixedHeight(top, 210), widget.NewSeparator()), nil, nil, nil, detail)
	refresh := newIconButton(say(model.T("Refresh")), theme.ViewRefreshIcon(), s.load)
	s.screen = newScreen(model.T("Claims"), theme.MailSendIcon(), body, s.newClaim, refresh)
	s.onShow = s.load
	return s.screen
}

// claimHeightLayout gives its objects the whole space and asks for a fixed height.
type claimHeightLayout struct{ h float32 }

func (l claimHeightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, l.h)
}

func (l claimHeightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// fixedHeight gives o a fixed height and the width it is given.
func fixedHeight(o fyne.CanvasObject, h float32) fyne.CanvasObject {
	return container.New(claimHeightLayout{h}, o)
}

// load reads the claims and the balances, then shows the claim on display again.
func (s *claimsScreen) load() {
	var claims []model.Claim
	var bal []model.LedgerBalance
	s.act(say(model.T("Could not load the claims")), func(ctx context.Context) (err error) {
		if claims, err = s.u.store.ListClaims(ctx); err == nil {
			bal, err = s.u.store.LedgerBalances(ctx)
		}
		return err
	}, func() {
		s.claims, s.balanceRows = claims, bal
		rows := make([][]string, len(claims))
		for i, c := range claims {
			rows[i] = []string{string(c.ClaimNo), c.Manufacturer, say(c.Status.Label()), fmt.Sprint(c.LineCount),
				fmt.Sprint(c.Answered), c.Amount.String(), c.Credit.String()}
		}
		s.list.setRows(rows)
		brows := make([][]string, len(bal))
		for i, b := range bal {
			brows[i] = []string{b.Manufacturer, b.Credit.String(), b.Freight.String(), b.Owed.String(), b.Deducted.String()}
		}
		s.balances.setRows(brows)
		s.deduct.Disable()
		switch {
		case s.want != "":
			s.open(s.want)
		case s.current != nil:
			s.open(s.current.ClaimNo)
		case len(claims) > 0:
			s.open(claims[0].ClaimNo) // the newest: usually the one being worked on
		}
	})
}

// open shows one claim with its lines.
func (s *claimsScreen) open(no model.ClaimNo) {
	s.want = no
	s.u.background(func(ctx context.Context) func() {
		c, err := s.u.store.FindClaim(ctx, no)
		return func() {
			if s.want != no {
				return
			}
			s.want = ""
			if err != nil {
				s.fail(say(model.T("Could not open claim %s", string(no))), err)
				return
			}
			s.show(c)
		}
	})
}

// show puts a claim on display.
func (s *claimsScreen) show(c *model.Claim) {
	if s.current == nil || s.current.ClaimNo != c.ClaimNo {
		s.message.SetText("")
	}
	s.current = c
	s.caption.SetText(say(model.T("%s to %s", c.ClaimNo, c.Manufacturer)))
	var amount, credit model.Money
	answered := 0
	for _, l := range c.Lines {
		amount += l.Amount()
		credit += l.Credit
		if l.Decision != "" {
			answered++
		}
	}
	period := strings.Trim(c.PeriodFrom.String()+" – "+c.PeriodUntil.String(), " –")
	s.info.SetText(say(model.T("%s · period %s · %s, %d answered · %s claimed, %s credited",
		say(c.Status.Label()), orDashText(period), say(model.Count(len(c.Lines), "%d line", "%d lines")), answered, amount, credit)))
	rows := make([][]string, len(c.Lines))
	for i, l := range c.Lines {
		rows[i] = []string{string(l.CaseNo), string(l.Model), string(l.Serial), dateText(l.ReportedDate),
			say(l.RemedyAsked.Label()), l.Amount().String(), l.Freight.String(), say(l.Decision.Label()),
			creditText(l), l.AnswerNote}
	}
	s.lines.setRows(rows)
	for i, cl := range s.claims {
		if cl.ClaimNo == c.ClaimNo && s.list.selected != i {
			s.list.table.Select(widget.TableCellID{Row: i, Col: 0})
		}
	}
	s.updateButtons()
}

func creditText(l model.ClaimLine) string {
	if l.Decision == "" {
		return ""
	}
	return l.Credit.String()
}

func orDashText(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// nextLabels names the button that moves a claim on.
var nextLabels = map[model.ClaimStatus]model.Text{
	model.ClaimDraft:     model.T("Mark submitted"),
	model.ClaimSubmitted: model.T("Mark answered"),
	model.ClaimAnswered:  model.T("Settle"),
}

// updateButtons enables what the claim on display allows.
func (s *claimsScreen) updateButtons() {
	c := s.current
	for _, b := range []*button{s.next, s.export, s.importB, s.answer, s.remove, s.del} {
		b.Disable()
	}
	if c == nil {
		s.next.SetText(say(model.T("Mark submitted")))
		return
	}
	s.export.Enable()
	if l, ok := nextLabels[c.Status]; ok {
		s.next.SetText(say(l))
		s.next.Enable()
	} else {
		s.next.SetText(say(model.T("Settled")))
	}
	if c.Status.Open() {
		s.importB.Enable()
		if s.lines.selected >= 0 {
			s.answer.Enable()
		}
	}
	if c.Status == model.ClaimDraft {
		s.del.Enable()
		if s.lines.selected >= 0 && len(c.Lines) > 1 {
			s.remove.Enable()
		}
	}
}

// moveNext moves the claim on display one step. The steps that cannot be undone and leave
// money behind ask first: marking answered a claim with no answer, and settling (its
// unanswered cases can never be claimed again). The question also stops a double click,
// whose second click would land on the button's next step.
func (s *claimsScreen) moveNext() {
	c := s.current
	if c == nil || s.next.Disabled() {
		return
	}
	to := c.Status.Next()
	move := func() {
		s.next.Disable() // until the claim is shown again, at its new step
		s.changeClaim(say(model.T("Could not move the claim")), func(ctx context.Context) (*model.Claim, error) {
			return s.u.store.SetClaimStatus(ctx, c.ClaimNo, to)
		}, func(got *model.Claim) string {
			return say(model.T("Claim %s: %s.", got.ClaimNo, got.Status.Label()))
		})
	}
	unanswered := 0
	for _, l := range c.Lines {
		if l.Decision == "" {
			unanswered++
		}
	}
	var question model.Text
	switch {
	case to == model.ClaimAnswered && unanswered == len(c.Lines):
		question = model.T("No line of claim %s has an answer yet. Mark it answered anyway? Its answers are recorded with Import answers… or Record answer….", c.ClaimNo)
	case to == model.ClaimSettled && unanswered > 0:
		question = model.T("Settle claim %s? It is closed for good: %s without an answer stay in it unpaid and cannot be claimed again.",
			c.ClaimNo, say(model.Count(unanswered, "%d line", "%d lines")))
	case to == model.ClaimSettled:
		question = model.T("Settle claim %s? It is closed for good.", c.ClaimNo)
	default:
		move()
		return
	}
	d := dialog.NewConfirm(say(nextLabels[c.Status]), say(question), func(ok bool) {
		if ok {
			move()
		}
	}, s.u.win)
	d.SetConfirmText(say(nextLabels[c.Status]))
	d.SetDismissText(say(model.T("Not yet")))
	s.u.showQuestion(d, true) // Enter keeps the claim where it is
}

// removeSelected takes the selected line out of the draft on display.
func (s *claimsScreen) removeSelected() {
	c := s.current
	r := s.lines.selected
	if c == nil || r < 0 || r >= len(c.Lines) {
		return
	}
	caseNo := c.Lines[r].CaseNo
	s.changeClaim(say(model.T("Could not remove the line")), func(ctx context.Context) (*model.Claim, error) {
		return s.u.store.RemoveClaimLine(ctx, c.ClaimNo, caseNo)
	}, func(*model.Claim) string {
		return say(model.T("%s is out of the claim; it is owed again and can go in a later claim.", caseNo))
	})
}

func (s *claimsScreen) askDelete() {
	c := s.current
	if c == nil {
		return
	}
	d := dialog.NewConfirm(say(model.T("Delete draft claim")), say(model.T("Delete draft claim %s? Its %s will be owed again.",
		c.ClaimNo, say(model.Count(len(c.Lines), "%d case", "%d cases")))), func(ok bool) {
		if ok {
			s.deleteDraft()
		}
	}, s.u.win)
	d.SetConfirmText(say(model.T("Delete draft")))
	d.SetDismissText(say(model.T("Keep it")))
	s.u.showQuestion(d, true) // Enter keeps the draft
}

// deleteDraft deletes the draft on display.
func (s *claimsScreen) deleteDraft() {
	c := s.current
	if c == nil {
		return
	}
	s.act(say(model.T("Could not delete the claim")), func(ctx context.Context) error {
		return s.u.store.DeleteClaim(ctx, c.ClaimNo)
	}, func() {
		s.current = nil
		s.caption.SetText("")
		s.info.SetText(say(model.T("Claim %s was deleted.", string(c.ClaimNo))))
		s.lines.setRows(nil)
		s.updateButtons()
		s.load()
	})
}

// askExport asks where to save the claim sheet, after asking whether to go on when the
// shop's details are missing from its header.
func (s *claimsScreen) askExport() {
	c := s.current
	if c == nil {
		return
	}
	today := s.u.today()
	var sheet *export.ClaimSheet
	s.act(say(model.T("Could not export the claim sheet")), func(ctx context.Context) (err error) {
		sheet, err = export.LoadClaimSheet(ctx, s.u.store, c.ClaimNo, today)
		return err
	}, func() {
		s.u.confirmMissing(sheet.Missing(), say(model.T("Export anyway")), func() {
			s.u.askSavePath(say(model.T("Save the claim sheet of %s", string(c.ClaimNo))), string(c.ClaimNo)+".xlsx", ".xlsx", false, s.exportTo)
		}, nil)
	})
}

// exportTo writes the claim sheet of the claim on display to path.
func (s *claimsScreen) exportTo(path string) {
	c := s.current
	if c == nil {
		return
	}
	today := s.u.today()
	s.act(say(model.T("Could not export the claim sheet")), func(ctx context.Context) error {
		sheet, err := export.LoadClaimSheet(ctx, s.u.store, c.ClaimNo, today)
		if err == nil {
			err = export.SaveClaimSheet(path, s.u.outGuard(), sheet)
		}
		return err
	}, func() {
		s.message.SetText(say(model.T("Saved the claim sheet of %s (%d lines) to %s. Send it to %s; import it here when it comes back answered.",
			c.ClaimNo, len(c.Lines), path, c.Manufacturer)))
	})
}

// askImport asks for the answered claim sheet.
func (s *claimsScreen) askImport() {
	s.u.showFileDialog(newOpenPath(s.u.win, []string{".xlsx"}, s.importFrom))
}

// importFrom records the answers in the sheet at path against the claim it names (or the
// claim on display), and says what it did. What recording them would do is checked first,
// so that the dealer is asked before a draft is recorded as submitted or a line credited
// more than it claimed.
func (s *claimsScreen) importFrom(path string) {
	var onDisplay model.ClaimNo
	if s.current != nil {
		onDisplay = s.current.ClaimNo
	}
	var ans *export.ClaimAnswers
	var no model.ClaimNo
	var check *model.ClaimAnswerReport
	s.act(say(model.T("Could not import the answers")), func(ctx context.Context) (err error) {
		if ans, err = export.ReadClaimAnswersFile(path); err == nil {
			err = ans.Refusal(filepath.Base(path))
		}
		if err != nil {
			return err
		}
		if no = ans.ClaimNo; no == "" {
			no = onDisplay
		}
		if no == "" {
			return model.Errorf(model.EINVALID, "%s does not say which claim it answers: open the claim first", filepath.Base(path))
		}
		check, err = s.u.store.CheckClaimAnswers(ctx, no, ans.Answers)
		return err
	}, func() { s.askBeforeRecording(no, ans.Answers, check, "") })
}

// askBeforeRecording asks, one question after the other, what the check of the answers
// found worth asking, and records the answers when every answer is yes. byHand is the case
// of an answer typed in ("" for the answers of a file).
func (s *claimsScreen) askBeforeRecording(no model.ClaimNo, answers []model.ClaimAnswer, check *model.ClaimAnswerReport, byHand model.CaseNo) {
	type question struct{ title, text, yes string }
	var qs []question
	if check.Submitted {
		qs = append(qs, question{say(model.T("%s is a draft", string(no))),
			say(model.T("This claim is still a draft. Record it as submitted, then the answers?")), say(model.T("Record"))})
	}
	if n := len(check.OverCredits); n > 0 {
		qs = append(qs, question{say(model.T("Credits above the claim")), say(model.T(
			"The answers credit %s more than claimed:\n\n%s\n\nA typing slip? Record these credits as they are?",
			say(model.Count(n, "%d line", "%d lines")), listed(check.OverCredits))), say(model.T("Record"))})
	}
	if n := len(check.Replaced); n > 0 {
		qs = append(qs, question{say(model.T("Answers recorded before")), say(model.T(
			"These answers change %s recorded before:\n\n%s\n\nAn older sheet? Record the new answers over the old ones?",
			say(model.Count(n, "%d line", "%d lines")), listed(check.Replaced))), say(model.T("Record"))})
	}
	var ask func(i int)
	ask = func(i int) {
		if i == len(qs) {
			s.confirm, s.question = nil, nil
			s.recordAnswers(no, answers, byHand)
			return
		}
		q := qs[i]
		s.question = widget.NewLabel(q.text)
		s.confirm = dialog.NewCustomConfirm(q.title, q.yes, say(model.T("Cancel")), s.question, func(ok bool) {
			if !ok {
				s.confirm, s.question = nil, nil
				s.message.SetText(say(model.T("Nothing was imported.")))
				return
			}
			ask(i + 1)
		}, s.u.win)
		s.u.showQuestion(s.confirm, true) // a warning: Enter does not record past it
	}
	ask(0)
}

// listed is the wordings of up to ten items, one a line, and how many more there are.
func listed[T interface{ Text() model.Text }](items []T) string {
	lines := make([]string, 0, min(len(items), 11))
	for i, it := range items {
		if i == 10 {
			lines = append(lines, say(model.T("… and %d more", len(items)-i)))
			break
		}
		lines = append(lines, say(it.Text()))
	}
	return strings.Join(lines, "\n")
}

// recordAnswers records answers the dealer has agreed to and says what it did.
func (s *claimsScreen) recordAnswers(no model.ClaimNo, answers []model.ClaimAnswer, byHand model.CaseNo) {
	var rep *model.ClaimAnswerReport
	s.act(say(model.T("Could not import the answers")), func(ctx context.Context) (err error) {
		rep, err = s.u.store.AnswerClaimLines(ctx, no, answers, deskActor())
		return err
	}, func() {
		s.message.SetText(answerReportText(rep, byHand))
		s.want = rep.ClaimNo
		s.load()
	})
}

// answerReportText says what an import, or the answer typed in for case byHand, did, for
// the message under the buttons.
func answerReportText(r *model.ClaimAnswerReport, byHand model.CaseNo) string {
	var b strings.Builder
	if note := say(r.DraftNote()); note != "" {
		b.WriteString(say(model.T("%s.", capitalized(note))) + " ")
	}
	switch {
	case byHand == "":
		b.WriteString(say(model.T("Claim %s (%s): %d lines matched, %d changed, %d unchanged.", string(r.ClaimNo),
			say(r.Status.Label()), r.Matched, r.Changed, r.Unchanged)))
	case r.Changed > 0:
		b.WriteString(say(model.T("The answer for %s is recorded; claim %s is %s.", string(byHand), string(r.ClaimNo), say(r.Status.Label()))))
	default:
		b.WriteString(say(model.T("The answer for %s was recorded already, as it is.", string(byHand))))
	}
	if n := len(r.Unanswered); n > 0 {
		b.WriteString(" " + say(model.T("%d without an answer in the file (left as they were).", n)))
	}
	if n := len(r.Unmatched); n > 0 {
		b.WriteString(" " + say(model.T("Not in the claim (ignored): %s.", joinCaseNos(r.Unmatched))))
	}
	if n := len(r.Missing); n > 0 && byHand == "" { // one line typed in leaves the others as they are
		b.WriteString(" " + say(model.T("%d lines are not in the file.", n)))
	}
	for _, w := range r.Warnings {
		b.WriteString(" " + say(model.T("Warning: %s.", say(w))))
	}
	for _, o := range r.OverCredits {
		b.WriteString(" " + say(model.T("Warning: %s.", say(o.Text()))))
	}
	return b.String()
}

func joinCaseNos(cs []model.CaseNo) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return sayList(s)
}

// askAnswer records the manufacturer's answer to the selected line by hand (an answer
// that came by e-mail or phone).
func (s *claimsScreen) askAnswer() {
	c := s.current
	r := s.lines.selected
	if c == nil || r < 0 || r >= len(c.Lines) {
		return
	}
	l := c.Lines[r]
	typed := answerTyped{decision: slices.Index(model.Decisions, l.Decision), note: l.AnswerNote}
	if l.Decision != "" {
		typed.credit = l.Credit.String()
	}
	s.answerDialog(l, typed)
}

// answerTyped is what the answer dialog holds, kept when it opens again to say what is missing.
type answerTyped struct {
	decision       int // in model.Decisions; -1 for none
	credit, note   string
	decisionNeeded bool
}

// answerDialog asks for line l's answer, filled in with typed. The credit is checked as it
// is typed (the dialog cannot be sent with a credit that is not an amount); a missing
// decision opens the dialog again with what was typed and the problem under the field.
func (s *claimsScreen) answerDialog(l model.ClaimLine, typed answerTyped) {
	var choices []string
	for _, d := range model.Decisions {
		choices = append(choices, say(d.Label()))
	}
	decision := newChoice(choices, nil)
	decision.PlaceHolder = say(model.T("Choose the decision"))
	if typed.decision >= 0 {
		decision.SetSelectedIndex(typed.decision)
	}
	decisionMsg := newFieldMessage()
	if typed.decisionNeeded {
		showFieldMessage(decisionMsg, say(model.T("choose the manufacturer's decision")))
	}
	decision.OnChanged = func(string) { showFieldMessage(decisionMsg, "") } // answered
	credit := s.u.newEntry()
	credit.selectOnFocus = true
	credit.SetPlaceHolder(l.Amount().String())
	credit.SetText(typed.credit)
	credit.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return nil
		}
		if _, err := model.ParseMoney(v); err != nil {
			return errors.New(say(model.ErrorText(err)))
		}
		return nil
	}
	note := s.u.newEntry()
	note.SetText(typed.note)
	items := []*widget.FormItem{
		widget.NewFormItem(say(model.T("Decision")), container.NewVBox(decision, decisionMsg)),
		{Text: say(model.T("Credit")), Widget: credit, HintText: say(model.T("empty: what the line asks for when accepted"))},
		widget.NewFormItem(say(model.T("Note")), note),
	}
	s.u.showForm(dialog.NewForm(say(model.T("Answer to %s", string(l.CaseNo))), say(model.T("Record")), say(model.T("Cancel")), items, func(ok bool) {
		if !ok {
			return
		}
		i := decision.SelectedIndex()
		if i < 0 {
			s.answerDialog(l, answerTyped{decision: -1, credit: credit.Text, note: note.Text, decisionNeeded: true})
			return
		}
		s.recordAnswer(l.CaseNo, model.Decisions[i], credit.Text, note.Text)
	}, s.u.win))
}

// recordAnswer records one line's answer.
func (s *claimsScreen) recordAnswer(caseNo model.CaseNo, d model.Decision, credit, note string) {
	c := s.current
	if c == nil {
		return
	}
	a := model.ClaimAnswer{CaseNo: caseNo, Decision: d, Note: note}
	if strings.TrimSpace(credit) != "" {
		m, err := model.ParseMoney(credit)
		if err != nil {
			s.fail(say(model.T("Could not record the answer")), model.Invalid("credit", "%s", model.ErrorText(err)))
			return
		}
		a.Credit = &m
	}
	// The same questions as an import: a draft is recorded as submitted first, a credit
	// above the claim may be a typing slip.
	answers := []model.ClaimAnswer{a}
	var check *model.ClaimAnswerReport
	s.act(say(model.T("Could not record the answer")), func(ctx context.Context) (err error) {
		check, err = s.u.store.CheckClaimAnswers(ctx, c.ClaimNo, answers)
		return err
	}, func() {
		s.askBeforeRecording(c.ClaimNo, answers, check, caseNo)
	})
}

// askDeduct asks for the PI the selected manufacturer's balance was deducted on, and which
// of its claims the PI deducts (a factory lists them; all are ticked to begin with).
func (s *claimsScreen) askDeduct() {
	r := s.balances.selected
	if r < 0 || r >= len(s.balanceRows) {
		return
	}
	b := s.balanceRows[r]
	var entries []model.LedgerEntry
	s.act(say(model.T("Could not read what %s owes", b.Manufacturer)), func(ctx context.Context) (err error) {
		entries, err = s.u.store.LedgerEntries(ctx, b.ManufacturerID, true)
		return err
	}, func() { s.showDeduct(b, owedByClaim(entries)) })
}

// claimOwed is what one claim still owes, credits and freight.
type claimOwed struct {
	no   model.ClaimNo
	owed model.Money
}

// owedByClaim sums outstanding ledger entries by claim, the oldest claim first.
func owedByClaim(entries []model.LedgerEntry) []claimOwed {
	var out []claimOwed
	for _, e := range entries {
		i := slices.IndexFunc(out, func(c claimOwed) bool { return c.no == e.ClaimNo })
		if i < 0 {
			out = append(out, claimOwed{no: e.ClaimNo})
			i = len(out) - 1
		}
		out[i].owed += e.Amount
	}
	slices.SortFunc(out, func(a, b claimOwed) int { return strings.Compare(string(a.no), string(b.no)) })
	return out
}

// showDeduct is the deduct dialog of balance b, owed on claims.
func (s *claimsScreen) showDeduct(b model.LedgerBalance, claims []claimOwed) {
	if len(claims) == 0 {
		return // deducted meanwhile at another counter: the list says so once it is loaded again
	}
	pi := s.u.newEntry()
	pi.SetPlaceHolder(say(model.T("PI-2026-031")))
	// Checked as typed, under the field: the form cannot be sent without a PI number.
	pi.Validator = piProblem
	items := []*widget.FormItem{{Text: say(model.T("Proforma invoice")), Widget: pi, HintText: say(model.T("the PI of the next order, on which the balance was deducted"))}}
	chosen := make([]bool, len(claims))
	total := widget.NewLabel("")
	sum := func() {
		var m model.Money
		for i, c := range claims {
			if chosen[i] {
				m += c.owed
			}
		}
		total.SetText(say(model.T("To deduct: %s of %s", m, b.Owed)))
	}
	if len(claims) > 1 {
		list := container.NewVBox()
		for i, c := range claims {
			box := newCheck(say(model.T("%s · %s", c.no, c.owed)), func(on bool) {
				chosen[i] = on
				sum()
			})
			box.SetChecked(true)
			list.Add(box)
		}
		scroll := container.NewVScroll(list)
		scroll.SetMinSize(fyne.NewSize(0, min(list.MinSize().Height, 180)))
		items = append(items, &widget.FormItem{Text: say(model.T("Claims")), Widget: container.NewBorder(nil, total, nil, nil, scroll),
			HintText: say(model.T("the claims the PI lists"))})
	} else {
		chosen[0] = true
	}
	// The title asks; it must not read as done before the dealer says so. With claims to
	// tick, the amount is the running total under them.
	title := say(model.T("Deduct %s's %s on a PI?", b.Manufacturer, b.Owed))
	if len(claims) > 1 {
		title = say(model.T("Deduct what %s owes on a PI?", b.Manufacturer))
	}
	s.u.showForm(dialog.NewForm(title, say(model.T("Mark deducted")), say(model.T("Cancel")),
		items, func(ok bool) {
			if !ok {
				return
			}
			var named []model.ClaimNo
			for i, c := range claims {
				if chosen[i] {
					named = append(named, c.no)
				}
			}
			if len(named) == 0 {
				s.message.SetText(say(model.T("Nothing was deducted: no claim was ticked.")))
				return
			}
			s.markDeducted(b.ManufacturerID, pi.Text, named)
		}, s.u.win))
	s.u.win.Canvas().Focus(pi)
}

// piProblem is what is wrong with a PI number, as the deduct dialog shows it under the
// field (the store's rule, model.CheckPI), or nil.
func piProblem(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New(say(model.T("type the number of the proforma invoice")))
	}
	if t, ok := model.FieldTexts(model.CheckPI(v))["pi"]; ok {
		return errors.New(say(model.T("The number %s", t)))
	}
	return nil
}

// markDeducted marks what the claims named owe as deducted on a PI.
func (s *claimsScreen) markDeducted(m model.ManufacturerID, pi string, claims []model.ClaimNo) {
	var n int
	var total model.Money
	s.act(say(model.T("Could not mark the balance deducted")), func(ctx context.Context) (err error) {
		n, total, err = s.u.store.MarkDeducted(ctx, m, pi, claims...)
		if t, ok := model.FieldTexts(err)["pi"]; ok { // not "pi: …" in the banner
			err = model.Errorf(model.EINVALID, "the proforma invoice number %s", t)
		}
		return err
	}, func() {
		// "on PI PI-2026-031" read twice: the PI is named as typed, "PI" only when it lacks it.
		named := strings.TrimSpace(pi)
		if !strings.HasPrefix(strings.ToUpper(named), "PI") {
			named = say(model.T("PI %s", named))
		}
		s.message.SetText(say(model.T("%s in %s marked as deducted on %s.", total, say(model.Count(n, "%d entry", "%d entries")), named)))
		s.load()
	})
}

// showBuilder opens the new-claim panel.
func (s *claimsScreen) showBuilder() {
	s.builder.show()
}

// claimBuilder makes a claim from the cases a manufacturer owes: it lists them (and,
// apart, those the shop carries the cost of), and creates a draft with every owed case;
// the dealer then reviews the lines and removes any before submitting.
type claimBuilder struct {
	s        *claimsScreen
	maker    *choice
	until    *keyEntry
	untilMsg *widget.Label
	find     *button
	create   *button
	summary  *widget.Label
	owed     *claimGrid
	apart    *claimGrid
	content  fyne.CanvasObject
	dlg      *dialog.CustomDialog

	makers []model.Manufacturer
	found  *model.ClaimCandidates
}

func newClaimBuilder(s *claimsScreen) *claimBuilder {
	b := &claimBuilder{s: s}
	b.maker = newChoice(nil, func(string) { b.lookUp() })
	b.maker.PlaceHolder = say(model.T("Choose the manufacturer"))
	b.until = s.u.newEntry()
	b.until.SetPlaceHolder(say(model.T("YYYY-MM-DD (optional)")))
	b.untilMsg = newFieldMessage()
	b.until.OnChanged = func(string) { b.lookUp() }
	b.find = newIconButton(say(model.T("Find cases")), theme.SearchIcon(), b.lookUp)
	b.create = newIconButton(say(model.T("Create draft claim")), theme.ContentAddIcon(), b.createClaim)
	b.create.Importance = widget.HighImportance
	b.create.Disable()
	b.summary = widget.NewLabel(say(model.T("Choose a manufacturer to list the cases it owes.")))
	b.summary.Wrapping = fyne.TextWrapWord
	b.owed = newClaimGrid([]model.Text{model.T("Case no."), model.T("Model"), model.T("Serial"), model.T("Reported"), model.T("Remedy asked"), model.T("Amount"), model.T("Why owed")},
		[]float32{160, 90, 170, 105, 115, 75, 420})
	b.apart = newClaimGrid([]model.Text{model.T("Case no."), model.T("Model"), model.T("Serial"), model.T("Reported"), model.T("Why the shop carries the cost")},
		[]float32{160, 90, 170, 105, 520})
	b.owed.whole, b.apart.whole = []int{0, 2, 3}, []int{0, 2, 3} // case no., serial, reported
	form := container.NewHBox(widget.NewLabel(say(model.T("Manufacturer"))), fixedWidth(b.maker, 200),
		widget.NewLabel(say(model.T("Reported until"))), fixedWidth(b.until, 150), b.untilMsg, b.find)
	owedBox := container.NewBorder(widget.NewLabelWithStyle(say(model.T("Owed: goes in the claim")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, b.owed.view)
	apartBox := container.NewBorder(widget.NewLabelWithStyle(say(model.T("Listed apart: the shop carries the cost (not claimed)")),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, b.apart.view)
	lists := container.NewVSplit(owedBox, apartBox)
	lists.Offset = 0.6
	b.content = container.NewBorder(container.NewVBox(form, b.summary), container.NewHBox(layoutSpacer(), b.create), nil, nil, lists)
	return b
}

// show opens the builder in a dialog with the manufacturers to choose from.
func (b *claimBuilder) show() {
	b.s.u.background(func(ctx context.Context) func() {
		makers, err := b.s.u.store.ListManufacturers(ctx)
		return func() {
			if err != nil {
				b.s.fail(say(model.T("Could not load the manufacturers")), err)
				return
			}
			b.setManufacturers(makers)
		}
	})
	if b.dlg == nil {
		b.dlg = dialog.NewCustom(say(model.T("New claim")), say(model.T("Close")), b.content, b.s.u.win)
		b.dlg.Resize(fyne.NewSize(1000, 640))
	}
	b.s.u.showDialog(b.dlg, nil)
}

func (b *claimBuilder) setManufacturers(makers []model.Manufacturer) {
	b.makers = makers
	b.maker.SetOptions(makerNames(makers))
}

func (b *claimBuilder) manufacturer() *model.Manufacturer {
	return makerNamed(b.makers, b.maker.Selected)
}

// lookUp lists what the chosen manufacturer owes up to the date typed.
func (b *claimBuilder) lookUp() {
	m := b.manufacturer()
	until, msg := parseDateField(b.until.Text)
	showFieldMessage(b.untilMsg, msg)
	if m == nil || msg != "" {
		b.create.Disable()
		return
	}
	id := m.ID
	b.s.u.background(func(ctx context.Context) func() {
		cc, err := b.s.u.store.ClaimableCases(ctx, id, until)
		return func() {
			if cur := b.manufacturer(); cur == nil || cur.ID != id {
				return // the choice changed meanwhile
			}
			if err != nil {
				b.summary.SetText(sayFailed(say(model.T("Could not list the cases")), err))
				b.create.Disable()
				return
			}
			b.showFound(m.Name, cc)
		}
	})
}

func (b *claimBuilder) showFound(maker string, cc *model.ClaimCandidates) {
	b.found = cc
	var total model.Money
	owed := make([][]string, len(cc.Owed))
	for i, c := range cc.Owed {
		total += c.UnitPrice
		owed[i] = []string{string(c.CaseNo), string(c.Model), string(c.Serial), dateText(c.ReportedDate),
			say(c.RemedyAsked.Label()), c.UnitPrice.String(), say(c.Reason)}
	}
	apart := make([][]string, len(cc.DealerCost))
	for i, c := range cc.DealerCost {
		apart[i] = []string{string(c.CaseNo), string(c.Model), string(c.Serial), dateText(c.ReportedDate), say(c.Reason)}
	}
	b.owed.setRows(owed)
	b.apart.setRows(apart)
	text := say(model.T("%s owes %d cases (%s). %d more are listed apart: the shop carries their cost.",
		maker, len(cc.Owed), total, len(cc.DealerCost)))
	if cc.Note.Key != "" {
		text += " " + say(cc.Note)
	}
	b.summary.SetText(text)
	if len(cc.Owed) > 0 {
		b.create.Enable()
	} else {
		b.create.Disable()
	}
}

// createClaim makes the draft claim over every owed case and opens it for review.
func (b *claimBuilder) createClaim() {
	cc := b.found
	if cc == nil || len(cc.Owed) == 0 {
		return
	}
	claim := cc.NewClaim()
	b.create.Disable()
	b.s.u.background(func(ctx context.Context) func() {
		err := b.s.u.store.CreateClaim(ctx, claim)
		return func() {
			if err != nil {
				b.summary.SetText(sayFailed(say(model.T("Could not create the claim")), err))
				return
			}
			if b.dlg != nil {
				b.dlg.Hide()
			}
			b.found = nil
			b.owed.setRows(nil)
			b.apart.setRows(nil)
			b.summary.SetText(say(model.T("Created %s.", claim.ClaimNo)))
			b.s.message.SetText(say(model.T("Draft claim %s to %s with %d cases: review the lines, remove any you do not claim, export the sheet and mark it submitted.",
				claim.ClaimNo, claim.Manufacturer, len(claim.Lines))))
			b.s.want = claim.ClaimNo
			b.s.load()
		}
	})
}

// openClaim shows a claim on the Claims screen (from another screen).
func (s *claimsScreen) openClaim(no model.ClaimNo) {
	s.want = no
	s.top.SelectIndex(0)  // the claims, not what is owed: the claim opened is in view
	s.u.nav.UnselectAll() // so that the sidebar selects (and shows) Claims even when it was selected
	s.u.Show(s.screen.title)
}

// act runs call off the UI thread and then, on the UI thread, says doing failed and why,
// or clears the banner and runs done.
func (s *claimsScreen) act(doing string, call func(ctx context.Context) error, done func()) {
	s.u.background(func(ctx context.Context) func() {
		err := call(ctx)
		return func() {
			if err != nil {
				s.fail(doing, err)
				return
			}
			s.errs.set("", nil)
			done()
		}
	})
}

// changeClaim is act for a change to the claim on display: call returns the claim as it
// now is, which is shown with said's message.
func (s *claimsScreen) changeClaim(doing string, call func(ctx context.Context) (*model.Claim, error), said func(*model.Claim) string) {
	var got *model.Claim
	s.act(doing, func(ctx context.Context) (err error) {
		got, err = call(ctx)
		return err
	}, func() {
		s.message.SetText(said(got))
		s.current = got
		s.load()
	})
}

// fail shows what went wrong and takes away the message of an earlier success, which would
// otherwise stand under the error as if it were still news.
func (s *claimsScreen) fail(doing string, err error) {
	s.message.SetText("")
	s.errs.set(doing, err)
}
