package model

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The rules of a case's life that every store applies the same way: what a new case is,
// what an update may change, how a status moves, and what the history records of each.
// They are pure: storage loads the case, calls them, and writes what they return.

// History actions (HistoryEntry.Action).
const (
	ActionCreated     = "created"
	ActionEdit        = "edit"
	ActionStatus      = "status"
	ActionPhoto       = "photo"
	ActionClaimAnswer = "claim answer"
)

// Receive readies a case received at the counter at now for storing: no number yet, status
// received, cause unknown unless tested, trimmed serials, stamped now, valid, and dated no
// later than now. Storage then allocates its numbers (see EntersRepair for the repair tier).
func (c *Case) Receive(now time.Time) error {
	c.ID, c.CaseNo, c.MaintenanceNo = 0, "", ""
	c.Status = StatusReceived
	c.ClosedAt = nil
	if c.Cause == "" {
		c.Cause = CauseUnknown
	}
	c.Serial = trimSerial(c.Serial)
	c.ReplacementSerial = trimSerial(c.ReplacementSerial)
	c.CreatedAt, c.UpdatedAt = now, now
	var problems Errors
	for _, err := range []error{c.Validate(), c.CheckDates(DateOf(now))} {
		var es Errors
		switch {
		case errors.As(err, &es):
			problems = append(problems, es...)
		case err != nil:
			return err
		}
	}
	return problems.err()
}

// Created is the history entry that records a new (numbered) case with its tier and
// maintenance number.
func (c *Case) Created(actor string) HistoryEntry {
	note := "tier " + string(c.Tier)
	if c.Tier == "" {
		note = "no tier yet"
	}
	if c.MaintenanceNo != "" {
		note += ", maintenance number " + string(c.MaintenanceNo)
	}
	return HistoryEntry{CaseID: c.ID, At: c.CreatedAt, Actor: actor, Action: ActionCreated, NewStatus: StatusReceived, Note: note}
}

// CreatedText is what a creation entry (see Created) records, as a wording a translation
// reaches: its note is kept in English in the history, and read back here.
func (h HistoryEntry) CreatedText() Text {
	rest, ok := strings.CutPrefix(h.Note, "tier ")
	if !ok {
		if h.Note == "no tier yet" || h.Note == "" {
			return T("Case created, no tier yet")
		}
		return T("Case created: %s", h.Note) // written by another version: as it is
	}
	tier, mo, hasMO := strings.Cut(rest, ", maintenance number ")
	if hasMO {
		return T("Case created: tier %s, maintenance number %s", Tier(tier).Label(), mo)
	}
	return T("Case created: tier %s", Tier(tier).Label())
}

// Update applies u to a copy of c at time now and returns it with one history entry per
// field that differs (none: nothing changed, and the copy is c as it was). A closed or
// cancelled case accepts only new notes. The update is refused for the problems it is to
// blame for (see editProblems).
func (c Case) Update(u CaseUpdate, actor string, now time.Time) (Case, []HistoryEntry, error) {
	old := c
	if u.ReplacementSerial != nil {
		s := trimSerial(*u.ReplacementSerial)
		u.ReplacementSerial = &s
	}
	var ch []HistoryEntry
	apply(&ch, "fault", &c.Fault, u.Fault, str)
	apply(&ch, "fault_category", &c.FaultCategory, u.FaultCategory, str)
	apply(&ch, "accessories", &c.Accessories, u.Accessories, str)
	apply(&ch, "condition", &c.Condition, u.Condition, str)
	apply(&ch, "cause", &c.Cause, u.Cause, str)
	apply(&ch, "tier", &c.Tier, u.Tier, str)
	apply(&ch, "remedy", &c.Remedy, u.Remedy, str)
	apply(&ch, "remedy_reason", &c.RemedyReason, u.RemedyReason, str)
	apply(&ch, "policy_id", &c.PolicyID, u.PolicyID, str)
	apply(&ch, "policy_version", &c.PolicyVersion, u.PolicyVersion, strconv.Itoa)
	apply(&ch, "dealer_carries_cost", &c.DealerCarriesCost, u.DealerCarriesCost, strconv.FormatBool)
	apply(&ch, "service_centre_id", &c.ServiceCentreID, u.ServiceCentreID, idText)
	apply(&ch, "replacement_serial", &c.ReplacementSerial, u.ReplacementSerial, str)
	apply(&ch, "refund_amount", &c.RefundAmount, u.RefundAmount, Money.String)
	apply(&ch, "notes", &c.Notes, u.Notes, str)
	if len(ch) == 0 {
		return old, nil, nil
	}
	if !old.Status.Open() {
		for _, x := range ch {
			if x.Field != "notes" {
				return old, nil, &Error{Code: ECONFLICT, Field: x.Field, Message: T(
					"case %s is %s: only its notes can be changed", old.CaseNo, old.Status.Label())}
			}
		}
	}
	if err := editProblems(c.Validate(), old.Validate(), ch); err != nil {
		return old, nil, err
	}
	c.UpdatedAt = now
	c.Version++
	for i := range ch {
		ch[i].CaseID, ch[i].At, ch[i].Actor, ch[i].Action = c.ID, now, actor, ActionEdit
	}
	return c, ch, nil
}

// EntersRepair reports whether c, updated from old, has just come into the repair tier:
// storage then gives it a maintenance number and a service centre as it does a new
// repair case, and records them with RepairEdits.
func (c *Case) EntersRepair(old *Case) bool { return c.Tier == TierRepair && old.Tier != TierRepair }

// RepairEdits are the history entries of the maintenance number and service centre that
// entering the repair tier gave c; before is c as it was just before they were given.
func (c *Case) RepairEdits(before *Case, actor string) []HistoryEntry {
	var ch []HistoryEntry
	apply(&ch, "maintenance_no", &before.MaintenanceNo, &c.MaintenanceNo, str)
	apply(&ch, "service_centre_id", &before.ServiceCentreID, &c.ServiceCentreID, idText)
	for i := range ch {
		ch[i].CaseID, ch[i].At, ch[i].Actor, ch[i].Action = c.ID, c.UpdatedAt, actor, ActionEdit
	}
	return ch
}

// Move changes c's status to to at time now when CheckTransition allows it, stamps the
// closing time when the case is closed, and returns the history entry of the move with
// its note.
func (c *Case) Move(to Status, actor, note string, now time.Time) (HistoryEntry, error) {
	if n := len([]rune(note)); n > MaxTextLen {
		return HistoryEntry{}, Invalid("note", "is too long (%d characters, at most %d)", n, MaxTextLen)
	}
	if e := CheckLines("note", note); e != nil {
		return HistoryEntry{}, e
	}
	if err := CheckTransition(c.Status, to); err != nil {
		return HistoryEntry{}, err
	}
	from := c.Status
	c.Status, c.UpdatedAt = to, now
	c.Version++
	if to == StatusClosed {
		closed := now
		c.ClosedAt = &closed
	}
	return HistoryEntry{CaseID: c.ID, At: now, Actor: actor, Action: ActionStatus, OldStatus: from, NewStatus: to, Note: note}, nil
}

// editProblems keeps the problems of an edited case that the edit is to blame for: those of
// the fields it changes, and new ones. A case stored by an older ReturnDesk may hold text it
// now refuses (an escape character in its serial, which cannot be edited): that must not
// stop anyone from adding notes to it.
func editProblems(after, before error, ch []HistoryEntry) error {
	var now, old Errors
	if !errors.As(after, &now) {
		return after
	}
	errors.As(before, &old)
	changed := map[string]bool{}
	for _, x := range ch {
		changed[x.Field] = true
	}
	var keep Errors
	for _, e := range now {
		if changed[e.Field] || !slices.ContainsFunc(old, func(o *Error) bool { return o.Equal(e) }) {
			keep = append(keep, e)
		}
	}
	return keep.err()
}

// apply copies *src into *dst when src is given and differs, and records the change.
func apply[T comparable](changes *[]HistoryEntry, field string, dst, src *T, text func(T) string) {
	if src == nil || *src == *dst {
		return
	}
	*changes = append(*changes, HistoryEntry{Field: field, OldValue: text(*dst), NewValue: text(*src)})
	*dst = *src
}

func str[T ~string](v T) string { return string(v) }

func idText[T ~int64](v T) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatInt(int64(v), 10)
}

func trimSerial(s Serial) Serial { return Serial(strings.TrimSpace(string(s))) }
