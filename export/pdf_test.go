package export

import (
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func testDoc(t *testing.T) *doc {
	t.Helper()
	d, err := newProbeDoc()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checkWrap checks that lines hold every character of text but the spaces at the breaks, and
// that none is wider than width (unless it is a single character).
func checkWrap(t *testing.T, d *doc, text string, width float64, st textStyle, lines []string) {
	t.Helper()
	noSpace := func(s string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(s) }
	if got, want := noSpace(strings.Join(lines, "")), noSpace(printable(text)); got != want {
		t.Errorf("wrapping %q lost or changed characters:\n got %q\nwant %q", text, got, want)
	}
	for _, l := range lines {
		if w := d.width(l, st); w > width+1e-6 && utf8.RuneCountInString(l) > 1 {
			t.Errorf("line %q is %.2f mm wide, more than %.2f mm", l, w, width)
		}
		if strings.HasPrefix(l, " ") || strings.HasSuffix(l, " ") {
			t.Errorf("line %q starts or ends with a space", l)
		}
	}
}

func TestWrapKeepsEveryCharacter(t *testing.T) {
	d := testDoc(t)
	st := textStyle{size: 9}
	for _, tt := range []struct {
		text  string
		width float64
	}{
		{longFault, 40},
		{longFault, 73.5},
		{longName, 25},
		{strings.Repeat("无法开机", 50), 31},
		{"SN-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789", 20},
		{"line one\nline two\n\n第三行", 100},
		{"", 50},
		{"a", 0.1},
		{"  leading and trailing spaces   ", 15},
	} {
		lines := d.wrap(tt.text, tt.width, st)
		checkWrap(t, d, tt.text, tt.width, st, lines)
	}
}

func TestWrapBreaksWhereAReaderExpects(t *testing.T) {
	d := testDoc(t)
	st := textStyle{size: 9}
	// Latin text breaks between words only.
	text := "Picture freezes every few minutes; night vision IR does not switch on"
	words := map[string]bool{}
	for _, w := range strings.Fields(text) {
		words[w] = true
	}
	for _, l := range d.wrap(text, 30, st) {
		for _, w := range strings.Fields(l) {
			if !words[w] {
				t.Errorf("line %q breaks inside a word (%q)", l, w)
			}
		}
	}
	// Chinese text breaks between any two characters, never before closing punctuation.
	lines := d.wrap("无法开机，充电指示灯不亮。屏幕显示乱码，按键无反应。", 19, st)
	if len(lines) < 3 {
		t.Errorf("lines %q: want the text over three lines or more", lines)
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "，") || strings.HasPrefix(l, "。") {
			t.Errorf("line %q starts with closing punctuation", l)
		}
	}
	// Line breaks in the text are kept, empty lines too.
	if got := d.wrap("a\n\nb", 50, st); strings.Join(got, "|") != "a||b" {
		t.Errorf("wrap kept the lines as %q", got)
	}
}

func TestWrapRandomText(t *testing.T) {
	d := testDoc(t)
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "word", "Serial-0042", " ", " ", "  ", "屏", "幕", "，", "。", "（", "）", "(", ")", ",", ".", "·", "—", "\n", "직", "カ", "x\u00a0y", "\t", "😀"}
	for i := 0; i < 300; i++ {
		var b strings.Builder
		for n := rng.IntN(60); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		width := 3 + rng.Float64()*60
		st := textStyle{size: 6 + rng.Float64()*10, bold: rng.IntN(2) == 0}
		checkWrap(t, d, b.String(), width, st, d.wrap(b.String(), width, st))
	}
}

func TestRunsUseTheFontThatHasTheCharacters(t *testing.T) {
	d := testDoc(t)
	got := d.runs("张伟 Zhang Wei，电话 138")
	want := []textRun{{faceCJK, "张伟 "}, {faceLatin, "Zhang Wei"}, {faceCJK, "，电话 "}, {faceLatin, "138"}}
	if len(got) != len(want) {
		t.Fatalf("runs = %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("run %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if faceOf('A') != faceLatin || faceOf('维') != faceCJK || faceOf('·') != faceLatin || faceOf('（') != faceCJK {
		t.Error("faceOf picks the wrong font")
	}
}

func TestCleanKeepsTextPrintable(t *testing.T) {
	// No bundled font draws 😀, ❤ or ★ (nor a byte that is no UTF-8): each prints as a question mark.
	if got := printable("a\r\nb\tc\x00d\u200be😀\xff❤★·屏"); got != "a\nb cde????·屏" {
		t.Errorf("clean = %q", got)
	}
}

func TestParsePageSize(t *testing.T) {
	for in, want := range map[string]PageSize{"a4": PageA4, " A5 ": PageA5, "80mm": PageRoll, "80MM": PageRoll, "80": PageRoll} {
		if got, err := ParsePageSize(in); err != nil || got != want {
			t.Errorf("ParsePageSize(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "a3", "letter", "58mm"} {
		if _, err := ParsePageSize(in); err == nil {
			t.Errorf("ParsePageSize(%q) accepted it", in)
		}
	}
}

// The PDF's fonts hold only the characters the first pass drew: a second pass that draws
// another one is refused, never printed as a blank.
func TestWriteDocRefusesACharacterItsFontsLack(t *testing.T) {
	pass := 0
	err := writeDoc(io.Discard, testPDFOptions, "test", func(d *doc) error {
		pass++
		d.pdf.AddPageFormat("P", fpdfSize(a5W, a5H))
		text := "维修 Order"
		if pass == 2 {
			text = "维修单 Order"
		}
		d.text(10, 10, text, textStyle{size: 9})
		return nil
	})
	if pass != 2 || err == nil {
		t.Errorf("%d passes, error %v", pass, err)
	}
}
