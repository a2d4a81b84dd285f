package cli

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"

	"returndesk/internal/testenv"
	"returndesk/model"
)

// hostileDB is a demo database with 5 cases and the serial of one of them.
func hostileDB(t *testing.T) (path, serial string) {
	t.Helper()
	path = demoDB(t, 5)
	var list struct {
		Cases []struct {
			Serial string `json:"serial"`
		} `json:"cases"`
	}
	runJSONInto(t, nil, &list, "case", "list", "--json", "--db", path)
	if len(list.Cases) == 0 {
		t.Fatal("case list: no cases")
	}
	return path, list.Cases[0].Serial
}

// TestCaseCommandsRefuseHostileInput: an escape sequence in a serial, a control character
// in a search and a reported date still to come are bad input: exit 2 and one line saying
// what is wrong, which never echoes the raw character.
func TestCaseCommandsRefuseHostileInput(t *testing.T) {
	db, serial := hostileDB(t)
	tomorrow := model.DateOf(time.Now()).AddDays(1).String()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"escape in the serial", []string{"case", "add", "--serial", "AB\x1b[31mC", "--fault", "dead"},
			"returndesk case add: --serial contains a control character (U+001B), which is not allowed\n"},
		{"override in the customer's name", []string{"case", "add", "--serial", serial, "--customer", "evil\u202eexe.doc", "--fault", "dead"},
			"returndesk case add: --customer contains an invisible text-direction character (U+202E), which is not allowed\n"},
		{"unit separator in the search", []string{"case", "list", "--search", "\x1f"},
			"returndesk case list: --search contains a control character (U+001F), which is not allowed\n"},
		{"escape in the search", []string{"case", "list", "--search", "RMA\x1b[2J"},
			"returndesk case list: --search contains a control character (U+001B), which is not allowed\n"},
		{"reported tomorrow", []string{"case", "add", "--serial", serial, "--fault", "dead", "--on", tomorrow},
			"returndesk case add: --on " + tomorrow + " is in the future (today is " + model.DateOf(time.Now()).String() + ")\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := runHere(t, db, tt.args...)
			if code != 2 || stderr != tt.want || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing, %q", code, out, stderr, tt.want)
			}
		})
	}
	// A policy check is a what-if calculation, not a record: a day still to come is fine.
	if out, stderr, code := runHere(t, db, "policy", "check", "--policy", "halotek-terminal",
		"--purchased", model.DateOf(time.Now()).String(), "--on", tomorrow); code != 0 {
		t.Errorf("policy check --on %s: exit %d, %q %q", tomorrow, code, out, stderr)
	}
	// Nothing was stored, and a search that is fine still works.
	out, stderr, code := runHere(t, db, "case", "list", "--search", serial)
	if code != 0 || !strings.Contains(out, "1 of 1 cases") {
		t.Errorf("case list --search %s: exit %d, %q %q", serial, code, out, stderr)
	}
	if out, _, _ := runHere(t, db, "case", "list"); !strings.Contains(out, "5 of 5 cases") {
		t.Errorf("case list after the refusals:\n%s", out)
	}
}

// TestOldDatabaseTextNeverReachesTheTerminalRaw: a database written by an older ReturnDesk
// (here with the sqlite3 tool) holds an escape sequence and a right-to-left override in a
// customer's name, a serial and a fault. The tables and the case show print them as
// visible escapes, never raw; JSON keeps them as data, escaped.
func TestOldDatabaseTextNeverReachesTheTerminalRaw(t *testing.T) {
	db, serial := hostileDB(t)
	raw := testenv.Tool(t, "sqlite3")
	name := "Evil\x1b[31mRED\u202eexe.doc"
	sql := `UPDATE customers SET name = 'Evil' || char(27) || '[31mRED' || char(8238) || 'exe.doc'
			WHERE id = (SELECT customer_id FROM cases WHERE serial = '` + serial + `');
		UPDATE cases SET serial = serial || char(27) || ']0;pwned' || char(7), fault = 'dead' || char(27) || '[2J' || char(10) || 'x' || char(13) || 'y'
			WHERE serial = '` + serial + `';`
	if out, err := exec.Command(raw, db, sql).CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v: %s", err, out)
	}
	clean := func(t *testing.T, what, out string) {
		t.Helper()
		if i := strings.IndexFunc(out, func(r rune) bool {
			return model.IsTextControl(r) && r != '\n'
		}); i >= 0 {
			t.Errorf("%s printed a raw U+%04X: %q", what, []rune(out[i:])[0], out)
		}
	}

	out, stderr, code := runHere(t, db, "case", "list")
	if code != 0 {
		t.Fatalf("case list: exit %d: %s", code, stderr)
	}
	clean(t, "case list", out)
	if !strings.Contains(out, `Evil\u001b[31mRED\u202eexe.doc`) || !strings.Contains(out, serial+`\u001b]0;pwned\u0007`) {
		t.Errorf("case list does not show the stored text as escapes:\n%s", out)
	}

	var list struct {
		Cases []struct {
			CaseNo   string `json:"case_no"`
			Customer string `json:"customer"`
		} `json:"cases"`
	}
	out, _, code = runHere(t, db, "case", "list", "--json")
	clean(t, "case list --json", out)
	if err := json.Unmarshal([]byte(out), &list); code != 0 || err != nil {
		t.Fatalf("case list --json: exit %d, %v:\n%s", code, err, out)
	}
	caseNo := ""
	for _, c := range list.Cases {
		if c.Customer == name {
			caseNo = c.CaseNo
		}
	}
	if caseNo == "" {
		t.Fatalf("no case of the customer %q in the JSON: the data must come back as stored\n%s", name, out)
	}

	out, stderr, code = runHere(t, db, "case", "show", caseNo)
	if code != 0 {
		t.Fatalf("case show: exit %d: %s", code, stderr)
	}
	clean(t, "case show", out)
	if !strings.Contains(out, "fault            dead\\u001b[2J\nx\\u000dy\n") {
		t.Errorf("case show does not print the fault with its escapes and its line break:\n%s", out)
	}
}

// TestTermWriter: what reaches the terminal, byte for byte, including a character split
// across two writes.
func TestTermWriter(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
		want   string
	}{
		{"plain text, Chinese and emoji", []string{"张伟 📱\tok\n"}, "张伟 📱\tok\n"},
		{"escape sequence", []string{"a\x1b[31mb\n"}, `a\u001b[31mb` + "\n"},
		{"bell, DEL and C1", []string{"\a\x7f\u0085\u009b"}, `\u0007\u007f\u0085\u009b`},
		{"bidi override and isolates", []string{"\u202e\u2066\u200f"}, `\u202e\u2066\u200f`},
		{"carriage return before a line break passes", []string{"a\r\nb"}, "a\r\nb"},
		{"a lone carriage return is escaped", []string{"a\rb"}, `a\u000db`},
		{"carriage return at the end of a write", []string{"a\r", "\nb\r"}, "a\r\nb" + `\u000d`},
		{"a character split across writes", []string{"\xe5\xbc", "\xa0伟"}, "张伟"},
		{"an override split across writes", []string{"x\xe2\x80", "\xaey"}, `x\u202ey`},
		{"bytes that are not UTF-8", []string{"a\xffb\xe5"}, "a\ufffdb\ufffd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			w := &termWriter{w: &b}
			for _, s := range tt.writes {
				if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
					t.Fatalf("Write(%q) = %d, %v", s, n, err)
				}
			}
			w.flush()
			if b.String() != tt.want {
				t.Errorf("wrote %q, want %q", b.String(), tt.want)
			}
		})
	}
}
