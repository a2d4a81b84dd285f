-- ReturnDesk schema, version 7 (as SQLite's): a case's version, counted up by every save
-- of its row, so that a save made on a case loaded before another counter's save is refused.
ALTER TABLE cases ADD COLUMN version bigint NOT NULL DEFAULT 0;
