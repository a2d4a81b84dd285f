package wintest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// linuxOnly are string literals that name something only Linux has: a fixed folder or file
// of Linux's, or its desktop's file opener.
var linuxOnly = []string{"/tmp", "/home/", "/proc/", "/dev/", "/etc/", "/usr/", "/var/", "xdg-open"}

// programDirs are the folders of the packages the returndesk binary links: the program's code,
// not the helpers only its tests use (those run on the Linux test machine alone).
func programDirs(t *testing.T, root string) map[string]bool {
	t.Helper()
	cmd := exec.Command("go", "list", "-tags", "migrated_fynedo", "-deps", "-f", "{{if not .Standard}}{{.Dir}}{{end}}", ".")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dirs := map[string]bool{}
	for _, d := range strings.Fields(string(out)) {
		if strings.HasPrefix(d, root) {
			dirs[d] = true
		}
	}
	return dirs
}

// The program's code (not its tests, nor files built only for Linux or Unix) names no Linux
// folder and opens files with xdg-open only beside the Windows and macOS ways: what make vet's
// Windows and macOS vets cannot see, since such code compiles everywhere.
func TestNoLinuxOnlyLiterals(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	program := programDirs(t, root)
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "dist") {
				return filepath.SkipDir
			}
			return nil
		}
		if !program[filepath.Dir(path)] {
			return nil
		}
		name := d.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") ||
			strings.HasSuffix(name, "_linux.go") || strings.HasSuffix(name, "_unix.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, c := range f.Comments {
			if c.Pos() < f.Package && strings.HasPrefix(c.Text(), "go:build") {
				if s := c.List[0].Text; strings.Contains(s, "linux") || strings.Contains(s, "unix") {
					return nil
				}
			}
		}
		checked++
		var lits []string
		ast.Inspect(f, func(n ast.Node) bool {
			if l, ok := n.(*ast.BasicLit); ok && l.Kind == token.STRING {
				if s, err := strconv.Unquote(l.Value); err == nil {
					lits = append(lits, s)
				}
			}
			return true
		})
		has := func(s string) bool {
			for _, l := range lits {
				if l == s {
					return true
				}
			}
			return false
		}
		rel, _ := filepath.Rel(root, path)
		for _, l := range lits {
			for _, bad := range linuxOnly {
				if !strings.HasPrefix(l, bad) {
					continue
				}
				if bad == "xdg-open" && has("windows") && has("darwin") {
					continue // the Linux branch of a switch on runtime.GOOS
				}
				t.Errorf("%s: %q is Linux-only", rel, l)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 || len(program) < 10 {
		t.Fatalf("checked only %d files under %s", checked, root)
	}
}
