package storetest

import (
	"testing"

	"returndesk/model"
)

func testSetSettingsIsAllOrNothing(t *testing.T, s suite) {
	db, _ := s.openTest(t)
	if err := db.SetSettings(ctx, map[string]string{"shop_name": "华强电子", "currency": "CNY"}); err != nil {
		t.Fatal(err)
	}
	// One bad key refuses the whole set: the good value beside it is not stored either.
	err := db.SetSettings(ctx, map[string]string{"shop_name": "Other shop", " ": "x"})
	if model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("a blank key: %v", err)
	}
	for key, want := range map[string]string{"shop_name": "华强电子", "currency": "CNY", "missing": ""} {
		if got, err := db.Setting(ctx, key); err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", key, got, err, want)
		}
	}
}
