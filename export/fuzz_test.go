package export

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"returndesk/model"
	"returndesk/model/sqlite"
)

// The seed corpora live in testdata/fuzz/<target>; `go test` runs them as tests and
// `make test` fuzzes each target for a few seconds. TestWriteSeeds, with -write-hostile,
// rewrites them from the files below.

func FuzzReadSalesCSV(f *testing.F)  { fuzzReadSales(f, CSV) }
func FuzzReadSalesXLSX(f *testing.F) { fuzzReadSales(f, XLSX) }

// fuzzReadSales checks that no file makes the sales import panic, that a refused file is
// refused with one line, that every problem belongs to a row of the preview and says what
// is wrong, and that a preview with problems imports nothing.
func fuzzReadSales(f *testing.F, kind Kind) {
	db := testStore(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadSales(bytes.NewReader(data), kind, EncodingAuto)
		if err != nil {
			oneLineInvalid(t, err)
			return
		}
		rows := map[int]bool{}
		for _, r := range p.Rows {
			if r.Row <= p.Header || rows[r.Row] {
				t.Fatalf("row %d: after the header (row %d), once", r.Row, p.Header)
			}
			rows[r.Row] = true
		}
		for _, e := range p.Problems {
			if !rows[e.Row] || e.Message.String() == "" {
				t.Fatalf("problem %q: not about a row of the preview", e.Error())
			}
		}
		bad := map[int]bool{}
		for _, e := range p.Problems {
			bad[e.Row] = true
		}
		for _, r := range p.Rows {
			if err := r.Sale.Validate(); err != nil && !bad[r.Row] {
				t.Fatalf("row %d is invalid (%v) but has no problem", r.Row, err)
			}
		}

		if err := CheckSales(ctx, db, p); err != nil {
			t.Fatal(err)
		}
		serials := make([]model.Serial, 0, len(p.Rows))
		for _, r := range p.Rows {
			if r.Sale.Serial != "" {
				serials = append(serials, r.Sale.Serial)
			}
		}
		before := storedSerials(t, db, serials)
		n, err := ImportSales(ctx, db, p)
		if err != nil {
			oneLineInvalidOrConflict(t, err)
			if n != 0 || !slices.Equal(storedSerials(t, db, serials), before) {
				t.Fatalf("a refused import stored %d records", n)
			}
			return
		}
		// Every row is imported but those whose very record is stored already (one fuzz
		// input after another shares the database).
		if len(p.Problems) > 0 || n != len(p.Rows)-p.RecordedRows() {
			t.Fatalf("imported %d of %d rows (%d recorded already) with %d problems", n, len(p.Rows), p.RecordedRows(), len(p.Problems))
		}
	})
}

func storedSerials(t *testing.T, db *sqlite.DB, serials []model.Serial) []model.Serial {
	t.Helper()
	got, err := db.SalesOfSerials(ctx, serials)
	if err != nil {
		t.Fatal(err)
	}
	out := []model.Serial{}
	for _, s := range got {
		out = append(out, s.Serial)
	}
	return out
}

func oneLineInvalid(t *testing.T, err error) {
	t.Helper()
	if model.ErrorCode(err) != model.EINVALID || strings.ContainsAny(err.Error(), "\r\n") || err.Error() == "" {
		t.Fatalf("refusal %q (%s) is not one line of an invalid file", err, model.ErrorCode(err))
	}
}

func oneLineInvalidOrConflict(t *testing.T, err error) {
	t.Helper()
	if c := model.ErrorCode(err); (c != model.EINVALID && c != model.ECONFLICT) || strings.ContainsAny(err.Error(), "\r\n") {
		t.Fatalf("refused import %q (%s): not one line about the file", err, c)
	}
}

// FuzzReadClaimAnswers checks that no file makes reading a returned claim sheet panic,
// that a refused file is refused with one line, and that each problem names its row.
func FuzzReadClaimAnswers(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		ans, err := ReadClaimAnswers(bytes.NewReader(data))
		if err != nil {
			oneLineInvalid(t, err)
			return
		}
		rows := map[int]bool{}
		for _, a := range ans.Answers {
			if a.Row < 1 || a.CaseNo == "" {
				t.Fatalf("answer %+v: no row or case number", a)
			}
			rows[a.Row] = true
		}
		for _, p := range ans.Problems {
			rest, ok := strings.CutPrefix(p.String(), "row ")
			n, _, _ := strings.Cut(rest, " ")
			if row, err := strconv.Atoi(n); !ok || err != nil || !rows[row] {
				t.Fatalf("problem %q does not name a row with an answer", p)
			}
		}
	})
}

// seedFiles are the real files each target's corpus starts from, by target.
func seedFiles(t *testing.T) map[string]map[string][]byte {
	t.Helper()
	hostile := hostileFiles(t)
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	declaredBomb := declaredBomb(t)
	dateCells := func() []byte {
		var buf bytes.Buffer
		if err := workbook(t, false).Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}()
	claim := func() []byte {
		var buf bytes.Buffer
		if err := WriteClaimSheet(&buf, testClaimSheet()); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}()
	return map[string]map[string][]byte{
		"FuzzReadSalesCSV": {
			"sales":         read("sales.csv"),
			"chinese-bom":   read("sales-zh.csv"),
			"bad-rows":      read("sales-bad.csv"),
			"gbk":           hostile["gbk.csv"],
			"nul":           hostile["nul.csv"],
			"utf16":         hostile["utf16.csv"],
			"xlsx-renamed":  hostile["xlsx-renamed.csv"],
			"semicolons":    []byte("Serial;Model;Customer\nA-1;HT-R200;\"two\nlines\"\n\nA-2;HT-P9;x\n"),
			"long-fields":   []byte("serial,model,customer\n" + strings.Repeat("S", 70) + ",HT-R200," + strings.Repeat("张", 130) + "\n"),
			"quotes-broken": []byte("serial,model\n\"A-1,HT-R200\nB\"\"-2,\"HT-P9\n"),
		},
		"FuzzReadSalesXLSX": {
			"small":         hostile["xlsx-renamed.csv"],
			"date-cells":    dateCells,
			"declared-bomb": declaredBomb,
			"empty-rows":    emptyRowsWorkbook(t, 1000),
			"truncated":     hostile["truncated.xlsx"],
			"csv-renamed":   hostile["csv-renamed.xlsx"],
			"not-xml-sheet": hostile["not-xml-sheet.xlsx"],
			"xls":           hostile["xls-renamed.xlsx"],
		},
		"FuzzReadClaimAnswers": {
			"claim-sheet":   claim,
			"declared-bomb": declaredBomb,
			"sales":         hostile["xlsx-renamed.csv"],
			"truncated":     claim[:len(claim)*2/3],
			"csv-renamed":   hostile["csv-renamed.xlsx"],
		},
	}
}

// TestWriteSeeds rewrites the committed seed corpora (with -write-hostile).
func TestWriteSeeds(t *testing.T) {
	if !*writeHostile {
		t.Skip("run with -write-hostile to rewrite testdata/fuzz")
	}
	for target, files := range seedFiles(t) {
		dir := filepath.Join("testdata", "fuzz", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			seed := "go test fuzz v1\n[]byte(" + strconv.Quote(string(data)) + ")\n"
			if err := os.WriteFile(filepath.Join(dir, name), []byte(seed), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestSeedsAreReal: the corpora hold what their names say (a workbook opens, a CSV is
// text), so the fuzzer starts from real files.
func TestSeedsAreReal(t *testing.T) {
	for _, name := range []string{"small", "date-cells", "empty-rows"} {
		data, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzReadSalesXLSX", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := excelize.OpenReader(bytes.NewReader(unquoteSeed(t, data))); err != nil {
			t.Errorf("seed %s is not a workbook: %v", name, err)
		}
	}
}

func unquoteSeed(t *testing.T, seed []byte) []byte {
	t.Helper()
	_, lit, _ := strings.Cut(string(seed), "\n[]byte(")
	s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimSpace(lit), ")"))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(s)
}
