package main

import (
	"bytes"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/workspace"
)

func newExportCmd(a *cli) *cobra.Command {
	var f stTagFilter
	var format, out string
	c := &cobra.Command{
		Use:   "export --format csv|jsonl|md [--out FILE] [--label L] [--actor A] [--since DATE]",
		Short: "Export the tags as CSV, JSON lines or a Markdown report",
		Long: `Export the tags with their snapshots, to stdout or, with --out, to a file
written atomically (a temporary file renamed into place, mode 0600).

  csv    RFC 4180, UTF-8, header row: quote_id, doc_id, title, date, source,
         url, speaker, quote, label, target, note, analyst, tagged_at, start,
         end. Cells starting with = + - @ tab or CR get a leading ' so that
         spreadsheets do not run them as formulas (OWASP); a cell starting
         with ' followed by one of those or another ' gets one too. Drop a
         leading ' followed by one of = + - @ tab CR ' to get the text back.
  jsonl  one object per tag with the same fields; exact text.
  md     a report grouped by label (codebook order), then speaker; each quote
         a blockquote with its source line.

--since keeps tags made on or after DATE (YYYY-MM-DD, UTC).`,
		Example: `  workbench export --format csv --out tags.csv
  workbench export --format md --label escalatory --actor putin > escalation.md
  workbench export --format jsonl --since 2025-08-01 | jq .quote`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := app.ExportFormat(format)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			tags, err := f.list(cmd.Context(), w)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			dst := a.stdout
			if out != "" {
				dst = &buf
			}
			if err := w.Export(dst, format, tags); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if out == "" {
				return nil
			}
			path, err := filepath.Abs(out)
			if err != nil {
				return err
			}
			if err := workspace.WriteFileAtomic(path, buf.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "exported %d %s to %s\n", len(tags), map[bool]string{true: "tag", false: "tags"}[len(tags) == 1], out)
			return nil
		},
	}
	c.Flags().StringVar(&format, "format", "csv", "csv, jsonl or md")
	c.Flags().StringVar(&out, "out", "", "write to this file (atomically) instead of stdout")
	c.Flags().StringVar(&f.label, "label", "", "only tags with this label")
	c.Flags().StringVar(&f.actor, "actor", "", "only tags whose target or speaker is this actor")
	c.Flags().StringVar(&f.since, "since", "", "only tags made on or after this date (YYYY-MM-DD)")
	return c
}
