package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"returndesk/dbchoice"
	"returndesk/i18n"
	"returndesk/model"
)

// cli carries what every command needs: where to write, the environment and the clock.
type cli struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	dbPath         string // from --db, RETURNDESK_DB or the default data folder
}

// usageError is bad input or bad usage: exit status 2.
type usageError struct{ msg model.Text }

func (e *usageError) Error() string { return e.msg.String() }

// usagef is a usage error worded by format (an English wording, the key of its
// translations) and args.
func usagef(format string, args ...any) error { return &usageError{model.T(format, args...)} }

// flagHelp marks a flag's meaning as a wording to translate: --help shows it in the
// chosen language (the `NAME` in backquotes stays, as the flag package reads it).
func flagHelp(meaning string) string { return model.T(meaning).Key }

// say is the one place where the command line turns a model.Text into what it prints: in
// the language Run chose (English unless RETURNDESK_LANG or the locale asks for Chinese).
func say(t model.Text) string { return i18n.Say(t) }

// exitCode maps an error to the documented exit status: 2 for bad input, 1 otherwise.
func exitCode(err error) int {
	var u *usageError
	if errors.As(err, &u) {
		return 2
	}
	if model.IsBadInput(err) {
		return 2
	}
	return 1
}

// errorText is the one line printed on stderr for err.
func errorText(err error) string {
	var u *usageError
	if errors.As(err, &u) {
		return say(u.msg)
	}
	if _, domain := err.(*model.Error); !domain && model.ErrorCode(err) == model.EINTERNAL {
		return err.Error() // the whole chain, for whoever looks into it
	}
	return say(model.ErrorText(err))
}

// badFlag is a usage error naming the flag whose value a parser refused, with the
// parser's message and not its field name ("--cause: unknown cause "x" (use …)").
func badFlag(name string, err error) error {
	for _, msg := range model.FieldTexts(err) {
		return usagef("--%s: %s", name, msg)
	}
	return usagef("--%s: %s", name, model.ErrorText(err))
}

// newFlags makes a flag set that reports errors instead of exiting, with the common --db flag.
func (c *cli) newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.dbPath, "db", c.dbPath, flagHelp("the database `FILE`, or a server's URL postgres://USER@HOST:5432/DATABASE (default: RETURNDESK_DB, or returndesk.db in the data folder)"))
	return fs
}

// wrongArgs is what a command returns when its arguments do not fit its usage line:
// Run prints the reason and the usage line from the command table.
type wrongArgs struct{ why model.Text }

func (e *wrongArgs) Error() string { return e.why.String() }

// parseArgs parses the flags and checks what is left: exactly n arguments, or at least
// -n when n is negative; and that every required flag has a value.
func parseArgs(fs *flag.FlagSet, args []string, n int, required ...string) ([]string, error) {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	switch {
	case n >= 0 && len(pos) > n:
		return nil, &wrongArgs{model.T("unexpected argument %q", pos[n])}
	case n > 0 && len(pos) < n, n < 0 && len(pos) < -n:
		return nil, &wrongArgs{model.T("an argument is missing")}
	}
	for _, name := range required {
		if strings.TrimSpace(fs.Lookup(name).Value.String()) == "" {
			return nil, &wrongArgs{model.T("--%s is required", name)}
		}
	}
	return pos, nil
}

// jsonFlag adds the --json flag every command that reports something has.
func jsonFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("json", false, flagHelp("print the result as one JSON document on stdout instead of text"))
}

// parseJSONArgs parses the arguments of a command whose only flags are --db and --json:
// n positional arguments (see parseArgs) and whether --json was given.
func (c *cli) parseJSONArgs(name string, args []string, n int) (pos []string, asJSON bool, err error) {
	fs := c.newFlags(name)
	j := jsonFlag(fs)
	pos, err = parseArgs(fs, args, n)
	return pos, err == nil && *j, err
}

// parseFlags parses flags that may come before, between or after positional arguments
// ("case show RMA-1 --json" as well as "case show --json RMA-1").
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, &helpWanted{fs}
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// printJSON writes one indented JSON document on stdout. Text keeps every character it
// holds: a bidi override such as U+202E is data and comes out as the escape \u202e
// (encoding/json escapes C0 controls, termWriter the rest), never raw.
func (c *cli) printJSON(v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// parseDateFlag reads an optional date flag; an empty value gives the zero date.
func parseDateFlag(name, value string) (model.Date, error) {
	if value == "" {
		return model.Date{}, nil
	}
	d, err := model.ReadDate(value)
	if err != nil {
		return model.Date{}, usagef("--%s: %s", name, model.ErrorText(err))
	}
	return d, nil
}

// today is the calendar date at the shop (local time).
func (c *cli) today() model.Date { return model.DateOf(c.now()) }

// defaultDataDir is the user's application data folder for ReturnDesk.
func defaultDataDir(getenv func(string) string) string {
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" {
		if x := getenv("XDG_DATA_HOME"); x != "" {
			return filepath.Join(x, "returndesk")
		}
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, ".local", "share", "returndesk")
		}
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "ReturnDesk")
	}
	return "returndesk-data"
}

// defaultDBPath is RETURNDESK_DB, or the database chosen in Settings (dbchoice), or
// returndesk.db in the data folder.
func defaultDBPath(getenv func(string) string) string {
	if p := getenv("RETURNDESK_DB"); p != "" {
		return p
	}
	if p := dbchoice.Read(defaultDataDir(getenv)); p != "" {
		return p
	}
	return filepath.Join(defaultDataDir(getenv), "returndesk.db")
}
