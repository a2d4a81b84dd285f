package storetest

import (
	"context"
	"testing"
	"time"

	"returndesk/model"
)

// seenWithin is how soon another counter's watcher must report a change (issue 15: the
// other counters show it within 2 s).
const seenWithin = 2 * time.Second

// A case created or moved at one counter is reported by another counter's watcher within
// seenWithin; a quiet database reports nothing; the channel closes with its context.
func testWatchSeesOtherCounters(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	other := hooks(t, db).Reopen(t)
	w, ok := other.(model.ChangeWatcher)
	if !ok {
		t.Fatalf("%T is no model.ChangeWatcher", other)
	}
	watchCtx, stop := context.WithCancel(ctx)
	defer stop()
	ch := w.Watch(watchCtx)

	quiet := func(what string) {
		t.Helper()
		select {
		case <-ch:
			t.Errorf("a change reported %s", what)
		case <-time.After(seenWithin / 2):
		}
	}
	seen := func(what string) {
		t.Helper()
		select {
		case <-ch:
		case <-time.After(seenWithin):
			t.Fatalf("%s was not reported within %v", what, seenWithin)
		}
	}
	quiet("before any write")
	c := MustCreate(t, db, f.NewCase("SN-W1"))
	seen("a new case")
	if _, err := db.CaseByID(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	quiet("after a read")
	if _, err := db.MoveCase(ctx, c.ID, model.StatusDiagnosing, "tester", ""); err != nil {
		t.Fatal(err)
	}
	seen("a move")

	stop()
	select {
	case _, open := <-ch:
		if open {
			if _, open = <-ch; open {
				t.Errorf("the channel is still open after its context ended")
			}
		}
	case <-time.After(seenWithin):
		t.Errorf("the channel was not closed when its context ended")
	}
}
