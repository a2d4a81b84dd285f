-- ReturnDesk schema, version 10: the customers' search index (model/sqlstore/search.go):
-- every suffix of a customer's name and phone is a key of the customer, so that the
-- counter's customer search reads one range of keys rather than every customer. The
-- migration's step in Go fills it.
CREATE TABLE customer_search (
	key         TEXT NOT NULL,
	customer_id INTEGER NOT NULL,
	PRIMARY KEY (key, customer_id)
) WITHOUT ROWID;
