package policy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"returndesk/model"
)

// MakerPlaceholder stands in a neutral template's clauses where the manufacturer's name
// goes; a policy applied to a manufacturer's goods shows that manufacturer's name there.
const MakerPlaceholder = "{maker}"

// Template ids: neutral starting points for a manufacturer of the shop's own. They carry
// the presets' rules and wording with the seed makers' names replaced by MakerPlaceholder.
const (
	TemplateTerminal    model.PolicyID = "template-terminal"
	TemplateDistributor model.PolicyID = "template-distributor"
	TemplateOEM         model.PolicyID = "template-oem"
)

// ShippedName is the name a shipped preset or template goes by, in words a translation
// reaches ("Terminal clients (template)": 终端客户（模板）); ok is false for a name of the
// shop's own, which is shown as typed.
func ShippedName(name string) (t model.Text, ok bool) {
	t, ok = shippedNames[name]
	return t, ok
}

var shippedNames = map[string]model.Text{
	"Terminal clients (template)": model.T("Terminal clients (template)"),
	"Distributors (template)":     model.T("Distributors (template)"),
	"OEM orders (template)":       model.T("OEM orders (template)"),
	"Halotek terminal clients":    model.T("Halotek terminal clients"),
	"EleTrek distributors":        model.T("EleTrek distributors"),
	"Halotek OEM orders":          model.T("Halotek OEM orders"),
}

// Templates returns fresh copies of the neutral templates, one per kind of policy.
func Templates() []Policy {
	t := []Policy{halotekTerminal(), eletrekDistributor(), halotekOEM()}
	ids := []model.PolicyID{TemplateTerminal, TemplateDistributor, TemplateOEM}
	names := []string{"Terminal clients (template)", "Distributors (template)", "OEM orders (template)"}
	for i := range t {
		t[i] = t[i].withClauses(strings.NewReplacer(t[i].Manufacturer, MakerPlaceholder).Replace)
		t[i].ID, t[i].Name, t[i].Manufacturer = ids[i], names[i], ""
	}
	return t
}

// CopyFor is a copy of p for another manufacturer under a new id and name: where p's
// clauses name p's own manufacturer, the copy names the placeholder, so that a copied
// policy never prints the maker it was copied from.
func (p Policy) CopyFor(id model.PolicyID, name string) Policy {
	cp := p
	if p.Manufacturer != "" {
		cp = p.withClauses(strings.NewReplacer(p.Manufacturer, MakerPlaceholder).Replace)
	}
	cp.ID, cp.Name, cp.Manufacturer = id, name, ""
	return cp
}

// withClauses is a deep copy of p with every clause passed through edit: the copy shares
// no slice or pointer that holds a clause with p.
func (p Policy) withClauses(edit func(string) string) Policy {
	cp := p.Clone()
	for _, c := range cp.clauses() {
		c.En, c.Zh = edit(c.En), edit(c.Zh)
	}
	return cp
}

// clauses points at every clause of p: its tiers', the paid tier's, its cause rules',
// the custom-branded rule's and the OEM allowance's.
func (p *Policy) clauses() []*Clause {
	var out []*Clause
	for i := range p.Tiers {
		out = append(out, &p.Tiers[i].Clause)
	}
	if p.After != nil {
		out = append(out, &p.After.Clause)
	}
	for i := range p.Causes {
		out = append(out, &p.Causes[i].Clause)
	}
	if p.CustomBranded != nil {
		out = append(out, &p.CustomBranded.Clause)
	}
	if p.OEM != nil {
		out = append(out, &p.OEM.Clause, &p.OEM.BatchClause)
	}
	return out
}

// fillMaker puts the manufacturer's name where a clause holds MakerPlaceholder; without
// a name the placeholder reads "the manufacturer" in English and "厂家" in Chinese.
func (p Policy) fillMaker(name string) Policy {
	en, zh := name, name
	if name == "" {
		en, zh = "the manufacturer", "厂家"
	}
	cp := p.Clone()
	for _, c := range cp.clauses() {
		c.En = strings.ReplaceAll(c.En, MakerPlaceholder, en)
		c.Zh = fillChinese(c.Zh, zh)
	}
	return cp
}

// fillChinese puts name where a Chinese clause holds MakerPlaceholder. The templates set a
// Latin brand apart with spaces (由 Halotek 服务中心), as Chinese type does; a Chinese name
// goes in without them (由雷科电子服务中心).
func fillChinese(clause, name string) string {
	first, _ := utf8.DecodeRuneInString(name)
	last, _ := utf8.DecodeLastRuneInString(name)
	if unicode.Is(unicode.Han, first) {
		clause = strings.ReplaceAll(clause, " "+MakerPlaceholder, MakerPlaceholder)
	}
	if unicode.Is(unicode.Han, last) {
		clause = strings.ReplaceAll(clause, MakerPlaceholder+" ", MakerPlaceholder)
	}
	return strings.ReplaceAll(clause, MakerPlaceholder, name)
}
