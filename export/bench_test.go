package export

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"

	"returndesk/model"
)

// Claim sheets of 10,000 and 100,000 lines, written by WriteClaimSheet (ours) and by excelize's
// StreamWriter writing the same cell values with no styles, formulas, validation or extra sheets
// (baseline). Both write to io.Discard. peak-MB is measured in a child process (see claimPeakMB).
func BenchmarkClaimSheet(b *testing.B) {
	for _, size := range []struct {
		name  string
		lines int
	}{{"10k", 10_000}, {"100k", 100_000}} {
		for _, v := range []struct {
			name  string
			write func(io.Writer, *ClaimSheet) error
		}{{"ours", WriteClaimSheet}, {"baseline", writeClaimValuesBaseline}} {
			b.Run(size.name+"/"+v.name, func(b *testing.B) {
				s := benchClaimSheet(size.lines)
				runtime.GC()
				for b.Loop() {
					if err := v.write(io.Discard, s); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				b.ReportMetric(claimPeakMB(b, size.lines, v.name), "peak-MB")
			})
		}
	}
}

// benchClaimLines are the lines of the largest benchmark claim, made once; smaller claims take
// the first lines of it.
var benchClaimLines = sync.OnceValue(func() []model.ClaimLine { return makeBenchClaimLines(100_000) })

// benchClaimSheet is the test claim sheet with n realistic lines: Chinese and Latin customers
// and faults, serials, prices, a quarter of them answered.
func benchClaimSheet(n int) *ClaimSheet {
	s := testClaimSheet()
	s.Claim.Lines = benchClaimLines()[:n]
	return s
}

func makeBenchClaimLines(n int) []model.ClaimLine {
	customers := []string{"王芳", "欧阳娜娜", "John Carter", "张伟", "Maria González", "深圳市鑫达通讯器材经营部", "Anna Schmidt", "李明 (Li Ming)"}
	faults := []string{"无法开机，充电指示灯不亮", "Output voltage drops to 9 V under 2 A load",
		"开机后约五分钟自动关机，屏幕先闪烁三次然后黑屏；充电器换过也一样。", "Fan is loud (风扇噪音很大) even when idle",
		"Does not charge", "按键无反应，外壳有裂纹", "Picture freezes every few minutes; night vision IR does not switch on"}
	categories := []string{"No power", "Output", "Display", "Noise", "Charging", "按键", "Video"}
	models := []model.ModelCode{"ET-PB20", "HT-CAM5", "ET-CH65", "ET-DC12", "HT-NVR8"}
	remedies := []model.Remedy{model.RemedyReplace, model.RemedyRefund, model.RemedyRepair, model.RemedyDeductNextOrder, model.RemedyNewUnits}
	freightBy := []string{model.FreightByManufacturer, model.FreightByBuyer, model.FreightByPending, ""}
	decisions := []model.Decision{model.DecisionAccepted, model.DecisionRejected, model.DecisionPartly}
	day := model.MustDate("2025-06-01")
	lines := make([]model.ClaimLine, n)
	for i := range lines {
		m := models[i%len(models)]
		cust := customers[i%len(customers)]
		l := model.ClaimLine{ID: int64(i + 1), CaseID: model.CaseID(i + 1), CaseNo: model.CaseNo(fmt.Sprintf("RMA-2026-%06d", i+1)),
			RemedyAsked: remedies[i%len(remedies)], Quantity: 1 + i%3, UnitPrice: model.Money(1500 + (i*37)%90000),
			FreightBy: freightBy[i%len(freightBy)], Model: m, Serial: model.Serial(fmt.Sprintf("%s-%08d", m, 26000000+i)),
			Customer: cust, ShipmentDate: day.AddDays(i % 200), PurchaseDate: day.AddDays(30 + i%200),
			ReportedDate: day.AddDays(90 + i%200), Fault: faults[i%len(faults)], FaultCategory: categories[i%len(categories)],
			Cause: model.CauseManufacturer, Note: "Customer 客户: " + cust}
		if i%4 == 0 {
			l.Freight = 1200
		}
		if i%4 == 1 {
			l.Decision = decisions[i%len(decisions)]
			l.Credit = l.Amount() / 2
			l.AnswerNote = "部分接受：外壳损伤不在保修范围 / housing damage not covered"
		}
		lines[i] = l
	}
	return lines
}

// writeClaimValuesBaseline writes the values of the "Claim" sheet's title, column titles,
// lines and totals as plainly as excelize can: one stream-written sheet, no styles, no
// formulas, no validation, one row slice reused. (The header block's two dozen cells and the
// two small sheets are left out: noise beside 20 cells a line.)
func writeClaimValuesBaseline(w io.Writer, s *ClaimSheet) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"WARRANTY CLAIM  保修索赔单"}); err != nil {
		return err
	}
	row := make([]any, len(claimColumns))
	for i, col := range claimColumns {
		row[i] = col.title + "\n" + col.zh
	}
	if err := sw.SetRow(cellName(1, ClaimHeaderRow), row); err != nil {
		return err
	}
	c := s.Claim
	var qty int
	var freight, credit model.Money
	for i, l := range c.Lines {
		var cred any
		if l.Decision != model.DecisionNone {
			cred = moneyValue(l.Credit)
		}
		copy(row, []any{i + 1, sheetText(string(l.CaseNo)), sheetText(string(l.Model)), sheetText(string(l.Serial)),
			l.Quantity, dateValue(l.ShipmentDate), dateValue(l.PurchaseDate), dateValue(l.ReportedDate),
			sheetText(l.Fault), sheetText(l.FaultCategory), l.Cause.Label().String(), l.RemedyAsked.Label().String(),
			moneyValue(l.UnitPrice), moneyValue(l.Amount()), moneyValue(l.Freight), model.FreightByLabel(l.FreightBy).String(),
			sheetText(l.Note), l.Decision.Label().String(), cred, sheetText(l.AnswerNote)})
		if err := sw.SetRow(cellName(1, ClaimFirstLineRow+i), row); err != nil {
			return err
		}
		qty += l.Quantity
		freight += l.Freight
		credit += l.Credit
	}
	clear(row)
	row[0], row[ClaimColQty-1], row[ClaimColAmount-1] = "Total 合计", qty, moneyValue(claimTotal(c))
	row[ClaimColFreight-1], row[ClaimColCredit-1] = moneyValue(freight), moneyValue(credit)
	if err := sw.SetRow(cellName(1, ClaimFirstLineRow+max(len(c.Lines), 1)), row); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// benchChildEnv names the job a child process of a benchmark does (see TestBenchPeakChild).
const benchChildEnv = "RETURNDESK_BENCH_PEAK"

// claimPeakMB is the peak resident memory, in MB, of a child process (this test binary re-run
// as TestBenchPeakChild) that writes the claim sheet of n lines once, ours or the baseline.
// A child, because an in-process figure would be skewed by the benchmark's own fixtures and
// by what earlier benchmarks left on the heap. The figure includes the claim held in memory
// (the same for both), as the app holds it while writing.
func claimPeakMB(b *testing.B, lines int, variant string) float64 {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBenchPeakChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=claimsheet:%d:%s", benchChildEnv, lines, variant))
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("the peak-memory child: %v\n%s%s", err, out, errb.Bytes())
	}
	for line := range strings.Lines(string(out)) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "peak-kB "); ok {
			kb, err := strconv.ParseFloat(v, 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb / 1024
		}
	}
	b.Fatalf("the peak-memory child printed no figure:\n%s%s", out, errb.Bytes())
	return 0
}

// TestBenchPeakChild is the child process of claimPeakMB; run without its variable it does
// nothing. It builds the claim, returns the garbage of building it to the system, resets the
// kernel's peak-RSS mark (Linux: /proc/self/clear_refs), writes the sheet once and prints the
// peak (VmHWM). Where the mark cannot be reset it prints the whole process's peak (getrusage).
func TestBenchPeakChild(t *testing.T) {
	job := os.Getenv(benchChildEnv)
	if job == "" {
		t.Skip("run by the benchmarks as a child process")
	}
	var lines int
	var variant string
	if _, err := fmt.Sscanf(strings.ReplaceAll(job, ":", " "), "claimsheet %d %s", &lines, &variant); err != nil {
		t.Fatalf("bad job %q: %v", job, err)
	}
	write := map[string]func(io.Writer, *ClaimSheet) error{"ours": WriteClaimSheet, "baseline": writeClaimValuesBaseline}[variant]
	if write == nil {
		t.Fatalf("bad job %q", job)
	}
	s := &ClaimSheet{}
	*s = *testClaimSheet()
	s.Claim.Lines = makeBenchClaimLines(lines)
	runtime.GC()
	debug.FreeOSMemory()
	reset := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	if err := write(io.Discard, s); err != nil {
		t.Fatal(err)
	}
	runtime.KeepAlive(s)
	if kb, ok := vmHWM(); reset && ok {
		fmt.Printf("peak-kB %d\n", kb)
		return
	}
	kb, err := processPeakKB()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("peak-kB %d\n", kb)
}

// vmHWM is the process's peak resident set size in kB, as Linux reports it.
func vmHWM() (int64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}

// Maintenance slips as the app prints them: one A4 PDF a case (the GUI's Print and the CLI's
// `slip` each write one document), compressed, with the shop's logo, Chinese and Latin text,
// the barcode and the QR code. The baseline is fpdf with the same three fonts writing the
// same strings with plain Cell calls (each run of Chinese or Latin in its font), no layout,
// no pictures. batch-1000 is 1,000 such documents for 1,000 cases, one after the other.
func BenchmarkSlip(b *testing.B) {
	slips := benchSlips(1000)
	opt := PDFOptions{Created: pdfCreated}
	variants := []struct {
		name  string
		write func(io.Writer, *Slip) error
	}{
		{"ours", func(w io.Writer, s *Slip) error { return WriteSlip(w, s, PageA4, opt) }},
		{"baseline", writeSlipBaseline},
	}
	for _, v := range variants {
		b.Run("one/"+v.name, func(b *testing.B) {
			for b.Loop() {
				if err := v.write(io.Discard, slips[0]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, v := range variants {
		b.Run("batch-1000/"+v.name, func(b *testing.B) {
			for b.Loop() {
				for _, s := range slips {
					if err := v.write(io.Discard, s); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// benchSlips are n repair slips of different cases, customers and faults, with the shop's logo
// as PrepareLogo keeps it.
func benchSlips(n int) []*Slip {
	logo, _, _, err := logoPNG(testLogo())
	if err != nil {
		panic(err)
	}
	customers := []string{"欧阳娜娜", "John Carter", "王芳", "Maria González", "李明 (Li Ming)"}
	faults := []string{"无法开机，充电指示灯不亮", longFault, "Picture freezes every few minutes; night vision IR does not switch on"}
	out := make([]*Slip, n)
	for i := range out {
		s := repairSlip()
		s.Shop.Logo = logo
		s.Case.CaseNo = model.CaseNo(fmt.Sprintf("RMA-2026-%06d", 100+i))
		s.Case.MaintenanceNo = model.MaintenanceNo(fmt.Sprintf("MO-2026-%06d", 40+i))
		s.Case.Serial = model.Serial(fmt.Sprintf("HT-CAM5-2025-%05d", 8000+i))
		s.Customer.Name = customers[i%len(customers)]
		s.Case.Fault = faults[i%len(faults)]
		out[i] = s
	}
	return out
}

// writeSlipBaseline writes the strings of an A4 slip (both copies) with plain fpdf Cell calls.
func writeSlipBaseline(w io.Writer, s *Slip) error {
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: a4W, Ht: a4H}})
	pdf.SetCreationDate(pdfCreated)
	for _, f := range docFonts {
		pdf.AddUTF8FontFromBytes(f.family, f.style, f.data())
	}
	pdf.AddPage()
	f := s.fields()
	for _, copyLabel := range []string{customerCopy, shopCopy} {
		for _, text := range []string{s.Shop.Name, s.Shop.Address, "Tel. / 电话 " + s.Shop.Phone, copyLabel,
			"Maintenance Order / 维修单", "Date / 日期 " + f.date, "Maintenance no. / 维修单号", s.Number(),
			"Customer / 客户", f.customer, "Phone / 电话", f.phone, "Product / 产品", f.product,
			"Serial no. / 序列号", f.serial, "Purchased / 购买日期", f.purchased, "Case no. / 案件号", f.caseNo,
			"Warranty / 保修类别", f.tier, "Remedy / 处理方式", f.remedy, "Fault / 故障描述", f.fault,
			"Accessories / 随机附件", f.accessories, "Visible damage / 外观损伤", f.condition,
			"Service centre / 服务中心", f.centre, "Warranty clause / 保修条款", f.clause,
			"Customer signature / 客户签名", "Staff / 经办人", "Date / 日期",
			"Please keep this slip and show it when you collect the unit. / 请妥善保管本单，取机时出示。"} {
			for _, r := range baselineRuns(text) {
				pdf.SetFont(r.face, "", 8)
				pdf.Cell(pdf.GetStringWidth(r.text), 4, r.text)
			}
			pdf.Ln(4)
		}
	}
	return pdf.Output(w)
}

// baselineRuns splits text into runs of CJK (U+2E80 and up) and other characters.
func baselineRuns(s string) []run[string] {
	return splitRuns(s, familyLatin, func(r rune, _ string) string {
		if r >= 0x2E80 {
			return familyCJK
		}
		return familyLatin
	})
}
