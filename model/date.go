package model

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Date is a calendar date with no time of day and no time zone.
// The zero value means "no date" (unknown or not given).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads a date written as YYYY-MM-DD and refuses impossible dates such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, Errorf(EINVALID, "%q is not a date in the form YYYY-MM-DD", s)
	}
	for i, ch := range s {
		if i != 4 && i != 7 && (ch < '0' || ch > '9') {
			return Date{}, Errorf(EINVALID, "%q is not a date in the form YYYY-MM-DD", s)
		}
	}
	y, err1 := strconv.Atoi(s[0:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil || y < 1 {
		return Date{}, Errorf(EINVALID, "%q is not a date in the form YYYY-MM-DD", s)
	}
	if m < 1 || m > 12 {
		return Date{}, Errorf(EINVALID, "%q is not a date: %s", s, T("there is no month %d", m))
	}
	if d < 1 || d > DaysInMonth(y, time.Month(m)) {
		return Date{}, Errorf(EINVALID, "%q is not a date: %s", s, T("%s %d has %d days", monthName(time.Month(m)), y, DaysInMonth(y, time.Month(m))))
	}
	return Date{y, time.Month(m), d}, nil
}

// Dates as people write them: year first, with dashes, slashes or dots, month and day with
// or without their zero (2026-03-01, 2026/3/1, 2026.03.01), or in Chinese (2026年3月1日).
var (
	writtenDate = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	chineseDate = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$`)
)

// ReadDate reads a date as a person typed it (see writtenDate): what ParseDate takes, and
// the ways around it a shop writes a date. A refusal quotes the date as typed.
func ReadDate(s string) (Date, error) {
	m := writtenDate.FindStringSubmatch(s)
	if m == nil {
		m = chineseDate.FindStringSubmatch(s)
	}
	if m == nil {
		return ParseDate(s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	d, err := ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, mo, day))
	var me *Error
	if errors.As(err, &me) && len(me.Message.Args) > 0 { // quoted as typed, not as normalised
		args := append([]any{s}, me.Message.Args[1:]...)
		return Date{}, &Error{Code: me.Code, Field: me.Field, Message: Text{Key: me.Message.Key, Args: args}}
	}
	return d, err
}

// DateShaped reports whether s is written as ReadDate reads a date, a real date or not.
func DateShaped(s string) bool { return writtenDate.MatchString(s) || chineseDate.MatchString(s) }

// MustDate is ParseDate for constants in tests and presets; it panics on a bad date.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the calendar date of t in t's own location (the wall-clock date a user sees).
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String formats the date as YYYY-MM-DD, or "" when it is unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// DaysInMonth returns the number of days of a month in the proleptic Gregorian calendar.
func DaysInMonth(year int, month time.Month) int {
	switch month {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// dayNumber counts days from a fixed epoch; pure integer arithmetic so that
// no time zone or daylight-saving change can shift a calendar day.
func (d Date) dayNumber() int {
	// Algorithm from H. Hinnant's "days_from_civil".
	y := d.Year
	m := int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe
}

func fromDayNumber(z int) Date {
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), d}
}

// DaysSince returns the whole calendar days from start to d: start itself is day 0.
func (d Date) DaysSince(start Date) int { return d.dayNumber() - start.dayNumber() }

// AddDays returns the date n calendar days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return fromDayNumber(d.dayNumber() + n) }

// AddMonths works like the spreadsheet function EDATE: the same day n months later,
// or the last day of that month when it has no such day (2024-02-29 + 12 months = 2025-02-28).
func (d Date) AddMonths(n int) Date {
	total := d.Year*12 + int(d.Month) - 1 + n
	y, m := total/12, time.Month(total%12+1)
	day := d.Day
	if dim := DaysInMonth(y, m); day > dim {
		day = dim
	}
	return Date{y, m, day}
}

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	a, b := d.dayNumber(), o.dayNumber()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is strictly before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is strictly after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// MarshalText writes YYYY-MM-DD (empty for an unset date), which also serves JSON.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; empty text gives the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// monthNames are the months as a sentence names them.
var monthNames = [12]Text{T("January"), T("February"), T("March"), T("April"), T("May"), T("June"),
	T("July"), T("August"), T("September"), T("October"), T("November"), T("December")}

// monthName is m's name in a sentence ("February 2026 has 28 days").
func monthName(m time.Month) Text { return monthNames[m-1] }
