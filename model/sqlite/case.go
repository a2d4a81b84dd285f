package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"returndesk/model"
)

const caseColumns = `c.id, c.case_no, c.maintenance_no, c.customer_id, c.product_id, c.serial,
	c.purchase_date, c.shipment_date, c.reported_date, c.fault, c.fault_category, c.accessories,
	c.condition, c.cause, c.tier, c.remedy, c.remedy_reason, c.policy_id, c.policy_version,
	c.dealer_carries_cost, COALESCE(c.service_centre_id, 0), c.replacement_serial, c.refund_amount,
	c.notes, c.status, c.created_at, c.updated_at, c.closed_at`

func scanCase(s scanner) (*model.Case, error) {
	var c model.Case
	var purchase, shipment, reported, created, updated string
	var closed sql.NullString
	if err := s.Scan(&c.ID, &c.CaseNo, &c.MaintenanceNo, &c.CustomerID, &c.ProductID, &c.Serial,
		&purchase, &shipment, &reported, &c.Fault, &c.FaultCategory, &c.Accessories,
		&c.Condition, &c.Cause, &c.Tier, &c.Remedy, &c.RemedyReason, &c.PolicyID, &c.PolicyVersion,
		&c.DealerCarriesCost, &c.ServiceCentreID, &c.ReplacementSerial, &c.RefundAmount,
		&c.Notes, &c.Status, &created, &updated, &closed); err != nil {
		return nil, err
	}
	var err error
	if c.PurchaseDate, err = parseDate(purchase); err != nil {
		return nil, corrupt(err)
	}
	if c.ShipmentDate, err = parseDate(shipment); err != nil {
		return nil, corrupt(err)
	}
	if c.ReportedDate, err = parseDate(reported); err != nil {
		return nil, corrupt(err)
	}
	if c.CreatedAt, err = parseTime(created); err != nil {
		return nil, corrupt(err)
	}
	if c.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, corrupt(err)
	}
	if closed.Valid {
		t, err := parseTime(closed.String)
		if err != nil {
			return nil, corrupt(err)
		}
		c.ClosedAt = &t
	}
	return &c, nil
}

// tiers are the verdicts a case may carry (model has no list of them).
var tiers = map[model.Tier]bool{model.TierRefund: true, model.TierReplace: true, model.TierRepair: true,
	model.TierPaid: true, model.TierWarranty: true}

// validateCase runs the model's validation plus the checks it leaves to storage.
func validateCase(c *model.Case) error {
	var problems model.Errors
	if err := c.Validate(); err != nil {
		if es, ok := err.(model.Errors); ok {
			problems = append(problems, es...)
		} else {
			return err
		}
	}
	if c.Tier != "" && !tiers[c.Tier] {
		problems = append(problems, model.Invalid("tier", "unknown tier %q", c.Tier))
	}
	if c.PolicyVersion < 0 {
		problems = append(problems, model.Invalid("policy_version", "cannot be negative"))
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}

// CreateCase stores a new case received at the counter, creating its customer first when
// nc.Customer is given and nc.Case.CustomerID is 0. It allocates the case number, and for
// the repair tier a maintenance number and the nearest service centre (unless one is set),
// and records the creation in the history.
func (db *DB) CreateCase(ctx context.Context, nc model.NewCase, actor string) (*model.Case, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	c := nc.Case
	var newCustomer model.Customer
	if c.CustomerID == 0 && nc.Customer != nil {
		newCustomer = *nc.Customer
		newCustomer.ID = 0
		if err := tx.createCustomer(ctx, &newCustomer); err != nil {
			return nil, err
		}
		c.CustomerID = newCustomer.ID
	}
	if err := newCase(&c, tx.now); err != nil {
		return nil, err
	}
	customer, err := tx.customerByID(ctx, c.CustomerID)
	if err != nil {
		return nil, asInvalid("customer", err)
	}
	product, err := tx.productByID(ctx, c.ProductID)
	if err != nil {
		return nil, asInvalid("model", err)
	}
	if c.ServiceCentreID != 0 {
		if _, err := tx.serviceCentreByID(ctx, c.ServiceCentreID); err != nil {
			return nil, asInvalid("service_centre_id", err)
		}
	}

	year, n, err := tx.nextNumber(ctx, counterCase)
	if err != nil {
		return nil, err
	}
	c.CaseNo = caseNumber(year, n)
	if c.Tier == model.TierRepair {
		if err := tx.assignRepair(ctx, &c, product.ManufacturerID, customer.Region); err != nil {
			return nil, err
		}
	}

	id, err := tx.insert(ctx, model.Errorf(model.ECONFLICT, "case number %s is already taken", c.CaseNo),
		`INSERT INTO cases (case_no, maintenance_no, customer_id, product_id, serial,
		purchase_date, shipment_date, reported_date, fault, fault_category, accessories, condition, cause,
		tier, remedy, remedy_reason, policy_id, policy_version, dealer_carries_cost, service_centre_id,
		replacement_serial, refund_amount, notes, status, search_text, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.CaseNo, c.MaintenanceNo, c.CustomerID, c.ProductID, c.Serial,
		c.PurchaseDate.String(), c.ShipmentDate.String(), c.ReportedDate.String(), c.Fault, c.FaultCategory,
		c.Accessories, c.Condition, c.Cause, c.Tier, c.Remedy, c.RemedyReason, c.PolicyID, c.PolicyVersion,
		boolInt(c.DealerCarriesCost), nullID(c.ServiceCentreID), c.ReplacementSerial, c.RefundAmount, c.Notes,
		c.Status, caseSearchText(&c, customer), formatTime(tx.now), formatTime(tx.now))
	if err != nil {
		return nil, err
	}
	c.ID = model.CaseID(id)
	if err := tx.addHistory(ctx, createdEntry(&c, actor)); err != nil {
		return nil, err
	}
	stored, err := tx.caseByID(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if err := tx.commit(); err != nil {
		return nil, err
	}
	if newCustomer.ID != 0 {
		nc.Customer.ID = newCustomer.ID
	}
	return stored, nil
}

// newCase readies a case received at the counter for storing: no number yet, status
// received, trimmed serials, stamped now, validated, and dated no later than now.
func newCase(c *model.Case, now time.Time) error {
	c.ID, c.CaseNo, c.MaintenanceNo = 0, "", ""
	c.Status = model.StatusReceived
	c.ClosedAt = nil
	if c.Cause == "" {
		c.Cause = model.CauseUnknown
	}
	c.Serial = model.Serial(strings.TrimSpace(string(c.Serial)))
	c.ReplacementSerial = model.Serial(strings.TrimSpace(string(c.ReplacementSerial)))
	c.CreatedAt, c.UpdatedAt = now, now
	var problems model.Errors
	for _, err := range []error{validateCase(c), c.CheckDates(model.DateOf(now))} {
		var es model.Errors
		switch {
		case errors.As(err, &es):
			problems = append(problems, es...)
		case err != nil:
			return err
		}
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}

// createdEntry is the history entry that records a new case with its tier (and maintenance number).
func createdEntry(c *model.Case, actor string) model.HistoryEntry {
	note := "tier " + string(c.Tier)
	if c.Tier == "" {
		note = "no tier yet"
	}
	if c.MaintenanceNo != "" {
		note += ", maintenance number " + string(c.MaintenanceNo)
	}
	return model.HistoryEntry{CaseID: c.ID, Actor: actor, Action: "created", NewStatus: model.StatusReceived, Note: note}
}

func caseNumber(year, n int) model.CaseNo { return model.CaseNo(formatNumber("RMA", year, n, 6)) }

func maintenanceNumber(year, n int) model.MaintenanceNo {
	return model.MaintenanceNo(formatNumber("MO", year, n, 6))
}

// assignRepair gives a repair-tier case its maintenance number and, unless one is chosen,
// the service centre nearest to the customer (none when the catalog has no candidate).
func (tx *txn) assignRepair(ctx context.Context, c *model.Case, manufacturer model.ManufacturerID, region string) error {
	if c.MaintenanceNo == "" {
		year, n, err := tx.nextNumber(ctx, counterMaintenance)
		if err != nil {
			return err
		}
		c.MaintenanceNo = maintenanceNumber(year, n)
	}
	if c.ServiceCentreID == 0 {
		sc, err := tx.nearestServiceCentre(ctx, manufacturer, region)
		switch model.ErrorCode(err) {
		case "":
			c.ServiceCentreID = sc.ID
		case model.ENOTFOUND:
		default:
			return err
		}
	}
	return nil
}

// caseSearchText is what search-as-you-type matches against.
func caseSearchText(c *model.Case, customer *model.Customer) string {
	return searchText(string(c.CaseNo), string(c.MaintenanceNo), string(c.Serial), customer.Name, customer.Phone)
}

func (tx *txn) serviceCentreByID(ctx context.Context, id model.ServiceCentreID) (*model.ServiceCentre, error) {
	sc, err := scanServiceCentre(tx.QueryRowContext(ctx,
		`SELECT `+serviceCentreColumns+` FROM service_centres WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "no service centre with id %d", id)
	}
	return &sc, nil
}

// CaseByID returns one case.
func (db *DB) CaseByID(ctx context.Context, id model.CaseID) (*model.Case, error) {
	return read(ctx, db, func(tx *txn) (*model.Case, error) { return tx.caseByID(ctx, id) })
}

func (tx *txn) caseByID(ctx context.Context, id model.CaseID) (*model.Case, error) {
	c, err := scanCase(tx.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases c WHERE c.id = ?`, id))
	if err != nil {
		return nil, notFound(err, "no case with id %d", id)
	}
	return c, nil
}

// FindCase finds a case by its case number or its maintenance number (ignoring case).
func (db *DB) FindCase(ctx context.Context, number string) (*model.Case, error) {
	n := strings.ToUpper(strings.TrimSpace(number))
	if n == "" {
		return nil, model.Invalid("case", "no case number given")
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := scanCase(tx.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases c
		WHERE c.case_no = ?1 OR c.maintenance_no = ?1 LIMIT 1`, n))
	if err != nil {
		return nil, notFound(err, "no case %s", n)
	}
	return c, nil
}

// change is one edited field as the history records it.
type change struct{ field, old, new string }

// apply copies *src into *dst when src is given and differs, and records the change.
func apply[T comparable](changes *[]change, field string, dst, src *T, text func(T) string) {
	if src == nil || *src == *dst {
		return
	}
	*changes = append(*changes, change{field, text(*dst), text(*src)})
	*dst = *src
}

func str[T ~string](v T) string { return string(v) }

func idText[T ~int64](v T) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatInt(int64(v), 10)
}

// applyUpdate applies u to c (a copy of old), returning one change per field that differs;
// a closed or cancelled case accepts only new notes.
func applyUpdate(c, old *model.Case, u model.CaseUpdate) ([]change, error) {
	if u.ReplacementSerial != nil {
		s := model.Serial(strings.TrimSpace(string(*u.ReplacementSerial)))
		u.ReplacementSerial = &s
	}
	var ch []change
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
	apply(&ch, "refund_amount", &c.RefundAmount, u.RefundAmount, model.Money.String)
	apply(&ch, "notes", &c.Notes, u.Notes, str)
	if len(ch) == 0 {
		return nil, nil
	}
	if !old.Status.Open() {
		for _, x := range ch {
			if x.field != "notes" {
				return nil, &model.Error{Code: model.ECONFLICT, Field: x.field, Message: model.T(
					"case %s is %s: only its notes can be changed", old.CaseNo, strings.ToLower(old.Status.Label().String()))}
			}
		}
	}
	return ch, editProblems(validateCase(c), validateCase(old), ch)
}

// editProblems keeps the problems of an edited case that the edit is to blame for: those of
// the fields it changes, and new ones. A case stored by an older ReturnDesk may hold text it
// now refuses (an escape character in its serial, which cannot be edited): that must not
// stop anyone from adding notes to it.
func editProblems(after, before error, ch []change) error {
	var now, old model.Errors
	if !errors.As(after, &now) {
		return after
	}
	errors.As(before, &old)
	changed := map[string]bool{}
	for _, x := range ch {
		changed[x.field] = true
	}
	var keep model.Errors
	for _, e := range now {
		if changed[e.Field] || !slices.ContainsFunc(old, func(o *model.Error) bool { return o.Equal(e) }) {
			keep = append(keep, e)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	return keep
}

// UpdateCase applies the given fields, writing one history entry per changed field.
// A closed or cancelled case accepts only new notes. Moving a case into the repair tier
// gives it a maintenance number and a service centre, recorded in the history as well.
func (db *DB) UpdateCase(ctx context.Context, id model.CaseID, u model.CaseUpdate, actor string) (*model.Case, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	old, err := tx.caseByID(ctx, id)
	if err != nil {
		return nil, err
	}
	c := *old
	ch, err := applyUpdate(&c, old, u)
	if err != nil {
		return nil, err
	}
	if len(ch) == 0 {
		return old, nil
	}
	if u.ServiceCentreID != nil && c.ServiceCentreID != 0 && c.ServiceCentreID != old.ServiceCentreID {
		if _, err := tx.serviceCentreByID(ctx, c.ServiceCentreID); err != nil {
			return nil, asInvalid("service_centre_id", err)
		}
	}
	customer, err := tx.customerByID(ctx, c.CustomerID)
	if err != nil {
		return nil, err
	}
	if c.Tier == model.TierRepair && old.Tier != model.TierRepair {
		product, err := tx.productByID(ctx, c.ProductID)
		if err != nil {
			return nil, err
		}
		before := c
		if err := tx.assignRepair(ctx, &c, product.ManufacturerID, customer.Region); err != nil {
			return nil, err
		}
		apply(&ch, "maintenance_no", &before.MaintenanceNo, &c.MaintenanceNo, str)
		apply(&ch, "service_centre_id", &before.ServiceCentreID, &c.ServiceCentreID, idText)
	}

	_, err = tx.ExecContext(ctx, `UPDATE cases SET maintenance_no = ?, fault = ?, fault_category = ?,
		accessories = ?, condition = ?, cause = ?, tier = ?, remedy = ?, remedy_reason = ?, policy_id = ?,
		policy_version = ?, dealer_carries_cost = ?, service_centre_id = ?, replacement_serial = ?,
		refund_amount = ?, notes = ?, search_text = ?, updated_at = ? WHERE id = ?`,
		c.MaintenanceNo, c.Fault, c.FaultCategory, c.Accessories, c.Condition, c.Cause, c.Tier, c.Remedy,
		c.RemedyReason, c.PolicyID, c.PolicyVersion, boolInt(c.DealerCarriesCost), nullID(c.ServiceCentreID),
		c.ReplacementSerial, c.RefundAmount, c.Notes, caseSearchText(&c, customer), formatTime(tx.now), c.ID)
	if err != nil {
		return nil, dbError(err)
	}
	for _, x := range ch {
		if err := tx.addHistory(ctx, model.HistoryEntry{CaseID: c.ID, Actor: actor, Action: "edit",
			Field: x.field, OldValue: x.old, NewValue: x.new}); err != nil {
			return nil, err
		}
	}
	return tx.commitCase(ctx, c.ID)
}

// MoveCase changes the status when model.CheckTransition allows it, records the move
// with its note in the history, and stamps closed_at when the case is closed.
func (db *DB) MoveCase(ctx context.Context, id model.CaseID, to model.Status, actor, note string) (*model.Case, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if n := len([]rune(note)); n > model.MaxTextLen {
		return nil, model.Invalid("note", "is too long (%d characters, at most %d)", n, model.MaxTextLen)
	}
	if e := model.CheckLines("note", note); e != nil {
		return nil, e
	}
	old, err := tx.caseByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := model.CheckTransition(old.Status, to); err != nil {
		return nil, err
	}
	var closed any
	if old.ClosedAt != nil {
		closed = formatTime(*old.ClosedAt)
	}
	if to == model.StatusClosed {
		closed = formatTime(tx.now)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET status = ?, updated_at = ?, closed_at = ? WHERE id = ?`,
		to, formatTime(tx.now), closed, id); err != nil {
		return nil, dbError(err)
	}
	if err := tx.addHistory(ctx, model.HistoryEntry{CaseID: id, Actor: actor, Action: "status",
		OldStatus: old.Status, NewStatus: to, Note: note}); err != nil {
		return nil, err
	}
	return tx.commitCase(ctx, id)
}

// commitCase reads the case back as stored (within the transaction) and commits.
func (tx *txn) commitCase(ctx context.Context, id model.CaseID) (*model.Case, error) {
	stored, err := tx.caseByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := tx.commit(); err != nil {
		return nil, err
	}
	return stored, nil
}

func (tx *txn) addHistory(ctx context.Context, h model.HistoryEntry) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO case_history (case_id, at, actor, action, field, old_value,
		new_value, old_status, new_status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		h.CaseID, formatTime(tx.now), h.Actor, h.Action, h.Field, h.OldValue, h.NewValue,
		h.OldStatus, h.NewStatus, h.Note)
	return dbError(err)
}

// CaseHistory returns every history entry of a case, oldest first.
func (db *DB) CaseHistory(ctx context.Context, id model.CaseID) ([]model.HistoryEntry, error) {
	// Entries are appended under the write lock with the time it was taken, so id order is time order.
	return listOfCase(ctx, db, id, scanHistoryEntry, `SELECT id, case_id, at, actor, action, field, old_value, new_value,
		old_status, new_status, note FROM case_history WHERE case_id = ? ORDER BY id`)
}

func scanHistoryEntry(s scanner) (model.HistoryEntry, error) {
	var h model.HistoryEntry
	var at string
	if err := s.Scan(&h.ID, &h.CaseID, &at, &h.Actor, &h.Action, &h.Field, &h.OldValue, &h.NewValue,
		&h.OldStatus, &h.NewStatus, &h.Note); err != nil {
		return h, err
	}
	var err error
	if h.At, err = parseTime(at); err != nil {
		return h, corrupt(err)
	}
	return h, nil
}

// listOfCase reads the rows a query (whose one parameter is the case id) finds about a
// case, in one read transaction; ENOTFOUND when there is no such case.
func listOfCase[T any](ctx context.Context, db *DB, id model.CaseID, scan func(scanner) (T, error), query string) ([]T, error) {
	return read(ctx, db, func(tx *txn) ([]T, error) {
		if _, err := tx.caseByID(ctx, id); err != nil {
			return nil, err
		}
		return queryAll(ctx, tx, scan, query, id)
	})
}

// CountCasesByStatus counts the cases in every status, zero included.
func (db *DB) CountCasesByStatus(ctx context.Context) (map[model.Status]int, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT status, count(*) FROM cases GROUP BY status`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	out := make(map[model.Status]int, len(model.Statuses))
	for _, s := range model.Statuses {
		out[s] = 0
	}
	for rows.Next() {
		var s model.Status
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, dbError(err)
		}
		out[s] = n
	}
	return out, dbError(rows.Err())
}
