package export

import (
	"slices"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A subset draws every character it was cut for exactly as the whole font does (composite
// glyphs such as é included), and holds little else.
func TestFontSubsetKeepsTheGlyphs(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	text := []rune("Maintenance Order / 维修单 éÉçÅñ·—“”（续）客户联 0123456789 ¥€")
	for i, f := range docFonts {
		full, err := sfnt.Parse(f.data())
		if err != nil {
			t.Fatal(err)
		}
		sub, err := sfnt.Parse(metrics.fonts[i].subset(text))
		if err != nil {
			t.Fatalf("%s %s: the subset is not a font: %v", f.family, f.style, err)
		}
		if n := sub.NumGlyphs(); n > len(text)+len(metrics.fonts[i].base)+20 {
			t.Errorf("%s %s: the subset has %d glyphs", f.family, f.style, n)
		}
		var bf, bs sfnt.Buffer
		for _, r := range append(text, 'A', ' ') {
			gf, _ := full.GlyphIndex(&bf, r)
			gs, err := sub.GlyphIndex(&bs, r)
			if err != nil || (gf == 0) != (gs == 0) {
				t.Errorf("%s %s: %q is glyph %d in the font, %d (%v) in the subset", f.family, f.style, r, gf, gs, err)
				continue
			}
			if gf == 0 {
				continue
			}
			af, _ := full.GlyphAdvance(&bf, gf, fixed.I(1000), font.HintingNone)
			as, _ := sub.GlyphAdvance(&bs, gs, fixed.I(1000), font.HintingNone)
			sf, err1 := full.LoadGlyph(&bf, gf, fixed.I(1000), nil)
			ss, err2 := sub.LoadGlyph(&bs, gs, fixed.I(1000), nil)
			if af != as || err1 != nil || err2 != nil || !slices.Equal(sf, ss) {
				t.Errorf("%s %s: %q differs in the subset (advance %v/%v, %v, %v)", f.family, f.style, r, af, as, err1, err2)
			}
		}
		// A character the font lacks stays missing (the document shows the font's box).
		if g, _ := sub.GlyphIndex(&bs, '\uE000'); g != 0 {
			t.Errorf("%s %s: U+E000 got glyph %d", f.family, f.style, g)
		}
	}
}

// Every character the CJK font has in the common Chinese range comes through a subset.
func TestFontSubsetOfManyCharacters(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	cjk := metrics.fonts[fontCJK]
	var runes []rune
	for r := rune(0x4E00); r < 0x4E00+3000; r++ {
		if cjk.has(r) {
			runes = append(runes, r)
		}
	}
	sub, err := sfnt.Parse(cjk.subset(runes))
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	for _, r := range runes {
		if g, err := sub.GlyphIndex(&b, r); err != nil || g == 0 {
			t.Fatalf("%q lost in the subset: %d, %v", r, g, err)
		}
	}
}
