package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"returndesk/i18n"
	"returndesk/model"
	"strings"
	"time"
)

// Run executes one invocation and returns the exit status: 0 ok, 2 bad input or usage, 1 other failures.
// Everything it prints passes through a termWriter: no control character stored in the
// database reaches the terminal.
func Run(args []string, stdout, stderr io.Writer, getenv func(string) string, now func() time.Time) int {
	out, errw := &termWriter{w: stdout}, &termWriter{w: stderr}
	defer out.flush()
	defer errw.flush()
	c := &cli{stdout: out, stderr: errw, getenv: getenv, now: now, dbPath: defaultDBPath(getenv)}
	i18n.Use(i18n.Choose(getenv, "")) // the window may change it from its saved choice
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		args = append([]string{"gui"}, args...)
	}
	cmd, rest, ok := findCommand(args)
	if !ok {
		switch sub := group(args[0]); {
		case len(sub) > 0 && (len(args) == 1 || strings.HasPrefix(args[1], "-")):
			fmt.Fprintf(errw, "returndesk %s: %s\n", args[0], say(model.T("usage: returndesk %s %s ...; `returndesk help %s` explains each", args[0], subNames(sub, "|"), args[0])))
		case len(sub) > 0:
			fmt.Fprintf(errw, "returndesk %s: %s\n", args[0], say(model.T("unknown %s command %q (use %s)", args[0], args[1], subNames(sub, ", "))))
		default:
			fmt.Fprintf(errw, "returndesk: %s\n", say(model.T("unknown command %q; `returndesk help` lists the commands", args[0])))
		}
		return 2
	}
	err := cmd.run(c, rest)
	var h *helpWanted
	var wrong *wrongArgs
	switch {
	case errors.As(err, &h):
		c.printHelp(cmd, h.flags)
		return 0
	case errors.As(err, &wrong):
		fmt.Fprintf(errw, "returndesk %s: %s\n", cmd.name, say(model.T("%s; usage: returndesk %s %s", wrong.why, cmd.name, cmd.args)))
		return 2
	case err != nil:
		fmt.Fprintf(errw, "returndesk %s: %s\n", cmd.name, errorText(err))
		return exitCode(err)
	}
	return 0
}

// helpWanted is how a command's flag parsing reports --help: Run prints the command's help.
type helpWanted struct{ flags *flag.FlagSet }

func (*helpWanted) Error() string { return "help requested" }

// subNames lists the last word of each command of a group: "add|list|show".
func subNames(cmds []command, sep string) string {
	names := make([]string, len(cmds))
	for i, cmd := range cmds {
		names[i] = cmd.name[strings.LastIndexByte(cmd.name, ' ')+1:]
	}
	return strings.Join(names, sep)
}

// cmdHelp lists the commands, a group's commands, or one command with its flags.
func (c *cli) cmdHelp(args []string) error {
	fs := c.newFlags("help")
	args, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		fmt.Fprintln(c.stdout, say(model.T("ReturnDesk keeps a shop's warranty returns. Usage: returndesk [COMMAND] [FLAGS]")))
		fmt.Fprintln(c.stdout, say(model.T("With no command it opens the window. Every command takes --db FILE (default: RETURNDESK_DB or the data folder).")))
		fmt.Fprintln(c.stdout)
		c.listCommands(commands())
		fmt.Fprintln(c.stdout, "\n"+say(model.T("`returndesk help COMMAND` or `returndesk COMMAND --help` explains one command and its flags.")))
		return nil
	}
	cmd, rest, ok := findCommand(args)
	if ok && len(rest) == 0 {
		var h *helpWanted
		if err := cmd.run(c, []string{"--help"}); !errors.As(err, &h) {
			return err
		}
		c.printHelp(cmd, h.flags)
		return nil
	}
	if sub := group(args[0]); len(sub) > 0 && len(args) == 1 {
		c.listCommands(sub)
		return nil
	}
	return usagef("no command %q; `returndesk help` lists the commands", strings.Join(args, " "))
}

func (c *cli) listCommands(cmds []command) {
	rows := make([][]string, len(cmds))
	for i, cmd := range cmds {
		rows[i] = []string{"  " + cmd.name, say(cmd.summary)}
	}
	var b strings.Builder
	writeTable(&b, rows)
	fmt.Fprint(c.stdout, b.String())
}

// printHelp explains one command: what it does, its usage line, each flag with its
// meaning and default, and an example.
func (c *cli) printHelp(cmd command, fs *flag.FlagSet) {
	var b strings.Builder
	fmt.Fprintf(&b, "returndesk %s: %s\n\n%s\n", cmd.name, say(cmd.summary),
		say(model.T("usage: returndesk %s %s", cmd.name, cmd.args)))
	if fs != nil {
		var rows [][]string
		fs.VisitAll(func(f *flag.Flag) {
			name := "  --" + f.Name
			// The usage is a wording flagHelp marked; its translation keeps the `NAME`.
			shown := *f
			shown.Usage = say(model.Text{Key: f.Usage})
			kind, meaning := flag.UnquoteUsage(&shown)
			if kind != "" {
				name += " " + strings.ToUpper(kind)
			}
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.Name != "db" {
				meaning = say(model.T("%s (default %s)", meaning, f.DefValue))
			}
			rows = append(rows, []string{name, meaning})
		})
		b.WriteString("\n" + say(model.T("flags:")) + "\n")
		writeTable(&b, rows)
	}
	fmt.Fprintf(&b, "\n%s\n  returndesk %s\n", say(model.T("example:")), cmd.example)
	fmt.Fprint(c.stdout, b.String())
}
