package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"returndesk/model"
)

const caseColumns = `c.id, c.case_no, c.maintenance_no, c.customer_id, c.product_id, c.serial,
	c.purchase_date, c.shipment_date, c.reported_date, c.fault, c.fault_category, c.accessories,
	c.condition, c.cause, c.tier, c.remedy, c.remedy_reason, c.policy_id, c.policy_version,
	c.dealer_carries_cost, COALESCE(c.service_centre_id, 0), c.replacement_serial, c.refund_amount,
	c.notes, c.status, c.created_at, c.updated_at, c.closed_at, c.version`

func scanCase(s scanner) (*model.Case, error) {
	var c model.Case
	var purchase, shipment, reported, created, updated string
	var closed sql.NullString
	if err := s.Scan(&c.ID, &c.CaseNo, &c.MaintenanceNo, &c.CustomerID, &c.ProductID, &c.Serial,
		&purchase, &shipment, &reported, &c.Fault, &c.FaultCategory, &c.Accessories,
		&c.Condition, &c.Cause, &c.Tier, &c.Remedy, &c.RemedyReason, &c.PolicyID, &c.PolicyVersion,
		&c.DealerCarriesCost, &c.ServiceCentreID, &c.ReplacementSerial, &c.RefundAmount,
		&c.Notes, &c.Status, &created, &updated, &closed, &c.Version); err != nil {
		return nil, err
	}
	var col columns
	c.PurchaseDate, c.ShipmentDate, c.ReportedDate = col.date(purchase), col.date(shipment), col.date(reported)
	c.CreatedAt, c.UpdatedAt, c.ClosedAt = col.stamp(created), col.stamp(updated), col.optStamp(closed.String)
	if col.err != nil {
		return nil, col.err
	}
	return &c, nil
}

// CreateCase stores a new case received at the counter, creating its customer first when
// nc.Customer is given and nc.Case.CustomerID is 0. It allocates the case number, and for
// the repair tier a maintenance number and the nearest service centre (unless one is set),
// and records the creation in the history.
func (db *Store) CreateCase(ctx context.Context, nc model.NewCase, actor string) (*model.Case, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	c, err := createCase(txSteps{ctx, tx}, tx.now, nc, actor)
	if err != nil {
		return nil, err
	}
	stored, err := tx.commitCase(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if nc.Case.CustomerID == 0 && nc.Customer != nil {
		nc.Customer.ID = stored.CustomerID
	}
	return stored, nil
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
func (db *Store) CaseByID(ctx context.Context, id model.CaseID) (*model.Case, error) {
	return read(ctx, db, func(tx *txn) (*model.Case, error) { return tx.caseByID(ctx, id) })
}

func (tx *txn) caseByID(ctx context.Context, id model.CaseID) (*model.Case, error) {
	c, err := scanCase(tx.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases c WHERE c.id = ?`, id))
	if err != nil {
		return nil, notFound(err, "no case with id %d", id)
	}
	return c, nil
}

// FindCase finds a case by its case number or its maintenance number (ignoring case), or
// by the sequence of its case number as read off a slip (21 or 000021 for RMA-2026-000021):
// then the newest so numbered, of any year.
func (db *Store) FindCase(ctx context.Context, number string) (*model.Case, error) {
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
	if errors.Is(err, sql.ErrNoRows) {
		c, err = tx.numbered(ctx, n)
	}
	if err != nil {
		return nil, notFound(err, "no case %s", n)
	}
	return c, nil
}

// numbered returns the newest case whose case number has term for its sequence, with its
// zeros or without (numberTails), in any year; sql.ErrNoRows when there is none or term is
// no sequence.
func (tx *txn) numbered(ctx context.Context, term string) (*model.Case, error) {
	return numberedBy(ctx, tx, term, "case_no", counterCase, caseNumber)
}

// numberedBy is numbered for the number in column, allocated by counter and written by format.
func numberedBy[N ~string](ctx context.Context, tx *txn, term, column, counter string, format func(year, n int) N) (*model.Case, error) {
	n, err := strconv.Atoi(term)
	if !allDigits(term) || err != nil || n == 0 || (term[0] == '0' && len(term) != numberWidth) {
		return nil, sql.ErrNoRows // not as a number is read out ("0021" is neither way)
	}
	years, err := queryAll(ctx, tx, func(s scanner) (int, error) {
		var y int
		return y, s.Scan(&y)
	}, `SELECT year FROM counters WHERE name = ?`, counter)
	if err != nil || len(years) == 0 {
		return nil, cmp.Or(err, sql.ErrNoRows)
	}
	numbers := make([]any, len(years))
	for i, y := range years {
		numbers[i] = string(format(y, n))
	}
	// <> '': the maintenance numbers' index leaves out the cases without one.
	return scanCase(tx.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases c WHERE c.`+column+` IN (`+
		strings.TrimSuffix(strings.Repeat("?, ", len(years)), ", ")+`) AND c.`+column+` <> '' ORDER BY c.id DESC LIMIT 1`, numbers...))
}

// CasesNumbered returns the cases a number read off a slip may mean (21, 000021): the newest
// whose case number has that sequence, then the newest whose maintenance number has it when
// that is another case (a repair's slip prints both numbers).
func (db *Store) CasesNumbered(ctx context.Context, seq string) ([]model.Case, error) {
	seq = strings.TrimSpace(seq)
	return read(ctx, db, func(tx *txn) ([]model.Case, error) {
		var out []model.Case
		for _, by := range []func() (*model.Case, error){
			func() (*model.Case, error) { return tx.numbered(ctx, seq) },
			func() (*model.Case, error) {
				return numberedBy(ctx, tx, seq, "maintenance_no", counterMaintenance, maintenanceNumber)
			},
		} {
			c, err := by()
			switch {
			case errors.Is(err, sql.ErrNoRows):
			case err != nil:
				return nil, dbError(err)
			case len(out) == 0 || out[0].ID != c.ID:
				out = append(out, *c)
			}
		}
		return out, nil
	})
}

// UpdateCase applies the given fields, writing one history entry per changed field.
// A closed or cancelled case accepts only new notes. Moving a case into the repair tier
// gives it a maintenance number and a service centre, recorded in the history as well.
func (db *Store) UpdateCase(ctx context.Context, id model.CaseID, u model.CaseUpdate, actor string) (*model.Case, error) {
	tx, err := db.beginCaseWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, changed, err := updateCase(txSteps{ctx, tx}, tx.now, id, u, actor)
	if err != nil {
		return nil, err
	}
	if !changed {
		return c, nil
	}
	return tx.commitCase(ctx, c.ID)
}

// MoveCase changes the status when model.CheckTransition allows it, records the move
// with its note in the history, and stamps closed_at when the case is closed.
func (db *Store) MoveCase(ctx context.Context, id model.CaseID, to model.Status, actor, note string) (*model.Case, error) {
	tx, err := db.beginCaseWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := moveCase(txSteps{ctx, tx}, tx.now, id, to, actor, note); err != nil {
		return nil, err
	}
	return tx.commitCase(ctx, id)
}

// beginCaseWrite begins a write of case id, refused when the case changed since the
// version ctx carries (model.ExpectsVersion): another counter saved it first.
func (db *Store) beginCaseWrite(ctx context.Context, id model.CaseID) (*txn, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	if err := tx.checkVersion(ctx, id); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// checkVersion refuses a write on a case that another counter saved after ctx's caller
// loaded it (model.ExpectVersion). All writers hold the write lock, so the version read
// here stays the case's until the commit.
func (tx *txn) checkVersion(ctx context.Context, id model.CaseID) error {
	if !model.ExpectsVersion(ctx) {
		return nil
	}
	c, err := tx.caseByID(ctx, id)
	if err != nil {
		return err
	}
	return model.CheckVersion(ctx, c)
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
	return tx.queue(ctx, `INSERT INTO case_history (case_id, at, actor, action, field, old_value,
		new_value, old_status, new_status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		h.CaseID, formatTime(tx.now), h.Actor, h.Action, h.Field, h.OldValue, h.NewValue,
		h.OldStatus, h.NewStatus, h.Note)
}

// CaseHistory returns every history entry of a case, oldest first.
func (db *Store) CaseHistory(ctx context.Context, id model.CaseID) ([]model.HistoryEntry, error) {
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
	var col columns
	h.At = col.stamp(at)
	return h, col.err
}

// listOfCase reads the rows a query (whose one parameter is the case id) finds about a
// case, in one read transaction; ENOTFOUND when there is no such case.
func listOfCase[T any](ctx context.Context, db *Store, id model.CaseID, scan func(scanner) (T, error), query string) ([]T, error) {
	return read(ctx, db, func(tx *txn) ([]T, error) {
		if _, err := tx.caseByID(ctx, id); err != nil {
			return nil, err
		}
		return queryAll(ctx, tx, scan, query, id)
	})
}

// CountCasesByStatus counts the cases in every status, zero included.
func (db *Store) CountCasesByStatus(ctx context.Context) (map[model.Status]int, error) {
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
