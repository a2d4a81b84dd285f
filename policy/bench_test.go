package policy_test

import (
	"testing"

	"returndesk/model"
	"returndesk/policy"
)

// BenchmarkEvaluateCase judges one case by both clocks (the customer's Halotek terminal
// warranty and the shop's EleTrek distributor warranty) with the shipped presets, as the
// counter does while a case is typed in. Target: < 1 µs.
func BenchmarkEvaluateCase(b *testing.B) {
	// The counter evaluates policies checked once when they were loaded.
	tp, _ := policy.Preset(policy.HalotekTerminal)
	dp, _ := policy.Preset(policy.EleTrekDistributor)
	terminal, err := policy.Check(tp)
	if err != nil {
		b.Fatal(err)
	}
	distributor, err := policy.Check(dp)
	if err != nil {
		b.Fatal(err)
	}
	date := model.MustDate
	// Cases across the tiers and causes, so that no single path is measured alone.
	inputs := []policy.Input{
		{Purchased: date("2026-03-01"), Shipped: date("2025-12-10"), On: date("2026-03-05")},
		{Purchased: date("2026-01-01"), Shipped: date("2025-11-20"), On: date("2026-02-20"), Cause: model.CauseManufacturer, Regular: true},
		{Purchased: date("2025-06-30"), Shipped: date("2025-03-01"), On: date("2026-03-10"), Cause: model.CauseManufacturer},
		{Purchased: date("2024-02-29"), Shipped: date("2024-01-15"), On: date("2026-03-10"), Cause: model.CauseUnknown},
		{Purchased: date("2026-02-01"), Shipped: date("2026-01-05"), On: date("2026-02-03"), Cause: model.CauseMisuse, CustomBranded: true},
	}
	for _, in := range inputs {
		if _, err := policy.EvaluateCase(terminal, distributor, in); err != nil {
			b.Fatalf("%+v: %v", in, err)
		}
	}
	i := 0
	for b.Loop() {
		if _, err := policy.EvaluateCase(terminal, distributor, inputs[i%len(inputs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
