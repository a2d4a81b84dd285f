package cli

import (
	"strings"
	"testing"

	"returndesk/internal/textwidth"
)

func TestWriteTableAlignsChinese(t *testing.T) {
	var b strings.Builder
	writeTable(&b, [][]string{{"NAME", "PHONE"}, {"张伟", "138"}, {"Maria Santos", ""}})
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	col := textwidth.String(lines[0][:strings.Index(lines[0], "PHONE")])
	if got := textwidth.String(lines[1][:strings.Index(lines[1], "138")]); got != col {
		t.Errorf("second column starts at %d in %q, want %d", got, lines[1], col)
	}
	if strings.HasSuffix(lines[2], " ") {
		t.Errorf("trailing spaces in %q", lines[2])
	}
}
