package export

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"returndesk/internal/shoptest"

	"github.com/xuri/excelize/v2"

	"returndesk/model"
	"returndesk/model/sqlite"
)

// excelDay2025 is Excel's day number of 2025-01-01.
const excelDay2025 = 45658

// benchSales is how many rows the import benchmark's files hold.
const benchSales = 100_000

// benchModels are the catalog's model codes the benchmark's rows name.
var benchModels = []model.ModelCode{"HT-R200", "HT-P9", "HT-CAM5", "ET-PB20", "ET-X7"}

var benchFiles struct {
	once      sync.Once
	xlsx, csv string
	err       error
}

// benchSalesFiles returns a 100,000-row sales workbook as a shop's Excel saves one (Chinese
// headers, real date cells) and the same rows as CSV. They are written once, to a fixed
// folder under the system's temporary folder, and reused by later runs.
func benchSalesFiles(b *testing.B) (xlsx, csv string) {
	b.Helper()
	benchFiles.once.Do(func() {
		dir := filepath.Join(os.TempDir(), "returndesk-bench-sales-v1")
		benchFiles.xlsx, benchFiles.csv = filepath.Join(dir, "sales.xlsx"), filepath.Join(dir, "sales.csv")
		if _, err := os.Stat(benchFiles.csv); err == nil {
			return // written by an earlier run: the CSV is renamed into place last
		}
		if benchFiles.err = os.MkdirAll(dir, 0o700); benchFiles.err == nil {
			benchFiles.err = writeBenchFiles(benchFiles.xlsx, benchFiles.csv)
		}
	})
	if benchFiles.err != nil {
		b.Fatal(benchFiles.err)
	}
	return benchFiles.xlsx, benchFiles.csv
}

// benchRow is row i (0-based) of the benchmark's files; customers repeat, as in a real
// dealer's records, so the import both finds and creates customers.
func benchRow(i int) (serial, code, customer, phone, invoice string, purchased model.Date) {
	serial = fmt.Sprintf("BN-%07d", i)
	code = string(benchModels[i%len(benchModels)])
	customer = fmt.Sprintf("客户%04d", i%5000)
	phone = fmt.Sprintf("138%08d", i%5000)
	invoice = "FP-" + strconv.Itoa(i/4)
	purchased = model.MustDate("2025-01-01").AddDays(i % 400)
	return
}

// writeBenchFiles writes the two files, each under a temporary name renamed into place
// once complete, the CSV last.
func writeBenchFiles(xlsxPath, csvPath string) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	header := []string{"序列号", "型号", "客户", "电话", "发票号", "购买日期", "发货日期"}
	row := make([]any, len(header))
	for i, h := range header {
		row[i] = h
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	var csv strings.Builder
	csv.WriteString(strings.Join(header, ",") + "\n")
	for i := range benchSales {
		serial, code, customer, phone, invoice, purchased := benchRow(i)
		shipped := purchased.AddDays(-10).String()
		day := excelDay2025 + purchased.DaysSince(model.MustDate("2025-01-01"))
		row = []any{serial, code, customer, phone, invoice, excelize.Cell{StyleID: dateStyle, Value: day}, shipped}
		cellName, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cellName, row); err != nil {
			return err
		}
		fmt.Fprintf(&csv, "%s,%s,%s,%s,%s,%s,%s\n", serial, code, customer, phone, invoice, purchased, shipped)
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	partial := strings.TrimSuffix(xlsxPath, ".xlsx") + ".partial.xlsx" // SaveAs goes by the extension
	if err := f.SaveAs(partial); err != nil {
		return err
	}
	if err := os.Rename(partial, xlsxPath); err != nil {
		return err
	}
	if err := os.WriteFile(csvPath+".tmp", []byte(csv.String()), 0o600); err != nil {
		return err
	}
	return os.Rename(csvPath+".tmp", csvPath)
}

// benchStore is a new database file with the benchmark's catalog.
func benchStore(b *testing.B) *sqlite.DB {
	b.Helper()
	shop := shoptest.New(b)
	m := &model.Manufacturer{Name: "Halotek"}
	shop.Manufacturers(m)
	for _, code := range benchModels {
		shop.Products(&model.Product{ManufacturerID: m.ID, Model: code})
	}
	return shop.DB
}

// BenchmarkImportSales is the whole import of a 100,000-row file into a database file, as
// `returndesk import sales` does it: read, check against the database, store in one
// transaction. peak-MB is the process's peak resident memory during the import, where
// Linux can tell it.
func BenchmarkImportSales(b *testing.B) {
	xlsx, csv := benchSalesFiles(b)
	for _, c := range []struct{ name, path string }{{"100k-xlsx", xlsx}, {"100k-csv", csv}} {
		b.Run(c.name, func(b *testing.B) {
			var peak float64
			for range b.N {
				b.StopTimer()
				db := benchStore(b)
				resetPeakRSS()
				b.StartTimer()
				p, err := ReadSalesFile(c.path, EncodingAuto)
				if err != nil {
					b.Fatal(err)
				}
				if err := CheckSales(ctx, db, p); err != nil {
					b.Fatal(err)
				}
				n, err := ImportSales(ctx, db, p)
				if err != nil || n != benchSales {
					b.Fatalf("imported %d: %v\n%s", n, err, problems(p))
				}
				b.StopTimer()
				peak = max(peak, peakRSSMB())
				db.Close()
				b.StartTimer()
			}
			if peak > 0 {
				b.ReportMetric(peak, "peak-MB")
			}
		})
	}
}

// resetPeakRSS starts a new peak-memory measurement (Linux: writing 5 to clear_refs
// resets VmHWM); where it cannot, peakRSSMB reports the process's peak so far.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSMB is the process's peak resident memory in MB (VmHWM), or 0 where it is unknown.
func peakRSSMB() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err == nil {
				return float64(kb) / 1024
			}
		}
	}
	return 0
}
