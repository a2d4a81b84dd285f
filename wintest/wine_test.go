//go:build linux

// Package wintest checks the Windows build of ReturnDesk (make windows) under Wine: the
// commands give what the Linux build gives, on a database in the AppData of a Windows user
// with a Chinese name and files in a folder with a space in its name, and the window opens.
// It drives built programs only. Without Wine and MinGW-w64 the tests skip, unless CI=true,
// when they install them (scripts/windows.sh deps test), as make test does.
package wintest

import (
	"archive/zip"
	"bytes"
	"debug/pe"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"returndesk/internal/factorytest"
	"returndesk/internal/testenv"
	"returndesk/model"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
)

// winUser is the Windows user the prefix is made for: C:\users\张伟, %AppData% below it.
const winUser = "张伟"

// shopFolder is where the dealer keeps files, below the user's Documents folder.
const shopFolder = "店 铺"

// wine is the shared set-up: the two builds and one Wine prefix.
type wine struct {
	root   string // the module's folder
	exe    string // dist/windows/returndesk.exe
	linux  string // the Linux build
	tmp    string // the prefix and the Linux build live here
	prefix string // WINEPREFIX
}

var (
	setupOnce sync.Once
	shared    *wine
	setupErr  error
	skipWhy   string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.close()
	}
	os.Exit(code)
}

// setUp builds both programs and makes the Wine prefix, once for all tests.
func setUp(t *testing.T) *wine {
	t.Helper()
	setupOnce.Do(func() { shared, skipWhy, setupErr = newWine() })
	if skipWhy != "" {
		t.Skip(skipWhy)
	}
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return shared
}

func newWine() (*wine, string, error) {
	root, err := filepath.Abs("..")
	if err != nil {
		return nil, "", err
	}
	w := &wine{root: root, exe: filepath.Join(root, "dist", "windows", "returndesk.exe")}
	var missing []string
	for _, tool := range []string{"wine", "wineserver", "x86_64-w64-mingw32-gcc", "zip", "Xvfb", "xdotool", "import", "pdftotext", "sqlite3"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) > 0 {
		if os.Getenv("CI") != "true" {
			return nil, fmt.Sprintf("the Windows build is tested under Wine, and %s is not installed: run make test, "+
				"or scripts/windows.sh deps test (with CI=true this test installs them)", strings.Join(missing, ", ")), nil
		}
		if out, err := w.script("deps", "test"); err != nil {
			return nil, "", fmt.Errorf("scripts/windows.sh deps test: %v\n%s", err, out)
		}
	}
	// The same build as make windows: the Go build cache makes it quick after the first.
	if out, err := w.script("build"); err != nil {
		return nil, "", fmt.Errorf("scripts/windows.sh build: %v\n%s", err, out)
	}
	if w.tmp, err = os.MkdirTemp("", "returndesk-wine-"); err != nil {
		return nil, "", err
	}
	w.linux = filepath.Join(w.tmp, "returndesk")
	build := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", w.linux, "returndesk")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		w.close()
		return nil, "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	w.prefix = filepath.Join(w.tmp, "prefix")
	if out, err := w.script("prefix", w.prefix); err != nil {
		w.close()
		return nil, "", fmt.Errorf("scripts/windows.sh prefix: %v\n%s", err, out)
	}
	// One wineserver for all the runs, not one started and stopped for each.
	if err := w.command("wineserver", "-p").Run(); err != nil {
		w.close()
		return nil, "", fmt.Errorf("wineserver -p: %v", err)
	}
	return w, "", nil
}

func (w *wine) script(args ...string) ([]byte, error) {
	cmd := exec.Command(filepath.Join(w.root, "scripts", "windows.sh"), args...)
	cmd.Env = append(os.Environ(), "USER="+winUser, "WINEDEBUG=-all")
	return cmd.CombinedOutput()
}

// command is a Wine tool run in the test's prefix, with no display unless the test adds one.
func (w *wine) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "WINEPREFIX="+w.prefix, "WINEDEBUG=-all", "USER="+winUser,
		"WINEDLLOVERRIDES=mscoree,mshtml,winemenubuilder.exe=", "DISPLAY=", "RETURNDESK_DB=")
	return cmd
}

func (w *wine) close() {
	if w.prefix != "" {
		w.command("wineserver", "-k").Run()
	}
	if w.tmp != "" {
		os.RemoveAll(w.tmp)
	}
}

// unix is the Linux path of a path on the prefix's drive C: (C:\users\… → prefix/drive_c/users/…).
func (w *wine) unix(winPath string) string {
	rest, ok := strings.CutPrefix(winPath, `C:\`)
	if !ok {
		panic("not on drive C: " + winPath)
	}
	return filepath.Join(w.prefix, "drive_c", filepath.FromSlash(strings.ReplaceAll(rest, `\`, "/")))
}

// result is what one run of a program gave.
type result struct {
	stdout, stderr string
	code           int
}

// run runs cmd with its output going to files, not pipes: Wine's own services, started with the
// first program, inherit the program's handles and would hold a pipe open after it ended.
func run(t *testing.T, cmd *exec.Cmd) result {
	t.Helper()
	dir := t.TempDir()
	var files [2]*os.File
	for i := range files {
		f, err := os.Create(filepath.Join(dir, fmt.Sprint(i)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		files[i] = f
	}
	cmd.Stdout, cmd.Stderr = files[0], files[1]
	if err := cmd.Start(); err != nil {
		t.Fatalf("%v: %v", cmd.Args, err)
	}
	hung := time.AfterFunc(3*time.Minute, func() { cmd.Process.Kill() })
	err := cmd.Wait()
	if !hung.Stop() {
		t.Fatalf("%v still ran after 3 minutes", cmd.Args)
	}
	out, _ := os.ReadFile(files[0].Name())
	errb, _ := os.ReadFile(files[1].Name())
	r := result{string(out), string(errb), 0}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%v: %v", cmd.Args, err)
	}
	return r
}

// win runs the Windows build under Wine on its default database, %AppData%\ReturnDesk\returndesk.db.
func (w *wine) win(t *testing.T, args ...string) result {
	t.Helper()
	return run(t, w.command("wine", append([]string{w.exe}, args...)...))
}

// lin runs the Linux build on db.
func (w *wine) lin(t *testing.T, db string, args ...string) result {
	t.Helper()
	cmd := exec.Command(w.linux, args...)
	cmd.Env = append(os.Environ(), "RETURNDESK_DB="+db, "DISPLAY=")
	return run(t, cmd)
}

// side is one of the two programs with its folders: the same test runs on both.
type side struct {
	name string
	run  func(t *testing.T, args ...string) result
	shop string // the folder for the files the commands write and read, as the program names it
	db   string // the database, as the program names it
}

// The Windows build gives what the Linux build gives: the same JSON and the same documents,
// on a database under C:\users\张伟\AppData\Roaming and files in Documents\店 铺\, named
// with a drive letter and backslashes. Paths and clock times are the only differences allowed.
func TestWindowsBuildMatchesLinux(t *testing.T) {
	w := setUp(t)
	linDir := filepath.Join(t.TempDir(), shopFolder)
	linData := filepath.Join(t.TempDir(), "数据 夹")
	winShop := `C:\users\` + winUser + `\Documents\` + shopFolder
	winDB := `C:\users\` + winUser + `\AppData\Roaming\ReturnDesk\returndesk.db`
	os.RemoveAll(filepath.Dir(w.unix(winDB))) // from an earlier run in this prefix (-count)
	os.RemoveAll(w.unix(winShop))
	for _, d := range []string{linDir, linData, w.unix(winShop)} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	linDB := filepath.Join(linData, "returndesk.db")
	sides := []side{
		{"windows", w.win, winShop, winDB},
		{"linux", func(t *testing.T, args ...string) result { return w.lin(t, linDB, args...) }, linDir, linDB},
	}
	// local is the file the side names shop\name, as this test reaches it.
	local := func(s side, name string) string {
		if s.name == "windows" {
			return w.unix(s.shop + `\` + name)
		}
		return filepath.Join(s.shop, name)
	}
	join := func(s side, name string) string {
		if s.name == "windows" {
			return s.shop + `\` + name
		}
		return filepath.Join(s.shop, name)
	}
	// both runs args on each side and returns the outputs, failing when either fails.
	both := func(t *testing.T, args func(s side) []string) [2]string {
		t.Helper()
		var outs [2]string
		for i, s := range sides {
			r := s.run(t, args(s)...)
			if r.code != 0 {
				t.Fatalf("%s: returndesk %s: exit %d\nstdout: %s\nstderr: %s", s.name, strings.Join(args(s), " "), r.code, r.stdout, r.stderr)
			}
			outs[i] = normalise(r.stdout, s)
		}
		return outs
	}
	same := func(t *testing.T, what string, outs [2]string) {
		t.Helper()
		if outs[0] != outs[1] {
			t.Errorf("%s differs:\nwindows: %s\nlinux:   %s", what, outs[0], outs[1])
		}
	}
	fixed := func(args ...string) func(side) []string { return func(side) []string { return args } }

	today := time.Now().Format("2006-01-02")
	same(t, "demo", both(t, fixed("demo", "--cases", "40")))
	if _, err := os.Stat(w.unix(winDB)); err != nil {
		t.Fatalf("the database is not in %%AppData%%\\ReturnDesk: %v", err)
	}
	same(t, "policy check --json", both(t, fixed("policy", "check", "--policy", "halotek-terminal",
		"--purchased", "2026-01-01", "--on", "2026-01-08", "--json")))

	// A sales record imported from a file with a Chinese name, then a case for its serial.
	var cases struct {
		Cases []struct {
			Model string `json:"model"`
		} `json:"cases"`
	}
	if err := json.Unmarshal([]byte(w.win(t, "case", "list", "--json", "--limit", "1").stdout), &cases); err != nil || len(cases.Cases) == 0 {
		t.Fatalf("case list --json: %v", err)
	}
	csv := "serial,model,customer,phone,purchase_date\nSN-WINE-0001," + cases.Cases[0].Model + ",张伟,13800000000," + today + "\n"
	for _, s := range sides {
		if err := os.WriteFile(local(s, "销售 记录.csv"), []byte(csv), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	same(t, "import sales", both(t, func(s side) []string { return []string{"import", "sales", join(s, "销售 记录.csv")} }))
	addOut := both(t, fixed("case", "add", "--serial", "SN-WINE-0001", "--fault", "屏幕不亮 no picture", "--json"))
	same(t, "case add --json", addOut)
	same(t, "case list --search 张 --json", both(t, fixed("case", "list", "--search", "张", "--json", "--limit", "1000")))

	// The slip of the new case and the claim sheet, written into the shop folder.
	var added struct {
		CaseNo string `json:"case_no"`
	}
	if err := json.Unmarshal([]byte(addOut[0]), &added); err != nil || added.CaseNo == "" {
		t.Fatalf("case add --json gave no case number: %v\n%s", err, addOut[0])
	}
	same(t, "slip --out", both(t, func(s side) []string {
		return []string{"slip", added.CaseNo, "--out", join(s, "维修单 1.pdf"), "--page", "a5"}
	}))
	same(t, "the slip's text", [2]string{pdfText(t, local(sides[0], "维修单 1.pdf")), pdfText(t, local(sides[1], "维修单 1.pdf"))})
	var claims struct {
		Claims []struct {
			ClaimNo string `json:"claim_no"`
		} `json:"claims"`
	}
	if err := json.Unmarshal([]byte(w.win(t, "claim", "list", "--json").stdout), &claims); err != nil || len(claims.Claims) == 0 {
		t.Fatalf("claim list --json: %v (the demo makes a claim)", err)
	}
	claim := claims.Claims[0].ClaimNo
	same(t, "claim export", both(t, func(s side) []string { return []string{"claim", "export", claim, "--out", join(s, "索赔 单.xlsx")} }))
	same(t, "the claim sheet's cells", [2]string{factorytest.Cells(t, local(sides[0], "索赔 单.xlsx")), factorytest.Cells(t, local(sides[1], "索赔 单.xlsx"))})

	// A photo (recorded as the window's Attach photo does: the CLI has no command for it),
	// a backup, a change, and the restore that undoes it, photo included.
	photo := `photos/0a1b2c3d.png`
	for _, s := range sides {
		addPhoto(t, dbFile(w, s), photo)
	}
	before := both(t, fixed("case", "list", "--json", "--limit", "1000"))
	same(t, "backup --json", both(t, func(s side) []string { return []string{"backup", "--out", join(s, "备份 1.rdbak"), "--json"} }))
	for _, s := range sides {
		csv2 := strings.ReplaceAll(csv, "SN-WINE-0001", "SN-WINE-0002")
		if err := os.WriteFile(local(s, "销售 记录 2.csv"), []byte(csv2), 0o600); err != nil {
			t.Fatal(err)
		}
		sqlite3(t, dbFile(w, s), `DELETE FROM case_photos;`)
	}
	both(t, func(s side) []string { return []string{"import", "sales", join(s, "销售 记录 2.csv")} })
	both(t, fixed("case", "add", "--serial", "SN-WINE-0002", "--fault", "不开机"))
	same(t, "restore --json", both(t, func(s side) []string { return []string{"restore", join(s, "备份 1.rdbak"), "--json"} }))
	after := both(t, fixed("case", "list", "--json", "--limit", "1000"))
	for i, s := range sides {
		if after[i] != before[i] {
			t.Errorf("%s: the restore did not bring back the cases of the backup", s.name)
		}
		if got := sqlite3(t, dbFile(w, s), fmt.Sprintf(`SELECT length(data) > 0 FROM case_photos WHERE file = '%s';`, photo)); got != "1" {
			t.Errorf("%s: the restore did not bring the photo back: %q", s.name, got)
		}
	}

	// Either build reads what the other wrote: the Windows database and backup on Linux.
	if got := normalise(w.lin(t, w.unix(winDB), "case", "list", "--json", "--limit", "1000").stdout, sides[1]); got != after[0] {
		t.Errorf("the Linux build reads the Windows database differently:\n%s\n%s", got, after[0])
	}
	other := filepath.Join(t.TempDir(), "other.db")
	if r := w.lin(t, other, "restore", w.unix(winShop+`\备份 1.rdbak`)); r.code != 0 {
		t.Errorf("the Linux build cannot restore the Windows backup: %s", r.stderr)
	} else if got := normalise(w.lin(t, other, "case", "list", "--json", "--limit", "1000").stdout, sides[1]); got != before[0] {
		t.Errorf("the Windows backup restored on Linux differs:\n%s\n%s", got, before[0])
	}
}

// dbFile is a side's database as this test reaches it.
func dbFile(w *wine, s side) string {
	if s.name == "windows" {
		return w.unix(s.db)
	}
	return s.db
}

// addPhoto records a 2×2 PNG as a photo of the newest case, the picture in the database.
func addPhoto(t *testing.T, db, rel string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(1, 1, color.RGBA{200, 30, 30, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	sqlite3(t, db, fmt.Sprintf(`INSERT INTO case_photos (case_id, file, name, format, width, height, size, added_at, data, sha256)
		VALUES ((SELECT max(id) FROM cases), '%s', '屏幕 照片.png', 'png', 2, 2, %d, '2026-01-02T03:04:05Z', X'%x', '%s');`,
		rel, b.Len(), b.Bytes(), model.PictureSum(b.Bytes())))
}

// sqlite3 runs sql on the database db with the sqlite3 tool and returns what it printed.
func sqlite3(t *testing.T, db, sql string) string {
	t.Helper()
	out, err := exec.Command("sqlite3", db, sql).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out))
}

// pdfText is the text of a PDF, as pdftotext reads it.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return clockTime.ReplaceAllString(string(out), "<time>")
}

var (
	clockTime = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)`)
	// stampInName is the date and time in the name of the backup a restore keeps.
	stampInName = regexp.MustCompile(`\d{4}-\d\d-\d\d-\d{6}`)
)

// normalise takes out of a program's output what may differ between the two: its own paths
// (written the Windows or the Linux way) and clock times.
func normalise(out string, s side) string {
	data := filepath.Dir(s.db)
	if s.name == "windows" {
		data = s.db[:strings.LastIndex(s.db, `\`)]
	}
	for _, p := range [][2]string{{s.db, "<db>"}, {data, "<data>"}, {s.shop, "<shop>"}} {
		quoted, _ := json.Marshal(p[0])
		out = strings.ReplaceAll(out, string(quoted[1:len(quoted)-1]), p[1]) // as a JSON string has it
		out = strings.ReplaceAll(out, p[0], p[1])
	}
	out = strings.ReplaceAll(out, `\\`, "/") // what remains below a normalised folder
	out = strings.ReplaceAll(out, `\`, "/")
	out = stampInName.ReplaceAllString(out, "<stamp>")
	return clockTime.ReplaceAllString(out, "<time>")
}

// The exe is a 64-bit Windows GUI program (no console window when the window opens) with the
// icon, the version of FyneApp.toml and a manifest as resources; the zip for a shop holds it
// with the fonts' licences and the README in English and Chinese.
func TestWindowsExeAndZip(t *testing.T) {
	w := setUp(t)
	f, err := pe.Open(w.exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok || f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Fatalf("not a 64-bit x86 program: machine %#x", f.Machine)
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("subsystem %d, want the GUI subsystem (%d): a console window would open beside the window", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		t.Fatal("no resources (.rsrc)")
	}
	data, err := rsrc.Data()
	if err != nil {
		t.Fatal(err)
	}
	types := resourceTypes(data)
	for id, what := range map[uint32]string{3: "icon", 14: "icon group", 16: "version", 24: "manifest"} {
		if !types[id] {
			t.Errorf("no %s resource (type %d) among %v", what, id, types)
		}
	}
	toml, err := os.ReadFile(filepath.Join(w.root, "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Version = "([0-9.]+)"\s*\nBuild = (\d+)`).FindSubmatch(toml)
	if m == nil {
		t.Fatal("FyneApp.toml names no Version and Build")
	}
	for _, want := range []string{"ReturnDesk", string(m[1]) + "." + string(m[2])} {
		if !bytes.Contains(data, utf16le(want)) {
			t.Errorf("the version resource does not say %q", want)
		}
	}

	z, err := zip.OpenReader(filepath.Join(w.root, "dist", "returndesk-windows-amd64.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	files := map[string]string{}
	for _, zf := range z.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[zf.Name] = string(b)
	}
	exe, _ := os.ReadFile(w.exe)
	if files["ReturnDesk/returndesk.exe"] != string(exe) {
		t.Error("the zip does not hold this returndesk.exe")
	}
	licences, _ := filepath.Glob(filepath.Join(w.root, "assets", "fonts", "LICENSE-*"))
	if len(licences) == 0 {
		t.Fatal("no font licences in assets/fonts")
	}
	for _, l := range licences {
		if _, ok := files["ReturnDesk/"+filepath.Base(l)]; !ok {
			t.Errorf("the zip lacks %s", filepath.Base(l))
		}
	}
	readme := files["ReturnDesk/README.txt"]
	for _, want := range []string{`%AppData%\ReturnDesk\returndesk.db`, "Start", "启动", "数据库", "\r\n"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.txt lacks %q", want)
		}
	}
}

// resourceTypes are the type IDs in the root directory of a PE resource section.
func resourceTypes(rsrc []byte) map[uint32]bool {
	types := map[uint32]bool{}
	if len(rsrc) < 16 {
		return types
	}
	named, ids := int(binary.LittleEndian.Uint16(rsrc[12:])), int(binary.LittleEndian.Uint16(rsrc[14:]))
	for i := named; i < named+ids; i++ {
		off := 16 + 8*i
		if off+8 > len(rsrc) {
			break
		}
		types[binary.LittleEndian.Uint32(rsrc[off:])] = true
	}
	return types
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// A command typed in a console prints there, although the exe is a GUI program (which Windows
// starts without standard handles): it attaches to the console. Output redirected to a file
// stays in the file. testdata/console.c stands in for cmd.exe: it starts the program as
// Windows would and reads back what its console shows. (Wine's console needs a display.)
func TestWindowsCommandPrintsInItsConsole(t *testing.T) {
	w := setUp(t)
	con := filepath.Join(w.prefix, "drive_c", "console.exe")
	if out, err := exec.Command("x86_64-w64-mingw32-gcc", "-O2", "-municode", "-o", con,
		filepath.Join("testdata", "console.c")).CombinedOutput(); err != nil {
		t.Fatalf("building console.exe: %v\n%s", err, out)
	}
	display := startXvfb(t)
	exe := `Z:` + strings.ReplaceAll(w.exe, "/", `\`) // Wine's drive Z: is the Linux root
	check := []string{"policy", "check", "--policy", "halotek-terminal", "--purchased", "2026-01-01", "--on", "2026-01-08", "--json"}
	direct := w.win(t, check...)
	if direct.code != 0 {
		t.Fatalf("policy check: exit %d: %s", direct.code, direct.stderr)
	}
	for _, tc := range []struct {
		name       string
		args       []string
		redirect   bool   // stdout to a file
		code       int    // exit status
		shown, not string // on the console, and not there
		file       string // in the file stdout went to
	}{
		{"stdout", check, false, 0, `"tier": "refund"`, "", ""},
		{"stderr and the exit status", []string{"no-such-command"}, false, 2, `returndesk: unknown command "no-such-command"`, "", ""},
		{"stdout to a file", check, true, 0, "", `"tier"`, direct.stdout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			shown, file := filepath.Join(w.prefix, "drive_c", "shown.txt"), filepath.Join(w.prefix, "drive_c", "out.txt")
			os.Remove(shown)
			os.Remove(file)
			args := []string{con, exe + " " + strings.Join(tc.args, " "), `C:\shown.txt`}
			if tc.redirect {
				args = append(args, `C:\out.txt`)
			}
			cmd := w.command("wine", args...)
			cmd.Env = append(cmd.Env, "DISPLAY="+display)
			r := run(t, cmd)
			got, err := os.ReadFile(shown)
			if err != nil {
				t.Fatalf("console.exe wrote nothing (exit %d, stderr %s): %v", r.code, r.stderr, err)
			}
			if r.code != tc.code {
				t.Errorf("exit status %d, want %d", r.code, tc.code)
			}
			if !strings.Contains(string(got), tc.shown) || (tc.not != "" && strings.Contains(string(got), tc.not)) {
				t.Errorf("the console shows:\n%s\nwant %q there and not %q", got, tc.shown, tc.not)
			}
			if tc.redirect {
				if out, _ := os.ReadFile(file); string(out) != tc.file {
					t.Errorf("the redirected output is\n%s\nwant\n%s", out, tc.file)
				}
			}
		})
	}
}

// The window opens under Wine on a virtual display when the exe is started as a double-click
// starts it: no arguments, the database in %AppData%. WINTEST_SCREENSHOT=FILE keeps the
// screenshot (docs/screenshot-windows.png is one).
func TestWindowsGUIOpensUnderWine(t *testing.T) {
	w := setUp(t)
	display := startXvfb(t)
	app := w.command("wine", w.exe)
	app.Env = append(app.Env, "DISPLAY="+display) // the last value of a name wins
	// A file, not a pipe, as in run: Wine's services would hold a pipe open.
	errFile, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer errFile.Close()
	app.Stdout, app.Stderr = errFile, errFile
	stderr := func() string { b, _ := os.ReadFile(errFile.Name()); return string(b) }
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { app.Wait(); close(exited) }()
	t.Cleanup(func() {
		app.Process.Kill()
		<-exited
	})
	xdo := func(args ...string) (string, error) {
		cmd := exec.Command("xdotool", args...)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	var id string
	for deadline := time.Now().Add(3 * time.Minute); id == ""; time.Sleep(time.Second) {
		if out, err := xdo("search", "--onlyvisible", "--name", "^ReturnDesk"); err == nil && out != "" {
			id = strings.Fields(out)[0]
			break
		}
		select {
		case <-exited:
			t.Fatalf("the program ended before showing a window; stderr:\n%s", stderr())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no ReturnDesk window within 3 minutes; stderr:\n%s", stderr())
		}
	}
	// The window is drawn once it shows many colours (Fyne draws with OpenGL, here Mesa's
	// software renderer through Wine): text, icons, the navigation.
	shot := filepath.Join(t.TempDir(), "screen.png")
	var colours int
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(2 * time.Second) {
		grab := exec.Command("import", "-window", id, shot)
		grab.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := grab.CombinedOutput(); err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		if colours = countColours(t, shot); colours >= 64 || time.Now().After(deadline) {
			break
		}
	}
	if colours < 64 {
		t.Fatalf("the window shows %d colours: nothing drawn in it", colours)
	}
	if name, _ := xdo("getwindowname", id); !strings.HasPrefix(name, "ReturnDesk") {
		t.Errorf("window name %q", name)
	}
	if keep := os.Getenv("WINTEST_SCREENSHOT"); keep != "" {
		b, err := os.ReadFile(shot)
		if err == nil {
			err = os.WriteFile(keep, b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// countColours is the number of distinct colours in a PNG (up to 1000).
func countColours(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y && len(seen) < 1000; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 255}] = true
		}
	}
	return len(seen)
}

// startXvfb starts a virtual display of the test's own and returns its name.
func startXvfb(t *testing.T) string { return testenv.Xvfb(t, 200) }
