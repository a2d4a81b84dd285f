-- ReturnDesk schema, version 6: the pictures in the database, so that every counter sees them.

-- A photo's picture and its SHA-256 (a backup check compares them). A photo of an older
-- database gets them from its file in the data folder right after this migration, in the
-- same transaction; NULL stays only where that file was already missing.
ALTER TABLE case_photos ADD COLUMN data BLOB;
ALTER TABLE case_photos ADD COLUMN sha256 TEXT;

-- The shop's logo, printed on every slip and label: one row or none.
CREATE TABLE shop_logo (
	id   INTEGER PRIMARY KEY CONSTRAINT one CHECK (id = 1),
	data BLOB NOT NULL CONSTRAINT data CHECK (length(data) > 0)
);
