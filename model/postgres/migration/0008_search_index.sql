-- ReturnDesk schema, version 8 (as SQLite's): the search index (model/sqlstore/search.go).
-- Keys compare byte by byte (COLLATE "C"), so that the keys starting with a term are one
-- range of the B-tree whatever the database's locale.
ALTER TABLE cases ADD COLUMN search_numbers TEXT NOT NULL DEFAULT '';
CREATE TABLE case_search (
	key     TEXT COLLATE "C" NOT NULL,
	case_id BIGINT NOT NULL,
	PRIMARY KEY (key, case_id)
);

-- A common term is looked for in the cases newest first, read from this index alone.
DROP INDEX cases_search;
CREATE INDEX cases_search ON cases (id) INCLUDE (search_text, search_numbers);

-- A bulk load (the demo) writes a case's history before the case, and a sales record before
-- its customer: those references may then be checked at the commit (SET CONSTRAINTS …
-- DEFERRED); everywhere else they are checked at once.
ALTER TABLE case_history ALTER CONSTRAINT case_history_case_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE sales ALTER CONSTRAINT sales_customer_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
