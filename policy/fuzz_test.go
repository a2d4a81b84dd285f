package policy

import (
	"testing"

	"returndesk/model"
)

// fuzzPolicy picks a preset or builds a dealer-edited terminal policy from fuzzed window lengths.
func fuzzPolicy(kind uint8, w1, w2, w3 int16, months bool) Policy {
	switch kind % 3 {
	case 0:
		p, _ := Preset(HalotekTerminal)
		return p
	case 1:
		p, _ := Preset(EleTrekDistributor)
		return p
	}
	p, _ := Preset(HalotekTerminal)
	p.ID = "fuzzed"
	p.Tiers[0].Window = Days(int(w1))
	p.Tiers[1].Window = Days(int(w2))
	if months {
		p.Tiers[2].Window = Months(int(w3) % 61)
	} else {
		p.Tiers[2].Window = Days(int(w3))
	}
	return p
}

// FuzzEvaluate checks that evaluation never panics and that, day after day from the start,
// every day falls in exactly one tier, tiers only move forward, and each tier ends exactly
// on its window_ends.
func FuzzEvaluate(f *testing.F) {
	f.Add(uint8(0), int32(9496), int32(8), uint8(0), false, false, int16(7), int16(60), int16(12), true)   // 2026-01-01, day 8
	f.Add(uint8(0), int32(8825), int32(365), uint8(1), false, false, int16(7), int16(60), int16(12), true) // 2024-02-29
	f.Add(uint8(1), int32(9404), int32(366), uint8(1), true, true, int16(7), int16(60), int16(12), true)   // 2025-10-01
	f.Add(uint8(1), int32(9404), int32(0), uint8(2), true, false, int16(7), int16(60), int16(12), true)    // misuse, day 0
	f.Add(uint8(2), int32(9526), int32(-1), uint8(0), false, false, int16(14), int16(90), int16(24), true) // 2026-01-31, on before start
	f.Add(uint8(2), int32(0), int32(30), uint8(1), false, false, int16(0), int16(1), int16(2), false)
	f.Add(uint8(2), int32(-3000), int32(100), uint8(0), false, false, int16(60), int16(7), int16(12), true) // not increasing
	f.Add(uint8(2), int32(100), int32(10), uint8(7), false, false, int16(-1), int16(7), int16(12), true)    // negative, bad cause
	f.Fuzz(func(t *testing.T, kind uint8, startOff, onOff int32, causeN uint8, regular, branded bool, w1, w2, w3 int16, months bool) {
		p := fuzzPolicy(kind, w1%400, w2%400, w3%400, months)
		start := model.MustDate("2000-01-01").AddDays(int(startOff % 150000))
		causes := []model.Cause{model.CauseUnknown, model.CauseManufacturer, model.CauseMisuse, "", "bogus"}
		cause := causes[int(causeN)%len(causes)]
		in := Input{Purchased: start, Shipped: start, Cause: cause, Regular: regular, CustomBranded: branded}

		// One arbitrary day: an error exactly when the input is wrong.
		in.On = start.AddDays(int(onOff % 100000))
		v, err := Evaluate(p, in)
		wantErr := p.Validate() != nil || in.On.Before(start) || cause == "bogus"
		if (err != nil) != wantErr {
			t.Fatalf("Evaluate(%+v) error %v, want error: %v", in, err, wantErr)
		}
		if err != nil {
			if model.ErrorCode(err) != model.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		if v.Days != in.On.DaysSince(start) || v.Remedies == nil || v.Tier == "" || v.Clause.IsZero() {
			t.Fatalf("verdict %+v", v)
		}

		// Every day from the start to two days after the warranty.
		order := map[model.Tier]int{p.After.ID: len(p.Tiers)}
		for i, tier := range p.Tiers {
			order[tier.ID] = i
		}
		end := p.Warranty().End(start)
		var prev Verdict
		for day := 0; day <= end.DaysSince(start)+2; day++ {
			in.On = start.AddDays(day)
			v, err := Evaluate(p, in)
			if err != nil {
				t.Fatalf("day %d: %v", day, err)
			}
			idx, ok := order[v.Tier]
			if !ok {
				t.Fatalf("day %d: tier %q is not in the policy", day, v.Tier)
			}
			if v.InWindow != !in.On.After(end) || v.WarrantyEnds != end {
				t.Fatalf("day %d: in_window %v, warranty ends %s, want ends %s", day, v.InWindow, v.WarrantyEnds, end)
			}
			if cause == model.CauseMisuse {
				if v.Tier != p.After.ID || v.Covered {
					t.Fatalf("day %d: misuse gives %s", day, v.Tier)
				}
				continue
			}
			if v.InWindow {
				if v.WindowEnds.Before(in.On) || v.DaysLeft != v.WindowEnds.DaysSince(in.On) {
					t.Fatalf("day %d: window ends %s, %d days left", day, v.WindowEnds, v.DaysLeft)
				}
			} else if v.Tier != p.After.ID || v.DaysLeft != 0 {
				t.Fatalf("day %d: after the warranty: %s, %d days left", day, v.Tier, v.DaysLeft)
			}
			if day == 0 && idx != 0 {
				t.Fatalf("day 0 is tier %s, not the first tier", v.Tier)
			}
			if day > 0 {
				prevIdx := order[prev.Tier]
				switch {
				case idx < prevIdx:
					t.Fatalf("day %d: tier went back from %s to %s", day, prev.Tier, v.Tier)
				case prev.InWindow && prev.DaysLeft > 0 && idx != prevIdx:
					t.Fatalf("day %d: %s ended early (it had %d days left)", day, prev.Tier, prev.DaysLeft)
				case prev.InWindow && prev.DaysLeft == 0 && idx == prevIdx:
					t.Fatalf("day %d: %s went on past its window end %s", day, v.Tier, prev.WindowEnds)
				case idx > prevIdx+1:
					t.Fatalf("day %d: tier jumped from %s to %s", day, prev.Tier, v.Tier)
				}
			}
			prev = v
		}
	})
}

// FuzzUnmarshal checks that a stored definition, however broken, never makes the policy
// package panic: it is refused, or it evaluates.
func FuzzUnmarshal(f *testing.F) {
	for _, p := range Presets() {
		b, _ := p.Marshal()
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","name":"X","kind":"terminal","basis":"purchase","tiers":[{"id":"a","window":{"length":3,"unit":"days"},"remedies":["repair"]}],"after":{"id":"paid","remedies":["paid_service"]}}`))
	f.Add([]byte(`{"tiers":[{"window":{"length":-1}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Unmarshal(b)
		if err != nil {
			if model.ErrorCode(err) != model.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		start := model.MustDate("2026-01-31")
		for _, c := range model.Causes {
			in := Input{Purchased: start, Shipped: start, On: start.AddDays(400), Cause: c, Regular: true, CustomBranded: true}
			if p.Kind == model.PolicyOEM {
				if _, err := EvaluateOEM(p, OEMInput{Qty: 1000, Rate: "0.4", Defects: 7}); err != nil {
					t.Fatalf("EvaluateOEM: %v", err)
				}
				continue
			}
			if _, err := Evaluate(p, in); err != nil {
				t.Fatalf("Evaluate: %v", err)
			}
		}
	})
}
