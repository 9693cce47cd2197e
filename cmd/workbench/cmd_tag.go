package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

func newTagCmd(a *cli) *cobra.Command {
	var note, target, doc, span string
	c := &cobra.Command{
		Use:   "tag [--note TEXT] [--target ACTOR] QUOTE_ID LABEL | tag --doc ID --span START:END LABEL",
		Short: "Tag a quote (or a span of a document) with a stance label",
		Long: `Tag a quotation with a stance label of the codebook (workbench labels lists
them). The tag keeps a snapshot of the quote, its speaker and its article, so
it survives re-indexing. A quote can have several labels, each once.

With --doc and --span, tag any span of a document instead: START and END are
Unicode code points into the article body, end exclusive.

--target names the actor the statement is aimed at; a name or alias from the
actor registry becomes the actor's name, anything else is kept as written.
The analyst is 'analyst' in WORKSPACE/config.toml, else $USER.`,
		Example: `  workbench tag 'kremlin-123:120-210' de-escalatory
  workbench tag --target zelensky --note "ultimatum" 'kremlin-123:512-600' escalatory
  workbench tag --doc kremlin-123 --span 40:95 accusatory`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if doc != "" || span != "" {
				if doc == "" || span == "" {
					return usageErr("--doc and --span go together: workbench tag --doc ID --span START:END LABEL")
				}
				if len(args) != 1 {
					return usageErr("with --doc and --span, give only the LABEL: workbench tag --doc ID --span START:END LABEL")
				}
				return stRunTagSpan(cmd.Context(), a, doc, span, args[0], note, target)
			}
			if len(args) != 2 {
				return usageErr("want QUOTE_ID LABEL: workbench tag [--note TEXT] [--target ACTOR] QUOTE_ID LABEL (or --doc ID --span START:END LABEL)")
			}
			return stRunTagQuote(cmd.Context(), a, args[0], args[1], note, target)
		},
	}
	c.Flags().StringVar(&note, "note", "", "a note on the tag")
	c.Flags().StringVar(&target, "target", "", "the actor the statement is aimed at (registry name, id or alias, or free text)")
	c.Flags().StringVar(&doc, "doc", "", "tag a span of this document instead of a quote (with --span)")
	c.Flags().StringVar(&span, "span", "", "START:END code points of the span (with --doc)")
	return c
}

func stRunTagQuote(ctx context.Context, a *cli, quoteID, label, note, target string) error {
	return stAddTag(ctx, a, model.TagInput{QuoteID: quoteID, Label: label, Note: note, Target: target})
}

func stRunTagSpan(ctx context.Context, a *cli, docID, span, label, note, target string) error {
	s, e, ok := strings.Cut(span, ":")
	start, err1 := strconv.Atoi(strings.TrimSpace(s))
	end, err2 := strconv.Atoi(strings.TrimSpace(e))
	if !ok || err1 != nil || err2 != nil || start < 0 || end <= start {
		return usageErr("--span %q: want START:END, code points with 0 <= START < END", span)
	}
	return stAddTag(ctx, a, model.TagInput{DocID: docID, Start: start, End: end, Label: label, Note: note, Target: target})
}

func stAddTag(ctx context.Context, a *cli, r model.TagInput) error {
	w, err := a.open()
	if err != nil {
		return err
	}
	defer w.Close()
	t, err := w.Tag(ctx, r)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "tagged %s %s (tag %d)%s\n", textsafe.CleanLine(stSpanID(t)), t.Label, t.ID, stDescribeTagExtras(t))
	return nil
}

// stSpanID is the quote id of a tag, or DOC:START-END for a free span.
func stSpanID(t model.Tag) string {
	if t.QuoteID != "" {
		return t.QuoteID
	}
	return model.QuoteID(t.DocID, t.Start, t.End)
}

func stDescribeTagExtras(t model.Tag) string {
	var s string
	if t.Target != "" {
		s += " target " + textsafe.CleanLine(t.Target)
	}
	if t.Note != "" {
		s += " note " + strconv.Quote(textsafe.CleanLine(t.Note))
	}
	if s != "" {
		s = ":" + s
	}
	return s
}

func newUntagCmd(a *cli) *cobra.Command {
	return &cobra.Command{
		Use:   "untag QUOTE_ID LABEL",
		Short: "Remove a label from a quote (or from a span, given as DOC:START-END)",
		Long: `Remove one label from a quote. A free span is named like a quote:
DOCID:START-END. 'workbench undo' brings the tag back.`,
		Example: `  workbench untag 'kremlin-123:120-210' de-escalatory
  workbench untag 'kremlin-123:40-95' accusatory`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageErr("want QUOTE_ID LABEL: workbench untag QUOTE_ID LABEL")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, _, _, err := model.ParseQuoteID(args[0]); err != nil {
				return usageErr("%v", err)
			}
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			t, err := w.Untag(cmd.Context(), args[0], args[1])
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "untagged %s %s (tag %d); `workbench undo` brings it back\n", textsafe.CleanLine(stSpanID(t)), textsafe.CleanLine(t.Label), t.ID)
			return nil
		},
	}
}
