package export

import (
	"testing"

	"returndesk/model"
)

// What a document would print blank is named, in one sentence, by the one rule the slip,
// the label and the claim sheet share.
func TestMissingShopDetails(t *testing.T) {
	full := Shop{Name: "华强电子维修中心", Address: "深圳市福田区", Phone: "0755-1234"}
	for _, c := range []struct {
		name string
		got  []model.Text
		want string
	}{
		{"a full header", full.Missing(), ""},
		{"an empty header", Shop{}.Missing(),
			"Not filled in under Settings (Shop and printing): the shop name, the address and the phone number."},
		{"no phone", Shop{Name: "A", Address: "B", Phone: "  "}.Missing(),
			"Not filled in under Settings (Shop and printing): the phone number."},
		{"a full claim sheet", (&ClaimSheet{Distributor: ClaimParty{Name: "A", Address: "B", Phone: "C", Contact: "D"}, Currency: "CNY"}).Missing(), ""},
		{"a claim sheet without contact or currency", (&ClaimSheet{Distributor: ClaimParty{Name: "A", Address: "B", Phone: "C"}}).Missing(),
			"Not filled in under Settings (Shop and printing): the contact and the currency."},
		{"an empty claim sheet", (&ClaimSheet{}).Missing(),
			"Not filled in under Settings (Shop and printing): the shop name, the address, the phone number, the contact and the currency."},
	} {
		if got := MissingText(c.got).String(); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
