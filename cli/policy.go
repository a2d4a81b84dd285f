package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"returndesk/model"
	"returndesk/policy"
)

// knownPolicy is a policy the commands can use: a preset, or a stored version.
type knownPolicy struct {
	policy.Policy
	Version int  // 0 for a preset that is not stored
	Preset  bool // one of the shipped presets (possibly stored and edited since)
}

// knownPolicies lists the presets, each replaced by its stored version if any, then the other stored policies.
func (c *cli) knownPolicies(ctx context.Context) ([]knownPolicy, error) {
	var out []knownPolicy
	for _, p := range policy.Presets() {
		out = append(out, knownPolicy{Policy: p, Preset: true})
	}
	svc, closeFn, err := c.openStoredPolicies(ctx)
	if err != nil {
		return nil, err
	}
	if svc == nil {
		return out, nil
	}
	defer closeFn()
	recs, err := svc.ListPolicies(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		p, err := policy.FromRecord(r)
		if err != nil {
			return nil, model.Wrap(model.EINTERNAL, err, "stored policy %s version %d", r.ID, r.Version)
		}
		k := knownPolicy{Policy: p, Version: r.Version, Preset: r.Preset}
		replaced := false
		for i := range out {
			if out[i].ID == p.ID {
				k.Preset = k.Preset || out[i].Preset
				out[i], replaced = k, true
			}
		}
		if !replaced {
			out = append(out, k)
		}
	}
	return out, nil
}

// findPolicy returns the known policy with the given id, or a usage error listing the ids.
func (c *cli) findPolicy(ctx context.Context, id string) (knownPolicy, error) {
	all, err := c.knownPolicies(ctx)
	if err != nil {
		return knownPolicy{}, err
	}
	var ids []string
	for _, k := range all {
		if string(k.ID) == id {
			return k, nil
		}
		ids = append(ids, string(k.ID))
	}
	return knownPolicy{}, usagef("--policy: unknown policy %q (known: %s)", id, strings.Join(ids, ", "))
}

func (c *cli) policyList(args []string) error {
	_, asJSON, err := c.parseJSONArgs("policy list", args, 0)
	if err != nil {
		return err
	}
	all, err := c.knownPolicies(context.Background())
	if err != nil {
		return err
	}
	if asJSON {
		type item struct {
			ID           model.PolicyID   `json:"id"`
			Name         string           `json:"name"`
			Manufacturer string           `json:"manufacturer"`
			Kind         model.PolicyKind `json:"kind"`
			Basis        policy.Basis     `json:"basis"`
			Preset       bool             `json:"preset"`
			Version      int              `json:"version"`
			Summary      model.Text       `json:"summary"`
			Definition   policy.Policy    `json:"definition"`
		}
		items := []item{}
		for _, k := range all {
			items = append(items, item{k.ID, k.Name, k.Manufacturer, k.Kind, k.Basis, k.Preset, k.Version, k.Summary(), k.Policy})
		}
		return c.printJSON(map[string]any{"policies": items})
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tMANUFACTURER\tNAME\tRULES")
	for _, k := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", k.ID, say(k.Kind.Label()), k.Manufacturer, k.Name, say(k.Summary()))
	}
	return tw.Flush()
}

func (c *cli) policyCheck(args []string) error {
	fs := c.newFlags("policy check")
	id := fs.String("policy", "", flagHelp("the policy `ID`, e.g. halotek-terminal (`returndesk policy list` shows them)"))
	purchased := fs.String("purchased", "", flagHelp("the `DATE` the customer bought the unit, YYYY-MM-DD (terminal-client policies count from it)"))
	shipped := fs.String("shipped", "", flagHelp("the `DATE` the manufacturer shipped the unit, YYYY-MM-DD (distributor policies count from it)"))
	on := fs.String("on", "", flagHelp("the `DATE` the problem is reported, YYYY-MM-DD (required)"))
	cause := fs.String("cause", "", flagHelp("`CAUSE` of the fault as far as known: unknown (default), manufacturer or misuse (paid service)"))
	regular := fs.Bool("regular", false, flagHelp("the customer is a regular customer of the manufacturer (new units instead of returns)"))
	branded := fs.Bool("custom-branded", false, flagHelp("the product carries the dealer's own brand (custom-branded)"))
	asJSON := jsonFlag(fs)
	if _, err := parseArgs(fs, args, 0); err != nil {
		return err
	}
	if *id == "" {
		return usagef("--policy is required (e.g. --policy halotek-terminal)")
	}
	if *on == "" {
		return usagef("--on is required: the date to judge, as YYYY-MM-DD")
	}
	in := policy.Input{Regular: *regular, CustomBranded: *branded}
	var err error
	if in.Purchased, err = parseDateFlag("purchased", *purchased); err != nil {
		return err
	}
	if in.Shipped, err = parseDateFlag("shipped", *shipped); err != nil {
		return err
	}
	if in.On, err = parseDateFlag("on", *on); err != nil {
		return err
	}
	if in.Cause, err = model.ParseCause(*cause); err != nil {
		return usagef("--cause: unknown cause %q (use unknown, manufacturer or misuse)", *cause)
	}
	k, err := c.findPolicy(context.Background(), *id)
	if err != nil {
		return err
	}
	switch {
	case k.Kind == model.PolicyOEM:
		return usagef("--policy: %s is an OEM allowance: use returndesk policy oem", k.ID)
	case k.Basis == policy.BasisPurchase && in.Purchased.IsZero():
		return usagef("--purchased is missing: the %s policy counts from the purchase date", k.ID)
	case k.Basis == policy.BasisShipment && in.Shipped.IsZero():
		return usagef("--shipped is missing: the %s policy counts from the shipment date", k.ID)
	}
	v, err := policy.Evaluate(k.Policy, in)
	if err != nil {
		return flagError(err)
	}
	if *asJSON {
		return c.printJSON(v)
	}
	return c.printVerdict(k, v)
}

func (c *cli) printVerdict(k knownPolicy, v policy.Verdict) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s\n", k.ID, k.Name, say(v.Summary()))
	fmt.Fprintf(&b, "  rule:      %s\n", v.Rule)
	fmt.Fprintf(&b, "  dates:     %s date %s, judged on %s (day %d)\n", v.Basis, v.Start, v.On, v.Days)
	switch {
	case v.Tier != k.After.ID && v.WindowEnds == v.WarrantyEnds:
		fmt.Fprintf(&b, "  window:    warranty ends %s (%s left)\n", v.WarrantyEnds, plural(v.DaysLeft, "day"))
	case v.Tier != k.After.ID:
		fmt.Fprintf(&b, "  window:    tier %s ends %s (%s left); warranty ends %s\n", say(v.Tier.Label()), v.WindowEnds, plural(v.DaysLeft, "day"), v.WarrantyEnds)
	case v.InWindow:
		fmt.Fprintf(&b, "  window:    in warranty until %s, but the cause is %s\n", v.WarrantyEnds, say(v.Cause.Label()))
	default:
		fmt.Fprintf(&b, "  window:    warranty ended %s\n", v.WarrantyEnds)
	}
	covered := "no: paid"
	if v.Covered {
		covered = "yes: free to the customer"
	}
	if v.Provisional {
		covered += " (provisional: the cause is unknown until tested)"
	}
	fmt.Fprintf(&b, "  covered:   %s\n", covered)
	if f := v.Freight; f != nil {
		fmt.Fprintf(&b, "  freight:   inbound %s, outbound %s, settlement %s\n", say(f.Inbound.Label()), say(f.Outbound.Label()), say(f.Settlement.Label()))
	}
	fmt.Fprintf(&b, "  clause:    %s\n", v.Clause)
	_, err := fmt.Fprint(c.stdout, b.String())
	return err
}

func (c *cli) policyOEM(args []string) error {
	fs := c.newFlags("policy oem")
	id := fs.String("policy", string(policy.HalotekOEM), flagHelp("the OEM allowance policy `ID`"))
	qty := fs.Int("qty", 0, flagHelp("how many units were ordered (`N`, required)"))
	rate := fs.String("rate", "", flagHelp("the spare-part allowance in percent (`PCT`, e.g. 0.4; required)"))
	spares := fs.Int("spares", 0, flagHelp("how many spare units actually came with the order (`N`)"))
	defects := fs.Int("defects", 0, flagHelp("how many units were reported defective within a year of shipment (`N`, required)"))
	batch := fs.Bool("batch", false, flagHelp("the defects are a batch defect (a production or electrical problem): claimable beyond the spares"))
	asJSON := jsonFlag(fs)
	if _, err := parseArgs(fs, args, 0); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, name := range []string{"qty", "rate", "defects"} {
		if !set[name] {
			return usagef("--%s is required (e.g. policy oem --qty 1000 --rate 0.4 --defects 6)", name)
		}
	}
	in := policy.OEMInput{Qty: *qty, Rate: *rate, Defects: *defects, Batch: *batch}
	if set["spares"] {
		in.Spares = spares
	}
	k, err := c.findPolicy(context.Background(), *id)
	if err != nil {
		return err
	}
	if k.Kind != model.PolicyOEM {
		return usagef("--policy: %s is not an OEM allowance (use returndesk policy check)", k.ID)
	}
	r, err := policy.EvaluateOEM(k.Policy, in)
	if err != nil {
		return flagError(err)
	}
	if *asJSON {
		return c.printJSON(r)
	}
	var b strings.Builder
	how := "expected"
	if r.SparesCounted {
		how = "received"
	}
	if r.Rate != "" {
		fmt.Fprintf(&b, "%s: order of %d at %s %%: %s (%s)\n", k.ID, r.Qty, r.Rate, plural(r.Spares, "spare unit"), how)
	} else {
		fmt.Fprintf(&b, "%s: order of %d: %s (%s)\n", k.ID, r.Qty, plural(r.Spares, "spare unit"), how)
	}
	if r.Batch {
		fmt.Fprintf(&b, "  batch defect: all %s claimable, spares not used\n", plural(r.Defects, "defective unit"))
	} else {
		fmt.Fprintf(&b, "  defects:   %d — %d covered by the spares, %d claimable\n", r.Defects, r.CoveredBySpares, r.Claimable)
	}
	if len(r.Remedies) > 0 {
		rem := make([]string, len(r.Remedies))
		for i, x := range r.Remedies {
			rem[i] = string(x)
		}
		fmt.Fprintf(&b, "  remedies:  %s\n", strings.Join(rem, " or "))
	} else {
		fmt.Fprintf(&b, "  remedies:  none needed\n")
	}
	fmt.Fprintf(&b, "  rate:      %s %% observed, at least %s %% with 95 %% confidence (allowance %s %%)\n",
		policy.PercentText(r.DefectRatePct), policy.PercentText(r.Lower95Pct), policy.PercentText(r.AllowancePct))
	fmt.Fprintf(&b, "  window:    defects reported within %s\n", r.ClaimWindow)
	fmt.Fprintf(&b, "  clause:    %s\n", r.Clause)
	if r.Note.Key != "" {
		fmt.Fprintf(&b, "  note:      %s\n", say(r.Note))
	}
	if r.BatchAlarm {
		fmt.Fprintf(&b, "%s\n", say(r.AlarmText()))
	}
	_, err = fmt.Fprint(c.stdout, b.String())
	return err
}

// policyFlags names the flag behind each field the policy package reports on.
var policyFlags = map[string]string{
	"purchase_date": "--purchased",
	"shipment_date": "--shipped",
	"on":            "--on",
	"cause":         "--cause",
	"qty":           "--qty",
	"rate":          "--rate",
	"spares":        "--spares",
	"defects":       "--defects",
}

// flagError rewrites the policy package's field errors in terms of the command's flags.
func flagError(err error) error {
	var es model.Errors
	var e *model.Error
	switch {
	case errors.As(err, &es):
	case errors.As(err, &e):
		es = model.Errors{e}
	default:
		return err
	}
	if model.ErrorCode(err) != model.EINVALID {
		return err
	}
	var msgs model.Text
	for i, e := range es {
		name := policyFlags[e.Field]
		if name == "" {
			name = e.Field
		}
		if i == 0 {
			msgs = model.T("%s: %s", name, e.Text())
		} else {
			msgs = model.T("%s; %s: %s", msgs, name, e.Text())
		}
	}
	return usagef("%s", msgs)
}

func plural(n int, unit string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
