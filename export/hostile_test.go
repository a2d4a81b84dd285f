package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"returndesk/model"
)

var writeHostile = flag.Bool("write-hostile", false, "rewrite testdata/hostile and the fuzz seed corpora")

// hostileDir holds files that are not what their names say; the CLI's tests use them too.
const hostileDir = "testdata/hostile"

// smallWorkbook is a real sales workbook: a header row and one sale.
func smallWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"序列号", "型号", "购买日期"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"W-1", "HT-R200", "2026-03-01"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withSheet returns the workbook xlsx with its first sheet's XML replaced: write writes the
// new XML into w, which compresses it, or raw is given to store as it is (see zipBomb).
func withSheet(t testing.TB, xlsx []byte, write func(w io.Writer) error, raw *zip.FileHeader, rawData []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if raw != nil {
			raw.Name = f.Name
			w, err := zw.CreateRaw(raw)
			if err == nil {
				_, err = w.Write(rawData)
			}
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err == nil {
			err = write(w)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// zipBomb is a workbook whose sheet is mb megabytes of zeros packed about a thousand to one:
// a true zip bomb, its sizes and checksum right, made by repeating one deflated megabyte.
func zipBomb(t testing.TB, mb int) []byte {
	t.Helper()
	zeros := make([]byte, 1<<20)
	var block bytes.Buffer
	fw, _ := flate.NewWriter(&block, flate.BestCompression)
	fw.Write(zeros)
	fw.Flush() // ends on a byte boundary, so copies of the block follow one another
	var body bytes.Buffer
	crc := uint32(0)
	for range mb {
		body.Write(block.Bytes())
		crc = crc32.Update(crc, crc32.IEEETable, zeros)
	}
	body.Write([]byte{0x03, 0x00}) // an empty final block
	h := &zip.FileHeader{Method: zip.Deflate, CRC32: crc, CompressedSize64: uint64(body.Len()),
		UncompressedSize64: uint64(mb) << 20}
	return withSheet(t, smallWorkbook(t), nil, h, body.Bytes())
}

// declaredBomb is a workbook whose sheet says it unpacks to 4 GB: refused from the zip
// directory alone, it is small enough to be a fuzz seed.
func declaredBomb(t testing.TB) []byte {
	body := deflated(t, make([]byte, 1<<16))
	h := &zip.FileHeader{Method: zip.Deflate, CompressedSize64: uint64(len(body)), UncompressedSize64: 4 << 30}
	return withSheet(t, smallWorkbook(t), nil, h, body)
}

// emptyRowsWorkbook is a sales workbook whose sheet, after its two rows, formats n more
// rows that hold nothing, as Excel saves a sheet formatted down to its end.
func emptyRowsWorkbook(t testing.TB, n int) []byte {
	t.Helper()
	return withSheet(t, smallWorkbook(t), func(w io.Writer) error {
		bw := &bytes.Buffer{}
		bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			`<row r="1"><c r="A1" t="inlineStr"><is><t>序列号</t></is></c><c r="B1" t="inlineStr"><is><t>型号</t></is></c></row>` +
			`<row r="2"><c r="A2" t="inlineStr"><is><t>W-1</t></is></c><c r="B2" t="inlineStr"><is><t>HT-R200</t></is></c></row>`)
		for r := 3; r < 3+n; r++ {
			fmt.Fprintf(bw, `<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/></row>`, r, r)
			if bw.Len() > 1<<16 {
				if _, err := w.Write(bw.Bytes()); err != nil {
					return err
				}
				bw.Reset()
			}
		}
		bw.WriteString(`</sheetData></worksheet>`)
		_, err := w.Write(bw.Bytes())
		return err
	}, nil, nil)
}

// hostileFiles are files that are not what they claim, by name.
func hostileFiles(t testing.TB) map[string][]byte {
	t.Helper()
	gbk, err := os.ReadFile("testdata/sales-gbk.csv")
	if err != nil {
		t.Fatal(err)
	}
	xlsx := smallWorkbook(t)
	garbage := make([]byte, 4096)
	r := rand.New(rand.NewPCG(8, 4))
	for i := range garbage {
		garbage[i] = byte(r.UintN(256))
	}
	return map[string][]byte{
		"empty.xlsx":         {},
		"empty.csv":          {},
		"bomb.xlsx":          zipBomb(t, 200),
		"gbk.csv":            gbk,
		"nul.csv":            []byte("serial,model\nS-1,HT-R200\nS-2\x00\x00,HT-R200\n"),
		"garbage.csv":        garbage,
		"garbage.xlsx":       garbage,
		"csv-renamed.xlsx":   []byte("serial,model\nS-1,HT-R200\n"),
		"xlsx-renamed.csv":   xlsx,
		"truncated.xlsx":     xlsx[:len(xlsx)/2],
		"pdf-renamed.xlsx":   []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\x02\x03\x04\nendstream\n"),
		"xls-renamed.xlsx":   append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 504)...),
		"utf16.csv":          []byte("\xff\xfes\x00e\x00r\x00"),
		"only-bom.csv":       []byte("\xEF\xBB\xBF"),
		"header-only.xlsx":   withSheet(t, xlsx, func(w io.Writer) error { _, err := io.WriteString(w, `<worksheet/>`); return err }, nil, nil),
		"not-xml-sheet.xlsx": withSheet(t, xlsx, func(w io.Writer) error { _, err := io.WriteString(w, "\x00\x01<<<"); return err }, nil, nil),
	}
}

// TestWriteHostileFiles keeps testdata/hostile, which the CLI's tests read, in step with
// hostileFiles: run with -write-hostile to rewrite it.
func TestWriteHostileFiles(t *testing.T) {
	if !*writeHostile {
		t.Skip("run with -write-hostile to rewrite " + hostileDir)
	}
	if err := os.MkdirAll(hostileDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range hostileFiles(t) {
		if err := os.WriteFile(filepath.Join(hostileDir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// refusedQuickly reads a file with read and fails unless it is refused, with one line
// that contains want, within 30 seconds (a hang or a runaway unpacking would not be).
func refusedQuickly(t *testing.T, name string, read func() error, want string) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- read() }()
	select {
	case err := <-done:
		switch {
		case err == nil:
			t.Errorf("%s: accepted", name)
		case model.ErrorCode(err) != model.EINVALID || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), want):
			t.Errorf("%s: %q (%s), want one line with %q", name, err, model.ErrorCode(err), want)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("%s: not refused within 30 s", name)
	}
}

func TestReadSalesRefusesHostileFiles(t *testing.T) {
	files := hostileFiles(t)
	for name, want := range map[string]string{
		"empty.xlsx":         "the file is empty (0 bytes)",
		"empty.csv":          "the file is empty (0 bytes)",
		"bomb.xlsx":          "the workbook unpacks to far more than a spreadsheet holds (a zip bomb?); refused",
		"nul.csv":            "the file holds binary data (a NUL byte on line 3), not CSV text",
		"garbage.csv":        `the file's encoding cannot be told: it is not UTF-8, UTF-16, GB18030/GBK or Big5 text; save it as "CSV UTF-8"`,
		"garbage.xlsx":       "the file is not an Excel workbook (.xlsx)",
		"csv-renamed.xlsx":   "the file is text (CSV?), not an Excel workbook; rename it to .csv",
		"xlsx-renamed.csv":   "the file is an Excel workbook or another zip archive, not CSV text; rename it to .xlsx",
		"truncated.xlsx":     "the file is not an Excel workbook that can be read (a damaged zip archive",
		"pdf-renamed.xlsx":   "the file is not an Excel workbook (.xlsx)",
		"xls-renamed.xlsx":   "the file is an old Excel 97-2003 workbook (.xls)",
		"utf16.csv":          "the header row (row 1) has no serial (序列号) or model (型号) column; it names: ser",
		"only-bom.csv":       "the file is empty: the first row must name the columns",
		"header-only.xlsx":   "sheet Sheet1 has no rows: its first row must name the columns",
		"not-xml-sheet.xlsx": "sheet Sheet1 has no rows: its first row must name the columns",
	} {
		data, ok := files[name]
		if !ok {
			t.Fatalf("no hostile file %s", name)
		}
		kind, _ := KindOf(name)
		refusedQuickly(t, name, func() error { _, err := ReadSales(bytes.NewReader(data), kind, EncodingAuto); return err }, want)
	}
	// The same from disk, as the CLI and the window read them.
	for _, name := range []string{"bomb.xlsx", "empty.csv", "xlsx-renamed.csv"} {
		path := writeFile(t, name, string(files[name]))
		refusedQuickly(t, name+" on disk", func() error { _, err := ReadSalesFile(path, EncodingAuto); return err }, "")
	}
}

// TestReadSalesBombs: a workbook that unpacks to more than a sales sheet can hold is
// refused from its zip directory, whether it is packed tight or its parts are simply large.
func TestReadSalesBombs(t *testing.T) {
	lying := deflated(t, make([]byte, 1<<20))
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"1 GB of zeros", zipBomb(t, 1024), "the workbook unpacks to far more than a spreadsheet holds"},
		{"parts larger than allowed", withSheet(t, smallWorkbook(t), nil,
			&zip.FileHeader{Method: zip.Store, CompressedSize64: maxUnpackedSize / 2, UncompressedSize64: maxUnpackedSize + 1}, make([]byte, 10)),
			"the workbook unpacks to more than 512 MB"},
		// Only the size it says is unpacked: ten zeros, no rows.
		{"a part larger than it says", withSheet(t, smallWorkbook(t), nil,
			&zip.FileHeader{Method: zip.Deflate, CompressedSize64: uint64(len(lying)), UncompressedSize64: 10}, lying),
			"sheet Sheet1 has no rows"},
	} {
		refusedQuickly(t, c.name, func() error { _, err := ReadSales(bytes.NewReader(c.data), XLSX, EncodingAuto); return err }, c.want)
	}
}

func deflated(t testing.TB, data []byte) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadSalesMillionEmptyRows: a sheet formatted down to row 1,000,002 reads its one
// sale; the empty rows are skipped as they stream by, neither kept nor counted.
func TestReadSalesMillionEmptyRows(t *testing.T) {
	data := emptyRowsWorkbook(t, 1_000_000)
	done := make(chan struct{})
	var p *SalesPreview
	var err error
	go func() { p, err = ReadSales(bytes.NewReader(data), XLSX, EncodingAuto); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("not read within 30 s")
	}
	if err != nil || len(p.Rows) != 1 || p.Rows[0].Sale.Serial != "W-1" || len(p.Problems) != 0 {
		t.Fatalf("ReadSales = %v, %+v", err, p)
	}
}

func TestReadClaimAnswersRefusesHostileFiles(t *testing.T) {
	files := hostileFiles(t)
	for name, want := range map[string]string{
		"empty.xlsx":       "the file is empty (0 bytes)",
		"bomb.xlsx":        "the workbook unpacks to far more than a spreadsheet holds (a zip bomb?); refused",
		"garbage.xlsx":     "the file is not an Excel workbook (.xlsx)",
		"csv-renamed.xlsx": "the file is text (CSV?), not an Excel workbook",
		"truncated.xlsx":   "the file is not an Excel workbook that can be read (a damaged zip archive",
		"xls-renamed.xlsx": "the file is an old Excel 97-2003 workbook (.xls)",
		"header-only.xlsx": `sheet "Sheet1" has no row of column titles`,
	} {
		data := files[name]
		refusedQuickly(t, name, func() error { _, err := ReadClaimAnswers(bytes.NewReader(data)); return err }, want)
	}
	path := writeFile(t, "answers.xlsx", string(files["bomb.xlsx"]))
	refusedQuickly(t, "bomb on disk", func() error { _, err := ReadClaimAnswersFile(path); return err },
		"answers.xlsx: the workbook unpacks to far more")
	refusedQuickly(t, "a million empty rows", func() error {
		_, err := ReadClaimAnswers(bytes.NewReader(emptyRowsWorkbook(t, 1_000_000)))
		return err
	}, `sheet "Sheet1" has no row of column titles`)
}
