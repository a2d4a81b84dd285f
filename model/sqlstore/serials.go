package sqlstore

import (
	"context"
	"slices"
	"strings"

	"returndesk/model"
)

// serialBatch is how many serials one IN (...) query checks; well under SQLite's
// limit on bound parameters.
const serialBatch = 500

// SalesOfSerials returns the sales records those of serials already have, in serial order.
// Serials compare ignoring ASCII case, as the sales table's unique index does.
func (db *Store) SalesOfSerials(ctx context.Context, serials []model.Serial) ([]model.Sale, error) {
	out := []model.Sale{}
	if len(serials) == 0 {
		return out, nil
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	args := make([]any, 0, serialBatch)
	for start := 0; start < len(serials); start += serialBatch {
		batch := serials[start:min(start+serialBatch, len(serials))]
		args = args[:0]
		for _, s := range batch {
			args = append(args, strings.TrimSpace(string(s)))
		}
		marks := strings.TrimSuffix(strings.Repeat("?,", len(batch)), ",")
		// The column is case-insensitive (NOCASE, citext), also for IN.
		found, err := queryAll(ctx, tx, scanSale, `SELECT `+saleColumns+saleFrom+` WHERE s.serial IN (`+marks+`)`, args...)
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
	}
	// In serial order across the batches.
	slices.SortFunc(out, func(a, b model.Sale) int { return strings.Compare(string(a.Serial), string(b.Serial)) })
	return out, nil
}

const saleColumns = `s.id, s.serial, s.product_id, p.model, m.name, COALESCE(s.customer_id, 0),
	s.customer_name, s.phone, s.invoice, s.purchase_date, s.shipment_date`
const saleFrom = ` FROM sales s JOIN products p ON p.id = s.product_id JOIN manufacturers m ON m.id = p.manufacturer_id`

func scanSale(sc scanner) (model.Sale, error) {
	var s model.Sale
	var purchase, shipment string
	if err := sc.Scan(&s.ID, &s.Serial, &s.ProductID, &s.Model, &s.Manufacturer, &s.CustomerID,
		&s.CustomerName, &s.Phone, &s.Invoice, &purchase, &shipment); err != nil {
		return s, err
	}
	var col columns
	s.PurchaseDate, s.ShipmentDate = col.date(purchase), col.date(shipment)
	return s, col.err
}

// likePrefix escapes a prefix for LIKE ... ESCAPE '\' and appends the wildcard.
func likePrefix(prefix string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(prefix) + "%"
}

// FindSales lists the sales records whose serial starts with prefix (ignoring ASCII
// case), in serial order, with their model and manufacturer. Limit defaults to 50.
func (db *Store) FindSales(ctx context.Context, prefix string, limit int) ([]model.Sale, error) {
	limit = clampLimit(limit, 50)
	prefix = strings.TrimSpace(prefix)
	return listAll(ctx, db, scanSale, `SELECT `+saleColumns+saleFrom+`
		WHERE ?1 = '' OR s.serial LIKE ?2 ESCAPE '\' ORDER BY s.serial LIMIT ?3`,
		prefix, likePrefix(prefix), limit)
}

// SerialCases returns every case of the unit with this serial and every case whose
// replacement serial it is, oldest first (serials compare ignoring ASCII case).
func (db *Store) SerialCases(ctx context.Context, serial model.Serial) ([]model.Case, error) {
	s := strings.TrimSpace(string(serial))
	if s == "" {
		return []model.Case{}, nil
	}
	scan := func(sc scanner) (model.Case, error) {
		c, err := scanCase(sc)
		if err != nil {
			return model.Case{}, err
		}
		return *c, nil
	}
	// cases.serial is case-insensitive and indexed; on SQLite replacement_serial is neither (a scan, once per lookup).
	return listAll(ctx, db, scan, `SELECT `+caseColumns+` FROM cases c
		WHERE c.serial = ?1 OR c.replacement_serial = ?1`+db.d.NoCase+`
		ORDER BY c.created_at, c.id`, s)
}
