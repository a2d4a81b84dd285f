package policy

import (
	"reflect"
	"strings"
	"testing"

	"returndesk/model"
)

func TestPresets(t *testing.T) {
	ps := Presets()
	var ids []model.PolicyID
	for _, p := range ps {
		ids = append(ids, p.ID)
		if err := p.Validate(); err != nil {
			t.Errorf("preset %s: %v", p.ID, err)
		}
		q, ok := Preset(p.ID)
		if !ok || !reflect.DeepEqual(p, q) {
			t.Errorf("Preset(%s) differs from Presets()", p.ID)
		}
	}
	if want := []model.PolicyID{HalotekTerminal, EleTrekDistributor, HalotekOEM, TemplateTerminal, TemplateDistributor, TemplateOEM}; !reflect.DeepEqual(ids, want) {
		t.Errorf("preset ids %v, want %v", ids, want)
	}
	if _, ok := Preset("nope"); ok {
		t.Error(`Preset("nope") found something`)
	}
	// Presets hand out copies: changing one changes no later call.
	ps[0].Tiers[0].Remedies[0] = model.RemedyPaidService
	ps[1].After.Freight.Inbound = PayerManufacturer
	if p := mustPreset(t, HalotekTerminal); p.Tiers[0].Remedies[0] != model.RemedyRefund {
		t.Error("a preset's remedies were shared")
	}
	if p := mustPreset(t, EleTrekDistributor); p.After.Freight.Inbound != PayerBuyer {
		t.Error("a preset's freight was shared")
	}

	term := mustPreset(t, HalotekTerminal)
	if term.Kind != model.PolicyTerminal || term.Basis != BasisPurchase || term.HasFreight() {
		t.Errorf("terminal preset: %+v", term)
	}
	dist := mustPreset(t, EleTrekDistributor)
	if dist.Kind != model.PolicyDistributor || dist.Basis != BasisShipment || !dist.HasFreight() || dist.Warranty() != Months(12) {
		t.Errorf("distributor preset: %+v", dist)
	}
	oem := mustPreset(t, HalotekOEM)
	if oem.Kind != model.PolicyOEM || oem.OEM == nil || oem.OEM.MinRate != "0.3" || oem.OEM.MaxRate != "0.5" || oem.OEM.ClaimWindow != Months(12) {
		t.Errorf("OEM preset: %+v", oem)
	}
	for _, p := range ps {
		if p.Summary().String() == "" {
			t.Errorf("%s: empty summary", p.ID)
		}
	}
	if got, want := term.Summary().String(), "from the purchase date: Refund ≤ 7 days, Replacement ≤ 60 days, Repair ≤ 12 months, then Paid service"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	for _, p := range Presets() {
		b, err := p.Marshal()
		if err != nil {
			t.Fatalf("%s: %v", p.ID, err)
		}
		q, err := Unmarshal(b)
		if err != nil {
			t.Fatalf("%s: %v\n%s", p.ID, err, b)
		}
		if !reflect.DeepEqual(p, q) {
			t.Errorf("%s: round trip changed the policy\n%+v\n%+v", p.ID, p, q)
		}
		r, err := p.Record()
		if err != nil || r.ID != p.ID || r.Kind != p.Kind || !r.Preset || r.Validate() != nil {
			t.Errorf("%s: Record() = %+v, %v", p.ID, r, err)
		}
		q, err = FromRecord(r)
		if err != nil || !reflect.DeepEqual(p, q) {
			t.Errorf("%s: FromRecord: %v", p.ID, err)
		}
		r.ID = "other"
		if _, err := FromRecord(r); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("%s: FromRecord with another id: %v", p.ID, err)
		}
	}
}

// The stored JSON is a contract: these names must not change.
func TestStableFieldNames(t *testing.T) {
	b, err := mustPreset(t, EleTrekDistributor).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{
		`"id":"eletrek-distributor"`, `"name":`, `"manufacturer":"EleTrek"`, `"kind":"distributor"`, `"basis":"shipment"`,
		`"tiers":[{"id":"warranty","window":{"length":12,"unit":"months"},"remedies":["repair","replace"],"covered":true,"clause":`,
		`"freight":{"inbound":"pending","outbound":"pending","settlement":"none"}`,
		`"after":{"id":"paid","remedies":["paid_service"],"covered":false`,
		`"causes":[{"cause":"unknown","scope":"in_window","provisional":true}`,
		`"add_remedies":["refund"],"regular_add_remedies":["new_units"]`,
		`"regular_freight":{"inbound":"manufacturer","outbound":"manufacturer","settlement":"deduct_next_pi"}`,
		`{"cause":"misuse","scope":"any_date","paid":true,`,
		`"custom_branded":{"excludes":["refund"],"clause":`,
	} {
		if !strings.Contains(string(b), frag) {
			t.Errorf("definition lacks %s\n%s", frag, b)
		}
	}
	b, _ = mustPreset(t, HalotekOEM).Marshal()
	if !strings.Contains(string(b), `"oem":{"min_rate":"0.3","max_rate":"0.5","claim_window":{"length":12,"unit":"months"},"remedies":["replace","deduct_next_order"],"batch_remedies":["air_replacement"]`) {
		t.Errorf("OEM definition: %s", b)
	}
}

func TestUnmarshalRefuses(t *testing.T) {
	for _, tt := range []struct{ name, json, field string }{
		{"not JSON", `{`, "definition"},
		{"unknown field", `{"id":"x","nmae":"typo"}`, "definition"},
		{"two documents", `{"id":"x"} {}`, "definition"},
		{"invalid policy", `{"id":"x","name":"X","kind":"terminal","basis":"purchase"}`, "tiers"},
	} {
		_, err := Unmarshal([]byte(tt.json))
		if model.ErrorCode(err) != model.EINVALID {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if _, ok := model.FieldErrors(err)[tt.field]; !ok {
			t.Errorf("%s: %v, want a problem with %s", tt.name, err, tt.field)
		}
	}
	p := mustPreset(t, HalotekTerminal)
	p.Tiers = nil
	if _, err := p.Marshal(); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("Marshal of an invalid policy: %v", err)
	}
}

func TestValidate(t *testing.T) {
	term := func(change func(p *Policy)) Policy {
		p := mustPreset(t, HalotekTerminal)
		change(&p)
		return p
	}
	dist := func(change func(p *Policy)) Policy {
		p := mustPreset(t, EleTrekDistributor)
		change(&p)
		return p
	}
	oem := func(change func(p *Policy)) Policy {
		p := mustPreset(t, HalotekOEM)
		change(&p)
		return p
	}
	tests := []struct {
		name  string
		p     Policy
		field string // "" means valid
	}{
		{"preset", term(func(*Policy) {}), ""},
		{"24 months", term(func(p *Policy) { p.Tiers[2].Window = Months(24) }), ""},
		{"14-day refund", term(func(p *Policy) { p.Tiers[0].Window = Days(14) }), ""},
		{"zero-day refund (the day of sale only)", term(func(p *Policy) { p.Tiers[0].Window = Days(0) }), ""},
		{"days 63 after 2 months", term(func(p *Policy) {
			p.Tiers = []Tier{{ID: "a", Window: Months(2), Remedies: rs("replace")}, {ID: "b", Window: Days(63), Remedies: rs("repair")}}
		}), ""},
		{"no id", term(func(p *Policy) { p.ID = "" }), "id"},
		{"bad id", term(func(p *Policy) { p.ID = "My Policy" }), "id"},
		{"no name", term(func(p *Policy) { p.Name = "  " }), "name"},
		{"bad kind", term(func(p *Policy) { p.Kind = "retail" }), "kind"},
		{"bad basis", term(func(p *Policy) { p.Basis = "delivery" }), "basis"},
		{"empty tiers", term(func(p *Policy) { p.Tiers = nil }), "tiers"},
		{"negative days", term(func(p *Policy) { p.Tiers[0].Window = Days(-1) }), "tiers[0].window.length"},
		{"negative months", term(func(p *Policy) { p.Tiers[2].Window = Months(-12) }), "tiers[2].window.length"},
		{"absurd months", term(func(p *Policy) { p.Tiers[2].Window = Months(MaxWindowMonths + 1) }), "tiers[2].window.length"},
		{"unknown unit", term(func(p *Policy) { p.Tiers[0].Window.Unit = "weeks" }), "tiers[0].window.unit"},
		{"windows not increasing", term(func(p *Policy) { p.Tiers[1].Window = Days(7) }), "tiers[1].window"},
		{"windows decreasing", term(func(p *Policy) { p.Tiers[0].Window = Days(61) }), "tiers[1].window"},
		{"365 days after 12 months", term(func(p *Policy) {
			p.Tiers[1].Window = Months(12)
			p.Tiers[2].Window = Days(365)
		}), "tiers[2].window"},
		// Two months from 1 January end on 1 March, day 59: not always after day 60.
		{"2 months after 60 days", term(func(p *Policy) { p.Tiers[2].Window = Months(2) }), "tiers[2].window"},
		// Two months from 1 July end on 1 September, day 62.
		{"days 62 after 2 months", term(func(p *Policy) {
			p.Tiers = []Tier{{ID: "a", Window: Months(2), Remedies: rs("replace")}, {ID: "b", Window: Days(62), Remedies: rs("repair")}}
		}), "tiers[1].window"},
		{"unknown remedy", term(func(p *Policy) { p.Tiers[1].Remedies = rs("replace", "hug") }), "tiers[1].remedies[1]"},
		{"twice the same remedy", term(func(p *Policy) { p.Tiers[1].Remedies = rs("replace", "replace") }), "tiers[1].remedies[1]"},
		{"no remedies", term(func(p *Policy) { p.Tiers[1].Remedies = nil }), "tiers[1].remedies"},
		{"no tier id", term(func(p *Policy) { p.Tiers[1].ID = "" }), "tiers[1].id"},
		{"duplicate tier id", term(func(p *Policy) { p.Tiers[1].ID = "refund" }), "tiers[1].id"},
		{"after reuses a tier id", term(func(p *Policy) { p.After.ID = "repair" }), "after.id"},
		{"no after", term(func(p *Policy) { p.After = nil }), "after"},
		{"after without remedies", term(func(p *Policy) { p.After.Remedies = nil }), "after.remedies"},
		{"unknown cause", term(func(p *Policy) { p.Causes[0].Cause = "weather" }), "causes[0].cause"},
		{"two rules for a cause", term(func(p *Policy) { p.Causes[1].Cause = model.CauseUnknown }), "causes[1].cause"},
		{"bad scope", term(func(p *Policy) { p.Causes[0].Scope = "sometimes" }), "causes[0].scope"},
		{"paid rule adding remedies", term(func(p *Policy) { p.Causes[1].AddRemedies = rs("refund") }), "causes[1].add_remedies"},
		{"unknown added remedy", dist(func(p *Policy) { p.Causes[1].RegularAddRemedies = rs("cash") }), "causes[1].regular_add_remedies[0]"},
		{"freight on one tier only", dist(func(p *Policy) { p.After.Freight = nil }), "after.freight"},
		{"bad payer", dist(func(p *Policy) { p.Tiers[0].Freight.Outbound = "nobody" }), "tiers[0].freight.outbound"},
		{"bad settlement", dist(func(p *Policy) { p.Causes[1].RegularFreight.Settlement = "cash" }), "causes[1].regular_freight.settlement"},
		{"cause freight without tier freight", term(func(p *Policy) { p.Causes[1].Freight = &Freight{PayerBuyer, PayerBuyer, SettleNone} }), "causes[1].freight"},
		{"custom-branded excluding nothing", dist(func(p *Policy) { p.CustomBranded.Excludes = nil }), "custom_branded.excludes"},
		{"oem section on a terminal policy", term(func(p *Policy) { p.OEM = mustPreset(t, HalotekOEM).OEM }), "oem"},
		{"OEM preset", oem(func(*Policy) {}), ""},
		{"OEM with tiers", oem(func(p *Policy) { p.Tiers = mustPreset(t, HalotekTerminal).Tiers }), "tiers"},
		{"OEM without its section", oem(func(p *Policy) { p.OEM = nil }), "oem"},
		{"OEM min above max", oem(func(p *Policy) { p.OEM.MinRate = "0.6" }), "oem.max_rate"},
		{"OEM bad rate", oem(func(p *Policy) { p.OEM.MinRate = "0,3" }), "oem.min_rate"},
		{"OEM rate above 100", oem(func(p *Policy) { p.OEM.MaxRate = "101" }), "oem.max_rate"},
		{"OEM negative window", oem(func(p *Policy) { p.OEM.ClaimWindow = Months(-1) }), "oem.claim_window.length"},
		{"OEM unknown remedy", oem(func(p *Policy) { p.OEM.BatchRemedies = rs("boat_replacement") }), "oem.batch_remedies[0]"},
		{"clause too long", term(func(p *Policy) { p.Tiers[0].Clause.En = strings.Repeat("x", model.MaxTextLen+1) }), "tiers[0].clause"},
		{"Chinese clause too long", term(func(p *Policy) { p.Tiers[0].Clause.Zh = strings.Repeat("字", model.MaxTextLen+1) }), "tiers[0].clause_zh"},
	}
	for _, tt := range tests {
		err := tt.p.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if model.ErrorCode(err) != model.EINVALID {
			t.Errorf("%s: Validate() = %v, want EINVALID", tt.name, err)
			continue
		}
		if _, ok := model.FieldErrors(err)[tt.field]; !ok {
			t.Errorf("%s: %v, want a problem with %s", tt.name, err, tt.field)
		}
	}
}

func TestMonthSpan(t *testing.T) {
	for _, tt := range []struct{ months, lo, hi int }{
		{0, 0, 0},
		{1, 28, 31},
		{2, 59, 62},
		{12, 365, 366},
		{24, 730, 731},
	} {
		if lo, hi := monthSpan(tt.months); lo != tt.lo || hi != tt.hi {
			t.Errorf("monthSpan(%d) = %d, %d; want %d, %d", tt.months, lo, hi, tt.lo, tt.hi)
		}
	}
}

func TestClone(t *testing.T) {
	for _, p := range Presets() {
		q := p.Clone()
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("%s: clone differs", p.ID)
		}
		for i := range q.Tiers {
			q.Tiers[i].Remedies[0] = "x"
			if q.Tiers[i].Freight != nil {
				q.Tiers[i].Freight.Inbound = "x"
			}
		}
		for i := range q.Causes {
			q.Causes[i].AddRemedies = append(q.Causes[i].AddRemedies[:0:0], "x")
			if q.Causes[i].Freight != nil {
				q.Causes[i].Freight.Inbound = "x"
			}
		}
		if q.After != nil {
			q.After.Remedies[0] = "x"
		}
		if q.OEM != nil {
			q.OEM.Remedies[0] = "x"
			q.OEM.MinRate = "9"
		}
		if q.CustomBranded != nil {
			q.CustomBranded.Excludes[0] = "x"
		}
		if err := p.Validate(); err != nil {
			t.Errorf("%s: changing a clone changed the original: %v", p.ID, err)
		}
	}
}

// A policy's freight is worded with the vocabulary's words for the parties: the same that a
// claim line's freight payer is shown with.
func TestFreightLabels(t *testing.T) {
	for _, p := range []Payer{PayerManufacturer, PayerBuyer, PayerPending} {
		if l := p.Label(); l.Key == "" || l.Key == "%s" || l.String() != model.FreightByLabel(string(p)).String() {
			t.Errorf("payer %s is worded %q", p, l)
		}
	}
	for _, s := range []Settlement{SettleNone, SettleDeductNextPI} {
		if l := s.Label(); l.Key == "" || l.Key == "%s" {
			t.Errorf("settlement %s has no label", s)
		}
	}
}
