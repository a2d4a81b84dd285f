// Command returndesk keeps a shop's warranty returns: with no command it opens the GUI,
// otherwise it runs one command-line command (`returndesk help` lists them).
package main

import (
	"os"
	"time"

	"returndesk/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv, time.Now))
}
