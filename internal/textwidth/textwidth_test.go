package textwidth

import "testing"

func TestString(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"张伟", 4},
		{"欧阳娜娜 Ltd", 12},
		{"（全角）", 8},      // fullwidth parentheses
		{"한국어", 6},       // Hangul
		{"ｶﾀｶﾅ", 4},      // halfwidth katakana stays narrow
		{"e\u0301te", 3}, // a combining accent takes no column
		{"café", 4},
		{"👍 ok", 5},      // an emoji is wide
		{"“quote” …", 9}, // ambiguous punctuation is narrow in every locale
	} {
		if got := String(tc.s); got != tc.want {
			t.Errorf("String(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

func TestWide(t *testing.T) {
	for r, want := range map[rune]bool{'张': true, '。': true, '，': true, 'ア': true, '한': true, 'a': false, 'é': false, 'ｶ': false, '…': false} {
		if got := Wide(r); got != want {
			t.Errorf("Wide(%q) = %v, want %v", r, got, want)
		}
	}
}
