package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/textsafe"
	"github.com/workbench-dev/workbench/internal/workspace"
)

func init() { commands = append(commands, newTagsCmd) }

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

// list reads the matching tags. --actor matches the target or the speaker:
// through the actor registry when it knows the name (any of the actor's
// names, aliases or its id), else as written, ignoring case.
func (f stTagFilter) list(ctx context.Context, a *app, ws *workspace.Workspace) ([]model.Tag, error) {
	sf := store.Filter{Label: f.label}
	if f.since != "" {
		t, err := stParseSince(f.since)
		if err != nil {
			return nil, err
		}
		sf.Since = t
	}
	if !exists(ws.TagsPath()) {
		return nil, nil
	}
	st, err := stOpenStoreRead(ws)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	tags, err := st.List(ctx, sf)
	if err != nil {
		return nil, err
	}
	if f.actor == "" {
		return tags, nil
	}
	names := []string{f.actor}
	if reg, _, err := loadRegistry(ws); err == nil {
		if act, ok := reg.Lookup(f.actor); ok {
			names = append(append(names, act.ID, act.Name), act.Aliases...)
		}
	}
	match := func(s string) bool {
		if s == "" {
			return false
		}
		for _, n := range names {
			if strings.EqualFold(s, n) {
				return true
			}
		}
		return false
	}
	kept := tags[:0]
	for _, t := range tags {
		if match(t.Target) || match(t.Speaker) {
			kept = append(kept, t)
		}
	}
	return kept, nil
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

// stOrphans reports which tags point at a quote or document the index no
// longer has, or at a span whose text changed when the document was
// re-indexed (the snapshot no longer matches). It returns an error when the
// index cannot be read (then nothing is known).
func stOrphans(ctx context.Context, ws *workspace.Workspace, tags []model.Tag) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(tags) == 0 {
		return out, nil
	}
	ix, err := index.Open(ws.IndexPath(), index.OpenOptions{ReadOnly: true})
	if errors.Is(err, index.ErrNoIndex) {
		for _, t := range tags {
			out[t.ID] = true
		}
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	bodies := map[string][]rune{} // nil: gone
	quoteOK := map[string]bool{}
	for _, t := range tags {
		if t.QuoteID != "" {
			ok, seen := quoteOK[t.QuoteID]
			if !seen {
				_, err := ix.Quote(ctx, t.QuoteID)
				if err != nil && !errors.Is(err, index.ErrNotFound) {
					return nil, err
				}
				ok = err == nil
				quoteOK[t.QuoteID] = ok
			}
			if !ok {
				out[t.ID] = true
			}
			continue
		}
		body, seen := bodies[t.DocID]
		if !seen {
			d, err := ix.Get(ctx, t.DocID)
			switch {
			case errors.Is(err, index.ErrNotFound):
			case err != nil:
				return nil, err
			default:
				body = []rune(d.Body)
			}
			bodies[t.DocID] = body
		}
		if body == nil || len(body) < t.End || (t.Quote != "" && string(body[t.Start:t.End]) != t.Quote) {
			out[t.ID] = true
		}
	}
	return out, nil
}

func newTagsCmd(a *app) *cobra.Command {
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
			ws, err := a.workspace()
			if err != nil {
				return err
			}
			tags, err := f.list(ctx, a, ws)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetEscapeHTML(false)
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
			orph, err := stOrphans(ctx, ws, tags)
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

func stWriteTagLine(a *app, t model.Tag, orphaned bool) {
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
