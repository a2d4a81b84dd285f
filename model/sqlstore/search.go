package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"returndesk/model"
)

// The search index. Every suffix of a case's serial and of its customer's name and phone is
// a key of the case (a row of case_search), and so are its whole case and maintenance
// numbers: a term is a substring of a name, phone or serial, or the start of a number,
// exactly when it is the start of one of the case's keys, which one range of the keys'
// B-tree finds on either engine, Chinese from one character on. Numbers are matched from
// their start, and from the start of their sequence, with its zeros or without (000123, 123:
// how a customer reads the number off the slip); nobody looks a case up by another part of
// RMA-2026-000123, and the keys of every suffix of every number would double the index. The name and phone are keys of each
// case rather than of the customer once, so that a search reads one range and no join. The
// customers have an index of the same kind (customer_search: the suffixes of name and phone)
// for the counter's customer search, which must find customers without a case too.

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
			keys = append(keys, numberTails(n)...)
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
	return searchKeys(append([]string{string(c.Serial)}, personForms(customer.Name, customer.Phone)...),
		string(c.CaseNo), string(c.MaintenanceNo))
}

func customerKeys(name, phone string) []string { return searchKeys(personForms(name, phone)) }

// customerText is what the customer search matches a term against when it reads the
// customers rather than the keys.
func customerText(name, phone string) string { return searchText(personForms(name, phone)...) }

// personForms are the texts of a customer the search matches: the name, the phone as
// typed, and the phone's digits alone where they differ (020-8888 6666: 02088886666), so
// that a phone typed without its spaces, dashes or + finds it (phoneTerm).
func personForms(name, phone string) []string {
	forms := []string{name, phone}
	if digits := onlyDigits(phone); digits != "" && digits != phone {
		forms = append(forms, digits)
	}
	return forms
}

// onlyDigits is s without anything but its digits 0–9.
func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// dashedDigits is term's digits when it is digits with dashes (6123-4567, 0755-8326-1234):
// a search that finds nothing for it as typed, where a serial's dashes would match, looks
// for a phone by those digits next.
func dashedDigits(term string) (string, bool) {
	term = strings.TrimSpace(term)
	if !strings.Contains(term, "-") || !phoneLike(term) {
		return "", false
	}
	digits := onlyDigits(term)
	return digits, digits != ""
}

// phoneLike reports whether term is written as a phone number is: digits, and spaces,
// dashes, dots, brackets and + between them.
func phoneLike(term string) bool { return strings.Trim(term, "0123456789 +()-.") == "" }

// phoneTerm is the term searched for: a phone number typed with spaces, brackets or a +
// (+852 9123 4567, (020) 8888 6666) is looked for by its digits alone, which every phone
// is a key by (personForms) however it was typed; anything else as it is. A dash keeps a
// term as typed: serials have dashes too.
func phoneTerm(term string) string {
	if !strings.ContainsAny(term, " +()") || !phoneLike(term) {
		return term
	}
	if digits := onlyDigits(term); digits != "" {
		return digits
	}
	return term
}

// numberTails are the sequence of number n (RMA-2026-000123: 000123) and the sequence
// without its leading zeros (123), the ways a number is read out besides whole.
func numberTails(n string) []string {
	i := strings.LastIndexByte(n, '-')
	if i < 0 || i == len(n)-1 {
		return nil
	}
	seq := n[i+1:]
	if !allDigits(seq) {
		return nil
	}
	tails := []string{seq}
	if short := strings.TrimLeft(seq, "0"); short != "" && short != seq {
		tails = append(tails, short)
	}
	return tails
}

// allDigits reports whether s is made of the digits 0–9 only.
func allDigits(s string) bool { return strings.Trim(s, "0123456789") == "" }

// mayStartNumber reports whether term may be the start of a case or maintenance number (or
// one with more after it), or of its sequence: only then does reading the cases look at
// their numbers too.
func mayStartNumber(term string) bool {
	if term != "" && allDigits(term) {
		return true
	}
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
	var b strings.Builder
	for _, n := range []string{string(c.CaseNo), string(c.MaintenanceNo)} {
		if n == "" {
			continue
		}
		b.WriteString(numberMark + strings.ToLower(n))
		for _, tail := range numberTails(n) {
			b.WriteString(numberMark + tail)
		}
	}
	return searchText(append(personForms(customer.Name, customer.Phone), string(c.Serial))...), b.String()
}

// searchIndex is a table of search keys, each the key of one row of the table it indexes,
// ordered by the bucket of that row first (keyBucketSize rows of consecutive ids a bucket).
type searchIndex struct {
	table, id string // the index's table and its column of the indexed row's id
	rows      string // the table it indexes
}

var (
	caseIndex     = searchIndex{"case_search", "case_id", "cases"}
	customerIndex = searchIndex{"customer_search", "customer_id", "customers"}
)

// keyRowArgs are the values of the row of key of row id, in the order insert names them.
func keyRowArgs(key string, id int64) []any { return []any{keyBucket(id), key, id} }

// keyColumns is the number of columns of a key's row (keyRowArgs).
const keyColumns = 3

// insert is the start of an INSERT of keys, in keyRowArgs' order of columns.
func (ix searchIndex) insert() string {
	return `INSERT INTO ` + ix.table + ` (bucket, key, ` + ix.id + `) VALUES`
}

// putKeys stores the keys of row id that it lacks (in have) and drops the ones it no
// longer has, a statement of at most batchRows rows each.
func (tx *txn) putKeys(ctx context.Context, ix searchIndex, id int64, have, want []string) error {
	var add, drop []any
	for _, k := range want {
		if _, found := slices.BinarySearch(have, k); !found {
			add = append(add, keyRowArgs(k, id)...)
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
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+ix.table+` WHERE bucket = ? AND `+ix.id+` = ? AND key IN (`+
			strings.TrimSuffix(strings.Repeat("?, ", len(part)), ", ")+`)`, append([]any{keyBucket(id), id}, part...)...); err != nil {
			return dbError(err)
		}
	}
	for len(add) > 0 {
		part := add[:min(len(add), keyColumns*batchRows)]
		add = add[len(part):]
		if err := tx.queue(ctx, ix.insert()+" "+valueRows(keyColumns, len(part)/keyColumns), part...); err != nil {
			return err
		}
	}
	return nil
}

// keyBatch gathers the keys of many new rows and writes them in the index's order, for the
// bulk writers: an index filled in its own order is written page after page, where keys in
// the order of their rows would each touch a page anywhere in it (minutes for a million cases).
type keyBatch struct {
	rows *batch
	keys []keyRow
}

type keyRow struct {
	key string
	id  int64
}

func newKeyBatch(ctx context.Context, tx *txn, stop context.Context, ix searchIndex) (*keyBatch, error) {
	b, err := newBatch(ctx, tx, ix.insert(), keyColumns,
		func(_ []any, err error) error { return dbError(err) }, stop)
	if err != nil {
		return nil, err
	}
	return &keyBatch{rows: b}, nil
}

func (kb *keyBatch) addKeys(id int64, keys []string) {
	for _, k := range keys {
		kb.keys = append(kb.keys, keyRow{k, id})
	}
}

// flush writes the keys gathered so far.
func (kb *keyBatch) flush() error {
	slices.SortFunc(kb.keys, func(a, b keyRow) int {
		return cmp.Or(cmp.Compare(keyBucket(a.id), keyBucket(b.id)), strings.Compare(a.key, b.key), cmp.Compare(a.id, b.id))
	})
	for _, k := range kb.keys {
		if err := kb.rows.add(keyRowArgs(k.key, k.id)...); err != nil {
			return err
		}
	}
	kb.keys = nil
	return kb.rows.flush()
}

func (kb *keyBatch) close() { kb.rows.close() }

// Schema versions whose migration a step in Go finishes, filling the search index it
// creates (FillIndex).
const (
	CasesIndexed     = 9  // case_search as it is
	CustomersIndexed = 10 // customer_search
	TailsIndexed     = 11 // case_search and the cases' search_numbers with the numbers' sequences
	PhonesIndexed    = 12 // both indexes and search texts with every phone's digits alone
)

// FillIndex fills the search index that the migration to version creates, in tx, the
// migration's transaction; the other versions need nothing.
func FillIndex(ctx context.Context, tx *sql.Tx, d *Dialect, version int) error {
	t := &txn{Tx: tx, d: d}
	switch version {
	case CasesIndexed, TailsIndexed:
		return t.fillCaseSearch(ctx)
	case PhonesIndexed:
		return t.fillSearch(ctx)
	case CustomersIndexed:
		return t.fillCustomerSearch(ctx)
	}
	return nil
}

// fillSearch rebuilds the search indexes: a copy builds them in its target rather than
// copying rows that follow from others.
func (tx *txn) fillSearch(ctx context.Context) error {
	if err := tx.fillCaseSearch(ctx); err != nil {
		return err
	}
	return tx.fillCustomerSearch(ctx)
}

// fillCaseSearch rebuilds the cases' search index and search texts from the cases and
// their customers.
func (tx *txn) fillCaseSearch(ctx context.Context) error {
	keys, ctx, err := tx.refill(ctx, caseIndex)
	if err != nil {
		return err
	}
	defer keys.close()
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
		keys.addKeys(int64(r.c.ID), caseKeys(&r.c, &r.cu))
		return int64(r.c.ID), nil
	})
	if err != nil {
		return err
	}
	return keys.flush()
}

// indexedCustomer is a customer as fillCustomerSearch reads it: what its keys are made of,
// and its search text as stored.
type indexedCustomer struct {
	c    model.Customer
	text string
}

// fillCustomerSearch rebuilds the customers' search index and search texts.
func (tx *txn) fillCustomerSearch(ctx context.Context) error {
	keys, ctx, err := tx.refill(ctx, customerIndex)
	if err != nil {
		return err
	}
	defer keys.close()
	// The columns of schema 10 only: this runs as that migration's step.
	err = inChunks(ctx, tx, `SELECT id, name, phone, search_text FROM customers WHERE id > ? ORDER BY id LIMIT ?`,
		func(s scanner) (indexedCustomer, error) {
			var r indexedCustomer
			return r, s.Scan(&r.c.ID, &r.c.Name, &r.c.Phone, &r.text)
		}, func(r *indexedCustomer) (int64, error) {
			if text := customerText(r.c.Name, r.c.Phone); text != r.text {
				if _, err := tx.ExecContext(ctx, `UPDATE customers SET search_text = ? WHERE id = ?`, text, r.c.ID); err != nil {
					return 0, dbError(err)
				}
			}
			keys.addKeys(int64(r.c.ID), customerKeys(r.c.Name, r.c.Phone))
			return int64(r.c.ID), nil
		})
	if err != nil {
		return err
	}
	return keys.flush()
}

// refill empties index ix and returns a batch for its new keys, and the context to write
// in: the batch watches ctx for a cancellation itself (a statement watching it would cost
// a goroutine each).
func (tx *txn) refill(ctx context.Context, ix searchIndex) (*keyBatch, context.Context, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+ix.table); err != nil {
		return nil, ctx, dbError(err)
	}
	write := context.WithoutCancel(ctx)
	keys, err := newKeyBatch(write, tx, ctx, ix)
	return keys, write, err
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

// How the case list reads the index. The keys are ordered by the bucket of their case
// first (keyBucketSize cases of consecutive ids a bucket), then by key: a term's matches in
// one bucket are one range of the B-tree, and its newest matches are in the newest buckets.
// The case list walks the buckets newest first, counting the term's keys in each, until it
// has countedMatches of them (or the page's worth, for a page further on) or has read every
// bucket: the work follows the matches on the page and the number of buckets, never the
// cases that do not match nor, past countedMatches, the ones that do. A term matching more
// than countedMatches cases in the newest bucket alone (the first letters typed of a serial)
// is looked for by reading the cases newest first, which then finds a page within a few
// thousand rows. Past countedMatches the total is a lower bound (model.MoreThan). The
// customer search reads its own index the same way, newest customers first. The buckets
// are in the stored keys: another keyBucketSize needs a migration that fills the indexes
// anew.
const (
	keyBucketSize  = 65536
	countedMatches = model.CountedMatches
)

// keyBucket is the bucket of the keys of row id.
func keyBucket(id int64) int64 { return id / keyBucketSize }

// searchPlan is how a search (the case list's, the customers') looks for its term in an index.
type searchPlan struct {
	ix        searchIndex
	term      string  // lower-cased; "" for no search
	buckets   []int64 // the buckets read, newest first
	keys      int     // the term's keys in those buckets, each bucket's counted up to the walk's need
	rows      int     // the rows (cases, customers) those keys are keys of
	exhausted bool    // every bucket was read to its end: keys and rows are all there are
	dense     bool    // too common for the index: the newest bucket alone holds more keys than the walk needed, or the buckets walked fewer rows than the page (matches)
}

// indexed reports whether the page is read from the index: the term is not too common
// for it.
func (p searchPlan) indexed() bool { return p.term != "" && len(p.buckets) > 0 && !p.dense }

// keyRange are the arguments of a range of keys: the keys that start with term.
func keyRange(term string) []any {
	return []any{term, term + string(utf8.MaxRune)} // above every key that starts with the term
}

// bucketKeys is the condition of a term's keys in the plan's buckets (arguments: inBuckets).
func (p searchPlan) bucketKeys(d *Dialect) string {
	return d.InList("bucket") + ` AND key >= ? AND key < ?`
}

func (p searchPlan) inBuckets(d *Dialect) []any {
	return append([]any{d.ListArg(p.buckets)}, keyRange(p.term)...)
}

// walk counts a term's keys bucket by bucket, newest first, until the keys counted reach a
// number (?3) or the buckets end, each bucket's keys up to that number. In the newest bucket
// it counts the rows too (packed with its keys in one value: a scalar subquery has one
// column): the bound of a term too common to page from the index. Counting rows costs a
// sort, which the other buckets are spared.
func (ix searchIndex) walk() string {
	return `WITH RECURSIVE walk(bucket, counted, found) AS (
	SELECT t.top, (SELECT count(*) * ` + packed + ` + count(DISTINCT ` + ix.id + `) FROM (SELECT ` + ix.id + ` FROM ` + ix.table + `
		WHERE bucket = t.top AND key >= ?1 AND key < ?2 LIMIT ?3) AS m), CAST(0 AS BIGINT)
	FROM (SELECT COALESCE(max(id), 0) / ` + strconv.Itoa(keyBucketSize) + ` AS top FROM ` + ix.rows + `) AS t
	UNION ALL
	SELECT w.bucket - 1, (SELECT count(*) * ` + packed + ` FROM (SELECT ` + ix.id + ` FROM ` + ix.table + `
		WHERE bucket = w.bucket - 1 AND key >= ?1 AND key < ?2 LIMIT ?3) AS m), w.found + w.counted / ` + packed + `
	FROM walk AS w WHERE w.bucket > 0 AND w.found + w.counted / ` + packed + ` < ?3)
SELECT bucket, counted / ` + packed + `, counted % ` + packed + ` FROM walk ORDER BY bucket DESC`
}

// packed is the factor of the keys in walk's packed counts.
const packed = "4294967296"

// planSearch walks the index ix for term (lower-cased, trimmed; "" for no search) far
// enough for a page ending at end (offset + limit).
func planSearch(ctx context.Context, tx *txn, ix searchIndex, term string, end int) (searchPlan, error) {
	p := searchPlan{ix: ix, term: term}
	if term == "" || utf8.RuneCountInString(term) > maxKeyRunes {
		return p, nil // no search, or longer than a key: read the rows
	}
	need := max(countedMatches, end) + 1
	type bucket struct{ n, keys, rows int64 }
	walked, err := queryAll(ctx, tx, func(s scanner) (bucket, error) {
		var b bucket
		return b, s.Scan(&b.n, &b.keys, &b.rows)
	}, ix.walk(), append(keyRange(p.term), need)...)
	if err != nil {
		return p, err
	}
	p.exhausted = walked[len(walked)-1].n == 0
	p.rows = int(walked[0].rows)
	for i, b := range walked {
		p.buckets = append(p.buckets, b.n)
		p.keys += int(b.keys)
		if b.keys == int64(need) { // counted no further
			p.exhausted = false
			p.dense = i == 0
		}
	}
	if p.keys >= need {
		p.exhausted = false
	}
	return p, nil
}

// bound is what the plan knows of a total it did not count to the end: it is more than
// that (model.MoreThan), and at least the page's end.
func (p searchPlan) bound(end int) int { return max(min(p.rows-1, max(countedMatches, end)), 0) }

// matches reads the ids of the newest matches in the plan's buckets, newest first, once
// each, up to end (all of them: every match), and counts the rows of the keys the plan
// counted: every match when the plan read every bucket, else a lower bound of them. The
// count is the engine's (a thousand ids cost more to hand over than to count). Rows with
// many keys each may leave the buckets walked short of the page while older buckets were
// not read: then the plan is marked dense (not indexed) and no id is returned.
func (p *searchPlan) matches(ctx context.Context, tx *txn, end int) ([]int64, error) {
	if p.keys == 0 {
		p.rows = 0
		return nil, nil
	}
	// A few keys more than the page needs, and more again in the rare page that comes short
	// because a row has two keys that start with the term.
	for extra := 8; ; extra *= 4 {
		limit := min(end, p.keys) + extra
		type match struct{ id, rows int64 }
		id, table := p.ix.id, p.ix.table
		rows, err := queryAll(ctx, tx, func(s scanner) (match, error) {
			var m match
			return m, s.Scan(&m.id, &m.rows)
		}, `SELECT `+id+`, (SELECT count(DISTINCT `+id+`) FROM (SELECT `+id+` FROM `+table+` WHERE `+p.bucketKeys(tx.d)+
			` LIMIT ?) AS k) FROM `+table+` WHERE `+p.bucketKeys(tx.d)+` ORDER BY `+id+` DESC LIMIT ?`,
			slices.Concat(p.inBuckets(tx.d), []any{p.keys}, p.inBuckets(tx.d), []any{limit})...)
		if err != nil {
			return nil, err
		}
		ids := make([]int64, len(rows))
		for i, m := range rows {
			ids[i], p.rows = m.id, int(m.rows)
		}
		read := len(ids)
		ids = slices.Compact(ids)
		if len(ids) >= end {
			return ids[:end], nil
		}
		if read < limit && !p.exhausted {
			// The buckets walked hold fewer rows than the page, with more keys each than the
			// walk allowed for, and older ones were not read: the rows are read instead.
			p.dense = true
			return nil, nil
		}
		if read < limit {
			return ids, nil
		}
	}
}
