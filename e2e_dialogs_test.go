package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"returndesk/gui/probe"
	"returndesk/internal/testenv"
	"returndesk/model"
	"returndesk/model/sqlite"
)

// TestEveryDialogOpensAndClosesInRealWindow starts the real app under Xvfb on a demo database
// and, screen by screen, clicks with the real mouse every button that opens a dialog or a file
// chooser (and the inline policy editor and record forms), checks each time that the dialog
// appeared and that the app is still alive, and closes it again without changing anything:
// Cancel, Close or Keep it, never a confirmation. Fyne's test driver hides crashes that only its
// real driver has (FileDialog.Resize before Show panicked there: Attach photo, Choose logo,
// Back up now, Restore); this test sees them. The widgets probe (gui/probe_widgets.go) tells it
// where the window's buttons and texts are. The Print buttons open no dialog and are not
// clicked; the app runs with a PATH that holds no PDF viewer or lp, so that no stray click
// can start one. At the end the cases and claims are as before and stderr holds no panic.
// A failure saves a screenshot; RETURNDESK_SHOTS=DIR keeps one of every step in DIR.
func TestEveryDialogOpensAndClosesInRealWindow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if _, stderr, code := runBinary(t, nil, "demo", "--db", db, "--cases", "60"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	shop := prepareDialogShop(t, db)
	before := shopState(t, db)

	w := startDialogWalk(t, db)
	w.until("the dashboard", func(r probeReport) bool { return r.Screen == "Dashboard" && r.Pending == 0 })
	w.shot("dashboard")
	w.nav("Counter")

	// Cases: a case in each status whose moves together are every move, each opened from the list.
	w.nav("Cases")
	moves := map[string]bool{}
	for _, c := range []struct{ no, photo string }{{shop.received, ""}, {shop.diagnosing, shop.photo}, {shop.ready, ""}} {
		w.openCase(c.no)
		r := w.report()
		for _, label := range moveLabels {
			if r.find(0, enabledButton(label)) != nil {
				w.dialog(label, enabledButton(label), label, "Cancel")
				moves[label] = true
			}
		}
		w.dialog("Attach photo…", enabledButton("Attach photo…"), "Open File", "Cancel")
		if c.photo != "" {
			w.dialog("the photo "+c.photo, func(it probeItem) bool { return it.Kind == "tap" }, c.photo, "Close")
		}
		w.press("Back to cases")
		w.until("the case list", func(r probeReport) bool { return r.Screen == "Cases" })
	}
	for _, label := range moveLabels {
		if !moves[label] {
			t.Errorf("no case offered the move %q: choose the cases again", label)
		}
	}

	// Claims: the newest (answered) claim opens first; the draft and the balance are chosen.
	w.nav("Claims")
	w.until("claim "+shop.answered, hasText(0, shop.answered+" to "))
	w.dialog("New claim…", enabledButton("New claim…"), "New claim", "Close")
	// ReturnDesk's own save dialog (Fyne's empties the chosen file first), with its folder chooser.
	// The demo shop has no details in Settings: the claim sheet asks first, then Export anyway goes on.
	layers := len(w.report().Layers)
	w.dialog("Export Excel…", enabledButton("Export Excel…"), "Shop details missing", "")
	w.press("Export anyway")
	w.untilDrawn(`dialog "Save the claim sheet of"`, func(r probeReport) bool {
		return len(r.Layers) == layers+1 && r.find(-1, textPrefix("", "Save the claim sheet of")) != nil
	})
	w.shot("Export Excel… anyway")
	// The folder button is the icon at the end of the folder field: a button with no text.
	w.dialog("the folder button", enabledButton(""), "Open Folder", "Cancel")
	w.close("Cancel", len(w.report().Layers)-1)
	w.dialog("Import answers…", enabledButton("Import answers…"), "Open File", "Cancel")
	w.clickText("cell", shop.answeredLine)
	w.dialog("Record answer…", enabledButton("Record answer…"), "Answer to "+shop.answeredLine, "Cancel")
	w.clickText("cell", shop.draft)
	w.until("claim "+shop.draft, hasText(0, shop.draft+" to "))
	w.dialog("Delete draft", enabledButton("Delete draft"), "Delete draft claim", "Keep it")
	w.clickText("tab", "Owed by each manufacturer")
	w.clickText("cell", "EleTrek")
	w.dialog("Mark deducted on PI…", enabledButton("Mark deducted on PI…"), "Deduct ", "Cancel")

	w.nav("OEM orders")
	w.dialog("New order…", enabledButton("New order…"), "New OEM order", "Close")

	w.nav("Reports")
	for _, tab := range []string{"Models", "Recovery", "Turnaround", "OEM batches"} {
		w.clickText("tab", tab)
		w.shot("reports-" + tab)
	}
	w.dialog("Export Excel…", enabledButton("Export Excel…"), "Export OEM batches as an Excel workbook", "Cancel")

	// The record forms are part of their screens: a record chosen in the list, then a new one.
	w.nav("Customers")
	w.editForms("customer")
	w.nav("Products & serials")
	w.editForms("product")
	n := len(w.report().Layers)
	w.press("Import sales records…") // the import window, and the file chooser over it
	w.untilDrawn("the import window under its file chooser", func(r probeReport) bool {
		return len(r.Layers) == n+2 && r.find(n, text("", "Import sales records")) != nil &&
			r.find(-1, textPrefix("", "Choose a sales-record file")) != nil
	})
	w.shot("sales-import")
	w.close("Cancel", n+1)
	w.dialog("Choose file…", enabledButton("Choose file…"), "Choose a sales-record file", "Cancel")
	w.close("Cancel", n)

	w.nav("Manufacturers & policies")
	w.editForms("manufacturer")
	w.clickText("tab", "Warranty policies")
	w.clickFirst("item")
	for _, b := range []string{"Copy…", "Edit…"} {
		w.press(b)
		w.until("the policy editor", func(r probeReport) bool {
			return r.find(0, enabledButton("Cancel")) != nil && r.find(0, enabledButton(b)) == nil
		})
		w.shot("policy-" + strings.TrimSuffix(b, "…"))
		w.press("Cancel")
		w.until("the policy again", func(r probeReport) bool { return r.find(0, enabledButton(b)) != nil })
	}

	w.nav("Settings")
	w.dialog("Choose logo…", enabledButton("Choose logo…"), "Open File", "Cancel")
	w.dialog("Back up now…", enabledButton("Back up now…"), "Back up to a file", "Cancel")
	// A backup chosen to restore is checked, then the restore is asked for: Cancel.
	n = len(w.report().Layers)
	w.dialog("Restore from backup…", enabledButton("Restore from backup…"), "Open File", "")
	w.click(w.reveal("the backup "+shop.backup, -1, text("", strings.TrimSuffix(shop.backup, model.BackupExt))))
	w.press("Open") // the chooser closes, the backup is checked, then the question comes
	w.untilDrawn("the question before a restore", func(r probeReport) bool {
		return len(r.Layers) == n+1 && r.find(-1, text("", "Restore from backup?")) != nil
	})
	w.shot("restore-question")
	w.close("Cancel", n)
	w.nav("Dashboard")

	w.stop()
	if after := shopState(t, db); after != before {
		t.Errorf("the walk changed the cases or claims: %s", firstDifference(before, after))
	}
}

// firstDifference shows the first line where a and b differ, with the lines before it.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		if i >= len(al) || i >= len(bl) || al[i] != bl[i] {
			from := max(i-3, 0)
			return fmt.Sprintf("before:\n%s\nafter:\n%s", strings.Join(al[from:min(i+1, len(al))], "\n"),
				strings.Join(bl[from:min(i+1, len(bl))], "\n"))
		}
	}
	return "no line differs"
}

// moveLabels are the case detail's move buttons (gui's moveLabel); each opens a dialog with a note.
var moveLabels = []string{"Start diagnosing", "Send to service centre", "Await manufacturer", "Ready for pickup",
	"Close case", "Cancel case"}

// dialogShop is what the walk needs to find in the demo database.
type dialogShop struct {
	received, diagnosing, ready string // case numbers, one in each status
	photo                       string // the name of the photo of the diagnosing case
	draft                       string // the demo's draft claim
	answered, answeredLine      string // a claim answered in part, so that a balance is owed, and one of its cases
	backup                      string // a backup in the folder of the daily ones, where Restore looks first
}

// prepareDialogShop answers one line of a new claim (a balance to deduct), makes a backup to
// restore and attaches a photo to a case, so that every dialog has something to open on.
func prepareDialogShop(t *testing.T, db string) dialogShop {
	t.Helper()
	var shop dialogShop
	claims := claimNumbers(t, db)
	if len(claims) != 1 {
		t.Fatalf("the demo has claims %v, want one draft", claims)
	}
	shop.draft = claims[0]
	out, stderr, code := runBinary(t, nil, "claim", "create", "--manufacturer", "EleTrek", "--db", db, "--json")
	var created struct {
		ClaimNo string   `json:"claim_no"`
		Lines   []string `json:"lines"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &created) != nil || len(created.Lines) == 0 {
		t.Fatalf("claim create: exit %d, %q, %q", code, out, stderr)
	}
	shop.answered, shop.answeredLine = created.ClaimNo, created.Lines[0]
	sheet := filepath.Join(t.TempDir(), "claim.xlsx")
	if _, stderr, code := runBinary(t, nil, "claim", "export", shop.answered, "--out", sheet, "--db", db); code != 0 {
		t.Fatalf("claim export: %s", stderr)
	}
	script := "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['Claim']['R11'] = 'Accepted'\nwb.save(sys.argv[1])\n"
	if b, err := exec.Command(testenv.Python(t), "-c", script, sheet).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, b)
	}
	if _, stderr, code := runBinary(t, nil, "claim", "import", sheet, "--db", db); code != 0 {
		t.Fatalf("claim import: %s", stderr)
	}

	for _, c := range listCases(t, db, "--limit", "1000") {
		switch {
		case c.Status == "received" && shop.received == "":
			shop.received = c.CaseNo
		case c.Status == "diagnosing" && shop.diagnosing == "":
			shop.diagnosing = c.CaseNo
		case c.Status == "ready_for_pickup" && shop.ready == "":
			shop.ready = c.CaseNo
		}
	}
	if shop.received == "" || shop.diagnosing == "" || shop.ready == "" {
		t.Fatalf("the demo lacks a case received, diagnosing or ready for pickup: %+v", shop)
	}

	shop.backup = "walk" + model.BackupExt // a short name: the file chooser cuts long ones short
	backups := filepath.Join(filepath.Dir(db), "backups")
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runBinary(t, nil, "backup", "--db", db, "--out", filepath.Join(backups, shop.backup)); code != 0 {
		t.Fatalf("backup: %s", stderr)
	}

	// The photo, as the case detail's Attach photo stores one: in the database.
	shop.photo = "front.png"
	img := image.NewNRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = 0xc0
	}
	img.Set(10, 10, color.Black)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	store, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	c, err := store.FindCase(ctx, shop.diagnosing)
	if err != nil {
		t.Fatal(err)
	}
	p := model.Photo{CaseID: c.ID, Name: shop.photo}
	if err := store.AddPhoto(ctx, &p, b.Bytes(), "test"); err != nil {
		t.Fatal(err)
	}
	return shop
}

// claimNumbers lists the claims in db, newest first.
func claimNumbers(t *testing.T, db string) []string {
	t.Helper()
	out, stderr, code := runBinary(t, nil, "claim", "list", "--db", db, "--json")
	var list struct {
		Claims []struct {
			ClaimNo string `json:"claim_no"`
		} `json:"claims"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil {
		t.Fatalf("claim list: exit %d: %s", code, stderr)
	}
	var nos []string
	for _, c := range list.Claims {
		nos = append(nos, c.ClaimNo)
	}
	return nos
}

// shopState is every case and every claim with its lines, as the command line prints them.
func shopState(t *testing.T, db string) string {
	t.Helper()
	var all strings.Builder
	args := [][]string{{"case", "list", "--json", "--limit", "1000"}, {"claim", "list", "--json"}}
	for _, no := range claimNumbers(t, db) {
		args = append(args, []string{"claim", "show", no, "--json"})
	}
	for _, a := range args {
		out, stderr, code := runBinary(t, nil, append(a, "--db", db)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", a, code, stderr)
		}
		all.WriteString(out)
	}
	return all.String()
}

// probeReport and probeItem read what the widgets probe writes (gui's widgetsReport).
type probeReport struct {
	Seq     int           `json:"seq"`
	Painted bool          `json:"painted"`
	Screen  string        `json:"screen"`
	Pending int64         `json:"pending"`
	Layers  [][]probeItem `json:"layers"`
}

type probeItem struct {
	Kind    string `json:"kind"`
	In      string `json:"in"`
	Text    string `json:"text"`
	Enabled bool   `json:"enabled"`
	Rect    [4]int `json:"rect"`
	Shown   [4]int `json:"shown"`
	Clip    [4]int `json:"clip"`
}

// find returns the first item of a layer (-1: the topmost) that matches, or nil.
func (r probeReport) find(layer int, match func(probeItem) bool) *probeItem {
	if layer < 0 {
		layer += len(r.Layers)
	}
	if layer < 0 || layer >= len(r.Layers) {
		return nil
	}
	for i, it := range r.Layers[layer] {
		if match(it) {
			return &r.Layers[layer][i]
		}
	}
	return nil
}

func enabledButton(label string) func(probeItem) bool {
	return func(it probeItem) bool { return it.Kind == "button" && it.Enabled && it.Text == label }
}

func text(in, s string) func(probeItem) bool {
	return func(it probeItem) bool { return it.Kind == "text" && it.In == in && it.Text == s }
}

func textPrefix(in, s string) func(probeItem) bool {
	return func(it probeItem) bool { return it.Kind == "text" && it.In == in && strings.HasPrefix(it.Text, s) }
}

// hasText is a wait for a text outside lists, tables and entries that starts with s.
func hasText(layer int, s string) func(probeReport) bool {
	return func(r probeReport) bool { return r.Pending == 0 && r.find(layer, textPrefix("", s)) != nil }
}

// dialogWalk clicks through the real app as the widgets probe tells it where things are.
type dialogWalk struct {
	*appWindow
	file  string      // the probe's report
	shots string      // a folder for screenshots along the way (RETURNDESK_SHOTS), or ""
	last  probeReport // the newest report
	doing string      // the step under way, for failure messages
}

// startDialogWalk starts the app on db with the widgets probe, with an empty home folder
// (where the file choosers open) and a PATH that has no PDF viewer or printer command.
func startDialogWalk(t *testing.T, db string) *dialogWalk {
	t.Helper()
	file := filepath.Join(t.TempDir(), "widgets.json")
	w := startAppWith(t, db, probe.Env+"="+probe.Widgets, probe.FileEnv+"="+file,
		"PATH="+t.TempDir(), "HOME="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir())
	return &dialogWalk{appWindow: w, file: file, shots: os.Getenv("RETURNDESK_SHOTS")}
}

// report asks the probe for a report of the window as it is now.
func (w *dialogWalk) report() probeReport {
	w.t.Helper()
	return w.ask(probe.RequestSignal, false)
}

// painted asks the probe for a report written once the next frame is on screen.
func (w *dialogWalk) painted() probeReport {
	w.t.Helper()
	return w.ask(probe.PaintedSignal, true)
}

func (w *dialogWalk) ask(sig os.Signal, painted bool) probeReport {
	w.t.Helper()
	want := w.last.Seq + 1
	w.alive()
	if w.last.Seq > 0 { // the first report comes by itself; a request before it would kill the app
		if err := w.proc.Signal(sig); err != nil {
			w.fail("could not ask the probe: %v", err)
		}
	}
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		w.alive()
		if b, err := os.ReadFile(w.file); err == nil {
			var r probeReport
			if json.Unmarshal(b, &r) == nil && r.Seq >= want && (r.Painted || !painted) {
				w.last = r
				return r
			}
		}
		if time.Now().After(deadline) {
			w.fail("the widgets probe wrote no report %d within 15 s", want)
		}
	}
}

var panicked = regexp.MustCompile(`(?m)^(panic: |fatal error: )`)

// alive fails the test if the app has exited or panicked.
func (w *dialogWalk) alive() {
	w.t.Helper()
	if panicked.MatchString(w.stderr.String()) {
		w.fail("the app panicked")
	}
	select {
	case <-w.exited:
		w.fail("the app exited")
	default:
	}
}

// until waits for a report that ok accepts.
func (w *dialogWalk) until(what string, ok func(probeReport) bool) probeReport {
	w.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if r := w.report(); ok(r) {
			return r
		}
		if time.Now().After(deadline) {
			w.fail("no %s within 20 s", what)
		}
	}
}

// untilDrawn is until, and then a frame drawn with what ok accepts still there.
func (w *dialogWalk) untilDrawn(what string, ok func(probeReport) bool) {
	w.t.Helper()
	w.until(what, ok)
	if !ok(w.painted()) {
		w.fail("%s was not drawn", what)
	}
}

// reveal waits for the item of a layer (-1: the topmost) that match accepts and scrolls it into
// view with the mouse wheel, turned at the left edge of the view: the entries that the wheel
// scrolls instead of the view do not reach there.
func (w *dialogWalk) reveal(what string, layer int, match func(probeItem) bool) probeItem {
	w.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		r := w.report()
		if it := r.find(layer, match); it != nil {
			if area(it.Shown) > 0 && area(it.Shown)*10 >= area(it.Rect)*9 {
				return *it
			}
			button := "5" // wheel down
			if it.Rect[1] < it.Clip[1] {
				button = "4"
			}
			w.xdo("mousemove", "--window", w.id, strconv.Itoa(it.Clip[0]+4), strconv.Itoa(it.Clip[1]+it.Clip[3]/2),
				"click", "--repeat", "3", "--delay", "20", button)
		}
		if time.Now().After(deadline) {
			w.fail("%s is not on screen within 20 s", what)
		}
	}
}

func area(r [4]int) int { return r[2] * r[3] }

// click clicks the middle of the part of it that is on screen.
func (w *dialogWalk) click(it probeItem) {
	w.t.Helper()
	x, y := it.Shown[0]+it.Shown[2]/2, it.Shown[1]+it.Shown[3]/2
	w.xdo("mousemove", "--window", w.id, strconv.Itoa(x), strconv.Itoa(y), "click", "1")
}

// press clicks the enabled button labelled label in the topmost layer.
func (w *dialogWalk) press(label string) {
	w.t.Helper()
	w.doing = "clicking " + label
	w.click(w.reveal("the button "+label, -1, enabledButton(label)))
}

// clickText clicks a text of the window's content held by in (nav, tab, cell, item).
func (w *dialogWalk) clickText(in, s string) {
	w.t.Helper()
	w.doing = fmt.Sprintf("clicking %q (%s)", s, in)
	w.click(w.reveal(fmt.Sprintf("%q (%s)", s, in), 0, text(in, s)))
}

// clickFirst clicks the topmost text held by in (the first row of a list).
func (w *dialogWalk) clickFirst(in string) {
	w.t.Helper()
	w.doing = "clicking the first " + in
	r := w.until("a "+in, func(r probeReport) bool {
		return r.Pending == 0 && r.find(0, func(it probeItem) bool { return it.Kind == "text" && it.In == in }) != nil
	})
	var first *probeItem
	for i, it := range r.Layers[0] {
		if it.Kind == "text" && it.In == in && area(it.Shown) > 0 && (first == nil || it.Rect[1] < first.Rect[1]) {
			first = &r.Layers[0][i]
		}
	}
	if first == nil {
		w.fail("no %s on screen", in)
	}
	w.click(*first)
}

// nav opens a screen from the sidebar and waits for its data.
func (w *dialogWalk) nav(title string) {
	w.t.Helper()
	w.clickText("nav", title)
	w.until(title+" on display", func(r probeReport) bool { return r.Screen == title && r.Pending == 0 && len(r.Layers) == 1 })
	w.shot(title)
}

// openCase finds a case by its number in the case list's search box and opens its row.
func (w *dialogWalk) openCase(no string) {
	w.t.Helper()
	w.doing = "searching for " + no
	w.click(w.reveal("the search box", 0, func(it probeItem) bool {
		return it.In == "entry" && (strings.HasPrefix(it.Text, "Search by case no.") || strings.HasPrefix(it.Text, "RMA-"))
	}))
	w.xdo("key", "ctrl+a")
	w.xdo("type", "--delay", "10", no)
	w.until(no+" alone in the list", func(r probeReport) bool {
		return r.Pending == 0 && r.find(0, text("", "1–1 of 1")) != nil && r.find(0, text("cell", no)) != nil
	})
	w.clickText("cell", no)
	w.until("the detail of "+no, hasText(0, no+" · "))
	w.shot(no)
}

// dialog clicks what target matches in the topmost layer, waits for a new layer over it that
// shows a text starting with title, and closes it with the button labelled closeWith ("": it
// stays open).
func (w *dialogWalk) dialog(what string, target func(probeItem) bool, title, closeWith string) {
	w.t.Helper()
	n := len(w.report().Layers)
	w.doing = "clicking " + what
	w.click(w.reveal(what, -1, target))
	w.doing = "waiting for the dialog of " + what
	w.untilDrawn(fmt.Sprintf("dialog %q", title), func(r probeReport) bool {
		return len(r.Layers) == n+1 && r.find(-1, textPrefix("", title)) != nil
	})
	w.shot(what)
	if closeWith != "" {
		w.close(closeWith, n)
	}
}

// close clicks the button labelled label in the topmost layer and waits until n layers are left.
func (w *dialogWalk) close(label string, n int) {
	w.t.Helper()
	w.press(label)
	w.until(fmt.Sprintf("%d layers after %s", n, label), func(r probeReport) bool { return len(r.Layers) == n })
}

// editForms opens the first record of the screen's list in its form, then a new one.
func (w *dialogWalk) editForms(thing string) {
	w.t.Helper()
	w.clickFirst("item")
	w.until("a "+thing+" in the form", func(r probeReport) bool { return r.find(0, enabledButton("Save changes")) != nil })
	w.shot(thing)
	w.press(map[string]string{"customer": "New customer", "product": "New product", "manufacturer": "Add manufacturer"}[thing])
	w.until("the form of a new "+thing, hasText(0, "New "+thing))
}

// shot saves a screenshot, once the window has drawn what it shows, when RETURNDESK_SHOTS
// names a folder.
func (w *dialogWalk) shot(name string) {
	w.t.Helper()
	if w.shots != "" {
		w.painted()
		w.screenshot(w.shots, name)
	}
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9.-]+`)

// screenshot saves the whole display in dir and returns the file, or why there is none.
func (w *dialogWalk) screenshot(dir, name string) string {
	path := filepath.Join(dir, fmt.Sprintf("%03d-%s.png", w.last.Seq, strings.Trim(unsafeName.ReplaceAllString(name, "-"), "-")))
	cmd := exec.Command("import", "-window", "root", path)
	cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Sprintf("none (ImageMagick's import: %v %s)", err, out)
	}
	return path
}

// fail stops the test with a screenshot, what the topmost layer showed and the app's stderr.
func (w *dialogWalk) fail(format string, args ...any) {
	w.t.Helper()
	dir := w.shots
	if dir == "" {
		var err error // a folder of its own: the test's temporary folders go when it ends
		if dir, err = os.MkdirTemp("", "returndesk-dialogs-"); err != nil {
			dir = os.TempDir()
		}
	}
	shot := w.screenshot(dir, "failure")
	var top []string
	if n := len(w.last.Layers); n > 0 {
		for _, it := range w.last.Layers[n-1] {
			if it.Kind == "button" {
				top = append(top, "["+it.Text+"]")
			} else if it.Text != "" {
				top = append(top, strconv.Quote(it.Text))
			}
		}
	}
	w.t.Fatalf("%s, while %s\nscreenshot: %s\nthe last report (%d layers, screen %q) showed on top: %s\napp stderr:\n%s",
		fmt.Sprintf(format, args...), w.doing, shot, len(w.last.Layers), w.last.Screen, strings.Join(top, " "), w.stderr.String())
}

// stop ends the app once the walk is done.
func (w *dialogWalk) stop() {
	w.t.Helper()
	w.alive()
	w.proc.Kill()
	<-w.exited
}
