package export

import (
	"archive/zip"
	"bytes"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"returndesk/model"
)

// Limits on what a workbook may unpack to. A sales sheet of a million rows unpacks to
// about 400 MB of XML; a zip bomb unpacks a few kilobytes to gigabytes, so the whole
// workbook is refused before anything is unpacked.
const (
	maxUnpackedSize = 512 << 20 // bytes, all parts of the workbook together
	bombRatio       = 200       // parts packed tighter than this are suspect...
	maxTightSize    = 64 << 20  // ...and may unpack to this many bytes together
)

// openWorkbook opens an .xlsx file held in data, refusing with one line a file that is
// empty, is not a workbook at all (CSV text, an old .xls, a PDF) or unpacks to too much.
func openWorkbook(data []byte) (*excelize.File, error) {
	if err := checkWorkbook(data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnpackedSize})
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "the file is not an Excel workbook that can be read (%v); save it as .xlsx", err)
	}
	return f, nil
}

// checkWorkbook says what a file is when it is not a readable .xlsx workbook, judging by
// its bytes and its zip directory, before anything is unpacked.
func checkWorkbook(data []byte) error {
	switch {
	case len(data) == 0:
		return model.Errorf(model.EINVALID, "the file is empty (0 bytes)")
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return model.Errorf(model.EINVALID, "the file is an old Excel 97-2003 workbook (.xls) or a password-protected one; save it as an unprotected .xlsx workbook")
	case !bytes.HasPrefix(data, []byte("PK")):
		if looksLikeText(data) {
			return model.Errorf(model.EINVALID, "the file is text (CSV?), not an Excel workbook; rename it to .csv or open it in Excel and save it as .xlsx")
		}
		return model.Errorf(model.EINVALID, "the file is not an Excel workbook (.xlsx)")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return model.Errorf(model.EINVALID, "the file is not an Excel workbook that can be read (a damaged zip archive: %v); save it as .xlsx", err)
	}
	// The sizes are those the zip directory declares; archive/zip stops a part that
	// unpacks to more than it declared.
	var total, tight uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > bombRatio*f.CompressedSize64 {
			tight += f.UncompressedSize64
		}
		if tight > maxTightSize {
			return model.Errorf(model.EINVALID, "the workbook unpacks to far more than a spreadsheet holds (a zip bomb?); refused")
		}
		if total > maxUnpackedSize {
			return model.Errorf(model.EINVALID, "the workbook unpacks to more than %d MB; split it into smaller files", maxUnpackedSize>>20)
		}
	}
	return nil
}

// looksLikeText reports whether the start of data is text: valid UTF-8 (or a GBK-like
// 8-bit encoding) without control characters other than tabs and line ends.
func looksLikeText(data []byte) bool {
	head := data[:min(len(data), 4096)]
	for len(head) > 0 {
		r, n := utf8.DecodeRune(head)
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
		if r == utf8.RuneError && n == 1 && !(head[0] >= 0x81 && head[0] <= 0xFE) {
			return false
		}
		head = head[n:]
	}
	return true
}
