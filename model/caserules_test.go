package model

import (
	"strings"
	"testing"
	"time"
)

var ruleNow = time.Date(2026, 3, 10, 15, 4, 5, 0, time.UTC)

func p[T any](v T) *T { return &v }

// storedCase is a case as storage holds it: numbered, received, valid.
func storedCase() Case {
	c := Case{ID: 7, CaseNo: "RMA-2026-000007", CustomerID: 1, ProductID: 2, Serial: "SN-1",
		ReportedDate: MustDate("2026-03-01"), Fault: "does not charge", Cause: CauseUnknown,
		Tier: TierRefund, PolicyID: "halotek-terminal", PolicyVersion: 1, Status: StatusReceived,
		CreatedAt: ruleNow.Add(-time.Hour), UpdatedAt: ruleNow.Add(-time.Hour)}
	return c
}

// onField reports whether err names a problem with field.
func onField(err error, field string) bool { _, ok := FieldErrors(err)[field]; return ok }

func TestCaseReceive(t *testing.T) {
	for _, tc := range []struct {
		name      string
		edit      func(*Case)
		wantField string // "" : received
	}{
		{"plain", func(*Case) {}, ""},
		{"unknown tier", func(c *Case) { c.Tier = "gold" }, "tier"},
		{"negative policy version", func(c *Case) { c.PolicyVersion = -1 }, "policy_version"},
		{"reported tomorrow", func(c *Case) { c.ReportedDate = MustDate("2026-03-11") }, "reported_date"},
		{"no fault", func(c *Case) { c.Fault = " " }, "fault"},
		{"unknown cause", func(c *Case) { c.Cause = "weather" }, "cause"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := storedCase()
			c.Status, c.MaintenanceNo, c.Cause = StatusClosed, "MO-1", ""
			c.Serial, c.ReplacementSerial = " SN-1 ", " R-2\t"
			c.ClosedAt = &ruleNow
			tc.edit(&c)
			err := c.Receive(ruleNow)
			if tc.wantField != "" {
				if ErrorCode(err) != EINVALID || !onField(err, tc.wantField) {
					t.Fatalf("Receive = %v, want EINVALID on %s", err, tc.wantField)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.ID != 0 || c.CaseNo != "" || c.MaintenanceNo != "" || c.Status != StatusReceived || c.ClosedAt != nil {
				t.Errorf("not reset for a new case: %+v", c)
			}
			if c.Cause != CauseUnknown || c.Serial != "SN-1" || c.ReplacementSerial != "R-2" {
				t.Errorf("cause %q serial %q replacement %q", c.Cause, c.Serial, c.ReplacementSerial)
			}
			if !c.CreatedAt.Equal(ruleNow) || !c.UpdatedAt.Equal(ruleNow) {
				t.Errorf("stamped %v / %v, want %v", c.CreatedAt, c.UpdatedAt, ruleNow)
			}
		})
	}
}

func TestCaseCreated(t *testing.T) {
	for _, tc := range []struct {
		tier Tier
		mo   MaintenanceNo
		want string
	}{
		{TierRefund, "", "tier refund"},
		{"", "", "no tier yet"},
		{TierRepair, "MO-2026-000001", "tier repair, maintenance number MO-2026-000001"},
	} {
		c := storedCase()
		c.Tier, c.MaintenanceNo = tc.tier, tc.mo
		h := c.Created("alice")
		if h.Note != tc.want || h.Action != ActionCreated || h.Actor != "alice" || h.CaseID != 7 || h.NewStatus != StatusReceived {
			t.Errorf("Created with tier %q = %+v, want note %q", tc.tier, h, tc.want)
		}
	}
}

func TestCaseUpdate(t *testing.T) {
	type edit struct{ field, old, new string }
	for _, tc := range []struct {
		name     string
		status   Status
		serial   Serial // the stored serial ("" : SN-1)
		fault    string // the stored fault ("" : does not charge)
		u        CaseUpdate
		want     []edit
		wantCode Code
		wantFld  string
	}{
		{name: "nothing given", u: CaseUpdate{}},
		{name: "the same values", u: CaseUpdate{Fault: p("does not charge"), Tier: p(TierRefund)}},
		{name: "every kind of value", u: CaseUpdate{Fault: p("no sound"), Cause: p(CauseManufacturer),
			PolicyVersion: p(2), DealerCarriesCost: p(true), ServiceCentreID: p(ServiceCentreID(4)),
			RefundAmount: p(Money(1250)), Notes: p("call back")},
			want: []edit{{"fault", "does not charge", "no sound"}, {"cause", "unknown", "manufacturer"},
				{"policy_version", "1", "2"}, {"dealer_carries_cost", "false", "true"},
				{"service_centre_id", "", "4"}, {"refund_amount", "0.00", "12.50"}, {"notes", "", "call back"}}},
		{name: "replacement serial trimmed", u: CaseUpdate{ReplacementSerial: p(Serial("  R-9 "))},
			want: []edit{{"replacement_serial", "", "R-9"}}},
		{name: "invalid value", u: CaseUpdate{Fault: p(""), Notes: p("x")}, wantCode: EINVALID, wantFld: "fault"},
		{name: "unknown tier", u: CaseUpdate{Tier: p(Tier("gold"))}, wantCode: EINVALID, wantFld: "tier"},
		{name: "closed: notes only", status: StatusClosed, u: CaseUpdate{Notes: p("thanked us")},
			want: []edit{{"notes", "", "thanked us"}}},
		{name: "closed: no remedy", status: StatusClosed, u: CaseUpdate{Remedy: p(RemedyRefund), Notes: p("late")},
			wantCode: ECONFLICT, wantFld: "remedy"},
		{name: "cancelled: no tier", status: StatusCancelled, u: CaseUpdate{Tier: p(TierPaid)},
			wantCode: ECONFLICT, wantFld: "tier"},
		{name: "old bad serial does not block notes", serial: "SN\x1b[2J", u: CaseUpdate{Notes: p("still here")},
			want: []edit{{"notes", "", "still here"}}},
		{name: "old bad fault edited still bad", fault: "hums\x1b", u: CaseUpdate{Fault: p("buzzes\x1b")},
			wantCode: EINVALID, wantFld: "fault"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := storedCase()
			if tc.status != "" {
				old.Status = tc.status
			}
			if tc.serial != "" {
				old.Serial = tc.serial
			}
			if tc.fault != "" {
				old.Fault = tc.fault
			}
			before := old
			got, h, err := old.Update(tc.u, "bob", ruleNow)
			if old != before {
				t.Errorf("Update changed the case it was called on")
			}
			if tc.wantCode != "" {
				if ErrorCode(err) != tc.wantCode || !onField(err, tc.wantFld) {
					t.Fatalf("Update = %v, want %s on %s", err, tc.wantCode, tc.wantFld)
				}
				if got != old || h != nil {
					t.Errorf("a refused update returned %+v, %v", got, h)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(h) != len(tc.want) {
				t.Fatalf("history %+v, want %v", h, tc.want)
			}
			for i, w := range tc.want {
				e := h[i]
				if e.Field != w.field || e.OldValue != w.old || e.NewValue != w.new || e.Action != ActionEdit ||
					e.Actor != "bob" || e.CaseID != 7 || !e.At.Equal(ruleNow) {
					t.Errorf("entry %d = %+v, want %v", i, e, w)
				}
			}
			if wantUpdated := len(tc.want) > 0; got.UpdatedAt.Equal(ruleNow) != wantUpdated {
				t.Errorf("updated at %v (changes: %v)", got.UpdatedAt, wantUpdated)
			}
		})
	}
}

func TestCaseEntersRepair(t *testing.T) {
	old := storedCase()
	c, _, err := old.Update(CaseUpdate{Tier: p(TierRepair)}, "bob", ruleNow)
	if err != nil {
		t.Fatal(err)
	}
	if !c.EntersRepair(&old) {
		t.Fatal("refund to repair does not enter repair")
	}
	if again := c; again.EntersRepair(&c) {
		t.Error("repair to repair enters repair")
	}
	before := c
	c.MaintenanceNo, c.ServiceCentreID = "MO-2026-000001", 3
	h := c.RepairEdits(&before, "bob")
	if len(h) != 2 || h[0].Field != "maintenance_no" || h[0].NewValue != "MO-2026-000001" ||
		h[1].Field != "service_centre_id" || h[1].NewValue != "3" || h[1].Action != ActionEdit {
		t.Errorf("repair edits %+v", h)
	}
	// A case that keeps its maintenance number and has no centre nearby records nothing.
	kept := c
	if h := c.RepairEdits(&kept, "bob"); len(h) != 0 {
		t.Errorf("nothing given, yet edits %+v", h)
	}
}

func TestCaseMove(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from, to Status
		note     string
		wantCode Code
	}{
		{"received to diagnosing", StatusReceived, StatusDiagnosing, "on the bench", ""},
		{"ready to closed", StatusReadyForPickup, StatusClosed, "", ""},
		{"received to closed", StatusReceived, StatusClosed, "", ECONFLICT},
		{"closed to received", StatusClosed, StatusReceived, "", ECONFLICT},
		{"unknown status", StatusReceived, "lost", "", EINVALID},
		{"note too long", StatusReceived, StatusDiagnosing, strings.Repeat("x", MaxTextLen+1), EINVALID},
		{"note with an escape", StatusReceived, StatusDiagnosing, "ok\x1b[2J", EINVALID},
		{"note of two lines", StatusReceived, StatusDiagnosing, "one\ntwo", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := storedCase()
			c.Status = tc.from
			before := c
			h, err := c.Move(tc.to, "carol", tc.note, ruleNow)
			if tc.wantCode != "" {
				if ErrorCode(err) != tc.wantCode {
					t.Fatalf("Move = %v, want %s", err, tc.wantCode)
				}
				if c != before {
					t.Error("a refused move changed the case")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Status != tc.to || !c.UpdatedAt.Equal(ruleNow) {
				t.Errorf("after the move: %s at %v", c.Status, c.UpdatedAt)
			}
			if closed := tc.to == StatusClosed; (c.ClosedAt != nil) != closed || closed && !c.ClosedAt.Equal(ruleNow) {
				t.Errorf("closed at %v, want stamped: %v", c.ClosedAt, closed)
			}
			want := HistoryEntry{CaseID: 7, At: ruleNow, Actor: "carol", Action: ActionStatus, OldStatus: tc.from, NewStatus: tc.to, Note: tc.note}
			if h != want {
				t.Errorf("entry %+v, want %+v", h, want)
			}
		})
	}
}

// A creation entry's note reads back as a wording: the tier by its label, the maintenance
// number as it is, and a note from elsewhere as it was written.
func TestCreatedText(t *testing.T) {
	for _, tt := range []struct {
		c    Case
		note string
		want string
	}{
		{Case{Tier: TierRepair, MaintenanceNo: "MO-2026-000001"}, "", "Case created: tier Repair, maintenance number MO-2026-000001"},
		{Case{Tier: TierRefund}, "", "Case created: tier Refund"},
		{Case{}, "", "Case created, no tier yet"},
		{Case{}, "imported from the old system", "Case created: imported from the old system"},
	} {
		h := tt.c.Created("ann")
		if tt.note != "" {
			h.Note = tt.note
		}
		if got := h.CreatedText().String(); got != tt.want {
			t.Errorf("%q: %q, want %q", h.Note, got, tt.want)
		}
	}
}
