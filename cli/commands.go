package cli

import (
	"returndesk/intake"
	"returndesk/model"
)

// command is one entry of the command table: what `returndesk help` shows and what runs.
type command struct {
	name    string     // the words that select it: "case add"
	args    string     // what follows the name in a usage line: "--customer NAME ... "
	summary model.Text // what it does, in one line
	example string     // one typical call, without "returndesk "
	run     func(c *cli, args []string) error
}

// commands is the command table, in the order `returndesk help` lists it.
func commands() []command {
	cmds := []command{
		{"gui", "[--db FILE]", model.T("open the window (what `returndesk` with no command does)"),
			"gui --db shop.db", (*cli).cmdGUI},
		{"demo", "[--cases N] [--sales N]", model.T("fill a new, empty database with realistic demo data"),
			"demo --db demo.db --cases 200", (*cli).cmdDemo},
		{"policy list", "[--json]", model.T("list the warranty policies: the presets and the shop's own"),
			"policy list --json", (*cli).policyList},
		{"policy check", "--policy ID [--purchased D] [--shipped D] --on D [--cause C] [--regular] [--json]",
			model.T("what a customer is owed under a policy on a given day"),
			"policy check --policy halotek-terminal --purchased 2026-11-20 --on 2026-11-25", (*cli).policyCheck},
		{"policy oem", "--qty N --rate PCT [--spares N] --defects N [--batch] [--json]",
			model.T("the OEM spare-part allowance of an order and whether its defects are claimable"),
			"policy oem --qty 5000 --rate 0.4 --spares 20 --defects 31", (*cli).policyOEM},
		{"case add", "--customer NAME [--customer-kind K] [--phone P] --model CODE --serial S [--purchased D] [--shipped D] [--on D] --fault TEXT [--cause C] [--json]",
			model.T("take in a faulty unit as the counter does (what is not given comes from the serial's sales record)"),
			"case add --customer \"Li Wei\" --phone 13800138000 --model HT-900 --serial HT900-0001 --fault \"no power\"",
			(*cli).caseAdd},
		{"case list", "[--status S] [--search Q] [--limit N] [--json]", model.T("list cases, newest first"),
			"case list --search 张 --limit 0", (*cli).caseList},
		{"case show", "CASE [--json]", model.T("one case with its history (CASE: a case or maintenance number, or its sequence as on the slip: 123 is the newest so numbered)"),
			"case show RMA-2026-000123", (*cli).caseShow},
		{"slip", "CASE --out FILE.pdf [--page a4|a5|80mm]", model.T("write a case's maintenance order slip"),
			"slip RMA-2026-000123 --out slip.pdf --page 80mm", (*cli).cmdSlip},
		{"label", "CASE --out FILE.pdf", model.T("write a case's return label for the parcel to the manufacturer"),
			"label RMA-2026-000123 --out label.pdf", (*cli).cmdLabel},
		{"claim create", "--manufacturer NAME [--until D] [--json]", model.T("put the cases a manufacturer owes into a new draft claim"),
			"claim create --manufacturer Halotek --until 2026-11-30", (*cli).claimCreate},
		{"claim export", "CLAIM --out FILE.xlsx", model.T("write a claim as an Excel claim sheet for the manufacturer"),
			"claim export CLM-2026-0007 --out claim.xlsx", (*cli).claimExport},
		{"claim show", "CLAIM [--json]", model.T("one claim with its lines and answers"),
			"claim show CLM-2026-0007 --json", (*cli).claimShow},
		{"claim import", "FILE.xlsx [--claim CLAIM] [--json]", model.T("record the manufacturer's answers from a returned claim sheet"),
			"claim import answered.xlsx", (*cli).claimImport},
		{"claim list", "[--json]", model.T("list the claims"), "claim list", (*cli).claimList},
		{"claim submit", "CLAIM", model.T("record that a draft claim was sent to the manufacturer"),
			"claim submit CLM-2026-0007", func(c *cli, args []string) error { return c.claimMove(args, "submit", model.ClaimSubmitted) }},
		{"claim settle", "CLAIM", model.T("close an answered claim once its credits are booked"),
			"claim settle CLM-2026-0007", func(c *cli, args []string) error { return c.claimMove(args, "settle", model.ClaimSettled) }},
		{"claim remove", "CLAIM CASE...", model.T("take cases out of a draft claim; they can be claimed again later"),
			"claim remove CLM-2026-0007 RMA-2026-000123", (*cli).claimRemove},
		{"claim balance", "[--json]", model.T("the credits each manufacturer still owes, to deduct on the next proforma invoice"),
			"claim balance", (*cli).claimBalance},
		{"claim deduct", "--manufacturer NAME --pi NUMBER [--claims CLAIMS]", model.T("record that a manufacturer's open credits were deducted on a proforma invoice"),
			"claim deduct --manufacturer Halotek --pi PI-2026-118 --claims CLM-2026-0003,CLM-2026-0004", (*cli).claimDeduct},
		{"import sales", "FILE.xlsx|FILE.csv [--encoding ENC] [--json]", model.T("import sales records (serial, model, customer, dates); all rows or none"),
			"import sales sales-november.xlsx", (*cli).importSales},
		{"backup", "--out FILE [--json]", model.T("write a checked copy of the database and its photos to a new file"),
			"backup --out shop-2026-12-01.rdbak", (*cli).cmdBackup},
		{"restore", "FILE [--json]", model.T("replace the database with a backup (the current one is kept aside first)"),
			"restore shop-2026-12-01.rdbak", (*cli).cmdRestore},
		{"migrate", "--to URL|FILE.db [--json]", model.T("copy the database into an empty database, on a server or in a file"),
			"migrate --to postgres://returndesk@server:5432/shop", (*cli).cmdMigrate},
	}
	for _, k := range intake.Reports {
		k := k
		cmds = append(cmds, command{"report " + k.Name, "[--from D] [--until D] [--json] [--out FILE.xlsx]", reportSummaries[k.Name],
			"report " + k.Name + " --from 2026-01-01 --out " + k.Name + ".xlsx",
			func(c *cli, args []string) error { return c.cmdReport(k, args) }})
	}
	return append(cmds, command{"help", "[COMMAND]", model.T("list the commands, or explain one with every flag"),
		"help case add", (*cli).cmdHelp})
}

// reportSummaries say what each report shows.
var reportSummaries = map[string]model.Text{
	"oem":        model.T("report on OEM orders: spare-part allowance, defects so far and the batch alarm"),
	"models":     model.T("report on returns per model: how many, how often, and what was done"),
	"recovery":   model.T("report on claims: what was asked of each manufacturer, accepted and credited"),
	"turnaround": model.T("report on days from intake to the customer's pickup, per manufacturer and month"),
}

// findCommand picks the table entry that args start with ("case add …" before "case …"),
// and returns the arguments left for it.
func findCommand(args []string) (command, []string, bool) {
	cmds := commands()
	if len(args) >= 2 {
		for _, cmd := range cmds {
			if cmd.name == args[0]+" "+args[1] {
				return cmd, args[2:], true
			}
		}
	}
	if len(args) >= 1 {
		for _, cmd := range cmds {
			if cmd.name == args[0] {
				return cmd, args[1:], true
			}
		}
	}
	return command{}, args, false
}

// group lists the commands whose name starts with word ("case" → case add, list, show).
func group(word string) []command {
	var out []command
	for _, cmd := range commands() {
		if len(cmd.name) > len(word) && cmd.name[:len(word)+1] == word+" " {
			out = append(out, cmd)
		}
	}
	return out
}
