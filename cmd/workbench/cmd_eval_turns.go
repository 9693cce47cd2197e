package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/eval"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

func newEvalTurnsCmd(a *cli) *cobra.Command {
	var asJSON, verbose bool
	c := &cobra.Command{
		Use:   "turns [--json] [-v] GOLD_DIR",
		Short: "Score transcript turns and their speakers on a gold folder",
		Long: `Score the transcript-turn finder on a folder of annotated articles:
NAME.txt (the whole file is the article body, UTF-8), NAME.turns.jsonl, one
gold statement per line, and optionally NAME.meta.json with the article's
date and source ({"date":"2019-05-24","source":"kremlin.ru"}, used to resolve
"the President"):

  {"kind":"turn","start":197,"end":8750,"speaker":"Vladimir Putin"}
  {"kind":"quote","start":46276,"end":46424,"speaker":"Akhmat Kadyrov"}

Offsets are Unicode code points, end exclusive. A turn runs from the first
character after its speaker label to the end of its last word before the
next label, without stage directions such as "(Applause.)". A predicted turn
matches a gold turn when their spans overlap by at least 80% of the longer
one; speaker accuracy is over matched turns (names compared as in 'eval
quotes'). Quote lines (optional) score the speakers of quotations inside
turns, mostly reported speech.

-v lists the errors: missed and spurious turns and wrong speakers.`,
		Example: `  workbench eval turns internal/eval/testdata/turns
  workbench eval turns --json ~/turn-gold/ | jq .f1`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("eval turns takes one GOLD_DIR\nSee 'workbench eval turns --help'.")
			}
			an, err := a.analyzer()
			if err != nil {
				return err
			}
			rep, err := eval.Turns(args[0], an)
			if err != nil {
				return err
			}
			if !verbose {
				rep.Errors = nil
			}
			if asJSON {
				enc := textsafe.NewJSONEncoder(a.stdout)
				return enc.Encode(rep)
			}
			printTurnEval(a.stdout, rep, verbose)
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the report as one JSON object")
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "list missed, spurious and wrong-speaker turns")
	return c
}

func printTurnEval(w io.Writer, r eval.TurnReport, verbose bool) {
	printScores(w, r.Dir, "turns", r.Scores)
	fmt.Fprintf(w, "speakers      %.4f (%d of %d matched turns)\n", r.SpeakerAccuracy, r.SpeakerCorrect, r.SpeakerGold)
	fmt.Fprintf(w, "quote speakers %d of %d gold quotes inside turns\n", r.QuoteSpeakerCorrect, r.QuoteGold)
	if !verbose {
		return
	}
	fmt.Fprintln(w)
	for _, e := range r.Errors {
		fmt.Fprintf(w, "%-13s %s %d-%d gold %q, predicted %q\n    “%s”\n", e.Kind, textsafe.CleanLine(e.Doc), e.Start, e.End,
			textsafe.CleanLine(e.GoldSpeaker), textsafe.CleanLine(e.Speaker), shorten(textsafe.CleanLine(e.Text), 120))
	}
}
