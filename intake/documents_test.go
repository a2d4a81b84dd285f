package intake_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"returndesk/export"
	"returndesk/intake"
	"returndesk/model"
	"returndesk/policy"
)

// repairCase takes in a repair-tier case of 张伟's Halotek H1, sent to the Beijing service centre.
func (w *world) repairCase(t *testing.T) *model.Case {
	t.Helper()
	return w.create(t, w.plan(t, intake.Request{CustomerName: w.zhang.Name, Phone: w.zhang.Phone, Region: "Beijing",
		Model: "H1", Serial: "H1-SLIP", Purchased: d("2025-11-20"), On: d("2026-03-05"), Accessories: "charger"}))
}

func TestLoadSlipReadsTheCaseAndItsVerdict(t *testing.T) {
	w := newWorld(t)
	c := w.repairCase(t)
	var logo bytes.Buffer
	if err := png.Encode(&logo, image.NewGray(image.Rect(0, 0, 4, 2))); err != nil {
		t.Fatal(err)
	}
	if err := w.db.SetLogo(ctx, logo.Bytes()); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{export.SettingShopName: "  华强电子  ", export.SettingShopAddress: "华强北路 1019 号",
		export.SettingShopPhone: "0755-8326 1234"} {
		if err := w.db.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, number := range []string{string(c.CaseNo), string(c.MaintenanceNo)} {
		s, err := intake.LoadSlip(ctx, w.db, number)
		if err != nil {
			t.Fatalf("LoadSlip(%s): %v", number, err)
		}
		if s.Case.ID != c.ID || s.Customer.Name != "张伟" || s.Product.Model != "H1" || s.Manufacturer.Name != "Halotek" {
			t.Errorf("LoadSlip(%s) = case %d of %q, %s %s", number, s.Case.ID, s.Customer.Name, s.Manufacturer.Name, s.Product.Model)
		}
		if s.Case.Tier != model.TierRepair || s.Case.MaintenanceNo == "" || s.Number() != string(c.MaintenanceNo) {
			t.Errorf("tier %s, number %s: want a repair-tier case filed under its maintenance number", s.Case.Tier, s.Number())
		}
		if s.Centre == nil || s.Centre.ID != w.centreBJ.ID {
			t.Errorf("service centre = %+v, want %s", s.Centre, w.centreBJ.Name)
		}
		if s.Verdict == nil || s.Verdict.Tier != model.TierRepair || !strings.Contains(s.Verdict.Clause.En, "maintenance order") || !strings.Contains(s.Verdict.Clause.Zh, "维修单") {
			t.Errorf("verdict = %+v, want the repair tier with its clause", s.Verdict)
		}
		if s.Shop.Name != "华强电子" || s.Shop.Address != "华强北路 1019 号" || s.Shop.Phone != "0755-8326 1234" || !bytes.Equal(s.Shop.Logo, logo.Bytes()) {
			t.Errorf("shop = %q %q %q, logo %d bytes", s.Shop.Name, s.Shop.Address, s.Shop.Phone, len(s.Shop.Logo))
		}
	}
	if _, err := intake.LoadSlip(ctx, w.db, "RMA-2026-999999"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("LoadSlip of an unknown case: %v, want ENOTFOUND", err)
	}
}

func TestLoadSlipKeepsTheRecordedPolicyVersion(t *testing.T) {
	w := newWorld(t)
	c := w.repairCase(t)
	// The shop edits the terminal policy after intake: the slip still quotes the version the case was taken in under.
	p, _ := policy.Preset(policy.HalotekTerminal)
	p.Tiers[2].Clause = policy.Clause{En: "Edited clause"}
	rec, err := p.Record()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.db.SavePolicy(ctx, &rec); err != nil {
		t.Fatal(err)
	}
	s, err := intake.LoadSlip(ctx, w.db, string(c.CaseNo))
	if err != nil {
		t.Fatal(err)
	}
	if s.Verdict == nil || s.Verdict.Clause.En == "Edited clause" || s.Verdict.Clause.IsZero() {
		t.Errorf("clause = %+v, want the clause of version %d", s.Verdict, c.PolicyVersion)
	}
}

func TestDefaultPageSize(t *testing.T) {
	db := openStore(t)
	for _, tc := range []struct {
		stored string
		want   export.PageSize
	}{{"", export.PageA4}, {"a5", export.PageA5}, {"80mm", export.PageRoll}, {"nonsense", export.PageA4}} {
		if err := db.SetSetting(ctx, export.SettingPageSize, tc.stored); err != nil {
			t.Fatal(err)
		}
		if got, err := intake.DefaultPageSize(ctx, db); err != nil || got != tc.want {
			t.Errorf("stored %q: DefaultPageSize = %q, %v; want %q", tc.stored, got, err, tc.want)
		}
	}
}
