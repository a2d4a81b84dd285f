package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"returndesk/model"
	"returndesk/policy"
)

// defaultOEMWindow is the claim window of an OEM order whose manufacturer has no OEM policy.
var defaultOEMWindow = policy.Months(12)

// oemWindows finds the claim window of each manufacturer's OEM allowance, once per manufacturer.
type oemWindows map[model.ManufacturerID]policy.Window

func (w oemWindows) end(ctx context.Context, tx *txn, m model.ManufacturerID, shipped model.Date) (model.Date, error) {
	win, ok := w[m]
	if !ok {
		win = defaultOEMWindow
		var id model.PolicyID
		err := tx.QueryRowContext(ctx, `SELECT oem_policy FROM manufacturers WHERE id = ?`, m).Scan(&id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return model.Date{}, dbError(err)
		}
		if id != "" {
			rec, err := tx.policy(ctx, id, 0)
			if err == nil {
				if p, err := policy.FromRecord(*rec); err == nil && p.OEM != nil {
					win = p.OEM.ClaimWindow
				}
			} else if model.ErrorCode(err) != model.ENOTFOUND {
				return model.Date{}, err
			}
		}
		w[m] = win
	}
	return win.End(shipped), nil
}

// oemOrderHead is what linking defects needs to know about an order.
type oemOrderHead struct {
	id           model.OEMOrderID
	manufacturer model.ManufacturerID
	product      model.ProductID
	orderNo      string
	shipped      model.Date
}

func (tx *txn) oemOrderHead(ctx context.Context, id model.OEMOrderID) (*oemOrderHead, error) {
	h := &oemOrderHead{}
	var shipped string
	err := tx.QueryRowContext(ctx, `SELECT id, manufacturer_id, product_id, order_no, shipment_date FROM oem_orders
		WHERE id = ?`, id).Scan(&h.id, &h.manufacturer, &h.product, &h.orderNo, &shipped)
	if err != nil {
		return nil, notFound(err, "no OEM order with id %d", id)
	}
	var col columns
	if h.shipped = col.date(shipped); col.err != nil {
		return nil, col.err
	}
	return h, nil
}

// LinkOEMDefects records cases as defects of an OEM order. Each case must be a unit of the
// order's product reported on or after its shipment, and not linked to another order.
func (db *Store) LinkOEMDefects(ctx context.Context, order model.OEMOrderID, cases []model.CaseID) error {
	return write(ctx, db, func(tx *txn) error {
		var err error
		h, err := tx.oemOrderHead(ctx, order)
		if err != nil {
			return err
		}
		for _, id := range cases {
			c, err := tx.caseByID(ctx, id)
			if err != nil {
				return asInvalid("case", err)
			}
			if c.ProductID != h.product {
				return model.Invalid("case", "case %s is not a unit of the product of order %s", c.CaseNo, h.orderNo)
			}
			if c.ReportedDate.Before(h.shipped) {
				return model.Invalid("case", "case %s was reported on %s, before order %s was shipped (%s)",
					c.CaseNo, c.ReportedDate, h.orderNo, h.shipped)
			}
			var other string
			err = tx.QueryRowContext(ctx, `SELECT o.order_no FROM oem_defects d JOIN oem_orders o ON o.id = d.order_id
				WHERE d.case_id = ?`, id).Scan(&other)
			switch {
			case err == nil && other == h.orderNo:
				continue
			case err == nil:
				return model.Errorf(model.ECONFLICT, "case %s is already a defect of order %s", c.CaseNo, other)
			case !errors.Is(err, sql.ErrNoRows):
				return dbError(err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO oem_defects (order_id, case_id, linked_at) VALUES (?, ?, ?)`,
				order, id, formatTime(tx.now)); err != nil {
				return dbError(err)
			}
		}
		return nil
	})
}

// UnlinkOEMDefect removes a case from an order's defects.
func (db *Store) UnlinkOEMDefect(ctx context.Context, order model.OEMOrderID, c model.CaseID) error {
	return write(ctx, db, func(tx *txn) error {
		var err error
		res, err := tx.ExecContext(ctx, `DELETE FROM oem_defects WHERE order_id = ? AND case_id = ?`, order, c)
		if err != nil {
			return dbError(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return model.Errorf(model.ENOTFOUND, "case id %d is not a defect of OEM order id %d", c, order)
		}
		return nil
	})
}

// SetOEMBatchDefect marks an order's defects as a batch defect, or not.
func (db *Store) SetOEMBatchDefect(ctx context.Context, order model.OEMOrderID, batch bool) error {
	return write(ctx, db, func(tx *txn) error {
		var err error
		res, err := tx.ExecContext(ctx, `UPDATE oem_orders SET batch_defect = ? WHERE id = ?`, boolInt(batch), order)
		if err != nil {
			return dbError(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return model.Errorf(model.ENOTFOUND, "no OEM order with id %d", order)
		}
		return nil
	})
}

const oemDefectColumns = `c.id, c.case_no, c.serial, c.reported_date, c.fault, c.cause,
	COALESCE((SELECT cl.claim_no FROM claim_lines l JOIN claims cl ON cl.id = l.claim_id
		WHERE l.case_id = c.id ORDER BY l.id DESC LIMIT 1), '')`

func scanOEMDefect(s scanner) (model.OEMDefect, error) {
	var d model.OEMDefect
	var reported string
	if err := s.Scan(&d.CaseID, &d.CaseNo, &d.Serial, &reported, &d.Fault, &d.Cause, &d.ClaimNo); err != nil {
		return d, err
	}
	var col columns
	d.ReportedDate = col.date(reported)
	return d, col.err
}

// oemOrderWindow reads an order's head and the last day of its claim window.
func (tx *txn) oemOrderWindow(ctx context.Context, order model.OEMOrderID) (*oemOrderHead, model.Date, error) {
	h, err := tx.oemOrderHead(ctx, order)
	if err != nil {
		return nil, model.Date{}, err
	}
	end, err := oemWindows{}.end(ctx, tx, h.manufacturer, h.shipped)
	if err != nil {
		return nil, model.Date{}, err
	}
	return h, end, nil
}

// OEMDefects lists an order's defects, oldest report first; InYear says which were
// reported inside the order's claim window.
func (db *Store) OEMDefects(ctx context.Context, order model.OEMOrderID) ([]model.OEMDefect, error) {
	return read(ctx, db, func(tx *txn) ([]model.OEMDefect, error) {
		_, end, err := tx.oemOrderWindow(ctx, order)
		if err != nil {
			return nil, err
		}
		ds, err := queryAll(ctx, tx, scanOEMDefect, `SELECT `+oemDefectColumns+` FROM oem_defects d
			JOIN cases c ON c.id = d.case_id WHERE d.order_id = ? ORDER BY c.reported_date, c.case_no`, order)
		if err != nil {
			return nil, err
		}
		for i := range ds {
			ds[i].OrderID = order
			ds[i].InYear = !ds[i].ReportedDate.After(end)
		}
		return ds, err
	})
}

// OEMDefectCandidates lists the cases that could be defects of an order: units of its
// product reported inside its claim window, not found to be misuse, not cancelled and
// not linked to any order.
func (db *Store) OEMDefectCandidates(ctx context.Context, order model.OEMOrderID) ([]model.OEMDefect, error) {
	return read(ctx, db, func(tx *txn) ([]model.OEMDefect, error) {
		h, end, err := tx.oemOrderWindow(ctx, order)
		if err != nil {
			return nil, err
		}
		ds, err := queryAll(ctx, tx, scanOEMDefect, `SELECT `+oemDefectColumns+` FROM cases c
			WHERE c.product_id = ? AND c.reported_date >= ? AND c.reported_date <= ? AND c.cause <> ? AND c.status <> ?
				AND NOT EXISTS (SELECT 1 FROM oem_defects d WHERE d.case_id = c.id)
			ORDER BY c.reported_date, c.case_no`,
			h.product, h.shipped.String(), end.String(), model.CauseMisuse, model.StatusCancelled)
		for i := range ds {
			ds[i].InYear = true
		}
		return ds, err
	})
}

// listOEMOrders reads every OEM order with its names, its defects inside the claim
// window and how many of those are claimed, most recently shipped first.
func (db *Store) listOEMOrders(ctx context.Context) ([]model.OEMOrder, error) {
	return read(ctx, db, func(tx *txn) ([]model.OEMOrder, error) {
		orders, err := queryAll(ctx, tx, func(s scanner) (model.OEMOrder, error) {
			var o model.OEMOrder
			var shipped string
			var spares sql.NullInt64
			if err := s.Scan(&o.ID, &o.ManufacturerID, &o.ProductID, &o.CustomerID, &o.OrderNo, &o.Quantity,
				&shipped, &o.SpareRate, &spares, &o.BatchDefect, &o.Manufacturer, &o.Model, &o.Customer); err != nil {
				return o, err
			}
			var col columns
			if o.ShipmentDate = col.date(shipped); col.err != nil {
				return o, col.err
			}
			if spares.Valid {
				n := int(spares.Int64)
				o.SparesReceived = &n
			}
			return o, nil
		}, `SELECT o.id, o.manufacturer_id, o.product_id, COALESCE(o.customer_id, 0), o.order_no, o.quantity,
			o.shipment_date, o.spare_rate, o.spares_received, o.batch_defect, m.name, p.model, COALESCE(cu.name, '')
			FROM oem_orders o JOIN manufacturers m ON m.id = o.manufacturer_id JOIN products p ON p.id = o.product_id
			LEFT JOIN customers cu ON cu.id = o.customer_id
			ORDER BY o.shipment_date DESC, o.id DESC`)
		if err != nil {
			return nil, err
		}
		windows := oemWindows{}
		for i := range orders {
			o := &orders[i]
			end, err := windows.end(ctx, tx, o.ManufacturerID, o.ShipmentDate)
			if err != nil {
				return nil, err
			}
			if err := tx.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(CASE WHEN EXISTS (SELECT 1 FROM claim_lines l
				WHERE l.case_id = c.id) THEN 1 ELSE 0 END), 0) FROM oem_defects d JOIN cases c ON c.id = d.case_id
				WHERE d.order_id = ? AND c.reported_date <= ?`, o.ID, end.String()).Scan(&o.Defects, &o.Claimed); err != nil {
				return nil, dbError(err)
			}
		}
		return orders, nil
	})
}
