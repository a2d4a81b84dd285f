package export

import (
	"slices"
	"strings"
	"testing"
)

// TestLabelsAsReadersSeeThem checks the return label of a Chinese, a long and an empty case:
// sender, recipient, numbers, unit and notes come back from pdftotext, nothing runs off the
// label, and zbarimg reads the case number (and the claim number when there is one).
func TestLabelsAsReadersSeeThem(t *testing.T) {
	for _, tc := range slipCases {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.slip()
			c := readPDF(t, writeLabelPDF(t, s))
			if len(c.pages) != 1 {
				t.Fatalf("%d pages, want 1", len(c.pages))
			}
			p := c.pages[0]
			if w, h := p.w/ptPerMM, p.h/ptPerMM; !near(w, 100) || h < 149.5 {
				t.Errorf("the label is %.1f×%.1f mm, want 100×150", w, h)
			}
			c.insidePages(t, 3*ptPerMM)
			m := s.Manufacturer
			want := []string{"From / 寄件人", "To / 收件人", m.Name, string(s.Case.CaseNo), string(s.Product.Model),
				string(s.Case.Serial), noteNoAccessories, notePostOnly, "Date / 日期 2026-03-10"}
			for _, v := range []string{s.Shop.Name, s.Shop.Address, s.Shop.Phone, m.AfterSalesAddress, m.Contact, m.Phone,
				string(s.ClaimNo), string(s.Case.MaintenanceNo), s.Product.Name} {
				if v != "" {
					want = append(want, v)
				}
			}
			c.mustContain(t, want...)
			codes := c.codes(t)[0]
			if !slices.Contains(codes, "CODE-128:"+string(s.Case.CaseNo)) {
				t.Errorf("zbarimg read %v, want the case number %s", codes, s.Case.CaseNo)
			}
			if s.ClaimNo != "" && !slices.Contains(codes, "CODE-128:"+string(s.ClaimNo)) {
				t.Errorf("zbarimg read %v, want the claim number %s", codes, s.ClaimNo)
			}
		})
	}
}

// TestLabelFallsBackToTheManufacturersAddress checks that a manufacturer without an after-sales
// address gets the label at its main address, and that very long addresses make a longer label
// rather than one that runs off.
func TestLabelFallsBackToTheManufacturersAddress(t *testing.T) {
	s := repairSlip()
	s.Manufacturer.AfterSalesAddress = ""
	s.Manufacturer.Address = strings.Repeat("广东省深圳市南山区科技园南区 ", 40)
	c := readPDF(t, writeLabelPDF(t, s))
	c.mustContain(t, s.Manufacturer.Address)
	c.insidePages(t, 3*ptPerMM)
	if h := c.pages[0].h / ptPerMM; h <= 150.5 {
		t.Errorf("the label is %.1f mm high: want it longer than 150 mm for a 600-character address", h)
	}
}
