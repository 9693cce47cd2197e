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

func init() { commands = append(commands, newQuotesCmd) }

// ixQuoteJSON is one line of `workbench quotes --json`.
type ixQuoteJSON struct {
	ID      string `json:"id"`
	DocID   string `json:"doc_id"`
	Title   string `json:"title"`
	Date    string `json:"date"`
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Kind    string `json:"kind"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

func newQuotesCmd(a *app) *cobra.Command {
	var actor, speaker string
	var limit int
	var asJSON bool
	c := &cobra.Command{
		Use:   "quotes [--actor NAME] [--speaker NAME] [--limit N] [--json] [QUERY]",
		Short: "List quotations across the corpus",
		Long: `List the quotations found in the indexed documents, newest first, or best
first when QUERY (bleve query-string syntax over the quote text) is given.

--speaker NAME keeps quotes said by NAME; --actor NAME keeps quotes that
mention NAME. NAME is an actor's id, name or alias from the registry
(actors.toml in the workspace); a speaker not in the registry is matched by
the name as written. #label in QUERY keeps quotes you tagged with it.`,
		Example: `  workbench quotes --speaker ushakov
  workbench quotes --actor zelensky --limit 5 escalation
  workbench quotes --json '"peace talks"' | jq .speaker`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit <= 0 {
				return usageErr("--limit must be at least 1, not %d", limit)
			}
			return ixRunQuotes(cmd.Context(), a, strings.Join(args, " "), actor, speaker, limit, asJSON)
		},
	}
	c.Flags().StringVar(&actor, "actor", "", "only quotes mentioning this actor")
	c.Flags().StringVar(&speaker, "speaker", "", "only quotes by this speaker")
	c.Flags().IntVar(&limit, "limit", 20, "number of quotes")
	c.Flags().BoolVar(&asJSON, "json", false, "one JSON object per line")
	return c
}

func ixRunQuotes(ctx context.Context, a *app, q, actor, speaker string, limit int, asJSON bool) error {
	ws, err := a.workspace()
	if err != nil {
		return err
	}
	reg, _, err := loadRegistry(ws)
	if err != nil {
		return err
	}
	req := index.QuoteRequest{Limit: limit}
	if actor != "" {
		act, ok := reg.Lookup(actor)
		if !ok {
			return usageErr("--actor %q is not in the actor registry %s: use an id, name or alias from it, or add the actor there", actor, ws.ActorsPath())
		}
		req.Actor = act.ID
	}
	if speaker != "" {
		if act, ok := reg.Lookup(speaker); ok {
			req.Speaker = act.ID
		} else {
			req.Speaker = speaker
		}
	}
	pq := index.ParseQuery(q)
	if len(pq.Actors) > 0 || len(pq.Speakers) > 0 {
		return usageErr("use --actor and --speaker with `workbench quotes`, not @ or speaker: in the query")
	}
	req.Query = pq.Text
	if len(pq.Labels) > 0 {
		ids, err := ixQuotesWithLabels(ctx, ws, pq.Labels)
		if err != nil {
			return err
		}
		req.QuoteFilter = ids
	}
	ix, err := openIndexRead(ws)
	if err != nil {
		return err
	}
	defer ix.Close()
	hits, total, err := ix.Quotes(ctx, req)
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
		for _, h := range hits {
			if err := enc.Encode(ixQuoteJSON{ID: h.ID, DocID: h.DocID, Title: h.Title, Date: model.FormatDate(h.Date),
				Text: h.Text, Speaker: h.Speaker, Kind: h.Kind, Start: h.Start, End: h.End}); err != nil {
				return err
			}
		}
		return nil
	}
	w := a.stdout
	if total == 0 {
		fmt.Fprintln(w, "no quotes found")
		return nil
	}
	noun := "quotes"
	if total == 1 {
		noun = "quote"
	}
	fmt.Fprintf(w, "%d %s, showing %d\n", total, noun, len(hits))
	for _, h := range hits {
		sp := h.Speaker
		if sp == "" {
			sp = "unattributed"
		}
		meta := []string{textsafe.CleanLine(h.Title)}
		if d := model.FormatDate(h.Date); d != "" {
			meta = append(meta, d)
		}
		meta = append(meta, textsafe.CleanLine(h.ID))
		fmt.Fprintf(w, "\n“%s”\n    — %s (%s) · %s\n", textsafe.CleanLine(h.Text), textsafe.CleanLine(sp), h.Kind, strings.Join(meta, " · "))
	}
	return nil
}

// ixQuotesWithLabels resolves #label to the ids of quotes tagged with every
// label.
func ixQuotesWithLabels(ctx context.Context, ws *workspace.Workspace, labels []string) ([]string, error) {
	if !exists(ws.TagsPath()) {
		return []string{}, nil
	}
	st, err := store.Open(ws.TagsPath())
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var out map[string]bool
	for _, l := range labels {
		tags, err := st.List(ctx, store.Filter{Label: l})
		if err != nil {
			return nil, err
		}
		cur := map[string]bool{}
		for _, t := range tags {
			if t.QuoteID != "" && (out == nil || out[t.QuoteID]) {
				cur[t.QuoteID] = true
			}
		}
		out = cur
	}
	ids := make([]string, 0, len(out))
	for id := range out {
		ids = append(ids, id)
	}
	return ids, nil
}
