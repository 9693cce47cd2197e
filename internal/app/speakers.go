package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// analystView is what the analysts added to the analysis: their speakers
// (the newest correction of each statement wins) and their spans (free-span
// tags and corrections at spans), for index.StatementRequest and
// index.MergeStatements.
type analystView struct {
	overrides map[string]index.SpeakerOverride
	extra     map[string][]model.Statement
	names     []string // the corrections' names, as written
}

// analystView reads the corrections and the free spans of the tag store
// (none without a store): of one document, or of all when docID is "".
func (a *App) analystView(ctx context.Context, docID string) (*analystView, error) {
	v := &analystView{overrides: map[string]index.SpeakerOverride{}, extra: map[string][]model.Statement{}}
	if !a.hasStore() {
		return v, nil
	}
	st, err := a.Store()
	if err != nil {
		return nil, err
	}
	var cs []store.SpeakerCorrection // oldest first: the newest wins
	if docID == "" {
		cs, err = st.Speakers(ctx)
	} else {
		cs, err = st.SpeakersForDoc(ctx, docID)
	}
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	addSpan := func(doc string, s, e int) {
		id := model.StatementID(doc, s, e)
		if !seen[id] {
			seen[id] = true
			v.extra[doc] = append(v.extra[doc], model.Statement{DocID: doc, Start: s, End: e})
		}
	}
	bodies := a.docBodies(ctx)
	for _, c := range cs {
		// An orphaned correction (its document changed under it) is kept
		// in the store but names other words now: not applied.
		if c.Text != "" && bodies != nil {
			body, found, err := bodies(c.DocID)
			if err != nil {
				return nil, err
			}
			if statementGone(c, body, found) {
				continue
			}
		}
		id := model.StatementID(c.DocID, c.Start, c.End)
		v.overrides[id] = a.override(c)
		addSpan(c.DocID, c.Start, c.End)
		if !c.Cleared && c.Name != "" {
			v.names = append(v.names, c.Name)
		}
	}
	tags, err := st.List(ctx, store.Filter{DocID: docID, SpansOnly: true})
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		addSpan(t.DocID, t.Start, t.End)
	}
	return v, nil
}

// statementGone tells whether the statement a correction names is gone:
// its document left the index (found false), its span lies outside the
// body, or the body there is no longer the text the analyst corrected (the
// document changed; corrections made before the text was kept are checked
// by their span only).
func statementGone(c store.SpeakerCorrection, body []rune, found bool) bool {
	if !found || c.Start < 0 || c.End > len(body) || c.Start >= c.End {
		return true
	}
	return c.Text != "" && string(body[c.Start:c.End]) != c.Text
}

// docBodies reads documents' bodies through the index, each once (nil
// when there is no index to read).
func (a *App) docBodies(ctx context.Context) func(docID string) (body []rune, found bool, err error) {
	ix, err := a.Index()
	if err != nil {
		return nil
	}
	type entry struct {
		body  []rune
		found bool
	}
	seen := map[string]entry{}
	return func(id string) ([]rune, bool, error) {
		if e, ok := seen[id]; ok {
			return e.body, e.found, nil
		}
		d, err := ix.Get(ctx, id)
		switch {
		case errors.Is(err, index.ErrNotFound):
			seen[id] = entry{}
			return nil, false, nil
		case err != nil:
			return nil, false, err
		}
		e := entry{[]rune(d.Body), true}
		seen[id] = e
		return e.body, true, nil
	}
}

// override is a correction as the index applies it: the registry's name and
// id when the name resolves, else the name as written; nobody when cleared.
func (a *App) override(c store.SpeakerCorrection) index.SpeakerOverride {
	if c.Cleared {
		return index.SpeakerOverride{}
	}
	if act, ok := a.reg.Lookup(c.Name); ok {
		return index.SpeakerOverride{Speaker: act.Name, SpeakerActor: act.ID}
	}
	return index.SpeakerOverride{Speaker: c.Name}
}

// DocStatements are a document's statements as the analysts see them: the
// quotes and turns of the analysis, the analysts' spans (speaker inherited
// from the turn or quote holding them), and the analysts' speakers
// (speaker_source analyst), sorted by start.
func (a *App) DocStatements(ctx context.Context, docID string) ([]model.Statement, error) {
	ix, err := a.Index()
	if err != nil {
		return nil, err
	}
	d, err := ix.Get(ctx, docID)
	if err != nil {
		return nil, err
	}
	v, err := a.analystView(ctx, docID)
	if err != nil {
		return nil, err
	}
	return index.MergeStatements(d.Analysis.Statements, v.extra[docID], []rune(d.Body), v.overrides), nil
}

// SetSpeaker records the analyst's speaker for a statement: by its id (a
// quote, turn or span listed by Statements), or by document and span (any
// span of the body). The name resolves through the registry (an actor's
// name, alias or id gives the registry's name); other names are kept as
// written. Undoable.
func (a *App) SetSpeaker(ctx context.Context, in model.SpeakerInput) (model.SpeakerCorrection, error) {
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return model.SpeakerCorrection{}, &RequestError{Msg: "a speaker needs a name: to say nobody said it, use `workbench speaker clear`"}
	}
	if act, ok := a.reg.Lookup(name); ok {
		name = act.Name
	}
	si, err := a.speakerTarget(ctx, in, false)
	if err != nil {
		return model.SpeakerCorrection{}, err
	}
	si.Name = name
	st, err := a.Store()
	if err != nil {
		return model.SpeakerCorrection{}, err
	}
	c, err := st.SetSpeaker(ctx, si)
	if err != nil {
		return model.SpeakerCorrection{}, err
	}
	return a.correctionView(ctx, c)
}

// ClearSpeaker records that nobody is the speaker of a statement (an
// orphaned correction's statement may be named too). Undoable.
func (a *App) ClearSpeaker(ctx context.Context, in model.SpeakerInput) (model.SpeakerCorrection, error) {
	si, err := a.speakerTarget(ctx, in, true)
	if err != nil {
		return model.SpeakerCorrection{}, err
	}
	st, err := a.Store()
	if err != nil {
		return model.SpeakerCorrection{}, err
	}
	c, err := st.ClearSpeaker(ctx, si)
	if err != nil {
		return model.SpeakerCorrection{}, err
	}
	return a.correctionView(ctx, c)
}

// speakerTarget checks the statement a correction names. orphanOK accepts
// a statement id some correction already names, even when the statement is
// gone (clearing an orphaned correction).
func (a *App) speakerTarget(ctx context.Context, in model.SpeakerInput, orphanOK bool) (store.SpeakerInput, error) {
	byID := strings.TrimSpace(in.StatementID) != ""
	if byID {
		doc, s, e, err := model.ParseQuoteID(strings.TrimSpace(in.StatementID))
		if err != nil {
			return store.SpeakerInput{}, &RequestError{Msg: fmt.Sprintf("statement %q: a statement id looks like DOCID:START-END (see `workbench statements`)",
				textsafe.CleanLine(in.StatementID))}
		}
		in.DocID, in.Start, in.End = doc, s, e
	}
	id := model.StatementID(in.DocID, in.Start, in.End)
	si := store.SpeakerInput{StatementID: id, DocID: in.DocID, Start: in.Start, End: in.End}
	if orphanOK && a.hasStore() {
		if st, err := a.Store(); err == nil {
			if cs, err := st.SpeakersForDoc(ctx, in.DocID); err == nil {
				for _, c := range cs {
					if c.Start == in.Start && c.End == in.End {
						si.Text = c.Text // the statement it named, even if gone
						return si, nil
					}
				}
			}
		}
	}
	ix, err := a.Index()
	if err != nil {
		return si, err
	}
	d, err := ix.Get(ctx, in.DocID)
	if errors.Is(err, index.ErrNotFound) {
		return si, &RequestError{Msg: fmt.Sprintf("unknown document %q: it is not in the index (find ids with `workbench search` or `workbench statements`)", textsafe.CleanLine(in.DocID))}
	}
	if err != nil {
		return si, err
	}
	body := []rune(d.Body)
	n := len(body)
	if in.Start < 0 || in.End <= in.Start || in.End > n {
		return si, &RequestError{Msg: fmt.Sprintf("span %d:%d is outside document %s, whose body has %d code points", in.Start, in.End, textsafe.CleanLine(d.ID), n)}
	}
	si.Text = string(body[in.Start:in.End]) // tells a later change of the document
	if byID {
		v, err := a.analystView(ctx, "")
		if err != nil {
			return si, err
		}
		for _, s := range index.MergeStatements(d.Analysis.Statements, v.extra[d.ID], []rune(d.Body), nil) {
			if s.ID == id {
				return si, nil
			}
		}
		return si, &RequestError{Msg: fmt.Sprintf("no statement %s in document %s (list them with `workbench statements`); to give any span a speaker use --doc %s --span %d:%d",
			textsafe.CleanLine(id), textsafe.CleanLine(d.ID), textsafe.CleanLine(d.ID), in.Start, in.End)}
	}
	return si, nil
}

// SpeakerCorrections lists every analyst's speaker corrections, oldest
// first, each with the kind of the statement it applies to now, or
// Orphaned when that statement is gone (kept, never dropped).
func (a *App) SpeakerCorrections(ctx context.Context) ([]model.SpeakerCorrection, error) {
	return a.listCorrections(ctx, "")
}

// DocSpeakerCorrections lists the speaker corrections of one document
// (every analyst's), in text order, each with the kind of the statement it
// applies to now, or Orphaned (the TUI shows the orphaned ones).
func (a *App) DocSpeakerCorrections(ctx context.Context, docID string) ([]model.SpeakerCorrection, error) {
	return a.listCorrections(ctx, docID)
}

// listCorrections reads the corrections of docID ("" = of every document)
// and views each as the analysts see it now.
func (a *App) listCorrections(ctx context.Context, docID string) ([]model.SpeakerCorrection, error) {
	if !a.hasStore() {
		return []model.SpeakerCorrection{}, nil
	}
	st, err := a.Store()
	if err != nil {
		return nil, err
	}
	var cs []store.SpeakerCorrection
	if docID == "" {
		cs, err = st.Speakers(ctx)
	} else {
		cs, err = st.SpeakersForDoc(ctx, docID)
	}
	if err != nil {
		return nil, err
	}
	view := a.correctionViewer(ctx)
	out := make([]model.SpeakerCorrection, 0, len(cs))
	for _, c := range cs {
		v, err := view(c)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (a *App) correctionView(ctx context.Context, c store.SpeakerCorrection) (model.SpeakerCorrection, error) {
	return a.correctionViewer(ctx)(c)
}

// correctionViewer lists corrections with the kind of the statement each
// applies to now (or Orphaned), reading each document once.
func (a *App) correctionViewer(ctx context.Context) func(store.SpeakerCorrection) (model.SpeakerCorrection, error) {
	type doc struct {
		sts  map[string]string // id -> kind
		body []rune
		gone bool
	}
	docs := map[string]*doc{}
	ix, ixErr := a.Index()
	return func(c store.SpeakerCorrection) (model.SpeakerCorrection, error) {
		out := model.SpeakerCorrection{ID: c.ID, StatementID: c.StatementID, DocID: c.DocID, Start: c.Start, End: c.End,
			Name: c.Name, Cleared: c.Cleared, Analyst: c.Analyst, At: c.At, Text: c.Text}
		if c.Name != "" {
			out.Name = a.override(c).Speaker
		}
		if ixErr != nil {
			out.Orphaned = true
			var noIndex *NoIndexError
			if errors.As(ixErr, &noIndex) {
				return out, nil
			}
			return out, ixErr
		}
		d := docs[c.DocID]
		if d == nil {
			d = &doc{sts: map[string]string{}}
			got, err := ix.Get(ctx, c.DocID)
			switch {
			case errors.Is(err, index.ErrNotFound):
				d.gone = true
			case err != nil:
				return out, err
			default:
				d.body = []rune(got.Body)
				for _, s := range got.Analysis.Statements {
					d.sts[s.ID] = s.Kind
				}
			}
			docs[c.DocID] = d
		}
		id := model.StatementID(c.DocID, c.Start, c.End)
		switch {
		case statementGone(c, d.body, !d.gone):
			out.Orphaned = true
		case d.sts[id] != "":
			out.Kind = d.sts[id]
		default:
			out.Kind = model.StatementSpan
		}
		return out, nil
	}
}

// applySpeakers gives tags the speaker of their statement as it is now (the
// analyst's correction, else the quote's or turn's, a span's inherited from
// the turn or quote holding it) and its source. Tags of documents the index
// no longer has keep their snapshot (an analyst's correction still wins).
func (a *App) applySpeakers(ctx context.Context, tags []model.Tag) error {
	if len(tags) == 0 {
		return nil
	}
	v, err := a.analystView(ctx, "")
	if err != nil {
		return err
	}
	ix, err := a.Index()
	var noIndex *NoIndexError
	if err != nil && !errors.As(err, &noIndex) {
		return err
	}
	byDoc := map[string]map[string]model.Statement{}
	for i := range tags {
		t := &tags[i]
		id := model.StatementID(t.DocID, t.Start, t.End)
		if ix != nil {
			sts, ok := byDoc[t.DocID]
			if !ok {
				d, err := ix.Get(ctx, t.DocID)
				switch {
				case errors.Is(err, index.ErrNotFound):
				case err != nil:
					return err
				default:
					sts = map[string]model.Statement{}
					for _, s := range index.MergeStatements(d.Analysis.Statements, v.extra[t.DocID], []rune(d.Body), v.overrides) {
						sts[s.ID] = s
					}
				}
				byDoc[t.DocID] = sts
			}
			if s, ok := sts[id]; ok && s.SpeakerSource != "" {
				t.Speaker, t.SpeakerSource = s.Speaker, s.SpeakerSource
				continue
			} else if ok {
				continue // nobody known: the snapshot stays
			}
		}
		if o, ok := v.overrides[id]; ok {
			t.Speaker, t.SpeakerSource = o.Speaker, model.SourceAnalyst
		}
	}
	return nil
}

// speakerNamed tells whether an analyst's correction names this speaker
// (any case), for speaker: of a name no analysed statement has.
func (a *App) speakerNamed(ctx context.Context, name string) bool {
	if !a.hasStore() {
		return false
	}
	v, err := a.analystView(ctx, "")
	if err != nil {
		return false
	}
	return containsFold(v.names, strings.TrimSpace(name))
}

// snapshotSpeaker is the speaker of the statement at a span of d as the
// analysts see it (a tag's snapshot); false when none holds it.
func (a *App) snapshotSpeaker(ctx context.Context, d *index.Doc, start, end int) (string, bool) {
	v, err := a.analystView(ctx, d.ID)
	if err != nil {
		return "", false
	}
	span := model.Statement{DocID: d.ID, Start: start, End: end}
	id := model.StatementID(d.ID, start, end)
	for _, s := range index.MergeStatements(d.Analysis.Statements, append(v.extra[d.ID], span), []rune(d.Body), v.overrides) {
		if s.ID == id {
			return s.Speaker, true
		}
	}
	return "", false
}

// speakerDocs maps the query's speaker keys to the documents where an
// analyst made that speaker say a statement (nil when the query has no
// speaker: or nobody corrected a speaker).
func (a *App) speakerDocs(ctx context.Context, pq model.Query) (map[string][]string, error) {
	if len(pq.Speakers) == 0 || !a.hasStore() {
		return nil, nil
	}
	v, err := a.analystView(ctx, "")
	if err != nil {
		return nil, err
	}
	return v.speakerDocs(pq), nil
}

// speakerDocs is speakerDocs over a view already read.
func (v *analystView) speakerDocs(pq model.Query) map[string][]string {
	if len(pq.Speakers) == 0 {
		return nil
	}
	want := map[string]bool{}
	for _, s := range pq.Speakers {
		want[strings.ToLower(s)] = true
	}
	out := map[string][]string{}
	seen := map[string]bool{}
	for id, o := range v.overrides {
		doc, _, _, err := model.ParseQuoteID(id)
		if err != nil {
			continue
		}
		for _, k := range index.SpeakerKeysOf(o.SpeakerActor, o.Speaker) {
			if want[k] && !seen[k+"\x00"+doc] {
				seen[k+"\x00"+doc] = true
				out[k] = append(out[k], doc)
			}
		}
	}
	return out
}
