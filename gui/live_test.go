package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"returndesk/model"
)

// Another counter saves the case while it is open here: Save and a move made on the case
// as loaded are refused with Reload beside, what was typed stays, and after Reload the
// save goes through.
func TestCaseDetailRefusesASaveOverAnotherCountersChange(t *testing.T) {
	f := newDeskFixture(t)
	h := newTestUI(t, f.store)
	ctx := context.Background()
	c := f.cases["refund"]
	d := openDetail(t, h, c.ID)

	test.Type(d.notes, "mine")
	theirs := "theirs"
	if _, err := f.store.UpdateCase(ctx, c.ID, model.CaseUpdate{Notes: &theirs}, "counter 2"); err != nil {
		t.Fatal(err)
	}
	test.Tap(d.save)
	h.settle()
	if !d.conflict.Visible() || !strings.Contains(d.conflictMsg.Text, "changed at another counter") {
		t.Fatalf("no conflict shown: %q (visible %v)", d.conflictMsg.Text, d.conflict.Visible())
	}
	if stored, _ := f.store.CaseByID(ctx, c.ID); stored.Notes != "theirs" {
		t.Errorf("the other counter's notes were overwritten: %q", stored.Notes)
	}
	if d.notes.Text != "mine" {
		t.Errorf("what was typed is gone: %q", d.notes.Text)
	}
	d.move(c.ID, model.StatusCancelled, "")
	h.settle()
	if stored, _ := f.store.CaseByID(ctx, c.ID); stored.Status != c.Status {
		t.Errorf("a move on the stale case went through: %s", stored.Status)
	}

	test.Tap(d.reload)
	h.settle()
	if d.conflict.Visible() || d.notes.Text != "mine" {
		t.Fatalf("after Reload: conflict shown %v, notes %q", d.conflict.Visible(), d.notes.Text)
	}
	test.Tap(d.save)
	h.settle()
	if stored, _ := f.store.CaseByID(ctx, c.ID); stored.Notes != "mine" || d.conflict.Visible() {
		t.Errorf("save after Reload: stored notes %q, conflict shown %v", stored.Notes, d.conflict.Visible())
	}
}
