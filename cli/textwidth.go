package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"returndesk/internal/textwidth"

	"returndesk/model"
)

// writeTable prints rows in columns aligned by display width, so Chinese names line up.
// Cells are made safe first (termSafe), so that the widths are those the terminal shows.
func writeTable(b *strings.Builder, rows [][]string) {
	widths := map[int]int{}
	safe := make([][]string, len(rows))
	for r, row := range rows {
		safe[r] = make([]string, len(row))
		for i, cell := range row {
			safe[r][i] = termSafe(cell)
			widths[i] = max(widths[i], textwidth.String(safe[r][i]))
		}
	}
	for _, row := range safe {
		var line strings.Builder
		for i, cell := range row {
			line.WriteString(cell)
			line.WriteString(strings.Repeat(" ", widths[i]-textwidth.String(cell)+2))
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteString("\n")
	}
}

// termEscape writes a character model.IsTextControl refuses as a visible \uXXXX escape.
// Inside a JSON string that is the character's own JSON escape, so JSON output that passes
// through termWriter stays valid and means the same (encoding/json escapes C0 controls
// itself but writes DEL, C1 controls and U+202E as they are).
func termEscape(r rune) string { return fmt.Sprintf(`\u%04x`, r) }

// termSafe is s as one line a terminal shows as it is: every character model.IsTextControl
// refuses, line breaks and tabs included, written as an escape.
func termSafe(s string) string {
	if !strings.ContainsFunc(s, model.IsTextControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if model.IsTextControl(r) {
			b.WriteString(termEscape(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// termWriter is the command line's stdout and stderr. Text from the database (which an
// older ReturnDesk, or a tool writing to the file, may have filled with escape sequences or
// bidi overrides) never reaches the terminal as a control character: line breaks and tabs
// pass, \r only before \n, every other character model.IsTextControl refuses is escaped
// (termEscape), and bytes that are not UTF-8 become U+FFFD.
type termWriter struct {
	w    io.Writer
	tail []byte // an unfinished UTF-8 sequence, or \r, at the end of the last write
}

func (t *termWriter) Write(p []byte) (int, error) {
	buf := append(t.tail, p...)
	t.tail = nil
	out := make([]byte, 0, len(buf))
	for i := 0; i < len(buf); {
		r, size := utf8.DecodeRune(buf[i:])
		switch {
		case r == utf8.RuneError && size == 1 && !utf8.FullRune(buf[i:]):
			t.tail = append([]byte(nil), buf[i:]...) // the rest of the character comes next
			i = len(buf)
			continue
		case r == utf8.RuneError && size == 1:
			out = append(out, string(utf8.RuneError)...)
		case r == '\r' && i+1 == len(buf):
			t.tail = []byte{'\r'}
		case r == '\n', r == '\t', r == '\r' && buf[i+1] == '\n':
			out = append(out, byte(r))
		case model.IsTextControl(r):
			out = append(out, termEscape(r)...)
		default:
			out = append(out, buf[i:i+size]...)
		}
		i += size
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush writes what the last write left unfinished.
func (t *termWriter) flush() {
	if len(t.tail) == 0 {
		return
	}
	var out []byte
	for _, r := range string(t.tail) { // a lone \r, or bytes that never became a character
		if model.IsTextControl(r) {
			out = append(out, termEscape(r)...)
		} else {
			out = append(out, string(utf8.RuneError)...)
		}
	}
	t.tail = nil
	t.w.Write(out)
}
