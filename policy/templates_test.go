package policy

import (
	"encoding/json"
	"strings"
	"testing"

	"returndesk/model"
)

// clauses lists every clause of a policy.
func clauses(p Policy) []string {
	var out []string
	for _, t := range p.Tiers {
		out = append(out, t.Clause)
	}
	if p.After != nil {
		out = append(out, p.After.Clause)
	}
	for _, c := range p.Causes {
		out = append(out, c.Clause)
	}
	if p.CustomBranded != nil {
		out = append(out, p.CustomBranded.Clause)
	}
	if p.OEM != nil {
		out = append(out, p.OEM.Clause, p.OEM.BatchClause)
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
	if !strings.Contains(v.Clause, "Nordwind's service center") || strings.Contains(v.Clause, MakerPlaceholder) {
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
