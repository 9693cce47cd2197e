package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/textsafe"
	"github.com/workbench-dev/workbench/internal/workspace"
)

func init() { commands = append(commands, newSearchCmd) }

// ixSearchJSON is one line of `workbench search --json`.
type ixSearchJSON struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Date      string   `json:"date"`
	Source    string   `json:"source"`
	URL       string   `json:"url"`
	Score     float64  `json:"score"`
	Fragments []string `json:"fragments"`
}

func newSearchCmd(a *app) *cobra.Command {
	var limit int
	var asJSON bool
	c := &cobra.Command{
		Use:   "search [--limit N] [--json] QUERY",
		Short: "Search the index",
		Long: `Search the index with bleve's query-string syntax plus shortcuts:

  words             any of the words, best matches first (+word: must, -word: must not)
  "a phrase"        the words in this order
  title:word        in the title only; source:kremlin.ru; date:>"2025-01-01"
  wild*  fuzzy~1    wildcard and fuzzy terms
  @putin            documents mentioning the actor (id, name or alias)
  speaker:ushakov   documents with a quote by that speaker
  #escalatory       documents you tagged with that label

Several words of QUERY are joined with spaces. Hits print best first;
--json prints one object per line with the matched terms of each fragment
wrapped in <mark>...</mark>.`,
		Example: `  workbench search 'ushakov AND talks'
  workbench search '"peace talks" @putin'
  workbench search --limit 5 --json tomahawk | jq .title
  workbench search 'speaker:ryabkov escalation date:>"2025-06-01"'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit <= 0 {
				return usageErr("--limit must be at least 1, not %d", limit)
			}
			return ixRunSearch(cmd.Context(), a, strings.Join(args, " "), limit, asJSON)
		},
	}
	c.Flags().IntVar(&limit, "limit", 20, "number of hits")
	c.Flags().BoolVar(&asJSON, "json", false, "one JSON object per line")
	return c
}

func ixRunSearch(ctx context.Context, a *app, q string, limit int, asJSON bool) error {
	ws, err := a.workspace()
	if err != nil {
		return err
	}
	ix, err := openIndexRead(ws)
	if err != nil {
		return err
	}
	defer ix.Close()
	reg, _, err := loadRegistry(ws)
	if err != nil {
		return err
	}
	pq := index.ParseQuery(q)
	// Actor shortcuts accept names and aliases: resolve them to ids.
	if len(pq.Actors) > 0 {
		for i, name := range pq.Actors {
			act, ok := reg.Lookup(name)
			if !ok {
				return usageErr("unknown actor %q in the query: use an id, name or alias from %s", name, ws.ActorsPath())
			}
			pq.Actors[i] = act.ID
		}
		q = pq.String()
	}
	var docFilter []string
	if len(pq.Labels) > 0 {
		docFilter, err = ixDocsWithLabels(ctx, ws, pq.Labels)
		if err != nil {
			return err
		}
	}
	res, err := ix.Search(ctx, index.Request{Query: q, Limit: limit, DocFilter: docFilter, Fragments: true, MaxFragments: 3})
	if err != nil {
		var qe *index.QueryError
		if errors.As(err, &qe) {
			return usageErr("%v", qe)
		}
		return err
	}
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		for _, h := range res.Hits {
			frags := make([]string, 0, len(h.Fragments))
			for _, f := range h.Fragments {
				frags = append(frags, ixMarkFragment(f, "<mark>", "</mark>"))
			}
			if err := enc.Encode(ixSearchJSON{ID: h.ID, Title: h.Title, Date: model.FormatDate(h.Date), Source: h.Source, URL: h.URL, Score: h.Score, Fragments: frags}); err != nil {
				return err
			}
		}
		return nil
	}
	w := a.stdout
	if res.Total == 0 {
		fmt.Fprintf(w, "no hits for %s\n", textsafe.CleanLine(q))
		return nil
	}
	noun := "hits"
	if res.Total == 1 {
		noun = "hit"
	}
	fmt.Fprintf(w, "%d %s (%s), showing %d\n", res.Total, noun, ixDuration(res.Took), len(res.Hits))
	for i, h := range res.Hits {
		meta := []string{textsafe.CleanLine(h.ID)}
		if d := model.FormatDate(h.Date); d != "" {
			meta = append(meta, d)
		}
		if h.Source != "" {
			meta = append(meta, textsafe.CleanLine(h.Source))
		}
		fmt.Fprintf(w, "\n%2d. %s\n    %s\n", i+1, textsafe.CleanLine(h.Title), strings.Join(meta, " · "))
		for _, f := range h.Fragments {
			f.Text = textsafe.CleanLine(f.Text)
			fmt.Fprintf(w, "    …%s…\n", ixMarkFragment(f, "[", "]"))
		}
	}
	return nil
}

// ixMarkFragment wraps the marks of f in open/close. Marks are code-point
// offsets into f.Text.
func ixMarkFragment(f index.Fragment, open, close string) string {
	rs := []rune(f.Text)
	var b strings.Builder
	pos := 0
	for _, m := range f.Marks {
		if m.Start < pos || m.End > len(rs) || m.Start > m.End {
			continue
		}
		b.WriteString(string(rs[pos:m.Start]))
		b.WriteString(open)
		b.WriteString(string(rs[m.Start:m.End]))
		b.WriteString(close)
		pos = m.End
	}
	b.WriteString(string(rs[pos:]))
	return b.String()
}

// ixDocsWithLabels resolves #label shortcuts to the ids of documents tagged
// with every label.
func ixDocsWithLabels(ctx context.Context, ws *workspace.Workspace, labels []string) ([]string, error) {
	if !exists(ws.TagsPath()) {
		return []string{}, nil
	}
	st, err := store.Open(ws.TagsPath())
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var out []string
	for i, l := range labels {
		ids, err := st.DocsWithLabel(ctx, l)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			out = ids
			continue
		}
		keep := map[string]bool{}
		for _, id := range ids {
			keep[id] = true
		}
		var next []string
		for _, id := range out {
			if keep[id] {
				next = append(next, id)
			}
		}
		out = next
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}
