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
	"github.com/workbench-dev/workbench/internal/textsafe"
)

func init() { commands = append(commands, newShowCmd) }

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
}

func newShowCmd(a *app) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "show [--json] ID",
		Short: "Print one document with its actors and quotes",
		Long: `Print one indexed document: title, date, source, URL, body, the actors it
mentions and the quotations found in it with their speakers. --json prints
one object with "mentions" and "quotes" (offsets are code points into the
body).`,
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

func ixRunShow(ctx context.Context, a *app, id string, asJSON bool) error {
	ws, err := a.workspace()
	if err != nil {
		return err
	}
	ix, err := openIndexRead(ws)
	if err != nil {
		return err
	}
	defer ix.Close()
	d, err := ix.Get(ctx, id)
	if errors.Is(err, index.ErrNotFound) {
		return fmt.Errorf("no document with id %q in the index: find ids with `workbench search QUERY`", id)
	}
	if err != nil {
		return err
	}
	if asJSON {
		out := ixShowJSON{ID: d.ID, Title: d.Title, Date: model.FormatDate(d.Date), Source: d.Source, URL: d.URL, Body: d.Body,
			Mentions: d.Analysis.Mentions, Quotes: d.Analysis.Quotes}
		if out.Mentions == nil {
			out.Mentions = []model.Mention{}
		}
		if out.Quotes == nil {
			out.Quotes = []model.Quote{}
		}
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	w := a.stdout
	fmt.Fprintf(w, "%s\n", textsafe.CleanLine(d.Title))
	var meta []string
	if s := model.FormatDate(d.Date); s != "" {
		meta = append(meta, s)
	}
	if d.Source != "" {
		meta = append(meta, textsafe.CleanLine(d.Source))
	}
	meta = append(meta, "id "+textsafe.CleanLine(d.ID))
	fmt.Fprintf(w, "%s\n", strings.Join(meta, " · "))
	if d.URL != "" {
		fmt.Fprintf(w, "%s\n", textsafe.CleanLine(d.URL))
	}
	fmt.Fprintf(w, "\n%s\n", strings.TrimRight(textsafe.Clean(d.Body), "\n"))
	if ms := d.Analysis.Mentions; len(ms) > 0 {
		var parts []string
		for _, c := range mentionCounts(ms) {
			parts = append(parts, fmt.Sprintf("%s (%d)", textsafe.CleanLine(c.actor), c.n))
		}
		fmt.Fprintf(w, "\nActors: %s\n", strings.Join(parts, ", "))
	}
	if qs := d.Analysis.Quotes; len(qs) > 0 {
		fmt.Fprintf(w, "\nQuotes (%d):\n", len(qs))
		for _, q := range qs {
			sp := q.Speaker
			if sp == "" {
				sp = "unattributed"
			}
			fmt.Fprintf(w, "  “%s” — %s (%s) [%s]\n", textsafe.CleanLine(q.Text), textsafe.CleanLine(sp), q.Kind, textsafe.CleanLine(q.ID))
		}
	}
	return nil
}
