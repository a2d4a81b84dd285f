package postgres_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"returndesk/internal/pgtest"
	"returndesk/model"
	"returndesk/model/storetest"
)

// The server goes away and comes back: the watch reports it lost, then back, with a change
// (what may have been missed); a write meanwhile fails whole; the store then works again
// and its changes are seen as before.
func TestWatchReportsTheServerGoneAndBack(t *testing.T) {
	srv := pgtest.Start(t) // its own server: stopping the shared one would fail other tests
	db := openAt(t, srv.Database(t))
	t.Cleanup(func() { srv.Resume() }) // a failed test's database is dropped on a running server
	f := storetest.Seed(t, db)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	link := make(chan error, 8)
	db.ReportLink(func(err error) { link <- err })
	changes := db.Watch(ctx)
	before, _, err := db.FindCases(ctx, model.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}

	if err := srv.Pause(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-link:
		if err == nil {
			t.Fatalf("reported back while the server is away")
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("the lost server was not reported")
	}
	// The first write finds its connection cut, the second no server: each fails whole, in
	// one line a clerk can read, with the system's own cause, not the driver's whole chain.
	for range 2 {
		_, err = db.CreateCase(ctx, f.NewCase("SN-AWAY"), "tester")
		if err == nil {
			t.Fatalf("a case was created while the server was away")
		}
		if msg := model.ErrorMessage(err); !strings.HasPrefix(msg, "cannot reach the database server: ") ||
			strings.Contains(msg, "failed to connect") || strings.Contains(msg, "user=") || strings.Contains(msg, "dial") {
			t.Errorf("a write while the server is away says %q", msg)
		}
	}
	for len(changes) > 0 {
		<-changes
	}

	if err := srv.Resume(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-link:
		if err != nil {
			t.Fatalf("reported lost again: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("the server's return was not reported")
	}
	select {
	case <-changes:
	case <-time.After(2 * time.Second):
		t.Fatalf("no change reported on the server's return")
	}
	after, _, err := db.FindCases(ctx, model.CaseFilter{})
	if err != nil {
		t.Fatalf("after the server's return: %v", err)
	}
	if len(after) != len(before) {
		t.Errorf("%d cases after the server's return, %d before: the failed write left something", len(after), len(before))
	}
	storetest.MustCreate(t, db, f.NewCase("SN-BACK"))
	select {
	case <-changes:
	case <-time.After(2 * time.Second):
		t.Fatalf("a change after the server's return was not reported")
	}
}
