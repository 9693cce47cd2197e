package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/textsafe"
	"github.com/workbench-dev/workbench/internal/workspace"
)

func init() { commands = append(commands, newTagCmd, newUntagCmd) }

// stAnalystName is `analyst` from the workspace's config.toml, else $USER.
func stAnalystName(ws *workspace.Workspace) string {
	var cfg struct {
		Analyst string `toml:"analyst"`
	}
	if b, err := os.ReadFile(ws.ConfigPath()); err == nil {
		if _, err := toml.Decode(string(b), &cfg); err == nil && strings.TrimSpace(cfg.Analyst) != "" {
			return strings.TrimSpace(cfg.Analyst)
		}
	}
	return store.DefaultAnalyst()
}

// stOpenStore opens the workspace's tag store.
func stOpenStore(ws *workspace.Workspace) (*store.Store, error) {
	return store.Open(ws.TagsPath())
}

// stOpenStoreRead opens the tag store for a command that only reads: in a
// read-only workspace it falls back to a read-only open.
func stOpenStoreRead(ws *workspace.Workspace) (*store.Store, error) {
	st, err := store.Open(ws.TagsPath())
	if errors.Is(err, store.ErrReadOnly) {
		return store.OpenReadOnly(ws.TagsPath())
	}
	return st, err
}

// stValidLabels is the list of labels for error messages.
func stValidLabels(cb *store.Codebook) string {
	var parts []string
	for _, l := range cb.Labels() {
		parts = append(parts, fmt.Sprintf("%s (%s)", l.Name, l.Key))
	}
	return strings.Join(parts, ", ")
}

// stLabel loads the codebook and finds the label to tag with; an unknown
// label's error lists the valid ones.
func stLabel(ws *workspace.Workspace, name string) (*store.Codebook, model.Label, error) {
	cb, err := loadCodebook(ws)
	if err != nil {
		return nil, model.Label{}, err
	}
	lab, ok := cb.ByName(name)
	if !ok {
		return nil, model.Label{}, fmt.Errorf("unknown label %q: valid labels are %s (the codebook is %s)",
			textsafe.CleanLine(name), stValidLabels(cb), ws.CodebookPath())
	}
	return cb, lab, nil
}

// stResolveTarget gives the registry's name for a target actor, or the text
// as written when the registry does not know it.
func stResolveTarget(a *app, ws *workspace.Workspace, target string) string {
	target = strings.TrimSpace(target)
	if target == "" {
		return ""
	}
	reg, _, err := loadRegistry(ws)
	if err != nil {
		fmt.Fprintf(a.stderr, "workbench: warning: %v; keeping the target as written\n", err)
		return target
	}
	if act, ok := reg.Lookup(target); ok {
		return act.Name
	}
	return target
}

func newTagCmd(a *app) *cobra.Command {
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

func stRunTagQuote(ctx context.Context, a *app, quoteID, label, note, target string) error {
	ws, err := a.workspace()
	if err != nil {
		return err
	}
	cb, lab, err := stLabel(ws, label)
	if err != nil {
		return err
	}
	if _, _, _, err := model.ParseQuoteID(quoteID); err != nil {
		return fmt.Errorf("unknown quote %q: a quote id looks like DOCID:START-END (see `workbench quotes`); valid labels are %s",
			textsafe.CleanLine(quoteID), stValidLabels(cb))
	}
	ix, err := openIndexRead(ws)
	if err != nil {
		return err
	}
	qh, err := ix.Quote(ctx, quoteID)
	if err != nil {
		ix.Close()
		if errors.Is(err, index.ErrNotFound) {
			return fmt.Errorf("unknown quote %q: it is not in the index (list quote ids with `workbench quotes`); valid labels are %s",
				textsafe.CleanLine(quoteID), stValidLabels(cb))
		}
		return err
	}
	in := store.TagInput{
		QuoteID: quoteID, DocID: qh.DocID, Label: lab.Name, Note: note, Analyst: stAnalystName(ws),
		Quote: qh.Text, Speaker: qh.Speaker, Title: qh.Title, Date: model.FormatDate(qh.Date),
	}
	if d, err := ix.Get(ctx, qh.DocID); err == nil {
		in.Title, in.Source, in.URL = d.Title, d.Source, d.URL
		if !d.Date.IsZero() {
			in.Date = d.DateString()
		}
	}
	ix.Close()
	in.Target = stResolveTarget(a, ws, target)
	return stAddTag(ctx, a, ws, in)
}

func stRunTagSpan(ctx context.Context, a *app, docID, span, label, note, target string) error {
	s, e, ok := strings.Cut(span, ":")
	start, err1 := strconv.Atoi(strings.TrimSpace(s))
	end, err2 := strconv.Atoi(strings.TrimSpace(e))
	if !ok || err1 != nil || err2 != nil || start < 0 || end <= start {
		return usageErr("--span %q: want START:END, code points with 0 <= START < END", span)
	}
	ws, err := a.workspace()
	if err != nil {
		return err
	}
	_, lab, err := stLabel(ws, label)
	if err != nil {
		return err
	}
	ix, err := openIndexRead(ws)
	if err != nil {
		return err
	}
	d, err := ix.Get(ctx, docID)
	ix.Close()
	if err != nil {
		if errors.Is(err, index.ErrNotFound) {
			return fmt.Errorf("unknown document %q: it is not in the index (find ids with `workbench search`)", textsafe.CleanLine(docID))
		}
		return err
	}
	n := utf8.RuneCountInString(d.Body)
	if end > n {
		return fmt.Errorf("--span %d:%d is outside document %s, whose body has %d code points", start, end, textsafe.CleanLine(docID), n)
	}
	body := []rune(d.Body)
	in := store.TagInput{
		DocID: docID, Start: start, End: end, Label: lab.Name, Note: note, Analyst: stAnalystName(ws),
		Quote: string(body[start:end]), Title: d.Title, Date: d.DateString(), Source: d.Source, URL: d.URL,
	}
	// The speaker of a quote that holds the span.
	for _, q := range d.Analysis.Quotes {
		if q.Start <= start && end <= q.End {
			in.Speaker = q.Speaker
			break
		}
	}
	in.Target = stResolveTarget(a, ws, target)
	return stAddTag(ctx, a, ws, in)
}

func stAddTag(ctx context.Context, a *app, ws *workspace.Workspace, in store.TagInput) error {
	st, err := stOpenStore(ws)
	if err != nil {
		return err
	}
	defer st.Close()
	t, err := st.Add(ctx, in)
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

func newUntagCmd(a *app) *cobra.Command {
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
			ws, err := a.workspace()
			if err != nil {
				return err
			}
			st, err := stOpenStore(ws)
			if err != nil {
				return err
			}
			defer st.Close()
			label := args[1]
			// The codebook's spelling; a label no longer in the codebook as written.
			if cb, err := loadCodebook(ws); err == nil {
				if l, ok := cb.ByName(label); ok {
					label = l.Name
				}
			}
			t, err := st.RemoveLabel(cmd.Context(), args[0], label)
			if err != nil {
				if errors.Is(err, store.ErrNotFound) {
					return fmt.Errorf("%s is not tagged %q (see `workbench tags`)", textsafe.CleanLine(args[0]), textsafe.CleanLine(args[1]))
				}
				return err
			}
			fmt.Fprintf(a.stdout, "untagged %s %s (tag %d); `workbench undo` brings it back\n", textsafe.CleanLine(stSpanID(t)), textsafe.CleanLine(t.Label), t.ID)
			return nil
		},
	}
}
