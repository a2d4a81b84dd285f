package export

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // shop logos: JPEG
	"image/png"
	"io"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"returndesk/internal/picture"

	"returndesk/internal/textwidth"

	"codeberg.org/go-pdf/fpdf"
	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/code128"
	"github.com/boombuler/barcode/qr"
	"golang.org/x/image/draw"
	"golang.org/x/image/font/sfnt"

	"returndesk/assets"
	"returndesk/model"
)

// PDFOptions say how a PDF document (slip or label) is written.
type PDFOptions struct {
	// Created is the document's creation and modification date; zero means now.
	Created time.Time
	// Uncompressed writes the content streams as plain text: for golden files in tests.
	Uncompressed bool
}

// The fonts every document embeds (as subsets): Liberation Sans for Latin text and Droid Sans
// Fallback for Chinese, Japanese and Korean. Neither covers the other's script, so text is
// written in runs, each in the font that has its characters.
const (
	familyLatin = "latin"
	familyCJK   = "cjk"
)

// mmPerPt converts font sizes (points) to the documents' unit (millimetres).
const mmPerPt = 25.4 / 72

// lineFactor is the height of a line of text in multiples of its font size.
const lineFactor = 1.22

// face is the font a character is written in.
type face uint8

const (
	faceLatin face = iota
	faceCJK
)

// textStyle is a font size in points, bold or not.
type textStyle struct {
	size float64
	bold bool
}

// lineHeight is the height of one line in mm.
func (s textStyle) lineHeight() float64 { return s.size * mmPerPt * lineFactor }

// ascent is the distance from the top of a line to its baseline in mm.
func (s textStyle) ascent() float64 {
	return s.size * mmPerPt * (0.9 + (lineFactor-1)/2)
}

// scaled is the style at a fraction of its size.
func (s textStyle) scaled(f float64) textStyle { return textStyle{s.size * f, s.bold} }

// metrics tells which font has a character and how wide characters are, for every document:
// the fonts are parsed once, and widths are measured with a page-less fpdf document with the
// same fonts (so that measuring writes nothing into a document's pages) and then remembered.
var metrics struct {
	once  sync.Once
	err   error
	mu    sync.Mutex
	latin *sfnt.Font
	cjk   *sfnt.Font
	buf   sfnt.Buffer
	pdf   *fpdf.Fpdf // never gets a page
	faces map[rune]face
	drawn map[rune]bool        // whether a bundled font has the character (see hasGlyph)
	width map[widthKey]float64 // of one character at 1 pt, in mm
	fonts [numFonts]*trueType  // what documents embed subsets of
}

type widthKey struct {
	r    rune
	bold bool
}

// docFont is one of the fonts a document embeds.
type docFont int

const (
	fontLatin docFont = iota
	fontLatinBold
	fontCJK
	numFonts
)

// docFonts are the family, style and file of each font.
var docFonts = [numFonts]struct {
	family, style string
	data          func() []byte
}{
	fontLatin:     {familyLatin, "", assets.LatinFontBytes},
	fontLatinBold: {familyLatin, "B", assets.LatinBoldFontBytes},
	fontCJK:       {familyCJK, "", assets.CJKFontBytes},
}

func loadMetrics() error {
	metrics.once.Do(func() {
		var err error
		if metrics.latin, err = sfnt.Parse(assets.LatinFontBytes()); err != nil {
			metrics.err = fmt.Errorf("the Latin font: %w", err)
			return
		}
		if metrics.cjk, err = sfnt.Parse(assets.CJKFontBytes()); err != nil {
			metrics.err = fmt.Errorf("the CJK font: %w", err)
			return
		}
		for i, f := range docFonts {
			if metrics.fonts[i], err = parseTrueType(f.data()); err != nil {
				metrics.err = fmt.Errorf("the %s %s font: %w", f.family, f.style, err)
				return
			}
		}
		pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm"})
		for _, f := range docFonts {
			pdf.AddUTF8FontFromBytes(f.family, f.style, f.data())
		}
		if metrics.err = pdf.Error(); metrics.err != nil {
			return
		}
		metrics.pdf = pdf
		metrics.faces = map[rune]face{}
		metrics.drawn = map[rune]bool{}
		metrics.width = map[widthKey]float64{}
	})
	return metrics.err
}

// faceOf is the font that has r: the Latin font when it does, else the CJK font when it does,
// else the Latin font (which then shows its missing-glyph box; the text stays searchable).
func faceOf(r rune) face {
	metrics.mu.Lock()
	defer metrics.mu.Unlock()
	return faceLocked(r)
}

// hasGlyph reports whether a bundled font draws r (true when the fonts cannot be read: the
// document then fails on that).
func hasGlyph(r rune) bool {
	if r < 0x7f || loadMetrics() != nil {
		return true
	}
	metrics.mu.Lock()
	defer metrics.mu.Unlock()
	if has, ok := metrics.drawn[r]; ok {
		return has
	}
	has := false
	for _, f := range []*sfnt.Font{metrics.latin, metrics.cjk} {
		if i, err := f.GlyphIndex(&metrics.buf, r); err == nil && i != 0 {
			has = true
		}
	}
	metrics.drawn[r] = has
	return has
}

func faceLocked(r rune) face {
	if f, ok := metrics.faces[r]; ok {
		return f
	}
	f := faceLatin
	if i, err := metrics.latin.GlyphIndex(&metrics.buf, r); err != nil || i == 0 {
		if j, err := metrics.cjk.GlyphIndex(&metrics.buf, r); err == nil && j != 0 {
			f = faceCJK
		}
	}
	metrics.faces[r] = f
	return f
}

// runeWidth is the width of one character in mm at a style, as fpdf measures it.
func runeWidth(r rune, st textStyle) float64 {
	metrics.mu.Lock()
	defer metrics.mu.Unlock()
	f := faceLocked(r)
	k := widthKey{r, st.bold && f == faceLatin}
	w, ok := metrics.width[k]
	if !ok {
		switch {
		case f == faceCJK:
			metrics.pdf.SetFont(familyCJK, "", 1000)
		case k.bold:
			metrics.pdf.SetFont(familyLatin, "B", 1000)
		default:
			metrics.pdf.SetFont(familyLatin, "", 1000)
		}
		w = metrics.pdf.GetStringWidth(string(r)) / 1000
		metrics.width[k] = w
	}
	return w * st.size
}

// doc is a PDF being written, with the fonts registered and the helpers the documents share.
type doc struct {
	pdf canvas
	out *fpdf.Fpdf // the PDF; nil on a probe
	ink [3]int     // the text colour

	used fontUse // the characters drawn in each font

	logoName     string  // the shop's logo once registered
	logoW, logoH float64 // its size in pixels

	err error // the first error met while drawing
}

// fontUse is the characters a document draws in each of its fonts.
type fontUse [numFonts]map[rune]bool

func (u *fontUse) add(f docFont, s string) {
	if u[f] == nil {
		u[f] = map[rune]bool{}
	}
	for _, r := range s {
		u[f][r] = true
	}
}

// covers reports whether every character of o is in u.
func (u *fontUse) covers(o *fontUse) bool {
	for f := range o {
		for r := range o[f] {
			if !u[f][r] {
				return false
			}
		}
	}
	return true
}

// writeDoc lays a document out and draws it twice: first on a probe, which learns which
// characters it prints in which font, then on the PDF, whose fonts are cut down to those
// characters (see trueType).
func writeDoc(w io.Writer, opt PDFOptions, title string, draw func(d *doc) error) error {
	probe, err := newProbeDoc()
	if err != nil {
		return err
	}
	if err := draw(probe); err != nil {
		return err
	}
	d, err := newDoc(opt, title, &probe.used)
	if err != nil {
		return err
	}
	if err := draw(d); err != nil {
		return err
	}
	if !probe.used.covers(&d.used) {
		return errors.New("the document drew characters its first pass did not")
	}
	b, err := d.finish()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// newProbeDoc is a document drawn on a probe canvas.
func newProbeDoc() (*doc, error) {
	if err := loadMetrics(); err != nil {
		return nil, err
	}
	return &doc{pdf: &probeCanvas{}}, nil
}

// newDoc starts a PDF in millimetres with subsets of the fonts (the characters in used) and no page yet.
func newDoc(opt PDFOptions, title string, used *fontUse) (*doc, error) {
	if err := loadMetrics(); err != nil {
		return nil, err
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: 210, Ht: 297}})
	pdf.SetCompression(!opt.Uncompressed)
	pdf.SetCatalogSort(true)
	created := opt.Created
	if created.IsZero() {
		created = time.Now()
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCreator("ReturnDesk", true)
	pdf.SetTitle(title, true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	for i, f := range docFonts {
		if len(used[i]) == 0 {
			continue
		}
		runes := make([]rune, 0, len(used[i]))
		for r := range used[i] {
			runes = append(runes, r)
		}
		pdf.AddUTF8FontFromBytes(f.family, f.style, metrics.fonts[i].subset(runes))
	}
	if err := pdf.Error(); err != nil {
		return nil, err
	}
	return &doc{pdf: pdf, out: pdf}, nil
}

// fpdfSize is a page size in mm.
func fpdfSize(w, h float64) fpdf.SizeType { return fpdf.SizeType{Wd: w, Ht: h} }

// finish writes the document out.
func (d *doc) finish() ([]byte, error) {
	var b bytes.Buffer
	if err := d.out.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// missingGlyph is what a character that no bundled font draws prints as: emoji (outside the
// Basic Multilingual Plane, which the fonts' 16-bit encoding cannot hold anyway), symbols such as
// ❤ or ★, undecodable bytes. Written as it is, such a character would print as the font's
// empty box; a question mark at least says that something stood there. (Debian ships no
// monochrome emoji font that fits the PDF's 16-bit encoding; the colour one cannot be embedded.)
const missingGlyph = '?'

// printable makes text printable: one kind of line break, no control characters, and
// missingGlyph for every character no bundled font draws.
func printable(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r' || r == '\u00a0':
			return ' '
		case unicode.IsControl(r), r == '\u200b', r == '\ufeff':
			return -1
		case r == utf8.RuneError, r > 0xFFFF, !hasGlyph(r):
			return missingGlyph
		}
		return r
	}, s)
}

// textRun is a piece of text written in one font.
type textRun = run[face]

// run is a piece of text in one font, named as its writer names fonts.
type run[F comparable] struct {
	face F
	text string
}

// runs splits text where the font changes.
func (d *doc) runs(s string) []textRun {
	return splitRuns(s, faceLatin, func(r rune, cur face) face {
		if r == ' ' {
			return cur // a space stays in the run it is in
		}
		return faceOf(r)
	})
}

// splitRuns splits s where fontOf changes, starting in first; fontOf sees the font of the
// run so far.
func splitRuns[F comparable](s string, first F, fontOf func(r rune, cur F) F) []run[F] {
	var out []run[F]
	start, cur := 0, first
	for i, r := range s {
		f := fontOf(r, cur)
		if i > 0 && f != cur {
			out = append(out, run[F]{cur, s[start:i]})
			start = i
		}
		cur = f
	}
	if start < len(s) {
		out = append(out, run[F]{cur, s[start:]})
	}
	return out
}

// fontOf is the font a run is written in. The CJK font has one weight: its bold is drawn by
// stroking the outline as well as filling it (see text).
func fontOf(f face, st textStyle) docFont {
	switch {
	case f == faceCJK:
		return fontCJK
	case st.bold:
		return fontLatinBold
	}
	return fontLatin
}

// width is the width of text in mm.
func (d *doc) width(s string, st textStyle) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r, st)
	}
	return w
}

// color sets the colour of the text that follows.
func (d *doc) color(r, g, b int) {
	d.ink = [3]int{r, g, b}
	d.pdf.SetTextColor(r, g, b)
}

// text writes one line of text with its baseline at y; it does not wrap.
func (d *doc) text(x, y float64, s string, st textStyle) {
	for _, r := range d.runs(s) {
		f := fontOf(r.face, st)
		d.used.add(f, r.text)
		d.pdf.SetFont(docFonts[f].family, docFonts[f].style, st.size)
		fake := r.face == faceCJK && st.bold
		if fake {
			lw := d.pdf.GetLineWidth()
			dr, dg, db := d.pdf.GetDrawColor()
			d.pdf.SetDrawColor(d.ink[0], d.ink[1], d.ink[2])
			d.pdf.SetLineWidth(st.size * mmPerPt * 0.045)
			d.pdf.SetTextRenderingMode(2)
			d.pdf.Text(x, y, r.text)
			d.pdf.SetTextRenderingMode(0)
			d.pdf.SetLineWidth(lw)
			d.pdf.SetDrawColor(dr, dg, db)
		} else {
			d.pdf.Text(x, y, r.text)
		}
		x += d.width(r.text, st)
	}
}

// Alignment of a line inside its width.
type textAlign int

const (
	alignLeft textAlign = iota
	alignCenter
	alignRight
)

// lines writes wrapped lines from the top y down, aligned inside width, and returns the height used.
func (d *doc) lines(x, y, width float64, ls []string, st textStyle, a textAlign) float64 {
	lh := st.lineHeight()
	for i, l := range ls {
		lx := x
		switch a {
		case alignCenter:
			lx = x + (width-d.width(l, st))/2
		case alignRight:
			lx = x + width - d.width(l, st)
		}
		d.text(lx, y+float64(i)*lh+st.ascent(), l, st)
	}
	return float64(len(ls)) * lh
}

// wrap breaks text into lines no wider than width: at spaces between Latin words, between any
// two Chinese, Japanese or Korean characters (never before closing or after opening punctuation),
// and inside a word only when the word alone is wider than a line. Line breaks in the text are
// kept. Every character except the spaces at a break ends up in exactly one line: fpdf's own
// MultiCell and SplitText drop one CJK character at each break, so they are not used.
func (d *doc) wrap(s string, width float64, st textStyle) []string {
	var out []string
	for _, para := range strings.Split(printable(s), "\n") {
		out = append(out, d.wrapParagraph(para, width, st)...)
	}
	return out
}

func (d *doc) wrapParagraph(para string, width float64, st textStyle) []string {
	rs := []rune(strings.TrimRight(para, " "))
	if len(rs) == 0 {
		return []string{""}
	}
	ws := make([]float64, len(rs))
	for i, r := range rs {
		ws[i] = runeWidth(r, st)
	}
	var out []string
	start := 0
	for start < len(rs) {
		// Leading spaces of a line (after a break) are dropped.
		for start < len(rs) && rs[start] == ' ' {
			start++
		}
		if start == len(rs) {
			break
		}
		w := 0.0
		end := start // the line is rs[start:end]
		lastBreak := -1
		for end < len(rs) {
			if end > start && canBreak(rs, end) {
				lastBreak = end
			}
			if w+ws[end] > width+1e-9 && end > start {
				break
			}
			w += ws[end]
			end++
		}
		// A line that is full breaks at the space that overflows it, else at the last place
		// it may break, else (one long word) right where it is full.
		if end < len(rs) && rs[end] != ' ' && lastBreak > start {
			end = lastBreak
		}
		out = append(out, strings.TrimRight(string(rs[start:end]), " "))
		start = end
	}
	return out
}

// canBreak reports whether a line may break before rs[i].
func canBreak(rs []rune, i int) bool {
	if i <= 0 || i >= len(rs) {
		return false
	}
	prev, next := rs[i-1], rs[i]
	if next == ' ' {
		return false // break after the spaces, not before them
	}
	if prev == ' ' {
		return true
	}
	if strings.ContainsRune(noBreakBefore, next) || strings.ContainsRune(noBreakAfter, prev) {
		return false
	}
	return textwidth.Wide(prev) || textwidth.Wide(next)
}

// Punctuation that must not start a line, and punctuation that must not end one.
const (
	noBreakBefore = "，。、；：！？）」』】〉》〕”’…·,.;:!?)]}%-/"
	noBreakAfter  = "（「『【〈《〔“‘([{"
)

// rule draws a horizontal line.
func (d *doc) rule(x1, x2, y, lineWidth float64, gray int) {
	d.pdf.SetDrawColor(gray, gray, gray)
	d.pdf.SetLineWidth(lineWidth)
	d.pdf.Line(x1, y, x2, y)
}

// dashed draws a dashed horizontal line.
func (d *doc) dashed(x1, x2, y float64) {
	d.pdf.SetDrawColor(110, 110, 110)
	d.pdf.SetLineWidth(0.3)
	d.pdf.SetDashPattern([]float64{2.5, 1.5}, 0)
	d.pdf.Line(x1, y, x2, y)
	d.pdf.SetDashPattern([]float64{}, 0)
}

// Barcode geometry. Barcodes (made by boombuler/barcode) are embedded as images with whole pixels
// per module, at sizes that scanners read from paper (and zbarimg from a 200 dpi rendering).
const (
	barcodePixels = 4    // pixels per module of the Code 128 image
	qrPixels      = 8    // pixels per module of the QR image
	code128Module = 0.33 // mm: the usual X dimension of a Code 128 symbol
	code128Min    = 0.25 // mm: the narrowest module drawn
)

// code128Modules is the width of content as a Code 128 symbol, in modules (quiet zones excluded).
func code128Modules(content string) (int, error) {
	bc, err := code128.Encode(content)
	if err != nil {
		return 0, fmt.Errorf("code 128 of %q: %w", content, err)
	}
	return bc.Bounds().Dx(), nil
}

// code128 draws content as a Code 128 barcode at x, y, module mm per module and h high;
// it returns the width drawn. Leave 10 modules blank on either side (the quiet zone).
func (d *doc) code128(content string, x, y, module, h float64) (float64, error) {
	bc, err := code128.Encode(content)
	if err != nil {
		return 0, fmt.Errorf("code 128 of %q: %w", content, err)
	}
	n := bc.Bounds().Dx()
	name, err := d.barcodeImage(bc, barcodePixels, 8)
	if err != nil {
		return 0, err
	}
	w := float64(n) * module
	d.pdf.Image(name, x, y, w, h, false, "", 0, "")
	return w, d.pdf.Error()
}

// qr draws content as a QR code (error correction level M) size mm square at x, y. Leave four
// modules blank around it (the quiet zone): size/5 is enough for the short numbers printed here.
func (d *doc) qr(content string, x, y, size float64) error {
	// Encoding picks the best of eight masks: the slowest step of a barcode, so done once a document.
	name := barcodeName(barcode.TypeQR, content)
	if d.pdf.GetImageInfo(name) == nil {
		bc, err := qr.Encode(content, qr.M, qr.Auto)
		if err != nil {
			return fmt.Errorf("QR code of %q: %w", content, err)
		}
		if _, err := d.barcodeImage(bc, qrPixels, 0); err != nil {
			return err
		}
	}
	d.pdf.Image(name, x, y, size, size, false, "", 0, "")
	return d.pdf.Error()
}

// barcodeName is the name a barcode's image is registered under.
func barcodeName(kind, content string) string { return "barcode-" + kind + "-" + content }

// barcodePNG encodes barcode images, reusing its compressors from one to the next.
var barcodePNG = png.Encoder{BufferPool: &pngBuffers{}}

type pngBuffers struct{ sync.Pool }

func (p *pngBuffers) Get() *png.EncoderBuffer {
	b, _ := p.Pool.Get().(*png.EncoderBuffer)
	return b
}

func (p *pngBuffers) Put(b *png.EncoderBuffer) { p.Pool.Put(b) }

// barcodeImage registers a barcode at px pixels a module as a grey PNG image, once per document
// however often it is drawn, and returns its name. (fpdf's contrib/barcode registers one image
// per position drawn, so the two copies on an A4 page gave a resource dictionary with duplicate
// keys, which qpdf --check reports.)
func (d *doc) barcodeImage(bc barcode.Barcode, px, h int) (string, error) {
	name := barcodeName(bc.Metadata().CodeKind, bc.Content())
	if d.pdf.GetImageInfo(name) != nil {
		return name, nil
	}
	// Each module is px×px pixels (px wide and h high for a one-dimensional code), filled a row
	// at a time: barcode.Scale's image answers one pixel a call, a millisecond for a QR code.
	b := bc.Bounds()
	rows := b.Dy() * px
	if bc.Metadata().Dimensions == 1 {
		rows = h
	}
	gray := image.NewGray(image.Rect(0, 0, b.Dx()*px, rows))
	for y := range rows {
		line := gray.Pix[y*gray.Stride : y*gray.Stride+gray.Rect.Dx()]
		if y%px != 0 {
			copy(line, gray.Pix[(y-1)*gray.Stride:])
			continue
		}
		my := b.Min.Y + min(y/px, b.Dy()-1)
		for mx := range b.Dx() {
			v := color.GrayModel.Convert(bc.At(b.Min.X+mx, my)).(color.Gray).Y
			for i := range px {
				line[mx*px+i] = v
			}
		}
	}
	var buf bytes.Buffer
	if err := barcodePNG.Encode(&buf, gray); err != nil {
		return "", err
	}
	d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, &buf)
	return name, d.pdf.Error()
}

// maxLogoPixels is the longest side of a logo as embedded: plenty for a few centimetres of print.
const maxLogoPixels = 600

// logoPNG checks that data is a PNG or JPEG picture and returns it as a non-interlaced 8-bit PNG
// (which fpdf embeds) no larger than maxLogoPixels on its longest side.
func logoPNG(data []byte) ([]byte, int, int, error) {
	if _, _, err := model.CheckLogo(data); err != nil {
		return nil, 0, 0, err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, model.Wrap(model.EINVALID, err, "the logo is a damaged picture")
	}
	dst := picture.Fit(img, maxLogoPixels, draw.CatmullRom)
	var out bytes.Buffer
	if err := png.Encode(&out, dst); err != nil {
		return nil, 0, 0, err
	}
	return out.Bytes(), dst.Bounds().Dx(), dst.Bounds().Dy(), nil
}

// lastLogo is the logo shopLogoPNG converted last: a shop prints every document with the same one.
var lastLogo struct {
	sync.Mutex
	in, png []byte
	w, h    int
	err     error
}

// shopLogoPNG is logoPNG, remembered for the last logo.
func shopLogoPNG(data []byte) ([]byte, int, int, error) {
	lastLogo.Lock()
	defer lastLogo.Unlock()
	if lastLogo.in == nil || !bytes.Equal(lastLogo.in, data) {
		lastLogo.png, lastLogo.w, lastLogo.h, lastLogo.err = logoPNG(data)
		lastLogo.in = bytes.Clone(data)
	}
	return lastLogo.png, lastLogo.w, lastLogo.h, lastLogo.err
}

// logo registers the shop's logo (once per document) and returns its name and pixel size;
// "" when there is none or it cannot be read (the document is then printed without it).
func (d *doc) logo(data []byte) (string, float64, float64) {
	if d.logoName != "" || len(data) == 0 {
		return d.logoName, d.logoW, d.logoH
	}
	png, w, h, err := shopLogoPNG(data)
	if err != nil {
		return "", 0, 0
	}
	const name = "shop-logo"
	d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	if d.pdf.Err() {
		d.pdf.ClearError()
		return "", 0, 0
	}
	d.logoName, d.logoW, d.logoH = name, float64(w), float64(h)
	return d.logoName, d.logoW, d.logoH
}

// fitLogo is the size of a w×h pixel picture scaled into maxW×maxH mm.
func fitLogo(w, h, maxW, maxH float64) (float64, float64) {
	if w <= 0 || h <= 0 {
		return 0, 0
	}
	s := min(maxW/w, maxH/h)
	return w * s, h * s
}

// block is one piece of a document stacked top to bottom: its height in mm, and how to draw it
// with its top-left corner at x, y. The blocks of a document are built for one width.
type block struct {
	h    float64
	draw func(x, y float64)
}

// blocksHeight is the height of blocks stacked.
func blocksHeight(bs []block) float64 {
	h := 0.0
	for _, b := range bs {
		h += b.h
	}
	return h
}

// drawBlocks draws blocks stacked from y down at x and returns the y below them.
func drawBlocks(bs []block, x, y float64) float64 {
	for _, b := range bs {
		b.draw(x, y)
		y += b.h
	}
	return y
}

// stackPage puts blocks on a new page w wide and as long as they are (minH at the least),
// top below its top edge and bottom above its bottom edge, at x.
func (d *doc) stackPage(w, minH, x, top, bottom float64, bs []block) error {
	d.pdf.AddPageFormat("P", fpdfSize(w, max(minH, top+blocksHeight(bs)+bottom)))
	drawBlocks(bs, x, top)
	return d.drawErr()
}

// blankBlock is blank space.
func blankBlock(h float64) block { return block{h: h, draw: func(float64, float64) {}} }

// placement is where flowBlocks put a block: on which page (from 0) and at which y.
type placement struct {
	page int
	y    float64
}

// flowBlocks places blocks on pages whose usable part runs from top to bottom (mm from the
// page's top edge): a block that does not fit on the current page starts the next one. A block
// taller than a page would overflow it, so callers split tall content into blocks no taller than
// bottom-top (see longRow).
func flowBlocks(bs []block, top, bottom float64) ([]placement, int) {
	out := make([]placement, len(bs))
	page, y := 0, top
	for i, b := range bs {
		if y > top && y+b.h > bottom+1e-6 {
			page, y = page+1, top
		}
		out[i] = placement{page, y}
		y += b.h
	}
	return out, page + 1
}

// tcell is one cell of a table row: a label (on a grey background, small) or a value.
type tcell struct {
	text  string
	w     float64 // mm
	label bool
}

// tableStyle is how a table's rows look.
type tableStyle struct {
	label, value textStyle
	pad          float64 // inside each cell, mm
	borders      bool    // receipts have none
}

// rowLines wraps each cell of a row and returns the lines and the row's height.
func (d *doc) rowLines(cells []tcell, ts tableStyle) ([][]string, float64) {
	lines := make([][]string, len(cells))
	h := 0.0
	for i, c := range cells {
		if c.label {
			lines[i] = d.labelLines(c.text, c.w-2*ts.pad, ts.label)
			h = max(h, labelDrop(ts)+float64(len(lines[i]))*ts.label.lineHeight())
		} else {
			lines[i] = d.wrap(c.text, c.w-2*ts.pad, ts.value)
			h = max(h, float64(len(lines[i]))*ts.value.lineHeight())
		}
	}
	return lines, h + 2*ts.pad
}

// labelLines wraps a bilingual label ("Fault / 故障描述"): on one line when it fits, else the
// English and the Chinese each on lines of their own.
func (d *doc) labelLines(text string, width float64, st textStyle) []string {
	if d.width(text, st) <= width {
		return []string{text}
	}
	if en, zh, ok := strings.Cut(text, " / "); ok {
		return append(d.wrap(en, width, st), d.wrap(zh, width, st)...)
	}
	return d.wrap(text, width, st)
}

// labelDrop lowers a label so that its first baseline is the value's.
func labelDrop(ts tableStyle) float64 { return max(0, ts.value.ascent()-ts.label.ascent()) }

// row is a table row: its cells side by side, each wrapped to its width, as high as the tallest.
func (d *doc) row(cells []tcell, ts tableStyle) block {
	lines, h := d.rowLines(cells, ts)
	return block{h: h, draw: func(x, y float64) { d.drawRow(x, y, h, cells, lines, ts) }}
}

func (d *doc) drawRow(x, y, h float64, cells []tcell, lines [][]string, ts tableStyle) {
	cx := x
	for i, c := range cells {
		if c.label {
			if ts.borders {
				d.pdf.SetFillColor(238, 238, 238)
				d.pdf.Rect(cx, y, c.w, h, "F")
			}
			d.color(70, 70, 70)
			d.lines(cx+ts.pad, y+ts.pad+labelDrop(ts), c.w-2*ts.pad, lines[i], ts.label, alignLeft)
		} else {
			d.color(0, 0, 0)
			d.lines(cx+ts.pad, y+ts.pad, c.w-2*ts.pad, lines[i], ts.value, alignLeft)
		}
		if ts.borders {
			d.pdf.SetDrawColor(120, 120, 120)
			d.pdf.SetLineWidth(0.2)
			d.pdf.Rect(cx, y, c.w, h, "D")
		}
		cx += c.w
	}
	d.color(0, 0, 0)
}

// longRow is a table row with one label and one long value: split into several rows, each at
// most maxH high, when the value is too long for one page (the label then says it continues).
func (d *doc) longRow(label string, lw float64, value string, vw float64, ts tableStyle, maxH float64) []block {
	lines := d.wrap(value, vw-2*ts.pad, ts.value)
	lh := ts.value.lineHeight()
	per := max(1, int((maxH-2*ts.pad)/lh))
	if len(lines) <= per {
		return []block{d.row([]tcell{{label, lw, true}, {value, vw, false}}, ts)}
	}
	var out []block
	for i := 0; i < len(lines); i += per {
		chunk := lines[i:min(len(lines), i+per)]
		l := label
		if i > 0 {
			en, zh, _ := strings.Cut(label, " / ")
			l = en + " (cont.) / " + zh + "（续）"
		}
		labelLines := d.labelLines(l, lw-2*ts.pad, ts.label)
		h := max(float64(len(chunk))*lh, labelDrop(ts)+float64(len(labelLines))*ts.label.lineHeight()) + 2*ts.pad
		cells := []tcell{{l, lw, true}, {strings.Join(chunk, "\n"), vw, false}}
		ls := [][]string{labelLines, chunk}
		out = append(out, block{h: h, draw: func(x, y float64) { d.drawRow(x, y, h, cells, ls, ts) }})
	}
	return out
}
