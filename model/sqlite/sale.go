package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"returndesk/model"
)

// ImportSales stores all the records in one transaction, or none of them. Each record
// names its product by ProductID or by Model (and optionally Manufacturer); a record
// with a CustomerName but no CustomerID is linked to the customer with that name and
// phone, who is created when missing. The records' ID, ProductID and CustomerID are
// filled in. Errors name the record by its row (1-based position in sales) and serial.
func (db *DB) ImportSales(ctx context.Context, sales []model.Sale) error {
	if len(sales) == 0 {
		return nil
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	insert, err := tx.PrepareContext(ctx, `INSERT INTO sales (serial, product_id, customer_id, customer_name,
		phone, invoice, purchase_date, shipment_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return dbError(err)
	}
	defer insert.Close()

	type productKey struct {
		manufacturer string
		model        string
	}
	products := map[productKey]model.ProductID{}
	customers := map[[2]string]model.CustomerID{}
	seen := map[string]int{} // lower-cased serial -> row

	// Work on a copy: the caller's records get their IDs only once they are stored.
	work := append([]model.Sale(nil), sales...)
	for i := range work {
		s := &work[i]
		row := i + 1
		s.Serial = model.Serial(strings.TrimSpace(string(s.Serial)))
		s.Model = model.ModelCode(strings.TrimSpace(string(s.Model)))
		s.CustomerName = strings.TrimSpace(s.CustomerName)
		s.Phone = strings.TrimSpace(s.Phone)
		if err := s.Validate(); err != nil {
			return rowError(row, s.Serial, err)
		}
		key := strings.ToLower(string(s.Serial))
		if first, dup := seen[key]; dup {
			return rowError(row, s.Serial, &model.Error{Code: model.ECONFLICT, Field: "serial",
				Message: fmt.Sprintf("serial %s appears twice in the import (rows %d and %d)", s.Serial, first, row)})
		}
		seen[key] = row

		if s.ProductID == 0 {
			pk := productKey{nameKey(s.Manufacturer), strings.ToLower(string(s.Model))}
			id, ok := products[pk]
			if !ok {
				p, err := tx.productForSale(ctx, s.Manufacturer, s.Model)
				if err != nil {
					return rowError(row, s.Serial, err)
				}
				id = p.ID
				products[pk] = id
			}
			s.ProductID = id
		} else if _, err := tx.productByID(ctx, s.ProductID); err != nil {
			return rowError(row, s.Serial, asInvalid("model", err))
		}

		if s.CustomerID != 0 {
			if _, err := tx.customerByID(ctx, s.CustomerID); err != nil {
				return rowError(row, s.Serial, asInvalid("customer", err))
			}
		} else if s.CustomerName != "" {
			ck := [2]string{s.CustomerName, s.Phone}
			id, ok := customers[ck]
			if !ok {
				if id, err = tx.findOrCreateCustomer(ctx, s.CustomerName, s.Phone); err != nil {
					return rowError(row, s.Serial, err)
				}
				customers[ck] = id
			}
			s.CustomerID = id
		}

		res, err := insert.ExecContext(ctx, s.Serial, s.ProductID, nullID(s.CustomerID), s.CustomerName,
			s.Phone, s.Invoice, s.PurchaseDate.String(), s.ShipmentDate.String())
		if isUnique(err) {
			return rowError(row, s.Serial, &model.Error{Code: model.ECONFLICT, Field: "serial",
				Message: fmt.Sprintf("serial %s already has a sales record", s.Serial)})
		}
		if err != nil {
			return rowError(row, s.Serial, dbError(err))
		}
		id, err := res.LastInsertId()
		if err != nil {
			return dbError(err)
		}
		s.ID = model.SaleID(id)
	}
	if err := tx.commit(); err != nil {
		return err
	}
	copy(sales, work)
	return nil
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
	where := fmt.Sprintf("row %d", row)
	if serial != "" {
		where += fmt.Sprintf(" (serial %s)", serial)
	}
	return &model.Error{Code: model.ErrorCode(err), Field: field, Message: where + ": " + model.ErrorMessage(err)}
}

// SaleBySerial returns the sales record of a serial (ignoring ASCII case), with the
// product's model code and manufacturer.
func (db *DB) SaleBySerial(ctx context.Context, serial model.Serial) (*model.Sale, error) {
	serial = model.Serial(strings.TrimSpace(string(serial)))
	return read(ctx, db, func(tx *txn) (*model.Sale, error) {
		s, err := scanSale(tx.QueryRowContext(ctx, `SELECT `+saleColumns+saleFrom+` WHERE s.serial = ?`, serial))
		if err != nil {
			return nil, notFound(err, "no sales record for serial %s", serial)
		}
		return &s, nil
	})
}
