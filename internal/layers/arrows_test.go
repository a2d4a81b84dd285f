package layers

import (
	"os/exec"
	"strings"
	"testing"

	"returndesk/internal/testenv"
)

// The documents and the report tables only lay out what they are given: the application
// layer (intake) and the store read it for them. So neither links intake nor the SQLite
// store, directly or through another package; intake imports them, not the other way round.
func TestRenderingLinksNoApplicationLayer(t *testing.T) {
	goTool := testenv.Tool(t, "go")
	for _, pkg := range []string{"returndesk/export", "returndesk/report"} {
		out, err := exec.Command(goTool, "list", "-tags", "ci,migrated_fynedo", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		deps := strings.Fields(string(out))
		if len(deps) == 0 || deps[len(deps)-1] != pkg {
			t.Fatalf("go list -deps %s listed %v", pkg, deps)
		}
		for _, dep := range deps {
			if dep == "returndesk/intake" || strings.HasPrefix(dep, "returndesk/intake/") || dep == "returndesk/model/sqlite" {
				t.Errorf("%s links %s; only the application layer may", pkg, dep)
			}
		}
	}
}
