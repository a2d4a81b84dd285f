package model

import "context"

// Period limits a report: cases by the date they were reported, claims by the date they were
// submitted. A zero date leaves that end open.
type Period struct {
	From, Until Date
}

// MonthsInService is how many monthly columns a model's returns are counted in; the last
// column holds the returns of that month of service and later.
const MonthsInService = 13

// ModelFailures is the failure report: how often each model comes back, and when.
type ModelFailures struct {
	Period Period         `json:"period"`
	Models []ModelFailure `json:"models"`
}

// ModelFailure is one model's returns against the units sold of it.
type ModelFailure struct {
	Manufacturer string `json:"manufacturer"`
	Model        string `json:"model"`
	UnitsSold    int    `json:"units_sold"` // sales records of the model and its units shipped on OEM orders
	Cases        int    `json:"cases"`      // cases reported in the period
	// ReturnRatePct is Cases ÷ UnitsSold in %, 0 when none were sold.
	ReturnRatePct float64 `json:"return_rate_pct"`
	// ByMonthInService counts the returns by the month of service they came back in: index 0
	// is the first month after purchase, the last index that month and later. Cases without
	// a purchase or shipment date are not counted here.
	ByMonthInService []int `json:"by_month_in_service"`
	// NoFaultFound counts the cases closed with no cause found: tested, no defect, no misuse.
	NoFaultFound    int     `json:"no_fault_found"`
	NoFaultFoundPct float64 `json:"no_fault_found_pct"`
	// RepeatReturns counts cases of a unit that was back before: the same serial, or a
	// replacement unit handed out in an earlier case (the swap chain).
	RepeatReturns int `json:"repeat_returns"`
	// Monthly counts the returns by the month they were reported in, oldest first.
	Monthly []MonthCount `json:"monthly"`
	// Rising is true when the returns rose in each of the last three months of the period.
	Rising bool `json:"rising"`
}

// MonthCount is a number for one calendar month, "2026-11".
type MonthCount struct {
	Month string `json:"month"`
	Count int    `json:"count"`
}

// ClaimRecovery is the recovery report: what each manufacturer was asked for and paid back.
type ClaimRecovery struct {
	Period        Period                 `json:"period"`
	Manufacturers []ManufacturerRecovery `json:"manufacturers"`
}

// ManufacturerRecovery is one manufacturer's claims in the period (by submission).
type ManufacturerRecovery struct {
	Manufacturer string `json:"manufacturer"`
	Claims       int    `json:"claims"`
	Claimed      Money  `json:"claimed_cents"`     // goods value of every submitted line
	Credited     Money  `json:"credited_cents"`    // credits on answered lines
	Rejected     Money  `json:"rejected_cents"`    // claimed minus credited on answered lines
	Outstanding  Money  `json:"outstanding_cents"` // claimed on lines not answered yet
	// RecoveryPct is Credited ÷ the amount claimed on answered lines, in %.
	RecoveryPct float64 `json:"recovery_pct"`
	// MedianDaysToAnswer runs from submission to answer, MedianDaysToDeduction from the
	// answer to the PI the credit was deducted on; -1 when nothing has got that far.
	MedianDaysToAnswer    float64 `json:"median_days_to_answer"`
	MedianDaysToDeduction float64 `json:"median_days_to_deduction"`
	// OpenByAge counts the claims submitted and not answered by days since submission:
	// 0–30, 31–60, 61–90, over 90.
	OpenByAge [4]int `json:"open_by_age"`
}

// Turnaround is the turnaround report: how long cases take, by group, and who waits longest.
type Turnaround struct {
	Period  Period           `json:"period"`
	Groups  []TurnaroundLine `json:"groups"`
	Waiting []WaitingCase    `json:"waiting_longest"`
}

// TurnaroundLine is one group's figures: by "status", "tier", "manufacturer" or "centre".
type TurnaroundLine struct {
	By       string `json:"by"`
	Key      string `json:"key"`
	Resolved int    `json:"resolved"` // ready for pickup or closed
	// MedianDays and P90Days run from the day a resolved case was reported to the day it
	// was resolved; -1 when none is resolved.
	MedianDays float64 `json:"median_days"`
	P90Days    float64 `json:"p90_days"`
	Open       int     `json:"open"`
	// MedianDaysOpen is how long the open cases have been open, -1 when none is.
	MedianDaysOpen float64 `json:"median_days_open"`
}

// WaitingCase is an open case and how long it has been open.
type WaitingCase struct {
	CaseNo       CaseNo `json:"case_no"`
	Customer     string `json:"customer"`
	Manufacturer string `json:"manufacturer"`
	Model        string `json:"model"`
	Status       Status `json:"status"`
	Reported     Date   `json:"reported"`
	DaysOpen     int    `json:"days_open"`
}

// ReportService computes the warranty reports on the stored facts; today is the day "open"
// and "age" are counted to.
type ReportService interface {
	ModelFailures(ctx context.Context, p Period, today Date) (*ModelFailures, error)
	ClaimRecovery(ctx context.Context, p Period, today Date) (*ClaimRecovery, error)
	Turnaround(ctx context.Context, p Period, today Date) (*Turnaround, error)
}
