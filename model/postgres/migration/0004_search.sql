-- ReturnDesk schema, version 4 (as SQLite's): the index of search as you type. (A trigram
-- index, pg_trgm, is the PostgreSQL way to a fast substring search; not yet here.)
CREATE INDEX cases_search ON cases (case_no, search_text);
