// Package index is workbench's full-text index: a bleve (scorch) index of
// articles and of the quotations found in them. The UI and the commands see
// only the types of this package, never bleve's.
//
// # Layout
//
// One bleve document per article: title (English analyzer, stored), body
// (English analyzer, indexed from title + body, not stored: the default
// query field), content (the body, stored only), date (datetime, doc values
// for sorting), source (keyword, facetable), url (stored), actors (actor ids
// of the mentions, keyword, facetable), speakers (keyword: speaker actor ids
// and names), qspk (speaker display names, facetable), qactors (actors
// mentioned inside quotes), analysis (mentions and quotes as JSON, stored
// only: what show, the reader and the quote listings read) and hash
// (content hash for incremental indexing, stored only).
//
// Quotes live inside their article's document, not as documents of their
// own nor in a second index, and their text is not indexed a second time.
// Measured (BenchmarkPutCPU, generated 3.5 KB news with ~8 quotes each, CPU
// time per article; raw bleve with the text mapping = 1.00): the article
// fields 1.13, plus one bleve document per quote 2.07 (per-document overhead
// dominates short texts), plus the quote texts as an analysed array field of
// the article 1.48. A second index costs the same per-document overhead and
// adds a second commit a crash can tear apart from the first. So Quotes
// finds candidate articles with bleve (the query on the body, which holds
// every quote's text, plus the speakers/qactors fields) and picks the
// matching quotes from the stored analysis in Go; an article and its quotes
// are written (and replaced) together in one batch.
//
// There is no _all field: the body field is indexed from title + body and is
// the default field of query strings, so the text is inverted once instead of
// twice.
package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/model"
)

// Index is an open workbench index. It is safe for concurrent use.
type Index struct {
	path     string
	bi       bleve.Index // the one bleve index, or the alias over the shards
	parts    []*part     // the bleve indexes (one, or the shards: shards.go)
	readOnly bool
	analyzer analysis.Analyzer
	// freeSpace is diskspace.Free; tests give a disk that is full.
	freeSpace func(dir string) (uint64, error)

	mu        sync.Mutex
	gen       uint64                         // bumped by every write; keys the caches
	expand    map[string][]string            // prefix -> expanded terms, for gen
	allCache  map[string]*model.SearchResult // cached "" queries, for gen
	newest    time.Time                      // newest article date, valid when newestGen == gen+1
	oldest    time.Time
	newestGen uint64
}

// Doc is an article with its analysis and content hash, as indexed.
type Doc struct {
	model.Article
	Analysis model.Analysis
	Hash     string
	// Stale (read only): the document was analysed before statements were
	// stored; `workbench index` re-analyses it.
	Stale bool
}

// Path is the index folder.
func (ix *Index) Path() string { return ix.path }

func (ix *Index) bump() {
	ix.mu.Lock()
	ix.gen++
	ix.expand = nil
	ix.allCache = nil
	ix.mu.Unlock()
}

// guard turns a panic inside bleve (a damaged segment) into an error.
//
// An error bleve gives while reading that is not the caller's (a cancelled
// context, a bad query, a missing document) means damaged index files
// ("index read inconsistency detected", "varint overflows"): it becomes
// ErrCorrupt, which names `workbench index --rebuild`.
func (ix *Index) guard(err *error) {
	if r := recover(); r != nil {
		*err = corrupt(ix.path, fmt.Errorf("%v", r))
		return
	}
	var qe *model.QueryError
	var se *SpaceError
	switch e := *err; {
	case errors.As(e, &se):
	case e == nil, errors.Is(e, context.Canceled), errors.Is(e, context.DeadlineExceeded), errors.As(e, &qe),
		errors.Is(e, ErrNotFound), errors.Is(e, ErrCorrupt), errors.Is(e, ErrLocked), errors.Is(e, ErrNoIndex):
	default:
		*err = corrupt(ix.path, e)
	}
}

// Count is the number of articles.
func (ix *Index) Count() (n uint64, err error) {
	defer ix.guard(&err)
	req := bleve.NewSearchRequestOptions(kindQuery(kindArticle), 0, 0, false)
	req.Score = "none"
	res, err := ix.bi.Search(req)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

func kindQuery(k string) query.Query {
	q := bleve.NewTermQuery(k)
	q.SetField(fKind)
	return q
}

func termQuery(field, term string) *query.TermQuery {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return q
}
