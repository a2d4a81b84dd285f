package cli

import (
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"returndesk/model"
	"returndesk/model/sqlite"
)

// Every command has help: what it does, its usage, each flag with a meaning, and an
// example that names the command itself.
func TestEveryCommandExplainsItself(t *testing.T) {
	out, _, code := runEnv(t, nil, "help")
	if code != 0 {
		t.Fatalf("help: exit %d", code)
	}
	for _, cmd := range commands() {
		if !strings.Contains(out, "  "+cmd.name+" ") {
			t.Errorf("help does not list %q", cmd.name)
		}
		for _, ask := range [][]string{{"help", cmd.name}, append(strings.Fields(cmd.name), "--help")} {
			got, stderr, code := runEnv(t, nil, ask...)
			if code != 0 || stderr != "" {
				t.Errorf("%v: exit %d, stderr %q", ask, code, stderr)
				continue
			}
			for _, want := range []string{cmd.summary.String(), "usage: returndesk " + cmd.name, "example:\n  returndesk " + cmd.name} {
				if !strings.Contains(got, want) {
					t.Errorf("%v: no %q in\n%s", ask, want, got)
				}
			}
		}
		ex, _, ok := findCommand(strings.Fields(cmd.example))
		if !ok || ex.name != cmd.name {
			t.Errorf("%s: the example %q runs %q", cmd.name, cmd.example, ex.name)
		}
	}
}

// A flag's meaning says what it is for: more than a type or a word or two.
func TestEveryFlagHasAMeaning(t *testing.T) {
	for _, cmd := range commands() {
		var seen *flag.FlagSet
		c := &cli{getenv: func(string) string { return "" }, dbPath: "unused.db"}
		if err := cmd.run(c, []string{"--help"}); err != nil {
			if h, ok := err.(*helpWanted); ok {
				seen = h.flags
			}
		}
		if seen == nil {
			if cmd.name != "help" {
				t.Errorf("%s --help did not reach its flags", cmd.name)
			}
			continue
		}
		seen.VisitAll(func(f *flag.Flag) {
			if _, meaning := flag.UnquoteUsage(f); len(strings.Fields(meaning)) < 3 {
				t.Errorf("%s --%s: meaning %q says too little", cmd.name, f.Name, meaning)
			}
		})
	}
}

func TestUnknownCommandsAndGroups(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, "returndesk: unknown command \"frobnicate\"; `returndesk help` lists the commands\n"},
		{[]string{"case"}, "returndesk case: usage: returndesk case add|list|show ...; `returndesk help case` explains each\n"},
		{[]string{"claim", "approve"}, "returndesk claim: unknown claim command \"approve\" (use create, export, show, import, list, submit, settle, remove, balance, deduct)\n"},
		{[]string{"help", "case", "frobnicate"}, "returndesk help: no command \"case frobnicate\"; `returndesk help` lists the commands\n"},
	} {
		out, stderr, code := runEnv(t, nil, tt.args...)
		if code != 2 || out != "" || stderr != tt.want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, out, stderr, tt.want)
		}
	}
}

// --limit 0 lists every match, past the largest page the store gives at once.
func TestCaseListLimitZeroListsEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	n := model.MaxCaseLimit + 7
	shopWithCases(t, path, n)
	for _, tt := range []struct {
		limit string
		want  int
	}{{"0", n}, {"1003", 1003}, {"5", 5}} {
		out, stderr, code := runHere(t, path, "case", "list", "--limit", tt.limit, "--json")
		if code != 0 {
			t.Fatalf("--limit %s: exit %d: %s", tt.limit, code, stderr)
		}
		var list struct {
			Cases []struct {
				CaseNo string `json:"case_no"`
			} `json:"cases"`
			Total int `json:"total"`
		}
		if err := json.Unmarshal([]byte(out), &list); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, c := range list.Cases {
			seen[c.CaseNo] = true
		}
		if len(list.Cases) != tt.want || len(seen) != tt.want || list.Total != n {
			t.Errorf("--limit %s: %d cases (%d different) of %d, want %d of %d", tt.limit, len(list.Cases), len(seen), list.Total, tt.want, n)
		}
	}
	if _, stderr, code := runHere(t, path, "case", "list", "--limit", "-1"); code != 2 || !strings.Contains(stderr, "--limit must be 0 (every match) or more") {
		t.Errorf("--limit -1: exit %d, %q", code, stderr)
	}
}

// case add --customer-kind records what kind of customer a new one is; a dealer's own
// return is judged on the manufacturer's clock.
func TestCaseAddCustomerKind(t *testing.T) {
	db := demoDB(t, 5)
	for _, tt := range []struct {
		kind, name string
		want       model.CustomerKind
	}{{"", "Walk In", model.KindTerminal}, {"walk-in", "Walk In Too", model.KindTerminal},
		{"dealer", "Acme Phones", model.KindDealer}, {"OEM", "Brandco", model.KindOEM}} {
		args := []string{"case", "add", "--customer", tt.name, "--model", "HT-H200", "--serial", "KIND-" + tt.name,
			"--purchased", "2026-01-10", "--shipped", "2026-01-02", "--fault", "no power", "--json"}
		if tt.kind != "" {
			args = append(args, "--customer-kind", tt.kind)
		}
		if _, stderr, code := runHere(t, db, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if got := customerKind(t, db, tt.name); got != tt.want {
			t.Errorf("--customer-kind %q: customer %s is %q, want %q", tt.kind, tt.name, got, tt.want)
		}
	}
	_, stderr, code := runHere(t, db, "case", "add", "--customer", "X", "--customer-kind", "shop", "--serial", "K-X", "--fault", "dead")
	if code != 2 || stderr != "returndesk case add: --customer-kind: unknown customer kind \"shop\" (use walk-in, dealer or oem)\n" {
		t.Errorf("--customer-kind shop: exit %d, %q", code, stderr)
	}
}

func customerKind(t *testing.T, path, name string) model.CustomerKind {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	found, err := db.FindCustomers(context.Background(), name, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range found {
		if c.Name == name {
			return c.Kind
		}
	}
	t.Fatalf("no customer %q", name)
	return ""
}
