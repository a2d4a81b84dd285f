-- ReturnDesk schema, version 6 (as SQLite's): the pictures in the database, so that every
-- counter sees them.

ALTER TABLE case_photos ADD COLUMN data bytea;
ALTER TABLE case_photos ADD COLUMN sha256 TEXT;

CREATE TABLE shop_logo (
	id   INTEGER PRIMARY KEY CONSTRAINT one CHECK (id = 1),
	data bytea NOT NULL CONSTRAINT data CHECK (length(data) > 0)
);
