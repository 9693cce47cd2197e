package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/exchange"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

func newImportCmd(a *cli) *cobra.Command {
	var o app.ImportOptions
	c := &cobra.Command{
		Use:   "import [--analyst NAME] [--format F] [--add-labels] [--partial] FILE...",
		Short: "Import tags from other tools (REFI-QDA, Label Studio, doccano, brat, W3C) or a workbench JSONL export",
		Long: `Import tags into the workspace: a REFI-QDA project (.qdpx) or codebook
(.qdc), a Label Studio task list (.json), doccano JSONL, brat standoff (a
folder, a .zip, or one .ann next to its .txt), W3C Web Annotation JSON-LD, or
workbench's own JSONL export. The format comes from --format, else the
extension, else the content.

Documents are matched by id, then URL. Each span is checked against the
document's text: when the offsets drifted, it is re-anchored by its exact
text and reported; when it cannot be placed, it is reported, never shifted.
A label the codebook lacks is refused unless --add-labels adds it to
codebook.toml. With any problem the whole import is refused and nothing
changes; --partial takes what can be placed and lists the rest.

The tags are added in one transaction and one undo step; importing the same
file again adds nothing. Each tag keeps the analyst its file names (else
--analyst, else yours).`,
		Example: `  workbench import project.qdpx
  workbench import --analyst alice alice-labelstudio.json
  workbench import --add-labels --partial brat-export/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.Format != "" && !contains(exchange.ImportFormats, o.Format) {
				return usageErr("--format %q: want one of %s", o.Format, strings.Join(exchange.ImportFormats, ", "))
			}
			o.Analyst = a.analyst
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			res, err := w.Import(cmd.Context(), args, o)
			if res != nil {
				printImportReport(a, res)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "imported %d %s from %s (%s); %d already there\n", res.Added, map[bool]string{true: "tag", false: "tags"}[res.Added == 1],
				textsafe.CleanLine(strings.Join(res.Files, ", ")), strings.Join(res.Formats, ", "), res.Report.Duplicates)
			return nil
		},
	}
	c.Flags().StringVar(&o.Format, "format", "", "force a format: "+strings.Join(exchange.ImportFormats, ", "))
	c.Flags().BoolVar(&o.AddLabels, "add-labels", false, "add labels the codebook lacks to codebook.toml")
	c.Flags().BoolVar(&o.Partial, "partial", false, "import what can be placed and list the rest (default: refuse the whole import)")
	return c
}

func printImportReport(a *cli, res *app.ImportResult) {
	rep := res.Report
	for _, group := range []struct {
		what   string
		issues []exchange.Issue
	}{{"re-anchored", rep.Reanchored}, {"not placed", rep.Unanchored}, {"no such document", rep.UnknownDocs}, {"refused", rep.Rejected}} {
		for _, is := range group.issues {
			fmt.Fprintf(a.stderr, "%s: %s\n", group.what, textsafe.CleanLine(is.String()))
		}
	}
	for _, l := range rep.NewLabels {
		fmt.Fprintf(a.stderr, "added label %s to the codebook\n", textsafe.CleanLine(l.Name))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
