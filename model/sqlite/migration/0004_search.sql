-- Search as you type at 100,000 cases. The case list matches the typed text against the
-- entries of this index rather than the table rows (one third of the pages to read), in
-- case-number order, and looks up only the cases that match.
CREATE INDEX cases_search ON cases (case_no, search_text);

-- A serial's history also finds the cases whose replacement it is.
CREATE INDEX cases_replacement_serial ON cases (replacement_serial COLLATE NOCASE);
