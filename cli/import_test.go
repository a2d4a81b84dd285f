package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"returndesk/internal/testenv"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// demoDB makes a database with the demo catalog (models HT-CAM5, ET-PB20, ...) and that many cases.
func demoDB(t *testing.T, cases int) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "shop.db")
	if _, stderr, code := runEnv(t, nil, "demo", "--db", db, "--cases", strconv.Itoa(cases)); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	return db
}

func writeTemp(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportSalesCSV(t *testing.T) {
	db := demoDB(t, 5)
	good := writeTemp(t, "good.csv", "\ufeffModel,Serial,Customer,Phone,Purchase Date\n"+
		"HT-CAM5,IMP-0001,陈静,18620001234,2026-03-01\n"+
		"ET-PB20,IMP-0002,,,\n")
	out, stderr, code := runEnv(t, nil, "import", "sales", good, "--db", db)
	if code != 0 || out != "imported 2 sales records from good.csv\n" || stderr != "" {
		t.Fatalf("import: exit %d, %q, %q", code, out, stderr)
	}
	// The serial's record is what case add fills the case from.
	out, stderr, code = runEnv(t, nil, "case", "add", "--db", db, "--serial", "IMP-0001", "--fault", "no picture",
		"--on", "2026-03-04", "--json")
	if code != 0 {
		t.Fatalf("case add: exit %d: %s", code, stderr)
	}
	var c map[string]any
	if err := json.Unmarshal([]byte(out), &c); err != nil || c["customer"] != "陈静" || c["model"] != "HT-CAM5" || c["tier"] != "refund" {
		t.Errorf("case from the imported sale = %v (%v)", c, err)
	}
	// The unit taken in again while its case is open: taken, with a warning that names that case.
	out, stderr, code = runEnv(t, nil, "case", "add", "--db", db, "--serial", "imp-0001", "--fault", "no sound", "--on", "2026-03-04")
	if code != 0 || !strings.Contains(out, "warning: This unit already has an open case: "+c["case_no"].(string)+" (Received, reported 2026-03-04).") {
		t.Errorf("second case add of the unit: exit %d, %q, %q", code, out, stderr)
	}
	// A program reading --json is told too.
	out, _, _ = runEnv(t, nil, "case", "add", "--db", db, "--serial", "IMP-0001", "--fault", "no light", "--on", "2026-03-04", "--json")
	var third struct{ Warnings []string }
	if err := json.Unmarshal([]byte(out), &third); err != nil || len(third.Warnings) != 1 || !strings.Contains(third.Warnings[0], "already has 2 open cases") {
		t.Errorf("--json of the third case: warnings %q (%v)", third.Warnings, err)
	}
}

func TestImportSalesProblemsImportNothing(t *testing.T) {
	db := demoDB(t, 5)
	bad := writeTemp(t, "bad.csv", "serial,model,purchase_date\n"+
		"IMP-0001,HT-CAM5,2026-03-01\n"+
		"IMP-0002,HT-CAM5,2026-02-30\n"+
		"\n"+
		"IMP-0004,HT-NOPE,\n"+
		"imp-0001,ET-PB20,\n")
	out, stderr, code := runEnv(t, nil, "import", "sales", bad, "--db", db)
	if code != 2 || out != "" {
		t.Fatalf("import: exit %d, stdout %q", code, out)
	}
	want := `returndesk import sales: bad.csv: 3 rows have problems; nothing was imported
row 3: purchase_date: "2026-02-30" is not a date: February 2026 has 28 days
row 5: model: unknown model HT-NOPE; add it to the catalog first
row 6: serial: imp-0001 appears twice in the file (rows 2 and 6)
`
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	// --json: the problems on stdout as one document, still exit 2.
	out, _, code = runEnv(t, nil, "import", "sales", bad, "--db", db, "--json")
	var res struct {
		Imported int `json:"imported"`
		Problems []struct {
			Row     int    `json:"row"`
			Column  string `json:"column"`
			Message string `json:"message"`
		} `json:"problems"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 2 {
		t.Fatalf("--json: exit %d, %v: %s", code, err, out)
	}
	if res.Imported != 0 || len(res.Problems) != 3 || res.Problems[1].Row != 5 || res.Problems[1].Column != "model" {
		t.Errorf("--json = %+v", res)
	}
	// Nothing was stored: the good row of the bad file imports on its own.
	good := writeTemp(t, "fixed.csv", "serial,model\nIMP-0001,HT-CAM5\n")
	if out, stderr, code := runEnv(t, nil, "import", "sales", good, "--db", db, "--json"); code != 0 ||
		!strings.Contains(out, `"imported": 1`) || !strings.Contains(out, `"problems": []`) {
		t.Fatalf("the fixed file: exit %d %s %s", code, out, stderr)
	}
	// A file of every sale so far, read again with more: what is recorded is left out, the
	// new rows are imported; a serial recorded with other details is refused.
	more := writeTemp(t, "more.csv", "serial,model\nIMP-0001,HT-CAM5\nIMP-0002,HT-CAM5\n")
	out, stderr, code = runEnv(t, nil, "import", "sales", more, "--db", db)
	if code != 0 || !strings.Contains(out, "imported 1 sales record from more.csv; 1 already recorded, left out") {
		t.Errorf("a file with a recorded row: exit %d, %q %s", code, out, stderr)
	}
	other := writeTemp(t, "other.csv", "serial,model\nIMP-0001,HT-H200\n")
	_, stderr, code = runEnv(t, nil, "import", "sales", other, "--db", db)
	if code != 2 || !strings.Contains(stderr, "row 2: model: IMP-0001 is recorded with the model HT-CAM5") {
		t.Errorf("a recorded serial with another model: exit %d, %s", code, stderr)
	}
}

func TestImportSalesXLSXDateCells(t *testing.T) {
	db := demoDB(t, 5)
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	f.SetSheetRow("Sheet1", "A1", &[]any{"序列号", "型号", "客户", "购买日期", "发货日期"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"XL-1", "HT-CAM5", "欧阳娜娜", 46082, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)})
	f.SetCellStyle("Sheet1", "D2", "D2", style)
	path := filepath.Join(t.TempDir(), "sales.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runEnv(t, nil, "import", "sales", path, "--db", db)
	if code != 0 || out != "imported 1 sales record from sales.xlsx\n" {
		t.Fatalf("import: exit %d, %q, %q", code, out, stderr)
	}
	out, _, _ = runEnv(t, nil, "case", "add", "--db", db, "--serial", "XL-1", "--fault", "x", "--on", "2026-03-03", "--json")
	if !strings.Contains(out, `"purchase_date": "2026-03-01"`) || !strings.Contains(out, `"shipment_date": "2026-02-01"`) {
		t.Errorf("dates of the imported sale: %s", out)
	}
}

func TestImportSalesUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	pdf := writeTemp(t, "sales.pdf", "%PDF")
	nocol := writeTemp(t, "nocol.csv", "serial,customer\nA,B\n")
	empty := writeTemp(t, "empty.csv", "serial,model\n\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import"}, "usage: returndesk import sales ..."},
		{[]string{"import", "sales"}, "usage: returndesk import sales FILE.xlsx|FILE.csv"},
		{[]string{"import", "customers", "x.csv"}, `unknown import command "customers" (use sales)`},
		{[]string{"import", "sales", pdf}, "sales.pdf: not a sales-record file; use an Excel workbook (.xlsx) or a CSV file (.csv)"},
		{[]string{"import", "sales", filepath.Join(dir, "missing.csv")}, "missing.csv: no such file"},
		{[]string{"import", "sales", nocol}, "nocol.csv: the header row (row 1) has no model (型号) column"},
		{[]string{"import", "sales", "a.csv", "b.csv"}, "usage:"},
		{[]string{"import", "sales", empty}, "empty.csv: the file has no sales records below its header row"},
	} {
		_, stderr, code := runEnv(t, nil, append(c.args, "--db", db)...)
		if code != 2 || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, %q, want %q on one line", c.args, code, stderr, c.want)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a refused file created the database")
	}
}

// TestImportRefusesHostileFiles: files that are not what their names say are refused with
// one line and exit status 2, quickly, and create no database.
func TestImportRefusesHostileFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	for name, want := range map[string]string{
		"bomb.xlsx":        "bomb.xlsx: the workbook unpacks to far more than a spreadsheet holds (a zip bomb?); refused",
		"empty.xlsx":       "empty.xlsx: the file is empty (0 bytes)",
		"empty.csv":        "empty.csv: the file is empty (0 bytes)",
		"nul.csv":          "nul.csv: the file holds binary data (a NUL byte on line 3), not CSV text",
		"csv-renamed.xlsx": "csv-renamed.xlsx: the file is text (CSV?), not an Excel workbook",
		"xlsx-renamed.csv": "xlsx-renamed.csv: the file is an Excel workbook or another zip archive, not CSV text",
	} {
		start := time.Now()
		_, stderr, code := runEnv(t, nil, "import", "sales", filepath.Join("..", "export", "testdata", "hostile", name), "--db", db)
		if code != 2 || stderr != "returndesk import sales: "+want+"\n" && !strings.HasPrefix(stderr, "returndesk import sales: "+want) ||
			strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, %q, want one line with %q", name, code, stderr, want)
		}
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("%s: refused after %v", name, d)
		}
	}
	_, stderr, code := runEnv(t, nil, "claim", "import", filepath.Join("..", "export", "testdata", "hostile", "bomb.xlsx"), "--db", db)
	if code != 2 || !strings.Contains(stderr, "bomb.xlsx: the workbook unpacks to far more than a spreadsheet holds") ||
		strings.Count(stderr, "\n") != 1 {
		t.Errorf("claim import of a zip bomb: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a refused file created the database")
	}
}

// Sales files as Chinese offices save them import as they are: GBK (Excel's "CSV (逗号分隔)"
// on Chinese Windows) detected, Big5 chosen with --encoding, and a wrong choice refused with
// one line.
func TestImportSalesInChineseEncodings(t *testing.T) {
	db := demoDB(t, 10)
	dir := t.TempDir()
	write := func(name string, e encoding.Encoding, text string) string {
		b, err := e.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	gbk := write("gbk.csv", simplifiedchinese.GBK, "序列号,型号,客户,购买日期\nGBK-0001,HT-H200,张伟,2026-11-02\n")
	big5 := write("big5.csv", traditionalchinese.Big5, "序列號,型號,客戶,購買日期\nB5-0001,HT-H200,陳大文,2026-11-02\n")

	out, stderr, code := runEnv(t, nil, "import", "sales", gbk, "--db", db)
	if code != 0 || out != "imported 1 sales record from gbk.csv (read as GB18030 / GBK (Simplified Chinese))\n" {
		t.Errorf("GBK: exit %d, %q, %q", code, out, stderr)
	}
	_, stderr, code = runEnv(t, nil, "import", "sales", big5, "--encoding", "utf-8", "--db", db)
	if code != 2 || stderr != "returndesk import sales: big5.csv: the file is not UTF-8 text; choose the encoding it was saved in\n" {
		t.Errorf("Big5 as UTF-8: exit %d, %q", code, stderr)
	}
	_, stderr, code = runEnv(t, nil, "import", "sales", big5, "--encoding", "latin-1", "--db", db)
	if code != 2 || !strings.Contains(stderr, `--encoding: "latin-1" is not an encoding`) {
		t.Errorf("latin-1: exit %d, %q", code, stderr)
	}
	out, stderr, code = runEnv(t, nil, "import", "sales", big5, "--encoding", "big5", "--json", "--db", db)
	if code != 0 || !strings.Contains(out, `"encoding": "big5"`) || !strings.Contains(out, `"imported": 1`) {
		t.Errorf("Big5: exit %d, %s, %q", code, out, stderr)
	}
	stored, err := exec.Command(testenv.Tool(t, "sqlite3"), db,
		"SELECT customer_name FROM sales WHERE serial IN ('GBK-0001', 'B5-0001') ORDER BY serial").Output()
	if err != nil || string(stored) != "陳大文\n张伟\n" {
		t.Errorf("stored customers %q, %v", stored, err)
	}
}
