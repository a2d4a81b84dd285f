package demo

import (
	"math"
	"time"

	"returndesk/model"
)

var faults = []struct{ text, category string }{
	{"无法开机，充电指示灯不亮", "No power"},
	{"充电时机身发烫，约十分钟后自动关机", "Overheating"},
	{"右耳无声音，左耳正常", "Audio"},
	{"Does not charge: the LED blinks red three times and the unit stays off", "No power"},
	{"Picture freezes every few minutes; night vision IR does not switch on", "Video"},
	{"屏幕显示乱码，按键无反应", "Display"},
	{"Output voltage drops to 9 V under 2 A load", "Output"},
	{"外壳裂开，疑似跌落造成", "Physical damage"},
	{"Bluetooth pairing lost after firmware update; cannot re-pair with any phone", "Connectivity"},
	{"Fan noise and burning smell after one hour of use", "Overheating"},
}

// lifePlan says, for each demo case, which tier its dates aim at and where its life ends.
type lifePlan struct {
	daysSincePurchase int
	cause             model.Cause
	status            model.Status
}

// schedule cycles through every tier and every status.
var schedule = []lifePlan{
	{2, model.CauseUnknown, model.StatusReceived},
	{5, model.CauseManufacturer, model.StatusReadyForPickup},
	{20, model.CauseUnknown, model.StatusDiagnosing},
	{45, model.CauseManufacturer, model.StatusClosed},
	{90, model.CauseUnknown, model.StatusReceived},
	{150, model.CauseManufacturer, model.StatusAtServiceCentre},
	{200, model.CauseManufacturer, model.StatusAwaitingManufacturer},
	{300, model.CauseManufacturer, model.StatusAwaitingManufacturer},
	{330, model.CauseMisuse, model.StatusReadyForPickup},
	{400, model.CauseUnknown, model.StatusDiagnosing},
	{12, model.CauseMisuse, model.StatusClosed},
	{58, model.CauseUnknown, model.StatusCancelled},
}

// moveNotes are what staff write when they move a case.
var moveNotes = map[model.Status]string{
	model.StatusDiagnosing:           "bench test started",
	model.StatusAtServiceCentre:      "sent with maintenance order",
	model.StatusAwaitingManufacturer: "posted back to the manufacturer",
	model.StatusReadyForPickup:       "customer informed by phone",
	model.StatusClosed:               "collected by the customer",
	model.StatusCancelled:            "customer withdrew the return",
}

// moveDelay is how long, at most, a case waits before each move (at least a tenth of it).
var moveDelay = map[model.Status]time.Duration{
	model.StatusDiagnosing:           24 * time.Hour,
	model.StatusAtServiceCentre:      3 * 24 * time.Hour,
	model.StatusAwaitingManufacturer: 3 * 24 * time.Hour,
	model.StatusReadyForPickup:       10 * 24 * time.Hour,
	model.StatusClosed:               7 * 24 * time.Hour,
	model.StatusCancelled:            3 * 24 * time.Hour,
}

const (
	// richCases are the first cases, reported in the last three days and following the
	// schedule exactly, so that even a small demo shows every tier and status.
	richCases = 60
	// history is how far back the other cases go.
	historyDays = 730
	// settledAfter is the age in days after which most cases are closed.
	settledAfter = 30
	// stalePercent of the older cases are still open (forgotten at a service centre, ...).
	stalePercent = 8
)

// reportedAge is how many days before today case i was reported: the rich cases in the
// last three days, the others over two years, more of them lately as the shop grew.
func (g *generator) reportedAge(i int) int {
	if i < richCases {
		return g.rng.IntN(3)
	}
	return int(historyDays * (1 - math.Sqrt(g.rng.Float64())))
}

// finalStatus is where case i's life ends: as the schedule says, except that old cases are
// mostly settled by now, with the cause testing found.
func (g *generator) finalStatus(i, age int, plan lifePlan) (model.Status, model.Cause) {
	if i < richCases || age <= settledAfter || !plan.status.Open() || g.rng.IntN(100) < stalePercent {
		return plan.status, plan.cause
	}
	cause := plan.cause
	if cause == model.CauseUnknown {
		cause = model.CauseManufacturer
		if g.rng.IntN(5) == 0 {
			cause = model.CauseMisuse
		}
	}
	return model.StatusClosed, cause
}

// stepKind is what happens to a case at one step of its life.
type stepKind uint8

const (
	intakeStep   stepKind = iota // received at the counter
	reassessStep                 // testing found the cause: the verdict is taken again
	moveStep                     // moved to another status
)

// step is one thing that happens to unit's case; steps of all cases are replayed in time order.
type step struct {
	at   int64 // Unix nanoseconds
	unit int32
	seq  uint8 // order within the case's life, for steps at the same instant
	kind stepKind
	to   model.Status
}

// lifeSteps plans the steps of unit i's case: received on its reported day during opening
// hours, then moved on after realistic delays, the verdict taken again once the cause is
// known. A life that would reach past the moment the demo is made is squeezed into it.
func (g *generator) lifeSteps(i int, u *unit, steps []step) []step {
	start := g.intakeTime(u.reported)
	path := model.PathTo(u.status)
	times := make([]int64, len(path))
	t := start
	for j, to := range path {
		d := int64(moveDelay[to])
		t += d/10 + g.rng.Int64N(d-d/10)
		times[j] = t
	}
	if n := len(times); n > 0 && times[n-1] > g.end.UnixNano() {
		scale := float64(g.end.UnixNano()-start) / float64(times[n-1]-start)
		for j := range times {
			times[j] = start + int64(float64(times[j]-start)*scale)
		}
	}
	steps = append(steps, step{at: start, unit: int32(i), kind: intakeStep})
	prev, seq, reassessed := start, uint8(1), false
	for j, to := range path {
		if !reassessed && u.cause != model.CauseUnknown && to != model.StatusDiagnosing && to != model.StatusCancelled {
			at := max(prev, times[j]-int64(10*time.Minute))
			steps = append(steps, step{at: at, unit: int32(i), seq: seq, kind: reassessStep})
			seq++
			reassessed = true
		}
		steps = append(steps, step{at: times[j], unit: int32(i), seq: seq, kind: moveStep, to: to})
		seq++
		prev = times[j]
	}
	return steps
}

// intakeTime is when a unit reported on day d is taken in: during opening hours, and not
// after the moment the demo is made.
func (g *generator) intakeTime(d model.Date) int64 {
	day := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.Local)
	open, close := day.Add(8*time.Hour+30*time.Minute), day.Add(18*time.Hour+30*time.Minute)
	if close.After(g.end) {
		close = g.end
	}
	if open.After(close) {
		open = day
		if open.After(close) {
			open = close
		}
	}
	return open.UnixNano() + g.rng.Int64N(int64(close.Sub(open))+1)
}
