-- ReturnDesk schema, version 2: photos attached to cases, and indexes for the dashboard.

-- A photo's picture is a file copied into the data folder under a generated name; the row
-- says where (relative to the data folder) and what it is. The name of the user's own file
-- is kept for display only.
CREATE TABLE case_photos (
	id       INTEGER PRIMARY KEY,
	case_id  INTEGER NOT NULL REFERENCES cases (id),
	file     TEXT NOT NULL UNIQUE CONSTRAINT file CHECK (file GLOB 'photos/?*.*'
		AND file NOT GLOB 'photos/*[^A-Za-z0-9._-]*' AND file NOT GLOB '*..*'),
	name     TEXT NOT NULL DEFAULT '',
	format   TEXT NOT NULL CONSTRAINT format CHECK (format IN ('png', 'jpeg')),
	width    INTEGER NOT NULL CONSTRAINT width CHECK (width > 0),
	height   INTEGER NOT NULL CONSTRAINT height CHECK (height > 0),
	size     INTEGER NOT NULL CONSTRAINT size CHECK (size > 0),
	added_at TEXT NOT NULL,
	actor    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_photos_case ON case_photos (case_id, id);

-- The dashboard's "the shop carries the cost" list: few cases, oldest first.
CREATE INDEX cases_dealer_cost ON cases (reported_date) WHERE dealer_carries_cost = 1;
-- The dashboard's closing refund and replacement windows: by tier and purchase date.
CREATE INDEX cases_tier_purchase ON cases (tier, purchase_date);
