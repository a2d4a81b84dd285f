package model

import (
	"encoding/json"
	"testing"
	"time"

	_ "time/tzdata" // the zones below must exist on every test machine
)

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2026-01-01", "2024-02-29", "2000-02-29", "2026-12-31", "0001-01-01", "9999-12-31"} {
		d, err := ParseDate(s)
		if err != nil || d.String() != s {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	for _, s := range []string{"", "2026-02-30", "2023-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
		"2026-01-00", "0000-01-01", "2026-1-01", "2026/01/01", "20260101", "2026-01-01T00:00", "abcd-ef-gh", "+026-01-01", "2026-+1-01", "2026-01- 1"} {
		if d, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", s, d)
		}
	}
}

// AddMonths is the spreadsheet's EDATE: clamp to the month's last day, never roll over.
func TestAddMonthsIsEDATE(t *testing.T) {
	for _, tt := range []struct {
		start string
		n     int
		want  string
	}{
		{"2026-01-01", 12, "2027-01-01"},
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-02-29", 48, "2028-02-29"},
		{"2024-02-29", 1, "2024-03-29"},
		{"2026-01-31", 1, "2026-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2026-03-31", 1, "2026-04-30"},
		{"2026-08-31", 1, "2026-09-30"},
		{"2026-12-31", 2, "2027-02-28"},
		{"2026-05-31", -3, "2026-02-28"},
		{"2026-03-15", -12, "2025-03-15"},
		{"2026-01-15", 0, "2026-01-15"},
		{"2025-12-31", 12, "2026-12-31"},
		{"1999-11-30", 3, "2000-02-29"},
		{"2026-01-01", 24, "2028-01-01"},
	} {
		if got := MustDate(tt.start).AddMonths(tt.n).String(); got != tt.want {
			t.Errorf("EDATE(%s, %d) = %s, want %s", tt.start, tt.n, got, tt.want)
		}
	}
	// Unlike time.AddDate, which rolls 31 January + 1 month over to 3 March.
	if got := DateOf(time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0)); got.String() != "2026-03-03" {
		t.Fatalf("time.AddDate changed its behaviour: %s", got)
	}
}

func TestDayArithmetic(t *testing.T) {
	for _, tt := range []struct {
		start string
		n     int
		want  string
	}{
		{"2026-01-01", 7, "2026-01-08"},
		{"2026-01-01", 60, "2026-03-02"},
		{"2024-01-01", 60, "2024-03-01"},
		{"2024-02-28", 1, "2024-02-29"},
		{"2023-02-28", 1, "2023-03-01"},
		{"2026-12-31", 1, "2027-01-01"},
		{"2027-01-01", -1, "2026-12-31"},
		{"2000-03-01", -1, "2000-02-29"},
		{"1900-03-01", -1, "1900-02-28"},
		{"2026-01-01", 365, "2027-01-01"},
		{"2024-01-01", 366, "2025-01-01"},
	} {
		s := MustDate(tt.start)
		got := s.AddDays(tt.n)
		if got.String() != tt.want {
			t.Errorf("%s + %d days = %s, want %s", tt.start, tt.n, got, tt.want)
		}
		if back := got.DaysSince(s); back != tt.n {
			t.Errorf("%s − %s = %d days, want %d", got, s, back, tt.n)
		}
	}
	// Against the time package in UTC, over four centuries (leap rules of 100 and 400 years).
	base := MustDate("1800-01-01")
	tb := time.Date(1800, 1, 1, 12, 0, 0, 0, time.UTC)
	for n := 0; n < 4*146097/10; n += 7 {
		n := n * 10 / 7 // uneven steps
		want := DateOf(tb.AddDate(0, 0, n))
		if got := base.AddDays(n); got != want {
			t.Fatalf("1800-01-01 + %d = %s, want %s", n, got, want)
		}
		if got := want.DaysSince(base); got != n {
			t.Fatalf("%s − 1800-01-01 = %d, want %d", want, got, n)
		}
	}
}

func TestCompare(t *testing.T) {
	a, b := MustDate("2025-12-31"), MustDate("2026-01-01")
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 || !a.Before(b) || !b.After(a) || a.After(b) || a.Before(a) {
		t.Error("Compare is wrong")
	}
	if !(Date{}).IsZero() || a.IsZero() || (Date{}).String() != "" {
		t.Error("zero date is wrong")
	}
}

func TestDateJSON(t *testing.T) {
	var v struct {
		A Date `json:"a"`
		B Date `json:"b"`
	}
	if err := json.Unmarshal([]byte(`{"a":"2024-02-29","b":""}`), &v); err != nil || v.A != MustDate("2024-02-29") || !v.B.IsZero() {
		t.Fatalf("%+v %v", v, err)
	}
	if b, _ := json.Marshal(v); string(b) != `{"a":"2024-02-29","b":""}` {
		t.Errorf("%s", b)
	}
	if err := json.Unmarshal([]byte(`{"a":"2026-02-30"}`), &v); err == nil {
		t.Error("2026-02-30 was accepted")
	}
}

// DateOf is the wall-clock date where the time is; around daylight-saving changes,
// and on days a zone skipped, it must still give the date a person there sees.
func TestDateOfAroundDST(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	ny, sp, london, kiri := zone("America/New_York"), zone("America/Sao_Paulo"), zone("Europe/London"), zone("Pacific/Kiritimati")
	for _, tt := range []struct {
		name string
		t    time.Time
		want string
	}{
		{"New York, a minute before spring forward", time.Date(2026, 3, 8, 1, 59, 0, 0, ny), "2026-03-08"},
		{"New York, a minute after spring forward", time.Date(2026, 3, 8, 1, 59, 0, 0, ny).Add(time.Minute), "2026-03-08"},
		{"New York, last minute of the short day", time.Date(2026, 3, 8, 23, 59, 0, 0, ny), "2026-03-08"},
		{"New York, 24 hours after midnight before spring forward", time.Date(2026, 3, 8, 0, 0, 0, 0, ny).Add(24 * time.Hour), "2026-03-09"},
		{"New York, fall back: the repeated hour", time.Date(2026, 11, 1, 1, 30, 0, 0, ny).Add(time.Hour), "2026-11-01"},
		{"New York, fall back: 24 hours after midnight is still the same day", time.Date(2026, 11, 1, 0, 0, 0, 0, ny).Add(24 * time.Hour), "2026-11-01"},
		// São Paulo skipped midnight: 2018-11-03 23:59 −03 was followed by 2018-11-04 01:00 −02.
		{"São Paulo, the minute before the skipped midnight", time.Date(2018, 11, 4, 2, 59, 0, 0, time.UTC).In(sp), "2018-11-03"},
		{"São Paulo, the next minute is 01:00 on the new day", time.Date(2018, 11, 4, 3, 0, 0, 0, time.UTC).In(sp), "2018-11-04"},
		{"London, spring forward", time.Date(2026, 3, 29, 1, 30, 0, 0, london), "2026-03-29"},
		{"London, 23:59 on the long day", time.Date(2026, 10, 25, 23, 59, 0, 0, london), "2026-10-25"},
		{"UTC midnight is already tomorrow in Shanghai", time.Date(2026, 1, 7, 16, 0, 0, 0, time.UTC).In(zone("Asia/Shanghai")), "2026-01-08"},
		{"the same instant in UTC", time.Date(2026, 1, 7, 16, 0, 0, 0, time.UTC), "2026-01-07"},
		{"Kiritimati, the last minute of 1994-12-30", time.Date(1994, 12, 30, 23, 59, 0, 0, kiri), "1994-12-30"},
		{"Kiritimati, one minute later is 1995-01-01", time.Date(1994, 12, 30, 23, 59, 0, 0, kiri).Add(time.Minute), "1995-01-01"},
	} {
		if got := DateOf(tt.t).String(); got != tt.want {
			t.Errorf("%s: DateOf(%s) = %s, want %s", tt.name, tt.t, got, tt.want)
		}
	}
	// Calendar arithmetic does not care what any zone did.
	if got := MustDate("1994-12-30").AddDays(1).String(); got != "1994-12-31" {
		t.Errorf("1994-12-30 + 1 = %s", got)
	}
	if got := MustDate("2026-03-07").AddDays(2).DaysSince(MustDate("2026-03-07")); got != 2 {
		t.Errorf("days across the DST change: %d", got)
	}
}

// A date is read as a shop writes it: with dashes, slashes or dots, month and day with or
// without their zero, or in Chinese; a date that is not one is refused as typed.
func TestReadDate(t *testing.T) {
	for _, s := range []string{"2026-03-05", "2026/3/5", "2026.03.5", "2026/03/05", "2026年3月5日"} {
		if d, err := ReadDate(s); err != nil || d != MustDate("2026-03-05") {
			t.Errorf("ReadDate(%q) = %v, %v", s, d, err)
		}
	}
	for s, want := range map[string]string{
		"2026/2/30":  `"2026/2/30" is not a date: February 2026 has 28 days`,
		"05/03/2026": `"05/03/2026" is not a date in the form YYYY-MM-DD`,
		"2026-3":     `"2026-3" is not a date in the form YYYY-MM-DD`,
	} {
		if _, err := ReadDate(s); ErrorText(err).String() != want {
			t.Errorf("ReadDate(%q): %q, want %q", s, ErrorText(err), want)
		}
	}
}
