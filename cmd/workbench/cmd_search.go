package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// searchJSON is one line of `workbench search --json`.
type searchJSON struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Date      string   `json:"date"`
	Source    string   `json:"source"`
	URL       string   `json:"url"`
	Score     float64  `json:"score"`
	Fragments []string `json:"fragments"`
}

func newSearchCmd(a *cli) *cobra.Command {
	var limit, offset int
	var asJSON, anyWord bool
	c := &cobra.Command{
		Use:   "search [--limit N] [--offset N] [--any] [--json] QUERY",
		Short: "Search the index",
		Long: `Search the index. The query language is the search line's:

  words             every word, best matches first (--any: any of them)
  +word  -word      must have, must not have
  "a phrase"        the words in this order
  title:word        in the title only; source:kremlin.ru
  wild*  fuzzy~1    wildcard and fuzzy terms
  @putin            documents mentioning the actor (id, name or alias)
  speaker:ushakov   documents with a statement by that speaker
  #escalatory       documents holding statements you tagged with that label
  date:2022  date:2022-03  date:>2022-01-01  date:<=2023   dates (quotes optional)

Each shortcut takes + or -: -@zelensky leaves out documents mentioning him.
An unknown actor, label or speaker, or an impossible date, is an error
(exit status 2) that names it and the closest known names.

Several words of QUERY are joined with spaces. Hits print best first;
--json prints one object per line with the matched terms of each fragment
wrapped in <mark>...</mark>.`,
		Example: `  workbench search 'ushakov talks'
  workbench search '"peace talks" @putin -@zelensky'
  workbench search --limit 5 --json tomahawk | jq .title
  workbench search 'speaker:ryabkov escalation date:>2025-06-01'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit <= 0 {
				return usageErr("--limit must be at least 1, not %d", limit)
			}
			if offset < 0 {
				return usageErr("--offset must be at least 0, not %d", offset)
			}
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			res, err := w.Search(cmd.Context(), model.SearchRequest{Query: strings.Join(args, " "), Any: anyWord,
				Limit: limit, Offset: offset, Fragments: true, MaxFragments: 3})
			if err != nil {
				return err
			}
			return printSearch(a, res, asJSON)
		},
	}
	c.Flags().IntVar(&limit, "limit", 20, "number of hits")
	c.Flags().IntVar(&offset, "offset", 0, "skip this many hits (paging)")
	c.Flags().BoolVar(&anyWord, "any", false, "match any of the words (bleve's default), not every word")
	c.Flags().BoolVar(&asJSON, "json", false, "one JSON object per line")
	return c
}

func printSearch(a *cli, res *model.SearchResult, asJSON bool) error {
	if asJSON {
		enc := textsafe.NewJSONEncoder(a.stdout)
		for _, h := range res.Hits {
			frags := make([]string, 0, len(h.Fragments))
			for _, f := range h.Fragments {
				frags = append(frags, markFragment(f, "<mark>", "</mark>"))
			}
			if err := enc.Encode(searchJSON{ID: h.ID, Title: h.Title, Date: model.FormatDate(h.Date), Source: h.Source, URL: h.URL, Score: h.Score, Fragments: frags}); err != nil {
				return err
			}
		}
		return nil
	}
	w := a.stdout
	if res.Total == 0 {
		fmt.Fprintf(w, "no hits for %s\n", textsafe.CleanLine(res.Query.Raw))
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
			fmt.Fprintf(w, "    …%s…\n", markFragment(f, "[", "]"))
		}
	}
	return nil
}

// markFragment wraps the marks of f in open/close. Marks are code-point
// offsets into f.Text.
func markFragment(f model.Fragment, open, close string) string {
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
