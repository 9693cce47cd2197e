package main

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// stTagJSON is one line of `workbench tags --json`.
type stTagJSON struct {
	ID        int64     `json:"id"`
	QuoteID   string    `json:"quote_id"`
	DocID     string    `json:"doc_id"`
	Label     string    `json:"label"`
	Target    string    `json:"target"`
	Note      string    `json:"note"`
	Analyst   string    `json:"analyst"`
	Quote     string    `json:"quote"`
	Speaker   string    `json:"speaker"`
	Title     string    `json:"title"`
	Date      string    `json:"date"`
	Start     int       `json:"start"`
	End       int       `json:"end"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// stTagFilter is what tags and export share: --label, --actor, --since.
type stTagFilter struct {
	label, actor, since string
}

// list reads the matching tags.
func (f stTagFilter) list(ctx context.Context, w *app.App) ([]model.Tag, error) {
	af := app.TagFilter{Label: f.label, Actor: f.actor}
	if f.since != "" {
		t, err := stParseSince(f.since)
		if err != nil {
			return nil, err
		}
		af.Since = t
	}
	return w.Tags(ctx, af)
}

// stParseSince reads --since: YYYY-MM-DD (UTC midnight) or RFC 3339.
func stParseSince(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, usageErr("--since %q: want a date such as 2025-08-01 (or RFC 3339 time)", s)
}

func newTagsCmd(a *cli) *cobra.Command {
	var f stTagFilter
	var asJSON bool
	c := &cobra.Command{
		Use:   "tags [--label L] [--actor A] [--json]",
		Short: "List the tags",
		Long: `List the tags, oldest first. --label keeps one label; --actor keeps tags
whose target or speaker is the actor (registry name, id or alias, or the text
as written). Tags whose quote or document is no longer in the index are
marked "orphaned": they are kept, with the snapshot taken when tagging.

--json prints one object per line with the fields id, quote_id, doc_id,
label, target, note, analyst, quote, speaker, title, date, start, end,
created_at, updated_at (exact text, not sanitised).`,
		Example: `  workbench tags
  workbench tags --label escalatory --actor putin
  workbench tags --json | jq -r .quote`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			tags, err := f.list(ctx, w)
			if err != nil {
				return err
			}
			if asJSON {
				enc := textsafe.NewJSONEncoder(a.stdout)
				for _, t := range tags {
					j := stTagJSON{t.ID, t.QuoteID, t.DocID, t.Label, t.Target, t.Note, t.Analyst, t.Quote, t.Speaker,
						t.Title, t.Date, t.Start, t.End, t.CreatedAt, t.UpdatedAt}
					if err := enc.Encode(j); err != nil {
						return err
					}
				}
				return nil
			}
			if len(tags) == 0 {
				fmt.Fprintln(a.stdout, "no tags")
				return nil
			}
			orph, err := w.Orphans(ctx, tags)
			if err != nil {
				fmt.Fprintf(a.stderr, "workbench: warning: cannot check for orphaned tags: %v\n", err)
				orph = map[int64]bool{}
			}
			n := 0
			for _, t := range tags {
				stWriteTagLine(a, t, orph[t.ID])
				if orph[t.ID] {
					n++
				}
			}
			if n > 0 {
				fmt.Fprintf(a.stdout, "\n%d orphaned: the quote or document is no longer in the index; the tags and their snapshots are kept.\n", n)
			}
			return nil
		},
	}
	c.Flags().StringVar(&f.label, "label", "", "only tags with this label")
	c.Flags().StringVar(&f.actor, "actor", "", "only tags whose target or speaker is this actor")
	c.Flags().BoolVar(&asJSON, "json", false, "one JSON object per tag")
	return c
}

func stWriteTagLine(a *cli, t model.Tag, orphaned bool) {
	var b strings.Builder
	fmt.Fprintf(&b, "#%d  %s  %s", t.ID, textsafe.CleanLine(t.Label), textsafe.CleanLine(stSpanID(t)))
	if orphaned {
		b.WriteString("  [orphaned]")
	}
	b.WriteString("\n   ")
	who := textsafe.CleanLine(t.Speaker)
	if who == "" {
		who = "(unknown speaker)"
	}
	b.WriteString(who)
	if t.Target != "" {
		b.WriteString(" -> " + textsafe.CleanLine(t.Target))
	}
	if t.Title != "" {
		b.WriteString(" · " + textsafe.CleanLine(t.Title))
	}
	if t.Date != "" {
		b.WriteString(" (" + textsafe.CleanLine(t.Date) + ")")
	}
	b.WriteString("\n   “" + stTruncate(textsafe.CleanLine(t.Quote), 160) + "”\n")
	if t.Note != "" {
		b.WriteString("   note: " + textsafe.CleanLine(t.Note) + "\n")
	}
	b.WriteString("   tagged")
	if t.Analyst != "" {
		b.WriteString(" by " + textsafe.CleanLine(t.Analyst))
	}
	b.WriteString(" on " + t.CreatedAt.Local().Format("2006-01-02 15:04") + "\n")
	fmt.Fprint(a.stdout, b.String())
}

// stTruncate shortens s to at most n code points, with an ellipsis.
func stTruncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
