package policy

import (
	"fmt"
	"math/big"
	"strings"

	"returndesk/model"
)

// OEMInput is one OEM order and the defects reported against it within the claim window.
type OEMInput struct {
	Qty     int    // units ordered
	Rate    string // spare rate in percent, decimal text such as "0.4"; may be empty when Spares is given
	Spares  *int   // spare units actually received; nil when not counted
	Defects int    // defective units reported within the claim window
	Batch   bool   // a batch defect (production or electrical problem)
}

// OEMResult says how many defects the spares absorb and how many the manufacturer owes.
type OEMResult struct {
	Policy          model.PolicyID `json:"policy"`
	Qty             int            `json:"qty"`
	Rate            string         `json:"rate"`            // as given, trimmed; "" when not given
	ExpectedSpares  *int           `json:"expected_spares"` // qty × rate rounded half up; nil without a rate
	Spares          int            `json:"spares"`          // received when counted, else expected
	SparesCounted   bool           `json:"spares_counted"`
	Defects         int            `json:"defects"`
	CoveredBySpares int            `json:"covered_by_spares"`
	Claimable       int            `json:"claimable"`
	Batch           bool           `json:"batch"`
	Remedies        []model.Remedy `json:"remedies"` // for the claimable units; empty when there are none
	ClaimWindow     string         `json:"claim_window"`
	Clause          Clause         `json:"clause"`
	Note            model.Text     `json:"note,omitzero"` // e.g. a rate outside the policy's range

	DefectRatePct float64 `json:"defect_rate_pct"` // defects ÷ quantity, in %
	Lower95Pct    float64 `json:"lower95_pct"`     // one-sided 95 % Clopper–Pearson lower bound of the defect rate, in %
	AllowancePct  float64 `json:"allowance_pct"`   // the spare rate the bound is held against, in %
	BatchAlarm    bool    `json:"batch_alarm"`     // Lower95Pct > AllowancePct: beyond the allowance, not by chance
}

// EvaluateOEM applies an OEM allowance to an order. Spares are computed exactly (no floating point).
func EvaluateOEM(p Policy, in OEMInput) (OEMResult, error) {
	if err := p.Validate(); err != nil {
		return OEMResult{}, err
	}
	if p.OEM == nil {
		return OEMResult{}, model.Invalid("policy", "%s is not an OEM allowance", p.ID)
	}
	var es model.Errors
	if in.Qty < 0 {
		es = append(es, model.Invalid("qty", "cannot be negative (%d)", in.Qty))
	}
	if in.Defects < 0 {
		es = append(es, model.Invalid("defects", "cannot be negative (%d)", in.Defects))
	}
	if in.Spares != nil && *in.Spares < 0 {
		es = append(es, model.Invalid("spares", "cannot be negative (%d)", *in.Spares))
	}
	rateText := strings.TrimSpace(in.Rate)
	var rate *big.Rat
	switch {
	case rateText != "":
		r, err := parsePercent(rateText)
		if err != nil {
			es = append(es, model.Invalid("rate", "%s", model.ErrorText(err)))
		}
		rate = r
	case in.Spares == nil:
		es = append(es, model.Invalid("rate", "is required when the spares received are not counted"))
	}
	if len(es) > 0 {
		return OEMResult{}, es
	}

	o := p.OEM
	res := OEMResult{
		Policy:      p.ID,
		Qty:         in.Qty,
		Rate:        rateText,
		Defects:     in.Defects,
		Batch:       in.Batch,
		ClaimWindow: fmt.Sprintf("%s from shipment", o.ClaimWindow),
		Clause:      o.Clause,
	}
	if rate != nil {
		n := spares(in.Qty, rate)
		res.ExpectedSpares = &n
		res.Spares = n
		lo, _ := parsePercent(o.MinRate)
		hi, _ := parsePercent(o.MaxRate)
		if rate.Cmp(lo) < 0 || rate.Cmp(hi) > 0 {
			res.Note = model.T("rate %s %% is outside the policy's %s–%s %%", rateText, o.MinRate, o.MaxRate)
		}
	}
	if in.Spares != nil {
		res.Spares, res.SparesCounted = *in.Spares, true
	}
	var ratePct float64
	if rate != nil {
		ratePct, _ = rate.Float64()
	}
	res.oemStats(ratePct, rate != nil)
	if in.Batch {
		// A batch defect is claimed whole: the spares are not used.
		res.Claimable = in.Defects
		res.Clause = o.BatchClause
		res.Remedies = remediesIf(res.Claimable > 0, o.BatchRemedies)
		return res, nil
	}
	res.CoveredBySpares = min(in.Defects, res.Spares)
	res.Claimable = in.Defects - res.CoveredBySpares
	res.Remedies = remediesIf(res.Claimable > 0, o.Remedies)
	return res, nil
}

func remediesIf(ok bool, rs []model.Remedy) []model.Remedy {
	if !ok {
		return []model.Remedy{}
	}
	return append([]model.Remedy{}, rs...)
}

// spares is qty × rate % rounded half up, in exact rational arithmetic.
func spares(qty int, ratePercent *big.Rat) int {
	x := new(big.Rat).Mul(big.NewRat(int64(qty), 100), ratePercent)
	x.Add(x, big.NewRat(1, 2))
	q := new(big.Int).Quo(x.Num(), x.Denom()) // x ≥ 0, so truncation is floor
	return int(q.Int64())
}
