-- ReturnDesk schema, version 12 (as SQLite's): a phone is found by its digits alone too. The
-- migration's step in Go fills both search indexes and the search texts anew
-- (model/sqlstore/search.go); the tables stay as they are.
SELECT 1;
