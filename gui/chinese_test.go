package gui

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"returndesk/i18n"
	"returndesk/internal/shoptest"
	"returndesk/model"
)

// englishAllowed are the words a Chinese window may show in Latin letters: proper names,
// codes and file formats, and the fixture's own data (names, models, faults as typed).
var englishAllowed = []string{
	// names
	"ReturnDesk", "Halotek", "EleTrek", "Excel", "LibreOffice", "WPS", "CUPS", "WiFi",
	// codes, formats and units
	"RMA", "MO", "CLM", "PI", "OEM", "PDF", "CSV", "UTF", "GBK", "GB", "Big", "ID", "SN", "xlsx", "csv", "pdf", "png",
	"jpg", "jpeg", "rdbak", "db", "MB", "KB", "mm", "A4", "A5", "YYYY", "MM", "DD", "URL", "Logo", "QR", "RETURNDESK_DB",
	"Ctrl", "Enter", "Esc", "Tab", "Shift", "CNY", "HKD", "USD", "PATH", "HT", "ET", "USB", "PO",
	// a sales file's column names, as the file must spell them (the import names the column of a problem)
	"serial", "model", "purchase_date", "shipment_date", "customer", "phone", "invoice",
	// the fixture's data
	"Acme", "Trading", "screen", "flickers", "R200", "P9", "LI", "ZW", "Router", "Phone", "Smartphone", "returndesk", "data",
}

var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z_]+`)

// englishOn lists the Latin words shown on o that are not allowed, with the text they are in.
// A text that is part of one of texts (a line of a policy's clause, as it wraps) is data too.
func englishOn(o fyne.CanvasObject, texts []string, data ...string) []string {
	var found []string
	for _, x := range test.LaidOutObjects(o) {
		t, ok := x.(*canvas.Text)
		if !ok || !t.Visible() || filepath.IsAbs(t.Text) || t.Text == AppID {
			continue // a path or the application's ID, as they are
		}
		if partOf(t.Text, texts) {
			continue
		}
		words := latinWord.FindAllStringIndex(t.Text, -1)
		for i, at := range words {
			w := t.Text[at[0]:at[1]]
			// A line wrapped inside a word of data (a path has no space to wrap at) begins
			// with its end or ends with its start.
			cut := func(d string) bool {
				return i == 0 && at[0] == 0 && strings.HasSuffix(d, w) || i == len(words)-1 && at[1] == len(t.Text) && strings.HasPrefix(d, w)
			}
			if !slices.Contains(englishAllowed, w) && !slices.Contains(data, w) && !slices.ContainsFunc(data, cut) && !strings.HasPrefix(w, "RMA") {
				found = append(found, strconv.Quote(t.Text))
				break
			}
		}
	}
	return found
}

// partOf says whether line is part of one of texts, quotes and the line breaks of
// wrapping aside.
func partOf(line string, texts []string) bool {
	line = strings.TrimSpace(strings.Trim(line, "“” "))
	for _, t := range texts {
		if line != "" && strings.Contains(strings.Join(strings.Fields(t), " "), line) {
			return true
		}
	}
	return false
}

// In Chinese every screen shows no English word apart from data, codes and proper names.
func TestEveryScreenSpeaksChinese(t *testing.T) {
	speak(t, i18n.Chinese)
	f := newFixture(t)
	h := newTestUI(t, f.store)
	h.w.Resize(fyne.NewSize(1366, 768))
	for _, s := range h.u.screens {
		h.u.Show(s.title)
		h.settle()
		if words := englishOn(h.w.Canvas().Content(), nil); len(words) > 0 {
			t.Errorf("%s shows English:\n  %s", s.title, strings.Join(words, "\n  "))
		}
	}
}

// speakFyne makes Fyne's own words (its file dialog, its dialogs' default buttons) speak
// Chinese for the rest of the test, as useLanguage does through LANGUAGE in the real app.
func speakFyne(t *testing.T) {
	t.Setenv("LANGUAGE", fyneLocale(i18n.Chinese))
	t.Setenv("LC_ALL", "")
	if err := addFyneBundles(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Setenv("LANGUAGE", fyneLocale(i18n.English))
		addFyneBundles()
	})
}

// englishIn fails the test for every English word on the topmost dialog (dialog) or on
// the window's content, apart from the words of data (what the test typed, what the store
// holds, the names of the folders a file dialog shows).
func englishIn(t *testing.T, h *harness, what string, dialog bool, data stored, typed ...string) {
	t.Helper()
	var layer fyne.CanvasObject = h.w.Canvas().Content()
	if dialog {
		if layer = h.w.Canvas().Overlays().Top(); layer == nil {
			t.Errorf("%s: no dialog opened", what)
			return
		}
	}
	words := data.words
	for _, d := range typed {
		words = append(words, latinWord.FindAllString(d, -1)...)
	}
	if left := englishOn(layer, data.texts, words...); len(left) > 0 {
		t.Errorf("%s shows English:\n  %s", what, strings.Join(left, "\n  "))
	}
}

// clauseOrName finds the clauses and names in a policy's stored definition.
var clauseOrName = regexp.MustCompile(`"(?:batch_clause|clause|name)":\s*"((?:[^"\\]|\\.)*)"`)

// stored is what a store holds as data: the words of what the demo typed in as a shop
// would (names, faults, notes), and the policies' clauses and names as whole texts (a
// clause's words would allow too much). A history entry's action and details are the
// program's words, not data.
type stored struct{ words, texts []string }

func storedWords(t *testing.T, path string) stored {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'case_history')`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		tables.Scan(&n)
		names = append(names, n)
	}
	tables.Close()
	var out stored
	add := func(q string) {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		for i := range vals {
			vals[i] = new(any)
		}
		for rows.Next() {
			rows.Scan(vals...)
			for _, v := range vals {
				s, ok := (*v.(*any)).(string)
				if !ok {
					continue
				}
				if strings.HasPrefix(s, "{") { // a policy's definition: only its clauses and names are words
					for _, m := range clauseOrName.FindAllStringSubmatch(s, -1) {
						c, _ := strconv.Unquote(`"` + m[1] + `"`)
						out.texts = append(out.texts, c)
					}
					continue
				}
				out.words = append(out.words, latinWord.FindAllString(s, -1)...)
			}
		}
	}
	for _, n := range names {
		add(`SELECT * FROM "` + n + `"`)
	}
	add(`SELECT actor, note FROM case_history`)
	return out
}

// fyneFavourites are the places Fyne's file dialog lists on its left. Fyne 2.8 writes them
// in English and does not look them up in its translations (dialog/file.go: locName), so
// they stay English in any language; its buttons and title do follow LANGUAGE.
var fyneFavourites = []string{"Home", "Computer", "Desktop", "Documents", "Downloads", "Music", "Pictures", "Videos", "App Files"}

// In Chinese every dialog the window opens, and the states a user reaches (a case open,
// the Counter's verdict and its created case, forms showing their messages, the first-start
// guide), show no English word apart from data, codes and proper names.
func TestEveryDialogSpeaksChinese(t *testing.T) {
	speak(t, i18n.Chinese)
	speakFyne(t)
	home := t.TempDir() // Fyne's file dialog opens in an empty home, not the tester's
	t.Setenv("HOME", home)
	folders := strings.Split(strings.Trim(home, string(filepath.Separator)), string(filepath.Separator))
	store := demoStore(t)
	folders = append(folders, strings.Split(filepath.Join(filepath.Dir(store.Path()), "backups"), string(filepath.Separator))...)
	owedBalance(t, store)
	data := storedWords(t, store.Path())
	h := newTestUI(t, store)
	h.w.Resize(fyne.NewSize(1366, 768))
	u := h.u
	for _, d := range everyDialog(h) {
		u.Show(d.screen)
		h.settle()
		d.show()
		h.settle()
		englishIn(t, h, d.what, true, data, append(append(folders, fyneFavourites...), "sales-bad.csv")...)
		closeDialogs(h)
	}

	u.Show("OEM orders")
	h.settle()
	u.oemOrders.list.selectRow(0)
	h.settle()
	englishIn(t, h, "an OEM order with its defects and projection", false, data)

	u.Show("Cases")
	h.settle()
	for _, r := range u.cases.table.rows[:3] {
		u.openCase(r.ID)
		h.settle()
		englishIn(t, h, "case detail of "+string(r.CaseNo), false, data)
	}

	// The forms with their messages shown.
	u.Show("Manufacturers & policies")
	h.settle()
	ms := u.manufacturers
	ms.manList.UnselectAll()
	ms.manIdx = -1
	ms.form.edit(model.Manufacturer{}, ms.policies)
	ms.form.phone.SetText(strings.Repeat("0755 1234 5678 ", 10))
	test.Tap(ms.form.save)
	h.settle()
	englishIn(t, h, "manufacturer form with its messages", false, data)
	ms.form.name.SetText(strings.ToLower(ms.mans[0].Name))
	ms.form.phone.SetText("")
	test.Tap(ms.form.save)
	h.settle()
	englishIn(t, h, "manufacturer form refused by the store", false, data, strings.ToLower(ms.mans[0].Name))

	selectPolicy(t, h, ms, ms.policies[0].rec.ID)
	test.Tap(ms.editBtn)
	h.settle()
	e := ms.editor
	if e == nil {
		t.Fatalf("Edit opened no policy editor")
	}
	englishIn(t, h, "policy editor", false, data)
	e.tiers[0].length.SetText("-3")
	e.tiers[len(e.tiers)-1].length.SetText("twelve")
	e.name.SetText(" ")
	test.Tap(e.save)
	h.settle()
	englishIn(t, h, "policy editor with its messages", false, data, "twelve")
	ms.closeEditor()
	h.settle()

	u.Show("Products & serials")
	h.settle()
	test.Tap(u.products.add)
	test.Tap(u.products.form.save)
	h.settle()
	englishIn(t, h, "product form with its messages", false, data)
	u.products.form.price.SetText("12,345.678")
	test.Tap(u.products.form.save)
	h.settle()
	englishIn(t, h, "product form with a bad price", false, data)

	u.Show("Customers")
	h.settle()
	u.customers.newCustomer()
	test.Tap(u.customers.form.save)
	h.settle()
	englishIn(t, h, "customer form with its messages", false, data)
	test.Type(u.customers.form.name, "王芳")
	test.Type(u.customers.form.email, "wangfang.example.cn")
	test.Tap(u.customers.form.save)
	h.settle()
	englishIn(t, h, "customer form with a bad e-mail", false, data, "wangfang.example.cn")
}

// In Chinese the Counter speaks Chinese from the scan to the created case.
func TestCounterSpeaksChineseToTheCreatedCase(t *testing.T) {
	speak(t, i18n.Chinese)
	f, h, s := openCounter(t)
	h.w.Resize(fyne.NewSize(1366, 768))
	data := storedWords(t, f.store.Path())
	counterScan(h, s, "NO-SUCH-SERIAL-1")
	englishIn(t, h, "Counter after an unknown serial", false, data, "NO-SUCH-SERIAL-1")
	// A problem names its field, in Chinese as in English ("Model is required").
	zh := i18n.Catalog(i18n.Chinese)
	if got, want := s.verdict.message.Text, zh["Model"]+" "+zh["is required"]; !strings.Contains(got, want) {
		t.Errorf("no verdict yet says %q, want it to name the field: %q", got, want)
	}
	s.newIntake()
	h.settle()
	counterScan(h, s, "HT-R200-0002")
	englishIn(t, h, "Counter with a verdict (the maker's year over)", false, data)
	s.newIntake()
	h.settle()
	counterScan(h, s, "HT-R200-0001")
	setClock(f.store, "2026-06-01")
	counterSetText(h, s.reported, "2026-06-01")
	englishIn(t, h, "Counter with a verdict", false, data)
	s.category.SetSelectedIndex(1)
	h.w.Canvas().Focus(s.fault)
	test.Type(s.fault, "无法开机")
	counterCtrlEnter(h)
	if s.created == nil {
		t.Fatalf("no case created; banner %q", s.errs.text())
	}
	englishIn(t, h, "Counter after the case was created", false, data)
}

// On an empty store the window opens on the first-start guide, in Chinese on every step.
func TestFirstStartGuideSpeaksChinese(t *testing.T) {
	speak(t, i18n.Chinese)
	shop := shoptest.New(t).Presets()
	data := storedWords(t, shop.DB.Path())
	h := newTestUI(t, shop.DB)
	h.w.Resize(fyne.NewSize(1366, 768))
	g := h.u.guide
	if !g.isOpen() {
		t.Fatalf("an empty store does not open on the guide")
	}
	for step := stepShop; step < guideSteps; step++ {
		g.show(step)
		h.settle()
		englishIn(t, h, fmt.Sprintf("first-start guide, step %d", step), false, data)
	}
}

// In Chinese the policies read in Chinese, every shipped one's name and words (the policy
// ids, and the maker's placeholder in a template's clause, are codes), and so do the
// service centres.
func TestPoliciesAndCentresSpeakChinese(t *testing.T) {
	speak(t, i18n.Chinese)
	db, h, s := openPolicies(t)
	h.w.Resize(fyne.NewSize(1366, 768))
	data := []string{"maker"}
	for _, sp := range s.policies {
		data = append(data, strings.Split(string(sp.rec.ID), "-")...)
	}
	s.tabs.SelectIndex(1)
	h.settle()
	for i, sp := range s.policies {
		s.polList.Select(i)
		h.settle()
		if words := englishOn(s.polPane, nil, data...); len(words) > 0 {
			t.Errorf("policy %s shows English:\n  %s", sp.rec.ID, strings.Join(words, "\n  "))
		}
		if words := englishOn(s.polList, nil, data...); len(words) > 0 {
			t.Errorf("the policy list shows English:\n  %s", strings.Join(words, "\n  "))
		}
	}
	if err := db.CreateServiceCentre(context.Background(), &model.ServiceCentre{Name: "上海维修中心", Region: "上海"}); err != nil {
		t.Fatal(err)
	}
	s.load()
	s.tabs.SelectIndex(2)
	h.settle()
	s.centres.list.Select(0)
	h.settle()
	if words := englishOn(s.centres.view, nil, data...); len(words) > 0 {
		t.Errorf("the service centres show English:\n  %s", strings.Join(words, "\n  "))
	}
}
