package export

import (
	"fmt"
	"io"
	"os"
	"strings"

	"returndesk/internal/textwidth"

	"github.com/xuri/excelize/v2"

	"returndesk/model"
	"returndesk/outfile"
	"returndesk/report"
)

// WriteReport writes a report's tables as an Excel workbook: one sheet per table, its title,
// a header row, the rows as numbers and text, and beside them a native Excel chart drawn
// from those cells (so it follows any change the reader makes to them).
func WriteReport(w io.Writer, tables []report.Table) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	formats := map[report.Format]int{}
	for kind, code := range map[report.Format]string{report.Count: "#,##0", report.Percent: `0.00" %"`,
		report.Days: "0.0", report.Amount: "#,##0.00"} {
		if formats[kind], err = f.NewStyle(&excelize.Style{CustomNumFmt: &code}); err != nil {
			return err
		}
	}
	for i, t := range tables {
		sheet := sheetName(t.Name)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sheet); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		if err := writeReportSheet(f, sheet, t, title, bold, formats); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// The table starts below its title: header row headerRow, data rows after it.
const headerRow = 3

func writeReportSheet(f *excelize.File, sheet string, t report.Table, title, bold int, formats map[report.Format]int) error {
	if err := f.SetCellStr(sheet, "A1", t.Title); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", title); err != nil {
		return err
	}
	if t.Note != "" {
		if err := f.SetCellStr(sheet, "A2", t.Note); err != nil {
			return err
		}
	}
	for c, col := range t.Columns {
		cell := cellName(c+1, headerRow)
		if err := f.SetCellStr(sheet, cell, col.Title); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell, cell, bold); err != nil {
			return err
		}
		f.SetColWidth(sheet, ColName(c+1), ColName(c+1), float64(max(10, min(40, textwidth.String(col.Title)+4))))
	}
	for r, row := range t.Rows {
		for c, v := range row {
			cell := cellName(c+1, headerRow+1+r)
			kind := t.Columns[c].Format
			var err error
			switch {
			case kind == report.Text:
				err = f.SetCellStr(sheet, cell, v.Text) // always text: a name starting with = stays a name
			case kind == report.Days && v.Num < 0:
				err = f.SetCellStr(sheet, cell, "—")
			case kind == report.Amount:
				err = f.SetCellFloat(sheet, cell, float64(model.Money(v.Num))/100, 2, 64)
			default:
				err = f.SetCellFloat(sheet, cell, v.Num, -1, 64)
			}
			if err == nil && kind != report.Text {
				err = f.SetCellStyle(sheet, cell, cell, formats[kind])
			}
			if err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cellName(1, headerRow+1),
		ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if len(t.Rows) == 0 || len(t.Chart.Series) == 0 {
		return nil
	}
	return f.AddChart(sheet, cellName(len(t.Columns)+2, headerRow), reportChart(sheet, t))
}

// reportChart is the native chart of a table: its series columns against its category column.
func reportChart(sheet string, t report.Table) *excelize.Chart {
	quoted := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	first, last := headerRow+1, headerRow+len(t.Rows)
	ref := func(col, from, to int) string {
		return fmt.Sprintf("%s!$%s$%d:$%s$%d", quoted, ColName(col), from, ColName(col), to)
	}
	ch := &excelize.Chart{Type: excelize.Col, Dimension: excelize.ChartDimension{Width: 640, Height: 360},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.Chart.Title}}},
		Legend: excelize.ChartLegend{Position: "bottom"}}
	if t.Chart.Line {
		ch.Type = excelize.Line
	}
	for _, s := range t.Chart.Series {
		ch.Series = append(ch.Series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", quoted, ColName(s+1), headerRow),
			Categories: ref(t.Chart.Category+1, first, last),
			Values:     ref(s+1, first, last),
		})
	}
	return ch
}

// sheetName makes a table's name a valid sheet name (at most 31 characters, none of []:*?/\).
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	return name
}

// SaveReport writes a report workbook to path, whole or not at all, never over a file guard protects.
func SaveReport(path string, guard outfile.Guard, tables []report.Table) error {
	return outfile.Write(path, guard, 0o644, func(f *os.File) error { return WriteReport(f, tables) })
}
