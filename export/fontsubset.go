package export

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// trueType is a TrueType font read once, from which each document cuts a small font with only
// the characters it prints. fpdf parses every font it is given in full, twice per document
// (when it is added and when it is written): for the 4 MB CJK font that was most of a slip's
// time. Given the small font, fpdf embeds the same glyphs (it subsets again, by the same rules).
type trueType struct {
	tables    map[string][]byte
	glyphs    [][]byte // each glyph's bytes as the glyf table holds them (padding included)
	advance   []uint16 // advance width of each glyph
	lsb       []int16  // left side bearing of each glyph
	cmap      []uint16 // glyph of each BMP character, as fpdf reads the font's cmap
	composite [][]int  // offsets, in a composite glyph, of its components' glyph numbers
	parts     [][]int  // the components' glyph numbers
	base      []rune   // the characters below U+0100 the font has, which fpdf always lists
}

// Offsets of the fields a subset changes.
const (
	headIndexToLocFormat = 50
	hheaNumberOfHMetrics = 34
	maxpNumGlyphs        = 4
)

var errTrueType = errors.New("not a TrueType font fpdf can embed")

func parseTrueType(data []byte) (*trueType, error) {
	if len(data) < 12 {
		return nil, errTrueType
	}
	f := &trueType{tables: map[string][]byte{}}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errTrueType
	}
	for i := range n {
		rec := data[12+16*i:]
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(size) > uint64(len(data)) {
			return nil, fmt.Errorf("%w: table %q out of the file", errTrueType, rec[:4])
		}
		f.tables[string(rec[:4])] = data[off : off+size]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "post"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("%w: no %q table", errTrueType, t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errTrueType
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[maxpNumGlyphs:]))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[hheaNumberOfHMetrics:]))
	hmtx, loca, glyf := f.tables["hmtx"], f.tables["loca"], f.tables["glyf"]
	long := binary.BigEndian.Uint16(head[headIndexToLocFormat:]) == 1
	if numHMetrics == 0 || numHMetrics > numGlyphs || len(hmtx) < 4*numHMetrics+2*(numGlyphs-numHMetrics) {
		return nil, fmt.Errorf("%w: bad hmtx", errTrueType)
	}
	if (long && len(loca) < 4*(numGlyphs+1)) || (!long && len(loca) < 2*(numGlyphs+1)) {
		return nil, fmt.Errorf("%w: bad loca", errTrueType)
	}
	offset := func(g int) int {
		if long {
			return int(binary.BigEndian.Uint32(loca[4*g:]))
		}
		return 2 * int(binary.BigEndian.Uint16(loca[2*g:]))
	}
	f.glyphs = make([][]byte, numGlyphs)
	f.advance = make([]uint16, numGlyphs)
	f.lsb = make([]int16, numGlyphs)
	f.composite = make([][]int, numGlyphs)
	f.parts = make([][]int, numGlyphs)
	for g := range numGlyphs {
		from, to := offset(g), offset(g+1)
		if from > to || to > len(glyf) {
			return nil, fmt.Errorf("%w: glyph %d out of the glyf table", errTrueType, g)
		}
		f.glyphs[g] = glyf[from:to:to]
		if g < numHMetrics {
			f.advance[g] = binary.BigEndian.Uint16(hmtx[4*g:])
			f.lsb[g] = int16(binary.BigEndian.Uint16(hmtx[4*g+2:]))
		} else {
			f.advance[g] = f.advance[numHMetrics-1]
			f.lsb[g] = int16(binary.BigEndian.Uint16(hmtx[4*numHMetrics+2*(g-numHMetrics):]))
		}
		if err := f.readComposite(g); err != nil {
			return nil, err
		}
	}
	if err := f.readCmap(); err != nil {
		return nil, err
	}
	for r := range rune(0x100) {
		if f.cmap[r] != 0 {
			f.base = append(f.base, r)
		}
	}
	return f, nil
}

// readComposite notes where a composite glyph names its components (the flags as fpdf reads them).
func (f *trueType) readComposite(g int) error {
	b := f.glyphs[g]
	if len(b) < 2 || int16(binary.BigEndian.Uint16(b)) >= 0 {
		return nil
	}
	const (
		argWords      = 0x0001
		scale         = 0x0008
		moreParts     = 0x0020
		xyScale       = 0x0040
		twoByTwo      = 0x0080
		componentSize = 4
	)
	pos := 10
	for {
		if pos+componentSize > len(b) {
			return fmt.Errorf("%w: glyph %d is damaged", errTrueType, g)
		}
		flags := binary.BigEndian.Uint16(b[pos:])
		part := int(binary.BigEndian.Uint16(b[pos+2:]))
		if part >= len(f.glyphs) {
			return fmt.Errorf("%w: glyph %d uses glyph %d, which does not exist", errTrueType, g, part)
		}
		f.composite[g] = append(f.composite[g], pos+2)
		f.parts[g] = append(f.parts[g], part)
		pos += 4
		if flags&argWords != 0 {
			pos += 4
		} else {
			pos += 2
		}
		switch {
		case flags&scale != 0:
			pos += 2
		case flags&xyScale != 0:
			pos += 4
		case flags&twoByTwo != 0:
			pos += 8
		}
		if flags&moreParts == 0 {
			return nil
		}
	}
}

// readCmap reads the first Unicode format 4 subtable, the one fpdf reads, as fpdf reads it.
func (f *trueType) readCmap() error {
	cmap := f.tables["cmap"]
	bad := fmt.Errorf("%w: no Unicode cmap fpdf reads", errTrueType)
	if len(cmap) < 4 {
		return bad
	}
	start := -1
	for i := range int(binary.BigEndian.Uint16(cmap[2:])) {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return bad
		}
		platform, encoding := binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if (platform == 3 && encoding == 1) || platform == 0 {
			if off+2 <= len(cmap) && binary.BigEndian.Uint16(cmap[off:]) == 4 {
				start = off
				break
			}
		}
	}
	if start < 0 || start+14 > len(cmap) {
		return bad
	}
	t := cmap[start:]
	end := min(int(binary.BigEndian.Uint16(t[2:])), len(t)) // fpdf reads no glyph at or past the table's length
	segs := int(binary.BigEndian.Uint16(t[6:])) / 2
	if 16+8*segs > len(t) {
		return bad
	}
	u16 := func(pos int) int { return int(binary.BigEndian.Uint16(t[pos:])) }
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	f.cmap = make([]uint16, 0x10000)
	for s := range segs {
		first, last := u16(starts+2*s), u16(ends+2*s)
		delta, rangeOffset := u16(deltas+2*s), u16(ranges+2*s)
		for c := first; c <= last; c++ {
			var g int
			if rangeOffset == 0 {
				g = (c + delta) & 0xFFFF
			} else if pos := ranges + 2*s + rangeOffset + 2*(c-first); pos+2 <= end {
				if g = u16(pos); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g >= len(f.glyphs) {
				g = 0
			}
			f.cmap[c] = uint16(g)
		}
	}
	return nil
}

// has reports whether the font has a glyph for r.
func (f *trueType) has(r rune) bool { return r >= 0 && r < 0x10000 && f.cmap[r] != 0 }

// subset is a TrueType font with the glyphs of runes (and of the characters below U+0100, whose
// widths fpdf lists) and nothing else, numbered in the same order as in the whole font.
func (f *trueType) subset(runes []rune) []byte {
	chars := append(slices.Clone(f.base), runes...)
	slices.Sort(chars)
	chars = slices.Compact(chars)
	keep := map[int]bool{}
	var add func(g int)
	add = func(g int) {
		if keep[g] {
			return
		}
		keep[g] = true
		for _, p := range f.parts[g] {
			add(p)
		}
	}
	add(0) // the missing-character glyph
	mapped := chars[:0]
	for _, r := range chars {
		if f.has(r) {
			add(int(f.cmap[r]))
			mapped = append(mapped, r)
		}
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Ints(old)
	renumber := make(map[int]int, len(old))
	for i, g := range old {
		renumber[g] = i
	}

	var glyf, loca, hmtx []byte
	for _, g := range old {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		start := len(glyf)
		glyf = append(glyf, f.glyphs[g]...)
		for k, at := range f.composite[g] {
			binary.BigEndian.PutUint16(glyf[start+at:], uint16(renumber[f.parts[g][k]]))
		}
		hmtx = binary.BigEndian.AppendUint16(hmtx, f.advance[g])
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(f.lsb[g]))
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))

	n := uint16(len(old))
	tables := map[string][]byte{
		"glyf": glyf, "loca": loca, "hmtx": hmtx, "cmap": cmapFormat4(mapped, f.cmap, renumber),
		"head": withUint16(f.tables["head"], headIndexToLocFormat, 1),
		"hhea": withUint16(f.tables["hhea"], hheaNumberOfHMetrics, n),
		"maxp": withUint16(f.tables["maxp"], maxpNumGlyphs, n),
		"post": postFormat3(f.tables["post"]),
	}
	for _, t := range []string{"name", "OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if b := f.tables[t]; b != nil {
			tables[t] = b
		}
	}
	return assembleTrueType(tables)
}

func withUint16(b []byte, at int, v uint16) []byte {
	b = slices.Clone(b)
	binary.BigEndian.PutUint16(b[at:], v)
	return b
}

// postFormat3 is a post table without glyph names (they follow the whole font's numbering).
func postFormat3(post []byte) []byte {
	b := make([]byte, 32)
	copy(b, post)
	binary.BigEndian.PutUint32(b, 0x00030000)
	return b
}

// cmapFormat4 maps chars (sorted) to their renumbered glyphs in one Unicode format 4 subtable.
func cmapFormat4(chars []rune, cmap []uint16, renumber map[int]int) []byte {
	type segment struct{ first, last, glyph int }
	var segs []segment
	for _, r := range chars {
		g := renumber[int(cmap[r])]
		if k := len(segs) - 1; k >= 0 && int(r) == segs[k].last+1 && g == segs[k].glyph+int(r)-segs[k].first {
			segs[k].last = int(r)
			continue
		}
		segs = append(segs, segment{int(r), int(r), g})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 0})
	n := len(segs)
	var b []byte
	u16 := func(v int) { b = binary.BigEndian.AppendUint16(b, uint16(v)) }
	u16(0) // cmap version
	u16(1) // one subtable
	u16(3) // Windows
	u16(1) // Unicode BMP
	b = binary.BigEndian.AppendUint32(b, 12)
	searchRange, selector := 2, 0
	for searchRange*2 <= 2*n {
		searchRange *= 2
		selector++
	}
	u16(4)
	u16(16 + 8*n) // length
	u16(0)        // language
	u16(2 * n)
	u16(searchRange)
	u16(selector)
	u16(2*n - searchRange)
	for _, s := range segs {
		u16(s.last)
	}
	u16(0) // reserved
	for _, s := range segs {
		u16(s.first)
	}
	for _, s := range segs {
		delta := s.glyph - s.first
		if s.first == 0xFFFF {
			delta = 1 // U+FFFF to glyph 0
		}
		u16(delta & 0xFFFF)
	}
	for range segs {
		u16(0) // idRangeOffset
	}
	return b
}

// assembleTrueType writes tables as a TrueType file, with their checksums.
func assembleTrueType(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	searchRange, selector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		selector++
	}
	searchRange *= 16
	size := 12 + 16*n
	for _, t := range tags {
		size += (len(tables[t]) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(selector))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-searchRange))
	headAt := 0
	for i, t := range tags {
		data := tables[t]
		if t == "head" {
			headAt = len(out)
			data = withUint32(data, 8, 0) // checkSumAdjustment, set below
		}
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		out = append(out, data...)
		out = append(out, make([]byte, (4-len(data)%4)%4)...)
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func withUint32(b []byte, at int, v uint32) []byte {
	b = slices.Clone(b)
	binary.BigEndian.PutUint32(b[at:], v)
	return b
}

// checksum is the TrueType checksum of b: the sum of its big-endian 32-bit words.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
