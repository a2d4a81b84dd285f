package model

import "testing"

func TestTextString(t *testing.T) {
	for _, tt := range []struct {
		text Text
		want string
	}{
		{T("Refund"), "Refund"},
		{T("100%"), "100%"}, // no arguments: the key is the wording, verbs or not
		{T("%s: %d days left", "Refund", 3), "Refund: 3 days left"},
		{T("next: %s", T("Repair")), "next: Repair"},
		{Count(1, "%d case", "%d cases"), "1 case"},
		{Count(0, "%d case", "%d cases"), "0 cases"},
	} {
		if got := tt.text.String(); got != tt.want {
			t.Errorf("%#v: %q, want %q", tt.text, got, tt.want)
		}
	}
}
