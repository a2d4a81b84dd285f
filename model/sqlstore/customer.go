package sqlstore

import (
	"context"
	"slices"
	"strings"

	"returndesk/model"
)

// searchSep joins the parts of a search text; a query holding it (or any other control
// character) matches nothing (see unsearchable), so a query never matches across two fields.
const searchSep = "\x1f"

// searchText is the lower-cased text that substring search runs over. strings.ToLower
// folds every script (SQLite's lower() folds ASCII only); Chinese is left as it is.
func searchText(parts ...string) string {
	return strings.ToLower(strings.Join(parts, searchSep))
}

const customerColumns = `id, name, phone, email, address, region, kind, regular`

func scanCustomer(s scanner) (model.Customer, error) {
	var c model.Customer
	err := s.Scan(&c.ID, &c.Name, &c.Phone, &c.Email, &c.Address, &c.Region, &c.Kind, &c.Regular)
	return c, err
}

// CreateCustomer stores a new customer and sets its ID. One with the name and phone of a
// customer already stored is refused: typed in twice, the counter would find it twice.
func (db *Store) CreateCustomer(ctx context.Context, c *model.Customer) error {
	id := c.ID
	err := write(ctx, db, func(tx *txn) error {
		if err := readyCustomer(c); err != nil {
			return err
		}
		if err := tx.refuseSameCustomer(ctx, c); err != nil {
			return err
		}
		return tx.createCustomer(ctx, c)
	})
	if err != nil {
		c.ID = id
	}
	return err
}

func (tx *txn) createCustomer(ctx context.Context, c *model.Customer) error {
	if err := readyCustomer(c); err != nil {
		return err
	}
	id, err := tx.insert(ctx, nil, `INSERT INTO customers
		(name, phone, email, address, region, kind, regular, search_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Name, c.Phone, c.Email, c.Address, c.Region, c.Kind, boolInt(c.Regular),
		customerText(c.Name, c.Phone))
	if err != nil {
		return err
	}
	c.ID = model.CustomerID(id)
	return tx.putKeys(ctx, customerIndex, id, nil, customerKeys(c.Name, c.Phone))
}

// sameCustomer is another customer with c's name and phone (the phone's digits: 138 0013 8000
// is 13800138000), 0 when there is none or c has no phone: a name alone may be two people.
func (tx *txn) sameCustomer(ctx context.Context, c *model.Customer) (model.CustomerID, error) {
	digits := onlyDigits(c.Phone)
	if digits == "" {
		return 0, nil
	}
	type named struct {
		id    model.CustomerID
		phone string
	}
	// Customers of one name are few; the (name, phone) index finds them.
	same, err := queryAll(ctx, tx, func(s scanner) (named, error) {
		var n named
		return n, s.Scan(&n.id, &n.phone)
	}, `SELECT id, phone FROM customers WHERE name = ? AND id <> ? ORDER BY id`, c.Name, c.ID)
	if err != nil {
		return 0, err
	}
	for _, n := range same {
		if onlyDigits(n.phone) == digits {
			return n.id, nil
		}
	}
	return 0, nil
}

// refuseSameCustomer refuses c when another customer has its name and phone.
func (tx *txn) refuseSameCustomer(ctx context.Context, c *model.Customer) error {
	same, err := tx.sameCustomer(ctx, c)
	if err != nil || same == 0 {
		return err
	}
	return model.Invalid("name", "%s with the phone %s is a customer already", c.Name, c.Phone)
}

// readyCustomer readies a new customer for storing: given, normalized and valid.
func readyCustomer(c *model.Customer) error {
	if c == nil {
		return model.Invalid("customer", "is required")
	}
	normalizeCustomer(c)
	return c.Validate()
}

// normalizeCustomer trims what people type around names and numbers and fills the default kind.
func normalizeCustomer(c *model.Customer) {
	c.Name = strings.TrimSpace(c.Name)
	c.Phone = strings.TrimSpace(c.Phone)
	c.Email = strings.TrimSpace(c.Email)
	c.Region = strings.TrimSpace(c.Region)
	if c.Kind == "" {
		c.Kind = model.KindTerminal
	}
}

// UpdateCustomer stores the customer's fields and refreshes the search keys of the customer
// and of their cases.
func (db *Store) UpdateCustomer(ctx context.Context, c *model.Customer) error {
	if c == nil {
		return model.Invalid("customer", "is required")
	}
	return write(ctx, db, func(tx *txn) error {
		var err error
		old, err := tx.customerByID(ctx, c.ID)
		if err != nil {
			return err
		}
		normalizeCustomer(c)
		if err := c.Validate(); err != nil {
			return err
		}
		if err := tx.refuseSameCustomer(ctx, c); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET name = ?, phone = ?, email = ?, address = ?,
			region = ?, kind = ?, regular = ?, search_text = ? WHERE id = ?`,
			c.Name, c.Phone, c.Email, c.Address, c.Region, c.Kind, boolInt(c.Regular),
			customerText(c.Name, c.Phone), c.ID); err != nil {
			return dbError(err)
		}
		if old.Name == c.Name && old.Phone == c.Phone {
			return nil
		}
		if err := tx.putKeys(ctx, customerIndex, int64(c.ID), customerKeys(old.Name, old.Phone), customerKeys(c.Name, c.Phone)); err != nil {
			return err
		}
		return tx.refreshCaseSearch(ctx, old, c)
	})
}

// refreshCaseSearch rewrites the search text and keys of every case of a customer whose
// name or phone changed from old's.
func (tx *txn) refreshCaseSearch(ctx context.Context, old, customer *model.Customer) error {
	cases, err := queryAll(ctx, tx, func(s scanner) (model.Case, error) {
		var c model.Case
		err := s.Scan(&c.ID, &c.Serial, &c.CaseNo, &c.MaintenanceNo)
		return c, err
	}, `SELECT id, serial, case_no, maintenance_no FROM cases WHERE customer_id = ?`, customer.ID)
	if err != nil {
		return err
	}
	for i := range cases {
		c := &cases[i]
		text, _ := caseSearchText(c, customer)
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET search_text = ? WHERE id = ?`, text, c.ID); err != nil {
			return dbError(err)
		}
		if err := tx.putKeys(ctx, caseIndex, int64(c.ID), caseKeys(c, old), caseKeys(c, customer)); err != nil {
			return err
		}
	}
	return nil
}

// CustomerByID returns one customer.
func (db *Store) CustomerByID(ctx context.Context, id model.CustomerID) (*model.Customer, error) {
	return read(ctx, db, func(tx *txn) (*model.Customer, error) { return tx.customerByID(ctx, id) })
}

func (tx *txn) customerByID(ctx context.Context, id model.CustomerID) (*model.Customer, error) {
	c, err := scanCustomer(tx.QueryRowContext(ctx, `SELECT `+customerColumns+` FROM customers WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "no customer with id %d", id)
	}
	return &c, nil
}

// FindCustomers finds customers whose name or phone contains q: those whose whole name or
// phone is q first, then newest first (at a counter the customer who comes back is most
// likely a recent one); an empty q lists the customers by name.
func (db *Store) FindCustomers(ctx context.Context, q string, limit int) ([]model.Customer, error) {
	limit = clampLimit(limit, 50)
	typed := strings.TrimSpace(q)
	q = strings.ToLower(typed)
	if unsearchable(q) {
		return []model.Customer{}, nil
	}
	return read(ctx, db, func(tx *txn) ([]model.Customer, error) {
		if q == "" {
			return queryAll(ctx, tx, scanCustomer, `SELECT `+customerColumns+` FROM customers
				ORDER BY name, phone, id LIMIT ?`, limit)
		}
		// Customers whose whole name or phone is what was typed come first: a clerk who
		// types a whole name or number means that customer, however many newer ones hold it.
		exact, err := queryAll(ctx, tx, scanCustomer, `SELECT `+customerColumns+` FROM customers
			WHERE name = ? OR phone = ? ORDER BY id DESC LIMIT ?`, typed, typed, limit)
		if err != nil {
			return nil, err
		}
		found, err := tx.findCustomers(ctx, phoneTerm(q), limit)
		if digits, ok := dashedDigits(q); err == nil && len(found) == 0 && ok {
			found, err = tx.findCustomers(ctx, digits, limit) // as FindCases
		}
		if err != nil {
			return nil, err
		}
		for _, c := range found {
			if len(exact) < limit && !slices.ContainsFunc(exact, func(e model.Customer) bool { return e.ID == c.ID }) {
				exact = append(exact, c)
			}
		}
		return exact, nil
	})
}

// findCustomers finds the customers whose name or phone contains q (lower-cased, not
// empty), newest first.
func (tx *txn) findCustomers(ctx context.Context, q string, limit int) ([]model.Customer, error) {
	plan, err := planSearch(ctx, tx, customerIndex, q, limit)
	if err != nil {
		return nil, err
	}
	var ids []int64
	if plan.indexed() {
		if ids, err = plan.matches(ctx, tx, limit); err != nil {
			return nil, err
		}
	}
	switch {
	case plan.indexed() && len(ids) == 0:
		return []model.Customer{}, nil
	case plan.indexed():
		return queryAll(ctx, tx, scanCustomer, `SELECT `+customerColumns+` FROM customers
			WHERE `+tx.d.InList("id")+` ORDER BY id DESC`, tx.d.ListArg(ids))
	}
	// A term too common for the index (matches marks it so too), or longer than its
	// keys: the customers newest first until the page is full. Contains matches the
	// text literally.
	return queryAll(ctx, tx, scanCustomer, `SELECT `+customerColumns+` FROM customers
		WHERE `+tx.d.Contains("search_text")+` ORDER BY id DESC LIMIT ?`, tx.d.ContainsArg(q), limit)
}

// clampLimit applies a default page size and the maximum page size.
func clampLimit(limit, def int) int {
	if limit <= 0 {
		return def
	}
	return min(limit, MaxCaseLimit)
}
