package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"returndesk/export"
	"returndesk/model"
)

// importResult is the --json document of `import sales`.
type importResult struct {
	File     string            `json:"file"`
	Encoding export.Encoding   `json:"encoding,omitempty"` // a CSV file's, as read
	Imported int               `json:"imported"`
	Recorded int               `json:"recorded"` // rows whose record is stored already: left out
	Problems []export.RowError `json:"problems"`
}

// importSales reads a sales-record file, checks every row against the database and
// stores all of them in one transaction, or none when any row has a problem.
//
// Unlike other commands, a refused import prints more than one line on stderr: first
// the summary ("returndesk import: FILE: 3 rows have problems; nothing was imported"),
// then one line per problem ("row 7: purchase_date: "2026-02-30" is not a date: ..."),
// so that every bad row can be fixed in one go. The exit status is then 2.
func (c *cli) importSales(args []string) error {
	fs := c.newFlags("import sales")
	asJSON := jsonFlag(fs)
	encName := fs.String("encoding", "auto", flagHelp("the `ENCODING` a CSV file was saved in: auto (detect it), utf-8, gbk or gb18030, big5, utf-16"))
	pos, err := parseArgs(fs, args, 1)
	if err != nil {
		return err
	}
	enc, err := export.ParseEncoding(*encName)
	if err != nil {
		return badFlag("encoding", err)
	}
	path := pos[0]
	if _, err := export.KindOf(path); err != nil {
		return usagef("%s", model.ErrorText(err))
	}
	// Read the file before opening the database: a bad file creates no database.
	p, err := export.ReadSalesFile(path, enc)
	if err != nil {
		return usagef("%s: %s", filepath.Base(path), errorText(err))
	}
	if len(p.Rows) == 0 {
		return usagef("%s: the file has no sales records below its header row", filepath.Base(path))
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		if err := export.CheckSales(ctx, db, p); err != nil {
			return err
		}
		n := 0
		if len(p.Problems) == 0 {
			n, err = export.ImportSales(ctx, db, p)
			if err != nil && len(p.Problems) == 0 {
				// Not about a row: the machine failed (a full disk). The import is all or nothing.
				return model.NotDone(err, model.T("nothing was imported from %s", filepath.Base(path)))
			}
		}
		if *asJSON {
			problems := p.Problems
			if problems == nil {
				problems = []export.RowError{}
			}
			if err := c.printJSON(importResult{File: path, Encoding: p.Encoding, Imported: n, Recorded: p.RecordedRows(), Problems: problems}); err != nil {
				return err
			}
		}
		if len(p.Problems) > 0 {
			var b strings.Builder
			fmt.Fprintf(&b, "%s: %s", filepath.Base(path), p.Summary())
			for _, e := range p.Problems {
				b.WriteString("\n" + e.Error())
			}
			return usagef("%s", b.String())
		}
		if !*asJSON {
			what := "sales records"
			if n == 1 {
				what = "sales record"
			}
			fmt.Fprintf(c.stdout, "imported %d %s from %s", n, what, filepath.Base(path))
			if p.Encoding != "" && p.Encoding != export.UTF8 {
				fmt.Fprintf(c.stdout, " (read as %s)", say(p.Encoding.Label()))
			}
			if r := p.RecordedRows(); r > 0 {
				fmt.Fprintf(c.stdout, "; %d already recorded, left out", r)
			}
			fmt.Fprintln(c.stdout)
		}
		return nil
	})
}
