package model

import (
	"slices"
	"testing"
)

func TestTransitions(t *testing.T) {
	allowed := map[[2]Status]bool{
		{StatusReceived, StatusDiagnosing}:                 true,
		{StatusReceived, StatusCancelled}:                  true,
		{StatusDiagnosing, StatusAtServiceCentre}:          true,
		{StatusDiagnosing, StatusAwaitingManufacturer}:     true,
		{StatusDiagnosing, StatusReadyForPickup}:           true,
		{StatusDiagnosing, StatusCancelled}:                true,
		{StatusAtServiceCentre, StatusReadyForPickup}:      true,
		{StatusAtServiceCentre, StatusCancelled}:           true,
		{StatusAwaitingManufacturer, StatusReadyForPickup}: true,
		{StatusAwaitingManufacturer, StatusCancelled}:      true,
		{StatusReadyForPickup, StatusClosed}:               true,
		{StatusReadyForPickup, StatusCancelled}:            true,
	}
	// Every pair of statuses is either in the table above or refused.
	for _, from := range Statuses {
		for _, to := range Statuses {
			want := allowed[[2]Status{from, to}]
			if got := from.CanMoveTo(to); got != want {
				t.Errorf("%s -> %s: CanMoveTo = %v, want %v", from, to, got, want)
			}
			err := CheckTransition(from, to)
			if (err == nil) != want {
				t.Errorf("%s -> %s: CheckTransition = %v, want allowed=%v", from, to, err, want)
			}
			if err != nil && ErrorCode(err) != ECONFLICT {
				t.Errorf("%s -> %s: code %s, want %s", from, to, ErrorCode(err), ECONFLICT)
			}
		}
	}
	if err := CheckTransition(StatusReceived, "lost"); ErrorCode(err) != EINVALID {
		t.Errorf("unknown target status: %v", err)
	}
}

func TestOpenStatusesCanBeCancelled(t *testing.T) {
	for _, s := range Statuses {
		if s.Open() != s.CanMoveTo(StatusCancelled) {
			t.Errorf("%s: open=%v but cancel allowed=%v", s, s.Open(), s.CanMoveTo(StatusCancelled))
		}
		if !s.Open() && len(s.Next()) != 0 {
			t.Errorf("%s is final but offers %v", s, s.Next())
		}
	}
}

func TestParseStatus(t *testing.T) {
	if s, err := ParseStatus("ready_for_pickup"); err != nil || s != StatusReadyForPickup {
		t.Errorf("ParseStatus(ready_for_pickup) = %v, %v", s, err)
	}
	if _, err := ParseStatus("Ready"); ErrorCode(err) != EINVALID {
		t.Errorf("ParseStatus(Ready) error = %v", err)
	}
}

func TestPathTo(t *testing.T) {
	for s, want := range map[Status][]Status{
		StatusReceived:             nil,
		StatusDiagnosing:           {StatusDiagnosing},
		StatusAtServiceCentre:      {StatusDiagnosing, StatusAtServiceCentre},
		StatusAwaitingManufacturer: {StatusDiagnosing, StatusAwaitingManufacturer},
		StatusReadyForPickup:       {StatusDiagnosing, StatusReadyForPickup},
		StatusClosed:               {StatusDiagnosing, StatusReadyForPickup, StatusClosed},
		StatusCancelled:            {StatusCancelled},
		"lost":                     nil,
	} {
		got := PathTo(s)
		if !slices.Equal(got, want) {
			t.Errorf("PathTo(%s) = %v, want %v", s, got, want)
		}
		from := StatusReceived
		for _, to := range got {
			if !from.CanMoveTo(to) {
				t.Errorf("PathTo(%s) moves %s -> %s", s, from, to)
			}
			from = to
		}
	}
}
