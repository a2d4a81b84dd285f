package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"returndesk/model"
)

// freightPayers are the values of ClaimLine.FreightBy ("" while unknown).
var freightPayers = map[string]bool{"": true, "manufacturer": true, "buyer": true, "pending": true}

var decisions = map[model.Decision]bool{model.DecisionNone: true, model.DecisionAccepted: true,
	model.DecisionRejected: true, model.DecisionPartly: true}

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
	if !freightPayers[l.FreightBy] {
		p = append(p, model.Invalid(field("freight_by"), "must be manufacturer, buyer or pending"))
	}
	if !decisions[l.Decision] {
		p = append(p, model.Invalid(field("decision"), "must be accepted, rejected or partly"))
	}
	if l.Credit < 0 {
		p = append(p, model.Invalid(field("credit"), "cannot be negative"))
	}
	if len([]rune(l.Note)) > model.MaxTextLen {
		p = append(p, model.Invalid(field("note"), "is too long (at most %d characters)", model.MaxTextLen))
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
func (db *DB) CreateClaim(ctx context.Context, c *model.Claim) error {
	if c == nil {
		return model.Invalid("claim", "is required")
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
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

	m, err := tx.manufacturerByID(ctx, c.ManufacturerID)
	if err != nil {
		return asInvalid("manufacturer", err)
	}
	for i := range lines {
		l := &lines[i]
		var caseNo model.CaseNo
		var maker model.ManufacturerID
		var makerName string
		err := tx.QueryRowContext(ctx, `SELECT c.case_no, p.manufacturer_id, mf.name FROM cases c
			JOIN products p ON p.id = c.product_id JOIN manufacturers mf ON mf.id = p.manufacturer_id
			WHERE c.id = ?`, l.CaseID).Scan(&caseNo, &maker, &makerName)
		if errors.Is(err, sql.ErrNoRows) {
			return model.Invalid(fmt.Sprintf("lines[%d].case", i+1), "no case with id %d", l.CaseID)
		}
		if err != nil {
			return dbError(err)
		}
		if maker != c.ManufacturerID {
			return model.Errorf(model.EINVALID, "case %s is a %s product; it cannot be claimed from %s",
				caseNo, makerName, m.Name)
		}
		var open model.ClaimNo
		err = tx.QueryRowContext(ctx, `SELECT cl.claim_no FROM claim_lines l JOIN claims cl ON cl.id = l.claim_id
			WHERE l.case_id = ? AND cl.status <> ? ORDER BY cl.id LIMIT 1`, l.CaseID, model.ClaimSettled).Scan(&open)
		if err == nil {
			return model.Errorf(model.ECONFLICT, "case %s is already in claim %s, which is not settled yet", caseNo, open)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return dbError(err)
		}
		l.CaseNo = caseNo
	}

	year, n, err := tx.nextNumber(ctx, counterClaim)
	if err != nil {
		return err
	}
	no := model.ClaimNo(formatNumber("CLM", year, n, 4))
	res, err := tx.ExecContext(ctx, `INSERT INTO claims (claim_no, manufacturer_id, period_from, period_until,
		status, created_at) VALUES (?, ?, ?, ?, ?, ?)`, no, c.ManufacturerID, c.PeriodFrom.String(),
		c.PeriodUntil.String(), model.ClaimDraft, formatTime(tx.now))
	if isUnique(err) {
		return model.Errorf(model.ECONFLICT, "claim number %s is already taken", no)
	}
	if err != nil {
		return dbError(err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return dbError(err)
	}
	for i := range lines {
		l := &lines[i]
		res, err := tx.ExecContext(ctx, `INSERT INTO claim_lines (claim_id, case_id, remedy_asked, quantity,
			unit_price, freight, freight_by, decision, credit, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, l.CaseID, l.RemedyAsked, l.Quantity, l.UnitPrice, l.Freight, l.FreightBy, l.Decision, l.Credit, l.Note)
		if err != nil {
			return dbError(err)
		}
		if l.ID, err = res.LastInsertId(); err != nil {
			return dbError(err)
		}
	}
	if err := tx.commit(); err != nil {
		return err
	}
	c.ID = model.ClaimID(id)
	c.ClaimNo = no
	c.Manufacturer = m.Name
	c.Status = model.ClaimDraft
	c.CreatedAt = tx.now
	c.Lines = lines
	return nil
}

const claimColumns = `cl.id, cl.claim_no, cl.manufacturer_id, m.name, cl.period_from, cl.period_until,
	cl.status, cl.created_at`

func scanClaim(s interface{ Scan(...any) error }) (model.Claim, error) {
	var c model.Claim
	var from, until, created string
	if err := s.Scan(&c.ID, &c.ClaimNo, &c.ManufacturerID, &c.Manufacturer, &from, &until,
		&c.Status, &created); err != nil {
		return c, err
	}
	var err error
	if c.PeriodFrom, err = parseDate(from); err != nil {
		return c, corrupt(err)
	}
	if c.PeriodUntil, err = parseDate(until); err != nil {
		return c, corrupt(err)
	}
	if c.CreatedAt, err = parseTime(created); err != nil {
		return c, corrupt(err)
	}
	return c, nil
}

// FindClaim returns a claim with its lines (in the order they were added) and their case numbers.
func (db *DB) FindClaim(ctx context.Context, no model.ClaimNo) (*model.Claim, error) {
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
	rows, err := tx.QueryContext(ctx, `SELECT l.id, l.case_id, c.case_no, l.remedy_asked, l.quantity,
		l.unit_price, l.freight, l.freight_by, l.decision, l.credit, l.note
		FROM claim_lines l JOIN cases c ON c.id = l.case_id WHERE l.claim_id = ? ORDER BY l.id`, c.ID)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	c.Lines = []model.ClaimLine{}
	for rows.Next() {
		var l model.ClaimLine
		if err := rows.Scan(&l.ID, &l.CaseID, &l.CaseNo, &l.RemedyAsked, &l.Quantity, &l.UnitPrice,
			&l.Freight, &l.FreightBy, &l.Decision, &l.Credit, &l.Note); err != nil {
			return nil, dbError(err)
		}
		c.Lines = append(c.Lines, l)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err)
	}
	return &c, nil
}

// ListClaims returns every claim, newest first, without their lines.
func (db *DB) ListClaims(ctx context.Context) ([]model.Claim, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+claimColumns+` FROM claims cl
		JOIN manufacturers m ON m.id = cl.manufacturer_id ORDER BY cl.id DESC`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	out := []model.Claim{}
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, dbError(err)
		}
		out = append(out, c)
	}
	return out, dbError(rows.Err())
}
