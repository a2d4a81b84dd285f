package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"returndesk/model"
)

// ImportSales stores all the records in one transaction, or none of them. Each record
// names its product by ProductID or by Model (and optionally Manufacturer); a record
// with a CustomerName but no CustomerID is linked to the customer with that name and
// phone, who is created when missing. The records' ID, ProductID and CustomerID are
// filled in. Errors name the record by its row (1-based position in sales) and serial.
//
// Everything is checked and looked up in a read snapshot first, so the write lock is held
// only to write: other writers wait seconds, not the minute a large file takes to check.
func (db *Store) ImportSales(ctx context.Context, sales []model.Sale) error {
	if len(sales) == 0 {
		return nil
	}
	var work []model.Sale
	err := checkThenWrite(ctx, db, "an import", func(tx *txn) (*salesPlan, error) { return planSales(ctx, tx, sales) },
		func(tx *txn, plan *salesPlan) error {
			work = plan.work
			return plan.write(ctx, tx)
		})
	if err != nil {
		return err
	}
	copy(sales, work)
	return nil
}

// saleRefs finds the product and the customer a sales record names by id: in the
// transaction (txSteps) or, cached, in a bulk load.
type saleRefs interface {
	customer(id model.CustomerID) (*model.Customer, error)
	product(id model.ProductID) (*model.Product, error)
}

// readySale trims a sales record and checks it as every way of storing one does: its
// fields, its dates (none after today), and the product and customer it names by id.
// A record that names its product by model is resolved by the import.
func readySale(refs saleRefs, s *model.Sale, today model.Date) error {
	s.Serial = model.Serial(strings.TrimSpace(string(s.Serial)))
	s.Model = model.ModelCode(strings.TrimSpace(string(s.Model)))
	s.CustomerName = strings.TrimSpace(s.CustomerName)
	s.Phone = strings.TrimSpace(s.Phone)
	if err := s.Validate(); err != nil {
		return err
	}
	if err := s.CheckDates(today); err != nil {
		return err
	}
	if s.ProductID != 0 {
		if _, err := refs.product(s.ProductID); err != nil {
			return asInvalid("model", err)
		}
	}
	if s.CustomerID != 0 {
		if _, err := refs.customer(s.CustomerID); err != nil {
			return asInvalid("customer", err)
		}
	}
	return nil
}

// salesPlan is an import checked against a read snapshot: the records with their products
// and existing customers resolved, and the customers still to create.
type salesPlan struct {
	work []model.Sale // the records; a customer to create has CustomerID 0 and an entry in newOf
	// newOf maps a record's index to its customer in fresh; fresh are the customers to create.
	newOf map[int]int
	fresh [][2]string // name, phone
	// lastCustomer is the newest customer id the snapshot saw: the write looks only at
	// customers created after it for a name and phone the import would create again.
	lastCustomer model.CustomerID
}

// planSales checks and resolves every record in the snapshot tx.
func planSales(ctx context.Context, tx *txn, sales []model.Sale) (*salesPlan, error) {
	type productKey struct {
		manufacturer string
		model        string
	}
	products := map[productKey]model.ProductID{}
	customers := map[[2]string]int{} // name, phone -> index in fresh, or -1 when stored
	stored := map[[2]string]model.CustomerID{}
	seen := map[string]int{} // lower-cased serial -> row
	find, err := tx.PrepareContext(ctx, `SELECT id FROM customers WHERE name = ? AND phone = ? ORDER BY id LIMIT 1`)
	if err != nil {
		return nil, dbError(err)
	}
	defer find.Close()

	refs := txSteps{ctx, tx}
	// Work on a copy: the caller's records get their IDs only once they are stored.
	p := &salesPlan{work: append([]model.Sale(nil), sales...), newOf: map[int]int{}}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM customers`).Scan(&p.lastCustomer); err != nil {
		return nil, dbError(err)
	}
	for i := range p.work {
		s := &p.work[i]
		row := i + 1
		if err := readySale(refs, s, model.DateOf(tx.now)); err != nil {
			return nil, rowError(row, s.Serial, err)
		}
		key := strings.ToLower(string(s.Serial))
		if first, dup := seen[key]; dup {
			return nil, rowError(row, s.Serial, &model.Error{Code: model.ECONFLICT, Field: "serial",
				Message: model.T("serial %s appears twice in the import (rows %d and %d)", s.Serial, first, row)})
		}
		seen[key] = row

		if s.ProductID == 0 {
			pk := productKey{nameKey(s.Manufacturer), strings.ToLower(string(s.Model))}
			id, ok := products[pk]
			if !ok {
				pr, err := tx.productForSale(ctx, s.Manufacturer, s.Model)
				if err != nil {
					return nil, rowError(row, s.Serial, err)
				}
				id = pr.ID
				products[pk] = id
			}
			s.ProductID = id
		}
		if s.CustomerID != 0 || s.CustomerName == "" {
			continue
		}
		ck := [2]string{s.CustomerName, s.Phone}
		j, ok := customers[ck]
		if !ok {
			var id model.CustomerID
			err := find.QueryRowContext(ctx, ck[0], ck[1]).Scan(&id)
			switch {
			case err == nil:
				stored[ck], j = id, -1
			case errors.Is(err, sql.ErrNoRows):
				c := model.Customer{Name: ck[0], Phone: ck[1]}
				if err := c.Validate(); err != nil {
					return nil, rowError(row, s.Serial, err)
				}
				j = len(p.fresh)
				p.fresh = append(p.fresh, ck)
			default:
				return nil, dbError(err)
			}
			customers[ck] = j
		}
		if j < 0 {
			s.CustomerID = stored[ck]
		} else {
			p.newOf[i] = j
		}
	}
	return p, nil
}

// write stores the plan in the write transaction tx. What the snapshot checked and
// another writer may have changed since is checked again cheaply: a serial stored
// meanwhile fails the sales table's unique index, a product or customer deleted meanwhile
// its foreign key, and a customer created meanwhile with a name and phone this import
// would create is looked for among the customers newer than the snapshot.
func (p *salesPlan) write(ctx context.Context, tx *txn) error {
	ids := make([]model.CustomerID, len(p.fresh))
	if len(p.fresh) > 0 {
		index := make(map[[2]string]int, len(p.fresh))
		for j, ck := range p.fresh {
			index[ck] = j
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, name, phone FROM customers WHERE id > ? ORDER BY id`, p.lastCustomer)
		if err != nil {
			return dbError(err)
		}
		for rows.Next() {
			var id model.CustomerID
			var ck [2]string
			if err := rows.Scan(&id, &ck[0], &ck[1]); err != nil {
				rows.Close()
				return dbError(err)
			}
			if j, ok := index[ck]; ok && ids[j] == 0 {
				ids[j] = id
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return dbError(err)
		}
	}

	// The driver watches a cancellable context with a goroutine per statement, which would
	// cost more than the insert; the batches check for cancellation themselves instead.
	stop, ctx := ctx, context.WithoutCancel(ctx)
	next, err := tx.maxID(ctx, "customers")
	if err != nil {
		return err
	}
	customers, err := newBatch(ctx, tx, `INSERT INTO customers (id, name, phone, kind, search_text) VALUES`, 5,
		func(_ []any, err error) error { return dbError(err) }, stop)
	if err != nil {
		return err
	}
	defer customers.close()
	keys, err := newKeyBatch(ctx, tx, stop, customerIndex)
	if err != nil {
		return err
	}
	defer keys.close()
	for j, ck := range p.fresh {
		if ids[j] != 0 {
			continue
		}
		next++
		ids[j] = model.CustomerID(next)
		if err := customers.add(next, ck[0], ck[1], model.KindTerminal, customerText(ck[0], ck[1])); err != nil {
			return err
		}
		keys.addKeys(next, customerKeys(ck[0], ck[1]))
	}
	if err := customers.flush(); err != nil {
		return err
	}
	if err := keys.flush(); err != nil {
		return err
	}

	first, err := tx.maxID(ctx, "sales")
	if err != nil {
		return err
	}
	first++
	sales, err := newBatch(ctx, tx, `INSERT INTO sales (id, serial, product_id, customer_id, customer_name,
		phone, invoice, purchase_date, shipment_date) VALUES`, 9, func(args []any, err error) error {
		i := int(args[0].(int64) - first)
		s := p.work[i]
		if isUnique(err) {
			err = &model.Error{Code: model.ECONFLICT, Field: "serial",
				Message: model.T("serial %s already has a sales record", s.Serial)}
		}
		return rowError(i+1, s.Serial, dbError(err))
	}, stop)
	if err != nil {
		return err
	}
	defer sales.close()
	for i := range p.work {
		s := &p.work[i]
		if j, ok := p.newOf[i]; ok {
			s.CustomerID = ids[j]
		}
		s.ID = model.SaleID(first + int64(i))
		if err := sales.add(int64(s.ID), s.Serial, s.ProductID, nullID(s.CustomerID), s.CustomerName,
			s.Phone, s.Invoice, s.PurchaseDate.String(), s.ShipmentDate.String()); err != nil {
			return err
		}
	}
	return sales.flush()
}

// maxID is the largest id of a table, 0 when it is empty: SQLite gives a new row max + 1,
// and so does a write that numbers its rows itself.
func (tx *txn) maxID(ctx context.Context, table string) (int64, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM `+table).Scan(&id); err != nil {
		return 0, dbError(err)
	}
	return id, nil
}

// productForSale resolves a model code, within the named manufacturer when one is given.
func (tx *txn) productForSale(ctx context.Context, manufacturer string, code model.ModelCode) (*model.Product, error) {
	var mid model.ManufacturerID
	if strings.TrimSpace(manufacturer) != "" {
		m, err := tx.manufacturerByName(ctx, manufacturer)
		if err != nil {
			return nil, asInvalid("manufacturer", err)
		}
		mid = m.ID
	}
	p, err := tx.productByModel(ctx, mid, code)
	if model.ErrorCode(err) == model.ENOTFOUND {
		if mid != 0 {
			return nil, model.Invalid("model", "unknown model %s of %s; add it to the catalog first", code, manufacturer)
		}
		return nil, model.Invalid("model", "unknown model %s; add it to the catalog first", code)
	}
	return p, err
}

// rowError prefixes an error with the row and serial it concerns, keeping its code and
// field. A failure of the machine (a full disk) is about no row and passes unchanged.
func rowError(row int, serial model.Serial, err error) error {
	if !model.IsBadInput(err) {
		return err
	}
	field := ""
	var me *model.Error
	var mes model.Errors
	switch {
	case errors.As(err, &mes) && len(mes) > 0:
		field = mes[0].Field
	case errors.As(err, &me):
		field = me.Field
	}
	where := model.T("row %d", row)
	if serial != "" {
		where = model.T("row %d (serial %s)", row, serial)
	}
	return &model.Error{Code: model.ErrorCode(err), Field: field, Message: where, Cause: err}
}

// SaleBySerial returns the sales record of a serial (ignoring ASCII case), with the
// product's model code and manufacturer.
func (db *Store) SaleBySerial(ctx context.Context, serial model.Serial) (*model.Sale, error) {
	serial = model.Serial(strings.TrimSpace(string(serial)))
	return read(ctx, db, func(tx *txn) (*model.Sale, error) {
		s, err := scanSale(tx.QueryRowContext(ctx, `SELECT `+saleColumns+saleFrom+` WHERE s.serial = ?`, serial))
		if err != nil {
			return nil, notFound(err, "no sales record for serial %s", serial)
		}
		return &s, nil
	})
}
