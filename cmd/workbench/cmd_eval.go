package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/eval"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

func newEvalCmd(a *cli) *cobra.Command {
	c := &cobra.Command{
		Use:   "eval",
		Short: "Score the analyser against annotated data",
		Example: `  workbench eval quotes ~/gold/
  workbench eval quotes -v ~/gold/ | less`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageErr("eval needs a subcommand: quotes or turns\nSee 'workbench eval --help'.")
		},
	}
	var asJSON, verbose bool
	q := &cobra.Command{
		Use:   "quotes [--json] [-v] GOLD_DIR",
		Short: "Score quotation extraction and speaker attribution on a gold folder",
		Long: `Score the quote extractor on a folder of annotated articles: NAME.txt (the
whole file is the article body, UTF-8) and NAME.quotes.jsonl, one gold
quotation per line:

  {"text": "...", "start": 10, "end": 42, "speaker": "Ushakov",
   "speaker_start": 50, "speaker_end": 57, "speaker_is_pronoun": false, "cue": "said"}

Offsets are Unicode code points, end exclusive. A predicted quote matches a
gold quote when their spans overlap by at least 80% of the longer one.
Speaker accuracy counts matched gold quotes whose speaker is a name (not
empty, not a pronoun); a predicted speaker is right when its span overlaps
the gold speaker span, or the surnames agree after dropping titles, case and
diacritics ("Trump" ~ "Donald Trump" ~ "Mr. Trump"), or both resolve to the
same actor of the registry.

-v lists the errors: missed gold quotes, spurious predictions and wrong
speakers.`,
		Example: `  workbench eval quotes ~/gold/
  workbench eval quotes --json ~/gold/ | jq .f1
  workbench eval quotes -v ~/gold/ | grep wrong-speaker`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			an, err := a.analyzer()
			if err != nil {
				return err
			}
			rep, err := eval.Quotes(args[0], an)
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
			printEval(a.stdout, rep, verbose)
			return nil
		},
	}
	q.Flags().BoolVar(&asJSON, "json", false, "print the report as one JSON object")
	q.Flags().BoolVarP(&verbose, "verbose", "v", false, "list missed, spurious and wrong-speaker quotes")
	c.AddCommand(q, newEvalTurnsCmd(a))
	return c
}

func printEval(w io.Writer, r eval.Report, verbose bool) {
	printScores(w, r.Dir, "quotes", r.Scores)
	fmt.Fprintf(w, "speakers      %.4f (%d of %d matched quotes with a named gold speaker; %d pronoun and %d empty gold speakers not scored)\n",
		r.SpeakerAccuracy, r.SpeakerCorrect, r.SpeakerGold, r.PronounGold, r.EmptyGold)
	if !verbose {
		return
	}
	fmt.Fprintln(w)
	for _, e := range r.Errors {
		var who string
		switch e.Kind {
		case eval.Missed:
			who = fmt.Sprintf("gold speaker %q", e.GoldSpeaker)
		case eval.Spurious:
			who = fmt.Sprintf("predicted %q (%s)", e.Speaker, e.Rule)
		default:
			who = fmt.Sprintf("gold %q, predicted %q (%s)", e.GoldSpeaker, e.Speaker, e.Rule)
		}
		fmt.Fprintf(w, "%-13s %s %d-%d %s\n    “%s”\n", e.Kind, textsafe.CleanLine(e.Doc), e.Start, e.End,
			textsafe.CleanLine(who), shorten(textsafe.CleanLine(e.Text), 120))
	}
}

// printScores prints the lines every gold evaluation starts with.
func printScores(w io.Writer, dir, items string, s eval.Scores) {
	fmt.Fprintf(w, "gold folder   %s (%d documents)\n", textsafe.CleanLine(dir), s.Docs)
	fmt.Fprintf(w, "%-13s gold %d, predicted %d, matched %d\n", items, s.Gold, s.Predicted, s.Matched)
	fmt.Fprintf(w, "precision     %.4f\n", s.Precision)
	fmt.Fprintf(w, "recall        %.4f\n", s.Recall)
	fmt.Fprintf(w, "F1            %.4f\n", s.F1)
}
