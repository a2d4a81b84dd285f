package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
	"returndesk/model/sqlite"
)

// TestRecoveryWindowRestoresTheNewestGoodBackup shows the recovery window on a truncated
// database, as the app does when the file will not open: it says what is wrong, lists the
// good backup (not the broken one), restores it after asking, and opens the database.
func TestRecoveryWindowRestoresTheNewestGoodBackup(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	path := f.store.Path()
	backups := filepath.Join(filepath.Dir(path), "backups")
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(backups, "returndesk-2026-12-01.rdbak")
	info, err := f.store.Backup(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(backups, "returndesk-2026-12-02.rdbak"), []byte("broken"), 0o600); err != nil {
		t.Fatal(err)
	}
	f.store.Close()
	data, _ := os.ReadFile(path)
	if err := os.WriteFile(path, data[:len(data)/2+100], 0o600); err != nil {
		t.Fatal(err)
	}
	d := sqlite.Diagnose(ctx, path)

	test.NewTempApp(t)
	queue := make(chan func(), 16)
	rec := Recovery{
		Problem: d.Message(), Restorable: d.Restorable(),
		Backups: func(ctx context.Context) ([]model.BackupInfo, error) { return sqlite.GoodBackups(ctx, path, 5) },
		Restore: func(ctx context.Context, p string) (*model.RestoreReport, error) {
			return sqlite.RestoreOver(ctx, path, p)
		},
		Open: func() (model.Store, error) { return sqlite.Open(path) },
	}
	w := test.NewWindow(nil)
	defer w.Close()
	r := newRecoveryUI(w, rec, Info{DBPath: path}, func(f func()) { queue <- f })
	var opened model.Store
	r.onOpen = func(s model.Store) { opened = s }
	(<-queue)() // the backups are listed
	if !strings.Contains(rec.Problem.String(), "damaged") || !d.Restorable() {
		t.Fatalf("problem %q", rec.Problem)
	}
	var restoreBtn *widget.Button
	texts := []string{}
	for _, o := range r.list.Objects {
		row := o.(*fyne.Container)
		for _, c := range row.Objects {
			switch c := c.(type) {
			case *widget.Label:
				texts = append(texts, c.Text)
			case *button:
				restoreBtn = &c.Button
			}
		}
	}
	if len(r.list.Objects) != 1 || restoreBtn == nil || !strings.Contains(texts[0], fmt.Sprintf(" %d cases", info.Cases)) {
		t.Fatalf("backups offered: %q", texts)
	}
	test.Tap(restoreBtn)
	confirm := topDialogButton(t, w, "Restore")
	test.Tap(confirm)
	select {
	case f := <-queue:
		f()
	case <-time.After(20 * time.Second):
		t.Fatal("the restore did not finish")
	}
	if r.message.Importance != widget.SuccessImportance || !strings.Contains(r.message.Text, "kept as") || r.openBtn.Hidden {
		t.Fatalf("after the restore: %q, Open hidden %v", r.message.Text, r.openBtn.Hidden)
	}
	test.Tap(r.openBtn)
	if opened == nil {
		t.Fatalf("Open ReturnDesk did not open the database: %s", r.message.Text)
	}
	defer opened.(*sqlite.DB).Close()
	if _, total, err := opened.FindCases(ctx, model.CaseFilter{}); err != nil || total != info.Cases {
		t.Errorf("restored database has %d cases (%v), want %d", total, err, info.Cases)
	}
}

// topDialogButton finds the button labelled text on the window's top overlay (a dialog).
func topDialogButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	return findButton(t, top, text)
}

// Selecting what a write button acts on (a draft claim) leaves it disabled: the screens
// enable their buttons as the selection changes.
func TestReadOnlyButtonsStayDisabledAsTheSelectionChanges(t *testing.T) {
	f, _ := draftClaimFixture(t)
	h := showScreen(t, readOnlyStore{f.store}, "Claims")
	u := h.u
	u.claims.list.selectRow(0)
	h.settle()
	u.claims.lines.selectRow(0)
	h.settle()
	if u.claims.current == nil {
		t.Fatal("the draft claim did not open")
	}
	for _, b := range u.writeButtons {
		if !b.Disabled() {
			t.Errorf("with a draft claim and a line selected, %q is enabled on a read-only database", b.Text)
		}
	}
}

// readOnlyStore is a store that says it is read-only, as a database on a read-only disk
// does (model/sqlite tests that such a store refuses every change).
type readOnlyStore struct{ *sqlite.DB }

func (readOnlyStore) ReadOnly() string { return "the disk is read-only" }

// TestReadOnlyDatabaseShowsABannerAndNoWriteActions opens the window on a read-only store:
// a banner says so, the buttons that would change it are disabled, and Ctrl+Enter at the
// counter says why no case is created instead of trying.
func TestReadOnlyDatabaseShowsABannerAndNoWriteActions(t *testing.T) {
	f := newFixture(t)
	h := showScreen(t, readOnlyStore{f.store}, "Counter")
	u := h.u
	if u.readOnly == "" || len(u.writeButtons) < 10 {
		t.Fatalf("read-only %q, %d write buttons", u.readOnly, len(u.writeButtons))
	}
	for _, title := range u.Titles() {
		u.Show(title)
		h.settle()
		for _, b := range u.writeButtons {
			if !b.Disabled() {
				t.Errorf("on %s, %q is enabled on a read-only database", title, b.Text)
			}
		}
	}
	u.Show("Counter")
	h.settle()
	_, before, _ := f.store.FindCases(context.Background(), model.CaseFilter{})
	c := u.counter
	c.create()
	if !strings.Contains(c.errs.text(), "read-only") {
		t.Errorf("Ctrl+Enter on a read-only database says %q", c.errs.text())
	}
	if _, after, _ := f.store.FindCases(context.Background(), model.CaseFilter{}); after != before {
		t.Errorf("%d cases after Ctrl+Enter, want %d", after, before)
	}
}
