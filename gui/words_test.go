package gui

import "testing"

func TestCapitalized(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"claim CLM-1 was a draft", "Claim CLM-1 was a draft"},
		{"索赔单 CLM-1 原为草稿", "索赔单 CLM-1 原为草稿"}, // a cut byte here showed as ���
		{"écran", "Écran"},
		{"", ""},
	} {
		if got := capitalized(c.in); got != c.want {
			t.Errorf("capitalized(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
