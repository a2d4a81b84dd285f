package cli

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"returndesk/policy"
)

// policyEnv points the binary at a database path in a fresh folder, so that no test touches the user's.
func policyEnv(t *testing.T) ([]string, string) {
	db := filepath.Join(t.TempDir(), "shop.db")
	return []string{"RETURNDESK_DB=" + db}, db
}

// runJSON runs a command that must succeed and decodes its JSON output.
func runJSON(t *testing.T, env []string, args ...string) map[string]any {
	t.Helper()
	var m map[string]any
	runJSONInto(t, env, &m, args...)
	return m
}

// runJSONInto runs a command that must succeed (args ask for --json) and decodes its output into v.
func runJSONInto(t *testing.T, env []string, v any, args ...string) {
	t.Helper()
	out, stderr, code := runEnv(t, env, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("%v: output is not one JSON document: %v\n%s", args, err, out)
	}
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := []string{}
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

func TestPolicyCheckJSON(t *testing.T) {
	env, _ := policyEnv(t)
	term := []string{"policy", "check", "--policy", "halotek-terminal", "--purchased", "2026-01-01", "--json"}
	dist := []string{"policy", "check", "--policy", "eletrek-distributor", "--shipped", "2025-10-01", "--json"}
	type freight = map[string]any
	tests := []struct {
		name     string
		args     []string
		tier     string
		remedies []string
		days     float64
		inWindow bool
		covered  bool
		prov     bool
		ends     string
		freight  freight // nil: no freight key
	}{
		{"day 7", append(term, "--on", "2026-01-08"), "refund", []string{"refund", "replace", "service_center"}, 7, true, true, true, "2026-01-08", nil},
		{"day 8", append(term, "--on", "2026-01-09"), "replace", []string{"replace", "service_center"}, 8, true, true, true, "2026-03-02", nil},
		{"day 60", append(term, "--on", "2026-03-02"), "replace", []string{"replace", "service_center"}, 60, true, true, true, "2026-03-02", nil},
		{"day 61", append(term, "--on", "2026-03-03"), "repair", []string{"repair"}, 61, true, true, true, "2027-01-01", nil},
		{"last day", append(term, "--on", "2027-01-01", "--cause", "manufacturer"), "repair", []string{"repair"}, 365, true, true, false, "2027-01-01", nil},
		{"day after", append(term, "--on", "2027-01-02"), "paid", []string{"paid_service"}, 366, false, false, false, "2027-01-01", nil},
		{"misuse at day 0", append(term, "--on", "2026-01-01", "--cause", "misuse"), "paid", []string{"paid_service"}, 0, true, false, false, "2027-01-01", nil},
		{"leap start", []string{"policy", "check", "--policy", "halotek-terminal", "--purchased", "2024-02-29", "--on", "2025-02-28", "--json"},
			"repair", []string{"repair"}, 365, true, true, true, "2025-02-28", nil},
		{"distributor, unknown", append(dist, "--on", "2026-01-15"), "warranty", []string{"repair", "replace"}, 106, true, true, true, "2026-10-01",
			freight{"inbound": "pending", "outbound": "pending", "settlement": "none"}},
		{"distributor, manufacturer", append(dist, "--on", "2026-01-15", "--cause", "manufacturer"), "warranty", []string{"repair", "replace", "refund"}, 106, true, true, false, "2026-10-01",
			freight{"inbound": "manufacturer", "outbound": "manufacturer", "settlement": "none"}},
		{"distributor, manufacturer, regular", append(dist, "--on", "2026-01-15", "--cause", "manufacturer", "--regular"), "warranty", []string{"repair", "replace", "refund", "new_units"}, 106, true, true, false, "2026-10-01",
			freight{"inbound": "manufacturer", "outbound": "manufacturer", "settlement": "deduct_next_pi"}},
		{"distributor, custom-branded", append(dist, "--on", "2026-01-15", "--cause", "manufacturer", "--regular", "--custom-branded"), "warranty", []string{"repair", "replace", "new_units"}, 106, true, true, false, "2026-10-01",
			freight{"inbound": "manufacturer", "outbound": "manufacturer", "settlement": "deduct_next_pi"}},
		{"distributor, misuse", append(dist, "--on", "2026-01-15", "--cause", "misuse", "--regular"), "paid", []string{"paid_service"}, 106, true, false, false, "2026-10-01",
			freight{"inbound": "buyer", "outbound": "buyer", "settlement": "none"}},
		{"distributor, out of window", append(dist, "--on", "2026-10-02", "--cause", "manufacturer", "--regular"), "paid", []string{"paid_service"}, 366, false, false, false, "2026-10-01",
			freight{"inbound": "buyer", "outbound": "buyer", "settlement": "none"}},
	}
	for _, tt := range tests {
		m := runJSON(t, env, tt.args...)
		for _, k := range []string{"policy", "basis", "start", "on", "days", "tier", "in_window", "covered", "provisional", "remedies", "window_ends", "warranty_ends", "clause", "rule", "days_left"} {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: no %q in %v", tt.name, k, m)
			}
		}
		if m["tier"] != tt.tier || !reflect.DeepEqual(strs(m["remedies"]), tt.remedies) || m["days"] != tt.days ||
			m["in_window"] != tt.inWindow || m["covered"] != tt.covered || m["provisional"] != tt.prov || m["window_ends"] != tt.ends {
			t.Errorf("%s: got tier %v remedies %v days %v in_window %v covered %v provisional %v window_ends %v",
				tt.name, m["tier"], m["remedies"], m["days"], m["in_window"], m["covered"], m["provisional"], m["window_ends"])
		}
		f, has := m["freight"]
		switch {
		case tt.freight == nil && has:
			t.Errorf("%s: unexpected freight %v", tt.name, f)
		case tt.freight != nil && !reflect.DeepEqual(f, map[string]any(tt.freight)):
			t.Errorf("%s: freight %v, want %v", tt.name, f, tt.freight)
		}
	}
}

func TestPolicyCheckText(t *testing.T) {
	env, _ := policyEnv(t)
	out, stderr, code := runEnv(t, env, "policy", "check", "--policy", "eletrek-distributor", "--shipped", "2025-10-01",
		"--on", "2026-01-15", "--cause", "manufacturer", "--regular")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"tier Manufacturer warranty", "Repair (maintenance order), Same-model replacement, Full refund or New units without return",
		"days 0-365 (12 months), cause manufacturer", "warranty ends 2026-10-01 (259 days left)",
		"freight:   inbound Manufacturer, outbound Manufacturer, settlement Deducted from the PI of the next order", "clause:    12 months warranty"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runEnv(t, env, "policy", "check", "--policy", "halotek-terminal", "--purchased", "2026-01-01", "--on", "2026-01-06")
	for _, want := range []string{"day 5 of 7, tier Refund (provisional): Full refund, Same-model replacement or Service centre", "tier Refund ends 2026-01-08 (2 days left)", "provisional"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "freight") {
		t.Errorf("the terminal policy has no freight rules:\n%s", out)
	}
}

func TestPolicyList(t *testing.T) {
	env, db := policyEnv(t)
	m := runJSON(t, env, "policy", "list", "--json")
	list, _ := m["policies"].([]any)
	var ids []string
	for _, x := range list {
		p, _ := x.(map[string]any)
		ids = append(ids, p["id"].(string))
		def, _ := p["definition"].(map[string]any)
		if def["id"] != p["id"] || p["kind"] == "" || p["summary"] == "" || p["preset"] != true {
			t.Errorf("policy entry %v", p)
		}
	}
	if want := []string{"halotek-terminal", "eletrek-distributor", "halotek-oem", "template-terminal", "template-distributor", "template-oem"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids %v, want %v", ids, want)
	}
	out, _, code := runEnv(t, env, "policy", "list")
	if code != 0 || !strings.Contains(out, "halotek-terminal") || !strings.Contains(out, "Refund ≤ 7 days") || !strings.Contains(out, "Terminal clients") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("policy list created the database %s", db)
	}
}

func TestPolicyOEM(t *testing.T) {
	env, _ := policyEnv(t)
	m := runJSON(t, env, "policy", "oem", "--qty", "1000", "--rate", "0.4", "--defects", "6", "--json")
	if m["spares"] != 4.0 || m["defects"] != 6.0 || m["covered_by_spares"] != 4.0 || m["claimable"] != 2.0 ||
		!reflect.DeepEqual(strs(m["remedies"]), []string{"replace", "deduct_next_order"}) || m["note"] != nil {
		t.Errorf("%v", m)
	}
	// 11000 × 0.35 % = 38.5 exactly, rounded half up; float64 arithmetic would give 38.
	m = runJSON(t, env, "policy", "oem", "--qty", "11000", "--rate", "0.35", "--defects", "40", "--json")
	if m["spares"] != 39.0 || m["claimable"] != 1.0 {
		t.Errorf("%v", m)
	}
	m = runJSON(t, env, "policy", "oem", "--qty", "1000", "--rate", "0.4", "--spares", "2", "--defects", "3", "--json")
	if m["spares"] != 2.0 || m["covered_by_spares"] != 2.0 || m["claimable"] != 1.0 {
		t.Errorf("%v", m)
	}
	m = runJSON(t, env, "policy", "oem", "--qty", "1000", "--rate", "0.6", "--defects", "30", "--batch", "--json")
	if m["claimable"] != 30.0 || m["covered_by_spares"] != 0.0 || !reflect.DeepEqual(strs(m["remedies"]), []string{"air_replacement"}) ||
		m["note"] == nil || m["batch"] != true {
		t.Errorf("%v", m)
	}
	m = runJSON(t, env, "policy", "oem", "--qty", "1000", "--rate", "0.4", "--defects", "2", "--json")
	if r, ok := m["remedies"].([]any); !ok || len(r) != 0 || m["claimable"] != 0.0 {
		t.Errorf("remedies must be [] when nothing is claimable: %v", m)
	}
	out, _, code := runEnv(t, env, "policy", "oem", "--qty", "1000", "--rate", "0.4", "--defects", "6")
	if code != 0 || !strings.Contains(out, "4 spare units") || !strings.Contains(out, "2 claimable") {
		t.Errorf("exit %d:\n%s", code, out)
	}

	// The batch alarm: the one-sided 95 % lower bound of the defect rate against the spare rate.
	near := func(v any, want float64) bool { f, ok := v.(float64); return ok && math.Abs(f-want) < 0.0005 }
	for _, tt := range []struct {
		args        []string
		rate, lower float64
		alarm       bool
	}{
		// 12 in 1,000: at least 0.694 % with 95 % confidence, above a 0.5 % allowance.
		{[]string{"--qty", "1000", "--rate", "0.5", "--defects", "12"}, 1.2, 0.6938, true},
		// 8 in 1,000 is twice a 0.4 % allowance, but its bound, 0.399 %, is not above it: chance.
		{[]string{"--qty", "1000", "--rate", "0.4", "--defects", "8"}, 0.8, 0.3987, false},
		{[]string{"--qty", "1000", "--rate", "0.4", "--defects", "0"}, 0, 0, false},
		// The rate is the allowance, even when fewer spares were counted.
		{[]string{"--qty", "1000", "--rate", "0.4", "--spares", "1", "--defects", "8"}, 0.8, 0.3987, false},
	} {
		m := runJSON(t, env, append([]string{"policy", "oem", "--json"}, tt.args...)...)
		if !near(m["defect_rate_pct"], tt.rate) || !near(m["lower95_pct"], tt.lower) || m["batch_alarm"] != tt.alarm {
			t.Errorf("%v: defect_rate_pct %v, lower95_pct %v, batch_alarm %v; want %v, %v, %v",
				tt.args, m["defect_rate_pct"], m["lower95_pct"], m["batch_alarm"], tt.rate, tt.lower, tt.alarm)
		}
		out, _, code = runEnv(t, env, append([]string{"policy", "oem"}, tt.args...)...)
		if code != 0 || strings.Contains(out, "Batch alarm") != tt.alarm || !strings.Contains(out, "with 95 % confidence") {
			t.Errorf("%v: exit %d:\n%s", tt.args, code, out)
		}
	}
	p, _ := policy.Preset(policy.HalotekOEM)
	r, _ := policy.EvaluateOEM(p, policy.OEMInput{Qty: 1000, Rate: "0.5", Defects: 12})
	out, _, _ = runEnv(t, env, "policy", "oem", "--qty", "1000", "--rate", "0.5", "--defects", "12")
	if !strings.Contains(out, "  rate:      1.2 % observed, at least 0.694 % with 95 % confidence (allowance 0.5 %)\n") ||
		!strings.HasSuffix(out, "\n"+r.AlarmText().String()+"\n") || !strings.Contains(r.AlarmText().String(), "12 defects in 1,000 units") {
		t.Errorf("text output:\n%s", out)
	}
}

// Bad input: exit status 2, one line on stderr naming the problem, nothing on stdout.
func TestPolicyBadInput(t *testing.T) {
	env, _ := policyEnv(t)
	check := func(args ...string) []string {
		return append([]string{"policy", "check", "--json"}, args...)
	}
	oem := func(args ...string) []string {
		return append([]string{"policy", "oem", "--json"}, args...)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{check("--policy", "halotek-terminal", "--purchased", "2026-02-30", "--on", "2026-03-01"), `--purchased: "2026-02-30" is not a date`},
		{check("--policy", "halotek-terminal", "--purchased", "2026-01-01", "--on", "2026-13-01"), `--on: "2026-13-01" is not a date`},
		{check("--policy", "eletrek-distributor", "--shipped", "26-01-01", "--on", "2026-01-01"), `--shipped:`},
		{check("--policy", "halotek-terminal", "--purchased", "2026-01-02", "--on", "2026-01-01"), "--on: 2026-01-01 is before the purchase date 2026-01-02"},
		{check("--policy", "eletrek-distributor", "--shipped", "2026-01-02", "--on", "2026-01-01"), "--on: 2026-01-01 is before the shipment date 2026-01-02"},
		{check("--policy", "halotek-terminal", "--shipped", "2026-01-01", "--on", "2026-01-08"), "--purchased is missing: the halotek-terminal policy counts from the purchase date"},
		{check("--policy", "eletrek-distributor", "--purchased", "2026-01-01", "--on", "2026-01-08"), "--shipped is missing"},
		{check("--policy", "acme-gold", "--purchased", "2026-01-01", "--on", "2026-01-08"), `unknown policy "acme-gold"`},
		{check("--policy", "halotek-oem", "--shipped", "2026-01-01", "--on", "2026-01-08"), "OEM allowance"},
		{check("--policy", "halotek-terminal", "--purchased", "2026-01-01", "--on", "2026-01-08", "--cause", "weather"), `--cause: unknown cause "weather"`},
		{check("--purchased", "2026-01-01", "--on", "2026-01-08"), "--policy is required"},
		{check("--policy", "halotek-terminal", "--purchased", "2026-01-01"), "--on is required"},
		{check("--policy", "halotek-terminal", "--purchased", "2026-01-01", "--on", "2026-01-08", "extra"), `unexpected argument "extra"; usage: returndesk policy check --policy ID`},
		{check("--policy", "halotek-terminal", "--on", "2026-01-08", "--color"), "flag provided but not defined: -color"},
		{oem("--qty", "-1", "--rate", "0.4", "--defects", "1"), "--qty: cannot be negative"},
		{oem("--qty", "10", "--rate", "0.4", "--defects", "-1"), "--defects: cannot be negative"},
		{oem("--qty", "10", "--rate", "0.4", "--spares", "-3", "--defects", "1"), "--spares: cannot be negative"},
		{oem("--qty", "10", "--rate", "100.5", "--defects", "1"), "--rate: 100.5 % is outside 0–100 %"},
		{oem("--qty", "10", "--rate", "-0.4", "--defects", "1"), "--rate: -0.4 % is outside 0–100 %"},
		{oem("--qty", "10", "--rate", "0,4", "--defects", "1"), `--rate: "0,4" is not a percentage`},
		{oem("--qty", "ten", "--rate", "0.4", "--defects", "1"), `invalid value "ten"`},
		{oem("--rate", "0.4", "--defects", "1"), "--qty is required"},
		{oem("--qty", "10", "--defects", "1"), "--rate is required"},
		{oem("--qty", "10", "--rate", "0.4"), "--defects is required"},
		{oem("--policy", "halotek-terminal", "--qty", "10", "--rate", "0.4", "--defects", "1"), "is not an OEM allowance"},
		{[]string{"policy"}, "usage: returndesk policy list|check|oem"},
		{[]string{"policy", "show"}, `unknown policy command "show"`},
		{[]string{"policy", "list", "--json", "all"}, `returndesk policy list: unexpected argument "all"; usage: returndesk policy list [--json]`},
	} {
		out, stderr, code := runEnv(t, env, tt.args...)
		if code != 2 || out != "" {
			t.Errorf("%v: exit %d, stdout %q; want exit 2 and no output", tt.args, code, out)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: stderr %q, want one line containing %q", tt.args, stderr, tt.want)
		}
	}
}
