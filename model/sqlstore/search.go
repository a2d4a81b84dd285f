package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"unicode/utf8"

	"returndesk/model"
)

// The search index. Every suffix of a case's serial and of its customer's name and phone is
// a key of the case (a row of case_search), and so are its whole case and maintenance
// numbers: a term is a substring of a name, phone or serial, or the start of a number,
// exactly when it is the start of one of the case's keys, which one range of the keys'
// B-tree finds on either engine, Chinese from one character on. Numbers are matched from
// their start only: nobody looks a case up by the middle of RMA-2026-000123, and the keys of
// every suffix of every number would double the index. The name and phone are keys of each
// case rather than of the customer once, so that a search reads one range and no join.

// maxKeyRunes cuts long keys (a name may have 120 characters): a term that long is rare
// enough for the case list to look for it without the index (searchPlan).
const maxKeyRunes = model.MaxCodeLen

// numberMark starts every number in a case's search_numbers, so that the case list finds a
// number by its start alone when it reads the cases instead of the index.
const numberMark = "\x1d"

// searchKeys returns the keys of a row: every suffix of each of the substring fields
// (lower-cased, cut to maxKeyRunes characters) and each whole number, once each.
func searchKeys(substrings []string, numbers ...string) []string {
	var keys []string
	for _, s := range substrings {
		s = strings.ToLower(s)
		for i := range s {
			if i > 0 && !utf8.RuneStart(s[i]) {
				continue
			}
			keys = append(keys, cutKey(s[i:]))
		}
	}
	for _, n := range numbers {
		if n != "" {
			keys = append(keys, cutKey(strings.ToLower(n)))
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// cutKey cuts s to maxKeyRunes characters.
func cutKey(s string) string {
	n := 0
	for i := range s {
		if n == maxKeyRunes {
			return s[:i]
		}
		n++
	}
	return s
}

func caseKeys(c *model.Case, customer *model.Customer) []string {
	return searchKeys([]string{string(c.Serial), customer.Name, customer.Phone}, string(c.CaseNo), string(c.MaintenanceNo))
}

// mayStartNumber reports whether term may be the start of a case or maintenance number (or
// one with more after it): only then does reading the cases look at their numbers too.
func mayStartNumber(term string) bool {
	for _, p := range []string{caseNoPrefix, maintenanceNoPrefix} {
		p = strings.ToLower(p) + "-"
		if strings.HasPrefix(term, p) || strings.HasPrefix(p, term) {
			return true
		}
	}
	return false
}

// caseSearchText is what the case list matches a common term against when it reads the
// cases in order rather than the keys: the substring fields, and the numbers (numberMark
// before each, so that only their starts match).
func caseSearchText(c *model.Case, customer *model.Customer) (text, numbers string) {
	return searchText(customer.Name, customer.Phone, string(c.Serial)),
		strings.ToLower(numberMark + string(c.CaseNo) + numberMark + string(c.MaintenanceNo))
}

// putKeys stores the keys of case id that it lacks (in have) and drops the ones it no
// longer has, a statement of at most batchRows rows each.
func (tx *txn) putKeys(ctx context.Context, id model.CaseID, have, want []string) error {
	var add, drop []any
	for _, k := range want {
		if _, found := slices.BinarySearch(have, k); !found {
			add = append(add, k, int64(id))
		}
	}
	for _, k := range have {
		if _, found := slices.BinarySearch(want, k); !found {
			drop = append(drop, k)
		}
	}
	for len(drop) > 0 {
		part := drop[:min(len(drop), batchRows)]
		drop = drop[len(part):]
		if _, err := tx.ExecContext(ctx, `DELETE FROM case_search WHERE case_id = ? AND key IN (`+
			strings.TrimSuffix(strings.Repeat("?, ", len(part)), ", ")+`)`, append([]any{int64(id)}, part...)...); err != nil {
			return dbError(err)
		}
	}
	for len(add) > 0 {
		part := add[:min(len(add), 2*batchRows)]
		add = add[len(part):]
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_search (key, case_id) VALUES `+
			strings.TrimSuffix(strings.Repeat("(?, ?), ", len(part)/2), ", "), part...); err != nil {
			return dbError(err)
		}
	}
	return nil
}

// keyBatch gathers the keys of many new rows and writes them in key order, for the bulk
// writers: an index filled in its own order is written page after page, where keys in the
// order of their rows would each touch a page anywhere in it (minutes for a million cases).
type keyBatch struct {
	rows *batch
	keys []keyRow
}

type keyRow struct {
	key string
	id  int64
}

func newKeyBatch(ctx context.Context, tx *txn, stop context.Context) (*keyBatch, error) {
	b, err := newBatch(ctx, tx, `INSERT INTO case_search (key, case_id) VALUES`, 2,
		func(_ []any, err error) error { return dbError(err) }, stop)
	if err != nil {
		return nil, err
	}
	return &keyBatch{rows: b}, nil
}

func (kb *keyBatch) addKeys(id model.CaseID, keys []string) {
	for _, k := range keys {
		kb.keys = append(kb.keys, keyRow{k, int64(id)})
	}
}

// flush writes the keys gathered so far.
func (kb *keyBatch) flush() error {
	slices.SortFunc(kb.keys, func(a, b keyRow) int {
		return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.id, b.id))
	})
	for _, k := range kb.keys {
		if err := kb.rows.add(k.key, k.id); err != nil {
			return err
		}
	}
	kb.keys = nil
	return kb.rows.flush()
}

func (kb *keyBatch) close() { kb.rows.close() }

// SearchIndexed is the schema version from which the search index exists.
const SearchIndexed = 8

// FillSearch builds the search index and the new search texts in tx, the transaction of
// the migration to SearchIndexed.
func FillSearch(ctx context.Context, tx *sql.Tx, d *Dialect) error {
	return (&txn{Tx: tx, d: d}).fillSearch(ctx)
}

// fillSearch rebuilds the search index and the cases' search texts from the cases and
// customers: a migration makes them so, and a copy rebuilds them in its target rather than
// copying rows that follow from others.
func (tx *txn) fillSearch(ctx context.Context) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM case_search`); err != nil {
		return dbError(err)
	}
	stop := ctx
	ctx = context.WithoutCancel(ctx)
	cases, err := newKeyBatch(ctx, tx, stop)
	if err != nil {
		return err
	}
	defer cases.close()
	type stored struct {
		c             model.Case
		cu            model.Customer
		text, numbers string
	}
	err = inChunks(ctx, tx, `SELECT c.id, c.case_no, c.maintenance_no, c.serial, cu.name, cu.phone,
		c.search_text, c.search_numbers FROM cases c JOIN customers cu ON cu.id = c.customer_id
		WHERE c.id > ? ORDER BY c.id LIMIT ?`, func(s scanner) (stored, error) {
		var r stored
		return r, s.Scan(&r.c.ID, &r.c.CaseNo, &r.c.MaintenanceNo, &r.c.Serial, &r.cu.Name, &r.cu.Phone,
			&r.text, &r.numbers)
	}, func(r *stored) (int64, error) {
		if text, numbers := caseSearchText(&r.c, &r.cu); text != r.text || numbers != r.numbers {
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET search_text = ?, search_numbers = ? WHERE id = ?`,
				text, numbers, r.c.ID); err != nil {
				return 0, dbError(err)
			}
		}
		cases.addKeys(r.c.ID, caseKeys(&r.c, &r.cu))
		return int64(r.c.ID), nil
	})
	if err != nil {
		return err
	}
	return cases.flush()
}

// searchChunk is how many rows inChunks reads at a time.
const searchChunk = 5000

// inChunks reads the rows of query (… WHERE id > ? ORDER BY id LIMIT ?) a chunk at a time
// and hands each to use, which returns its id: use may write, which a PostgreSQL
// connection cannot do while it still reads a result.
func inChunks[T any](ctx context.Context, tx *txn, query string, scan func(scanner) (T, error), use func(*T) (int64, error)) error {
	var last int64
	for {
		chunk, err := queryAll(ctx, tx, scan, query, last, searchChunk)
		if err != nil {
			return err
		}
		for i := range chunk {
			if last, err = use(&chunk[i]); err != nil {
				return err
			}
		}
		if len(chunk) < searchChunk {
			return nil
		}
	}
}

// How the case list decides between the index and reading the cases in order. A term with
// at most one key in commonShare cases (in a small shop, at most minIndexed keys) is looked
// up in the index, its matches counted exactly: the work grows with how many
// cases match, never with the cases that do not. A more common one (the first letters typed
// of a serial) is looked for by reading the cases newest first until the page is full: with
// one match in commonShare or more that is about commonShare rows a row of the page, and its
// total is a lower bound (model.MoreThan).
const (
	commonShare = 50
	minIndexed  = 2000
)

// searchPlan is how the case list looks for its search term.
type searchPlan struct {
	term    string // lower-cased; "" for no search
	indexed bool   // the term is looked up in the index
	limit   int    // how many keys of the term the index is read for at most
	keys    int    // the term's keys, read up to limit+1
	cases   int    // the cases those keys are keys of: when indexed, every match
}

// matchIDs selects the id of every case matching a term through the index (arguments:
// matchArgs), once each: a case may have two keys that start with the term.
const matchIDs = `SELECT DISTINCT case_id AS id FROM case_search WHERE key >= ? AND key < ?`

// matchArgs are the arguments of matchIDs: the range of the keys that start with the term.
func (p searchPlan) matchArgs() []any {
	return []any{p.term, p.term + string(utf8.MaxRune)} // above every key that starts with the term
}

// searchLimit is how many keys of a term the index is read for: more, and the term is
// common.
func (db *Store) searchLimit() int { return max(int(db.lastCaseID.Load())/commonShare, minIndexed) }

// planSearch decides how to look for term (lower-cased, trimmed; "" for no search) by
// counting its keys in the index up to the limit of an uncommon term. The size of the shop
// that limit follows is the one the last search saw (lastCaseID): one statement less.
func (db *Store) planSearch(ctx context.Context, tx *txn, term string) (searchPlan, error) {
	p := searchPlan{term: term}
	if term == "" || utf8.RuneCountInString(term) > maxKeyRunes {
		return p, nil // no search, or longer than a key: read the cases
	}
	if db.lastCaseID.Load() == 0 { // the first search: the shop's size is not known yet
		var last int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM cases`).Scan(&last); err != nil {
			return p, dbError(err)
		}
		db.lastCaseID.Store(last)
	}
	p.limit = db.searchLimit()
	// The keys read so far and no further: a term matching half the shop costs what one
	// matching limit cases does.
	// In the same statement and the same reading of the keys (a round trip to a server costs
	// more than a thousand keys): the cases they are keys of, and the shop's size.
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT case_id), (SELECT COALESCE(max(id), 0) FROM cases)
		FROM (SELECT case_id FROM case_search WHERE key >= ? AND key < ? LIMIT ?) AS k`,
		append(p.matchArgs(), p.limit+1)...).Scan(&p.keys, &p.cases, &last); err != nil {
		return p, dbError(err)
	}
	db.lastCaseID.Store(last)
	p.indexed = p.keys <= p.limit
	return p, nil
}
