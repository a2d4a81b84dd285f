package policy

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	_ "time/tzdata" // the zones below must exist on every test machine

	"returndesk/model"
)

func d(s string) model.Date { return model.MustDate(s) }

func rs(names ...string) []model.Remedy {
	out := []model.Remedy{}
	for _, n := range names {
		out = append(out, model.Remedy(n))
	}
	return out
}

func mustPreset(t testing.TB, id model.PolicyID) Policy {
	t.Helper()
	p, ok := Preset(id)
	if !ok {
		t.Fatalf("no preset %s", id)
	}
	return p
}

// verdictCase is one row of the boundary tables: an input and what the verdict must say.
type verdictCase struct {
	name        string
	in          Input
	tier        model.Tier
	remedies    []model.Remedy
	days        int
	inWindow    bool
	covered     bool
	provisional bool
	windowEnds  string
	warrantyEnd string
	daysLeft    int
	rule        string
	freight     *Freight // nil: the verdict must have none
}

func terminalCases() []verdictCase {
	jan1 := func(on string, c model.Cause) Input {
		return Input{Purchased: d("2026-01-01"), On: d(on), Cause: c}
	}
	all := rs("refund", "replace", "service_center")
	swap := rs("replace", "service_center")
	return []verdictCase{
		{"day 0", jan1("2026-01-01", ""), "refund", all, 0, true, true, true, "2026-01-08", "2027-01-01", 7, "days 0-7", nil},
		{"day 7 is the last refund day", jan1("2026-01-08", ""), "refund", all, 7, true, true, true, "2026-01-08", "2027-01-01", 0, "days 0-7", nil},
		{"day 8 is replace", jan1("2026-01-09", ""), "replace", swap, 8, true, true, true, "2026-03-02", "2027-01-01", 52, "days 8-60", nil},
		{"day 60 is the last replace day", jan1("2026-03-02", ""), "replace", swap, 60, true, true, true, "2026-03-02", "2027-01-01", 0, "days 8-60", nil},
		{"day 61 is repair", jan1("2026-03-03", ""), "repair", rs("repair"), 61, true, true, true, "2027-01-01", "2027-01-01", 304, "days 61-365 (12 months)", nil},
		{"EDATE(start,12) is still repair", jan1("2027-01-01", ""), "repair", rs("repair"), 365, true, true, true, "2027-01-01", "2027-01-01", 0, "days 61-365 (12 months)", nil},
		{"the day after EDATE is paid", jan1("2027-01-02", ""), "paid", rs("paid_service"), 366, false, false, false, "2027-01-01", "2027-01-01", 0, "after day 365 (12 months)", nil},
		{"years later is paid", jan1("2030-06-15", "manufacturer"), "paid", rs("paid_service"), 1626, false, false, false, "2027-01-01", "2027-01-01", 0, "after day 365 (12 months)", nil},
		{"manufacturer cause is not provisional", jan1("2026-01-05", "manufacturer"), "refund", all, 4, true, true, false, "2026-01-08", "2027-01-01", 3, "days 0-7", nil},
		{"misuse at day 0 is paid", jan1("2026-01-01", "misuse"), "paid", rs("paid_service"), 0, true, false, false, "2027-01-01", "2027-01-01", 0, "cause misuse", nil},
		{"misuse after the warranty is paid", jan1("2027-03-01", "misuse"), "paid", rs("paid_service"), 424, false, false, false, "2027-01-01", "2027-01-01", 0, "cause misuse", nil},
		{"regular and custom-branded change nothing here",
			Input{Purchased: d("2026-01-01"), On: d("2026-01-02"), Cause: "manufacturer", Regular: true, CustomBranded: true},
			"refund", all, 1, true, true, false, "2026-01-08", "2027-01-01", 6, "days 0-7", nil},
		// 29 February: EDATE(2024-02-29, 12) = 2025-02-28.
		{"leap start, last day", Input{Purchased: d("2024-02-29"), On: d("2025-02-28")}, "repair", rs("repair"), 365, true, true, true, "2025-02-28", "2025-02-28", 0, "days 61-365 (12 months)", nil},
		{"leap start, day after", Input{Purchased: d("2024-02-29"), On: d("2025-03-01")}, "paid", rs("paid_service"), 366, false, false, false, "2025-02-28", "2025-02-28", 0, "after day 365 (12 months)", nil},
		{"leap year inside the window", Input{Purchased: d("2023-03-01"), On: d("2024-03-01")}, "repair", rs("repair"), 366, true, true, true, "2024-03-01", "2024-03-01", 0, "days 61-366 (12 months)", nil},
		{"month-end start", Input{Purchased: d("2025-08-31"), On: d("2026-08-31"), Cause: "manufacturer"}, "repair", rs("repair"), 365, true, true, false, "2026-08-31", "2026-08-31", 0, "days 61-365 (12 months)", nil},
		// The shipment date does not matter to the customer.
		{"shipment ignored", Input{Purchased: d("2026-01-01"), Shipped: d("2020-01-01"), On: d("2026-01-08")}, "refund", all, 7, true, true, true, "2026-01-08", "2027-01-01", 0, "days 0-7", nil},
	}
}

func distributorCases() []verdictCase {
	ship := func(on string, c model.Cause, regular, branded bool) Input {
		return Input{Shipped: d("2025-10-01"), On: d(on), Cause: c, Regular: regular, CustomBranded: branded}
	}
	pending := &Freight{PayerPending, PayerPending, SettleNone}
	maker := &Freight{PayerManufacturer, PayerManufacturer, SettleNone}
	makerPI := &Freight{PayerManufacturer, PayerManufacturer, SettleDeductNextPI}
	buyer := &Freight{PayerBuyer, PayerBuyer, SettleNone}
	const ends = "2026-10-01"
	const win = "days 0-365 (12 months)"
	return []verdictCase{
		{"unknown cause", ship("2026-01-15", "unknown", false, false), "warranty", rs("repair", "replace"), 106, true, true, true, ends, ends, 259, win, pending},
		{"unknown cause, regular", ship("2026-01-15", "", true, false), "warranty", rs("repair", "replace"), 106, true, true, true, ends, ends, 259, win, pending},
		{"manufacturer", ship("2026-01-15", "manufacturer", false, false), "warranty", rs("repair", "replace", "refund"), 106, true, true, false, ends, ends, 259, win + ", cause manufacturer", maker},
		{"manufacturer, regular", ship("2026-01-15", "manufacturer", true, false), "warranty", rs("repair", "replace", "refund", "new_units"), 106, true, true, false, ends, ends, 259, win + ", cause manufacturer", makerPI},
		{"manufacturer, custom-branded", ship("2026-01-15", "manufacturer", false, true), "warranty", rs("repair", "replace"), 106, true, true, false, ends, ends, 259, win + ", cause manufacturer, custom-branded", maker},
		{"manufacturer, regular, custom-branded", ship("2026-01-15", "manufacturer", true, true), "warranty", rs("repair", "replace", "new_units"), 106, true, true, false, ends, ends, 259, win + ", cause manufacturer, custom-branded", makerPI},
		{"manufacturer on the last day", ship(ends, "manufacturer", true, false), "warranty", rs("repair", "replace", "refund", "new_units"), 365, true, true, false, ends, ends, 0, win + ", cause manufacturer", makerPI},
		{"manufacturer the day after", ship("2026-10-02", "manufacturer", true, false), "paid", rs("paid_service"), 366, false, false, false, ends, ends, 0, "after day 365 (12 months)", buyer},
		{"unknown the day after", ship("2026-10-02", "unknown", false, false), "paid", rs("paid_service"), 366, false, false, false, ends, ends, 0, "after day 365 (12 months)", buyer},
		{"misuse at day 0", ship("2025-10-01", "misuse", true, false), "paid", rs("paid_service"), 0, true, false, false, ends, ends, 0, "cause misuse", buyer},
		{"misuse in window", ship("2026-01-15", "misuse", false, true), "paid", rs("paid_service"), 106, true, false, false, ends, ends, 0, "cause misuse", buyer},
		{"misuse after", ship("2027-01-15", "misuse", false, false), "paid", rs("paid_service"), 471, false, false, false, ends, ends, 0, "cause misuse", buyer},
		{"purchase date ignored", Input{Purchased: d("2026-05-01"), Shipped: d("2025-10-01"), On: d("2026-01-15")}, "warranty", rs("repair", "replace"), 106, true, true, true, ends, ends, 259, win, pending},
	}
}

func checkVerdict(t *testing.T, p Policy, c verdictCase) {
	t.Helper()
	v, err := Evaluate(p, c.in)
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	start, _ := basisDate(&p, c.in)
	cause := c.in.Cause
	if cause == "" {
		cause = model.CauseUnknown
	}
	want := Verdict{
		Policy: p.ID, Basis: p.Basis, Start: start, On: c.in.On, Days: c.days, Cause: cause,
		Tier: c.tier, Rule: c.rule, InWindow: c.inWindow, Covered: c.covered, Provisional: c.provisional,
		Remedies: c.remedies, WindowEnds: d(c.windowEnds), DaysLeft: c.daysLeft, WarrantyEnds: d(c.warrantyEnd),
		Clause: v.Clause, Freight: c.freight,
	}
	got := v
	got.windowed = false
	if g, w := js(t, got), js(t, want); g != w {
		t.Errorf("%s:\n got %s\nwant %s", c.name, g, w)
	}
	if v.Clause.IsZero() {
		t.Errorf("%s: no clause", c.name)
	}
	if v.Remedies == nil {
		t.Errorf("%s: remedies are nil", c.name)
	}
}

func js(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTerminalBoundaries(t *testing.T) {
	p := mustPreset(t, HalotekTerminal)
	for _, c := range terminalCases() {
		checkVerdict(t, p, c)
	}
}

func TestDistributorBoundaries(t *testing.T) {
	p := mustPreset(t, EleTrekDistributor)
	for _, c := range distributorCases() {
		checkVerdict(t, p, c)
	}
}

// Evaluation works on calendar dates only, so the local time zone must change nothing,
// including zones with a daylight-saving change inside the window (New York, London)
// and one that skipped a whole calendar day (Kiritimati, 1994-12-31).
func TestBoundariesInEveryTimeZone(t *testing.T) {
	saved := time.Local
	defer func() { time.Local = saved }()
	for _, zone := range []string{"UTC", "Asia/Shanghai", "America/Sao_Paulo", "Pacific/Kiritimati", "Europe/London", "America/New_York"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		time.Local = loc
		t.Run(strings.ReplaceAll(zone, "/", "_"), func(t *testing.T) {
			term, dist := mustPreset(t, HalotekTerminal), mustPreset(t, EleTrekDistributor)
			for _, c := range terminalCases() {
				checkVerdict(t, term, c)
			}
			for _, c := range distributorCases() {
				checkVerdict(t, dist, c)
			}
			// The US change to daylight time on 2026-03-08 lies inside these windows.
			checkVerdict(t, term, verdictCase{"DST inside", Input{Purchased: d("2026-03-07"), On: d("2026-03-14")},
				"refund", rs("refund", "replace", "service_center"), 7, true, true, true, "2026-03-14", "2027-03-07", 0, "days 0-7", nil})
			checkVerdict(t, term, verdictCase{"DST inside, day 8", Input{Purchased: d("2026-03-07"), On: d("2026-03-15")},
				"replace", rs("replace", "service_center"), 8, true, true, true, "2026-05-06", "2027-03-07", 52, "days 8-60", nil})
			// Kiritimati never saw 1994-12-31; the calendar still counts it.
			checkVerdict(t, term, verdictCase{"skipped day", Input{Purchased: d("1994-12-30"), On: d("1995-01-06")},
				"refund", rs("refund", "replace", "service_center"), 7, true, true, true, "1995-01-06", "1995-12-30", 0, "days 0-7", nil})
		})
	}
}

func TestEvaluateErrors(t *testing.T) {
	term := mustPreset(t, HalotekTerminal)
	dist := mustPreset(t, EleTrekDistributor)
	oem := mustPreset(t, HalotekOEM)
	broken := mustPreset(t, HalotekTerminal)
	broken.Tiers = nil
	tests := []struct {
		name  string
		p     Policy
		in    Input
		field string
		text  string
	}{
		{"no purchase date", term, Input{Shipped: d("2026-01-01"), On: d("2026-01-08")}, "purchase_date",
			"the halotek-terminal policy counts from the purchase date, which is missing"},
		{"no shipment date", dist, Input{Purchased: d("2026-01-01"), On: d("2026-01-08")}, "shipment_date",
			"the eletrek-distributor policy counts from the shipment date, which is missing"},
		{"no date to judge", term, Input{Purchased: d("2026-01-01")}, "on", "missing"},
		{"on before start", term, Input{Purchased: d("2026-01-02"), On: d("2026-01-01")}, "on",
			"2026-01-01 is before the purchase date 2026-01-02"},
		{"on before shipment", dist, Input{Shipped: d("2026-01-02"), On: d("2025-12-31")}, "on",
			"2025-12-31 is before the shipment date 2026-01-02"},
		{"unknown cause", term, Input{Purchased: d("2026-01-01"), On: d("2026-01-02"), Cause: "gremlins"}, "cause",
			`unknown cause "gremlins"`},
		{"OEM policy", oem, Input{Shipped: d("2026-01-01"), On: d("2026-01-02")}, "policy", "OEM allowance"},
		{"invalid policy", broken, Input{Purchased: d("2026-01-01"), On: d("2026-01-02")}, "tiers", "at least one tier"},
	}
	for _, tt := range tests {
		v, err := Evaluate(tt.p, tt.in)
		if err == nil {
			t.Errorf("%s: no error, verdict %+v", tt.name, v)
			continue
		}
		if model.ErrorCode(err) != model.EINVALID {
			t.Errorf("%s: code %q, want %q", tt.name, model.ErrorCode(err), model.EINVALID)
		}
		msg, ok := model.FieldErrors(err)[tt.field]
		if !ok || !strings.Contains(msg, tt.text) {
			t.Errorf("%s: errors %v, want field %s with %q", tt.name, model.FieldErrors(err), tt.field, tt.text)
		}
	}
}

func TestVerdictJSONFields(t *testing.T) {
	v, err := Evaluate(mustPreset(t, HalotekTerminal), Input{Purchased: d("2026-01-01"), On: d("2026-01-08")})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(js(t, v)), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"policy", "basis", "start", "on", "days", "tier", "in_window", "covered", "provisional",
		"remedies", "window_ends", "warranty_ends", "clause", "rule", "days_left"} {
		if _, ok := m[k]; !ok {
			t.Errorf("verdict JSON lacks %q: %v", k, m)
		}
	}
	if _, ok := m["freight"]; ok {
		t.Errorf("the terminal policy has no freight rules, but the verdict has freight: %v", m["freight"])
	}
	if m["basis"] != "purchase" || m["start"] != "2026-01-01" || m["tier"] != "refund" {
		t.Errorf("unexpected values: %v", m)
	}

	// Remedies are [] and never null, even when a custom-branded product loses its only remedy.
	p := mustPreset(t, EleTrekDistributor)
	p.Tiers[0].Remedies = rs("refund")
	v, err = Evaluate(p, Input{Shipped: d("2026-01-01"), On: d("2026-01-02"), CustomBranded: true})
	if err != nil {
		t.Fatal(err)
	}
	if s := js(t, v); !strings.Contains(s, `"remedies":[]`) || !strings.Contains(s, `"freight":{"inbound":"pending","outbound":"pending","settlement":"none"}`) {
		t.Errorf("JSON %s", s)
	}
}

func TestVerdictSummary(t *testing.T) {
	term := mustPreset(t, HalotekTerminal)
	for _, tt := range []struct {
		in   Input
		want string
	}{
		{Input{Purchased: d("2026-01-01"), On: d("2026-01-06")}, "day 5 of 7, tier Refund (provisional): Full refund, Same-model replacement or Service centre"},
		{Input{Purchased: d("2026-01-01"), On: d("2026-01-09"), Cause: "manufacturer"}, "day 8 of 60, tier Replacement: Same-model replacement or Service centre"},
		{Input{Purchased: d("2026-01-01"), On: d("2026-01-02"), Cause: "misuse"}, "day 1, tier Paid service: Paid service"},
		{Input{Purchased: d("2026-01-01"), On: d("2027-01-02")}, "day 366, tier Paid service: Paid service"},
	} {
		v, err := Evaluate(term, tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.Summary().String(); got != tt.want {
			t.Errorf("Summary() = %q, want %q", got, tt.want)
		}
	}
}

// A dealer copies a preset and changes it: the evaluation follows the data.
func TestEditedPolicy(t *testing.T) {
	p := mustPreset(t, HalotekTerminal)
	p.ID, p.Name = "shop-terminal", "Our shop, 24 months"
	p.Tiers[0].Window = Days(14)
	p.Tiers[1].Window = Days(90)
	p.Tiers[2].Window = Months(24)
	p.Tiers[1].Remedies = rs("replace")
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	start := d("2026-01-31")
	for _, tt := range []struct {
		on       string
		tier     model.Tier
		remedies []model.Remedy
	}{
		{"2026-02-14", "refund", rs("refund", "replace", "service_center")},
		{"2026-02-15", "replace", rs("replace")},
		{"2026-05-01", "replace", rs("replace")}, // day 90
		{"2026-05-02", "repair", rs("repair")},
		{"2028-01-31", "repair", rs("repair")},
		{"2028-02-01", "paid", rs("paid_service")},
	} {
		v, err := Evaluate(p, Input{Purchased: start, On: d(tt.on), Cause: model.CauseManufacturer})
		if err != nil {
			t.Fatal(err)
		}
		if v.Tier != tt.tier || !slices.Equal(v.Remedies, tt.remedies) {
			t.Errorf("on %s: %s %v, want %s %v", tt.on, v.Tier, v.Remedies, tt.tier, tt.remedies)
		}
	}
	// The preset itself is untouched.
	if q := mustPreset(t, HalotekTerminal); q.Tiers[0].Window != Days(7) {
		t.Errorf("changing a copy changed the preset: %v", q.Tiers[0].Window)
	}
}

// A one-month window from a month end ends on the last day of the next month.
func TestMonthEndWindow(t *testing.T) {
	p := Policy{ID: "one-month", Name: "One month", Kind: model.PolicyTerminal, Basis: BasisPurchase,
		Tiers: []Tier{{ID: "replace", Window: Months(1), Remedies: rs("replace"), Covered: true}},
		After: &Outcome{ID: "paid", Remedies: rs("paid_service")}}
	for _, tt := range []struct {
		start, on string
		tier      model.Tier
	}{
		{"2026-01-31", "2026-02-28", "replace"},
		{"2026-01-31", "2026-03-01", "paid"},
		{"2024-01-31", "2024-02-29", "replace"},
		{"2024-01-31", "2024-03-01", "paid"},
		{"2026-03-31", "2026-04-30", "replace"},
		{"2026-03-31", "2026-05-01", "paid"},
		{"2026-12-31", "2027-01-31", "replace"},
		{"2026-12-31", "2027-02-01", "paid"},
	} {
		v, err := Evaluate(p, Input{Purchased: d(tt.start), On: d(tt.on), Cause: model.CauseManufacturer})
		if err != nil {
			t.Fatal(err)
		}
		if v.Tier != tt.tier {
			t.Errorf("start %s on %s: %s, want %s", tt.start, tt.on, v.Tier, tt.tier)
		}
	}
}

// mustCheck checks a preset for EvaluateCase.
func mustCheck(t *testing.T, id model.PolicyID) *Checked {
	t.Helper()
	c, err := Check(mustPreset(t, id))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestEvaluateCase(t *testing.T) {
	term, dist := mustCheck(t, HalotekTerminal), mustCheck(t, EleTrekDistributor)
	in := Input{Purchased: d("2026-01-05"), Shipped: d("2025-09-30"), On: d("2026-10-10"), Cause: model.CauseManufacturer}
	cv, err := EvaluateCase(term, dist, in)
	if err != nil {
		t.Fatal(err)
	}
	if cv.Customer == nil || cv.Customer.Tier != model.TierRepair || cv.Manufacturer == nil || cv.Manufacturer.Tier != model.TierPaid {
		t.Fatalf("verdicts %+v %+v", cv.Customer, cv.Manufacturer)
	}
	const want = "Customer is covered until 2027-01-05 but EleTrek's warranty ended on 2026-09-30: the shop carries the cost"
	if !cv.DealerCarriesCost || cv.Warning.String() != want {
		t.Errorf("DealerCarriesCost %v, Warning %q, want %q", cv.DealerCarriesCost, cv.Warning, want)
	}

	// Both warranties running: no warning.
	in.On = d("2026-09-30")
	if cv, err = EvaluateCase(term, dist, in); err != nil || cv.DealerCarriesCost || cv.Warning.Key != "" {
		t.Errorf("last day of EleTrek's warranty: %+v %v", cv, err)
	}
	// Misuse: nobody is covered, so the shop carries nothing the customer could claim.
	in.On, in.Cause = d("2026-10-10"), model.CauseMisuse
	if cv, err = EvaluateCase(term, dist, in); err != nil || cv.DealerCarriesCost {
		t.Errorf("misuse: %+v %v", cv, err)
	}
	// No shipment date, or no distributor policy: only the customer's clock.
	in.Cause, in.Shipped = model.CauseUnknown, model.Date{}
	if cv, err = EvaluateCase(term, dist, in); err != nil || cv.Manufacturer != nil || cv.Customer == nil || cv.DealerCarriesCost {
		t.Errorf("no shipment date: %+v %v", cv, err)
	}
	in.Shipped = d("2025-09-30")
	if cv, err = EvaluateCase(term, nil, in); err != nil || cv.Manufacturer != nil || cv.Customer == nil {
		t.Errorf("no distributor policy: %+v %v", cv, err)
	}
	in.Purchased = model.Date{}
	if cv, err = EvaluateCase(term, dist, in); err != nil || cv.Customer != nil || cv.Manufacturer == nil {
		t.Errorf("no purchase date: %+v %v", cv, err)
	}
	if cv, err = EvaluateCase(nil, nil, in); err != nil || cv.Customer != nil || cv.Manufacturer != nil {
		t.Errorf("no policies: %+v %v", cv, err)
	}
	// A date before the shipment is still an error.
	in.On = d("2025-09-01")
	if _, err = EvaluateCase(term, dist, in); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("on before shipment: %v", err)
	}
	// Checking copies: a later change to the caller's policy changes nothing.
	p := mustPreset(t, EleTrekDistributor)
	c, err := Check(p)
	if err != nil {
		t.Fatal(err)
	}
	p.Tiers[0].Window.Length, p.Manufacturer = -1, "Other"
	if got := c.Policy(); got.Tiers[0].Window.Length != 12 || got.Manufacturer != "EleTrek" {
		t.Errorf("checked policy changed with the original: %+v", got.Tiers[0])
	}
	if _, err := Check(p); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("an invalid policy passed the check: %v", err)
	}
	// Without a manufacturer's name the warning still reads.
	dist = dist.ForManufacturer("")
	in = Input{Purchased: d("2026-01-05"), Shipped: d("2025-09-30"), On: d("2026-10-10")}
	if cv, err = EvaluateCase(term, dist, in); err != nil || !strings.Contains(cv.Warning.String(), "the manufacturer's warranty ended on 2026-09-30") {
		t.Errorf("warning %q %v", cv.Warning, err)
	}
}
