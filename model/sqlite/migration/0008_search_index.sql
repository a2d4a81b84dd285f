-- ReturnDesk schema, version 8: the search index (model/sqlstore/search.go). Every suffix
-- of a case's serial and of its customer's name and phone, and its whole case and maintenance
-- numbers, are keys of the case; a term is the start of a key. The migration's step in Go fills the keys
-- and the new search texts. No foreign keys: the store keeps the keys with their rows, and a
-- copy builds them anew after the rows it copied.
ALTER TABLE cases ADD COLUMN search_numbers TEXT NOT NULL DEFAULT '';
CREATE TABLE case_search (
	key     TEXT NOT NULL,
	case_id INTEGER NOT NULL,
	PRIMARY KEY (key, case_id)
) WITHOUT ROWID;

-- A common term is looked for in the cases newest first: this narrow index holds what it
-- is matched against, in id order.
DROP INDEX cases_search;
CREATE INDEX cases_search ON cases (id, search_text, search_numbers);
