package storetest

import (
	"testing"

	"returndesk/model"
)

// Two counters load the same case; the first save wins, the later one (edit or move) made
// on the stale case is refused as changed elsewhere and writes nothing.
func testStaleSaveIsRefused(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	c := MustCreate(t, db, f.NewCase("SN-V1"))
	loaded := c.Version

	first, err := db.UpdateCase(model.ExpectVersion(ctx, loaded), c.ID, model.CaseUpdate{Notes: ptr("first counter")}, "a")
	if err != nil {
		t.Fatal(err)
	}
	if first.Version == loaded {
		t.Fatalf("version stayed %d after a save", loaded)
	}
	h, _ := db.CaseHistory(ctx, c.ID)

	stale := model.ExpectVersion(ctx, loaded)
	for name, write := range map[string]func() error{
		"edit": func() error {
			_, err := db.UpdateCase(stale, c.ID, model.CaseUpdate{Notes: ptr("second counter")}, "b")
			return err
		},
		"move": func() error {
			_, err := db.MoveCase(stale, c.ID, model.StatusCancelled, "b", "")
			return err
		},
	} {
		err := write()
		WantCode(t, err, model.ECONFLICT)
		if !model.IsChangedElsewhere(err) {
			t.Errorf("%s: %v, want changed at another counter", name, err)
		}
	}
	got, err := db.CaseByID(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Notes != "first counter" || got.Status != c.Status || got.Version != first.Version {
		t.Errorf("after refused saves: notes %q status %q version %d", got.Notes, got.Status, got.Version)
	}
	if h2, _ := db.CaseHistory(ctx, c.ID); len(h2) != len(h) {
		t.Errorf("history grew from %d to %d entries", len(h), len(h2))
	}

	// Reloaded, the second counter saves; a write that expects nothing (the CLI) is not checked.
	moved, err := db.MoveCase(model.ExpectVersion(ctx, got.Version), c.ID, model.StatusCancelled, "b", "")
	if err != nil || moved.Version == got.Version {
		t.Fatalf("move after reload: %+v, %v", moved, err)
	}
	if _, err := db.UpdateCase(ctx, c.ID, model.CaseUpdate{Notes: ptr("from the CLI")}, "c"); err != nil {
		t.Fatal(err)
	}
}
