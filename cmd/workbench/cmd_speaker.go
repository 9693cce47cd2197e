package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

func newSpeakerCmd(a *cli) *cobra.Command {
	c := &cobra.Command{
		Use:   "speaker set|clear|list",
		Short: "Correct the speaker of a statement",
		Long: `Set or clear who said a statement (a quote, a transcript turn or any span
of a document), as the analyst. Corrections are stored with the tags (with
the analyst and the time, undone by 'workbench undo') and used everywhere:
statements, speaker: search, show --json, tags and exports
(speaker_source analyst). A correction whose statement is gone after
re-indexing is kept and listed as orphaned.`,
		Example: `  workbench speaker set kremlin-62366:46276-46424 "Akhmat Kadyrov"
  workbench speaker set --doc kremlin-62366 --span 47340:47354 "Alexander Bortnikov"
  workbench speaker clear kremlin-62366:46276-46424
  workbench speaker list --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageErr("speaker needs a subcommand: set, clear or list\nSee 'workbench speaker --help'.")
		},
	}
	var doc, span string
	set := &cobra.Command{
		Use:   "set STATEMENT_ID NAME | set --doc ID --span START:END NAME",
		Short: "Say who said a statement",
		Long: `Set the speaker of a statement, named by its id (DOC:START-END, as
'workbench statements' lists it) or by --doc and --span (code points, end
exclusive: any span of the body). NAME is an actor's id, name or alias from
the registry (stored as the registry's name) or any name, as written.`,
		Example: `  workbench speaker set kremlin-62366:46276-46424 "Akhmat Kadyrov"
  workbench speaker set --doc kremlin-62366 --span 47340:47354 bortnikov`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := speakerArgs(doc, span, args, true)
			if err != nil {
				return err
			}
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			c, err := w.SetSpeaker(cmd.Context(), in)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%s: speaker %s (analyst %s)\n", textsafe.CleanLine(c.StatementID), textsafe.CleanLine(c.Name), textsafe.CleanLine(c.Analyst))
			return nil
		},
	}
	set.Flags().StringVar(&doc, "doc", "", "the document id (with --span)")
	set.Flags().StringVar(&span, "span", "", "the span START:END in code points, end exclusive (with --doc)")
	clear := &cobra.Command{
		Use:     "clear STATEMENT_ID",
		Short:   "Say nobody is the speaker of a statement",
		Example: `  workbench speaker clear kremlin-62366:46276-46424`,
		Args:    cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("speaker clear takes one STATEMENT_ID\nSee 'workbench speaker clear --help'.")
			}
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			c, err := w.ClearSpeaker(cmd.Context(), model.SpeakerInput{StatementID: args[0]})
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%s: no speaker (analyst %s)\n", textsafe.CleanLine(c.StatementID), textsafe.CleanLine(c.Analyst))
			return nil
		},
	}
	var asJSON bool
	list := &cobra.Command{
		Use:   "list [--json]",
		Short: "List the speaker corrections, orphaned ones marked",
		Long: `List every analyst's speaker corrections, oldest first, with the kind of
statement each applies to now; one whose statement is gone (its document
left the index, or changed so that its span holds other words) is marked
orphaned, with the words it named: it is kept, never dropped, and no longer
applied. --json prints one object per line: {"id","statement_id","doc_id",
"start","end","name","cleared","analyst","at","kind","orphaned","text"}
(text: the statement's words when it was corrected).`,
		Example: `  workbench speaker list
  workbench speaker list --json | jq 'select(.orphaned)'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			cs, err := w.SpeakerCorrections(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				enc := textsafe.NewJSONEncoder(a.stdout)
				for _, c := range cs {
					if err := enc.Encode(c); err != nil {
						return err
					}
				}
				return nil
			}
			if len(cs) == 0 {
				fmt.Fprintln(a.stdout, "no speaker corrections")
				return nil
			}
			for _, c := range cs {
				name := c.Name
				if c.Cleared {
					name = "(nobody)"
				}
				state := c.Kind
				if c.Orphaned {
					state = "ORPHANED"
				}
				was := ""
				if c.Orphaned && c.Text != "" {
					was = "  was “" + shorten(textsafe.CleanLine(c.Text), 60) + "”"
				}
				fmt.Fprintf(a.stdout, "%-8s %s  %s  by %s %s%s\n", state, textsafe.CleanLine(c.StatementID), textsafe.CleanLine(name),
					textsafe.CleanLine(c.Analyst), c.At.UTC().Format("2006-01-02 15:04"), was)
			}
			return nil
		},
	}
	list.Flags().BoolVar(&asJSON, "json", false, "one JSON object per line")
	c.AddCommand(set, clear, list)
	return c
}

// speakerArgs reads `speaker set`'s arguments: STATEMENT_ID NAME, or
// --doc ID --span START:END NAME.
func speakerArgs(doc, span string, args []string, needName bool) (model.SpeakerInput, error) {
	var in model.SpeakerInput
	if doc != "" || span != "" {
		if doc == "" || span == "" {
			return in, usageErr("--doc and --span go together: --doc ID --span START:END NAME")
		}
		s, e, ok := strings.Cut(span, ":")
		start, err1 := strconv.Atoi(strings.TrimSpace(s))
		end, err2 := strconv.Atoi(strings.TrimSpace(e))
		if !ok || err1 != nil || err2 != nil || start < 0 || end <= start {
			return in, usageErr("--span %q: want START:END, code points with 0 <= START < END", span)
		}
		if len(args) != 1 {
			return in, usageErr("speaker set --doc ID --span START:END takes one NAME (quote a name with spaces)")
		}
		in.DocID, in.Start, in.End, in.Name = doc, start, end, args[0]
	} else {
		if len(args) != 2 {
			return in, usageErr("speaker set takes STATEMENT_ID NAME (quote a name with spaces), or --doc ID --span START:END NAME")
		}
		in.StatementID, in.Name = args[0], args[1]
	}
	if needName && strings.TrimSpace(in.Name) == "" {
		return in, usageErr("speaker set needs a NAME: to say nobody said it, use `workbench speaker clear`")
	}
	return in, nil
}
