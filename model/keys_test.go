package model

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var updateKeys = flag.Bool("update", false, "rewrite testdata/keys.golden")

var (
	goldenEscaper   = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
	goldenUnescaper = strings.NewReplacer(`\\`, `\`, `\n`, "\n")
)

// Every wording a person can be shown is built by T, Count, Errorf, Invalid or Wrap, or by a
// function that passes its format on to one of them (usagef, a validator's reporter), with
// a constant English text as its key: a sentence formatted before it becomes a Text can no
// longer be translated. This scans the module's source for those calls, fails on a key that
// is not a constant, and keeps the sorted list of keys in testdata/keys.golden, which the
// translations are made from (go test -run TestWordingKeys -update rewrites it).
func TestWordingKeys(t *testing.T) {
	keys, problems := scanWordings(t, "..")
	for _, p := range problems {
		t.Error(p)
	}
	if len(keys) < 100 {
		t.Fatalf("found only %d keys: the scan is broken", len(keys))
	}
	// One key a line: a line break in a key is written \n, a backslash \\.
	lines := make([]string, len(keys))
	for i, k := range keys {
		lines[i] = goldenEscaper.Replace(k)
	}
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", "keys.golden")
	if *updateKeys {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -run TestWordingKeys -update writes it)", err)
	}
	if string(want) != got {
		old := strings.Split(strings.TrimSuffix(string(want), "\n"), "\n")
		for i, l := range old {
			old[i] = goldenUnescaper.Replace(l)
		}
		for _, k := range keys {
			if !slices.Contains(old, k) {
				t.Errorf("new key %q", k)
			}
		}
		for _, k := range old {
			if !slices.Contains(keys, k) {
				t.Errorf("key %q is no longer used", k)
			}
		}
		t.Errorf("%s is out of date: go test ./model -run TestWordingKeys -update", golden)
	}
}

// The scanner must tell a constant key from one built at run time, and find the functions
// that pass their format on.
func TestScanWordingsCatchesBuiltKeys(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module returndesk\n")
	write("shop/shop.go", `package shop

import (
	"fmt"

	m "returndesk/model"
)

type report func(field, format string, args ...any)

const slipUsage = "usage: slip CASE"

var labels = map[int]m.Text{1: m.T("Draft")}

var guessed = m.T(fmt.Sprint(1)) // built

func fail(format string, args ...any) error { return m.Errorf(m.EINVALID, format, args...) }

func check(bad report) { bad("name", "is required") }

// warn passes its key on: its callers are checked.
func warn(msg string) error { return m.Errorf(m.EIO, msg) }

func use(n int) {
	name := fmt.Sprint(n)
	_ = m.T("Refund")
	_ = m.T("a " + "b")
	_ = m.Count(n, "%d case", "%d cases")
	_ = fail("no case %s", name)
	_ = m.Wrap(m.EIO, nil, "cannot write %s", name)
	_ = warn("the disk is full")
	const local = "local"
	_ = m.T(local + ": " + slipUsage)
	_ = m.T(fmt.Sprintf("%d cases", n)) // built
	_ = m.Invalid("name", "is "+name)   // built
	_ = fail(name)                      // built, through a forwarder
	_ = warn(name)                      // built, through a forwarder
	bad := func(field, format string, args ...any) { _ = m.Invalid(field, format, args...) }
	bad("x", "is odd")
	bad("x", name) // built, through a local forwarder
	check(func(field, format string, args ...any) {})
	var r report = bad
	r("y", "is %s", name)
	r("y", name+"!") // built, through a forwarder type
}
`)
	keys, problems := scanWordings(t, dir)
	want := []string{"%d case", "%d cases", "Refund", "a b", "cannot write %s", "is odd", "is required", "is %s", "no case %s",
		"the disk is full", "Draft", "local: usage: slip CASE"}
	slices.Sort(want)
	if !slices.Equal(keys, want) {
		t.Errorf("keys = %q, want %q", keys, want)
	}
	if len(problems) != 7 {
		t.Errorf("%d problems, want 7:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}

// wordingFunc is a function whose arguments at keyArgs are wording keys.
type wordingFunc struct{ keyArgs []int }

type scanFile struct {
	pkg     string // import path
	file    *ast.File
	imports map[string]string // the name a package is called by in the file → its import path
}

// scanWordings parses every non-test Go file of the module at root and returns the sorted
// keys of its wordings and the calls whose key is not a constant.
func scanWordings(t *testing.T, root string) (keys, problems []string) {
	t.Helper()
	fset := token.NewFileSet()
	var files []scanFile
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := "returndesk"
		if rel != "." {
			pkg += "/" + filepath.ToSlash(rel)
		}
		sf := scanFile{pkg: pkg, file: f, imports: map[string]string{}}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			sf.imports[name] = p
		}
		files = append(files, sf)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	s := &scanner{fset: fset, funcs: map[string]wordingFunc{
		"returndesk/model.T":       {[]int{0}},
		"returndesk/model.Count":   {[]int{1, 2}},
		"returndesk/model.Errorf":  {[]int{1}},
		"returndesk/model.Invalid": {[]int{1}},
		"returndesk/model.Wrap":    {[]int{2}},
	}, types: map[string]int{}, consts: map[string]string{}, keys: map[string]bool{}}
	for _, f := range files {
		s.findTypes(f)
	}
	// Each pass may find functions that pass their format on; scan until none is new.
	for pass := 0; ; pass++ {
		if pass > 10 {
			t.Fatal("forwarders keep appearing")
		}
		before := len(s.funcs)
		s.keys, s.problems = map[string]bool{}, nil
		for _, f := range files {
			s.scanFile(f)
		}
		if len(s.funcs) == before {
			break
		}
	}
	for k := range s.keys {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys, s.problems
}

type scanner struct {
	fset     *token.FileSet
	funcs    map[string]wordingFunc // by "import/path.Name"
	types    map[string]int         // func types with a format parameter: "import/path.Name" → its index
	consts   map[string]string      // package-level string constants: "import/path.Name" → value
	keys     map[string]bool
	problems []string
}

// findTypes records the named function types that take a format and its arguments
// (policy's reporter): calls through a variable of such a type are wordings.
func (s *scanner) findTypes(f scanFile) {
	for _, d := range f.file.Decls {
		g, ok := d.(*ast.GenDecl)
		if ok && g.Tok == token.CONST {
			addConsts(g, s.consts, f.pkg+".")
		}
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, spec := range g.Specs {
			ts := spec.(*ast.TypeSpec)
			if ft, ok := ts.Type.(*ast.FuncType); ok {
				if i := formatParam(ft); i >= 0 {
					s.types[f.pkg+"."+ts.Name.Name] = i
				}
			}
		}
	}
}

// addConsts records the string constants a const declaration gives a value.
func addConsts(g *ast.GenDecl, into map[string]string, prefix string) {
	for _, spec := range g.Specs {
		vs := spec.(*ast.ValueSpec)
		for i, n := range vs.Names {
			if i < len(vs.Values) {
				if v, ok := constString(vs.Values[i], nil); ok {
					into[prefix+n.Name] = v
				}
			}
		}
	}
}

// formatParam is the index of a "format string" parameter followed by "args ...any", or -1.
func formatParam(ft *ast.FuncType) int {
	i := 0
	for n, field := range ft.Params.List {
		names := max(len(field.Names), 1)
		for j := 0; j < names; j++ {
			if len(field.Names) > 0 && field.Names[j].Name == "format" && isIdent(field.Type, "string") &&
				n == len(ft.Params.List)-2 {
				if _, ok := ft.Params.List[n+1].Type.(*ast.Ellipsis); ok {
					return i
				}
			}
			i++
		}
	}
	return -1
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// scope is what a function body knows: its string parameters (by name, their index) and
// the local names that are wording functions.
type scope struct {
	outer   *scope
	params  map[string]int
	locals  map[string]wordingFunc
	consts  map[string]string
	forward func(index int) // marks the function of this scope as passing parameter index on
}

func (sc *scope) local(name string) (wordingFunc, bool) {
	for x := sc; x != nil; x = x.outer {
		if w, ok := x.locals[name]; ok {
			return w, true
		}
	}
	return wordingFunc{}, false
}

func (s *scanner) scanFile(f scanFile) {
	for _, d := range f.file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR { // tables of labels
			s.scanBody(f, s.newScope(f, nil, &ast.FuncType{Params: &ast.FieldList{}}, func(int) {}), g)
		}
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		key := f.pkg + "." + fd.Name.Name
		if fd.Recv != nil {
			key = f.pkg + ".(method)." + fd.Name.Name
		}
		sc := s.newScope(f, nil, fd.Type, func(i int) { s.addFunc(key, i) })
		s.scanBody(f, sc, fd.Body)
	}
}

func (s *scanner) addFunc(key string, i int) {
	w := s.funcs[key]
	if !slices.Contains(w.keyArgs, i) {
		w.keyArgs = append(w.keyArgs, i)
		s.funcs[key] = w
	}
}

func (s *scanner) newScope(f scanFile, outer *scope, ft *ast.FuncType, forward func(int)) *scope {
	sc := &scope{outer: outer, params: map[string]int{}, locals: map[string]wordingFunc{}, consts: map[string]string{},
		forward: forward}
	i := 0
	for _, field := range ft.Params.List {
		for _, n := range field.Names {
			if isIdent(field.Type, "string") {
				sc.params[n.Name] = i
			}
			if w, ok := s.funcType(f, field.Type); ok {
				sc.locals[n.Name] = w
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return sc
}

// funcType says whether a type expression is a function type that takes a format.
func (s *scanner) funcType(f scanFile, e ast.Expr) (wordingFunc, bool) {
	switch x := e.(type) {
	case *ast.Ident:
		if i, ok := s.types[f.pkg+"."+x.Name]; ok {
			return wordingFunc{[]int{i}}, true
		}
	case *ast.FuncType:
		if i := formatParam(x); i >= 0 {
			return wordingFunc{[]int{i}}, true
		}
	}
	return wordingFunc{}, false
}

func (s *scanner) scanBody(f scanFile, sc *scope, body ast.Node) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			// A literal not assigned to a name: its calls are checked through its type.
			s.scanBody(f, s.newScope(f, sc, x.Type, func(int) {}), x.Body)
			return false
		case *ast.GenDecl:
			if x.Tok == token.CONST {
				addConsts(x, sc.consts, "")
			}
		case *ast.AssignStmt:
			s.assign(f, sc, x.Lhs, x.Rhs)
			return false
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(x.Names))
			for i, n := range x.Names {
				lhs[i] = n
			}
			if x.Type != nil {
				if w, ok := s.funcType(f, x.Type); ok {
					for _, n := range x.Names {
						sc.locals[n.Name] = w
					}
				}
			}
			s.assign(f, sc, lhs, x.Values)
			return false
		case *ast.CallExpr:
			s.call(f, sc, x)
		}
		return true
	})
}

// assign notes local names bound to wording functions (a literal that passes its format
// on, or what a function returning a format-taking type gives: policy's element), and scans
// both sides.
func (s *scanner) assign(f scanFile, sc *scope, lhs, rhs []ast.Expr) {
	for _, l := range lhs {
		s.scanBody(f, sc, l)
	}
	for i, r := range rhs {
		var id *ast.Ident
		if len(lhs) == len(rhs) {
			id, _ = lhs[i].(*ast.Ident)
		}
		if _, isLit := r.(*ast.FuncLit); id == nil || !isLit {
			s.scanBody(f, sc, r) // a named literal's body is scanned below, in its own scope
		}
		if id == nil {
			continue
		}
		switch v := r.(type) {
		case *ast.FuncLit:
			name := id.Name
			if w, ok := s.funcType(f, v.Type); ok {
				sc.locals[name] = w
			}
			inner := s.newScope(f, sc, v.Type, func(i int) {
				w, _ := sc.locals[name]
				if !slices.Contains(w.keyArgs, i) {
					w.keyArgs = append(w.keyArgs, i)
				}
				sc.locals[name] = w
			})
			s.scanBody(f, inner, v.Body)
		case *ast.Ident:
			if w, ok := sc.local(v.Name); ok {
				sc.locals[id.Name] = w
			}
		case *ast.CallExpr:
			if w, ok := s.returnsFuncType(f, v); ok {
				sc.locals[id.Name] = w
			}
		}
	}
}

// returnsFuncType says whether call is to a function of this package whose result is a
// format-taking function type.
func (s *scanner) returnsFuncType(f scanFile, call *ast.CallExpr) (wordingFunc, bool) {
	id, ok := call.Fun.(*ast.Ident)
	if !ok {
		return wordingFunc{}, false
	}
	for _, d := range f.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == id.Name &&
			fd.Type.Results != nil && len(fd.Type.Results.List) == 1 {
			return s.funcType(f, fd.Type.Results.List[0].Type)
		}
	}
	return wordingFunc{}, false
}

func (s *scanner) callee(f scanFile, sc *scope, fun ast.Expr) (wordingFunc, bool) {
	switch x := fun.(type) {
	case *ast.Ident:
		if w, ok := sc.local(x.Name); ok {
			return w, true
		}
		w, ok := s.funcs[f.pkg+"."+x.Name]
		return w, ok
	case *ast.SelectorExpr:
		if pkg, ok := x.X.(*ast.Ident); ok {
			if path, ok := f.imports[pkg.Name]; ok {
				w, ok := s.funcs[path+"."+x.Sel.Name]
				return w, ok
			}
		}
		// A method: known by its name within the package.
		w, ok := s.funcs[f.pkg+".(method)."+x.Sel.Name]
		return w, ok
	}
	return wordingFunc{}, false
}

func (s *scanner) call(f scanFile, sc *scope, call *ast.CallExpr) {
	w, ok := s.callee(f, sc, call.Fun)
	if !ok {
		return
	}
	for _, i := range w.keyArgs {
		if i >= len(call.Args) {
			continue
		}
		arg := call.Args[i]
		if k, ok := constString(arg, func(name string) (string, bool) {
			for x := sc; x != nil; x = x.outer {
				if v, ok := x.consts[name]; ok {
					return v, true
				}
			}
			v, ok := s.consts[f.pkg+"."+name]
			return v, ok
		}); ok {
			if k != "" { // Wrap's empty format: the cause's words
				s.keys[k] = true
			}
			continue
		}
		if id, ok := arg.(*ast.Ident); ok {
			if j, ok := s.param(sc, id.Name); ok {
				j.forward(j.index)
				continue
			}
		}
		pos := s.fset.Position(arg.Pos())
		s.problems = append(s.problems, pos.String()+": the key of this wording is built at run time; use a constant English text")
	}
}

type forwarded struct {
	index   int
	forward func(int)
}

// param finds name among the string parameters of the innermost function that has it.
func (s *scanner) param(sc *scope, name string) (forwarded, bool) {
	for x := sc; x != nil; x = x.outer {
		if i, ok := x.params[name]; ok {
			return forwarded{i, x.forward}, true
		}
	}
	return forwarded{}, false
}

// constString is the value of a string literal, a named string constant (found by lookup)
// or a sum of them.
func constString(e ast.Expr, lookup func(string) (string, bool)) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind == token.STRING {
			v, err := strconv.Unquote(x.Value)
			return v, err == nil
		}
	case *ast.Ident:
		if lookup != nil {
			return lookup(x.Name)
		}
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			a, ok1 := constString(x.X, lookup)
			b, ok2 := constString(x.Y, lookup)
			return a + b, ok1 && ok2
		}
	case *ast.ParenExpr:
		return constString(x.X, lookup)
	}
	return "", false
}
