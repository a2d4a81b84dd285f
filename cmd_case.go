package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"returndesk/model"
	"returndesk/policy/intake"
)

func init() { commands["case"] = (*cli).cmdCase }

// cmdCase dispatches `case add|list|show`.
func (c *cli) cmdCase(args []string) error {
	if len(args) == 0 {
		return usagef("usage: returndesk case add|list|show ...")
	}
	switch args[0] {
	case "add":
		return c.caseAdd(args[1:])
	case "list":
		return c.caseList(args[1:])
	case "show":
		return c.caseShow(args[1:])
	}
	return usagef("unknown case command %q (use add, list or show)", args[0])
}

// caseAdd takes in a case as the counter does, filling what it is not given from the serial's sales record.
func (c *cli) caseAdd(args []string) error {
	fs := c.newFlags("case add")
	var in intake.Request
	var purchased, shipped, on, cause string
	var asJSON bool
	fs.StringVar(&in.CustomerName, "customer", "", "customer name")
	fs.StringVar(&in.Phone, "phone", "", "customer phone")
	model_ := fs.String("model", "", "product model code")
	serial := fs.String("serial", "", "serial number")
	fs.StringVar(&purchased, "purchased", "", "purchase date YYYY-MM-DD")
	fs.StringVar(&shipped, "shipped", "", "shipment date YYYY-MM-DD")
	fs.StringVar(&on, "on", "", "date the problem was reported (default today)")
	fs.StringVar(&in.Fault, "fault", "", "fault description")
	fs.StringVar(&in.FaultCategory, "category", "", "fault category")
	fs.StringVar(&in.Accessories, "accessories", "", "accessories received")
	fs.StringVar(&in.Condition, "condition", "", "visible damage")
	fs.StringVar(&cause, "cause", "", "unknown|manufacturer|misuse")
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("case add takes no positional arguments (got %q)", pos[0])
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
		return usagef("--cause: %s", model.ErrorMessage(err))
	}
	ctx := context.Background()
	db, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	plan, err := intake.Plan(ctx, db, in)
	if err != nil {
		return cliFieldError(err)
	}
	created, err := db.CreateCase(ctx, plan.NewCase, "cli")
	if err != nil {
		return cliFieldError(model.NotDone(err, "the case was not saved"))
	}
	view, err := loadCaseView(ctx, db, string(created.CaseNo))
	if err != nil {
		return err
	}
	if asJSON {
		return c.printJSON(view)
	}
	fmt.Fprintf(c.stdout, "created %s", view.CaseNo)
	if view.MaintenanceNo != "" {
		fmt.Fprintf(c.stdout, " (maintenance no. %s)", view.MaintenanceNo)
	}
	fmt.Fprintf(c.stdout, ": %s, tier %s, remedies %s\n", view.Customer, view.Tier, joinRemedies(plan.Remedies()))
	if plan.Verdict.Warning != "" {
		fmt.Fprintln(c.stdout, "warning:", plan.Verdict.Warning)
	}
	return nil
}

// cliFieldError names the flag behind a form field error so the one-line message says what to fix.
func cliFieldError(err error) error {
	fields := map[string]string{"purchase_date": "--purchased", "shipment_date": "--shipped",
		"reported_date": "--on", "customer": "--customer", "name": "--customer", "model": "--model",
		"serial": "--serial", "fault": "--fault", "phone": "--phone", "cause": "--cause",
		"fault_category": "--category", "accessories": "--accessories", "condition": "--condition"}
	var out []string
	code := model.ErrorCode(err)
	if code != model.EINVALID {
		return err
	}
	for f, msg := range model.FieldErrors(err) {
		name := fields[f]
		if name == "" {
			name = f
		}
		out = append(out, name+" "+msg)
	}
	if len(out) == 0 {
		return err
	}
	return usagef("%s", strings.Join(out, "; "))
}

func joinRemedies(rs []model.Remedy) string {
	if len(rs) == 0 {
		return "none"
	}
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}

// caseList prints the filtered case list.
func (c *cli) caseList(args []string) error {
	fs := c.newFlags("case list")
	status := fs.String("status", "", "only cases in this status")
	search := fs.String("search", "", "case no., maintenance no., serial, customer or phone contains")
	limit := fs.Int("limit", 100, "at most this many cases")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("case list takes no positional arguments (got %q)", pos[0])
	}
	// The store finds nothing for such a search (as the search box shows while typing); a
	// command line says why.
	if e := model.CheckLine("search", strings.TrimSpace(*search)); e != nil {
		return usagef("--search %s", e.Message)
	}
	f := model.CaseFilter{Search: *search, Limit: *limit}
	if *status != "" {
		if f.Status, err = model.ParseStatus(*status); err != nil {
			return usagef("--status: %s", model.ErrorMessage(err))
		}
	}
	if *limit < 1 || *limit > 1000 {
		return usagef("--limit must be between 1 and 1000")
	}
	ctx := context.Background()
	db, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, total, err := db.FindCases(ctx, f)
	if err != nil {
		return err
	}
	if rows == nil {
		rows = []model.CaseSummary{}
	}
	if *asJSON {
		return c.printJSON(struct {
			Cases []model.CaseSummary `json:"cases"`
			Total int                 `json:"total"`
		}{rows, total})
	}
	table := [][]string{{"CASE", "REPORTED", "CUSTOMER", "MODEL", "SERIAL", "TIER", "STATUS", "CLAIM"}}
	for _, r := range rows {
		table = append(table, []string{string(r.CaseNo), r.ReportedDate.String(), r.Customer, string(r.Model),
			string(r.Serial), string(r.Tier), r.Status.Label(), string(r.ClaimNo)})
	}
	var b strings.Builder
	writeTable(&b, table)
	fmt.Fprintf(&b, "%d of %d cases\n", len(rows), total)
	_, err = io.WriteString(c.stdout, b.String())
	return err
}

// caseShow prints one case with its verdict and history.
func (c *cli) caseShow(args []string) error {
	fs := c.newFlags("case show")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: returndesk case show CASE [--json] (CASE: a case or maintenance number)")
	}
	ctx := context.Background()
	db, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	view, err := loadCaseView(ctx, db, pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return c.printJSON(view)
	}
	w := c.stdout
	fmt.Fprintf(w, "%s  %s\n", view.CaseNo, view.Status.Label())
	if view.MaintenanceNo != "" {
		fmt.Fprintf(w, "maintenance no.  %s\n", view.MaintenanceNo)
	}
	fmt.Fprintf(w, "customer         %s %s\n", view.Customer, view.Phone)
	fmt.Fprintf(w, "product          %s %s, serial %s\n", view.Manufacturer, view.Model, view.Serial)
	fmt.Fprintf(w, "purchased        %s   shipped %s   reported %s\n", view.PurchaseDate, view.ShipmentDate, view.ReportedDate)
	fmt.Fprintf(w, "fault            %s\n", view.Fault)
	fmt.Fprintf(w, "cause            %s   tier %s   remedy %s\n", view.Cause, view.Tier, view.Remedy)
	if view.ServiceCentre != "" {
		fmt.Fprintf(w, "service centre   %s\n", view.ServiceCentre)
	}
	if view.DealerCarriesCost {
		fmt.Fprintln(w, "warning          the manufacturer's warranty is over: the shop carries the cost")
	}
	fmt.Fprintln(w, "history:")
	for _, h := range view.History {
		fmt.Fprintf(w, "  %s  %-8s %s\n", h.At.Local().Format("2006-01-02 15:04"), h.Actor, historyText(h))
	}
	return nil
}

func historyText(h model.HistoryEntry) string {
	switch {
	case h.NewStatus != "" && h.OldStatus != "":
		s := fmt.Sprintf("%s → %s", h.OldStatus.Label(), h.NewStatus.Label())
		if h.Note != "" {
			s += ": " + h.Note
		}
		return s
	case h.Field != "":
		return fmt.Sprintf("%s: %q → %q", h.Field, h.OldValue, h.NewValue)
	}
	return strings.TrimSpace(h.Action + " " + h.Note)
}
