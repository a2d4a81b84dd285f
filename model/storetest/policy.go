package storetest

import (
	"testing"
	"time"

	"returndesk/model"
)

func testPolicyVersions(t *testing.T, s suite) {
	db, clk := s.openTest(t)
	f := Seed(t, db)
	r := model.PolicyRecord{ID: "halotek-terminal", Name: "Halotek terminal", Kind: model.PolicyTerminal,
		ManufacturerID: f.Halotek.ID, Preset: true, Definition: []byte(`{"refund_days":7}`)}
	if err := db.SavePolicy(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if r.Version != 1 || !r.CreatedAt.Equal(Start) {
		t.Errorf("first save: version %d at %v", r.Version, r.CreatedAt)
	}
	clk.Advance(24 * time.Hour)
	r2 := r
	r2.Definition = []byte(`{"refund_days":10}`)
	if err := db.SavePolicy(ctx, &r2); err != nil {
		t.Fatal(err)
	}
	if r2.Version != 2 {
		t.Errorf("second save: version %d", r2.Version)
	}
	other := model.PolicyRecord{ID: "eletrek-distributor", Name: "EleTrek", Kind: model.PolicyDistributor,
		Definition: []byte(`{}`)}
	if err := db.SavePolicy(ctx, &other); err != nil {
		t.Fatal(err)
	}

	latest, err := db.Policy(ctx, "halotek-terminal", 0)
	if err != nil || latest.Version != 2 || string(latest.Definition) != `{"refund_days":10}` ||
		latest.ManufacturerID != f.Halotek.ID || !latest.Preset {
		t.Errorf("latest = %+v, %v", latest, err)
	}
	v1, err := db.Policy(ctx, "halotek-terminal", 1)
	if err != nil || string(v1.Definition) != `{"refund_days":7}` || !v1.CreatedAt.Equal(Start) {
		t.Errorf("v1 = %+v, %v", v1, err)
	}
	_, err = db.Policy(ctx, "halotek-terminal", 3)
	WantCode(t, err, model.ENOTFOUND)
	_, err = db.Policy(ctx, "nope", 0)
	WantCode(t, err, model.ENOTFOUND)

	list, err := db.ListPolicies(ctx)
	if err != nil || len(list) != 2 || list[0].ID != "eletrek-distributor" || list[1].Version != 2 {
		t.Errorf("ListPolicies = %+v, %v", list, err)
	}

	for name, bad := range map[string]model.PolicyRecord{
		"bad json":     {ID: "x", Name: "X", Kind: model.PolicyOEM, Definition: []byte(`{`)},
		"bad id":       {ID: "Has Spaces", Name: "X", Kind: model.PolicyOEM, Definition: []byte(`{}`)},
		"bad kind":     {ID: "x", Name: "X", Kind: "gold", Definition: []byte(`{}`)},
		"unknown make": {ID: "x", Name: "X", Kind: model.PolicyOEM, ManufacturerID: 999, Definition: []byte(`{}`)},
	} {
		bad := bad
		if err := db.SavePolicy(ctx, &bad); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func testSettings(t *testing.T, s suite) {
	db, _ := s.openTest(t)
	if v, err := db.Setting(ctx, "slip.page"); err != nil || v != "" {
		t.Errorf("unset setting = %q, %v", v, err)
	}
	for _, v := range []string{"a4", "80mm"} {
		if err := db.SetSetting(ctx, "slip.page", v); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Setting(ctx, "slip.page"); got != v {
			t.Errorf("setting = %q, want %q", got, v)
		}
	}
	WantCode(t, db.SetSetting(ctx, " ", "x"), model.EINVALID)
}
