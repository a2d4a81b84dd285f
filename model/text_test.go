package model

import (
	"strings"
	"testing"
)

// TestTextJudge: what a one-line field (a case's serial) and a multi-line field (its notes)
// accept, through the case's own Validate.
func TestTextJudge(t *testing.T) {
	tests := []struct {
		name  string
		field string // serial (one line) or notes (several)
		text  string
		want  string // part of the problem; "" when the text is fine
	}{
		{"escape sequence", "serial", "AB\x1b[31mC", "contains a control character (U+001B), which is not allowed"},
		{"bell", "serial", "SN\a1", "control character (U+0007)"},
		{"unit separator", "serial", "SN\x1f1", "control character (U+001F)"},
		{"DEL", "serial", "SN\x7f1", "control character (U+007F)"},
		{"C1 next line", "serial", "SN\u00851", "control character (U+0085)"},
		{"C1 CSI", "serial", "\u009b31mSN", "control character (U+009B)"},
		{"right-to-left override", "serial", "SN-\u202e1234", "invisible text-direction character (U+202E)"},
		{"left-to-right isolate", "serial", "\u2066SN1\u2069", "text-direction character (U+2066)"},
		{"pop directional isolate", "serial", "SN1\u2069", "text-direction character (U+2069)"},
		{"right-to-left mark", "serial", "SN\u200f1", "text-direction character (U+200F)"},
		{"left-to-right mark", "serial", "SN\u200e1", "text-direction character (U+200E)"},
		{"line break in one line", "serial", "SN\n1", "contains a line break (U+000A); it must be one line"},
		{"tab in one line", "serial", "SN\t1", "control character (U+0009)"},
		{"Chinese", "serial", "序列号-欧阳", ""},
		{"emoji with joiner and skin tone", "serial", "📱👨\u200d👩\u200d👧👍🏽", ""},
		{"Hebrew letters", "serial", "שלום-1", ""},
		{"lines and tabs in notes", "notes", "换了屏幕\n\tcustomer waits\r\nok", ""},
		{"escape in notes", "notes", "fine\n\x1b[2J", "control character (U+001B)"},
		{"lone carriage return in notes", "notes", "over\rwrite", "line break (U+000D)"},
		{"override in notes", "notes", "a\n\u202eb", "text-direction character (U+202E)"},
		{"DEL in notes", "notes", "a\x7f", "control character (U+007F)"},
		{"NEL in notes", "notes", "a\u0085b", "control character (U+0085)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Case{CustomerID: 1, ProductID: 2, Serial: "SN1", Fault: "无法开机", ReportedDate: MustDate("2026-03-10")}
			if tt.field == "serial" {
				c.Serial = Serial(tt.text)
			} else {
				c.Notes = tt.text
			}
			err := c.Validate()
			got := FieldErrors(err)[tt.field]
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID || !strings.Contains(got, tt.want) {
				t.Errorf("Validate() = %v; want a %s problem containing %q", err, tt.field, tt.want)
			}
		})
	}
}

// TestEveryEntityJudgesItsText: each record's Validate refuses an escape character in
// each kind of text field, so the CLI, the GUI and the imports all refuse it.
func TestEveryEntityJudgesItsText(t *testing.T) {
	const esc = "X\x1b[2JY"
	spares := 1
	tests := []struct {
		name     string
		field    string
		validate func() error
	}{
		{"manufacturer name", "name", func() error { return (&Manufacturer{Name: esc}).Validate() }},
		{"manufacturer after-sales address", "after_sales_address", func() error {
			return (&Manufacturer{Name: "Halotek", AfterSalesAddress: "深圳\n" + esc}).Validate()
		}},
		{"product model", "model", func() error { return (&Product{ManufacturerID: 1, Model: ModelCode(esc)}).Validate() }},
		{"product name", "name", func() error { return (&Product{ManufacturerID: 1, Model: "HT-1", Name: esc}).Validate() }},
		{"customer name", "name", func() error { return (&Customer{Name: "张\u202e伟"}).Validate() }},
		{"customer phone", "phone", func() error { return (&Customer{Name: "张伟", Phone: "138\a"}).Validate() }},
		{"customer address", "address", func() error { return (&Customer{Name: "张伟", Address: esc}).Validate() }},
		{"sale serial", "serial", func() error { return (&Sale{Serial: Serial(esc), Model: "HT-1"}).Validate() }},
		{"sale invoice", "invoice", func() error { return (&Sale{Serial: "SN1", Model: "HT-1", Invoice: esc}).Validate() }},
		{"sale customer", "customer", func() error { return (&Sale{Serial: "SN1", Model: "HT-1", CustomerName: esc}).Validate() }},
		{"sale model", "model", func() error { return (&Sale{Serial: "SN1", Model: ModelCode(esc)}).Validate() }},
		{"sale manufacturer", "manufacturer", func() error {
			return (&Sale{Serial: "SN1", Model: "HT-1", Manufacturer: esc}).Validate()
		}},
		{"service centre region", "region", func() error { return (&ServiceCentre{Name: "SC", Region: esc}).Validate() }},
		{"case fault category", "fault_category", func() error {
			return (&Case{CustomerID: 1, ProductID: 1, Serial: "SN1", Fault: "x", ReportedDate: MustDate("2026-03-10"),
				FaultCategory: esc}).Validate()
		}},
		{"case replacement serial", "replacement_serial", func() error {
			return (&Case{CustomerID: 1, ProductID: 1, Serial: "SN1", Fault: "x", ReportedDate: MustDate("2026-03-10"),
				ReplacementSerial: Serial(esc)}).Validate()
		}},
		{"policy name", "name", func() error {
			return (&PolicyRecord{ID: "p", Name: esc, Kind: PolicyTerminal, Definition: []byte("{}")}).Validate()
		}},
		{"OEM order number", "order_no", func() error {
			return (&OEMOrder{ManufacturerID: 1, ProductID: 1, OrderNo: esc, Quantity: 1,
				ShipmentDate: MustDate("2026-01-01"), SpareRate: "0.4", SparesReceived: &spares}).Validate()
		}},
		{"photo name", "name", func() error {
			return (&Photo{CaseID: 1, File: "photos/a.png", Name: esc, Format: "png", Width: 1, Height: 1, Size: 1}).Validate()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.validate()
			if msg := FieldErrors(err)[tt.field]; !strings.Contains(msg, "(U+") {
				t.Errorf("Validate() = %v; want a problem with %s naming the character", err, tt.field)
			}
		})
	}
}

func TestCheckDates(t *testing.T) {
	today := MustDate("2026-03-10")
	good := func() Case {
		return Case{CustomerID: 1, ProductID: 2, Serial: "SN1", Fault: "x", ReportedDate: today,
			PurchaseDate: MustDate("2026-03-01"), ShipmentDate: MustDate("2026-01-15")}
	}
	// caseDates checks the dates of a good case changed by edit.
	caseDates := func(edit func(*Case)) func(Date) error {
		return func(today Date) error {
			c := good()
			edit(&c)
			return c.CheckDates(today)
		}
	}
	tests := []struct {
		name  string
		check func(today Date) error
		field string
		want  string
	}{
		{"a case reported today", caseDates(func(*Case) {}), "", ""},
		{"a case reported tomorrow", caseDates(func(c *Case) { c.ReportedDate = today.AddDays(1) }),
			"reported_date", "2026-03-11 is in the future (today is 2026-03-10)"},
		{"a case bought in the future", caseDates(func(c *Case) { c.PurchaseDate, c.ReportedDate = MustDate("2027-01-05"), MustDate("2027-01-05") }),
			"purchase_date", "2027-01-05 is in the future"},
		{"a case shipped in the future", caseDates(func(c *Case) { c.PurchaseDate, c.ShipmentDate = Date{}, today.AddDays(1) }),
			"shipment_date", "2026-03-11 is in the future"},
		{"a sale bought today", (&Sale{PurchaseDate: today}).CheckDates, "", ""},
		{"a sale bought tomorrow", (&Sale{PurchaseDate: today.AddDays(1)}).CheckDates, "purchase_date", "2026-03-11 is in the future"},
		{"a sale shipped next year", (&Sale{ShipmentDate: MustDate("2027-03-01")}).CheckDates, "shipment_date", "2027-03-01 is in the future"},
		{"an OEM order shipped today", (&OEMOrder{ShipmentDate: today}).CheckDates, "", ""},
		{"an OEM order shipped tomorrow", (&OEMOrder{ShipmentDate: today.AddDays(1)}).CheckDates, "shipment_date", "2026-03-11 is in the future"},
		{"shipped after the report, no purchase date", func(Date) error {
			c := good()
			c.PurchaseDate, c.ShipmentDate = Date{}, MustDate("2026-03-11")
			return c.Validate()
		}, "reported_date", "is before the shipment date 2026-03-11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check(today)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("= %v, want nil", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID || !strings.Contains(FieldErrors(err)[tt.field], tt.want) {
				t.Errorf("= %v; want a %s problem containing %q", err, tt.field, tt.want)
			}
		})
	}
}
