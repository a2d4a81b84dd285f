-- ReturnDesk schema, version 9 (as SQLite's): the search index's keys are ordered by the
-- bucket of their case first (model/sqlstore/search.go), and filled anew by the migration's
-- step in Go.
DROP TABLE case_search;
CREATE TABLE case_search (
	bucket  BIGINT NOT NULL,
	key     TEXT COLLATE "C" NOT NULL,
	case_id BIGINT NOT NULL,
	PRIMARY KEY (bucket, key, case_id)
);
