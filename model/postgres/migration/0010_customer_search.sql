-- ReturnDesk schema, version 10 (as SQLite's): the customers' search index
-- (model/sqlstore/search.go), filled by the migration's step in Go.
CREATE TABLE customer_search (
	bucket      BIGINT NOT NULL,
	key         TEXT COLLATE "C" NOT NULL,
	customer_id BIGINT NOT NULL,
	PRIMARY KEY (bucket, key, customer_id)
);
