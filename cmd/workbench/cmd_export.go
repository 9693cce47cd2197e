package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
	"github.com/workbench-dev/workbench/internal/workspace"
)

func newExportCmd(a *cli) *cobra.Command {
	var f stTagFilter
	var format, out string
	c := &cobra.Command{
		Use:   "export --format csv|jsonl|md|qdpx|qdc|labelstudio|doccano|brat|webanno [--out PATH] [--label L] [--actor A] [--since DATE] [--analyst NAME]",
		Short: "Export the tags as CSV, JSON lines, a Markdown report, or for another tool",
		Long: `Export the tags with their snapshots, to stdout or, with --out, to a file
written atomically (a temporary file renamed into place, mode 0600).

  csv    RFC 4180, UTF-8, header row: quote_id, doc_id, title, date, source,
         url, speaker, quote, label, target, note, analyst, tagged_at, start,
         end, speaker_source (cue, turn, role or analyst: where the speaker
         comes from; a span's speaker is the one of the turn or quote
         holding it unless the analyst set it). Cells starting with = + - @ tab or CR get a leading ' so that
         spreadsheets do not run them as formulas (OWASP); a cell starting
         with ' followed by one of those or another ' gets one too. Drop a
         leading ' followed by one of = + - @ tab CR ' to get the text back.
  jsonl  one object per tag with the same fields; exact text.
  md     a report grouped by label (codebook order), then speaker; each quote
         a blockquote with its source line.

For other tools (--out PATH required; see the README's exchange section):

  qdpx         REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder, Taguette)
  qdc          REFI-QDA codebook
  labelstudio  Label Studio task list, with its labelling config next to it
               (PATH.config.xml)
  doccano      doccano JSONL, one line per document and analyst
  brat         brat standoff: a folder (or PATH.zip) of DOC.txt + DOC.ann per
               analyst
  webanno      W3C Web Annotation JSON-LD

Tags whose document is gone or whose text changed are left out of these and
listed. Offsets are in the unit each tool counts (code points).

--since keeps tags made on or after DATE (YYYY-MM-DD, UTC). --analyst NAME
keeps one analyst's tags (adjudicated: the adjudicated set).`,
		Example: `  workbench export --format csv --out tags.csv
  workbench export --format qdpx --out project.qdpx
  workbench export --format labelstudio --analyst alice --out alice.json
  workbench export --format md --label escalatory --actor putin > escalation.md
  workbench export --format jsonl --since 2025-08-01 | jq .quote`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			foreign := app.IsExchangeFormat(strings.ToLower(strings.TrimSpace(format)))
			if foreign {
				format = strings.ToLower(strings.TrimSpace(format))
				if out == "" {
					return usageErr("--format %s writes files: give --out PATH", format)
				}
			} else {
				var err error
				if format, err = app.ExportFormat(format); err != nil {
					return usageErr("--format %q: want csv, jsonl, md, qdpx, qdc, labelstudio, doccano, brat or webanno", format)
				}
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
			if cmd.Flags().Changed("analyst") {
				kept := tags[:0]
				for _, t := range tags {
					if t.Analyst == a.analyst {
						kept = append(kept, t)
					}
				}
				tags = kept
			}
			if foreign {
				return exportForeign(cmd.Context(), a, w, out, format, tags)
			}
			if out == "" {
				// To a terminal, the readable formats go through the
				// sanitiser (JSONL escapes what a terminal acts on).
				dst := a.stdout
				var tw *textsafe.Writer
				if format != "jsonl" && isTTY(a.stdout) {
					tw = textsafe.NewWriter(a.stdout)
					dst = tw
				}
				if err := w.Export(dst, format, tags); err != nil {
					return fmt.Errorf("export: %w", err)
				}
				if tw != nil {
					return tw.Flush()
				}
				return nil
			}
			var buf bytes.Buffer
			if err := w.Export(&buf, format, tags); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			path, err := filepath.Abs(out)
			if err != nil {
				return err
			}
			// A regular file (or a symlink's target) is replaced
			// atomically; a FIFO or a device (/dev/stdout) is written to.
			if err := workspace.WriteOutput(path, func(dst io.Writer) error {
				_, err := dst.Write(buf.Bytes())
				return err
			}); err != nil {
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

// exportForeign writes a format of another tool and says what it wrote and
// what it left out.
func exportForeign(ctx context.Context, a *cli, w *app.App, out, format string, tags []model.Tag) error {
	path, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	paths, orphans, err := w.ExportExchange(ctx, path, format, tags)
	if err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	n := len(tags) - len(orphans)
	fmt.Fprintf(a.stdout, "exported %d %s as %s to %s\n", n, map[bool]string{true: "tag", false: "tags"}[n == 1], format, textsafe.CleanLine(out))
	if len(paths) > 1 && len(paths) <= 3 {
		for _, p := range paths {
			fmt.Fprintf(a.stdout, "  %s\n", textsafe.CleanLine(p))
		}
	}
	for _, t := range orphans {
		fmt.Fprintf(a.stderr, "left out tag %d (%s on %s): its document is no longer in the index or its text changed\n", t.ID, textsafe.CleanLine(t.Label), textsafe.CleanLine(stSpanID(t)))
	}
	return nil
}
