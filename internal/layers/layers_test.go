package layers

import (
	"os/exec"
	"strings"
	"testing"

	"returndesk/internal/testenv"
)

// mayLinkFyne reports whether the package at path is the window or what starts it.
func mayLinkFyne(path string) bool {
	switch {
	case path == "returndesk", path == "returndesk/cli":
		return true
	case path == "returndesk/gui", strings.HasPrefix(path, "returndesk/gui/"):
		return true
	case strings.HasPrefix(path, "returndesk/bench/"): // a Fyne hello-world, the baseline
		return true
	}
	return false
}

// Only the window links Fyne: model, policy, intake, export, report, outfile and assets
// import no part of it, directly or through another package.
func TestOnlyTheWindowLinksFyne(t *testing.T) {
	goTool := testenv.Tool(t, "go")
	out, err := exec.Command(goTool, "list", "-tags", "ci,migrated_fynedo",
		"-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, "returndesk/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	listed := map[string]bool{}
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		pkg, deps, _ := strings.Cut(line, " ")
		listed[pkg] = true
		if mayLinkFyne(pkg) {
			continue
		}
		for dep := range strings.FieldsSeq(deps) {
			if strings.HasPrefix(dep, "fyne.io/") {
				t.Errorf("%s links %s; only gui/ may use Fyne", pkg, dep)
				break
			}
		}
	}
	for _, must := range []string{"returndesk/model", "returndesk/policy", "returndesk/export", "returndesk/report"} {
		if !listed[must] {
			t.Errorf("go list did not list %s", must)
		}
	}
}
