-- ReturnDesk schema, version 7: a case's version, counted up by every save of its row, so
-- that a save made on a case loaded before another counter's save is refused, not lost.
ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
