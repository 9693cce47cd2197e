package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/textsafe"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// insightFlags are what stats and report share.
type insightFlags struct {
	by, label, since, until, interval string
}

func (f *insightFlags) add(c *cobra.Command) {
	c.Flags().StringVar(&f.by, "by", "speaker", "matrix rows: speaker, target or actor")
	c.Flags().StringVar(&f.label, "label", "", "only tags with this label")
	c.Flags().StringVar(&f.since, "since", "", "only documents on or after DATE (YYYY-MM-DD)")
	c.Flags().StringVar(&f.until, "until", "", "only documents on or before DATE (YYYY-MM-DD)")
	c.Flags().StringVar(&f.interval, "interval", "month", "timeline points: month or year")
}

func (f *insightFlags) options() (insights.Options, error) {
	o := insights.Options{By: f.by, Label: f.label, Interval: f.interval}
	for _, d := range []struct {
		flag, v string
		to      *time.Time
	}{{"--since", f.since, &o.Since}, {"--until", f.until, &o.Until}} {
		if d.v == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", d.v)
		if err != nil {
			return o, usageErr("%s %q: want a date such as 2022-03-01", d.flag, d.v)
		}
		*d.to = t
	}
	if err := o.Validate(); err != nil {
		return o, usageErr("%v", err)
	}
	return o, nil
}

func newStatsCmd(a *cli) *cobra.Command {
	var f insightFlags
	var asJSON bool
	c := &cobra.Command{
		Use:   "stats [--by speaker|target|actor] [--label L] [--since DATE] [--until DATE] [--interval month|year] [--json] [QUERY]",
		Short: "Count what the tags say: stance by actor, over time, and who appears with whom",
		Long: `Count, for the documents matching QUERY (every document when it is empty):

  matrix        tagged statements by speaker (or target, or actor) and label
  timeline      per month (or year), for the five most mentioned actors:
                their statements, the documents mentioning them, their tags
  cooccurrence  pairs of actors mentioned in the same documents

--json prints one object: {"query","matrix":{"by","rows","labels","counts"},
"timeline":{"interval","series":[{"name","points":[{"t","statements",
"mentions","tags"}]}]},"cooccurrence":[{"a","b","docs"}],"actors":[...]}.
Undated documents count under "no date".`,
		Example: `  workbench stats
  workbench stats --by target --label escalatory @putin
  workbench stats --interval year --json nato | jq .timeline`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := f.options()
			if err != nil {
				return err
			}
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			d, _, err := w.Insights(cmd.Context(), strings.Join(args, " "), o)
			if err != nil {
				return err
			}
			if asJSON {
				return textsafe.NewJSONEncoder(a.stdout).Encode(d)
			}
			return printStats(a.stdout, d)
		},
	}
	f.add(c)
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}

// printStats prints the three views as plain tables.
func printStats(w io.Writer, d insights.Data) error {
	m := d.Matrix
	fmt.Fprintf(w, "Stance by %s", m.By)
	if d.Query != "" {
		fmt.Fprintf(w, " for %s", textsafe.CleanLine(d.Query))
	}
	fmt.Fprintln(w)
	if len(m.Rows) == 0 {
		fmt.Fprintln(w, "  no tagged statements")
	} else {
		fmt.Fprintf(w, "  %-28s", "")
		for _, l := range m.Labels {
			fmt.Fprintf(w, " %14s", shorten(textsafe.CleanLine(l), 14))
		}
		fmt.Fprintln(w)
		for i, r := range m.Rows {
			fmt.Fprintf(w, "  %-28s", shorten(textsafe.CleanLine(r), 28))
			for _, n := range m.Counts[i] {
				fmt.Fprintf(w, " %14d", n)
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "\nTimeline per %s (statements / mentions / tags)\n", d.Timeline.Interval)
	if len(d.Timeline.Series) == 0 {
		fmt.Fprintln(w, "  no actor is mentioned")
	}
	for _, s := range d.Timeline.Series {
		fmt.Fprintf(w, "  %s:", textsafe.CleanLine(s.Name))
		n := 0
		for _, p := range s.Points {
			if p.Statements+p.Mentions+p.Tags == 0 {
				continue
			}
			fmt.Fprintf(w, " %s %d/%d/%d", p.T, p.Statements, p.Mentions, p.Tags)
			if n++; n >= 24 {
				fmt.Fprint(w, " …")
				break
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\nActors mentioned together (documents)")
	if len(d.Cooccurrence) == 0 {
		fmt.Fprintln(w, "  no two actors share a document")
	}
	for _, p := range d.Cooccurrence {
		fmt.Fprintf(w, "  %-20s %-20s %d\n", textsafe.CleanLine(p.A), textsafe.CleanLine(p.B), p.Docs)
	}
	return nil
}

func newReportCmd(a *cli) *cobra.Command {
	var f insightFlags
	var out, format string
	c := &cobra.Command{
		Use:   "report [--out FILE] [--format html|md] [QUERY]",
		Short: "Write the insights of a query as one self-contained HTML or Markdown file",
		Long: `Write one self-contained file for the documents matching QUERY (every
document when it is empty): the stance matrix, the timeline and the
co-occurrence of actors (HTML: inline SVG charts and CSS, nothing fetched,
printable; Markdown: tables), the tagged statements with their notes, the
codebook, and a methods block (corpus, query, dates, analysts, counts,
version), with the kremlin.ru attribution when its documents are in it.

It goes to WORKSPACE/reports/report-DATE-TIME.EXT unless --out names a
file; either way it is written atomically.`,
		Example: `  workbench report
  workbench report --format md --out putin-nato.md '@putin nato'
  workbench report --since 2022-01-01 --by target`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			format = strings.ToLower(strings.TrimSpace(format))
			if format == "markdown" {
				format = "md"
			}
			if !contains(app.ReportFormats, format) {
				return usageErr("--format %q: want html or md", format)
			}
			o, err := f.options()
			if err != nil {
				return err
			}
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			b, err := w.Report(cmd.Context(), strings.Join(args, " "), format, version, o)
			if err != nil {
				return err
			}
			path := out
			if path == "" {
				if path, err = w.ReportPath(format); err != nil {
					return err
				}
			} else if path, err = filepath.Abs(out); err != nil {
				return err
			}
			if err := workspace.WriteOutput(path, func(dst io.Writer) error {
				_, err := dst.Write(b)
				return err
			}); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "wrote %s\n", textsafe.CleanLine(path))
			return nil
		},
	}
	f.add(c)
	c.Flags().StringVar(&out, "out", "", "write to FILE (default WORKSPACE/reports/report-DATE-TIME.EXT)")
	c.Flags().StringVar(&format, "format", "html", "html or md")
	return c
}
