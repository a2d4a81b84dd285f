package policy

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"returndesk/model"
)

// Confidence of the batch-defect alarm: one-sided, 95 %.
const alarmAlpha = 0.05

// DefectRate is the observed share of defective units, 0 to 1. Nothing shipped has no rate: 0.
// More defects than units (replacements failing again) give a rate above 1, as observed.
func DefectRate(defects, qty int) float64 {
	if qty <= 0 || defects <= 0 {
		return 0
	}
	return float64(defects) / float64(qty)
}

// LowerBound95 is the one-sided 95 % exact binomial (Clopper–Pearson) lower confidence bound
// of the defect rate, 0 to 1: the rate p at which P(X ≥ defects | qty, p) = 0.05, which is the
// 0.05 quantile of Beta(defects, qty − defects + 1). It is 0 with no defects (or no units).
// The binomial model has at most qty defects; more are counted as qty (the bound of an
// order where every unit failed), so the bound stays at or below the observed rate.
func LowerBound95(defects, qty int) float64 {
	if defects <= 0 || qty <= 0 {
		return 0
	}
	x := min(defects, qty)
	return distuv.Beta{Alpha: float64(x), Beta: float64(qty - x + 1)}.Quantile(alarmAlpha)
}

// oemStats fills the observed defect rate, its lower bound and the batch alarm. The
// allowance is the order's spare rate, or, when only the spares received are known,
// spares ÷ quantity.
func (res *OEMResult) oemStats(ratePercent float64, haveRate bool) {
	res.DefectRatePct = 100 * DefectRate(res.Defects, res.Qty)
	res.Lower95Pct = 100 * LowerBound95(res.Defects, res.Qty)
	switch {
	case haveRate:
		res.AllowancePct = ratePercent
	case res.Qty > 0:
		res.AllowancePct = 100 * float64(res.Spares) / float64(res.Qty)
	}
	res.BatchAlarm = res.Lower95Pct > res.AllowancePct
}

// AlarmText is the one sentence, shown by the CLI and the GUI alike, that says what a
// batch alarm means and which claim it offers; "" when there is no alarm.
func (res OEMResult) AlarmText() model.Text {
	if !res.BatchAlarm {
		return model.Text{}
	}
	return model.T("Batch alarm: %s defects in %s units — the defect rate is above the %s %% allowance with 95 %% confidence, "+
		"not by chance; claim the batch (new units by air, at the maker's cost).",
		thousands(res.Defects), thousands(res.Qty), res.allowanceText())
}

// allowanceText is the allowance as given ("0.5"), or spares ÷ quantity as PercentText writes it.
func (res OEMResult) allowanceText() string {
	if res.Rate != "" {
		return res.Rate
	}
	return PercentText(res.AllowancePct)
}

// PercentText writes a percentage to three significant digits below 1 and two decimals from 1
// up (at most six decimals), without trailing zeros: 0.694, 0.399, 0.4, 1.2, 54.93. Three digits
// keep a bound of 0.3987 % apart from a 0.4 % allowance.
func PercentText(pct float64) string {
	decimals := 2
	if pct > 0 && pct < 1 {
		decimals = min(6, 2-int(math.Floor(math.Log10(pct))))
	}
	s := strconv.FormatFloat(pct, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// thousands writes 1000 as 1,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// DefectProjection extrapolates the defects reported so far to the end of the claim window.
type DefectProjection struct {
	Defects   int  `json:"defects"`   // reported so far
	Elapsed   int  `json:"elapsed"`   // whole units of the window (months) since shipment, at most Length
	Length    int  `json:"length"`    // the window's length (12 months)
	Unit      Unit `json:"unit"`      // the window's unit
	Projected int  `json:"projected"` // defects expected by the window's end; Defects once it is over
	OK        bool `json:"ok"`        // false while less than one whole unit has elapsed: too early to project
}

// ProjectDefects projects the defects reported against an order shipped on shipped to the end
// of its claim window w, as judged on on: defects × length ÷ elapsed, rounded half up, at
// the same pace as so far. Elapsed counts whole months (EDATE) or days of the window.
// With 0 whole units elapsed there is no pace to go on (one defect in the first week would
// project to 50 a year), so there is no projection (OK false, Projected = Defects); once the
// window is over the count is final and Projected = Defects.
func ProjectDefects(w Window, shipped, on model.Date, defects int) DefectProjection {
	p := DefectProjection{Defects: defects, Length: w.Length, Unit: w.Unit, Projected: defects}
	p.Elapsed = w.elapsed(shipped, on)
	if p.Elapsed <= 0 || w.Length <= 0 || defects < 0 {
		return p
	}
	p.OK = true
	if p.Elapsed < w.Length {
		// Round half up in integers: ⌊(2·d·L + e) ÷ 2e⌋.
		p.Projected = int((2*int64(defects)*int64(w.Length) + int64(p.Elapsed)) / (2 * int64(p.Elapsed)))
	}
	return p
}

// elapsed is the number of whole units of the window from start to on, 0 to Length:
// for months the largest m with EDATE(start, m) ≤ on.
func (w Window) elapsed(start, on model.Date) int {
	if on.Before(start) {
		return 0
	}
	if w.Unit != UnitMonths {
		return min(on.DaysSince(start), w.Length)
	}
	m := 0
	for m < w.Length && !start.AddMonths(m+1).After(on) {
		m++
	}
	return m
}

// OEMStatus is an OEM order with its spare-part allowance evaluated under its
// manufacturer's OEM policy, and its defects projected to the end of the claim year.
type OEMStatus struct {
	Order      model.OEMOrder   `json:"order"`
	Result     OEMResult        `json:"allowance"`
	Rules      Policy           `json:"-"`
	Projection DefectProjection `json:"projection"`
}

// OrderStatus evaluates an OEM order's allowance under the OEM policy p, as judged on today.
func OrderStatus(p Policy, o model.OEMOrder, today model.Date) (OEMStatus, error) {
	res, err := EvaluateOEM(p, OEMInput{Qty: o.Quantity, Rate: o.SpareRate, Spares: o.SparesReceived,
		Defects: o.Defects, Batch: o.BatchDefect})
	if err != nil {
		return OEMStatus{}, err
	}
	return OEMStatus{Order: o, Result: res, Rules: p, Projection: ProjectDefects(p.OEM.ClaimWindow, o.ShipmentDate, today, o.Defects)}, nil
}
