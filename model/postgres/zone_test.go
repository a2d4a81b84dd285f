package postgres

import (
	"testing"
	"time"
)

// A zone without a name is its offset as PostgreSQL's POSIX form reads it.
func TestFixedZone(t *testing.T) {
	for _, tt := range []struct {
		offset int
		want   string
	}{
		{8 * 3600, "<+0800>-08:00"},
		{-5 * 3600, "<-0500>+05:00"},
		{5*3600 + 1800, "<+0530>-05:30"},
		{0, "<+0000>-00:00"},
	} {
		if got := fixedZone(time.Date(2026, 12, 3, 0, 0, 0, 0, time.FixedZone("", tt.offset))); got != tt.want {
			t.Errorf("offset %d: %q, want %q", tt.offset, got, tt.want)
		}
	}
}
