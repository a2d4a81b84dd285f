package policy

import (
	"encoding/json"
	"strings"
	"testing"

	"returndesk/model"
)

// clauses lists every clause of a policy, each language apart.
func clauses(p Policy) []string {
	var out []string
	for _, c := range p.clauses() {
		out = append(out, c.En, c.Zh)
	}
	return out
}

// The templates keep the presets' rules, name no seed maker, and are valid policies.
func TestTemplatesNameNoMaker(t *testing.T) {
	kinds := map[model.PolicyKind]bool{}
	for _, p := range Templates() {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
		kinds[p.Kind] = true
		text, _ := json.Marshal(p)
		for _, maker := range []string{"Halotek", "EleTrek"} {
			if strings.Contains(string(text), maker) {
				t.Errorf("%s names %s: %s", p.ID, maker, text)
			}
		}
		if !strings.Contains(strings.Join(clauses(p), " "), MakerPlaceholder) {
			t.Errorf("%s has no %s in its clauses", p.ID, MakerPlaceholder)
		}
	}
	if len(kinds) != 3 {
		t.Errorf("templates cover kinds %v, want terminal, distributor and OEM", kinds)
	}
}

// Applied to a maker's goods, a template's clauses name that maker; a copy of another
// maker's policy never prints the maker it was copied from.
func TestClausesNameTheMakerApplied(t *testing.T) {
	tmpl, _ := Preset(TemplateTerminal)
	checked, err := Check(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	v, err := checked.ForManufacturer("Nordwind").Evaluate(Input{Purchased: model.MustDate("2026-03-01"), On: model.MustDate("2026-03-03")})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(v.Clause.En, "Nordwind's service center") || !strings.Contains(v.Clause.Zh, "Nordwind 服务中心") ||
		strings.Contains(v.Clause.En+v.Clause.Zh, MakerPlaceholder) {
		t.Errorf("clause %q does not name Nordwind", v.Clause)
	}
	if strings.Contains(strings.Join(clauses(checked.Policy()), " "), "Nordwind") {
		t.Error("ForManufacturer changed the checked policy it was called on")
	}

	halotek, _ := Preset(HalotekTerminal)
	cp := halotek.CopyFor("nordwind-terminal", "Nordwind terminal clients")
	if cp.ID != "nordwind-terminal" || cp.Manufacturer != "" || strings.Contains(strings.Join(clauses(cp), " "), "Halotek") {
		t.Errorf("copy %s for %q still names Halotek: %v", cp.ID, cp.Manufacturer, clauses(cp))
	}
	if again, _ := Preset(HalotekTerminal); !strings.Contains(strings.Join(clauses(again), " "), "Halotek") {
		t.Error("copying changed the preset")
	}
	if c := tmpl.fillMaker(""); strings.Contains(strings.Join(clauses(c), " "), MakerPlaceholder) {
		t.Error("a policy for no maker in particular still shows the placeholder")
	}
}

// A Latin brand stands apart from the Chinese words around it; a Chinese name joins them.
func TestFillChineseSpacesOnlyALatinName(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Nordwind", "或由 Nordwind 服务中心维修"},
		{"雷科电子", "或由雷科电子服务中心维修"},
		{"雷科 Tech", "或由雷科 Tech 服务中心维修"},
	} {
		if got := fillChinese("或由 "+MakerPlaceholder+" 服务中心维修", tt.name); got != tt.want {
			t.Errorf("fillChinese(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// Every preset clause has its Chinese words, and a clause reads in the reader's language,
// the other one's words when it has none in theirs.
func TestClausesAreBilingual(t *testing.T) {
	for _, p := range Presets() {
		for _, c := range p.clauses() {
			if (c.En == "") != (c.Zh == "") {
				t.Errorf("%s: a clause lacks a language: en %q, zh %q", p.ID, c.En, c.Zh)
			}
		}
	}
	c := Clause{En: "Paid service.", Zh: "有偿维修。"}
	if c.In(true) != "有偿维修。" || c.In(false) != "Paid service." || (Clause{En: "Only English"}).In(true) != "Only English" ||
		(Clause{Zh: "只有中文"}).In(false) != "只有中文" {
		t.Error("In picks the wrong language")
	}
}

// A clause stored before the Chinese half existed (a JSON string) reads as English, and a
// clause without Chinese is written back as that string; one with Chinese as {"en", "zh"}.
func TestClauseJSON(t *testing.T) {
	var old Tier
	if err := json.Unmarshal([]byte(`{"id":"refund","clause":"Full refund."}`), &old); err != nil || old.Clause != (Clause{En: "Full refund."}) {
		t.Fatalf("old clause: %+v, %v", old.Clause, err)
	}
	for _, tt := range []struct {
		c    Clause
		want string
	}{
		{Clause{En: "Full refund."}, `"Full refund."`},
		{Clause{En: "Full refund.", Zh: "全额退款。"}, `{"en":"Full refund.","zh":"全额退款。"}`},
	} {
		b, err := json.Marshal(tt.c)
		if err != nil || string(b) != tt.want {
			t.Errorf("%+v → %s, %v; want %s", tt.c, b, err, tt.want)
		}
		var back Clause
		if err := json.Unmarshal(b, &back); err != nil || back != tt.c {
			t.Errorf("%s read back as %+v, %v", b, back, err)
		}
	}
}
