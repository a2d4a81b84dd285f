package model

import "slices"

// Status is where a case is in its life at the shop.
type Status string

const (
	StatusReceived             Status = "received"              // taken in at the counter
	StatusDiagnosing           Status = "diagnosing"            // being tested
	StatusAtServiceCentre      Status = "at_service_centre"     // sent to the (nearest) service centre
	StatusAwaitingManufacturer Status = "awaiting_manufacturer" // sent back to the manufacturer by post
	StatusReadyForPickup       Status = "ready_for_pickup"      // repaired, replaced or refunded: the customer may collect
	StatusClosed               Status = "closed"                // handed back; nothing more to do
	StatusCancelled            Status = "cancelled"             // withdrawn before it was done
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{StatusReceived, StatusDiagnosing, StatusAtServiceCentre,
	StatusAwaitingManufacturer, StatusReadyForPickup, StatusClosed, StatusCancelled}

// transitions is the one place that says which status may follow which.
// Diagnosing may go straight to ready for pickup: a refund or a same-model swap
// is settled at the counter once testing confirms the fault.
var transitions = map[Status][]Status{
	StatusReceived:             {StatusDiagnosing, StatusCancelled},
	StatusDiagnosing:           {StatusAtServiceCentre, StatusAwaitingManufacturer, StatusReadyForPickup, StatusCancelled},
	StatusAtServiceCentre:      {StatusReadyForPickup, StatusCancelled},
	StatusAwaitingManufacturer: {StatusReadyForPickup, StatusCancelled},
	StatusReadyForPickup:       {StatusClosed, StatusCancelled},
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Open reports whether work on a case in this status is still going on.
func (s Status) Open() bool { return s != StatusClosed && s != StatusCancelled }

// Next lists the statuses a case may move to from s, in the order buttons show them.
func (s Status) Next() []Status { return append([]Status(nil), transitions[s]...) }

// CanMoveTo reports whether a case in status s may move to status to.
func (s Status) CanMoveTo(to Status) bool {
	for _, n := range transitions[s] {
		if n == to {
			return true
		}
	}
	return false
}

// CheckTransition returns an ECONFLICT error explaining why s cannot move to to, or nil.
func CheckTransition(from, to Status) error {
	if !to.Valid() {
		return Invalid("status", "unknown status %q", to)
	}
	if from.CanMoveTo(to) {
		return nil
	}
	if !from.Open() {
		return Errorf(ECONFLICT, "the case is %s: it cannot change status any more", from.Label())
	}
	return Errorf(ECONFLICT, "a case that is %s cannot move to %s", from.Label(), to.Label())
}

// ParseStatus accepts a status name as the CLI and filters write it.
func ParseStatus(s string) (Status, error) {
	st := Status(s)
	if !st.Valid() {
		return "", Invalid("status", "unknown status %q (use one of received, diagnosing, at_service_centre, awaiting_manufacturer, ready_for_pickup, closed, cancelled)", s)
	}
	return st, nil
}

// PathTo is the shortest run of moves that brings a received case to status s (none for
// received itself, nil for a status no case reaches), as staff make them: the demo and the
// tests walk cases along it.
func PathTo(s Status) []Status { return slices.Clone(pathsFromReceived[s]) }

// pathsFromReceived follows transitions breadth first from received.
var pathsFromReceived = func() map[Status][]Status {
	paths := map[Status][]Status{StatusReceived: nil}
	for queue := []Status{StatusReceived}; len(queue) > 0; queue = queue[1:] {
		for _, next := range transitions[queue[0]] {
			if _, seen := paths[next]; !seen {
				paths[next] = append(slices.Clone(paths[queue[0]]), next)
				queue = append(queue, next)
			}
		}
	}
	return paths
}()
