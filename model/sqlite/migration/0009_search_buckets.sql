-- ReturnDesk schema, version 9: the search index's keys are ordered by the bucket of their
-- case first (model/sqlstore/search.go: 65,536 cases of consecutive ids a bucket), so that
-- the case list reads a term's newest matches from the newest buckets alone. The
-- migration's step in Go fills the keys anew.
DROP TABLE case_search;
CREATE TABLE case_search (
	bucket  INTEGER NOT NULL,
	key     TEXT NOT NULL,
	case_id INTEGER NOT NULL,
	PRIMARY KEY (bucket, key, case_id)
) WITHOUT ROWID;
