package export

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"returndesk/internal/shoptest"

	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/policy"
	"returndesk/policy/intake"
)

// slipStore is a shop with Halotek (terminal policy), a Shenzhen service centre, the customer
// 王芳 and a repair-tier case of hers, taken in as the counter does.
func slipStore(t *testing.T) (*sqlite.DB, *model.Case) {
	t.Helper()
	shop := shoptest.New(t).Presets()
	m := &model.Manufacturer{Name: "Halotek", AfterSalesAddress: "Halotek After-Sales Dept., Shenzhen", TerminalPolicy: policy.HalotekTerminal}
	shop.Manufacturers(m)
	shop.Products(&model.Product{ManufacturerID: m.ID, Model: "HT-CAM5", Name: "5 MP IP camera"})
	shop.Centres(&model.ServiceCentre{ManufacturerID: m.ID, Name: "Halotek Service Centre Futian", Region: "Guangdong", Address: "2F, 1008 Shennan Road"})
	c := shop.Intake(intake.Request{CustomerName: "王芳", Phone: "13912345678", Region: "Guangdong",
		Model: "HT-CAM5", Serial: "CAM5-0001", Purchased: model.MustDate("2025-11-20"), On: model.MustDate("2026-03-05"),
		Fault: "画面卡顿", Accessories: "电源适配器"})
	return shop.DB, c
}

func TestLoadSlipReadsTheCaseAndItsVerdict(t *testing.T) {
	db, c := slipStore(t)
	dir := t.TempDir()
	for k, v := range map[string]string{SettingShopName: "  华强电子  ", SettingShopAddress: "华强北路 1019 号", SettingShopPhone: "0755-8326 1234"} {
		if err := db.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	file, err := StoreLogo(dir, testLogo())
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, SettingShopLogo, file); err != nil {
		t.Fatal(err)
	}
	for _, number := range []string{string(c.CaseNo), string(c.MaintenanceNo)} {
		s, err := LoadSlip(ctx, db, dir, number)
		if err != nil {
			t.Fatalf("LoadSlip(%s): %v", number, err)
		}
		if s.Case.ID != c.ID || s.Customer.Name != "王芳" || s.Product.Model != "HT-CAM5" || s.Manufacturer.Name != "Halotek" {
			t.Errorf("LoadSlip(%s) = case %d of %q, %s %s", number, s.Case.ID, s.Customer.Name, s.Manufacturer.Name, s.Product.Model)
		}
		if s.Case.Tier != model.TierRepair || s.Case.MaintenanceNo == "" || s.Number() != string(c.MaintenanceNo) {
			t.Errorf("tier %s, number %s: want a repair-tier case filed under its maintenance number", s.Case.Tier, s.Number())
		}
		if s.Centre == nil || s.Centre.Name != "Halotek Service Centre Futian" {
			t.Errorf("service centre = %+v", s.Centre)
		}
		if s.Verdict == nil || s.Verdict.Tier != model.TierRepair || !strings.Contains(s.Verdict.Clause, "maintenance order") {
			t.Errorf("verdict = %+v, want the repair tier with its clause", s.Verdict)
		}
		if s.Shop.Name != "华强电子" || s.Shop.Address != "华强北路 1019 号" || s.Shop.Phone != "0755-8326 1234" || len(s.Shop.Logo) == 0 {
			t.Errorf("shop = %q %q %q, logo %d bytes", s.Shop.Name, s.Shop.Address, s.Shop.Phone, len(s.Shop.Logo))
		}
	}
	if _, err := LoadSlip(ctx, db, dir, "RMA-2026-999999"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("LoadSlip of an unknown case: %v, want ENOTFOUND", err)
	}
}

func TestLoadSlipKeepsTheRecordedPolicyVersion(t *testing.T) {
	db, c := slipStore(t)
	// The shop edits the terminal policy after intake: the slip still quotes the version the case was taken in under.
	p, _ := policy.Preset(policy.HalotekTerminal)
	p.Tiers[2].Clause = "Edited clause"
	rec, err := p.Record()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SavePolicy(ctx, &rec); err != nil {
		t.Fatal(err)
	}
	s, err := LoadSlip(ctx, db, t.TempDir(), string(c.CaseNo))
	if err != nil {
		t.Fatal(err)
	}
	if s.Verdict == nil || s.Verdict.Clause == "Edited clause" || s.Verdict.Clause == "" {
		t.Errorf("clause = %+v, want the clause of version %d", s.Verdict, c.PolicyVersion)
	}
}

func TestLoadShopIgnoresLogoPathsOutsideTheDataFolder(t *testing.T) {
	db, _ := slipStore(t)
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(outside, testLogo(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{outside, "../" + filepath.Base(filepath.Dir(outside)) + "/logo.png", "missing.png", ".."} {
		if err := db.SetSetting(ctx, SettingShopLogo, v); err != nil {
			t.Fatal(err)
		}
		sh, err := LoadShop(ctx, db, dir)
		if err != nil || sh.Logo != nil {
			t.Errorf("logo setting %q: %d bytes, %v; want no logo", v, len(sh.Logo), err)
		}
	}
}

func TestStoreLogo(t *testing.T) {
	dir := t.TempDir()
	if _, err := StoreLogo(dir, []byte("GIF89a, not a logo")); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("StoreLogo of no picture: %v, want EINVALID", err)
	}
	file, err := StoreLogo(dir, testLogo())
	if err != nil || file != LogoFileName {
		t.Fatalf("StoreLogo = %q, %v", file, err)
	}
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width != 160 || cfg.Height != 80 {
		t.Errorf("stored logo: %+v, %v", cfg, err)
	}
}

func TestDefaultPageSize(t *testing.T) {
	db, _ := slipStore(t)
	for stored, want := range map[string]PageSize{"": PageA4, "a5": PageA5, "80mm": PageRoll, "nonsense": PageA4} {
		if err := db.SetSetting(ctx, SettingPageSize, stored); err != nil {
			t.Fatal(err)
		}
		if got, err := DefaultPageSize(ctx, db); err != nil || got != want {
			t.Errorf("stored %q: DefaultPageSize = %q, %v; want %q", stored, got, err, want)
		}
	}
}

func TestDocumentFiles(t *testing.T) {
	if got := SlipFile("/data", "RMA-2026-000123"); got != filepath.Join("/data", "slips", "RMA-2026-000123-slip.pdf") {
		t.Errorf("SlipFile = %s", got)
	}
	if got := LabelFile("/data", "../x"); got != filepath.Join("/data", "slips", "___x-label.pdf") {
		t.Errorf("LabelFile = %s", got)
	}
}
