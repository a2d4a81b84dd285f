package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"returndesk/model"
)

// claimHead is the part of a claim row the claim's life needs inside a write transaction.
type claimHead struct {
	id           model.ClaimID
	no           model.ClaimNo
	manufacturer model.ManufacturerID
	makerName    string
	status       model.ClaimStatus
	submittedAt  string
}

func normalizeClaimNo(no model.ClaimNo) model.ClaimNo {
	return model.ClaimNo(strings.ToUpper(strings.TrimSpace(string(no))))
}

func (tx *txn) claimHead(ctx context.Context, no model.ClaimNo) (*claimHead, error) {
	no = normalizeClaimNo(no)
	var h claimHead
	err := tx.QueryRowContext(ctx, `SELECT cl.id, cl.claim_no, cl.manufacturer_id, m.name, cl.status, cl.submitted_at
		FROM claims cl JOIN manufacturers m ON m.id = cl.manufacturer_id WHERE cl.claim_no = ?`, no).
		Scan(&h.id, &h.no, &h.manufacturer, &h.makerName, &h.status, &h.submittedAt)
	if err != nil {
		return nil, notFound(err, "no claim %s", no)
	}
	return &h, nil
}

// draftLine finds the line of a case in a draft claim.
func (tx *txn) draftLine(ctx context.Context, no model.ClaimNo, caseNo model.CaseNo) (*claimHead, int64, error) {
	h, err := tx.claimHead(ctx, no)
	if err != nil {
		return nil, 0, err
	}
	if h.status != model.ClaimDraft {
		return nil, 0, model.Errorf(model.ECONFLICT, "claim %s is %s: only a draft claim can be changed", h.no, h.status.Label())
	}
	var lineID int64
	err = tx.QueryRowContext(ctx, `SELECT l.id FROM claim_lines l JOIN cases c ON c.id = l.case_id
		WHERE l.claim_id = ? AND c.case_no = ?`, h.id, strings.ToUpper(strings.TrimSpace(string(caseNo)))).Scan(&lineID)
	if err != nil {
		return nil, 0, notFound(err, "case %s is not in claim %s", caseNo, h.no)
	}
	return h, lineID, nil
}

// changeClaim runs one change of a claim in a write transaction and returns the claim as
// it then is; f returns the claim's number.
func (db *Store) changeClaim(ctx context.Context, f func(tx *txn) (model.ClaimNo, error)) (*model.Claim, error) {
	no, err := writeResult(ctx, db, f)
	if err != nil {
		return nil, err
	}
	return db.FindClaim(ctx, no)
}

// RemoveClaimLine takes a case out of a draft claim; the last case cannot be removed
// (delete the claim instead).
func (db *Store) RemoveClaimLine(ctx context.Context, no model.ClaimNo, caseNo model.CaseNo) (*model.Claim, error) {
	return db.changeClaim(ctx, func(tx *txn) (model.ClaimNo, error) {
		h, lineID, err := tx.draftLine(ctx, no, caseNo)
		if err != nil {
			return "", err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM claim_lines WHERE claim_id = ?`, h.id).Scan(&n); err != nil {
			return "", dbError(err)
		}
		if n <= 1 {
			return "", model.Errorf(model.ECONFLICT, "%s is the last case of claim %s: delete the claim instead", caseNo, h.no)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM claim_lines WHERE id = ?`, lineID); err != nil {
			return "", dbError(err)
		}
		return h.no, nil
	})
}

// UpdateClaimLine changes what a draft claim asks for one case.
func (db *Store) UpdateClaimLine(ctx context.Context, no model.ClaimNo, caseNo model.CaseNo, u model.ClaimLineUpdate) (*model.Claim, error) {
	return db.changeClaim(ctx, func(tx *txn) (model.ClaimNo, error) {
		h, lineID, err := tx.draftLine(ctx, no, caseNo)
		if err != nil {
			return "", err
		}
		var l model.ClaimLine
		if err := tx.QueryRowContext(ctx, `SELECT case_id, remedy_asked, quantity, unit_price, freight, freight_by, note
			FROM claim_lines WHERE id = ?`, lineID).Scan(&l.CaseID, &l.RemedyAsked, &l.Quantity, &l.UnitPrice, &l.Freight,
			&l.FreightBy, &l.Note); err != nil {
			return "", dbError(err)
		}
		if u.RemedyAsked != nil {
			l.RemedyAsked = *u.RemedyAsked
		}
		if u.Quantity != nil {
			l.Quantity = *u.Quantity
		}
		if u.UnitPrice != nil {
			l.UnitPrice = *u.UnitPrice
		}
		if u.Freight != nil {
			l.Freight = *u.Freight
		}
		if u.FreightBy != nil {
			l.FreightBy = strings.TrimSpace(*u.FreightBy)
		}
		if u.Note != nil {
			l.Note = strings.TrimSpace(*u.Note)
		}
		if err := validateClaimLine(1, &l); err != nil {
			return "", withoutLinePrefix(err)
		}
		if l.Quantity == 0 {
			return "", model.Invalid("quantity", "must be at least 1")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE claim_lines SET remedy_asked = ?, quantity = ?, unit_price = ?, freight = ?,
			freight_by = ?, note = ? WHERE id = ?`, l.RemedyAsked, l.Quantity, l.UnitPrice, l.Freight, l.FreightBy, l.Note,
			lineID); err != nil {
			return "", dbError(err)
		}
		return h.no, nil
	})
}

// withoutLinePrefix turns "lines[1].freight" field names into "freight" for a one-line form.
func withoutLinePrefix(err error) error {
	var es model.Errors
	if !errors.As(err, &es) {
		return err
	}
	out := make(model.Errors, len(es))
	for i, e := range es {
		c := *e
		c.Field = strings.TrimPrefix(c.Field, "lines[1].")
		out[i] = &c
	}
	return out
}

// DeleteClaim deletes a draft claim and its lines.
func (db *Store) DeleteClaim(ctx context.Context, no model.ClaimNo) error {
	return write(ctx, db, func(tx *txn) error {
		var err error
		h, err := tx.claimHead(ctx, no)
		if err != nil {
			return err
		}
		if h.status != model.ClaimDraft {
			return model.Errorf(model.ECONFLICT, "claim %s is %s: only a draft claim can be deleted", h.no, h.status.Label())
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM claim_lines WHERE claim_id = ?`, h.id); err != nil {
			return dbError(err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM claims WHERE id = ?`, h.id); err != nil {
			return dbError(err)
		}
		return nil
	})
}

// SetClaimStatus moves a claim one step along draft → submitted → answered → settled and
// stamps the time of the step.
func (db *Store) SetClaimStatus(ctx context.Context, no model.ClaimNo, to model.ClaimStatus) (*model.Claim, error) {
	return db.changeClaim(ctx, func(tx *txn) (model.ClaimNo, error) {
		h, err := tx.claimHead(ctx, no)
		if err != nil {
			return "", err
		}
		if err := tx.moveClaim(ctx, h, to); err != nil {
			return "", err
		}
		return h.no, nil
	})
}

// moveClaim moves a claim one step, as model.CheckClaimTransition allows, and writes the
// time the step was taken: every status change of a claim goes through here.
func (tx *txn) moveClaim(ctx context.Context, h *claimHead, to model.ClaimStatus) error {
	if err := model.CheckClaimTransition(h.status, to); err != nil {
		return err
	}
	col := map[model.ClaimStatus]string{model.ClaimSubmitted: "submitted_at", model.ClaimAnswered: "answered_at",
		model.ClaimSettled: "settled_at"}[to]
	if col == "" {
		return model.Invalid("status", "a claim cannot go back to %s", to.Label())
	}
	// col is one of three fixed names, never user text.
	_, err := tx.ExecContext(ctx, `UPDATE claims SET status = ?, `+col+` = ? WHERE id = ?`, to, formatTime(tx.now), h.id)
	if err != nil {
		return dbError(err)
	}
	h.status = to
	return nil
}

// answeredLine is a claim line as answering needs it.
type answeredLine struct {
	id         int64
	caseID     model.CaseID
	caseNo     model.CaseNo
	quantity   int
	unitPrice  model.Money
	freight    model.Money
	freightBy  string
	decision   model.Decision
	credit     model.Money
	note       string
	dealerCost bool
}

// AnswerClaimLines records the manufacturer's answer to each line it names (by case
// number), in one transaction. A line whose answer is the same as the one recorded is
// left alone, so importing the same sheet twice changes nothing. An accepted line without
// a credit is credited what it asked for (quantity × unit price). A rejected line goes back
// to the dealer: its case is marked as one whose cost the dealer carries, with the reason
// in the case's history. The claim moves to answered once a line has a decision, through
// submitted when it was a draft (rep.Submitted). Credits and the freight the manufacturer
// bears are booked in the ledger; an answer that would change an amount already deducted
// on a PI is refused. A changed credit above what its line claimed is recorded and listed
// in rep.OverCredits.
func (db *Store) AnswerClaimLines(ctx context.Context, no model.ClaimNo, answers []model.ClaimAnswer, actor string) (*model.ClaimAnswerReport, error) {
	return db.answerClaimLines(ctx, no, answers, actor, true)
}

// CheckClaimAnswers is AnswerClaimLines rolled back: the report (or the refusal) the
// answers would get, with nothing recorded, so that the window can ask before recording.
func (db *Store) CheckClaimAnswers(ctx context.Context, no model.ClaimNo, answers []model.ClaimAnswer) (*model.ClaimAnswerReport, error) {
	return db.answerClaimLines(ctx, no, answers, "check", false)
}

// answerClaimLines does AnswerClaimLines' work in one write transaction and commits it
// only when commit is set: checking and recording are the same code, so they cannot differ.
func (db *Store) answerClaimLines(ctx context.Context, no model.ClaimNo, answers []model.ClaimAnswer, actor string, commit bool) (*model.ClaimAnswerReport, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	h, err := tx.claimHead(ctx, no)
	if err != nil {
		return nil, err
	}
	if h.status == model.ClaimSettled {
		return nil, model.Errorf(model.ECONFLICT, "claim %s is settled: its answers cannot change any more", h.no)
	}
	lines, order, err := tx.answeredLines(ctx, h.id)
	if err != nil {
		return nil, err
	}

	rep := &model.ClaimAnswerReport{ClaimNo: h.no, Unanswered: []model.CaseNo{}, Unmatched: []model.CaseNo{},
		Missing: []model.CaseNo{}, Warnings: []model.Text{}, OverCredits: []model.OverCredit{}, Replaced: []model.ReplacedAnswer{}}
	seen := map[model.CaseNo]model.ClaimAnswer{}
	for _, a := range answers {
		key := model.CaseNo(strings.ToUpper(strings.TrimSpace(string(a.CaseNo))))
		if key == "" {
			continue
		}
		a.CaseNo = key
		a.Note = strings.TrimSpace(a.Note)
		if prev, dup := seen[key]; dup {
			if prev.Decision != a.Decision || !sameCredit(prev.Credit, a.Credit) || prev.Note != a.Note {
				return nil, model.Invalid("answers", "case %s is answered twice, differently (rows %d and %d)", key, prev.Row, a.Row)
			}
			continue
		}
		seen[key] = a
		if !a.Decision.Valid() {
			return nil, model.Invalid("decision", "case %s: %q is not a decision (use accepted, rejected or partly)", key, a.Decision)
		}
		if a.Credit != nil && *a.Credit < 0 {
			return nil, model.Invalid("credit", "case %s: the credit cannot be negative", key)
		}
		if n := len([]rune(a.Note)); n > model.MaxTextLen {
			return nil, model.Invalid("note", "case %s: the note is too long (%d characters, at most %d)", key, n, model.MaxTextLen)
		}
		if e := model.CheckLines("note", a.Note); e != nil {
			return nil, model.Invalid("note", "case %s: the note %s", key, e.Message)
		}
		l, ok := lines[key]
		if !ok {
			rep.Unmatched = append(rep.Unmatched, key)
			continue
		}
		rep.Matched++
		if a.Decision == model.DecisionNone {
			rep.Unanswered = append(rep.Unanswered, key)
			continue
		}
		credit := model.Money(0)
		switch a.Decision {
		case model.DecisionAccepted:
			credit = model.Money(int64(l.quantity)) * l.unitPrice
			if a.Credit != nil {
				credit = *a.Credit
			}
		case model.DecisionPartly:
			if a.Credit == nil {
				rep.Warnings = append(rep.Warnings, model.T("%s is partly accepted without a credit: 0 booked", key))
			} else {
				credit = *a.Credit
			}
		case model.DecisionRejected:
			if a.Credit != nil && *a.Credit != 0 {
				rep.Warnings = append(rep.Warnings, model.T("%s is rejected but has a credit of %s: ignored", key, *a.Credit))
			}
		}
		if l.decision == a.Decision && l.credit == credit && l.note == a.Note {
			rep.Unchanged++
			continue
		}
		if l.decision != model.DecisionNone && (l.decision != a.Decision || l.credit != credit) {
			rep.Replaced = append(rep.Replaced, model.ReplacedAnswer{Row: a.Row, CaseNo: key,
				Was: l.decision, WasCredit: l.credit, Now: a.Decision, NowCredit: credit})
		}
		if claimed := model.Money(int64(l.quantity)) * l.unitPrice; credit > claimed {
			rep.OverCredits = append(rep.OverCredits, model.OverCredit{Row: a.Row, CaseNo: key, Credit: credit, Claimed: claimed})
		}
		if err := tx.answerLine(ctx, h, l, a.Decision, credit, a.Note, actor); err != nil {
			return nil, err
		}
		rep.Changed++
	}
	for _, key := range order {
		if _, ok := seen[key]; !ok {
			rep.Missing = append(rep.Missing, key)
		}
	}
	if rep.Matched == 0 && len(answers) > 0 {
		return nil, model.Errorf(model.EINVALID, "none of the case numbers in the answers belong to claim %s", h.no)
	}

	// The claim is answered once a line has a decision. Answers to a draft mean it was
	// sent: it is recorded as submitted first, so that its history has every step.
	var decided int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM claim_lines WHERE claim_id = ? AND decision <> ''`,
		h.id).Scan(&decided); err != nil {
		return nil, dbError(err)
	}
	if decided > 0 {
		steps, err := model.ClaimStepsTo(h.status, model.ClaimAnswered)
		if err != nil {
			return nil, err
		}
		for _, to := range steps {
			if err := tx.moveClaim(ctx, h, to); err != nil {
				return nil, err
			}
			rep.Submitted = rep.Submitted || to == model.ClaimSubmitted
		}
	}
	if commit {
		if err := tx.commit(); err != nil {
			return nil, err
		}
	}
	rep.Status = h.status
	return rep, nil
}

func sameCredit(a, b *model.Money) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// answeredLines reads a claim's lines keyed by case number, and the case numbers in line order.
func (tx *txn) answeredLines(ctx context.Context, id model.ClaimID) (map[model.CaseNo]*answeredLine, []model.CaseNo, error) {
	rows, err := tx.QueryContext(ctx, `SELECT l.id, l.case_id, c.case_no, l.quantity, l.unit_price, l.freight,
		l.freight_by, l.decision, l.credit, l.answer_note, c.dealer_carries_cost
		FROM claim_lines l JOIN cases c ON c.id = l.case_id WHERE l.claim_id = ? ORDER BY l.id`, id)
	if err != nil {
		return nil, nil, dbError(err)
	}
	defer rows.Close()
	out := map[model.CaseNo]*answeredLine{}
	var order []model.CaseNo
	for rows.Next() {
		l := &answeredLine{}
		if err := rows.Scan(&l.id, &l.caseID, &l.caseNo, &l.quantity, &l.unitPrice, &l.freight, &l.freightBy,
			&l.decision, &l.credit, &l.note, &l.dealerCost); err != nil {
			return nil, nil, dbError(err)
		}
		key := model.CaseNo(strings.ToUpper(string(l.caseNo)))
		out[key] = l
		order = append(order, key)
	}
	return out, order, dbError(rows.Err())
}

// answerLine writes one changed answer, its ledger entries and the case's history.
func (tx *txn) answerLine(ctx context.Context, h *claimHead, l *answeredLine, d model.Decision, credit model.Money, note, actor string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE claim_lines SET decision = ?, credit = ?, answer_note = ?, answered_at = ?
		WHERE id = ?`, d, credit, note, formatTime(tx.now), l.id); err != nil {
		return dbError(err)
	}
	granted := d == model.DecisionAccepted || d == model.DecisionPartly
	var freight model.Money
	if granted && l.freightBy == model.FreightByManufacturer {
		freight = l.freight
	}
	if !granted {
		credit = 0
	}
	if err := tx.book(ctx, h, l, model.LedgerCredit, credit); err != nil {
		return err
	}
	if err := tx.book(ctx, h, l, model.LedgerFreight, freight); err != nil {
		return err
	}

	// Stored in English; model.ReadClaimAnswerNote shows it in the reader's language.
	text := model.ClaimAnswerNote(h.makerName, d, h.no, granted, credit, note).String()
	hist := model.HistoryEntry{CaseID: l.caseID, Actor: actor, Action: model.ActionClaimAnswer, Note: text}
	// A rejected case goes back to the dealer's list of cases whose cost it carries.
	if (d == model.DecisionRejected) != l.dealerCost {
		newCost := d == model.DecisionRejected
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET dealer_carries_cost = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
			boolInt(newCost), formatTime(tx.now), l.caseID); err != nil {
			return dbError(err)
		}
		hist.Field = "dealer_carries_cost"
		hist.OldValue, hist.NewValue = fmt.Sprint(l.dealerCost), fmt.Sprint(newCost)
	}
	return tx.addHistory(ctx, hist)
}

// book makes a line's ledger entry of one kind say amount (none when 0). An entry already
// deducted on a PI cannot change.
func (tx *txn) book(ctx context.Context, h *claimHead, l *answeredLine, kind string, amount model.Money) error {
	var id int64
	var have model.Money
	var pi string
	err := tx.QueryRowContext(ctx, `SELECT id, amount, pi FROM ledger WHERE claim_line_id = ? AND kind = ?`, l.id, kind).
		Scan(&id, &have, &pi)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if amount == 0 {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO ledger (manufacturer_id, claim_line_id, kind, amount, created_at)
			VALUES (?, ?, ?, ?, ?)`, h.manufacturer, l.id, kind, amount, formatTime(tx.now))
		return dbError(err)
	case err != nil:
		return dbError(err)
	}
	if have == amount {
		return nil
	}
	if pi != "" {
		return model.Errorf(model.ECONFLICT, "the %s of %s for case %s (%s) was already deducted on PI %s: it cannot change to %s",
			kind, h.makerName, l.caseNo, have, pi, amount)
	}
	if amount == 0 {
		_, err = tx.ExecContext(ctx, `DELETE FROM ledger WHERE id = ?`, id)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE ledger SET amount = ?, created_at = ? WHERE id = ?`, amount, formatTime(tx.now), id)
	}
	return dbError(err)
}

// addClaimTotals counts one line into the claim's totals.
func addClaimTotals(c *model.Claim, l model.ClaimLine) {
	c.LineCount++
	c.Amount += l.Amount()
	c.Credit += l.Credit
	if l.Decision != model.DecisionNone {
		c.Answered++
	}
	if l.Decision == model.DecisionRejected {
		c.Rejected++
	}
}
