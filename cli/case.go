package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"returndesk/intake"
	"returndesk/model"
)

// caseAdd takes in a case as the counter does, filling what it is not given from the serial's sales record.
func (c *cli) caseAdd(args []string) error {
	fs := c.newFlags("case add")
	var in intake.Request
	var purchased, shipped, on, cause, kind string
	var asJSON bool
	fs.StringVar(&in.CustomerName, "customer", "", flagHelp("the customer's `NAME` (default: the buyer on the serial's sales record)"))
	fs.StringVar(&kind, "customer-kind", "", flagHelp("`KIND` of customer: walk-in (an end customer; the default), dealer (a shop buying from us) or oem (a brand we build for)"))
	fs.StringVar(&in.Phone, "phone", "", flagHelp("the customer's `PHONE` number"))
	model_ := fs.String("model", "", flagHelp("the product's model `CODE` (default: from the sales record)"))
	serial := fs.String("serial", "", flagHelp("the unit's `SERIAL` number (required)"))
	fs.StringVar(&purchased, "purchased", "", flagHelp("the `DATE` the customer bought it, YYYY-MM-DD (default: from the sales record)"))
	fs.StringVar(&shipped, "shipped", "", flagHelp("the `DATE` the manufacturer shipped it to us, YYYY-MM-DD (default: from the sales record)"))
	fs.StringVar(&on, "on", "", flagHelp("the `DATE` the problem was reported, YYYY-MM-DD (default: today)"))
	fs.StringVar(&in.Fault, "fault", "", flagHelp("what is wrong, in the customer's words: `TEXT` (required)"))
	fs.StringVar(&in.FaultCategory, "category", "", flagHelp("the fault `CATEGORY`, e.g. \"No power\""))
	fs.StringVar(&in.Accessories, "accessories", "", flagHelp("the accessories handed in with the unit (`TEXT`)"))
	fs.StringVar(&in.Condition, "condition", "", flagHelp("visible damage or wear (`TEXT`)"))
	fs.StringVar(&cause, "cause", "", flagHelp("`CAUSE` of the fault as far as known: unknown (default), manufacturer or misuse (paid service)"))
	fs.BoolVar(&asJSON, "json", false, flagHelp("print the new case as JSON"))
	_, err := parseArgs(fs, args, 0)
	if err != nil {
		return err
	}
	in.Model = model.ModelCode(strings.TrimSpace(*model_))
	in.Serial = model.Serial(strings.TrimSpace(*serial))
	if in.Serial == "" {
		return usagef("--serial is required")
	}
	if strings.TrimSpace(in.Fault) == "" {
		return usagef("--fault is required")
	}
	if in.Purchased, err = parseDateFlag("purchased", purchased); err != nil {
		return err
	}
	if in.Shipped, err = parseDateFlag("shipped", shipped); err != nil {
		return err
	}
	if in.On, err = parseDateFlag("on", on); err != nil {
		return err
	}
	if in.On.IsZero() {
		in.On = c.today()
	}
	if in.Cause, err = model.ParseCause(cause); err != nil {
		return badFlag("cause", err)
	}
	if kind != "" {
		if in.CustomerKind, err = model.ParseCustomerKind(kind); err != nil {
			return badFlag("customer-kind", err)
		}
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		plan, err := intake.Plan(ctx, db, in)
		if err != nil {
			return cliFieldError(err)
		}
		created, err := db.CreateCase(ctx, plan.NewCase, "cli")
		if err != nil {
			return cliFieldError(model.NotDone(err, model.T("the case was not saved")))
		}
		view, err := loadCaseView(ctx, db, string(created.CaseNo))
		if err != nil {
			return err
		}
		var warnings []model.Text
		if plan.Verdict.DealerCarriesCost {
			warnings = append(warnings, plan.Verdict.Warning)
		}
		if w := plan.OpenWarning(); w.Key != "" {
			warnings = append(warnings, w)
		}
		if asJSON {
			for _, w := range warnings {
				view.Warnings = append(view.Warnings, w.String())
			}
			return c.printJSON(view)
		}
		fmt.Fprintf(c.stdout, "created %s", view.CaseNo)
		if view.MaintenanceNo != "" {
			fmt.Fprintf(c.stdout, " (maintenance no. %s)", view.MaintenanceNo)
		}
		fmt.Fprintf(c.stdout, ": %s, tier %s, remedies %s\n", view.Customer, say(view.Tier.Label()), joinRemedies(plan.Remedies()))
		for _, w := range warnings {
			fmt.Fprintln(c.stdout, "warning:", say(w))
		}
		return nil
	})
}

// cliFieldError names the flag behind a form field error so the one-line message says what to fix.
func cliFieldError(err error) error {
	fields := map[string]string{"purchase_date": "--purchased", "shipment_date": "--shipped",
		"reported_date": "--on", "customer": "--customer", "name": "--customer", "model": "--model",
		"serial": "--serial", "fault": "--fault", "phone": "--phone", "cause": "--cause",
		"fault_category": "--category", "accessories": "--accessories", "condition": "--condition"}
	var out []model.Text
	code := model.ErrorCode(err)
	if code != model.EINVALID {
		return err
	}
	for f, msg := range model.FieldTexts(err) {
		name := fields[f]
		if name == "" {
			name = f
		}
		out = append(out, model.T("%s %s", name, msg))
	}
	if len(out) == 0 {
		return err
	}
	list := out[0]
	for _, t := range out[1:] {
		list = model.T("%s; %s", list, t)
	}
	return usagef("%s", list)
}

// joinRemedies offers remedies as a choice ("Full refund, Same-model replacement or Service centre").
func joinRemedies(rs []model.Remedy) string {
	if len(rs) == 0 {
		return say(model.T("none"))
	}
	return say(model.RemedyChoice(rs))
}

// caseList prints the filtered case list.
func (c *cli) caseList(args []string) error {
	fs := c.newFlags("case list")
	status := fs.String("status", "", flagHelp("only cases in this `STATUS`: received, diagnosing, at_service_centre, awaiting_manufacturer, ready_for_pickup, closed or cancelled"))
	search := fs.String("search", "", flagHelp("only cases whose case or maintenance number, serial, customer or phone contains `TEXT`"))
	limit := fs.Int("limit", 100, flagHelp("list at most `N` cases, newest first; 0 lists every match"))
	asJSON := fs.Bool("json", false, flagHelp("print {\"cases\": [...], \"total\": N} as JSON"))
	_, err := parseArgs(fs, args, 0)
	if err != nil {
		return err
	}
	// The store finds nothing for such a search (as the search box shows while typing); a
	// command line says why.
	if e := model.CheckLine("search", strings.TrimSpace(*search)); e != nil {
		return usagef("--search %s", e.Message)
	}
	f := model.CaseFilter{Search: *search}
	if *status != "" {
		if f.Status, err = model.ParseStatus(*status); err != nil {
			return badFlag("status", err)
		}
	}
	if *limit < 0 {
		return usagef("--limit must be 0 (every match) or more")
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		rows, total, err := listCases(ctx, db, f, *limit)
		if err != nil {
			return err
		}
		if rows == nil {
			rows = []model.CaseSummary{}
		}
		counted, exact := model.CountedTotal(total)
		if *asJSON {
			return c.printJSON(struct {
				Cases []model.CaseSummary `json:"cases"`
				Total int                 `json:"total"`
				More  bool                `json:"more_than_total,omitempty"` // a common search term: not all were counted
			}{rows, counted, !exact})
		}
		table := [][]string{{"CASE", "REPORTED", "CUSTOMER", "MODEL", "SERIAL", "TIER", "STATUS", "CLAIM"}}
		for _, r := range rows {
			table = append(table, []string{string(r.CaseNo), r.ReportedDate.String(), r.Customer, string(r.Model),
				string(r.Serial), say(r.Tier.Label()), say(r.Status.Label()), string(r.ClaimNo)})
		}
		var b strings.Builder
		writeTable(&b, table)
		if exact {
			fmt.Fprintf(&b, "%d of %d cases\n", len(rows), counted)
		} else {
			fmt.Fprintf(&b, "%d of more than %d cases\n", len(rows), counted)
		}
		_, err = io.WriteString(c.stdout, b.String())
		return err
	})
}

// listCases returns the first limit cases of the list, or every one for limit 0, a page
// of at most model.MaxCaseLimit at a time.
func listCases(ctx context.Context, store model.Store, f model.CaseFilter, limit int) ([]model.CaseSummary, int, error) {
	var all []model.CaseSummary
	for {
		f.Offset, f.Limit = len(all), model.MaxCaseLimit
		if limit > 0 {
			f.Limit = min(limit-len(all), model.MaxCaseLimit)
		}
		page, total, err := store.FindCases(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		all = append(all, page...)
		n, exact := model.CountedTotal(total)
		if len(page) < f.Limit && !exact {
			return all, len(all), nil // every match is listed: that is their number
		}
		if len(page) < f.Limit || (exact && len(all) >= n) || (limit > 0 && len(all) >= limit) {
			return all, total, nil
		}
	}
}

// caseShow prints one case with its verdict and history.
func (c *cli) caseShow(args []string) error {
	pos, asJSON, err := c.parseJSONArgs("case show", args, 1)
	if err != nil {
		return err
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		view, err := loadCaseView(ctx, db, pos[0])
		if err != nil {
			return err
		}
		if asJSON {
			return c.printJSON(view)
		}
		w := c.stdout
		fmt.Fprintf(w, "%s  %s\n", view.CaseNo, say(view.Status.Label()))
		if view.MaintenanceNo != "" {
			fmt.Fprintf(w, "maintenance no.  %s\n", view.MaintenanceNo)
		}
		fmt.Fprintf(w, "customer         %s %s\n", view.Customer, view.Phone)
		fmt.Fprintf(w, "product          %s %s, serial %s\n", view.Manufacturer, view.Model, view.Serial)
		fmt.Fprintf(w, "purchased        %s   shipped %s   reported %s\n", view.PurchaseDate, view.ShipmentDate, view.ReportedDate)
		fmt.Fprintf(w, "fault            %s\n", view.Fault)
		fmt.Fprintf(w, "cause            %s   tier %s   remedy %s\n", say(view.Cause.Label()), say(view.Tier.Label()), say(view.Remedy.Label()))
		if view.ServiceCentre != "" {
			fmt.Fprintf(w, "service centre   %s\n", view.ServiceCentre)
		}
		if view.DealerCarriesCost {
			fmt.Fprintln(w, "warning         ", say(dealerCostReason(view.History)))
		}
		fmt.Fprintln(w, "history:")
		for _, h := range view.History {
			fmt.Fprintf(w, "  %s  %-8s %s\n", h.At.Local().Format("2006-01-02 15:04"), h.Actor, historyText(h))
		}
		return nil
	})
}

// dealerCostReason says why the shop carries a case's cost: the manufacturer's answer that
// moved the cost to it (a rejected claim) when the history has one, else the clocks (the
// manufacturer's warranty was over when the case came in).
func dealerCostReason(history []model.HistoryEntry) model.Text {
	for i := len(history) - 1; i >= 0; i-- {
		h := history[i]
		if h.Field != "dealer_carries_cost" {
			continue
		}
		if h.NewValue != "true" {
			break // moved back, and since set at intake: the clocks'
		}
		if h.Action != model.ActionClaimAnswer {
			return model.T("the shop carries the cost (marked so by %s on %s)", h.Actor, h.At.Local().Format("2006-01-02"))
		}
		answer, ok := model.ReadClaimAnswerNote(h.Note)
		if !ok {
			answer = model.T("%s", h.Note)
		}
		return model.T("the shop carries the cost: %s", answer)
	}
	return model.T("the manufacturer's warranty is over: the shop carries the cost")
}

func historyText(h model.HistoryEntry) string {
	switch {
	case h.NewStatus != "" && h.OldStatus != "":
		s := fmt.Sprintf("%s → %s", say(h.OldStatus.Label()), say(h.NewStatus.Label()))
		if h.Note != "" {
			s += ": " + h.Note
		}
		return s
	case h.Action == model.ActionClaimAnswer:
		if answer, ok := model.ReadClaimAnswerNote(h.Note); ok {
			h.Note = say(answer)
		}
		if h.Field != "" {
			return fmt.Sprintf("%s %s; %s: %q → %q", h.Action, h.Note, h.Field, h.OldValue, h.NewValue)
		}
	case h.Field != "":
		return fmt.Sprintf("%s: %q → %q", h.Field, h.OldValue, h.NewValue)
	}
	return strings.TrimSpace(h.Action + " " + h.Note)
}
