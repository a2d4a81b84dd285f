-- ReturnDesk schema, version 5 (as SQLite's): a serial's history also finds the cases whose
-- replacement it is; the turnaround report reads the resolving history entries.
CREATE INDEX cases_replacement_serial ON cases (replacement_serial);
CREATE INDEX case_history_resolved ON case_history (case_id, at) WHERE new_status IN ('ready_for_pickup', 'closed');
