-- ReturnDesk schema, version 12: a phone is found by its digits alone too (88886666 or
-- 85291234567 finds 020-8888 6666 and +852 9123 4567). The migration's step in Go fills both
-- search indexes and the search texts anew with those keys (model/sqlstore/search.go); the
-- tables stay as they are.
SELECT 1;
