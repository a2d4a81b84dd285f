-- ReturnDesk schema, version 11 (as SQLite's): a case is found by its number's sequence too
-- (000123 or 123 of RMA-2026-000123). The migration's step in Go fills the cases' search index
-- and search_numbers anew (model/sqlstore/search.go); the tables stay as they are.
SELECT 1;
