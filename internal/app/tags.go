package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// RequestError is a request that names something that is not there (an
// unknown label, quote, document or span, or export format).
type RequestError struct{ Msg string }

func (e *RequestError) Error() string { return e.Msg }

// Label finds a codebook label by name (any case); an unknown label's error
// lists the valid ones.
func (a *App) Label(name string) (model.Label, error) {
	if l, ok := a.cb.ByName(name); ok {
		return l, nil
	}
	return model.Label{}, &RequestError{Msg: fmt.Sprintf("unknown label %q: valid labels are %s (the codebook is %s)",
		textsafe.CleanLine(name), a.validLabels(), a.ws.CodebookPath())}
}

func (a *App) validLabels() string {
	var parts []string
	for _, l := range a.cb.Labels() {
		parts = append(parts, fmt.Sprintf("%s (%s)", l.Name, l.Key))
	}
	return strings.Join(parts, ", ")
}

// ResolveTarget gives the registry's name for a target actor, or the text
// as written when the registry does not know it.
func (a *App) ResolveTarget(target string) string {
	target = strings.TrimSpace(target)
	if target == "" {
		return ""
	}
	if act, ok := a.reg.Lookup(target); ok {
		return act.Name
	}
	return target
}

// input builds the store's input for r: the label through the codebook,
// the target through the registry, the analyst, and the snapshot.
func (a *App) input(ctx context.Context, r model.TagInput) (store.TagInput, error) {
	lab, err := a.Label(r.Label)
	if err != nil {
		return store.TagInput{}, err
	}
	ix, err := a.Index()
	if err != nil {
		return store.TagInput{}, err
	}
	in := store.TagInput{Label: lab.Name, Note: r.Note, Target: a.ResolveTarget(r.Target), Analyst: a.analyst}
	if r.QuoteID != "" {
		if _, _, _, err := model.ParseQuoteID(r.QuoteID); err != nil {
			return in, &RequestError{Msg: fmt.Sprintf("unknown quote %q: a quote id looks like DOCID:START-END (see `workbench quotes`); valid labels are %s",
				textsafe.CleanLine(r.QuoteID), a.validLabels())}
		}
		qh, err := ix.Quote(ctx, r.QuoteID)
		switch {
		case errors.Is(err, index.ErrNotFound):
			// A transcript turn is tagged as the span it covers (the
			// span's speaker is then the turn's).
			doc, start, end, turn := a.turnOf(ctx, r.QuoteID)
			if !turn {
				return in, &RequestError{Msg: fmt.Sprintf("unknown quote %q: it is not in the index (list quote ids with `workbench quotes`, statements with `workbench statements`); valid labels are %s",
					textsafe.CleanLine(r.QuoteID), a.validLabels())}
			}
			r.QuoteID, r.DocID, r.Start, r.End = "", doc, start, end
		case err != nil:
			return in, err
		default:
			in.QuoteID, in.DocID, in.Quote, in.Speaker = r.QuoteID, qh.DocID, qh.Text, qh.Speaker
			in.Start, in.End = qh.Start, qh.End
			r.DocID = qh.DocID
		}
	}
	d, err := ix.Get(ctx, r.DocID)
	if errors.Is(err, index.ErrNotFound) {
		return in, &RequestError{Msg: fmt.Sprintf("unknown document %q: it is not in the index (find ids with `workbench search`)", textsafe.CleanLine(r.DocID))}
	}
	if err != nil {
		return in, err
	}
	in.DocID, in.Title, in.Date, in.Source, in.URL = d.ID, d.Title, d.DateString(), d.Source, d.URL
	if r.QuoteID == "" {
		n := utf8.RuneCountInString(d.Body)
		if r.Start < 0 || r.End <= r.Start || r.End > n {
			return in, &RequestError{Msg: fmt.Sprintf("span %d:%d is outside document %s, whose body has %d code points", r.Start, r.End, textsafe.CleanLine(d.ID), n)}
		}
		in.Start, in.End = r.Start, r.End
		in.Quote = string([]rune(d.Body)[r.Start:r.End])
	}
	// The speaker as the analysts see it: their correction, else the
	// quote's, else (a span) the one of the turn or quote holding it.
	if sp, ok := a.snapshotSpeaker(ctx, d, in.Start, in.End); ok {
		in.Speaker = sp
	}
	return in, nil
}

// Tag adds a tag.
func (a *App) Tag(ctx context.Context, r model.TagInput) (model.Tag, error) {
	in, err := a.input(ctx, r)
	if err != nil {
		return model.Tag{}, err
	}
	st, err := a.Store()
	if err != nil {
		return model.Tag{}, err
	}
	return st.Add(ctx, in)
}

// Toggle adds the label to the quote or span, or removes it when present.
func (a *App) Toggle(ctx context.Context, r model.TagInput) (added bool, t model.Tag, err error) {
	in, err := a.input(ctx, r)
	if err != nil {
		return false, model.Tag{}, err
	}
	st, err := a.Store()
	if err != nil {
		return false, model.Tag{}, err
	}
	return st.Toggle(ctx, in)
}

// Untag removes one label from a quote or a span (named DOC:START-END).
func (a *App) Untag(ctx context.Context, id, label string) (model.Tag, error) {
	if _, _, _, err := model.ParseQuoteID(id); err != nil {
		return model.Tag{}, &RequestError{Msg: err.Error()}
	}
	if l, ok := a.cb.ByName(label); ok {
		label = l.Name // the codebook's spelling; else as written
	}
	st, err := a.Store()
	if err != nil {
		return model.Tag{}, err
	}
	t, err := st.RemoveLabel(ctx, id, label)
	if errors.Is(err, store.ErrNotFound) {
		return t, fmt.Errorf("%s is not tagged %q (see `workbench tags`)", textsafe.CleanLine(id), textsafe.CleanLine(label))
	}
	return t, err
}

// SetNote sets the note of a tag.
func (a *App) SetNote(ctx context.Context, id int64, note string) error {
	st, err := a.Store()
	if err != nil {
		return err
	}
	return st.SetNote(ctx, id, note)
}

// SetTarget sets the target of a tag, resolved through the registry; it
// returns the target as stored.
func (a *App) SetTarget(ctx context.Context, id int64, target string) (string, error) {
	st, err := a.Store()
	if err != nil {
		return "", err
	}
	target = a.ResolveTarget(target)
	return target, st.SetTarget(ctx, id, target)
}

// Undo reverts the last change; Redo re-applies the last undone one. Each
// describes what it did ("" when there was nothing to do).
func (a *App) Undo(ctx context.Context) (string, error) {
	st, err := a.Store()
	if err != nil {
		return "", err
	}
	d, err := st.Undo(ctx)
	if errors.Is(err, store.ErrNothingToUndo) {
		return "", nil
	}
	return d, err
}

// Redo: see Undo.
func (a *App) Redo(ctx context.Context) (string, error) {
	st, err := a.Store()
	if err != nil {
		return "", err
	}
	d, err := st.Redo(ctx)
	if errors.Is(err, store.ErrNothingToRedo) {
		return "", nil
	}
	return d, err
}

// ForDoc lists the tags of a document.
func (a *App) ForDoc(ctx context.Context, docID string) ([]model.Tag, error) {
	if !a.hasStore() {
		return nil, nil
	}
	st, err := a.Store()
	if err != nil {
		return nil, err
	}
	return st.ForDoc(ctx, docID)
}

// LabelsFor maps quote ids to their labels.
func (a *App) LabelsFor(ctx context.Context, quoteIDs []string) (map[string][]string, error) {
	if len(quoteIDs) == 0 || !a.hasStore() {
		return map[string][]string{}, nil
	}
	st, err := a.Store()
	if err != nil {
		return nil, err
	}
	return st.LabelsFor(ctx, quoteIDs)
}

// TagFilter selects tags: --label, --actor (the target or the speaker, by
// any of the actor's names), --since.
type TagFilter struct {
	Label, Actor string
	Since        time.Time
}

// Tags lists the tags matching f, oldest first.
func (a *App) Tags(ctx context.Context, f TagFilter) ([]model.Tag, error) {
	if !a.hasStore() {
		return nil, nil
	}
	st, err := a.Store()
	if err != nil {
		return nil, err
	}
	tags, err := st.List(ctx, store.Filter{Label: f.Label, Since: f.Since})
	if err != nil {
		return tags, err
	}
	if err := a.applySpeakers(ctx, tags); err != nil {
		return nil, err
	}
	if f.Actor == "" {
		return tags, nil
	}
	names := []string{f.Actor}
	if act, ok := a.reg.Lookup(f.Actor); ok {
		names = append(names, actorNames(act)...)
	}
	match := func(s string) bool { return s != "" && containsFold(names, s) }
	kept := tags[:0]
	for _, t := range tags {
		if match(t.Target) || match(t.Speaker) {
			kept = append(kept, t)
		}
	}
	return kept, nil
}

// Orphans reports which tags point at a quote or document the index no
// longer has, or at a span whose text changed when the document was
// re-indexed. It fails when the index cannot be read.
func (a *App) Orphans(ctx context.Context, tags []model.Tag) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(tags) == 0 {
		return out, nil
	}
	ix, err := a.Index()
	var noIndex *NoIndexError
	if errors.As(err, &noIndex) {
		for _, t := range tags {
			out[t.ID] = true
		}
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	bodies := map[string][]rune{} // nil: gone
	quoteOK := map[string]bool{}
	for _, t := range tags {
		if t.QuoteID != "" {
			ok, seen := quoteOK[t.QuoteID]
			if !seen {
				_, err := ix.Quote(ctx, t.QuoteID)
				if err != nil && !errors.Is(err, index.ErrNotFound) {
					return nil, err
				}
				ok = err == nil
				quoteOK[t.QuoteID] = ok
			}
			if !ok {
				out[t.ID] = true
			}
			continue
		}
		body, seen := bodies[t.DocID]
		if !seen {
			d, err := ix.Get(ctx, t.DocID)
			switch {
			case errors.Is(err, index.ErrNotFound):
			case err != nil:
				return nil, err
			default:
				body = []rune(d.Body)
			}
			bodies[t.DocID] = body
		}
		if body == nil || len(body) < t.End || (t.Quote != "" && string(body[t.Start:t.End]) != t.Quote) {
			out[t.ID] = true
		}
	}
	return out, nil
}

// LabelCounts is the number of tags per label.
func (a *App) LabelCounts(ctx context.Context) (map[string]int, error) {
	if !a.hasStore() {
		return map[string]int{}, nil
	}
	st, err := a.Store()
	if err != nil {
		return nil, err
	}
	return st.LabelCounts(ctx)
}

// turnOf tells whether id names a transcript turn of an indexed document,
// and which span it covers.
func (a *App) turnOf(ctx context.Context, id string) (doc string, start, end int, ok bool) {
	doc, start, end, err := model.ParseQuoteID(id)
	if err != nil {
		return "", 0, 0, false
	}
	ix, err := a.Index()
	if err != nil {
		return "", 0, 0, false
	}
	d, err := ix.Get(ctx, doc)
	if err != nil {
		return "", 0, 0, false
	}
	for _, st := range d.Analysis.Statements {
		if st.Kind == model.StatementTurn && st.Start == start && st.End == end {
			return doc, start, end, true
		}
	}
	return "", 0, 0, false
}
