package export

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"returndesk/internal/testenv"
	"returndesk/model"
	"returndesk/policy"
)

var update = flag.Bool("update", false, "rewrite the golden PDF files in testdata")

// pdfCreated is the creation date of every PDF the tests write, so that their bytes are stable.
var pdfCreated = time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)

// testPDFOptions write byte-stable, uncompressed PDFs.
var testPDFOptions = PDFOptions{Created: pdfCreated, Uncompressed: true}

// Texts that wrap over several lines in the tests.
const (
	longFault = "开机后约五分钟自动关机，屏幕先闪烁三次然后黑屏；充电器换过也一样。" +
		"Customer says the unit also restarts by itself when the Bluetooth headset is connected, " +
		"and the fan is loud (风扇噪音很大) even when nothing runs. 客户要求尽快维修并保留原机数据，" +
		"已告知维修期间数据可能丢失。Reproduced twice at the counter: power LED blinks amber, then off."
	longName    = "深圳市福田区华强北赛格电子市场三楼鑫达通讯器材经营部（Xinda Communication Equipment）"
	longAddress = "Room 1203, 12th Floor, Tower B, Futian International Electronics City, 3018 Shennan Middle Road, Futian District, Shenzhen 518031, Guangdong, China"
)

// repairSlip is a repair-tier case of a Chinese customer at Halotek, with a maintenance number,
// a service centre and the verdict of the preset terminal policy.
func repairSlip() *Slip {
	p, _ := policy.Preset(policy.HalotekTerminal)
	checked, err := policy.Check(p)
	if err != nil {
		panic(err)
	}
	c := model.Case{ID: 7, CaseNo: "RMA-2026-000123", MaintenanceNo: "MO-2026-000045", Serial: "HT-CAM5-2025-08812",
		PurchaseDate: model.MustDate("2025-11-20"), ReportedDate: model.MustDate("2026-03-05"),
		Fault: "无法开机，充电指示灯不亮", Accessories: "充电器、数据线 USB-C cable", Condition: "Scratches on the lens cover, 外壳轻微磨损",
		Cause: model.CauseUnknown, Tier: model.TierRepair, Remedy: model.RemedyRepair, PolicyID: policy.HalotekTerminal,
		PolicyVersion: 1, Status: model.StatusReceived, ServiceCentreID: 2}
	v, err := policy.EvaluateCase(checked, nil, policy.Input{Purchased: c.PurchaseDate, On: c.ReportedDate, Cause: c.Cause})
	if err != nil {
		panic(err)
	}
	return &Slip{
		Shop:         Shop{Name: "华强电子维修中心 Huaqiang Electronics", Address: "深圳市福田区华强北路 1019 号 · 1019 Huaqiang North Road, Shenzhen", Phone: "+86 755 8326 1234"},
		Case:         c,
		Customer:     model.Customer{ID: 3, Name: "欧阳娜娜", Phone: "13511112222"},
		Product:      model.Product{ID: 2, Model: "HT-CAM5", Name: "5 MP IP camera 网络摄像机"},
		Manufacturer: model.Manufacturer{ID: 1, Name: "Halotek", Contact: "Lin Xiaoyan", Phone: "+86 755 8660 3120", AfterSalesAddress: "Halotek After-Sales Dept., 3F Block B, Tianan Cyber Park, Futian, Shenzhen 518040, China"},
		Centre:       &model.ServiceCentre{ID: 2, Name: "Halotek Service Centre Futian", Region: "Guangdong", Address: "2F, 1008 Shennan Road, Futian, Shenzhen", Phone: "+86 755 8321 7700"},
		Verdict:      v.Customer,
	}
}

// testLogo is a small picture drawn in code: a blue badge with a white bar.
func testLogo() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 160, 80))
	for y := 0; y < 80; y++ {
		for x := 0; x < 160; x++ {
			c := color.NRGBA{0x1f, 0x5f, 0xbf, 0xff}
			if y > 34 && y < 46 && x > 20 && x < 140 {
				c = color.NRGBA{0xff, 0xff, 0xff, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// longSlip has a long customer name, product name, address and fault, in Chinese and English.
func longSlip() *Slip {
	s := repairSlip()
	s.Customer.Name = longName
	s.Product.Name = "48 V DC power cabinet 直流屏 with battery monitoring module and remote alarm board (rack mount, 19 inch)"
	s.Case.Fault = longFault
	s.Case.Accessories = strings.Repeat("电源线 power cord, ", 6) + "说明书"
	s.Centre.Address = longAddress
	s.Shop.Address = longAddress
	s.Case.Serial = "SN-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789"
	s.ClaimNo = "CLM-2026-0007"
	s.Shop.Logo = testLogo()
	return s
}

// emptySlip has no maintenance number, no optional field, no shop, no centre and no verdict.
func emptySlip() *Slip {
	return &Slip{
		Case: model.Case{ID: 9, CaseNo: "RMA-2026-000200", Serial: "ET-PB20-77", ReportedDate: model.MustDate("2026-03-05"),
			Fault: "Does not charge", Status: model.StatusReceived},
		Customer:     model.Customer{ID: 4, Name: "John Carter"},
		Product:      model.Product{ID: 5, Model: "ET-PB20"},
		Manufacturer: model.Manufacturer{ID: 2, Name: "EleTrek"},
	}
}

// slipCases are the slips every page size is tested with.
var slipCases = []struct {
	name string
	slip func() *Slip
}{
	{"repair", repairSlip},
	{"long", longSlip},
	{"empty", emptySlip},
}

func writeSlipPDF(t *testing.T, s *Slip, page PageSize) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSlip(&b, s, page, testPDFOptions); err != nil {
		t.Fatalf("WriteSlip(%s): %v", page, err)
	}
	return b.Bytes()
}

func writeLabelPDF(t *testing.T, s *Slip) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteLabel(&b, s, testPDFOptions); err != nil {
		t.Fatalf("WriteLabel: %v", err)
	}
	return b.Bytes()
}

// checkGolden compares got with testdata/name, or rewrites it with -update. A mismatch is
// written to testdata/failed/name for a person to compare.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -run Golden -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		failed := filepath.Join("testdata", "failed", name)
		os.MkdirAll(filepath.Dir(failed), 0o755)
		os.WriteFile(failed, got, 0o644)
		t.Errorf("%s differs from the golden file (%d bytes, want %d); the output is in %s; "+
			"if the change is intended, run go test ./export -run Golden -update", name, len(got), len(want), failed)
	}
}

func TestSlipGolden(t *testing.T) {
	for _, tc := range slipCases {
		for _, page := range PageSizes {
			t.Run(tc.name+"-"+string(page), func(t *testing.T) {
				got := writeSlipPDF(t, tc.slip(), page)
				if again := writeSlipPDF(t, tc.slip(), page); !bytes.Equal(got, again) {
					t.Fatal("two runs wrote different bytes")
				}
				checkGolden(t, fmt.Sprintf("slip-%s-%s.pdf", tc.name, page), got)
			})
		}
	}
}

func TestLabelGolden(t *testing.T) {
	for _, tc := range slipCases {
		t.Run(tc.name, func(t *testing.T) {
			checkGolden(t, fmt.Sprintf("label-%s.pdf", tc.name), writeLabelPDF(t, tc.slip()))
		})
	}
}

// squeeze drops all white space, so that text compares whatever the line breaks.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// pdfChecks are what a reader of a PDF sees, checked with other programs than ours.
type pdfChecks struct {
	path  string
	text  string // pdftotext -raw, all pages
	pages []pdfPage
}

type pdfPage struct {
	w, h  float64 // points
	words []pdfWord
}

type pdfWord struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

var (
	pageRE = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRE = regexp.MustCompile(`<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>`)
)

// readPDF writes b to a file and checks it with qpdf, pdffonts, pdfinfo and pdftotext.
func readPDF(t *testing.T, b []byte) *pdfChecks {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	testenv.Run(t, "qpdf", "--check", path) // exit status 0: no errors and no warnings
	fonts := testenv.Run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", fonts)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID: emb is the fifth field from the end.
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("a font is not embedded: %s", l)
		}
	}
	c := &pdfChecks{path: path, text: testenv.Run(t, "pdftotext", "-raw", path, "-")}
	bbox := testenv.Run(t, "pdftotext", "-bbox", path, "-")
	pageStarts := pageRE.FindAllStringSubmatchIndex(bbox, -1)
	for i, m := range pageStarts {
		var p pdfPage
		fmt.Sscan(bbox[m[2]:m[3]], &p.w)
		fmt.Sscan(bbox[m[4]:m[5]], &p.h)
		end := len(bbox)
		if i+1 < len(pageStarts) {
			end = pageStarts[i+1][0]
		}
		for _, w := range wordRE.FindAllStringSubmatch(bbox[m[1]:end], -1) {
			var pw pdfWord
			fmt.Sscan(w[1], &pw.xMin)
			fmt.Sscan(w[2], &pw.yMin)
			fmt.Sscan(w[3], &pw.xMax)
			fmt.Sscan(w[4], &pw.yMax)
			pw.text = w[5]
			p.words = append(p.words, pw)
		}
		c.pages = append(c.pages, p)
	}
	if len(c.pages) == 0 {
		t.Fatal("pdftotext -bbox found no page")
	}
	return c
}

// mustContain checks that the text holds each value, white space aside.
func (c *pdfChecks) mustContain(t *testing.T, values ...string) {
	t.Helper()
	text := squeeze(c.text)
	for _, v := range values {
		if !strings.Contains(text, squeeze(v)) {
			t.Errorf("pdftotext does not give back %q", v)
		}
	}
}

// insidePages checks that every word is on its page, at least margin points from each edge.
func (c *pdfChecks) insidePages(t *testing.T, margin float64) {
	t.Helper()
	for i, p := range c.pages {
		for _, w := range p.words {
			if w.xMin < margin-0.5 || w.xMax > p.w-margin+0.5 || w.yMin < margin-0.5 || w.yMax > p.h-margin+0.5 {
				t.Errorf("page %d (%.0f×%.0f pt): %q at x %.1f–%.1f, y %.1f–%.1f runs off the page or into its margin",
					i+1, p.w, p.h, w.text, w.xMin, w.xMax, w.yMin, w.yMax)
			}
		}
	}
}

// codes renders each page at 200 dpi and returns what zbarimg reads on it ("QR-Code:…", "CODE-128:…").
func (c *pdfChecks) codes(t *testing.T) [][]string {
	t.Helper()
	dir := t.TempDir()
	testenv.Run(t, "pdftoppm", "-r", "200", "-gray", "-png", c.path, filepath.Join(dir, "page"))
	files, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	slices.Sort(files)
	var out [][]string
	for _, f := range files {
		cmd := exec.Command(testenv.Tool(t, "zbarimg"), "-q", f)
		var o bytes.Buffer
		cmd.Stdout = &o
		cmd.Run() // exit status 4 when nothing is found: the caller checks what was read
		out = append(out, strings.Fields(o.String()))
	}
	if len(out) != len(c.pages) {
		t.Fatalf("pdftoppm made %d pages, pdftotext saw %d", len(out), len(c.pages))
	}
	return out
}

const ptPerMM = 72 / 25.4

// slipTexts are the texts a slip must give back.
func slipTexts(s *Slip) []string {
	f := s.fields()
	out := []string{"Maintenance Order / 维修单", s.Number(), f.date, f.customer, f.phone, f.product, f.serial,
		f.purchased, f.caseNo, f.tier, f.remedy, f.fault, f.accessories, f.condition, f.centre, f.clause,
		"Customer signature / 客户签名", "Staff / 经办人"}
	for _, v := range []string{s.Shop.Name, s.Shop.Address, s.Shop.Phone} {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// TestSlipsAsReadersSeeThem checks every page size with a Chinese, a long and an empty case:
// qpdf accepts the file, the fonts are embedded, pdftotext gives back every field (Chinese too,
// no character lost where a line wraps), no word runs off the page, and zbarimg reads the QR code
// and the Code 128 barcode as the slip's number.
func TestSlipsAsReadersSeeThem(t *testing.T) {
	for _, tc := range slipCases {
		for _, page := range PageSizes {
			t.Run(tc.name+"-"+string(page), func(t *testing.T) {
				s := tc.slip()
				c := readPDF(t, writeSlipPDF(t, s, page))
				c.mustContain(t, slipTexts(s)...)
				if s.Case.MaintenanceNo != "" {
					c.mustContain(t, "Maintenance no. / 维修单号", string(s.Case.CaseNo))
				}
				margin := 5 * ptPerMM
				if page == PageRoll {
					margin = 3 * ptPerMM
				}
				c.insidePages(t, margin)
				for i, p := range c.pages {
					w, h := p.w/ptPerMM, p.h/ptPerMM
					switch page {
					case PageA4:
						if !near(w, 210) || !near(h, 297) {
							t.Errorf("page %d is %.1f×%.1f mm, want A4", i+1, w, h)
						}
					case PageA5:
						if !near(w, 148) || !near(h, 210) {
							t.Errorf("page %d is %.1f×%.1f mm, want A5", i+1, w, h)
						}
					case PageRoll:
						if !near(w, 80) || h < 100 {
							t.Errorf("page %d is %.1f×%.1f mm, want 80 mm wide", i+1, w, h)
						}
					}
				}
				if page == PageRoll && len(c.pages) != 1 {
					t.Errorf("the roll has %d pages, want 1 as long as its content", len(c.pages))
				}
				if page == PageA4 {
					c.mustContain(t, "Customer copy / 客户联", "Shop copy / 商户联")
				}
				codes := c.codes(t)
				for _, kind := range []string{"QR-Code:", "CODE-128:"} {
					if !slices.Contains(codes[0], kind+s.Number()) {
						t.Errorf("zbarimg read %v on page 1, want %s%s", codes[0], kind, s.Number())
					}
				}
				for _, cs := range codes {
					for _, code := range cs {
						if !strings.HasSuffix(code, ":"+s.Number()) {
							t.Errorf("zbarimg read %q, want only %s", code, s.Number())
						}
					}
				}
			})
		}
	}
}

func near(a, b float64) bool { return a > b-0.6 && a < b+0.6 }

// TestA4HasTwoCopiesAndACutLine checks the A4 layout of an ordinary case: one page, the customer's
// copy above the shop's, each with its own QR code, and the cut line between them.
func TestA4HasTwoCopiesAndACutLine(t *testing.T) {
	s := repairSlip()
	c := readPDF(t, writeSlipPDF(t, s, PageA4))
	if len(c.pages) != 1 {
		t.Fatalf("%d pages, want 1", len(c.pages))
	}
	var customerY, shopY, cutY float64
	for _, w := range c.pages[0].words {
		switch w.text {
		case "客户联":
			customerY = w.yMin
		case "商户联":
			shopY = w.yMin
		case "Cut":
			cutY = w.yMin
		}
	}
	half := c.pages[0].h / 2
	if !(customerY > 0 && customerY < half && shopY > half && cutY > half-10 && cutY < half+5) {
		t.Errorf("customer copy at %.0f, cut line at %.0f, shop copy at %.0f pt; want the copies above and below the middle (%.0f)",
			customerY, cutY, shopY, half)
	}
	if n := strings.Count(c.text, s.Customer.Name); n != 2 {
		t.Errorf("the customer's name is on the page %d times, want 2", n)
	}
	if qrs := slices.DeleteFunc(c.codes(t)[0], func(s string) bool { return !strings.HasPrefix(s, "QR-Code:") }); len(qrs) != 2 {
		t.Errorf("zbarimg read %v, want the two copies' QR codes", qrs)
	}
}

// TestRollGrowsWithTheContent checks that a longer fault makes a longer receipt, not a cut-off one.
func TestRollGrowsWithTheContent(t *testing.T) {
	short := readPDF(t, writeSlipPDF(t, repairSlip(), PageRoll))
	s := repairSlip()
	s.Case.Fault = strings.Repeat("屏幕闪烁后黑屏，", 60)
	long := readPDF(t, writeSlipPDF(t, s, PageRoll))
	if len(long.pages) != 1 || long.pages[0].h < short.pages[0].h+50*ptPerMM {
		t.Errorf("roll heights: %.0f pt for a short fault, %.0f pt (%d pages) for a long one", short.pages[0].h, long.pages[0].h, len(long.pages))
	}
	long.mustContain(t, s.Case.Fault)
	long.insidePages(t, 3*ptPerMM)
}

// TestVeryLongFieldsRunOverPages fills three long fields to the most the model allows: the A4
// and A5 slips run over several pages (the fields continue from page to page) and still give
// back every character.
func TestVeryLongFieldsRunOverPages(t *testing.T) {
	s := repairSlip()
	s.Case.Fault = strings.Repeat("无法开机 no power ", model.MaxTextLen/14)
	s.Case.Accessories = strings.Repeat("配", model.MaxTextLen)
	s.Case.Condition = strings.Repeat("Scratched ", model.MaxTextLen/10)
	for _, page := range PageSizes {
		c := readPDF(t, writeSlipPDF(t, s, page))
		if page != PageRoll && len(c.pages) < 2 {
			t.Errorf("%s: %d pages for three fields of %d characters", page, len(c.pages), model.MaxTextLen)
		}
		copies := 1
		if page == PageA4 {
			copies = 2
		}
		for _, want := range []struct {
			text string
			n    int
		}{{"配", model.MaxTextLen}, {"无法开机", model.MaxTextLen / 14}, {"Scratched", model.MaxTextLen / 10}} {
			if got := strings.Count(squeeze(c.text), want.text); got != copies*want.n {
				t.Errorf("%s: %q is in the text %d times, want %d", page, want.text, got, copies*want.n)
			}
		}
		if page == PageA5 { // 2,000 characters take more than an A5 page: the field continues
			c.mustContain(t, "Accessories (cont.)", "随机附件（续）")
		}
		c.insidePages(t, 3*ptPerMM)
	}
}

// Emoji and symbols no bundled font draws never print as empty boxes: the slip and the label
// show a question mark in their place, and every character pdftotext gives back is one that
// a bundled font draws (pdffonts lists only the bundled fonts, embedded).
func TestCharactersWithoutAGlyphPrintAsQuestionMarks(t *testing.T) {
	s := repairSlip()
	s.Customer.Name = "Anna 😀 Li ❤"
	s.Case.Fault = "屏幕碎了 ★ screen broken"
	s.Product.Name = "Camera ☎ 摄像头"
	for _, doc := range []struct {
		name  string
		write func(*bytes.Buffer) error
		want  []string
	}{
		{"slip", func(b *bytes.Buffer) error { return WriteSlip(b, s, PageA4, testPDFOptions) }, []string{"Anna ? Li ?", "屏幕碎了 ? screen broken"}},
		{"label", func(b *bytes.Buffer) error { return WriteLabel(b, s, testPDFOptions) }, []string{"Camera ? 摄像头"}},
	} {
		var b bytes.Buffer
		if err := doc.write(&b); err != nil {
			t.Fatal(err)
		}
		c := readPDF(t, b.Bytes())
		c.mustContain(t, doc.want...)
		for _, r := range c.text {
			if r == '\uFFFD' || r == '😀' || r == '❤' || r == '★' || !hasGlyph(r) {
				t.Errorf("%s: pdftotext gives back %q (%U), which no bundled font draws", doc.name, r, r)
			}
		}
		fonts := testenv.Run(t, "pdffonts", c.path)
		for _, l := range strings.Split(strings.TrimSpace(fonts), "\n")[2:] {
			if f := strings.Fields(l); len(f) == 0 || !slices.Contains([]string{"utf8" + familyLatin, "utf8" + familyLatin + "B", "utf8" + familyCJK}, f[0]) {
				t.Errorf("%s: a font that is not bundled: %s", doc.name, l)
			}
		}
	}
}
