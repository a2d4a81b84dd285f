package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"returndesk/internal/testenv"
	"returndesk/model"
)

// A sales file as a mainland shop keeps it, and one as a Taiwan or Hong Kong shop does.
const (
	simplifiedSales  = "序列号,型号,客户,电话,购买日期\nHT-1001,HT-R200,张伟,13800138000,2026-11-02\nHT-1002,HT-R200,深圳华强电子有限公司,0755-8888,2026-11-03\nHT-1003,HT-R300,刘晓燕 €,,2026-11-04\n"
	traditionalSales = "序列號,型號,客戶,電話,購買日期\nHT-2001,HT-R200,陳大文,0912-345-678,2026-11-02\nHT-2002,HT-R300,臺北市電器行,02-2345-6789,2026-11-03\n"
)

func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDetectEncoding(t *testing.T) {
	gbk, err := os.ReadFile("testdata/sales-gbk.csv")
	if err != nil {
		t.Fatal(err)
	}
	noEmoji := strings.ReplaceAll(simplifiedSales, " €", "")
	for _, tt := range []struct {
		name   string
		data   []byte
		want   Encoding
		others []Encoding
	}{
		{"ASCII", []byte("serial,model\nS-1,M\n"), UTF8, nil},
		{"UTF-8", []byte(simplifiedSales), UTF8, nil},
		{"UTF-8 with BOM", append([]byte("\xEF\xBB\xBF"), simplifiedSales...), UTF8, nil},
		{"UTF-16LE with BOM", encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), simplifiedSales), UTF16, nil},
		{"UTF-16BE with BOM", encode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM), simplifiedSales), UTF16, nil},
		{"UTF-16LE without BOM", encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), simplifiedSales), UTF16, nil},
		{"UTF-16BE without BOM", encode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), simplifiedSales), UTF16, nil},
		{"GBK", encode(t, simplifiedchinese.GBK, noEmoji), GB18030, nil},
		{"GB18030 with a four-byte character", encode(t, simplifiedchinese.GB18030, simplifiedSales+"HT-1004,HT-R300,王芳😀,,\n"), GB18030, nil},
		{"GBK as Excel saved it", gbk, GB18030, nil},
		{"Big5", encode(t, traditionalchinese.Big5, traditionalSales), Big5, nil},
	} {
		got, others := detectEncoding(tt.data)
		if got != tt.want || !slices.Equal(others, tt.others) {
			t.Errorf("%s: detected %q %v, want %q %v", tt.name, got, others, tt.want, tt.others)
		}
	}
}

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]Encoding{"": EncodingAuto, "auto": EncodingAuto, "UTF-8": UTF8, "utf8": UTF8,
		"GBK": GB18030, "gb2312": GB18030, "GB18030": GB18030, "cp936": GB18030, "Big5": Big5, "big5-hkscs": Big5,
		"UTF-16": UTF16, "utf16le": UTF16, "Unicode": UTF16} {
		if got, err := ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseEncoding("latin-1"); model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), `"latin-1" is not an encoding`) {
		t.Errorf("latin-1: %v", err)
	}
}

// A file read in an encoding it is not in is refused with one line naming the encoding, and
// read right when the right one is chosen.
func TestReadSalesInAChosenEncoding(t *testing.T) {
	big5 := encode(t, traditionalchinese.Big5, traditionalSales)
	if _, err := ReadSales(bytes.NewReader(big5), CSV, UTF8); model.ErrorCode(err) != model.EINVALID ||
		err.Error() != "the file is not UTF-8 text; choose the encoding it was saved in" {
		t.Errorf("Big5 read as UTF-8: %v", err)
	}
	p, err := ReadSales(bytes.NewReader(big5), CSV, Big5)
	if err != nil || p.Encoding != Big5 || len(p.Rows) != 2 || p.Rows[0].Sale.CustomerName != "陳大文" {
		t.Fatalf("Big5 chosen: %+v, %v", p, err)
	}
}

// Files saved by LibreOffice in each encoding a Chinese office uses are read with their
// encoding detected, every character intact.
func TestReadSalesFilesLibreOfficeSaved(t *testing.T) {
	soffice := testenv.Tool(t, "soffice")
	for _, tt := range []struct {
		name   string
		source string
		code   string // LibreOffice's character set number (its CSV filter's third token)
		want   Encoding
	}{
		{"UTF-8", simplifiedSales, "76", UTF8},
		{"UTF-16", simplifiedSales, "65535", UTF16},
		{"GBK (Windows 936)", strings.ReplaceAll(simplifiedSales, " €", ""), "61", GB18030},
		{"GB18030", simplifiedSales, "85", GB18030},
		{"Big5 (Windows 950)", traditionalSales, "63", Big5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "in", "sales.csv")
			if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(src, []byte(tt.source), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")), "--headless",
				"--infilter=Text - txt - csv (StarCalc):44,34,76,1,1/2/2/2/3/2/4/2/5/2",
				"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,"+tt.code, "--outdir", dir, src)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("soffice: %v\n%s", err, b)
			}
			saved, err := os.ReadFile(filepath.Join(dir, "sales.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != UTF8 && bytes.Equal(saved, []byte(tt.source)) {
				t.Fatalf("LibreOffice saved UTF-8, not %s", tt.name)
			}
			p, err := ReadSales(bytes.NewReader(saved), CSV, EncodingAuto)
			if err != nil {
				t.Fatal(err)
			}
			if p.Encoding != tt.want || len(p.Others) != 0 {
				t.Errorf("read as %q (others %v), want %q", p.Encoding, p.Others, tt.want)
			}
			var got []string
			for _, r := range p.Rows {
				got = append(got, strings.Join([]string{string(r.Sale.Serial), string(r.Sale.Model), r.Sale.CustomerName, r.Sale.Phone, r.Sale.PurchaseDate.String()}, ","))
			}
			want := strings.Split(strings.TrimSuffix(tt.source, "\n"), "\n")[1:]
			if !slices.Equal(got, want) || len(p.Problems) != 0 {
				t.Errorf("rows:\n%s\nwant:\n%s\nproblems %v", strings.Join(got, "\n"), strings.Join(want, "\n"), p.Problems)
			}
		})
	}
}
