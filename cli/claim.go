package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"returndesk/export"
	"returndesk/model"
	"returndesk/outfile"
)

// amount is money in JSON as a number with two decimals (12.50).
type amount model.Money

func (a amount) MarshalJSON() ([]byte, error) { return []byte(model.Money(a).String()), nil }

type claimLineJSON struct {
	CaseNo      model.CaseNo    `json:"case_no"`
	Model       model.ModelCode `json:"model"`
	Serial      model.Serial    `json:"serial"`
	Customer    string          `json:"customer"`
	RemedyAsked model.Remedy    `json:"remedy_asked"`
	Quantity    int             `json:"quantity"`
	UnitPrice   amount          `json:"unit_price"`
	Amount      amount          `json:"amount"`
	Freight     amount          `json:"freight"`
	FreightBy   string          `json:"freight_by"`
	Remarks     string          `json:"remarks"`
	Decision    model.Decision  `json:"decision"`
	Credit      amount          `json:"credit"`
	Note        string          `json:"note"`
}

type claimJSON struct {
	ClaimNo      model.ClaimNo     `json:"claim_no"`
	Manufacturer string            `json:"manufacturer"`
	Status       model.ClaimStatus `json:"status"`
	PeriodFrom   model.Date        `json:"period_from"`
	PeriodUntil  model.Date        `json:"period_until"`
	Amount       amount            `json:"amount"`
	Credit       amount            `json:"credit"`
	Lines        []claimLineJSON   `json:"lines"`
	// The claim's history: when it reached each status.
	CreatedAt   time.Time  `json:"created_at"`
	SubmittedAt *time.Time `json:"submitted_at,omitempty"`
	AnsweredAt  *time.Time `json:"answered_at,omitempty"`
	SettledAt   *time.Time `json:"settled_at,omitempty"`
}

func claimView(cl *model.Claim) claimJSON {
	v := claimJSON{ClaimNo: cl.ClaimNo, Manufacturer: cl.Manufacturer, Status: cl.Status, PeriodFrom: cl.PeriodFrom,
		PeriodUntil: cl.PeriodUntil, Lines: []claimLineJSON{}, CreatedAt: cl.CreatedAt, SubmittedAt: cl.SubmittedAt,
		AnsweredAt: cl.AnsweredAt, SettledAt: cl.SettledAt}
	for _, l := range cl.Lines {
		v.Amount += amount(l.Amount())
		v.Credit += amount(l.Credit)
		v.Lines = append(v.Lines, claimLineJSON{CaseNo: l.CaseNo, Model: l.Model, Serial: l.Serial, Customer: l.Customer,
			RemedyAsked: l.RemedyAsked, Quantity: l.Quantity, UnitPrice: amount(l.UnitPrice), Amount: amount(l.Amount()),
			Freight: amount(l.Freight), FreightBy: l.FreightBy, Remarks: l.Note, Decision: l.Decision,
			Credit: amount(l.Credit), Note: l.AnswerNote})
	}
	return v
}

// claimCreate batches the cases a manufacturer owes into a new draft claim.
func (c *cli) claimCreate(args []string) error {
	fs := c.newFlags("claim create")
	maker := fs.String("manufacturer", "", flagHelp("the manufacturer to claim from, by `NAME` (any case)"))
	until := fs.String("until", "", flagHelp("only cases reported on or before this `DATE`, YYYY-MM-DD (default: today)"))
	asJSON := jsonFlag(fs)
	_, err := parseArgs(fs, args, 0)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*maker) == "" {
		return usagef("--manufacturer is required")
	}
	untilDate, err := parseDateFlag("until", *until)
	if err != nil {
		return err
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		m, err := db.ManufacturerByName(ctx, *maker)
		if model.ErrorCode(err) == model.ENOTFOUND {
			return usagef("--manufacturer: no manufacturer named %q", strings.TrimSpace(*maker))
		}
		if err != nil {
			return err
		}
		cands, err := db.ClaimableCases(ctx, m.ID, untilDate)
		if err != nil {
			return err
		}
		if len(cands.Owed) == 0 {
			msg := fmt.Sprintf("%s owes nothing to claim", m.Name)
			if !untilDate.IsZero() {
				msg += " up to " + untilDate.String()
			}
			if cands.Note.Key != "" {
				msg += ": " + cands.Note.String()
			}
			return model.Errorf(model.ECONFLICT, "%s", msg)
		}
		claim := cands.NewClaim()
		if err := db.CreateClaim(ctx, claim); err != nil {
			return model.NotDone(err, model.T("no claim was created"))
		}
		if *asJSON {
			lines := make([]model.CaseNo, len(claim.Lines))
			for i, l := range claim.Lines {
				lines[i] = l.CaseNo
			}
			type apart struct {
				CaseNo model.CaseNo `json:"case_no"`
				Reason string       `json:"reason"`
			}
			dealer := []apart{}
			for _, d := range cands.DealerCost {
				dealer = append(dealer, apart{d.CaseNo, d.Reason.String()})
			}
			return c.printJSON(struct {
				ClaimNo      model.ClaimNo     `json:"claim_no"`
				Manufacturer string            `json:"manufacturer"`
				Status       model.ClaimStatus `json:"status"`
				PeriodFrom   model.Date        `json:"period_from"`
				PeriodUntil  model.Date        `json:"period_until"`
				Lines        []model.CaseNo    `json:"lines"`
				DealerCost   []apart           `json:"dealer_cost"`
			}{claim.ClaimNo, claim.Manufacturer, claim.Status, claim.PeriodFrom, claim.PeriodUntil, lines, dealer})
		}
		var total model.Money
		for _, l := range claim.Lines {
			total += l.Amount()
		}
		w := c.stdout
		fmt.Fprintf(w, "created %s to %s: %d cases, %s claimed (draft)\n", claim.ClaimNo, claim.Manufacturer,
			len(claim.Lines), total)
		table := [][]string{{"CASE", "MODEL", "SERIAL", "REPORTED", "REMEDY", "AMOUNT"}}
		for _, o := range cands.Owed {
			table = append(table, []string{string(o.CaseNo), string(o.Model), string(o.Serial), o.ReportedDate.String(),
				say(o.RemedyAsked.Label()), o.UnitPrice.String()})
		}
		var b strings.Builder
		writeTable(&b, table)
		if len(cands.DealerCost) > 0 {
			fmt.Fprintf(&b, "listed apart, the shop carries the cost (%d):\n", len(cands.DealerCost))
			for _, d := range cands.DealerCost {
				fmt.Fprintf(&b, "  %s  %s\n", d.CaseNo, d.Reason.String())
			}
		}
		_, err = io.WriteString(w, b.String())
		return err
	})
}

// claimExport writes a claim's Excel claim sheet.
func (c *cli) claimExport(args []string) error {
	fs := c.newFlags("claim export")
	out := fs.String("out", "", flagHelp("the Excel claim sheet `FILE`.xlsx to write; it must not exist yet"))
	pos, err := parseArgs(fs, args, 1, "out")
	if err != nil {
		return err
	}
	guard, err := c.workbookOut(*out, model.T("the claim sheet"))
	if err != nil {
		return err
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		sheet, err := export.LoadClaimSheet(ctx, db, model.ClaimNo(pos[0]), c.today())
		if err != nil {
			return err
		}
		if err := export.SaveClaimSheet(*out, guard, sheet); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "wrote %s: claim %s to %s, %d lines\n", *out, sheet.Claim.ClaimNo, sheet.Manufacturer.Name,
			len(sheet.Claim.Lines))
		c.warnMissing(sheet.Missing())
		return nil
	})
}

// workbookOut checks --out for a workbook (what names it): an .xlsx name, never over a file
// the database's guard protects. It returns the guard to write with.
func (c *cli) workbookOut(out string, what model.Text) (outfile.Guard, error) {
	guard := c.outGuard()
	if !strings.EqualFold(strings.TrimSpace(pathExt(out)), ".xlsx") {
		return guard, usagef("--out: %s is an Excel workbook: name it FILE.xlsx", what)
	}
	return guard, guard.Check(out)
}

func pathExt(p string) string {
	i := strings.LastIndexAny(p, "./\\")
	if i < 0 || p[i] != '.' {
		return ""
	}
	return p[i:]
}

// claimShow prints a claim with its lines and answers.
func (c *cli) claimShow(args []string) error {
	pos, asJSON, err := c.parseJSONArgs("claim show", args, 1)
	if err != nil {
		return err
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		cl, err := db.FindClaim(ctx, model.ClaimNo(pos[0]))
		if err != nil {
			return err
		}
		v := claimView(cl)
		if asJSON {
			return c.printJSON(v)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s  %s  to %s\n", v.ClaimNo, say(cl.Status.Label()), v.Manufacturer)
		if !v.PeriodFrom.IsZero() || !v.PeriodUntil.IsZero() {
			fmt.Fprintf(&b, "period  %s – %s\n", v.PeriodFrom, v.PeriodUntil)
		}
		history := []string{"created " + cl.CreatedAt.Local().Format("2006-01-02 15:04")}
		for _, step := range []struct {
			what string
			at   *time.Time
		}{{"submitted", cl.SubmittedAt}, {"answered", cl.AnsweredAt}, {"settled", cl.SettledAt}} {
			if step.at != nil {
				history = append(history, step.what+" "+step.at.Local().Format("2006-01-02 15:04"))
			}
		}
		fmt.Fprintf(&b, "history  %s\n", strings.Join(history, " · "))
		table := [][]string{{"CASE", "MODEL", "SERIAL", "REMEDY", "QTY", "AMOUNT", "FREIGHT", "DECISION", "CREDIT", "NOTE"}}
		for _, l := range cl.Lines {
			table = append(table, []string{string(l.CaseNo), string(l.Model), string(l.Serial), say(l.RemedyAsked.Label()),
				fmt.Sprint(l.Quantity), l.Amount().String(), l.Freight.String(), say(l.Decision.Label()), l.Credit.String(), l.AnswerNote})
		}
		writeTable(&b, table)
		fmt.Fprintf(&b, "%d lines, %s claimed, %s credited\n", len(cl.Lines), model.Money(v.Amount), model.Money(v.Credit))
		_, err = io.WriteString(c.stdout, b.String())
		return err
	})
}

// claimImport records the answers of a claim sheet the manufacturer sent back.
func (c *cli) claimImport(args []string) error {
	fs := c.newFlags("claim import")
	claimNo := fs.String("claim", "", flagHelp("the `CLAIM` number the file answers (default: the claim number in the sheet)"))
	asJSON := jsonFlag(fs)
	pos, err := parseArgs(fs, args, 1)
	if err != nil {
		return err
	}
	ans, err := export.ReadClaimAnswersFile(pos[0])
	if err != nil {
		return err
	}
	if err := ans.Refusal(pos[0]); err != nil {
		return err
	}
	no := model.ClaimNo(strings.ToUpper(strings.TrimSpace(*claimNo)))
	if no == "" {
		no = ans.ClaimNo
	}
	if no == "" {
		return usagef("%s does not say which claim it answers (no CLM- number in its header): give --claim", pos[0])
	}
	if ans.ClaimNo != "" && ans.ClaimNo != no {
		return usagef("%s is the sheet of claim %s, not %s", pos[0], ans.ClaimNo, no)
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		rep, err := db.AnswerClaimLines(ctx, no, ans.Answers, "cli")
		if err != nil {
			return err
		}
		// Recorded, but most likely a slip: one line each on stderr, --json or not.
		for _, o := range rep.OverCredits {
			fmt.Fprintln(c.stderr, "warning:", say(o.Text()))
		}
		for _, r := range rep.Replaced { // an older sheet after a newer one undoes its answers
			fmt.Fprintln(c.stderr, "warning:", say(model.T("answer replaced: %s", r.Text())))
		}
		if *asJSON {
			over := make([]overCreditJSON, len(rep.OverCredits))
			for i, o := range rep.OverCredits {
				over[i] = overCreditJSON{o.Row, o.CaseNo, amount(o.Credit), amount(o.Claimed)}
			}
			return c.printJSON(struct {
				*model.ClaimAnswerReport
				OverCredits []overCreditJSON `json:"over_credits"`
			}{rep, over})
		}
		w := c.stdout
		if note := say(rep.DraftNote()); note != "" {
			fmt.Fprintln(w, note)
		}
		fmt.Fprintf(w, "claim %s is %s: %d lines matched, %d changed, %d unchanged\n", rep.ClaimNo, say(rep.Status.Label()),
			rep.Matched, rep.Changed, rep.Unchanged)
		if len(rep.Unanswered) > 0 {
			fmt.Fprintf(w, "without an answer in the file, left as they were (%d): %s\n", len(rep.Unanswered), joined(rep.Unanswered))
		}
		if len(rep.Unmatched) > 0 {
			fmt.Fprintf(w, "not in the claim, ignored (%d): %s\n", len(rep.Unmatched), joined(rep.Unmatched))
		}
		if len(rep.Missing) > 0 {
			fmt.Fprintf(w, "lines the file does not mention (%d): %s\n", len(rep.Missing), joined(rep.Missing))
		}
		for _, p := range rep.Warnings {
			fmt.Fprintln(w, "warning:", say(p))
		}
		return nil
	})
}

// overCreditJSON is a model.OverCredit with its amounts as claim show prints them (18.50).
type overCreditJSON struct {
	Row     int          `json:"row,omitempty"`
	CaseNo  model.CaseNo `json:"case_no"`
	Credit  amount       `json:"credit"`
	Claimed amount       `json:"claimed"`
}

// joined lists names or numbers separated by commas.
func joined[S ~string](xs []S) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

// claimList prints every claim, newest first.
func (c *cli) claimList(args []string) error {
	return listing(c, "claim list", "claims", args, func(ctx context.Context, db model.Store) ([]model.Claim, [][]string, error) {
		claims, err := db.ListClaims(ctx)
		table := [][]string{{"CLAIM", "MANUFACTURER", "STATUS", "LINES", "ANSWERED", "AMOUNT", "CREDIT"}}
		for _, cl := range claims {
			table = append(table, []string{string(cl.ClaimNo), cl.Manufacturer, say(cl.Status.Label()), fmt.Sprint(cl.LineCount),
				fmt.Sprint(cl.Answered), cl.Amount.String(), cl.Credit.String()})
		}
		return claims, table, err
	})
}

// listing runs a command that takes no arguments and lists what read finds in the store:
// with --json as {"key": [...]}, otherwise as the table read lays out.
func listing[T any](c *cli, name, key string, args []string, read func(context.Context, model.Store) (T, [][]string, error)) error {
	_, asJSON, err := c.parseJSONArgs(name, args, 0)
	if err != nil {
		return err
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		list, table, err := read(ctx, db)
		if err != nil {
			return err
		}
		if asJSON {
			return c.printJSON(map[string]T{key: list})
		}
		var b strings.Builder
		writeTable(&b, table)
		_, err = io.WriteString(c.stdout, b.String())
		return err
	})
}

// claimMove moves a claim one step (submit, settle).
func (c *cli) claimMove(args []string, verb string, to model.ClaimStatus) error {
	fs := c.newFlags("claim " + verb)
	pos, err := parseArgs(fs, args, 1)
	if err != nil {
		return err
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		cl, err := db.SetClaimStatus(ctx, model.ClaimNo(pos[0]), to)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "claim %s is %s\n", cl.ClaimNo, say(cl.Status.Label()))
		return nil
	})
}

// claimRemove takes cases out of a draft claim.
func (c *cli) claimRemove(args []string) error {
	fs := c.newFlags("claim remove")
	pos, err := parseArgs(fs, args, -2)
	if err != nil {
		return err
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		var cl *model.Claim
		for _, cs := range pos[1:] {
			if cl, err = db.RemoveClaimLine(ctx, model.ClaimNo(pos[0]), model.CaseNo(cs)); err != nil {
				return err
			}
		}
		fmt.Fprintf(c.stdout, "claim %s has %d lines\n", cl.ClaimNo, len(cl.Lines))
		return nil
	})
}

type balanceJSON struct {
	Manufacturer string `json:"manufacturer"`
	Credit       amount `json:"credit"`
	Freight      amount `json:"freight"`
	Owed         amount `json:"owed"`
	Deducted     amount `json:"deducted"`
}

// claimBalance prints what each manufacturer owes.
func (c *cli) claimBalance(args []string) error {
	return listing(c, "claim balance", "balances", args, func(ctx context.Context, db model.Store) ([]balanceJSON, [][]string, error) {
		bs, err := db.LedgerBalances(ctx)
		out := []balanceJSON{}
		table := [][]string{{"MANUFACTURER", "CREDIT", "FREIGHT", "OWED", "DEDUCTED"}}
		for _, b := range bs {
			out = append(out, balanceJSON{b.Manufacturer, amount(b.Credit), amount(b.Freight), amount(b.Owed), amount(b.Deducted)})
			table = append(table, []string{b.Manufacturer, b.Credit.String(), b.Freight.String(), b.Owed.String(), b.Deducted.String()})
		}
		return out, table, err
	})
}

// claimDeduct marks what a manufacturer owes as deducted on a proforma invoice.
func (c *cli) claimDeduct(args []string) error {
	fs := c.newFlags("claim deduct")
	maker := fs.String("manufacturer", "", flagHelp("the manufacturer, by `NAME`, whose proforma invoice it is"))
	pi := fs.String("pi", "", flagHelp("the proforma invoice `NUMBER` the credits were deducted on"))
	claims := fs.String("claims", "", flagHelp("only what these claims owe, as the PI lists them (`CLAIMS`: numbers separated by commas); without it, everything owed"))
	if _, err := parseArgs(fs, args, 0, "manufacturer", "pi"); err != nil {
		return err
	}
	var named []model.ClaimNo
	for no := range strings.SplitSeq(*claims, ",") {
		if no = strings.TrimSpace(no); no != "" {
			named = append(named, model.ClaimNo(no))
		}
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		m, err := db.ManufacturerByName(ctx, *maker)
		if err != nil {
			return err
		}
		n, total, err := db.MarkDeducted(ctx, m.ID, *pi, named...)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "%s: %s, %s deducted on PI %s\n", m.Name, say(model.Count(n, "%d entry", "%d entries")), total, strings.TrimSpace(*pi))
		return nil
	})
}

var _ json.Marshaler = amount(0)
