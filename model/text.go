package model

import "strings"

// IsTextControl reports whether r may be neither stored in text people type nor written to
// a terminal as it is: a C0 or C1 control character or DEL (an escape sequence can recolour,
// hide or rewrite what the terminal shows), or an invisible character that changes the
// direction text is shown in (bidi embeddings, overrides, isolates and marks), which makes a
// serial or a name read as something it is not.
func IsTextControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || isBidiControl(r)
}

// isBidiControl reports the invisible characters that reorder text: LRE RLE PDF LRO RLO,
// LRI RLI FSI PDI, and the marks LRM RLM ALM.
func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// CheckLine judges the characters of a one-line field (a serial, a name, a phone number):
// nil, or a problem naming the field and the first character it refuses (see IsTextControl;
// a line break and a tab are refused too).
func CheckLine(field, s string) *Error { return checkChars(field, s, false) }

// CheckLines judges the characters of a multi-line field (a fault description, notes, an
// address): as CheckLine, but line breaks (\n, or \r\n as Windows pastes them) and tabs are
// allowed.
func CheckLines(field, s string) *Error { return checkChars(field, s, true) }

func checkChars(field, s string, multiLine bool) *Error {
	for i, r := range s {
		if !IsTextControl(r) {
			continue
		}
		if multiLine && (r == '\n' || r == '\t' || r == '\r' && strings.HasPrefix(s[i+1:], "\n")) {
			continue
		}
		switch {
		case r == '\n' || r == '\r':
			return Invalid(field, "contains a line break (U+%04X); it must be one line", r)
		case isBidiControl(r):
			return Invalid(field, "contains an invisible text-direction character (U+%04X), which is not allowed", r)
		}
		return Invalid(field, "contains a control character (U+%04X), which is not allowed", r)
	}
	return nil
}

// checkNotFuture appends a problem when d is after today: a record says what has happened.
func checkNotFuture(problems *Errors, field string, d, today Date) {
	if !d.IsZero() && d.After(today) {
		*problems = append(*problems, Invalid(field, "%s is in the future (today is %s)", d, today))
	}
}
