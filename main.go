// Command returndesk keeps a shop's warranty returns: with no command it opens the GUI,
// otherwise it runs one command-line command (see the README).
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// commands maps a command name to its implementation; each cmd_*.go file registers its own.
var commands = map[string]func(c *cli, args []string) error{}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv, time.Now))
}

// run executes one invocation and returns the exit status: 0 ok, 2 bad input or usage, 1 other failures.
// Everything it prints passes through a termWriter: no control character stored in the
// database reaches the terminal.
func run(args []string, stdout, stderr io.Writer, getenv func(string) string, now func() time.Time) int {
	out, errw := &termWriter{w: stdout}, &termWriter{w: stderr}
	defer out.flush()
	defer errw.flush()
	stderr = errw
	c := &cli{stdout: out, stderr: errw, getenv: getenv, now: now, dbPath: defaultDBPath(getenv)}
	name := "gui"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "returndesk: unknown command %q (commands: %s)\n", name, commandList())
		return 2
	}
	if err := cmd(c, args); err != nil {
		fmt.Fprintf(stderr, "returndesk %s: %s\n", name, errorText(err))
		return exitCode(err)
	}
	return 0
}

func commandList() string {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
