-- ReturnDesk schema, version 10: the customers' search index (model/sqlstore/search.go),
-- like the cases' of version 9: every suffix of a customer's name and phone is a key of the
-- customer, ordered by the bucket of the customer first, so that the counter's customer
-- search reads the newest matches rather than every customer. The migration's step in Go
-- fills it.
CREATE TABLE customer_search (
	bucket      INTEGER NOT NULL,
	key         TEXT NOT NULL,
	customer_id INTEGER NOT NULL,
	PRIMARY KEY (bucket, key, customer_id)
) WITHOUT ROWID;
