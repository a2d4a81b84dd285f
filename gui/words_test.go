package gui

import (
	"returndesk/i18n"
	"testing"
)

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

func TestSayListSpeaksTheWindowsLanguage(t *testing.T) {
	items := []string{"全额退款", "同型号换新", "送服务中心"}
	if got := sayList(items); got != "全额退款, 同型号换新, 送服务中心" {
		t.Errorf("in English: %q", got)
	}
	speak(t, i18n.Chinese)
	if got := sayList(items); got != "全额退款、同型号换新、送服务中心" {
		t.Errorf("in Chinese: %q", got)
	}
}
