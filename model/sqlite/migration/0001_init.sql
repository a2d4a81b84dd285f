-- ReturnDesk schema, version 1.
-- Every CHECK constraint is named after its column so that a failure can be reported
-- against the form field it concerns. Dates are TEXT 'YYYY-MM-DD' ('' when unknown),
-- timestamps TEXT in UTC (RFC 3339 with nanoseconds), money INTEGER cents.

CREATE TABLE manufacturers (
	id                  INTEGER PRIMARY KEY,
	name                TEXT NOT NULL CONSTRAINT name CHECK (trim(name) <> ''),
	-- name folded to lower case by the application (Unicode-aware), unique.
	name_key            TEXT NOT NULL CONSTRAINT name_key CHECK (name_key <> ''),
	contact             TEXT NOT NULL DEFAULT '',
	phone               TEXT NOT NULL DEFAULT '',
	email               TEXT NOT NULL DEFAULT '',
	address             TEXT NOT NULL DEFAULT '',
	after_sales_address TEXT NOT NULL DEFAULT '',
	terminal_policy     TEXT NOT NULL DEFAULT '',
	distributor_policy  TEXT NOT NULL DEFAULT '',
	oem_policy          TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX manufacturers_name_key ON manufacturers (name_key);

CREATE TABLE products (
	id              INTEGER PRIMARY KEY,
	manufacturer_id INTEGER NOT NULL REFERENCES manufacturers (id),
	model           TEXT NOT NULL COLLATE NOCASE CONSTRAINT model CHECK (trim(model) <> ''),
	name            TEXT NOT NULL DEFAULT '',
	unit_price      INTEGER NOT NULL DEFAULT 0 CONSTRAINT unit_price CHECK (unit_price >= 0),
	custom_branded  INTEGER NOT NULL DEFAULT 0 CONSTRAINT custom_branded CHECK (custom_branded IN (0, 1)),
	UNIQUE (manufacturer_id, model)
);
CREATE INDEX products_model ON products (model);

CREATE TABLE customers (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL CONSTRAINT name CHECK (trim(name) <> ''),
	phone       TEXT NOT NULL DEFAULT '',
	email       TEXT NOT NULL DEFAULT '',
	address     TEXT NOT NULL DEFAULT '',
	region      TEXT NOT NULL DEFAULT '',
	kind        TEXT NOT NULL DEFAULT 'terminal' CONSTRAINT kind CHECK (kind IN ('terminal', 'dealer', 'oem')),
	regular     INTEGER NOT NULL DEFAULT 0 CONSTRAINT regular CHECK (regular IN (0, 1)),
	-- lower-cased name and phone, maintained by the application for substring search.
	search_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX customers_name_phone ON customers (name, phone);
CREATE INDEX customers_phone ON customers (phone);

CREATE TABLE service_centres (
	id              INTEGER PRIMARY KEY,
	manufacturer_id INTEGER REFERENCES manufacturers (id), -- NULL: serves every brand
	name            TEXT NOT NULL CONSTRAINT name CHECK (trim(name) <> ''),
	region          TEXT NOT NULL COLLATE NOCASE CONSTRAINT region CHECK (trim(region) <> ''),
	address         TEXT NOT NULL DEFAULT '',
	phone           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX service_centres_region ON service_centres (region);
CREATE INDEX service_centres_manufacturer ON service_centres (manufacturer_id);

CREATE TABLE sales (
	id            INTEGER PRIMARY KEY,
	serial        TEXT NOT NULL COLLATE NOCASE UNIQUE CONSTRAINT serial CHECK (trim(serial) <> ''),
	product_id    INTEGER NOT NULL REFERENCES products (id),
	customer_id   INTEGER REFERENCES customers (id),
	customer_name TEXT NOT NULL DEFAULT '',
	phone         TEXT NOT NULL DEFAULT '',
	invoice       TEXT NOT NULL DEFAULT '',
	purchase_date TEXT NOT NULL DEFAULT '' CONSTRAINT purchase_date CHECK (purchase_date = ''
		OR (purchase_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date(purchase_date) = purchase_date)),
	shipment_date TEXT NOT NULL DEFAULT '' CONSTRAINT shipment_date CHECK (shipment_date = ''
		OR (shipment_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date(shipment_date) = shipment_date))
);
CREATE INDEX sales_product ON sales (product_id);
CREATE INDEX sales_customer ON sales (customer_id);

CREATE TABLE policies (
	id              TEXT NOT NULL CONSTRAINT id CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
	version         INTEGER NOT NULL CONSTRAINT version CHECK (version >= 1),
	name            TEXT NOT NULL CONSTRAINT name CHECK (trim(name) <> ''),
	kind            TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('terminal', 'distributor', 'oem')),
	manufacturer_id INTEGER REFERENCES manufacturers (id),
	preset          INTEGER NOT NULL DEFAULT 0 CONSTRAINT preset CHECK (preset IN (0, 1)),
	definition      TEXT NOT NULL CONSTRAINT definition CHECK (json_valid(definition)),
	created_at      TEXT NOT NULL,
	PRIMARY KEY (id, version)
);

CREATE TABLE cases (
	id                  INTEGER PRIMARY KEY,
	case_no             TEXT NOT NULL UNIQUE CONSTRAINT case_no CHECK (case_no GLOB 'RMA-[0-9][0-9][0-9][0-9]-[0-9]*'),
	maintenance_no      TEXT NOT NULL DEFAULT '' CONSTRAINT maintenance_no CHECK (maintenance_no = ''
		OR maintenance_no GLOB 'MO-[0-9][0-9][0-9][0-9]-[0-9]*'),
	customer_id         INTEGER NOT NULL REFERENCES customers (id),
	product_id          INTEGER NOT NULL REFERENCES products (id),
	serial              TEXT NOT NULL COLLATE NOCASE CONSTRAINT serial CHECK (trim(serial) <> ''),
	purchase_date       TEXT NOT NULL DEFAULT '' CONSTRAINT purchase_date CHECK (purchase_date = ''
		OR (purchase_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date(purchase_date) = purchase_date)),
	shipment_date       TEXT NOT NULL DEFAULT '' CONSTRAINT shipment_date CHECK (shipment_date = ''
		OR (shipment_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date(shipment_date) = shipment_date)),
	reported_date       TEXT NOT NULL CONSTRAINT reported_date CHECK (
		reported_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date(reported_date) = reported_date),
	fault               TEXT NOT NULL CONSTRAINT fault CHECK (trim(fault) <> ''),
	fault_category      TEXT NOT NULL DEFAULT '',
	accessories         TEXT NOT NULL DEFAULT '',
	condition           TEXT NOT NULL DEFAULT '',
	cause               TEXT NOT NULL DEFAULT 'unknown' CONSTRAINT cause CHECK (cause IN ('unknown', 'manufacturer', 'misuse')),
	tier                TEXT NOT NULL DEFAULT '' CONSTRAINT tier CHECK (tier IN ('', 'refund', 'replace', 'repair', 'paid', 'warranty')),
	remedy              TEXT NOT NULL DEFAULT '' CONSTRAINT remedy CHECK (remedy IN ('', 'refund', 'replace', 'service_center',
		'repair', 'paid_service', 'new_units', 'deduct_next_order', 'air_replacement')),
	remedy_reason       TEXT NOT NULL DEFAULT '',
	policy_id           TEXT NOT NULL DEFAULT '',
	policy_version      INTEGER NOT NULL DEFAULT 0 CONSTRAINT policy_version CHECK (policy_version >= 0),
	dealer_carries_cost INTEGER NOT NULL DEFAULT 0 CONSTRAINT dealer_carries_cost CHECK (dealer_carries_cost IN (0, 1)),
	service_centre_id   INTEGER REFERENCES service_centres (id),
	replacement_serial  TEXT NOT NULL DEFAULT '',
	refund_amount       INTEGER NOT NULL DEFAULT 0 CONSTRAINT refund_amount CHECK (refund_amount >= 0),
	notes               TEXT NOT NULL DEFAULT '',
	status              TEXT NOT NULL DEFAULT 'received' CONSTRAINT status CHECK (status IN ('received', 'diagnosing',
		'at_service_centre', 'awaiting_manufacturer', 'ready_for_pickup', 'closed', 'cancelled')),
	-- lower-cased case no., maintenance no., serial, customer name and phone, maintained by
	-- the application so that search-as-you-type needs one instr() per row and no joins.
	search_text         TEXT NOT NULL DEFAULT '',
	created_at          TEXT NOT NULL,
	updated_at          TEXT NOT NULL,
	closed_at           TEXT
);
CREATE UNIQUE INDEX cases_maintenance_no ON cases (maintenance_no) WHERE maintenance_no <> '';
CREATE INDEX cases_status ON cases (status, reported_date);
CREATE INDEX cases_reported ON cases (reported_date);
CREATE INDEX cases_customer ON cases (customer_id);
CREATE INDEX cases_product ON cases (product_id);
CREATE INDEX cases_serial ON cases (serial);
CREATE INDEX cases_tier ON cases (tier);

CREATE TABLE case_history (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	at         TEXT NOT NULL,
	actor      TEXT NOT NULL DEFAULT '',
	action     TEXT NOT NULL CONSTRAINT action CHECK (action <> ''),
	field      TEXT NOT NULL DEFAULT '',
	old_value  TEXT NOT NULL DEFAULT '',
	new_value  TEXT NOT NULL DEFAULT '',
	old_status TEXT NOT NULL DEFAULT '' CONSTRAINT old_status CHECK (old_status IN ('', 'received', 'diagnosing',
		'at_service_centre', 'awaiting_manufacturer', 'ready_for_pickup', 'closed', 'cancelled')),
	new_status TEXT NOT NULL DEFAULT '' CONSTRAINT new_status CHECK (new_status IN ('', 'received', 'diagnosing',
		'at_service_centre', 'awaiting_manufacturer', 'ready_for_pickup', 'closed', 'cancelled')),
	note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_history_case ON case_history (case_id, id);

-- The history is the audit trail of a case: nothing may rewrite or remove it.
CREATE TRIGGER case_history_no_update BEFORE UPDATE ON case_history
BEGIN
	SELECT RAISE(ABORT, 'case history is append-only: entries cannot be changed');
END;
CREATE TRIGGER case_history_no_delete BEFORE DELETE ON case_history
BEGIN
	SELECT RAISE(ABORT, 'case history is append-only: entries cannot be deleted');
END;

CREATE TABLE claims (
	id              INTEGER PRIMARY KEY,
	claim_no        TEXT NOT NULL UNIQUE CONSTRAINT claim_no CHECK (claim_no GLOB 'CLM-[0-9][0-9][0-9][0-9]-[0-9]*'),
	manufacturer_id INTEGER NOT NULL REFERENCES manufacturers (id),
	period_from     TEXT NOT NULL DEFAULT '' CONSTRAINT period_from CHECK (period_from = ''
		OR (period_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date(period_from) = period_from)),
	period_until    TEXT NOT NULL DEFAULT '' CONSTRAINT period_until CHECK (period_until = ''
		OR (period_until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date(period_until) = period_until)),
	status          TEXT NOT NULL DEFAULT 'draft' CONSTRAINT status CHECK (status IN ('draft', 'submitted', 'answered', 'settled')),
	created_at      TEXT NOT NULL
);
CREATE INDEX claims_manufacturer ON claims (manufacturer_id);

CREATE TABLE claim_lines (
	id           INTEGER PRIMARY KEY,
	claim_id     INTEGER NOT NULL REFERENCES claims (id),
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	remedy_asked TEXT NOT NULL DEFAULT '' CONSTRAINT remedy_asked CHECK (remedy_asked IN ('', 'refund', 'replace',
		'service_center', 'repair', 'paid_service', 'new_units', 'deduct_next_order', 'air_replacement')),
	quantity     INTEGER NOT NULL DEFAULT 1 CONSTRAINT quantity CHECK (quantity >= 0),
	unit_price   INTEGER NOT NULL DEFAULT 0 CONSTRAINT unit_price CHECK (unit_price >= 0),
	freight      INTEGER NOT NULL DEFAULT 0 CONSTRAINT freight CHECK (freight >= 0),
	freight_by   TEXT NOT NULL DEFAULT '' CONSTRAINT freight_by CHECK (freight_by IN ('', 'manufacturer', 'buyer', 'pending')),
	decision     TEXT NOT NULL DEFAULT '' CONSTRAINT decision CHECK (decision IN ('', 'accepted', 'rejected', 'partly')),
	credit       INTEGER NOT NULL DEFAULT 0 CONSTRAINT credit CHECK (credit >= 0),
	note         TEXT NOT NULL DEFAULT '',
	UNIQUE (claim_id, case_id)
);
CREATE INDEX claim_lines_case ON claim_lines (case_id);

CREATE TABLE oem_orders (
	id              INTEGER PRIMARY KEY,
	manufacturer_id INTEGER NOT NULL REFERENCES manufacturers (id),
	product_id      INTEGER NOT NULL REFERENCES products (id),
	customer_id     INTEGER REFERENCES customers (id),
	order_no        TEXT NOT NULL CONSTRAINT order_no CHECK (trim(order_no) <> ''),
	quantity        INTEGER NOT NULL CONSTRAINT quantity CHECK (quantity > 0),
	shipment_date   TEXT NOT NULL CONSTRAINT shipment_date CHECK (
		shipment_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date(shipment_date) = shipment_date),
	-- a percentage as exact decimal text such as '0.4'
	spare_rate      TEXT NOT NULL CONSTRAINT spare_rate CHECK (spare_rate GLOB '[0-9]*' AND spare_rate NOT GLOB '*[^0-9.]*'),
	spares_received INTEGER CONSTRAINT spares_received CHECK (spares_received IS NULL OR spares_received >= 0),
	UNIQUE (manufacturer_id, order_no)
);
CREATE INDEX oem_orders_product ON oem_orders (product_id);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY CONSTRAINT key CHECK (key <> ''),
	value TEXT NOT NULL
);

-- Number sequences per year (RMA, MO, CLM). Allocated inside the creating transaction,
-- so a rollback returns the number and BEGIN IMMEDIATE keeps two processes apart.
CREATE TABLE counters (
	name TEXT NOT NULL,
	year INTEGER NOT NULL,
	next INTEGER NOT NULL CONSTRAINT next CHECK (next >= 1),
	PRIMARY KEY (name, year)
);
