package sqlstore

import (
	"context"
	"time"

	"returndesk/model"
)

// caseStore is where the steps of a case's life read and write: a write transaction
// (txSteps, for the DB's methods) or a bulk load (Bulk, which keeps its cases in memory
// and writes each once when the load ends). createCase, updateCase and moveCase are the
// one implementation of both.
type caseStore interface {
	createCustomer(c *model.Customer) error
	customer(id model.CustomerID) (*model.Customer, error)
	product(id model.ProductID) (*model.Product, error)
	serviceCentre(id model.ServiceCentreID) error                                       // ENOTFOUND when there is none
	nearestCentre(m model.ManufacturerID, region string) (model.ServiceCentreID, error) // 0: none
	number(counter string, at time.Time) (year, n int, err error)                       // the next number of the counter in at's year
	insertCase(c *model.Case, customer *model.Customer) error                           // sets c.ID
	loadCase(id model.CaseID) (*model.Case, error)                                      // a copy
	saveEdit(c *model.Case, customer *model.Customer) error                             // the fields an update changes
	saveMove(c *model.Case) error                                                       // status, updated and closed times
	addHistory(at time.Time, h model.HistoryEntry) error
}

// createCase stores a new case received at time at, creating its customer first when
// nc.Customer is given and nc.Case.CustomerID is 0; it allocates the case number, and for
// the repair tier a maintenance number and the nearest service centre (unless one is set),
// and records the creation in the history.
func createCase(w caseStore, at time.Time, nc model.NewCase, actor string) (*model.Case, error) {
	c := nc.Case
	if c.CustomerID == 0 && nc.Customer != nil {
		customer := *nc.Customer
		customer.ID = 0
		if err := w.createCustomer(&customer); err != nil {
			return nil, err
		}
		c.CustomerID = customer.ID
	}
	if err := c.Receive(at); err != nil {
		return nil, err
	}
	customer, err := w.customer(c.CustomerID)
	if err != nil {
		return nil, asInvalid("customer", err)
	}
	product, err := w.product(c.ProductID)
	if err != nil {
		return nil, asInvalid("model", err)
	}
	if c.ServiceCentreID != 0 {
		if err := w.serviceCentre(c.ServiceCentreID); err != nil {
			return nil, asInvalid("service_centre_id", err)
		}
	}
	year, n, err := w.number(counterCase, at)
	if err != nil {
		return nil, err
	}
	c.CaseNo = caseNumber(year, n)
	if c.Tier == model.TierRepair {
		if err := assignRepair(w, &c, at, product.ManufacturerID, customer.Region); err != nil {
			return nil, err
		}
	}
	if err := w.insertCase(&c, customer); err != nil {
		return nil, err
	}
	if err := w.addHistory(at, c.Created(actor)); err != nil {
		return nil, err
	}
	return &c, nil
}

// updateCase applies u at time at, writing one history entry per changed field (changed
// false: nothing changed, nothing written). Moving a case into the repair tier gives it a
// maintenance number and a service centre, recorded in the history as well.
func updateCase(w caseStore, at time.Time, id model.CaseID, u model.CaseUpdate, actor string) (c *model.Case, changed bool, err error) {
	old, err := w.loadCase(id)
	if err != nil {
		return nil, false, err
	}
	updated, ch, err := old.Update(u, actor, at)
	if err != nil || len(ch) == 0 {
		return old, false, err
	}
	c = &updated
	if u.ServiceCentreID != nil && c.ServiceCentreID != 0 && c.ServiceCentreID != old.ServiceCentreID {
		if err := w.serviceCentre(c.ServiceCentreID); err != nil {
			return nil, false, asInvalid("service_centre_id", err)
		}
	}
	customer, err := w.customer(c.CustomerID)
	if err != nil {
		return nil, false, err
	}
	if c.EntersRepair(old) {
		product, err := w.product(c.ProductID)
		if err != nil {
			return nil, false, err
		}
		before := *c
		if err := assignRepair(w, c, at, product.ManufacturerID, customer.Region); err != nil {
			return nil, false, err
		}
		ch = append(ch, c.RepairEdits(&before, actor)...)
	}
	if err := w.saveEdit(c, customer); err != nil {
		return nil, false, err
	}
	for _, h := range ch {
		if err := w.addHistory(at, h); err != nil {
			return nil, false, err
		}
	}
	return c, true, nil
}

// moveCase changes the status at time at when model.CheckTransition allows it, records
// the move with its note in the history, and stamps the closing time when the case is closed.
func moveCase(w caseStore, at time.Time, id model.CaseID, to model.Status, actor, note string) (*model.Case, error) {
	c, err := w.loadCase(id)
	if err != nil {
		return nil, err
	}
	h, err := c.Move(to, actor, note, at)
	if err != nil {
		return nil, err
	}
	if err := w.saveMove(c); err != nil {
		return nil, err
	}
	if err := w.addHistory(at, h); err != nil {
		return nil, err
	}
	return c, nil
}

// assignRepair gives a repair-tier case its maintenance number and, unless one is chosen,
// the service centre nearest to the customer (none when the catalog has no candidate).
func assignRepair(w caseStore, c *model.Case, at time.Time, manufacturer model.ManufacturerID, region string) error {
	if c.MaintenanceNo == "" {
		year, n, err := w.number(counterMaintenance, at)
		if err != nil {
			return err
		}
		c.MaintenanceNo = maintenanceNumber(year, n)
	}
	if c.ServiceCentreID == 0 {
		id, err := w.nearestCentre(manufacturer, region)
		if err != nil {
			return err
		}
		c.ServiceCentreID = id
	}
	return nil
}

// The prefixes of case and maintenance numbers: RMA-2026-000123, MO-2026-000045.
const (
	caseNoPrefix        = "RMA"
	maintenanceNoPrefix = "MO"
)

// numberWidth is the digits of a case or maintenance number's sequence.
const numberWidth = 6

func caseNumber(year, n int) model.CaseNo {
	return model.CaseNo(formatNumber(caseNoPrefix, year, n, numberWidth))
}

func maintenanceNumber(year, n int) model.MaintenanceNo {
	return model.MaintenanceNo(formatNumber(maintenanceNoPrefix, year, n, numberWidth))
}

// txSteps is a caseStore on a write transaction: every step is written as it comes, at
// the transaction's time.
type txSteps struct {
	ctx context.Context
	tx  *txn
}

// createCustomer stores the customer of a new case, or takes the stored one with the same
// name and phone: a counter typing in a customer it did not look up makes no second one.
func (s txSteps) createCustomer(c *model.Customer) error {
	if err := readyCustomer(c); err != nil {
		return err
	}
	same, err := s.tx.sameCustomer(s.ctx, c)
	if err != nil || same != 0 {
		c.ID = same
		return err
	}
	return s.tx.createCustomer(s.ctx, c)
}

func (s txSteps) customer(id model.CustomerID) (*model.Customer, error) {
	return s.tx.customerByID(s.ctx, id)
}

func (s txSteps) product(id model.ProductID) (*model.Product, error) {
	return s.tx.productByID(s.ctx, id)
}

func (s txSteps) serviceCentre(id model.ServiceCentreID) error {
	_, err := s.tx.serviceCentreByID(s.ctx, id)
	return err
}

func (s txSteps) nearestCentre(m model.ManufacturerID, region string) (model.ServiceCentreID, error) {
	sc, err := s.tx.nearestServiceCentre(s.ctx, m, region)
	switch model.ErrorCode(err) {
	case "":
		return sc.ID, nil
	case model.ENOTFOUND:
		return 0, nil
	}
	return 0, err
}

// number allocates in the year of the transaction's clock, which is at.
func (s txSteps) number(counter string, _ time.Time) (year, n int, err error) {
	return s.tx.nextNumber(s.ctx, counter)
}

func (s txSteps) insertCase(c *model.Case, customer *model.Customer) error {
	id, err := s.tx.insert(s.ctx, model.Errorf(model.ECONFLICT, "case number %s is already taken", c.CaseNo),
		insertCases+" "+caseValues, caseRow(c, customer)...)
	if err != nil {
		return err
	}
	c.ID = model.CaseID(id)
	return s.tx.putKeys(s.ctx, caseIndex, int64(c.ID), nil, caseKeys(c, customer))
}

// insertCases and caseRow write a whole case row, by the DB (one row, id NULL: the next)
// and by a bulk load (many rows, ids given).
const insertCases = `INSERT INTO cases (id, case_no, maintenance_no, customer_id, product_id, serial,
	purchase_date, shipment_date, reported_date, fault, fault_category, accessories, condition, cause, tier,
	remedy, remedy_reason, policy_id, policy_version, dealer_carries_cost, service_centre_id,
	replacement_serial, refund_amount, notes, status, search_text, search_numbers, created_at, updated_at, closed_at,
	version) VALUES`

const caseValues = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// caseColumnCount is the number of columns insertCases writes.
const caseColumnCount = 31

func caseRow(c *model.Case, customer *model.Customer) []any {
	var closed any
	if c.ClosedAt != nil {
		closed = formatTime(*c.ClosedAt)
	}
	text, numbers := caseSearchText(c, customer)
	return []any{nullID(c.ID), c.CaseNo, c.MaintenanceNo, c.CustomerID, c.ProductID, c.Serial,
		c.PurchaseDate.String(), c.ShipmentDate.String(), c.ReportedDate.String(), c.Fault, c.FaultCategory,
		c.Accessories, c.Condition, c.Cause, c.Tier, c.Remedy, c.RemedyReason, c.PolicyID, c.PolicyVersion,
		boolInt(c.DealerCarriesCost), nullID(c.ServiceCentreID), c.ReplacementSerial, c.RefundAmount, c.Notes,
		c.Status, text, numbers, formatTime(c.CreatedAt), formatTime(c.UpdatedAt), closed, c.Version}
}

func (s txSteps) loadCase(id model.CaseID) (*model.Case, error) { return s.tx.caseByID(s.ctx, id) }

func (s txSteps) saveEdit(c *model.Case, customer *model.Customer) error {
	// A repair gets its maintenance number when its tier becomes repair: a new key.
	old := *c
	if err := s.tx.QueryRowContext(s.ctx, `SELECT maintenance_no FROM cases WHERE id = ?`, c.ID).Scan(&old.MaintenanceNo); err != nil {
		return dbError(err)
	}
	text, numbers := caseSearchText(c, customer)
	_, err := s.tx.ExecContext(s.ctx, `UPDATE cases SET maintenance_no = ?, fault = ?, fault_category = ?,
		accessories = ?, condition = ?, cause = ?, tier = ?, remedy = ?, remedy_reason = ?, policy_id = ?,
		policy_version = ?, dealer_carries_cost = ?, service_centre_id = ?, replacement_serial = ?,
		refund_amount = ?, notes = ?, search_text = ?, search_numbers = ?, updated_at = ?, version = ? WHERE id = ?`,
		c.MaintenanceNo, c.Fault, c.FaultCategory, c.Accessories, c.Condition, c.Cause, c.Tier, c.Remedy,
		c.RemedyReason, c.PolicyID, c.PolicyVersion, boolInt(c.DealerCarriesCost), nullID(c.ServiceCentreID),
		c.ReplacementSerial, c.RefundAmount, c.Notes, text, numbers, formatTime(c.UpdatedAt), c.Version, c.ID)
	if err != nil || old.MaintenanceNo == c.MaintenanceNo {
		return dbError(err)
	}
	return s.tx.putKeys(s.ctx, caseIndex, int64(c.ID), caseKeys(&old, customer), caseKeys(c, customer))
}

func (s txSteps) saveMove(c *model.Case) error {
	var closed any
	if c.ClosedAt != nil {
		closed = formatTime(*c.ClosedAt)
	}
	_, err := s.tx.ExecContext(s.ctx, `UPDATE cases SET status = ?, updated_at = ?, closed_at = ?, version = ? WHERE id = ?`,
		c.Status, formatTime(c.UpdatedAt), closed, c.Version, c.ID)
	return dbError(err)
}

// addHistory stamps the entry with the transaction's time, which is at.
func (s txSteps) addHistory(_ time.Time, h model.HistoryEntry) error {
	return s.tx.addHistory(s.ctx, h)
}
