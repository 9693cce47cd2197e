package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// quoteJSON is one line of `workbench quotes --json`.
type quoteJSON struct {
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

func newQuotesCmd(a *cli) *cobra.Command {
	var actor, speaker string
	var limit, offset int
	var asJSON bool
	c := &cobra.Command{
		Use:   "quotes [--actor NAME] [--speaker NAME] [--limit N] [--offset N] [--json] [QUERY]",
		Short: "List quotations across the corpus",
		Long: `List the quotations found in the indexed documents, newest first, all of
them (up to --limit, from --offset) with their exact number.

QUERY is the search line's language applied to quotes: its words search the
quote text; @NAME keeps quotes that mention the actor, speaker:NAME the
quotes said by NAME, #label the quotes you tagged with it, date: the
articles' dates; each with - leaves them out. --actor NAME and --speaker NAME
are the same as @NAME and speaker:NAME. NAME is an actor's id, name or alias
from the registry (actors.toml in the workspace); a speaker not in the
registry is matched by the name as written.`,
		Example: `  workbench quotes --speaker ushakov
  workbench quotes --actor zelensky --limit 5 escalation
  workbench quotes 'speaker:putin -@nato date:2022'
  workbench quotes --json '"peace talks"' | jq .speaker`,
		Args: cobra.ArbitraryArgs,
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
			res, err := w.Quotes(cmd.Context(), model.QuoteRequest{Query: strings.Join(args, " "), Actor: actor, Speaker: speaker, Limit: limit, Offset: offset})
			if err != nil {
				return err
			}
			return printQuotes(a, res, asJSON)
		},
	}
	c.Flags().StringVar(&actor, "actor", "", "only quotes mentioning this actor")
	c.Flags().StringVar(&speaker, "speaker", "", "only quotes by this speaker")
	c.Flags().IntVar(&limit, "limit", 20, "number of quotes")
	c.Flags().IntVar(&offset, "offset", 0, "skip this many quotes (paging)")
	c.Flags().BoolVar(&asJSON, "json", false, "one JSON object per line")
	return c
}

func printQuotes(a *cli, res *model.QuoteResult, asJSON bool) error {
	if asJSON {
		enc := textsafe.NewJSONEncoder(a.stdout)
		for _, h := range res.Hits {
			if err := enc.Encode(quoteJSON{ID: h.ID, DocID: h.DocID, Title: h.Title, Date: model.FormatDate(h.Date),
				Text: h.Text, Speaker: h.Speaker, Kind: h.Kind, Start: h.Start, End: h.End}); err != nil {
				return err
			}
		}
		return nil
	}
	w := a.stdout
	if !printListHeader(w, res.Total, len(res.Hits), "quote", "quotes") {
		return nil
	}
	for _, h := range res.Hits {
		fmt.Fprintf(w, "\n“%s”\n    — %s (%s) · %s\n", textsafe.CleanLine(h.Text), textsafe.CleanLine(speakerOrUnattributed(h.Speaker)), h.Kind, hitMeta(h.Title, h.Date, h.ID))
	}
	return nil
}
