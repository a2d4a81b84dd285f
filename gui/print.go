package gui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/export"
	"returndesk/intake"
	"returndesk/model"
	"returndesk/outfile"
	"returndesk/printing"
)

// printDoc is a document printed for a case.
type printDoc int

const (
	printSlip  printDoc = iota // the maintenance order slip, on the page size chosen in Settings
	printLabel                 // the return label for the manufacturer
)

// openPDF sends a saved PDF to paper: to the CUPS printer named in Settings, on paper of the
// document's own size, or, when none is named, to the system's PDF viewer (which has its own
// Print button). Tests replace it.
var openPDF = func(path, printer string) error {
	if printer != "" {
		_, err := printing.Print(context.Background(), printer, path, filepath.Base(path))
		return err
	}
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", path)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return model.Errorf(model.EINVALID, "there is no PDF viewer to open it with (%s is not installed): open the file yourself, or name a printer in Settings", cmd.Args[0])
		}
		return model.Wrap(model.EINTERNAL, err, "could not open the PDF viewer")
	}
	go cmd.Wait() // the viewer may stay open; do not leave a zombie behind
	return nil
}

// lpInstalled reports whether lp, the way to a printer named in Settings, is on this machine.
// Windows has none (nor has a Linux without CUPS): the PDF then goes to the viewer, whose
// Print dialog reaches every printer Windows knows. Tests replace it.
var lpInstalled = func() bool {
	_, err := exec.LookPath("lp")
	return err == nil
}

// makeCaseDocument writes a case's slip or label into <dataDir>/slips and returns its path and
// the printer chosen in Settings ("" for the viewer).
func makeCaseDocument(ctx context.Context, store model.Store, dataDir string, no model.CaseNo, kind printDoc, now time.Time) (string, string, error) {
	if strings.TrimSpace(dataDir) == "" {
		return "", "", fmt.Errorf("there is no data folder to keep the PDF in")
	}
	s, err := intake.LoadSlip(ctx, store, string(no))
	if err != nil {
		return "", "", err
	}
	printer, err := store.Setting(ctx, export.SettingPrinter)
	if err != nil {
		return "", "", err
	}
	var b bytes.Buffer
	path := export.SlipFile(dataDir, s.Case.CaseNo)
	opt := export.PDFOptions{Created: now}
	if kind == printLabel {
		path = export.LabelFile(dataDir, s.Case.CaseNo)
		err = export.WriteLabel(&b, s, opt)
	} else {
		var page export.PageSize
		if page, err = intake.DefaultPageSize(ctx, store); err == nil {
			err = export.WriteSlip(&b, s, page, opt)
		}
	}
	if err != nil {
		return "", "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", "", err
	}
	if err := outfile.WriteBytes(path, outfile.Guard{}, 0o600, b.Bytes()); err != nil {
		return "", "", err
	}
	return path, strings.TrimSpace(printer), nil
}

// printButtons are the Print slip and Print label buttons of a case, with a line saying where
// the PDF went. The case detail and the counter's result card each have one set.
type printButtons struct {
	u     *MainUI
	slip  *button
	label *button
	msg   *widget.Label
	box   *fyne.Container // the buttons and the message
	// caseNo is the case on display; "" when there is none.
	caseNo func() model.CaseNo
	// said runs after the message changed (the Counter brings it into view).
	said func()
}

func newPrintButtons(u *MainUI, caseNo func() model.CaseNo) *printButtons {
	p := &printButtons{u: u, caseNo: caseNo, said: func() {}}
	p.slip = newIconButton(say(model.T("Print slip")), theme.DocumentPrintIcon(), func() { p.print(printSlip) })
	p.label = newIconButton(say(model.T("Print label")), theme.MailSendIcon(), func() { p.print(printLabel) })
	p.msg = widget.NewLabel("")
	p.msg.Wrapping = fyne.TextWrapWord
	p.msg.Hide()
	p.box = container.NewVBox(container.NewHBox(p.slip, p.label), p.msg)
	return p
}

// clear forgets the message of an earlier print (another case is on display).
func (p *printButtons) clear() {
	p.msg.SetText("")
	p.msg.Hide()
}

// print asks first when the shop's details are missing from the document's header, then makes it.
func (p *printButtons) print(kind printDoc) {
	if p.caseNo() == "" {
		return
	}
	p.slip.Disable()
	p.label.Disable()
	store := p.u.store
	p.u.background(func(ctx context.Context) func() {
		shop, err := intake.LoadShop(ctx, store)
		return func() {
			p.slip.Enable()
			p.label.Enable()
			if err != nil { // making the document says what is wrong
				p.make(kind)
				return
			}
			p.u.confirmMissing(shop.Missing(), say(model.T("Print anyway")), func() { p.make(kind) }, nil)
		}
	})
}

// make makes the document on a goroutine, saves it in the data folder and opens or prints it.
func (p *printButtons) make(kind printDoc) {
	no := p.caseNo()
	if no == "" {
		return
	}
	making, failed := model.T("Making the slip of %s…", string(no)), model.T("Could not make the slip")
	if kind == printLabel {
		making, failed = model.T("Making the label of %s…", string(no)), model.T("Could not make the label")
	}
	p.slip.Disable()
	p.label.Disable()
	p.msg.Importance = widget.MediumImportance
	p.msg.SetText(say(making))
	p.msg.Show()
	p.said()
	store, dataDir := p.u.store, p.u.info.DataDir
	p.u.background(func(ctx context.Context) func() {
		path, printer, err := makeCaseDocument(ctx, store, dataDir, no, kind, p.u.now())
		viewerNote := ""
		if printer != "" && !lpInstalled() {
			viewerNote = say(model.T(" (there is no lp here to send it to printer %s)", printer))
			printer = ""
		}
		if err == nil {
			err = openPDF(path, printer)
		}
		return func() {
			p.slip.Enable()
			p.label.Enable()
			switch {
			case err != nil && path != "":
				p.msg.Importance = widget.DangerImportance
				p.msg.SetText(say(model.T("Saved %s, but could not print it: %s", path, sayError(err))))
			case err != nil:
				p.msg.Importance = widget.DangerImportance
				p.msg.SetText(sayFailed(say(failed), err))
			case printer != "":
				p.msg.Importance = widget.SuccessImportance
				p.msg.SetText(say(model.T("Sent to printer %s (saved as %s).", printer, path)))
			default:
				p.msg.Importance = widget.SuccessImportance
				p.msg.SetText(say(model.T("Saved as %s and opened in the PDF viewer%s.", path, viewerNote)))
			}
			p.msg.Refresh()
			p.said()
		}
	})
}
