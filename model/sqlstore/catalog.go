package sqlstore

import (
	"context"
	"strings"

	"returndesk/model"
)

// nameKey is how manufacturer names are compared: trimmed and case-folded in every script.
func nameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

const manufacturerColumns = `id, name, contact, phone, email, address, after_sales_address,
	terminal_policy, distributor_policy, oem_policy`

func scanManufacturer(s scanner) (model.Manufacturer, error) {
	var m model.Manufacturer
	err := s.Scan(&m.ID, &m.Name, &m.Contact, &m.Phone, &m.Email, &m.Address, &m.AfterSalesAddress,
		&m.TerminalPolicy, &m.DistributorPolicy, &m.OEMPolicy)
	return m, err
}

// readyManufacturer trims the name of a manufacturer to store and checks its fields.
func readyManufacturer(m *model.Manufacturer) error {
	if m == nil {
		return model.Invalid("manufacturer", "is required")
	}
	m.Name = strings.TrimSpace(m.Name)
	return m.Validate()
}

// manufacturerTaken is the conflict of a name another manufacturer has.
func manufacturerTaken(name string) error {
	return model.Errorf(model.ECONFLICT, "a manufacturer named %s already exists", name)
}

// CreateManufacturer stores a new manufacturer; names are unique regardless of case.
func (db *Store) CreateManufacturer(ctx context.Context, m *model.Manufacturer) error {
	if err := readyManufacturer(m); err != nil {
		return err
	}
	id, err := writeResult(ctx, db, func(tx *txn) (int64, error) {
		return tx.insert(ctx, manufacturerTaken(m.Name),
			`INSERT INTO manufacturers (name, name_key, contact, phone, email, address,
			after_sales_address, terminal_policy, distributor_policy, oem_policy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			m.Name, nameKey(m.Name), m.Contact, m.Phone, m.Email, m.Address, m.AfterSalesAddress,
			m.TerminalPolicy, m.DistributorPolicy, m.OEMPolicy)
	})
	if err != nil {
		return err
	}
	m.ID = model.ManufacturerID(id)
	return nil
}

// UpdateManufacturer stores every field of an existing manufacturer.
func (db *Store) UpdateManufacturer(ctx context.Context, m *model.Manufacturer) error {
	if err := readyManufacturer(m); err != nil {
		return err
	}
	return write(ctx, db, func(tx *txn) error {
		var err error
		if _, err := tx.manufacturerByID(ctx, m.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE manufacturers SET name = ?, name_key = ?, contact = ?, phone = ?,
			email = ?, address = ?, after_sales_address = ?, terminal_policy = ?, distributor_policy = ?,
			oem_policy = ? WHERE id = ?`,
			m.Name, nameKey(m.Name), m.Contact, m.Phone, m.Email, m.Address, m.AfterSalesAddress,
			m.TerminalPolicy, m.DistributorPolicy, m.OEMPolicy, m.ID)
		if isUnique(err) {
			return manufacturerTaken(m.Name)
		}
		if err != nil {
			return dbError(err)
		}
		return nil
	})
}

// ManufacturerByID returns one manufacturer.
func (db *Store) ManufacturerByID(ctx context.Context, id model.ManufacturerID) (*model.Manufacturer, error) {
	return read(ctx, db, func(tx *txn) (*model.Manufacturer, error) { return tx.manufacturerByID(ctx, id) })
}

func (tx *txn) manufacturerByID(ctx context.Context, id model.ManufacturerID) (*model.Manufacturer, error) {
	m, err := scanManufacturer(tx.QueryRowContext(ctx,
		`SELECT `+manufacturerColumns+` FROM manufacturers WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "no manufacturer with id %d", id)
	}
	return &m, nil
}

// ManufacturerByName finds a manufacturer by name, ignoring case and surrounding spaces.
func (db *Store) ManufacturerByName(ctx context.Context, name string) (*model.Manufacturer, error) {
	return read(ctx, db, func(tx *txn) (*model.Manufacturer, error) { return tx.manufacturerByName(ctx, name) })
}

func (tx *txn) manufacturerByName(ctx context.Context, name string) (*model.Manufacturer, error) {
	m, err := scanManufacturer(tx.QueryRowContext(ctx,
		`SELECT `+manufacturerColumns+` FROM manufacturers WHERE name_key = ?`, nameKey(name)))
	if err != nil {
		return nil, notFound(err, "no manufacturer named %s", strings.TrimSpace(name))
	}
	return &m, nil
}

// ListManufacturers returns every manufacturer in name order.
func (db *Store) ListManufacturers(ctx context.Context) ([]model.Manufacturer, error) {
	return listAll(ctx, db, scanManufacturer, `SELECT `+manufacturerColumns+` FROM manufacturers ORDER BY name_key, id`)
}

const productColumns = `p.id, p.manufacturer_id, m.name, p.model, p.name, p.unit_price, p.custom_branded`
const productFrom = ` FROM products p JOIN manufacturers m ON m.id = p.manufacturer_id`

func scanProduct(s scanner) (model.Product, error) {
	var p model.Product
	err := s.Scan(&p.ID, &p.ManufacturerID, &p.Manufacturer, &p.Model, &p.Name, &p.UnitPrice, &p.CustomBranded)
	return p, err
}

// readyProduct trims the model code of a product to store and checks its fields.
func readyProduct(p *model.Product) error {
	if p == nil {
		return model.Invalid("model", "is required")
	}
	p.Model = model.ModelCode(strings.TrimSpace(string(p.Model)))
	return p.Validate()
}

// CreateProduct stores a new model of a manufacturer; model codes are unique per
// manufacturer, ignoring ASCII case.
func (db *Store) CreateProduct(ctx context.Context, p *model.Product) error {
	if err := readyProduct(p); err != nil {
		return err
	}
	var maker string
	id, err := writeResult(ctx, db, func(tx *txn) (int64, error) {
		m, err := tx.manufacturerByID(ctx, p.ManufacturerID)
		if err != nil {
			return 0, asInvalid("manufacturer", err)
		}
		maker = m.Name
		return tx.insert(ctx, modelTaken(m, p.Model),
			`INSERT INTO products (manufacturer_id, model, name, unit_price, custom_branded)
			VALUES (?, ?, ?, ?, ?)`, p.ManufacturerID, p.Model, p.Name, p.UnitPrice, boolInt(p.CustomBranded))
	})
	if err != nil {
		return err
	}
	p.ID = model.ProductID(id)
	p.Manufacturer = maker
	return nil
}

// UpdateProduct stores every field of an existing product.
func (db *Store) UpdateProduct(ctx context.Context, p *model.Product) error {
	if err := readyProduct(p); err != nil {
		return err
	}
	maker, err := writeResult(ctx, db, func(tx *txn) (string, error) {
		if _, err := tx.productByID(ctx, p.ID); err != nil {
			return "", err
		}
		m, err := tx.manufacturerByID(ctx, p.ManufacturerID)
		if err != nil {
			return "", asInvalid("manufacturer", err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE products SET manufacturer_id = ?, model = ?, name = ?, unit_price = ?,
			custom_branded = ? WHERE id = ?`,
			p.ManufacturerID, p.Model, p.Name, p.UnitPrice, boolInt(p.CustomBranded), p.ID)
		if isUnique(err) {
			return "", modelTaken(m, p.Model)
		}
		return m.Name, dbError(err)
	})
	if err != nil {
		return err
	}
	p.Manufacturer = maker
	return nil
}

// modelTaken is the conflict of a model code the manufacturer already has.
func modelTaken(m *model.Manufacturer, code model.ModelCode) error {
	return &model.Error{Code: model.ECONFLICT, Field: "model",
		Message: model.T("manufacturer %s already has a model %s", m.Name, code)}
}

// ProductByID returns one product with its manufacturer's name.
func (db *Store) ProductByID(ctx context.Context, id model.ProductID) (*model.Product, error) {
	return read(ctx, db, func(tx *txn) (*model.Product, error) { return tx.productByID(ctx, id) })
}

func (tx *txn) productByID(ctx context.Context, id model.ProductID) (*model.Product, error) {
	p, err := scanProduct(tx.QueryRowContext(ctx, `SELECT `+productColumns+productFrom+` WHERE p.id = ?`, id))
	if err != nil {
		return nil, notFound(err, "no product with id %d", id)
	}
	return &p, nil
}

// ProductByModel finds a model code (ignoring ASCII case); with manufacturer 0 the code
// must belong to exactly one manufacturer.
func (db *Store) ProductByModel(ctx context.Context, manufacturer model.ManufacturerID, code model.ModelCode) (*model.Product, error) {
	return read(ctx, db, func(tx *txn) (*model.Product, error) { return tx.productByModel(ctx, manufacturer, code) })
}

func (tx *txn) productByModel(ctx context.Context, manufacturer model.ManufacturerID, code model.ModelCode) (*model.Product, error) {
	code = model.ModelCode(strings.TrimSpace(string(code)))
	found, err := queryAll(ctx, tx, scanProduct, `SELECT `+productColumns+productFrom+`
		WHERE p.model = ?1 AND (?2 = 0 OR p.manufacturer_id = ?2) ORDER BY m.name_key LIMIT 10`,
		code, manufacturer)
	if err != nil {
		return nil, err
	}
	switch len(found) {
	case 0:
		return nil, model.Errorf(model.ENOTFOUND, "no product with model code %s", code)
	case 1:
		return &found[0], nil
	}
	names := make([]string, len(found))
	for i, p := range found {
		names[i] = p.Manufacturer
	}
	return nil, model.Errorf(model.ECONFLICT, "model code %s is made by several manufacturers (%s); say which one",
		code, strings.Join(names, ", "))
}

// ListProducts returns the products of one manufacturer, or of all when it is 0.
func (db *Store) ListProducts(ctx context.Context, manufacturer model.ManufacturerID) ([]model.Product, error) {
	return listAll(ctx, db, scanProduct, `SELECT `+productColumns+productFrom+`
		WHERE ?1 = 0 OR p.manufacturer_id = ?1 ORDER BY m.name_key, p.model, p.id`, manufacturer)
}

const serviceCentreColumns = `id, COALESCE(manufacturer_id, 0), name, region, address, phone`

func scanServiceCentre(s scanner) (model.ServiceCentre, error) {
	var c model.ServiceCentre
	err := s.Scan(&c.ID, &c.ManufacturerID, &c.Name, &c.Region, &c.Address, &c.Phone)
	return c, err
}

// CreateServiceCentre stores a new service centre; a zero manufacturer means it serves every brand.
func (db *Store) CreateServiceCentre(ctx context.Context, s *model.ServiceCentre) error {
	id, err := db.writeServiceCentre(ctx, s, func(tx *txn) (int64, error) {
		return tx.insert(ctx, nil, `INSERT INTO service_centres (manufacturer_id, name, region, address, phone)
			VALUES (?, ?, ?, ?, ?)`, nullID(s.ManufacturerID), s.Name, s.Region, s.Address, s.Phone)
	})
	if err != nil {
		return err
	}
	s.ID = model.ServiceCentreID(id)
	return nil
}

// UpdateServiceCentre stores the changes to service centre s. The cases sent to it keep it.
func (db *Store) UpdateServiceCentre(ctx context.Context, s *model.ServiceCentre) error {
	_, err := db.writeServiceCentre(ctx, s, func(tx *txn) (int64, error) {
		if _, err := tx.serviceCentreByID(ctx, s.ID); err != nil {
			return 0, err
		}
		_, err := tx.ExecContext(ctx, `UPDATE service_centres SET manufacturer_id = ?, name = ?, region = ?,
			address = ?, phone = ? WHERE id = ?`, nullID(s.ManufacturerID), s.Name, s.Region, s.Address, s.Phone, s.ID)
		return int64(s.ID), dbError(err)
	})
	return err
}

// writeServiceCentre checks centre s (trimmed) and its maker, then runs write.
func (db *Store) writeServiceCentre(ctx context.Context, s *model.ServiceCentre, write func(tx *txn) (int64, error)) (int64, error) {
	if s == nil {
		return 0, model.Invalid("service_centre", "is required")
	}
	s.Name = strings.TrimSpace(s.Name)
	s.Region = strings.TrimSpace(s.Region)
	s.Address = strings.TrimSpace(s.Address)
	s.Phone = strings.TrimSpace(s.Phone)
	if err := s.Validate(); err != nil {
		return 0, err
	}
	return writeResult(ctx, db, func(tx *txn) (int64, error) {
		if s.ManufacturerID != 0 {
			if _, err := tx.manufacturerByID(ctx, s.ManufacturerID); err != nil {
				return 0, asInvalid("manufacturer", err)
			}
		}
		return write(tx)
	})
}

// ListServiceCentres returns every service centre by region and name.
func (db *Store) ListServiceCentres(ctx context.Context) ([]model.ServiceCentre, error) {
	return listAll(ctx, db, scanServiceCentre, `SELECT `+serviceCentreColumns+` FROM service_centres ORDER BY region, name, id`)
}

// NearestServiceCentre picks the manufacturer's own centre in the region, then an
// all-brands centre there, then the manufacturer's first one.
func (db *Store) NearestServiceCentre(ctx context.Context, manufacturer model.ManufacturerID, region string) (*model.ServiceCentre, error) {
	return read(ctx, db, func(tx *txn) (*model.ServiceCentre, error) {
		return tx.nearestServiceCentre(ctx, manufacturer, region)
	})
}

func (tx *txn) nearestServiceCentre(ctx context.Context, manufacturer model.ManufacturerID, region string) (*model.ServiceCentre, error) {
	region = strings.TrimSpace(region)
	// region is declared case-insensitive (SQLite NOCASE, PostgreSQL citext): comparisons ignore
	// case. region = ?1 comes first so that PostgreSQL takes the parameter for citext.
	// Another brand's centre is never one: it does not repair this maker's goods under its warranty.
	c, err := scanServiceCentre(tx.QueryRowContext(ctx, `SELECT `+serviceCentreColumns+` FROM service_centres
		WHERE (region = ?1 AND ?1 <> '' AND manufacturer_id IS NULL) OR manufacturer_id = ?2
		ORDER BY CASE
			WHEN region = ?1 AND ?1 <> '' AND manufacturer_id = ?2 THEN 0
			WHEN region = ?1 AND ?1 <> '' AND manufacturer_id IS NULL THEN 1
			ELSE 2 END, id
		LIMIT 1`, region, manufacturer))
	if err != nil {
		if region == "" {
			return nil, notFound(err, "no service centre for manufacturer %d", manufacturer)
		}
		return nil, notFound(err, "no service centre in %s or for manufacturer %d", region, manufacturer)
	}
	return &c, nil
}

// asInvalid turns "referenced row not found" into an input error on the field that refers to it.
func asInvalid(field string, err error) error {
	if model.ErrorCode(err) == model.ENOTFOUND {
		return &model.Error{Code: model.EINVALID, Field: field, Cause: err}
	}
	return err
}
