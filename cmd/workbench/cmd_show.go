package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// ixShowJSON is the output of `workbench show --json`.
type ixShowJSON struct {
	ID       string          `json:"id"`
	Title    string          `json:"title"`
	Date     string          `json:"date"`
	Source   string          `json:"source"`
	URL      string          `json:"url"`
	Body     string          `json:"body"`
	Mentions []model.Mention `json:"mentions"`
	Quotes   []model.Quote   `json:"quotes"`
	// Statements: quotes, turns and the analysts' spans, with the
	// analysts' speakers (issue 11).
	Statements []model.Statement `json:"statements"`
}

func newShowCmd(a *cli) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "show [--json] ID",
		Short: "Print one document with its actors and quotes",
		Long: `Print one indexed document: title, date, source, URL, body, the actors it
mentions and the quotations found in it with their speakers. --json prints
one object with "mentions", "quotes" and "statements" (quotes, transcript
turns and your spans, each {"id","doc_id","kind","start","end","text",
"speaker","speaker_source","confidence"}, with your speaker corrections);
offsets are code points into the body.`,
		Example: `  workbench show kremlin-37772
  workbench show --json seed-ushakov-alaska-talks | jq '.quotes[] | {speaker, text}'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return ixRunShow(cmd.Context(), a, args[0], asJSON)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func ixRunShow(ctx context.Context, a *cli, id string, asJSON bool) error {
	w, err := a.open()
	if err != nil {
		return err
	}
	defer w.Close()
	d, err := w.Doc(ctx, id)
	if errors.Is(err, index.ErrNotFound) {
		return fmt.Errorf("no document with id %q in the index: find ids with `workbench search QUERY`", id)
	}
	if err != nil {
		return err
	}
	if asJSON {
		js := ixShowJSON{ID: d.ID, Title: d.Title, Date: model.FormatDate(d.Date), Source: d.Source, URL: d.URL, Body: d.Body,
			Mentions: d.Analysis.Mentions, Quotes: d.Analysis.Quotes}
		if js.Mentions == nil {
			js.Mentions = []model.Mention{}
		}
		if js.Quotes == nil {
			js.Quotes = []model.Quote{}
		}
		if js.Statements, err = w.DocStatements(ctx, id); err != nil {
			return err
		}
		if js.Statements == nil {
			js.Statements = []model.Statement{}
		}
		enc := textsafe.NewJSONEncoder(a.stdout)
		return enc.Encode(js)
	}
	out := a.stdout
	fmt.Fprintf(out, "%s\n", textsafe.CleanLine(d.Title))
	var meta []string
	if s := model.FormatDate(d.Date); s != "" {
		meta = append(meta, s)
	}
	if d.Source != "" {
		meta = append(meta, textsafe.CleanLine(d.Source))
	}
	meta = append(meta, "id "+textsafe.CleanLine(d.ID))
	fmt.Fprintf(out, "%s\n", strings.Join(meta, " · "))
	if d.URL != "" {
		fmt.Fprintf(out, "%s\n", textsafe.CleanLine(d.URL))
	}
	fmt.Fprintf(out, "\n%s\n", strings.TrimRight(textsafe.Clean(d.Body), "\n"))
	if ms := d.Analysis.Mentions; len(ms) > 0 {
		var parts []string
		for _, c := range mentionCounts(ms) {
			parts = append(parts, fmt.Sprintf("%s (%d)", textsafe.CleanLine(c.actor), c.n))
		}
		fmt.Fprintf(out, "\nActors: %s\n", strings.Join(parts, ", "))
	}
	if qs := d.Analysis.Quotes; len(qs) > 0 {
		fmt.Fprintf(out, "\nQuotes (%d):\n", len(qs))
		for _, q := range qs {
			sp := q.Speaker
			if sp == "" {
				sp = "unattributed"
			}
			fmt.Fprintf(out, "  “%s” — %s (%s) [%s]\n", textsafe.CleanLine(q.Text), textsafe.CleanLine(sp), q.Kind, textsafe.CleanLine(q.ID))
		}
	}
	return nil
}

// actorCount is how often one actor is mentioned.
type actorCount struct {
	actor string
	n     int
}

// mentionCounts counts mentions per actor id, most mentioned first (ties by
// id), for the readable output of show and analyze.
func mentionCounts(ms []model.Mention) []actorCount {
	counts := map[string]int{}
	for _, m := range ms {
		counts[m.Actor]++
	}
	out := make([]actorCount, 0, len(counts))
	for a, n := range counts {
		out = append(out, actorCount{a, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].actor < out[j].actor
	})
	return out
}
