package model

import (
	"encoding/json"
	"testing"
)

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
		{Count(1, "a cell", "%d cells"), "a cell"},
		{Count(2, "a cell", "%d cells"), "2 cells"},
	} {
		if got := tt.text.String(); got != tt.want {
			t.Errorf("%#v: %q, want %q", tt.text, got, tt.want)
		}
	}
}

// A Text in JSON (an import's problems, --json output) is its English wording.
func TestTextJSON(t *testing.T) {
	b, err := json.Marshal(struct {
		M Text `json:"m"`
	}{T("row %d: %s", 3, T("is required"))})
	if err != nil || string(b) != `{"m":"row 3: is required"}` {
		t.Errorf("json = %s, %v", b, err)
	}
}
