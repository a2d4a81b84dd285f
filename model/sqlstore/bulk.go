package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"returndesk/model"
)

// Bulk loads many records in one write transaction, writing what CreateCustomer,
// ImportSales, CreateCase, UpdateCase and MoveCase would have written had they been called
// one by one at the times given: the same numbers, history, search text and checks. It is
// for filling a database with generated data (the demo), where one transaction per case
// would take minutes. Cases are kept in memory and written when the load ends, each row
// once in its final state; history rows are written as the steps come.
type Bulk struct {
	ctx context.Context
	tx  *txn

	customerRows, saleRows, historyRows *batch
	customerKeys                        *keyBatch
	nextCustomer                        model.CustomerID // ids are given as SQLite would: max + 1
	nextSale                            model.SaleID

	customers map[model.CustomerID]*model.Customer
	products  map[model.ProductID]*model.Product
	centres   map[centreKey]model.ServiceCentreID // nearest centre of a maker for a region; 0: none
	numbers   map[counterKey]int                  // the next number of each counter and year

	firstCase model.CaseID // the id the first case of the load gets
	cases     []model.Case // the cases of the load, by id - firstCase
	last      time.Time    // the time of the latest step: steps come in time order
}

var (
	_ caseStore = (*Bulk)(nil)
	_ caseStore = txSteps{}
)

type centreKey struct {
	manufacturer model.ManufacturerID
	region       string
}

type counterKey struct {
	name string
	year int
}

// LoadBulk runs load with a Bulk in tx, a write transaction the engine began on a
// connection of its own (done removes the note of the long write), and commits everything
// it wrote, or nothing when load or a write fails. History rows are written before the rows
// of their cases, so the engine checks references at commit.
func (db *Store) LoadBulk(ctx context.Context, sqlTx *sql.Tx, done func(), load func(model.BulkLoad) error) error {
	tx := db.txn(sqlTx)
	tx.done = done
	defer tx.Rollback()
	b, err := newBulk(ctx, tx)
	if err != nil {
		return err
	}
	defer b.close()
	if err := load(b); err != nil {
		return err
	}
	if err := b.finish(); err != nil {
		return err
	}
	// The rows came with their ids: the engine's generated ids continue after them.
	for _, table := range []string{"customers", "sales", "cases"} {
		if db.d.SetNextID == nil {
			break // the engine continues by itself
		}
		if _, err := tx.ExecContext(ctx, db.d.SetNextID(table)); err != nil {
			return dbError(err)
		}
	}
	return tx.commit()
}

func newBulk(ctx context.Context, tx *txn) (*Bulk, error) {
	stop := ctx
	// The driver watches a cancellable context with a goroutine per statement, which would
	// cost more than the insert; the batches check for cancellation themselves instead.
	ctx = context.WithoutCancel(ctx)
	b := &Bulk{ctx: ctx, tx: tx, customers: map[model.CustomerID]*model.Customer{},
		products: map[model.ProductID]*model.Product{}, centres: map[centreKey]model.ServiceCentreID{},
		numbers: map[counterKey]int{}}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) + 1 FROM cases`).Scan(&b.firstCase); err != nil {
		return nil, dbError(err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT name, year, next FROM counters`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k counterKey
		var next int
		if err := rows.Scan(&k.name, &k.year, &next); err != nil {
			return nil, dbError(err)
		}
		b.numbers[k] = next
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT COALESCE(max(id), 0) + 1 FROM customers),
		(SELECT COALESCE(max(id), 0) + 1 FROM sales)`).Scan(&b.nextCustomer, &b.nextSale); err != nil {
		return nil, dbError(err)
	}
	plain := func(_ []any, err error) error { return dbError(err) }
	if b.customerRows, err = newBatch(ctx, tx, `INSERT INTO customers (id, name, phone, email, address, region,
		kind, regular, search_text) VALUES`, 9, plain, stop); err != nil {
		return nil, err
	}
	if b.customerKeys, err = newKeyBatch(ctx, tx, stop, customerIndex); err != nil {
		b.close()
		return nil, err
	}
	if b.saleRows, err = newBatch(ctx, tx, `INSERT INTO sales (id, serial, product_id, customer_id, customer_name,
		phone, invoice, purchase_date, shipment_date) VALUES`, 9, saleError, stop); err != nil {
		b.close()
		return nil, err
	}
	if b.historyRows, err = newBatch(ctx, tx, `INSERT INTO case_history (case_id, at, actor, action, field,
		old_value, new_value, old_status, new_status, note) VALUES`, 10, plain, stop); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *Bulk) close() {
	for _, bt := range []*batch{b.customerRows, b.saleRows, b.historyRows} {
		if bt != nil {
			bt.close()
		}
	}
	if b.customerKeys != nil {
		b.customerKeys.close()
	}
}

// saleError names the serial of a sales record that cannot be stored.
func saleError(row []any, err error) error {
	if isUnique(err) {
		return &model.Error{Code: model.ECONFLICT, Field: "serial", Message: model.T("serial %s already has a sales record", row[1])}
	}
	return dbError(err)
}

// CreateCustomer stores a new customer, as DB.CreateCustomer does, and sets its ID.
func (b *Bulk) CreateCustomer(c *model.Customer) error {
	if err := readyCustomer(c); err != nil {
		return err
	}
	if err := b.customerRows.add(b.nextCustomer, c.Name, c.Phone, c.Email, c.Address, c.Region, c.Kind,
		boolInt(c.Regular), customerText(c.Name, c.Phone)); err != nil {
		return err
	}
	b.customerKeys.addKeys(int64(b.nextCustomer), customerKeys(c.Name, c.Phone))
	c.ID = b.nextCustomer
	b.nextCustomer++
	stored := *c
	b.customers[c.ID] = &stored
	return nil
}

// AddSale stores one sales record, as ImportSales does for a record that names its
// product (and customer, if any) by id, with the same checks (readySale), and sets its ID.
func (b *Bulk) AddSale(s *model.Sale) error {
	if err := readySale(b, s, model.DateOf(b.tx.now)); err != nil {
		return err
	}
	if err := b.saleRows.add(b.nextSale, s.Serial, s.ProductID, nullID(s.CustomerID), s.CustomerName,
		s.Phone, s.Invoice, s.PurchaseDate.String(), s.ShipmentDate.String()); err != nil {
		return err
	}
	s.ID = b.nextSale
	b.nextSale++
	return nil
}

// CreateCase stores a new case received at time at, as DB.CreateCase does then.
func (b *Bulk) CreateCase(at time.Time, nc model.NewCase, actor string) (*model.Case, error) {
	if err := b.step(at); err != nil {
		return nil, err
	}
	return createCase(b, at, nc, actor)
}

// UpdateCase applies the given fields at time at, as DB.UpdateCase does then.
func (b *Bulk) UpdateCase(at time.Time, id model.CaseID, u model.CaseUpdate, actor string) (*model.Case, error) {
	if err := b.step(at); err != nil {
		return nil, err
	}
	c, _, err := updateCase(b, at, id, u, actor)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// MoveCase changes the status at time at, as DB.MoveCase does then.
func (b *Bulk) MoveCase(at time.Time, id model.CaseID, to model.Status, actor, note string) (*model.Case, error) {
	if err := b.step(at); err != nil {
		return nil, err
	}
	return moveCase(b, at, id, to, actor, note)
}

// Case returns a case created by this load, as it stands.
func (b *Bulk) Case(id model.CaseID) (*model.Case, error) { return b.loadCase(id) }

// The caseStore of the load: cases live in memory until finish writes them.

func (b *Bulk) loaded(id model.CaseID) (*model.Case, error) {
	i := int64(id - b.firstCase)
	if i < 0 || i >= int64(len(b.cases)) {
		return nil, model.Errorf(model.ENOTFOUND, "no case with id %d in this load", id)
	}
	return &b.cases[i], nil
}

func (b *Bulk) loadCase(id model.CaseID) (*model.Case, error) {
	c, err := b.loaded(id)
	if err != nil {
		return nil, err
	}
	cp := *c
	return &cp, nil
}

func (b *Bulk) insertCase(c *model.Case, _ *model.Customer) error {
	c.ID = b.firstCase + model.CaseID(len(b.cases))
	b.cases = append(b.cases, *c)
	return nil
}

func (b *Bulk) saveEdit(c *model.Case, _ *model.Customer) error { return b.saveMove(c) }

func (b *Bulk) saveMove(c *model.Case) error {
	stored, err := b.loaded(c.ID)
	if err != nil {
		return err
	}
	*stored = *c
	return nil
}

func (b *Bulk) createCustomer(c *model.Customer) error { return b.CreateCustomer(c) }

func (b *Bulk) serviceCentre(id model.ServiceCentreID) error {
	_, err := b.tx.serviceCentreByID(b.ctx, id)
	return err
}

// step checks that steps come in time order, so that history ids stay in time order as
// CaseHistory expects.
func (b *Bulk) step(at time.Time) error {
	if at.Before(b.last) {
		return model.Errorf(model.EINVALID, "bulk steps must come in time order: %s is before %s",
			at.Format(time.RFC3339Nano), b.last.Format(time.RFC3339Nano))
	}
	b.last = at
	return nil
}

// number allocates the next number of a counter for the year of at, as nextNumber does.
func (b *Bulk) number(name string, at time.Time) (year, n int, err error) {
	k := counterKey{name, at.Year()}
	n = max(b.numbers[k], 1)
	b.numbers[k] = n + 1
	return k.year, n, nil
}

// nearestCentre is txSteps.nearestCentre with a cache.
func (b *Bulk) nearestCentre(manufacturer model.ManufacturerID, region string) (model.ServiceCentreID, error) {
	k := centreKey{manufacturer, strings.TrimSpace(region)}
	if id, ok := b.centres[k]; ok {
		return id, nil
	}
	id, err := txSteps{b.ctx, b.tx}.nearestCentre(manufacturer, region)
	if err != nil {
		return 0, err
	}
	b.centres[k] = id
	return id, nil
}

func (b *Bulk) addHistory(at time.Time, h model.HistoryEntry) error {
	return b.historyRows.add(h.CaseID, formatTime(at), h.Actor, h.Action, h.Field,
		h.OldValue, h.NewValue, h.OldStatus, h.NewStatus, h.Note)
}

func (b *Bulk) customer(id model.CustomerID) (*model.Customer, error) {
	return cached(b.ctx, b.customers, id, b.tx.customerByID)
}

func (b *Bulk) product(id model.ProductID) (*model.Product, error) {
	return cached(b.ctx, b.products, id, b.tx.productByID)
}

// cached is m[id], read with load the first time it is asked for.
func cached[K comparable, V any](ctx context.Context, m map[K]*V, id K, load func(context.Context, K) (*V, error)) (*V, error) {
	if v, ok := m[id]; ok {
		return v, nil
	}
	v, err := load(ctx, id)
	if err != nil {
		return nil, err
	}
	m[id] = v
	return v, nil
}

// finish writes the cases in id order, each in its final state, and the counters, so that
// the next number the store allocates follows the last one the load used.
func (b *Bulk) finish() error {
	for _, bt := range []*batch{b.customerRows, b.saleRows, b.historyRows} {
		if err := bt.flush(); err != nil {
			return err
		}
	}
	if err := b.customerKeys.flush(); err != nil {
		return err
	}
	keys, err := newKeyBatch(b.ctx, b.tx, b.ctx, caseIndex)
	if err != nil {
		return err
	}
	defer keys.close()
	cases, err := newBatch(b.ctx, b.tx, insertCases, caseColumnCount, func(row []any, err error) error {
		if isUnique(err) {
			return model.Errorf(model.ECONFLICT, "case number %s is already taken", row[1])
		}
		return dbError(err)
	}, b.ctx)
	if err != nil {
		return err
	}
	defer cases.close()
	for i := range b.cases {
		c := &b.cases[i]
		if err := cases.add(caseRow(c, b.customers[c.CustomerID])...); err != nil {
			return err
		}
		keys.addKeys(int64(c.ID), caseKeys(c, b.customers[c.CustomerID]))
	}
	if err := cases.flush(); err != nil {
		return err
	}
	if err := keys.flush(); err != nil {
		return err
	}
	for k, next := range b.numbers {
		if _, err := b.tx.ExecContext(b.ctx, `INSERT INTO counters (name, year, next) VALUES (?, ?, ?)
			ON CONFLICT (name, year) DO UPDATE SET next = excluded.next`, k.name, k.year, next); err != nil {
			return dbError(err)
		}
	}
	return nil
}
