package sqlstore

import (
	"time"

	"returndesk/model"
)

// columns reads the text of stored date and time columns. The first value that does not
// parse sets err, a corrupt-database error; a row is then refused whole.
type columns struct{ err error }

func (c *columns) fail(err error) {
	if err != nil && c.err == nil {
		c.err = corrupt(err)
	}
}

// date reads a stored date; the empty text is the zero date.
func (c *columns) date(s string) model.Date {
	d, err := parseDate(s)
	c.fail(err)
	return d
}

// stamp reads a stored instant.
func (c *columns) stamp(s string) time.Time {
	t, err := parseTime(s)
	c.fail(err)
	return t
}

// optStamp reads a stored instant that may be missing (not yet): nil for the empty text.
func (c *columns) optStamp(s string) *time.Time {
	if s == "" {
		return nil
	}
	t := c.stamp(s)
	return &t
}
