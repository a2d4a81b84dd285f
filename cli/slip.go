package cli

import (
	"bytes"
	"context"
	"fmt"

	"returndesk/export"
	"returndesk/intake"
	"returndesk/model"
	"returndesk/outfile"
)

// cmdSlip writes a case's maintenance order slip: `slip CASE --out FILE.pdf [--page a4|a5|80mm]`.
// Without --page the page size chosen in Settings is used (A4 when none is).
func (c *cli) cmdSlip(args []string) error {
	fs := c.newFlags("slip")
	out := fs.String("out", "", flagHelp("the PDF `FILE` to write; it must not exist yet"))
	page := fs.String("page", "", flagHelp("the page `SIZE`: a4 (two copies), a5 or 80mm (receipt roll); default: the Settings choice"))
	pos, err := parseArgs(fs, args, 1, "out")
	if err != nil {
		return err
	}
	var size export.PageSize
	if *page != "" {
		if size, err = export.ParsePageSize(*page); err != nil {
			return badFlag("page", err)
		}
	}
	return c.writeDocument(pos[0], *out, func(ctx context.Context, db model.Store, s *export.Slip, b *bytes.Buffer) (string, error) {
		if size == "" {
			var err error
			if size, err = intake.DefaultPageSize(ctx, db); err != nil {
				return "", err
			}
		}
		if err := export.WriteSlip(b, s, size, export.PDFOptions{Created: c.now()}); err != nil {
			return "", err
		}
		return fmt.Sprintf("maintenance order %s, %s", s.Number(), size.Label()), nil
	})
}

// cmdLabel writes a case's return label: `label CASE --out FILE.pdf`.
func (c *cli) cmdLabel(args []string) error {
	fs := c.newFlags("label")
	out := fs.String("out", "", flagHelp("the PDF `FILE` to write; it must not exist yet"))
	pos, err := parseArgs(fs, args, 1, "out")
	if err != nil {
		return err
	}
	return c.writeDocument(pos[0], *out, func(ctx context.Context, db model.Store, s *export.Slip, b *bytes.Buffer) (string, error) {
		if err := export.WriteLabel(b, s, export.PDFOptions{Created: c.now()}); err != nil {
			return "", err
		}
		return fmt.Sprintf("return label of %s to %s", s.Case.CaseNo, s.Manufacturer.Name), nil
	})
}

// writeDocument loads a case's slip data from an existing database, makes the document and
// writes it to out, whole or not at all.
func (c *cli) writeDocument(number, out string, render func(context.Context, model.Store, *export.Slip, *bytes.Buffer) (string, error)) error {
	guard := c.outGuard()
	if err := guard.Check(out); err != nil {
		return err
	}
	// Printing never creates a database.
	if c.dbMissing() {
		return model.Errorf(model.ENOTFOUND, "there is no database at %s", c.dbPath)
	}
	return c.withStore(func(ctx context.Context, db model.Store) error {
		s, err := intake.LoadSlip(ctx, db, number)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		what, err := render(ctx, db, s, &b)
		if err != nil {
			return err
		}
		if err := outfile.WriteBytes(out, guard, 0o644, b.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "wrote %s: %s\n", out, what)
		c.warnMissing(s.Shop.Missing()) // after the write: a failure is the one line on stderr
		return nil
	})
}

// warnMissing says on stderr, in one line, which shop details a document written prints
// blank (see export.MissingText); the exit status is not changed.
func (c *cli) warnMissing(missing []model.Text) {
	if len(missing) > 0 {
		fmt.Fprintln(c.stderr, "warning:", say(export.MissingText(missing)))
	}
}
