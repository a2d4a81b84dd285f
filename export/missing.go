package export

import (
	"strings"

	"returndesk/model"
)

// The one rule of what a printed or exported document lacks when the shop has not filled in
// its details in Settings: the slip and the label print the shop's name, address and phone
// in their header; the claim sheet names the distributor (the shop), its address and contact,
// and states its amounts in a currency. A document with these blank still prints, but the
// window asks first and the command line warns on stderr.

// Missing names the shop details a slip or a return label would print blank, in the order
// the Settings screen lists them; none when nothing is missing.
func (sh Shop) Missing() []model.Text {
	var out []model.Text
	for _, f := range []struct {
		value string
		name  model.Text
	}{{sh.Name, model.T("the shop name")}, {sh.Address, model.T("the address")}, {sh.Phone, model.T("the phone number")}} {
		if strings.TrimSpace(f.value) == "" {
			out = append(out, f.name)
		}
	}
	return out
}

// Missing names the shop details a claim sheet would leave blank ("—" for the currency).
func (s *ClaimSheet) Missing() []model.Text {
	out := Shop{Name: s.Distributor.Name, Address: s.Distributor.Address, Phone: s.Distributor.Phone}.Missing()
	if strings.TrimSpace(s.Distributor.Contact) == "" {
		out = append(out, model.T("the contact"))
	}
	if strings.TrimSpace(s.Currency) == "" {
		out = append(out, model.T("the currency"))
	}
	return out
}

// MissingText is one sentence naming what is missing ("Not filled in under Settings (Shop
// and printing): the shop name and the phone number."); an empty Text when nothing is.
func MissingText(missing []model.Text) model.Text {
	if len(missing) == 0 {
		return model.Text{}
	}
	list := missing[0]
	for i := 1; i < len(missing); i++ {
		if i == len(missing)-1 {
			list = model.T("%s and %s", list, missing[i])
		} else {
			list = model.T("%s, %s", list, missing[i])
		}
	}
	return model.T("Not filled in under Settings (Shop and printing): %s.", list)
}
