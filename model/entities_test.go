package model

import (
	"errors"
	"strings"
	"testing"
)

func TestMoney(t *testing.T) {
	tests := []struct {
		in   string
		want Money
		ok   bool
	}{
		{"12", 1200, true}, {"12.3", 1230, true}, {"12.34", 1234, true}, {"0.05", 5, true},
		{"-3.50", -350, true}, {" 7.00 ", 700, true},
		{"", 0, false}, {"12.345", 0, false}, {"1,5", 0, false}, {"abc", 0, false}, {".5", 0, false}, {"5.", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok {
			back, _ := ParseMoney(got.String())
			if back != got {
				t.Errorf("%v does not round-trip through %q", got, got.String())
			}
		}
	}
}

func TestCaseValidate(t *testing.T) {
	good := func() Case {
		return Case{CustomerID: 1, ProductID: 2, Serial: "SN1", Fault: "无法开机", ReportedDate: MustDate("2026-03-10"),
			PurchaseDate: MustDate("2026-03-01"), ShipmentDate: MustDate("2026-01-15")}
	}
	tests := []struct {
		name  string
		edit  func(*Case)
		field string
	}{
		{"good", func(*Case) {}, ""},
		{"no customer", func(c *Case) { c.CustomerID = 0 }, "customer"},
		{"no product", func(c *Case) { c.ProductID = 0 }, "model"},
		{"blank serial", func(c *Case) { c.Serial = "  " }, "serial"},
		{"no fault", func(c *Case) { c.Fault = "" }, "fault"},
		{"fault too long", func(c *Case) { c.Fault = strings.Repeat("坏", MaxTextLen+1) }, "fault"},
		{"reported before purchase", func(c *Case) { c.ReportedDate = MustDate("2026-02-28") }, "reported_date"},
		{"purchase before shipment", func(c *Case) { c.ShipmentDate = MustDate("2026-03-05") }, "purchase_date"},
		{"no reported date", func(c *Case) { c.ReportedDate = Date{} }, "reported_date"},
		{"bad cause", func(c *Case) { c.Cause = "gremlins" }, "cause"},
		{"bad remedy", func(c *Case) { c.Remedy = "prayer" }, "remedy"},
		{"negative refund", func(c *Case) { c.RefundAmount = -1 }, "refund_amount"},
		{"invalid utf-8", func(c *Case) { c.Notes = "\xff" }, "notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good()
			tt.edit(&c)
			err := c.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID {
				t.Fatalf("Validate() = %v, want an EINVALID error", err)
			}
			if _, ok := FieldErrors(err)[tt.field]; !ok {
				t.Errorf("Validate() = %v, want a problem with %q", err, tt.field)
			}
		})
	}
}

func TestCustomerValidate(t *testing.T) {
	c := Customer{Name: "欧阳娜娜", Phone: "13511112222", Kind: KindTerminal}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	c.Email = "not-an-address"
	c.Name = ""
	fe := FieldErrors(c.Validate())
	if fe["email"] == "" || fe["name"] == "" {
		t.Errorf("FieldErrors = %v, want email and name", fe)
	}
}

func TestErrorHelpers(t *testing.T) {
	if ErrorCode(nil) != "" || ErrorMessage(nil) != "" {
		t.Error("nil error has a code or message")
	}
	plain := errors.New("disk full")
	if ErrorCode(plain) != EINTERNAL || !strings.Contains(ErrorMessage(plain), "disk full") {
		t.Errorf("plain error: %s %s", ErrorCode(plain), ErrorMessage(plain))
	}
	wrapped := errors.Join(errors.New("context"), Errorf(ENOTFOUND, "no case %s", "RMA-1"))
	if ErrorCode(wrapped) != ENOTFOUND {
		t.Errorf("wrapped code = %s", ErrorCode(wrapped))
	}
	if got := Invalid("serial", "is required").Error(); got != "serial: is required" {
		t.Errorf("Error() = %q", got)
	}
}

func TestMoneyGrouped(t *testing.T) {
	for m, want := range map[Money]string{0: "0.00", 1850: "18.50", 123450: "1,234.50", 100000000: "1,000,000.00",
		-123456789: "-1,234,567.89", 99999: "999.99"} {
		if got := m.Grouped(); got != want {
			t.Errorf("Money(%d).Grouped() = %q, want %q", m, got, want)
		}
	}
}

// Answers to a draft take it through submitted; the order of the steps is the one of
// CheckClaimTransition, never a shortcut.
func TestClaimStepsTo(t *testing.T) {
	tests := []struct {
		from, to ClaimStatus
		want     []ClaimStatus
		code     Code
	}{
		{ClaimDraft, ClaimAnswered, []ClaimStatus{ClaimSubmitted, ClaimAnswered}, ""},
		{ClaimSubmitted, ClaimAnswered, []ClaimStatus{ClaimAnswered}, ""},
		{ClaimAnswered, ClaimAnswered, nil, ""},
		{ClaimDraft, ClaimSettled, []ClaimStatus{ClaimSubmitted, ClaimAnswered, ClaimSettled}, ""},
		{ClaimSettled, ClaimAnswered, nil, ECONFLICT},
		{ClaimAnswered, ClaimSubmitted, nil, ECONFLICT},
		{ClaimDraft, "lost", nil, EINVALID},
	}
	for _, tt := range tests {
		got, err := ClaimStepsTo(tt.from, tt.to)
		if ErrorCode(err) != tt.code && !(tt.code == "" && err == nil) || len(got) != len(tt.want) {
			t.Errorf("ClaimStepsTo(%s, %s) = %v, %v; want %v (%s)", tt.from, tt.to, got, err, tt.want, tt.code)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("ClaimStepsTo(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		}
	}
}

func TestOverCreditWording(t *testing.T) {
	o := OverCredit{Row: 12, CaseNo: "RMA-2026-000001", Credit: 100000000, Claimed: 1850}
	if got, want := o.String(), "row 12 (RMA-2026-000001): credit 1,000,000.00 is more than the 18.50 claimed"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	o.Row = 0 // typed in, not from a sheet
	if got := o.String(); !strings.HasPrefix(got, "RMA-2026-000001: credit") {
		t.Errorf("%q", got)
	}
	r := ClaimAnswerReport{ClaimNo: "CLM-2026-0001"}
	if r.DraftNote().String() != "" {
		t.Errorf("a claim that was not a draft has a draft note")
	}
	r.Submitted = true
	if got := r.DraftNote().String(); got != "claim CLM-2026-0001 was a draft: recorded as submitted today, then answered" {
		t.Errorf("DraftNote = %q", got)
	}
}

// TestEnumValues checks the lists storage validates against: every listed value is valid,
// the empty value only where it means "not yet", and nothing else.
func TestEnumValues(t *testing.T) {
	for _, tier := range Tiers {
		if !tier.Valid() {
			t.Errorf("listed tier %q is not valid", tier)
		}
	}
	if len(Tiers) != 5 {
		t.Errorf("Tiers = %v, want the five tiers", Tiers)
	}
	for _, d := range Decisions {
		if !d.Valid() {
			t.Errorf("listed decision %q is not valid", d)
		}
	}
	for _, tc := range []struct {
		what  string
		valid bool
		want  bool
	}{
		{"tier repair", Tier("repair").Valid(), true},
		{"tier empty", Tier("").Valid(), false},
		{"tier gold", Tier("gold").Valid(), false},
		{"tier Refund (case)", Tier("Refund").Valid(), false},
		{"tier repair covered", TierRepair.Covered(), true},
		{"tier warranty covered", TierWarranty.Covered(), true},
		{"tier paid not covered", TierPaid.Covered(), false},
		{"no tier not covered", Tier("").Covered(), false},
		{"decision none", DecisionNone.Valid(), true},
		{"decision maybe", Decision("maybe").Valid(), false},
		{"freight by unknown", ValidFreightBy(""), true},
		{"freight by buyer", ValidFreightBy(FreightByBuyer), true},
		{"freight by manufacturer", ValidFreightBy("manufacturer"), true},
		{"freight by pending", ValidFreightBy("pending"), true},
		{"freight by dealer", ValidFreightBy("dealer"), false},
	} {
		if tc.valid != tc.want {
			t.Errorf("%s: valid = %v, want %v", tc.what, tc.valid, tc.want)
		}
	}
}
