// Package backend adapts the real index (bleve) and tag store (SQLite) to
// the small interfaces the TUI declares (ui.Searcher, ui.TagStore). Both are
// opened lazily, on first use and off the UI goroutine, so the first frame
// never waits for them.
package backend

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/ui/common"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// Backend implements ui.Searcher and ui.TagStore.
type Backend struct {
	indexPath, tagsPath, exportsDir string
	labelOrder                      []string
	analyst                         string
	resolveActor                    func(string) (string, bool)

	ixMu, stMu sync.Mutex
	ix         *index.Index
	ixErr      error
	ixTried    time.Time
	st         *store.Store
	stErr      error
	stTried    time.Time
	retry      time.Duration

	now func() time.Time
}

// Options locate the index, the tag store and the exports folder.
type Options struct {
	IndexPath, TagsPath, ExportsDir string
	// LabelOrder orders the Markdown export (the codebook's order).
	LabelOrder []string
	// Analyst is recorded on new tags ("" = the store's default).
	Analyst string
	// RetryAfter: a failed open is tried again after this long (0:
	// RetryAfter).
	RetryAfter time.Duration
	// ResolveActor maps a name or alias typed after @ to an actor id
	// (the registry's Lookup); nil accepts ids only.
	ResolveActor func(name string) (id string, ok bool)
}

// New returns a backend; nothing is opened yet.
func New(o Options) *Backend {
	if o.RetryAfter <= 0 {
		o.RetryAfter = RetryAfter
	}
	return &Backend{indexPath: o.IndexPath, tagsPath: o.TagsPath, exportsDir: o.ExportsDir, labelOrder: o.LabelOrder, analyst: o.Analyst, retry: o.RetryAfter, resolveActor: o.ResolveActor, now: time.Now}
}

// RetryAfter is how long a failed open is remembered before it is tried
// again (another process may hold the index, or be creating it).
const RetryAfter = 2 * time.Second

// Index opens the index (read-only) on first use. A failed open is tried
// again later, so the TUI recovers when another process lets go.
func (b *Backend) Index() (*index.Index, error) {
	b.ixMu.Lock()
	defer b.ixMu.Unlock()
	if b.ix == nil && (b.ixErr == nil || time.Since(b.ixTried) > b.retry) {
		b.ix, b.ixErr = index.Open(b.indexPath, index.OpenOptions{ReadOnly: true})
		b.ixTried = time.Now()
		if b.ix != nil && b.resolveActor != nil {
			b.ix.SetActorResolver(b.resolveActor)
		}
	}
	return b.ix, b.ixErr
}

// Store opens the tag store on first use (a failed open is tried again
// later).
func (b *Backend) Store() (*store.Store, error) {
	b.stMu.Lock()
	defer b.stMu.Unlock()
	if b.st == nil && (b.stErr == nil || time.Since(b.stTried) > b.retry) {
		b.st, b.stErr = store.Open(b.tagsPath)
		b.stTried = time.Now()
	}
	return b.st, b.stErr
}

// Close closes what was opened.
func (b *Backend) Close() error {
	b.ixMu.Lock()
	defer b.ixMu.Unlock()
	b.stMu.Lock()
	defer b.stMu.Unlock()
	var errs []error
	if b.ix != nil {
		errs = append(errs, b.ix.Close())
	}
	if b.st != nil {
		errs = append(errs, b.st.Close())
	}
	return errors.Join(errs...)
}

// docFilter resolves #label shortcuts through the tag store: nil when the
// query has none, else the documents carrying every label.
func (b *Backend) docFilter(ctx context.Context, q string) ([]string, error) {
	pq := index.ParseQuery(q)
	if len(pq.Labels) == 0 {
		return nil, nil
	}
	st, err := b.Store()
	if err != nil {
		return nil, err
	}
	var keep map[string]bool
	for _, l := range pq.Labels {
		names := []string{l}
		if pq.Partial == "label" && l == pq.PartialValue {
			// Still being typed: #esc means every label in use that
			// starts with esc.
			if names, err = labelsWithPrefix(ctx, st, l); err != nil {
				return nil, err
			}
		}
		next := map[string]bool{}
		for _, name := range names {
			ids, err := st.DocsWithLabel(ctx, name)
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				if keep == nil || keep[id] {
					next[id] = true
				}
			}
		}
		keep = next
	}
	out := make([]string, 0, len(keep))
	for id := range keep {
		out = append(out, id)
	}
	sort.Strings(out)
	return out, nil
}

func labelsWithPrefix(ctx context.Context, st *store.Store, prefix string) ([]string, error) {
	all, err := st.Labels(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range all {
		if strings.HasPrefix(strings.ToLower(l), prefix) {
			out = append(out, l)
		}
	}
	return out, nil
}

// Search runs a query on the index.
func (b *Backend) Search(ctx context.Context, r common.SearchRequest) (*common.SearchResult, error) {
	ix, err := b.Index()
	if err != nil {
		return nil, err
	}
	filter, err := b.docFilter(ctx, r.Query)
	if err != nil {
		return nil, err
	}
	req := index.Request{Query: r.Query, AsYouType: r.AsYouType, Limit: r.Limit, Offset: r.Offset, DocFilter: filter, Facets: r.Facets, Fragments: r.Fragments}
	res, err := ix.Search(ctx, req)
	if err != nil {
		return nil, queryError(ctx, err)
	}
	out := &common.SearchResult{Total: res.Total, Took: res.Took, Terms: res.Terms}
	for _, h := range res.Hits {
		hit := common.Hit{ID: h.ID, Title: h.Title, Source: h.Source, URL: h.URL, Date: h.Date, Score: h.Score, Actors: h.Actors, TitleMarks: spans(h.TitleMarks)}
		for _, f := range h.Fragments {
			hit.Fragments = append(hit.Fragments, common.Fragment{Text: f.Text, Marks: spans(f.Marks)})
		}
		out.Hits = append(out.Hits, hit)
	}
	out.Actors = facets(res.Facets.Actors)
	out.Sources = facets(res.Facets.Sources)
	return out, nil
}

// queryError turns errors the query caused into *common.QueryError, shown
// inline under the search line: parse errors, and the errors bleve gives
// when it evaluates a bad regexp (title:/[/) or date (date:>"x").
func queryError(ctx context.Context, err error) error {
	var qe *index.QueryError
	switch {
	case errors.As(err, &qe):
		return &common.QueryError{Msg: qe.Msg}
	case ctx.Err() != nil, errors.Is(err, index.ErrCorrupt), errors.Is(err, index.ErrNoIndex), errors.Is(err, index.ErrLocked):
		return err
	}
	return &common.QueryError{Msg: err.Error()}
}

func spans(s []index.Span) []common.Span {
	out := make([]common.Span, len(s))
	for i, x := range s {
		out[i] = common.Span{Start: x.Start, End: x.End}
	}
	return out
}

func facets(f []index.FacetCount) []common.FacetCount {
	out := make([]common.FacetCount, len(f))
	for i, x := range f {
		out[i] = common.FacetCount{Value: x.Value, Count: x.Count}
	}
	return out
}

// Doc loads one article with its analysis.
func (b *Backend) Doc(ctx context.Context, id string) (*common.Doc, error) {
	ix, err := b.Index()
	if err != nil {
		return nil, err
	}
	d, err := ix.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return &common.Doc{Article: d.Article, Analysis: d.Analysis}, nil
}

// Quotes lists quotes matching the query: its text part searches the quote
// text; @actor and speaker: filter; #label restricts to tagged documents.
func (b *Backend) Quotes(ctx context.Context, q string, limit int) ([]common.QuoteHit, error) {
	ix, err := b.Index()
	if err != nil {
		return nil, err
	}
	filter, err := b.docFilter(ctx, q)
	if err != nil {
		return nil, err
	}
	pq := index.ParseQuery(q)
	req := index.QuoteRequest{Query: pq.Text, Limit: limit, DocFilter: filter, AsYouType: true}
	if len(pq.Actors) > 0 {
		req.Actor = pq.Actors[0]
	}
	if len(pq.Speakers) > 0 {
		req.Speaker = pq.Speakers[0]
	}
	hits, _, err := ix.Quotes(ctx, req)
	if err != nil {
		return nil, queryError(ctx, err)
	}
	out := make([]common.QuoteHit, len(hits))
	for i, h := range hits {
		out[i] = common.QuoteHit{Quote: h.Quote, DocID: h.DocID, Title: h.Title, Date: h.Date}
	}
	return out, nil
}

// Count is the number of articles.
func (b *Backend) Count(ctx context.Context) (int64, error) {
	ix, err := b.Index()
	if err != nil {
		return 0, err
	}
	n, err := ix.Count()
	return int64(n), err
}

// Toggle adds or removes a label on a quote or span.
func (b *Backend) Toggle(ctx context.Context, in common.TagInput) (bool, model.Tag, error) {
	st, err := b.Store()
	if err != nil {
		return false, model.Tag{}, err
	}
	return st.Toggle(ctx, store.TagInput{
		QuoteID: in.QuoteID, DocID: in.DocID, Start: in.Start, End: in.End,
		Label: in.Label, Target: in.Target, Note: in.Note, Analyst: b.analyst,
		Quote: in.Quote, Speaker: in.Speaker, Title: in.Title, Date: in.Date, Source: in.Source, URL: in.URL,
	})
}

// SetNote sets the note of a tag.
func (b *Backend) SetNote(ctx context.Context, id int64, note string) error {
	st, err := b.Store()
	if err != nil {
		return err
	}
	return st.SetNote(ctx, id, note)
}

// SetTarget sets the target actor of a tag.
func (b *Backend) SetTarget(ctx context.Context, id int64, target string) error {
	st, err := b.Store()
	if err != nil {
		return err
	}
	return st.SetTarget(ctx, id, target)
}

// Undo reverts the last change ("" when there is nothing to undo).
func (b *Backend) Undo(ctx context.Context) (string, error) {
	st, err := b.Store()
	if err != nil {
		return "", err
	}
	s, err := st.Undo(ctx)
	if errors.Is(err, store.ErrNothingToUndo) {
		return "", nil
	}
	return s, err
}

// Redo re-applies the last undone change ("" when there is nothing).
func (b *Backend) Redo(ctx context.Context) (string, error) {
	st, err := b.Store()
	if err != nil {
		return "", err
	}
	s, err := st.Redo(ctx)
	if errors.Is(err, store.ErrNothingToRedo) {
		return "", nil
	}
	return s, err
}

// ForDoc lists the tags of a document.
func (b *Backend) ForDoc(ctx context.Context, docID string) ([]model.Tag, error) {
	st, err := b.Store()
	if err != nil {
		return nil, err
	}
	return st.ForDoc(ctx, docID)
}

// Labels maps quote IDs to their labels.
func (b *Backend) Labels(ctx context.Context, quoteIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(quoteIDs) == 0 {
		return out, nil
	}
	st, err := b.Store()
	if err != nil {
		return nil, err
	}
	return st.LabelsFor(ctx, quoteIDs)
}

// Export writes every tag in format into the exports folder, atomically,
// as tags-YYYYMMDD-HHMMSS.EXT, and returns the path and the tag count.
func (b *Backend) Export(ctx context.Context, format string) (string, int, error) {
	st, err := b.Store()
	if err != nil {
		return "", 0, err
	}
	tags, err := st.List(ctx, store.Filter{})
	if err != nil {
		return "", 0, err
	}
	var buf bytes.Buffer
	switch format {
	case "md":
		err = store.WriteMarkdown(&buf, tags, b.labelOrder)
	default:
		err = store.Export(&buf, format, tags)
	}
	if err != nil {
		return "", 0, err
	}
	if err := os.MkdirAll(b.exportsDir, workspace.DirMode); err != nil {
		return "", 0, fmt.Errorf("exports folder %s: %w", b.exportsDir, err)
	}
	name := "tags-" + b.now().Format("20060102-150405") + "." + strings.TrimPrefix(format, ".")
	path := filepath.Join(b.exportsDir, name)
	if err := workspace.WriteFileAtomic(path, buf.Bytes()); err != nil {
		return "", 0, err
	}
	return path, len(tags), nil
}
