package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"returndesk/internal/pgtest"
	"returndesk/model"
	"returndesk/model/postgres"
	"returndesk/model/storetest"
)

// File dialogs cannot be driven in a test: these tests hand the backup card a file, as the
// dialogs' callbacks do.

func saveTo(t *testing.T, b *backupCard, path string) {
	t.Helper()
	b.backupTo(path)
}

func openFrom(t *testing.T, b *backupCard, path string) {
	t.Helper()
	r, err := storage.Reader(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	b.restoreChosen(r)
}

func TestSettingsBacksUpAndRestores(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	h := showScreen(t, f.store, "Settings")
	b := h.u.settings.backups
	if b == nil {
		t.Fatal("no backup card for a store that makes backups")
	}
	if b.dir.Text != f.store.BackupDir() || b.last.Text != "None yet" {
		t.Errorf("folder %q, last %q", b.dir.Text, b.last.Text)
	}

	out := filepath.Join(t.TempDir(), "备份.rdbak")
	saveTo(t, b, out)
	h.settle()
	if want := "Backed up 105 cases, 0 claims and 0 photos to " + out; !strings.HasPrefix(b.msg.Text, want) ||
		b.msg.Importance != widget.SuccessImportance {
		t.Fatalf("message %q, want %q", b.msg.Text, want)
	}
	if _, err := f.store.CheckBackup(ctx, out); err != nil {
		t.Fatalf("the backup does not check: %v", err)
	}
	if _, err := f.store.DailyBackup(ctx); err != nil {
		t.Fatal(err)
	}
	h.u.Show("Cases")
	h.u.Show("Settings") // each visit shows the newest backup
	h.settle()
	if daily := "— returndesk-" + time.Now().Format("2006-01-02") + model.BackupExt; !strings.HasSuffix(b.last.Text, daily) {
		t.Errorf("last backup shown as %q, want it to end in %q", b.last.Text, daily)
	}

	// A case entered after the backup is gone once the backup is restored.
	zhang, err := f.store.FindCase(ctx, string(f.zhang))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.CreateCase(ctx, model.NewCase{Case: model.Case{CustomerID: zhang.CustomerID, ProductID: zhang.ProductID,
		Serial: "AFTER-1", PurchaseDate: model.MustDate("2026-03-01"), ReportedDate: model.MustDate("2026-03-06"),
		Fault: "后来的", Tier: model.TierRefund}}, "test"); err != nil {
		t.Fatal(err)
	}
	openFrom(t, b, out)
	h.settle()
	if b.confirm == nil || !overlayHasText(h.w.Canvas(), "Restore from backup?") {
		t.Fatal("no question before the restore")
	}
	quit := false
	b.quit = func() { quit = true }
	b.confirm.Confirm()
	h.settle()
	if b.done == nil || !overlayHasText(h.w.Canvas(), "Restored") {
		t.Fatalf("no word that the restore is done; message %q", b.msg.Text)
	}
	if _, total, _ := f.store.FindCases(ctx, model.CaseFilter{}); total != 105 {
		t.Errorf("%d cases after the restore, want 105", total)
	}
	b.done.Hide()
	if !quit {
		t.Error("the window stays open on data read before the restore")
	}
}

func TestSettingsRefusesABadBackupWithoutAsking(t *testing.T) {
	f := newFixture(t)
	h := showScreen(t, f.store, "Settings")
	b := h.u.settings.backups
	bad := filepath.Join(t.TempDir(), "notes.rdbak")
	if err := os.WriteFile(bad, []byte("不是备份 not a backup at all, just some text written by hand"), 0o600); err != nil {
		t.Fatal(err)
	}
	openFrom(t, b, bad)
	h.settle()
	if b.confirm != nil {
		t.Error("asked to restore a file that is no backup")
	}
	if !strings.Contains(b.msg.Text, "Cannot restore: "+bad+" is not a ReturnDesk backup") || b.msg.Importance != widget.DangerImportance {
		t.Errorf("message %q", b.msg.Text)
	}
	if b.restore.Disabled() {
		t.Error("Restore stays disabled")
	}
}

func TestSettingsShowsAFailedDailyBackup(t *testing.T) {
	f := newFixture(t)
	// A file where the backup folder should be.
	if err := os.WriteFile(f.store.BackupDir(), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.DailyBackup(context.Background()); err == nil {
		t.Fatal("the daily backup did not fail")
	}
	h := showScreen(t, f.store, "Settings")
	b := h.u.settings.backups
	if !strings.HasPrefix(b.msg.Text, "Today's automatic backup failed: ") || b.msg.Importance != widget.DangerImportance {
		t.Errorf("message %q", b.msg.Text)
	}
}

// On a server database the card names this computer's folder of the server's backups and
// the computer that holds the newest; Back up now works; a restore, which replaces the data
// of every counter, asks the stronger question and goes ahead only once the database's
// name is typed.
func TestSettingsBackupsOnAServer(t *testing.T) {
	ctx := context.Background()
	url := pgtest.Start(t).Database(t)
	open := func(computer string) *postgres.DB {
		db, err := postgres.Open(url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		db.DataDir, db.Computer = t.TempDir(), computer
		return db
	}
	here, other := open("COUNTER-1"), open("COUNTER-2")
	f := storetest.Seed(t, here)
	storetest.MustCreate(t, here, f.NewCase("SRV-1"))
	daily, err := other.DailyBackup(ctx) // the other counter started first today
	if err != nil || daily == nil {
		t.Fatalf("the other counter's daily backup: %+v, %v", daily, err)
	}

	h := showScreen(t, here, "Settings")
	b := h.u.settings.backups
	if b == nil {
		t.Fatal("no backup card on a server database")
	}
	if b.dir.Text != here.BackupDir() || b.form.Items[0].Text != "Daily backups on this computer" {
		t.Errorf("folder %q labelled %q", b.dir.Text, b.form.Items[0].Text)
	}
	if !strings.HasSuffix(b.last.Text, "— "+daily.File+", on the computer COUNTER-2") {
		t.Errorf("last backup shown as %q", b.last.Text)
	}
	if !strings.Contains(b.note.Text, "on the server 127.0.0.1:") || !strings.Contains(b.note.Text, "pg_dump") {
		t.Errorf("note %q", b.note.Text)
	}

	h.u.info.DBPath = postgres.Redacted(url)
	if s := newSettingsScreen(h.u); !strings.HasPrefix(s.dataNote.Text, "The database on the server holds") {
		t.Errorf("the data location says %q on a server", s.dataNote.Text)
	}

	out := filepath.Join(t.TempDir(), "server.rdbak")
	saveTo(t, b, out)
	h.settle()
	if want := "Backed up 1 case, 0 claims and 0 photos to " + out; !strings.HasPrefix(b.msg.Text, want) {
		t.Fatalf("message %q, want %q", b.msg.Text, want)
	}

	storetest.MustCreate(t, other, f.NewCase("SRV-AFTER")) // another counter's work after the backup
	quit := false
	b.quit = func() { quit = true }
	openFrom(t, b, out)
	h.settle()
	if b.confirmServer == nil || !overlayHasText(h.w.Canvas(), "Replace the data on the server for every counter?") || b.confirm != nil {
		t.Fatal("not the server's question before the restore")
	}
	name := url[strings.LastIndex(url, "/")+1:]
	if i := strings.IndexByte(name, '?'); i >= 0 {
		name = name[:i]
	}
	// A name typed wrong, also after the right one (the entry has the focus), goes nowhere.
	for _, typed := range [][]string{{""}, {"shop"}, {name, name + "x"}} {
		for _, text := range typed {
			b.serverName.SetText(text)
		}
		b.confirmServer.Submit()
		h.settle()
		if _, total, _ := here.FindCases(ctx, model.CaseFilter{}); total != 2 || !overlayHasText(h.w.Canvas(), "Replace the data on the server for every counter?") {
			t.Fatalf("restored with %q typed as the database's name", typed)
		}
	}
	b.serverName.SetText(name)
	b.confirmServer.Submit()
	h.settle()
	if b.done == nil || !overlayHasText(h.w.Canvas(), "Restored") {
		t.Fatalf("no word that the restore is done; message %q", b.msg.Text)
	}
	for _, db := range []*postgres.DB{here, other} {
		if _, total, _ := db.FindCases(ctx, model.CaseFilter{}); total != 1 {
			t.Errorf("%s sees %d cases after the restore, want 1", db.Computer, total)
		}
	}
	if kept, _ := filepath.Glob(filepath.Join(here.BackupDir(), "returndesk-before-restore-*.rdbak")); len(kept) != 1 {
		t.Errorf("kept before the restore: %v", kept)
	}
	b.done.Hide()
	if !quit {
		t.Error("the window stays open on data read before the restore")
	}
}
