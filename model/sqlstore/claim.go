package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"returndesk/model"
)

// validateClaimLine checks one line as the caller filled it in; i is its 1-based position.
func validateClaimLine(i int, l *model.ClaimLine) error {
	var p model.Errors
	field := func(name string) string { return fmt.Sprintf("lines[%d].%s", i, name) }
	if l.CaseID == 0 {
		p = append(p, model.Invalid(field("case"), "is required"))
	}
	if l.RemedyAsked != "" && !l.RemedyAsked.Valid() {
		p = append(p, model.Invalid(field("remedy_asked"), "unknown remedy %q", l.RemedyAsked))
	}
	if l.Quantity < 0 {
		p = append(p, model.Invalid(field("quantity"), "cannot be negative"))
	}
	if l.UnitPrice < 0 {
		p = append(p, model.Invalid(field("unit_price"), "cannot be negative"))
	}
	if l.Freight < 0 {
		p = append(p, model.Invalid(field("freight"), "cannot be negative"))
	}
	if !model.ValidFreightBy(l.FreightBy) {
		p = append(p, model.Invalid(field("freight_by"), "must be manufacturer, buyer or pending"))
	}
	if !l.Decision.Valid() {
		p = append(p, model.Invalid(field("decision"), "must be accepted, rejected or partly"))
	}
	if l.Credit < 0 {
		p = append(p, model.Invalid(field("credit"), "cannot be negative"))
	}
	if len([]rune(l.Note)) > model.MaxTextLen {
		p = append(p, model.Invalid(field("note"), "is too long (at most %d characters)", model.MaxTextLen))
	}
	if e := model.CheckLines(field("note"), l.Note); e != nil {
		p = append(p, e)
	}
	if len(p) > 0 {
		return p
	}
	return nil
}

// CreateClaim stores a draft claim to one manufacturer over the given cases and sets its
// ID, ClaimNo, Status, CreatedAt, Manufacturer and the lines' IDs and case numbers. Each
// case must be the manufacturer's product and must not be in another claim that is not
// settled yet. A line's quantity of 0 means 1.
//
// The cases are checked in a read snapshot first, so the write lock is held only to write.
func (db *Store) CreateClaim(ctx context.Context, c *model.Claim) error {
	if c == nil {
		return model.Invalid("claim", "is required")
	}
	if c.ManufacturerID == 0 {
		return model.Invalid("manufacturer", "is required")
	}
	if len(c.Lines) == 0 {
		return model.Invalid("lines", "a claim needs at least one case")
	}
	if !c.PeriodFrom.IsZero() && !c.PeriodUntil.IsZero() && c.PeriodUntil.Before(c.PeriodFrom) {
		return model.Invalid("period_until", "is before the start of the period %s", c.PeriodFrom)
	}
	lines := append([]model.ClaimLine(nil), c.Lines...)
	seen := map[model.CaseID]bool{}
	for i := range lines {
		l := &lines[i]
		if l.Quantity == 0 {
			l.Quantity = 1
		}
		if err := validateClaimLine(i+1, l); err != nil {
			return err
		}
		if seen[l.CaseID] {
			return model.Invalid("lines", "case id %d is in the claim twice", l.CaseID)
		}
		seen[l.CaseID] = true
	}
	var id int64
	var no model.ClaimNo
	var maker string
	var now time.Time
	check := func(tx *txn) (*claimCheck, error) { return checkClaimCases(ctx, tx, c.ManufacturerID, lines) }
	err := checkThenWrite(ctx, db, "a new claim", check, func(tx *txn, chk *claimCheck) error {
		// What may have changed since the snapshot: a case put into another claim meanwhile.
		// Lines come only with a new claim, which takes a number; claims only move towards
		// settled. So when no claim number was taken since, the snapshot's check stands.
		claims, err := claimsCounted(ctx, tx)
		if err != nil {
			return err
		}
		if claims != chk.claims {
			if chk, err = checkClaimCases(ctx, tx, c.ManufacturerID, lines); err != nil {
				return err
			}
		}
		year, n, err := tx.nextNumber(ctx, counterClaim)
		if err != nil {
			return err
		}
		no = model.ClaimNo(formatNumber("CLM", year, n, 4))
		id, err = tx.insert(ctx, model.Errorf(model.ECONFLICT, "claim number %s is already taken", no),
			`INSERT INTO claims (claim_no, manufacturer_id, period_from, period_until,
			status, created_at) VALUES (?, ?, ?, ?, ?, ?)`, no, c.ManufacturerID, c.PeriodFrom.String(),
			c.PeriodUntil.String(), model.ClaimDraft, formatTime(tx.now))
		if err != nil {
			return err
		}
		insert, err := tx.PrepareContext(ctx, `INSERT INTO claim_lines (claim_id, case_id, remedy_asked, quantity,
			unit_price, freight, freight_by, decision, credit, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
		if err != nil {
			return dbError(err)
		}
		defer insert.Close()
		plain := context.WithoutCancel(ctx) // no watcher goroutine per line; checked below instead
		for i := range lines {
			if err := ctx.Err(); err != nil {
				return err
			}
			l := &lines[i]
			if err := insert.QueryRowContext(plain, id, l.CaseID, l.RemedyAsked, l.Quantity, l.UnitPrice, l.Freight,
				l.FreightBy, l.Decision, l.Credit, l.Note).Scan(&l.ID); err != nil {
				return dbError(err)
			}
		}
		maker, now = chk.maker, tx.now
		return nil
	})
	if err != nil {
		return err
	}
	c.ID = model.ClaimID(id)
	c.ClaimNo = no
	c.Manufacturer = maker
	c.Status = model.ClaimDraft
	c.CreatedAt = now
	c.Lines = lines
	return nil
}

// claimCheck is what the read snapshot found about a new claim's cases.
type claimCheck struct {
	maker  string // the manufacturer's name
	claims int64  // claimsCounted in the snapshot
}

// claimsCounted is how many claim numbers have been taken, over all years.
func claimsCounted(ctx context.Context, tx *txn) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(sum(next - 1), 0) FROM counters WHERE name = ?`, counterClaim).Scan(&n)
	return n, dbError(err)
}

// checkClaimCases checks in the snapshot tx that every case exists, is the manufacturer's
// product and is in no claim that is not settled, and fills in the lines' case numbers.
func checkClaimCases(ctx context.Context, tx *txn, maker model.ManufacturerID, lines []model.ClaimLine) (*claimCheck, error) {
	m, err := tx.manufacturerByID(ctx, maker)
	if err != nil {
		return nil, asInvalid("manufacturer", err)
	}
	chk := &claimCheck{maker: m.Name}
	if chk.claims, err = claimsCounted(ctx, tx); err != nil {
		return nil, err
	}
	caseOf, err := tx.PrepareContext(ctx, `SELECT c.case_no, p.manufacturer_id, mf.name FROM cases c
		JOIN products p ON p.id = c.product_id JOIN manufacturers mf ON mf.id = p.manufacturer_id
		WHERE c.id = ?`)
	if err != nil {
		return nil, dbError(err)
	}
	defer caseOf.Close()
	openClaim, err := tx.PrepareContext(ctx, `SELECT cl.claim_no FROM claim_lines l JOIN claims cl ON cl.id = l.claim_id
		WHERE l.case_id = ? AND cl.status <> ? ORDER BY cl.id LIMIT 1`)
	if err != nil {
		return nil, dbError(err)
	}
	defer openClaim.Close()
	for i := range lines {
		l := &lines[i]
		var caseNo model.CaseNo
		var owner model.ManufacturerID
		var ownerName string
		err := caseOf.QueryRowContext(ctx, l.CaseID).Scan(&caseNo, &owner, &ownerName)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, model.Invalid(fmt.Sprintf("lines[%d].case", i+1), "no case with id %d", l.CaseID)
		}
		if err != nil {
			return nil, dbError(err)
		}
		if owner != maker {
			return nil, model.Errorf(model.EINVALID, "case %s is a %s product; it cannot be claimed from %s",
				caseNo, ownerName, m.Name)
		}
		var open model.ClaimNo
		err = openClaim.QueryRowContext(ctx, l.CaseID, model.ClaimSettled).Scan(&open)
		if err == nil {
			return nil, model.Errorf(model.ECONFLICT, "case %s is already in claim %s, which is not settled yet", caseNo, open)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, dbError(err)
		}
		l.CaseNo = caseNo
	}
	return chk, nil
}

const claimColumns = `cl.id, cl.claim_no, cl.manufacturer_id, m.name, cl.period_from, cl.period_until,
	cl.status, cl.created_at, cl.submitted_at, cl.answered_at, cl.settled_at`

func scanClaim(s scanner) (model.Claim, error) { return scanClaimWith(s, nil) }

// scanClaimWith reads claimColumns followed by the columns extra points into.
func scanClaimWith(s scanner, extra func(c *model.Claim) []any) (model.Claim, error) {
	var c model.Claim
	var from, until, created string
	var stamps [3]string
	dst := []any{&c.ID, &c.ClaimNo, &c.ManufacturerID, &c.Manufacturer, &from, &until,
		&c.Status, &created, &stamps[0], &stamps[1], &stamps[2]}
	if extra != nil {
		dst = append(dst, extra(&c)...)
	}
	if err := s.Scan(dst...); err != nil {
		return c, err
	}
	var col columns
	c.SubmittedAt, c.AnsweredAt, c.SettledAt = col.optStamp(stamps[0]), col.optStamp(stamps[1]), col.optStamp(stamps[2])
	c.PeriodFrom, c.PeriodUntil, c.CreatedAt = col.date(from), col.date(until), col.stamp(created)
	return c, col.err
}

// FindClaim returns a claim with its lines (in the order they were added) and their case numbers.
func (db *Store) FindClaim(ctx context.Context, no model.ClaimNo) (*model.Claim, error) {
	no = model.ClaimNo(strings.ToUpper(strings.TrimSpace(string(no))))
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := scanClaim(tx.QueryRowContext(ctx, `SELECT `+claimColumns+` FROM claims cl
		JOIN manufacturers m ON m.id = cl.manufacturer_id WHERE cl.claim_no = ?`, no))
	if err != nil {
		return nil, notFound(err, "no claim %s", no)
	}
	c.Lines, err = queryAll(ctx, tx, scanClaimLine, `SELECT l.id, l.case_id, c.case_no, l.remedy_asked, l.quantity,
		l.unit_price, l.freight, l.freight_by, l.decision, l.credit, l.note, l.answer_note, l.answered_at,
		p.model, p.name, c.serial, cu.name, c.purchase_date, c.shipment_date, c.reported_date, c.fault,
		c.fault_category, c.cause
		FROM claim_lines l JOIN cases c ON c.id = l.case_id JOIN products p ON p.id = c.product_id
		JOIN customers cu ON cu.id = c.customer_id WHERE l.claim_id = ? ORDER BY l.id`, c.ID)
	if err != nil {
		return nil, err
	}
	for _, l := range c.Lines {
		addClaimTotals(&c, l)
	}
	return &c, nil
}

func scanClaimLine(s scanner) (model.ClaimLine, error) {
	var l model.ClaimLine
	var answered, purchased, shipped, reported string
	if err := s.Scan(&l.ID, &l.CaseID, &l.CaseNo, &l.RemedyAsked, &l.Quantity, &l.UnitPrice,
		&l.Freight, &l.FreightBy, &l.Decision, &l.Credit, &l.Note, &l.AnswerNote, &answered,
		&l.Model, &l.ProductName, &l.Serial, &l.Customer, &purchased, &shipped, &reported, &l.Fault,
		&l.FaultCategory, &l.Cause); err != nil {
		return l, err
	}
	var col columns
	l.AnsweredAt = col.optStamp(answered)
	l.PurchaseDate, l.ShipmentDate, l.ReportedDate = col.date(purchased), col.date(shipped), col.date(reported)
	return l, col.err
}

// ListClaims returns every claim, newest first, without their lines but with their totals.
func (db *Store) ListClaims(ctx context.Context) ([]model.Claim, error) {
	return listAll(ctx, db, func(s scanner) (model.Claim, error) {
		return scanClaimWith(s, func(c *model.Claim) []any {
			return []any{&c.LineCount, &c.Amount, &c.Credit, &c.Answered, &c.Rejected}
		})
	}, `SELECT `+claimColumns+`,
		(SELECT count(*) FROM claim_lines l WHERE l.claim_id = cl.id),
		(SELECT COALESCE(sum(l.quantity * l.unit_price), 0) FROM claim_lines l WHERE l.claim_id = cl.id),
		(SELECT COALESCE(sum(l.credit), 0) FROM claim_lines l WHERE l.claim_id = cl.id),
		(SELECT count(*) FROM claim_lines l WHERE l.claim_id = cl.id AND l.decision <> ''),
		(SELECT count(*) FROM claim_lines l WHERE l.claim_id = cl.id AND l.decision = 'rejected')
		FROM claims cl JOIN manufacturers m ON m.id = cl.manufacturer_id ORDER BY cl.id DESC`)
}
