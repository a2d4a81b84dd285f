package sqlstore

import (
	"strings"
	"testing"

	"returndesk/model"
)

// A stored value that does not parse makes the row a corrupt-database error, naming the
// first bad value; the empty text is a missing date or instant, not an error.
func TestColumnsRefuseABadStoredValue(t *testing.T) {
	var ok columns
	if d, at, none := ok.date("2026-03-10"), ok.stamp("2026-03-10T09:30:00Z"), ok.optStamp(""); ok.err != nil ||
		d != model.MustDate("2026-03-10") || at.IsZero() || none != nil || !ok.date("").IsZero() {
		t.Fatalf("good columns: %v %v %v, %v", d, at, none, ok.err)
	}
	for _, tc := range []struct {
		name string
		read func(*columns)
		bad  string
	}{
		{"date", func(c *columns) { c.date("2026-02-30"); c.date("x") }, "2026-02-30"},
		{"instant", func(c *columns) { c.stamp("yesterday"); c.stamp("x") }, "yesterday"},
		{"optional instant", func(c *columns) { c.optStamp("10:00"); c.date("x") }, "10:00"},
	} {
		var c columns
		tc.read(&c)
		if model.ErrorCode(c.err) != model.EINTERNAL || !strings.Contains(c.err.Error(), tc.bad) {
			t.Errorf("%s: %v, want a corrupt-database error naming %q", tc.name, c.err, tc.bad)
		}
	}
}
