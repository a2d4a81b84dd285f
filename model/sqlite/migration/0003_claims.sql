-- ReturnDesk schema, version 3: the manufacturer's answers to claims, the ledger of what
-- manufacturers owe (credits and freight, deducted on a later proforma invoice), and the
-- defects reported against OEM orders.

-- When a claim went out, came back and was closed ('' until then).
ALTER TABLE claims ADD COLUMN submitted_at TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN answered_at TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN settled_at TEXT NOT NULL DEFAULT '';
CREATE INDEX claims_status ON claims (status);

-- The manufacturer's reason or remark on a line, and when the line was answered.
ALTER TABLE claim_lines ADD COLUMN answer_note TEXT NOT NULL DEFAULT '';
ALTER TABLE claim_lines ADD COLUMN answered_at TEXT NOT NULL DEFAULT '';

-- What a manufacturer owes for one answered claim line: its credit, or the freight it
-- bears. An entry is outstanding while pi is ''; marking it deducted records the PI.
CREATE TABLE ledger (
	id              INTEGER PRIMARY KEY,
	manufacturer_id INTEGER NOT NULL REFERENCES manufacturers (id),
	claim_line_id   INTEGER NOT NULL REFERENCES claim_lines (id),
	kind            TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('credit', 'freight')),
	amount          INTEGER NOT NULL CONSTRAINT amount CHECK (amount > 0),
	created_at      TEXT NOT NULL,
	pi              TEXT NOT NULL DEFAULT '',
	deducted_at     TEXT NOT NULL DEFAULT '',
	CONSTRAINT deducted CHECK ((pi = '') = (deducted_at = '')),
	UNIQUE (claim_line_id, kind)
);
CREATE INDEX ledger_manufacturer ON ledger (manufacturer_id, pi);

-- Whether an OEM order's defects are a batch defect (claimed whole, spares not used).
ALTER TABLE oem_orders ADD COLUMN batch_defect INTEGER NOT NULL DEFAULT 0
	CONSTRAINT batch_defect CHECK (batch_defect IN (0, 1));

-- Defective units reported against an OEM order: a case belongs to one order at most.
CREATE TABLE oem_defects (
	order_id  INTEGER NOT NULL REFERENCES oem_orders (id),
	case_id   INTEGER NOT NULL UNIQUE REFERENCES cases (id),
	linked_at TEXT NOT NULL,
	PRIMARY KEY (order_id, case_id)
);
