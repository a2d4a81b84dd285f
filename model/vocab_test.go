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

// Every value of every enum has a label of its own in the vocabulary (not its code shown as
// it is), and no two values of one enum share a wording.
func TestEveryEnumValueHasOneLabel(t *testing.T) {
	check := func(enum string, codes []string, label func(string) Text) {
		seen := map[string]string{}
		for _, c := range codes {
			l := label(c)
			if l.Key == "" || l.Key == "%s" {
				t.Errorf("%s %q has no label", enum, c)
			}
			if other, dup := seen[l.String()]; dup {
				t.Errorf("%s %q and %q are both worded %q", enum, other, c, l)
			}
			seen[l.String()] = c
		}
	}
	check("status", codes(Statuses), func(c string) Text { return Status(c).Label() })
	check("tier", []string{"refund", "replace", "repair", "paid", "warranty"}, func(c string) Text { return Tier(c).Label() })
	check("remedy", codes(Remedies), func(c string) Text { return Remedy(c).Label() })
	check("cause", codes(Causes), func(c string) Text { return Cause(c).Label() })
	check("claim status", codes(ClaimStatuses), func(c string) Text { return ClaimStatus(c).Label() })
	check("decision", codes(Decisions), func(c string) Text { return Decision(c).Label() })
	check("customer kind", []string{"terminal", "dealer", "oem"}, func(c string) Text { return CustomerKind(c).Label() })
	check("policy kind", []string{"terminal", "distributor", "oem"}, func(c string) Text { return PolicyKind(c).Label() })
	check("freight party", []string{FreightByManufacturer, FreightByBuyer, FreightByPending}, FreightByLabel)

	// What the tables do not know is shown as it is written; nothing is a dash or nothing.
	if Tier("gold").Label().String() != "gold" || Tier("").Label().String() != "–" || Decision("").Label().String() != "" {
		t.Error("unknown and empty values are not shown as they are")
	}
}

func codes[E ~string](es []E) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = string(e)
	}
	return out
}

func TestOr(t *testing.T) {
	for n, want := range []string{"", "Full refund", "Full refund or Same-model replacement",
		"Full refund, Same-model replacement or Service centre"} {
		if got := RemedyChoice(Remedies[:n]).String(); got != want {
			t.Errorf("%d remedies: %q, want %q", n, got, want)
		}
	}
}
