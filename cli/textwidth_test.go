package cli

import (
	"strings"
	"testing"
)

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "张伟": 4, "欧阳娜娜 Ltd": 12, "（全角）": 8} {
		if got := displayWidth(s); got != want {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestWriteTableAlignsChinese(t *testing.T) {
	var b strings.Builder
	writeTable(&b, [][]string{{"NAME", "PHONE"}, {"张伟", "138"}, {"Maria Santos", ""}})
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	col := displayWidth(lines[0][:strings.Index(lines[0], "PHONE")])
	if got := displayWidth(lines[1][:strings.Index(lines[1], "138")]); got != col {
		t.Errorf("second column starts at %d in %q, want %d", got, lines[1], col)
	}
	if strings.HasSuffix(lines[2], " ") {
		t.Errorf("trailing spaces in %q", lines[2])
	}
}
