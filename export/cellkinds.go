package export

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellPos is a cell by its 1-based row and column.
type cellPos struct{ row, col int }

// cellKind is what a cell's XML says beyond its text, which is all excelize's row
// iterator gives: a TRUE/FALSE cell reads "1", and a formula whose result was never
// saved reads "" like an empty cell.
type cellKind struct {
	typ     string // the c element's t: "" or "n" number, "b" TRUE/FALSE, "s", "str", "inlineStr" text, "e" error, "d" date
	formula bool   // it has an <f>
	vElem   bool   // it has a <v>, even an empty one
	value   bool   // its <v> or inline text is not empty
}

// unsaved reports whether the cell is a formula without a saved result. Only a text
// result can be empty: a formula of type "str" with a <v>, even empty, was computed (to
// ""); any other formula with nothing in it was never computed, as libraries write them
// (openpyxl writes an empty <v>, excelize none) until Excel or LibreOffice saves the file.
func (k cellKind) unsaved() bool {
	return k.formula && !k.value && !(k.typ == "str" && k.vElem)
}

// bool reports whether the cell is a TRUE/FALSE cell.
func (k cellKind) bool() bool { return k.typ == "b" }

// number reports whether the cell holds a number (not text typed into it).
func (k cellKind) number() bool { return (k.typ == "" || k.typ == "n") && k.value }

// maxPartXML bounds the workbook's small parts (relationships, workbook.xml) read whole.
const maxPartXML = 16 << 20

// readCellKinds streams the XML of a workbook's sheet a second time and returns the kind
// of each cell in want (cells not in the sheet are left out). The workbook was checked by
// checkWorkbook, so its parts unpack to what their zip directory says. Memory grows with
// want, not with the sheet.
func readCellKinds(data []byte, f *excelize.File, sheet string, want map[cellPos]bool) (map[cellPos]cellKind, error) {
	if len(want) == 0 {
		return map[cellPos]cellKind{}, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	part, err := sheetPart(zr, f.CharsetReader, sheet)
	if err != nil {
		return nil, err
	}
	r, err := part.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return scanCellKinds(r, want)
}

// maxTag bounds a tag (a cell's has a few attributes: tens of bytes).
const maxTag = 1 << 20

// scanCellKinds reads a sheet's XML for the kinds of the cells in want. It scans tags
// byte by byte instead of with encoding/xml, which costs about a microsecond a token: as
// much again as excelize's own pass over a claim of 100,000 lines. Only markup is read,
// and markup is ASCII in every encoding excelize reads (UTF-8, GBK, Latin-1: no byte of a
// multi-byte character is '<', '>' or a quote), so the text needs no decoding: it only
// matters whether a value is empty.
func scanCellKinds(r io.Reader, want map[cellPos]bool) (map[cellPos]cellKind, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	out := make(map[cellPos]cellKind, len(want))
	var wantCol []bool // the columns of want, checked before the map for each cell
	for p := range want {
		if p.col >= len(wantCol) {
			wantCol = append(wantCol, make([]bool, p.col+1-len(wantCol))...)
		}
		wantCol[p.col] = true
	}
	row, col := 0, 0
	var cur *cellKind // the wanted cell being read
	var pos cellPos
	text := false // inside a <v> or an inline <t> of cur
	content := func(b []byte) {
		if cur != nil && text && len(bytes.TrimSpace(b)) > 0 {
			cur.value = true
		}
	}
	endCell := func() {
		if cur != nil {
			out[pos] = *cur
		}
		cur, text = nil, false
	}
	var long []byte // a tag longer than the reader's buffer, or with a '>' in a value
	for {
		// The text up to the next tag.
		chunk, err := br.ReadSlice('<')
		for err == bufio.ErrBufferFull {
			content(chunk)
			chunk, err = br.ReadSlice('<')
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		content(chunk[:len(chunk)-1])

		// Markup that is not an element: instructions, comments, CDATA (text), a DOCTYPE.
		if next, err := br.Peek(1); err == nil && (next[0] == '?' || next[0] == '!') {
			end, start := "?>", "?"
			if p, _ := br.Peek(3); string(p) == "!--" {
				end, start = "-->", "!--"
			} else if p, _ := br.Peek(8); string(p) == "![CDATA[" {
				end, start = "]]>", "![CDATA["
			} else if next[0] == '!' {
				end, start = ">", "!"
			}
			cdata := end == "]]>"
			br.Discard(len(start))
			nonSpace, err := skipPast(br, end)
			if err != nil {
				return nil, err
			}
			if cdata && nonSpace {
				content([]byte("x"))
			}
			continue
		}
		tag, err := readTag(br, &long)
		if err != nil {
			return nil, err
		}
		n := 1 // the name's length: "c", "x:row", "/c"
		for n < len(tag) && tag[n] != ' ' && tag[n] != '>' && tag[n] != '/' && tag[n] != '\t' && tag[n] != '\n' && tag[n] != '\r' {
			n++
		}
		name := tag[:n]
		selfClosing := bytes.HasSuffix(tag, []byte("/>"))
		closing := name[0] == '/'
		local := name[bytes.LastIndexByte(name, ':')+1:]
		if closing {
			local = bytes.TrimPrefix(local, []byte("/"))
		}
		attrs := tag[len(name):]
		if closing {
			switch string(local) {
			case "v", "t":
				text = false
			case "c":
				endCell()
			case "sheetData":
				return out, nil
			}
			continue
		}
		switch string(local) {
		case "row": // numbered as excelize numbers rows: r when given, else the next one
			row++
			if n, err := strconv.Atoi(string(tagAttr(attrs, "r"))); err == nil && n > 0 {
				row = n
			}
			col = 0
		case "c":
			col++
			if c := columnOf(tagAttr(attrs, "r")); c > 0 {
				col = c
			}
			pos, cur, text = cellPos{row, col}, nil, false
			if col < len(wantCol) && wantCol[col] && want[pos] {
				cur = &cellKind{typ: string(tagAttr(attrs, "t"))}
			}
			if selfClosing {
				endCell()
			}
		case "f":
			if cur != nil {
				cur.formula = true
			}
		case "v", "t":
			if cur != nil {
				cur.vElem = cur.vElem || string(local) == "v"
				text = !selfClosing
			}
		}
	}
}

// readTag reads a tag after its '<' up to and including its '>' ("c r=\"B7\">"); a '>'
// inside a quoted attribute value does not end it. It returns the reader's own bytes
// when it can (valid until the next read), else *long grown.
func readTag(br *bufio.Reader, long *[]byte) ([]byte, error) {
	b, err := br.ReadSlice('>')
	if err == nil && quotesClosed(b) {
		return b, nil
	}
	buf := append((*long)[:0], b...)
	defer func() { *long = buf }()
	for {
		switch {
		case err == nil && quotesClosed(buf):
			return buf, nil
		case err != nil && err != bufio.ErrBufferFull:
			return nil, unexpectedEOF(err)
		case len(buf) > maxTag:
			return nil, fmt.Errorf("a tag longer than %d KB", maxTag>>10)
		}
		b, err = br.ReadSlice('>')
		buf = append(buf, b...)
	}
}

// quotesClosed reports whether every quoted attribute value in a tag's text is closed.
func quotesClosed(tag []byte) bool {
	var quote byte
	for _, c := range tag {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		}
	}
	return quote == 0
}

// skipPast reads up to and including end, and says whether anything but white space
// came before it (for CDATA, which is text).
func skipPast(br *bufio.Reader, end string) (nonSpace bool, err error) {
	var tail []byte
	for {
		b, err := br.ReadByte()
		if err != nil {
			return false, unexpectedEOF(err)
		}
		tail = append(tail, b)
		if string(tail) == end {
			return nonSpace, nil
		}
		if len(tail) == len(end) { // its first byte is not part of the end
			c := tail[0]
			nonSpace = nonSpace || !(c == ' ' || c == '\t' || c == '\n' || c == '\r')
			tail = append(tail[:0], tail[1:]...)
		}
	}
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// columnOf is the column of a cell reference ("AB12" → 28), 0 when it is none: as
// excelize.CellNameToCoordinates, without its allocations, for every cell of the sheet.
func columnOf(ref []byte) int {
	col, i := 0, 0
	for ; i < len(ref) && i < 3; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	if i == 0 || i == len(ref) || col > excelize.MaxColumns || !allDigits(string(ref[i:])) {
		return 0
	}
	return col
}

// tagAttr is the value of an attribute in a tag's attribute text (` r="B7" t="s"`), nil when absent.
func tagAttr(tag []byte, name string) []byte {
	for len(tag) > 0 {
		tag = bytes.TrimLeft(tag, " \t\r\n/")
		eq := bytes.IndexByte(tag, '=')
		if eq < 0 {
			return nil
		}
		key := bytes.TrimSpace(tag[:eq])
		rest := bytes.TrimLeft(tag[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return nil
		}
		closeAt := bytes.IndexByte(rest[1:], rest[0])
		if closeAt < 0 {
			return nil
		}
		if string(key[bytes.LastIndexByte(key, ':')+1:]) == name {
			return rest[1 : 1+closeAt]
		}
		tag = rest[closeAt+2:]
	}
	return nil
}

// sheetPart finds the zip entry of a sheet by its name the way excelize does: the
// package's officeDocument relationship names the workbook, the workbook's sheet list
// names the relationship, the relationship names the part.
func sheetPart(zr *zip.Reader, charset func(string, io.Reader) (io.Reader, error), sheet string) (*zip.File, error) {
	files := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		files[strings.ReplaceAll(f.Name, "\\", "/")] = f
	}
	type rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	readXML := func(name string, v any) error {
		f, ok := files[name]
		if !ok {
			return fmt.Errorf("the workbook has no %s", name)
		}
		r, err := f.Open()
		if err != nil {
			return err
		}
		defer r.Close()
		d := xml.NewDecoder(io.LimitReader(r, maxPartXML))
		d.CharsetReader = charset
		return d.Decode(v)
	}
	resolve := func(dir, target string) string {
		if strings.HasPrefix(target, "/") {
			return strings.TrimPrefix(path.Clean(target), "/")
		}
		return strings.TrimPrefix(path.Clean(dir+"/"+target), "/")
	}
	wb := "xl/workbook.xml"
	var pkg rels
	if err := readXML("_rels/.rels", &pkg); err == nil {
		for _, r := range pkg.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wb = resolve("", r.Target)
				break
			}
		}
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"id,attr"` // r:id
		} `xml:"sheets>sheet"`
	}
	if err := readXML(wb, &book); err != nil {
		return nil, err
	}
	var wbRels rels
	dir := path.Dir(wb)
	if err := readXML(strings.TrimPrefix(path.Join(dir, "_rels", path.Base(wb)+".rels"), "/"), &wbRels); err != nil {
		return nil, err
	}
	for _, exact := range []bool{true, false} {
		for _, s := range book.Sheets {
			if s.Name != sheet && (exact || !strings.EqualFold(s.Name, sheet)) {
				continue
			}
			for _, r := range wbRels.Rel {
				if r.ID == s.ID {
					if f, ok := files[resolve(dir, r.Target)]; ok {
						return f, nil
					}
				}
			}
		}
	}
	return nil, fmt.Errorf("the workbook has no part for sheet %q", sheet)
}
