package gui

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// TestWindowSaysWhenAChangeWaitsForAnotherWriter holds the database's write lock from another
// connection, as an import in another window does, and saves a customer: the window says
// it is waiting, the save lands once the lock is let go, and the line goes.
func TestWindowSaysWhenAChangeWaitsForAnotherWriter(t *testing.T) {
	f := newFixture(t)
	h := showScreen(t, f.store, "Customers")
	other, err := sql.Open("sqlite3", "file:"+f.store.Path()+"?_busy_timeout=100")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	s := h.u.customers
	s.newCustomer()
	test.Type(s.form.name, "等待测试")
	test.Tap(s.form.save)
	deadline := time.After(10 * time.Second)
	for !h.u.waiting.Visible() {
		select {
		case f := <-h.queue:
			f()
		case <-deadline:
			t.Fatal("the window never said it was waiting for the other writer")
		}
	}
	if !strings.Contains(h.u.waiting.Text, "Waiting for another") {
		t.Errorf("waiting line %q", h.u.waiting.Text)
	}
	if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	h.settle()
	if h.u.waiting.Visible() {
		t.Error("the waiting line stays after the save")
	}
	found, err := f.store.FindCustomers(context.Background(), "等待测试", 10)
	if err != nil || len(found) != 1 {
		t.Errorf("the customer saved while waiting: %v, %v", found, err)
	}
}
