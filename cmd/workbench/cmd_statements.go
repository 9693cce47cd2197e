package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// statementJSON is one line of `workbench statements --json` (pinned by
// issue 11).
type statementJSON struct {
	ID            string  `json:"id"`
	DocID         string  `json:"doc_id"`
	Kind          string  `json:"kind"`
	Start         int     `json:"start"`
	End           int     `json:"end"`
	Text          string  `json:"text"`
	Speaker       string  `json:"speaker"`
	SpeakerSource string  `json:"speaker_source"`
	Confidence    float64 `json:"confidence"`
	Date          string  `json:"date"`
	Title         string  `json:"title"`
	URL           string  `json:"url"`
}

func newStatementsCmd(a *cli) *cobra.Command {
	var kind, actor, speaker, since, until string
	var limit, offset int
	var asJSON bool
	c := &cobra.Command{
		Use:   "statements [--kind quote|turn|span] [--speaker NAME] [--actor NAME] [--since DATE] [--until DATE] [--limit N] [--offset N] [--json] [QUERY]",
		Short: "List statements (quotes, transcript turns, tagged spans) with their speakers",
		Long: `List everything said in the indexed documents, newest first, all of it (up
to --limit, from --offset) with its exact number: quotes (words in quotation
marks with a speech cue), turns (a speaker's turn in a transcript, interview
or news conference) and spans (the passages you tagged or gave a speaker).

Each statement has a speaker and where it comes from (speaker_source): cue
(a speech cue next to the quote), turn (the transcript's speaker label),
role ("the President" resolved by the article's date and source), analyst
(set with 'workbench speaker set'). A span takes the speaker of the turn or
quote holding it unless you set it.

QUERY is the search line's language applied to statements: its words search
the statement text; @NAME keeps statements that mention the actor inside
them, speaker:NAME the statements said by NAME, #label the statements you
tagged with it, date: the articles' dates; each with - leaves them out.
--actor and --speaker are @NAME and speaker:NAME; --since and --until take
a year, month or day (both inclusive).

--json prints one object per line:
  {"id","doc_id","kind","start","end","text","speaker","speaker_source",
   "confidence","date","title","url"}`,
		Example: `  workbench statements --speaker putin --kind turn --limit 5
  workbench statements --actor nato --since 2022-02 --until 2022-03 sanctions
  workbench statements --json 'speaker:zelensky "peace talks"' | jq .text`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit <= 0 {
				return usageErr("--limit must be at least 1, not %d", limit)
			}
			if offset < 0 {
				return usageErr("--offset must be at least 0, not %d", offset)
			}
			if kind != "" && !slices.Contains(app.StatementKinds, kind) {
				return usageErr("--kind %q: want quote, turn or span", kind)
			}
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			res, err := w.Statements(cmd.Context(), model.StatementRequest{Query: strings.Join(args, " "), Kind: kind,
				Actor: actor, Speaker: speaker, Since: since, Until: until, Limit: limit, Offset: offset})
			if err != nil {
				return err
			}
			if res.Stale {
				fmt.Fprintln(a.stderr, "workbench: note: some documents were indexed before statements existed and list their quotes only: run `workbench index PATH...` again (or `workbench index --rebuild PATH...`) to find their transcript turns")
			}
			return printStatements(a, res, asJSON)
		},
	}
	c.Flags().StringVar(&kind, "kind", "", "only this kind: quote, turn or span")
	c.Flags().StringVar(&actor, "actor", "", "only statements mentioning this actor")
	c.Flags().StringVar(&speaker, "speaker", "", "only statements by this speaker")
	c.Flags().StringVar(&since, "since", "", "only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
	c.Flags().StringVar(&until, "until", "", "only articles dated on or before DATE")
	c.Flags().IntVar(&limit, "limit", 20, "number of statements")
	c.Flags().IntVar(&offset, "offset", 0, "skip this many statements (paging)")
	c.Flags().BoolVar(&asJSON, "json", false, "one JSON object per line")
	return c
}

func printStatements(a *cli, res *model.StatementResult, asJSON bool) error {
	if asJSON {
		enc := textsafe.NewJSONEncoder(a.stdout)
		for _, h := range res.Hits {
			if err := enc.Encode(statementJSON{ID: h.ID, DocID: h.DocID, Kind: h.Kind, Start: h.Start, End: h.End, Text: h.Text,
				Speaker: h.Speaker, SpeakerSource: h.SpeakerSource, Confidence: h.Confidence,
				Date: model.FormatDate(h.Date), Title: h.Title, URL: h.URL}); err != nil {
				return err
			}
		}
		return nil
	}
	w := a.stdout
	if !printListHeader(w, res.Total, len(res.Hits), "statement", "statements") {
		return nil
	}
	for _, h := range res.Hits {
		sp := speakerOrUnattributed(h.Speaker)
		if h.SpeakerSource != "" {
			sp += ", " + h.SpeakerSource
		}
		fmt.Fprintf(w, "\n%s “%s”\n    — %s · %s\n", h.Kind, shorten(textsafe.CleanLine(h.Text), 300), textsafe.CleanLine(sp), hitMeta(h.Title, h.Date, h.ID))
	}
	return nil
}
