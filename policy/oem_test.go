package policy

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"returndesk/model"
)

func intp(n int) *int { return &n }

func TestEvaluateOEM(t *testing.T) {
	p := mustPreset(t, HalotekOEM)
	ordinary := rs("replace", "deduct_next_order")
	tests := []struct {
		name                       string
		in                         OEMInput
		spares, covered, claimable int
		remedies                   []model.Remedy
		note                       bool
	}{
		{"0.4 % of 1000, 6 defects", OEMInput{Qty: 1000, Rate: "0.4", Defects: 6}, 4, 4, 2, ordinary, false},
		{"defects within the spares", OEMInput{Qty: 1000, Rate: "0.4", Defects: 3}, 4, 3, 0, rs(), false},
		{"exactly the spares", OEMInput{Qty: 1000, Rate: "0.4", Defects: 4}, 4, 4, 0, rs(), false},
		{"no defects", OEMInput{Qty: 1000, Rate: "0.4"}, 4, 0, 0, rs(), false},
		{"half rounds up", OEMInput{Qty: 1000, Rate: "0.45", Defects: 9}, 5, 5, 4, ordinary, false},
		{"just under a half rounds down", OEMInput{Qty: 1099, Rate: "0.3", Defects: 9}, 3, 3, 6, ordinary, false}, // 3.297
		{"0.5 % of 100 is one half: 1", OEMInput{Qty: 100, Rate: "0.5", Defects: 1}, 1, 1, 0, rs(), false},
		{"0.4 % of 100 is 0.4: 0", OEMInput{Qty: 100, Rate: "0.4", Defects: 1}, 0, 0, 1, ordinary, false},
		// In float64, 11000 × 0.35 / 100 + 0.5 floors to 38; exactly it is 38.5, rounded up to 39.
		{"exact where float64 is not", OEMInput{Qty: 11000, Rate: "0.35", Defects: 40}, 39, 39, 1, ordinary, false},
		{"2.3 % of 1500 = 34.5", OEMInput{Qty: 1500, Rate: "2.3", Defects: 35}, 35, 35, 0, rs(), true},
		{"spares counted win over the rate", OEMInput{Qty: 1000, Rate: "0.4", Spares: intp(2), Defects: 3}, 2, 2, 1, ordinary, false},
		{"spares counted without a rate", OEMInput{Qty: 1000, Spares: intp(5), Defects: 3}, 5, 3, 0, rs(), false},
		{"zero quantity", OEMInput{Qty: 0, Rate: "0.4", Defects: 0}, 0, 0, 0, rs(), false},
		{"huge order", OEMInput{Qty: math.MaxInt32, Rate: "0.5", Defects: 1}, 10737418, 1, 0, rs(), false},
		{"batch: spares not used", OEMInput{Qty: 1000, Rate: "0.4", Defects: 30, Batch: true}, 4, 0, 30, rs("air_replacement"), false},
		{"rate below the policy's range", OEMInput{Qty: 1000, Rate: "0.2", Defects: 1}, 2, 1, 0, rs(), true},
		{"rate above the policy's range", OEMInput{Qty: 1000, Rate: "0.6", Defects: 1}, 6, 1, 0, rs(), true},
		{"range ends are inside", OEMInput{Qty: 1000, Rate: "0.30", Defects: 1}, 3, 1, 0, rs(), false},
		{"rate written .5", OEMInput{Qty: 1000, Rate: ".5", Defects: 1}, 5, 1, 0, rs(), false},
		{"rate 100", OEMInput{Qty: 7, Rate: "100", Defects: 8}, 7, 7, 1, ordinary, true},
		{"rate 0", OEMInput{Qty: 7, Rate: "0", Defects: 1}, 0, 0, 1, ordinary, true},
	}
	for _, tt := range tests {
		r, err := EvaluateOEM(p, tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if r.Spares != tt.spares || r.CoveredBySpares != tt.covered || r.Claimable != tt.claimable ||
			!slices.Equal(r.Remedies, tt.remedies) || (r.Note.Key != "") != tt.note {
			t.Errorf("%s: spares %d, covered %d, claimable %d, remedies %v, note %q; want %d, %d, %d, %v, note %v",
				tt.name, r.Spares, r.CoveredBySpares, r.Claimable, r.Remedies, r.Note,
				tt.spares, tt.covered, tt.claimable, tt.remedies, tt.note)
		}
		if r.Remedies == nil || r.Clause.IsZero() || r.Qty != tt.in.Qty || r.Defects != tt.in.Defects || r.Batch != tt.in.Batch {
			t.Errorf("%s: %+v", tt.name, r)
		}
	}
}

func TestEvaluateOEMDetails(t *testing.T) {
	p := mustPreset(t, HalotekOEM)
	r, err := EvaluateOEM(p, OEMInput{Qty: 1000, Rate: " 0.6 ", Spares: intp(2), Defects: 3})
	if err != nil {
		t.Fatal(err)
	}
	if r.Rate != "0.6" || r.ExpectedSpares == nil || *r.ExpectedSpares != 6 || !r.SparesCounted || r.Spares != 2 {
		t.Errorf("%+v", r)
	}
	if want := "rate 0.6 % is outside the policy's 0.3–0.5 %"; r.Note.String() != want {
		t.Errorf("note %q, want %q", r.Note, want)
	}
	b, _ := json.Marshal(r)
	for _, k := range []string{`"spares":2`, `"defects":3`, `"covered_by_spares":2`, `"claimable":1`, `"remedies":["replace","deduct_next_order"]`,
		`"rate":"0.6"`, `"qty":1000`, `"batch":false`, `"clause":`, `"note":`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("JSON lacks %s: %s", k, b)
		}
	}
	r, _ = EvaluateOEM(p, OEMInput{Qty: 10, Rate: "0.4"})
	if b, _ := json.Marshal(r); !strings.Contains(string(b), `"remedies":[]`) || strings.Contains(string(b), `"note"`) {
		t.Errorf("JSON %s", b)
	}
	r, _ = EvaluateOEM(p, OEMInput{Qty: 10, Rate: "0.4", Defects: 2, Batch: true})
	if !strings.Contains(r.Clause.En, "by air") || !strings.Contains(r.Clause.Zh, "空运") {
		t.Errorf("batch clause %q", r.Clause)
	}
}

func TestEvaluateOEMErrors(t *testing.T) {
	p := mustPreset(t, HalotekOEM)
	for _, tt := range []struct {
		name  string
		p     Policy
		in    OEMInput
		field string
	}{
		{"negative qty", p, OEMInput{Qty: -1, Rate: "0.4"}, "qty"},
		{"negative defects", p, OEMInput{Qty: 1, Rate: "0.4", Defects: -2}, "defects"},
		{"negative spares", p, OEMInput{Qty: 1, Rate: "0.4", Spares: intp(-1)}, "spares"},
		{"rate above 100", p, OEMInput{Qty: 1, Rate: "100.5"}, "rate"},
		{"negative rate", p, OEMInput{Qty: 1, Rate: "-0.4"}, "rate"},
		{"rate with a comma", p, OEMInput{Qty: 1, Rate: "0,4"}, "rate"},
		{"rate with a percent sign", p, OEMInput{Qty: 1, Rate: "0.4%"}, "rate"},
		{"rate in exponent form", p, OEMInput{Qty: 1, Rate: "4e-1"}, "rate"},
		{"rate as a fraction", p, OEMInput{Qty: 1, Rate: "1/3"}, "rate"},
		{"rate just a dot", p, OEMInput{Qty: 1, Rate: "."}, "rate"},
		{"rate missing", p, OEMInput{Qty: 1}, "rate"},
		{"not an OEM policy", mustPreset(t, HalotekTerminal), OEMInput{Qty: 1, Rate: "0.4"}, "policy"},
	} {
		r, err := EvaluateOEM(tt.p, tt.in)
		if model.ErrorCode(err) != model.EINVALID {
			t.Errorf("%s: %+v, %v", tt.name, r, err)
			continue
		}
		if _, ok := model.FieldErrors(err)[tt.field]; !ok {
			t.Errorf("%s: %v, want a problem with %s", tt.name, err, tt.field)
		}
	}
}

func TestParsePercent(t *testing.T) {
	for in, want := range map[string]string{"0.4": "2/5", "0.45": "9/20", "100": "100", "0": "0", ".5": "1/2", "007.50": "15/2", "-0": "0"} {
		r, err := parsePercent(in)
		if err != nil || r.RatString() != want {
			t.Errorf("parsePercent(%q) = %v, %v; want %s", in, r, err, want)
		}
	}
	for _, in := range []string{"", " ", "abc", "1.", "1..2", "+1", "0x10", "1_0", "100.0000001", strings.Repeat("1", 30), "NaN", "Inf"} {
		if r, err := parsePercent(in); err == nil {
			t.Errorf("parsePercent(%q) = %v, want an error", in, r)
		}
	}
}
