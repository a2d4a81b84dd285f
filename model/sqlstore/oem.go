package sqlstore

import (
	"context"
	"strings"

	"returndesk/model"
)

// validRate accepts a percentage written as exact decimal text: "0.4", "1", "0.35".
func validRate(s string) bool {
	whole, frac, hasFrac := strings.Cut(s, ".")
	digits := func(t string) bool {
		for _, r := range t {
			if r < '0' || r > '9' {
				return false
			}
		}
		return t != ""
	}
	return digits(whole) && (!hasFrac || digits(frac))
}

// CreateOEMOrder stores an OEM order of one of the manufacturer's products and sets its ID.
// Order numbers are unique per manufacturer.
func (db *Store) CreateOEMOrder(ctx context.Context, o *model.OEMOrder) error {
	if o == nil {
		return model.Invalid("order", "is required")
	}
	id, err := writeResult(ctx, db, func(tx *txn) (int64, error) {
		o.OrderNo = strings.TrimSpace(o.OrderNo)
		o.SpareRate = strings.TrimSpace(o.SpareRate)
		if err := o.Validate(); err != nil {
			return 0, err
		}
		if err := o.CheckDates(model.DateOf(tx.now)); err != nil {
			return 0, err
		}
		if !validRate(o.SpareRate) {
			return 0, model.Invalid("spare_rate", "%q is not a percentage such as 0.4", o.SpareRate)
		}
		m, err := tx.manufacturerByID(ctx, o.ManufacturerID)
		if err != nil {
			return 0, asInvalid("manufacturer", err)
		}
		p, err := tx.productByID(ctx, o.ProductID)
		if err != nil {
			return 0, asInvalid("model", err)
		}
		if p.ManufacturerID != o.ManufacturerID {
			return 0, model.Invalid("model", "%s is a %s model, not a %s one", p.Model, p.Manufacturer, m.Name)
		}
		if o.CustomerID != 0 {
			if _, err := tx.customerByID(ctx, o.CustomerID); err != nil {
				return 0, asInvalid("customer", err)
			}
		}
		var spares any
		if o.SparesReceived != nil {
			spares = *o.SparesReceived
		}
		return tx.insert(ctx, model.Errorf(model.ECONFLICT, "%s already has an order %s", m.Name, o.OrderNo),
			`INSERT INTO oem_orders (manufacturer_id, product_id, customer_id, order_no,
			quantity, shipment_date, spare_rate, spares_received) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			o.ManufacturerID, o.ProductID, nullID(o.CustomerID), o.OrderNo, o.Quantity, o.ShipmentDate.String(),
			o.SpareRate, spares)
	})
	if err != nil {
		return err
	}
	o.ID = model.OEMOrderID(id)
	return nil
}

// ListOEMOrders returns every OEM order, most recently shipped first.
// The manufacturer's, product's and customer's names are filled in, with the order's
// defects reported within its claim window and how many of them are claimed.
func (db *Store) ListOEMOrders(ctx context.Context) ([]model.OEMOrder, error) {
	return db.listOEMOrders(ctx)
}
