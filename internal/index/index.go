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
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	bolt "go.etcd.io/bbolt"

	"github.com/workbench-dev/workbench/internal/model"
)

// Errors.
var (
	// ErrNotFound: no document or quote with that id.
	ErrNotFound = errors.New("not found")
	// ErrNoIndex: the path holds no index.
	ErrNoIndex = errors.New("no index")
	// ErrCorrupt: the index exists but cannot be read.
	ErrCorrupt = errors.New("index damaged")
	// ErrLocked: another process holds the index.
	ErrLocked = errors.New("workspace in use")
)

// RebuildHint is the advice that ends every damaged-index error.
const RebuildHint = "run `workbench index --rebuild PATH...` to rebuild it from your files"

// lockTimeout bounds every wait on bolt's file lock: no open call hangs.
const lockTimeout = time.Second

// OpenOptions tune Open.
type OpenOptions struct {
	// ReadOnly opens the index for reading only (a shared lock that other
	// readers may share).
	ReadOnly bool
}

// Index is an open workbench index. It is safe for concurrent use.
type Index struct {
	path     string
	bi       bleve.Index
	readOnly bool
	analyzer analysis.Analyzer

	resolve   func(name string) (id string, ok bool) // see SetActorResolver
	stateMu   sync.Mutex                             // guards inflight and the entry-count record; see commit
	inflight  int
	mu        sync.Mutex
	gen       uint64                         // bumped by every write; keys the caches
	expand    map[string][]string            // prefix -> expanded terms, for gen
	allCache  map[string]*model.SearchResult // cached "" queries, for gen
	newest    time.Time                      // newest article date, valid when newestGen == gen+1
	oldest    time.Time
	newestGen uint64
	expGen    uint64
}

// Doc is an article with its analysis and content hash, as indexed.
type Doc struct {
	model.Article
	Analysis model.Analysis
	Hash     string
}

// Field names.
const (
	fKind     = "kind"
	fTitle    = "title"
	fBody     = "body"
	fContent  = "content"
	fDate     = "date"
	fSource   = "source"
	fURL      = "url"
	fActors   = "actors"
	fSpeakers = "speakers"
	fAnalysis = "analysis"
	fHash     = "hash"
	fPath     = "path"

	fQSpk    = "qspk"
	fQActors = "qactors"

	kindArticle = "a"
	kindQuotes  = "q" // an article with quotes
	typeArticle = "article"
)

func textField(store bool) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = en.AnalyzerName
	f.Store = store
	f.Index = true
	f.IncludeTermVectors = true // phrase queries need positions
	f.IncludeInAll = false
	f.DocValues = false // never sorted or faceted: doc values would double the cost
	return f
}

func storedOnly() *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = true
	f.Index = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

func keywordField(store, docValues bool) *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Store = store
	f.Index = true
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = docValues
	return f
}

func dateField(store bool) *mapping.FieldMapping {
	f := bleve.NewDateTimeFieldMapping()
	f.Store = store
	f.Index = true
	f.IncludeInAll = false
	f.DocValues = true
	return f
}

// textDocMapping is the text part shared with the raw-bleve baseline.
func textDocMapping() *mapping.DocumentMapping {
	dm := bleve.NewDocumentStaticMapping()
	// No _all composite field (bleve adds one unless disabled): the body
	// field already holds title + body.
	all := bleve.NewDocumentDisabledMapping()
	dm.AddSubDocumentMapping("_all", all)
	dm.AddFieldMappingsAt(fTitle, textField(true))
	dm.AddFieldMappingsAt(fBody, textField(false))
	dm.AddFieldMappingsAt(fContent, storedOnly())
	return dm
}

var (
	enOnce sync.Once
	enAn   analysis.Analyzer
)

// enAnalyzer is the English analyzer of the title and body fields.
func enAnalyzer() analysis.Analyzer {
	enOnce.Do(func() {
		enAn = newIndexMapping().AnalyzerNamed(en.AnalyzerName)
	})
	return enAn
}

func newIndexMapping() *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.DefaultAnalyzer = en.AnalyzerName
	im.DefaultField = fBody
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.TypeField = "_type"
	im.DefaultType = typeArticle
	return im
}

// TextMapping is the text-only mapping (title and body with the English
// analyzer, the body stored, the same options as the article type), for a
// raw-bleve baseline that indexes exactly the same text. Index documents made
// by TextDocument with it.
func TextMapping() mapping.IndexMapping {
	im := newIndexMapping()
	im.DefaultMapping = textDocMapping()
	return im
}

// TextDocument is the document TextMapping expects for an article.
func TextDocument(a model.Article) map[string]any {
	return map[string]any{
		fTitle:   a.Title,
		fBody:    a.Title + "\n" + a.Body,
		fContent: a.Body,
	}
}

func buildMapping() mapping.IndexMapping {
	im := newIndexMapping()

	art := textDocMapping()
	art.AddFieldMappingsAt(fKind, keywordField(false, false))
	art.AddFieldMappingsAt(fDate, dateField(true))
	art.AddFieldMappingsAt(fSource, keywordField(true, true))
	art.AddFieldMappingsAt(fURL, storedOnly())
	art.AddFieldMappingsAt(fActors, keywordField(true, true))
	art.AddFieldMappingsAt(fSpeakers, keywordField(false, false))
	art.AddFieldMappingsAt(fAnalysis, storedOnly())
	art.AddFieldMappingsAt(fHash, storedOnly())
	art.AddFieldMappingsAt(fPath, storedOnly())
	art.AddFieldMappingsAt(fQSpk, keywordField(false, true))
	art.AddFieldMappingsAt(fQActors, keywordField(false, false))
	im.AddDocumentMapping(typeArticle, art)
	im.DefaultMapping = art
	return im
}

// Create makes a new, empty index at path (which must not exist).
func Create(path string) (*Index, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("index %s already exists", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	bi, err := bleve.NewUsing(path, buildMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore,
		map[string]interface{}{"bolt_timeout": lockTimeout.String()})
	if err != nil {
		return nil, fmt.Errorf("index %s: cannot create: %w", path, err)
	}
	fixModes(path)
	return newIndex(path, bi, false), nil
}

func newIndex(path string, bi bleve.Index, ro bool) *Index {
	return &Index{path: path, bi: bi, readOnly: ro, analyzer: enAnalyzer()}
}

// Open opens the existing index at path. A missing index gives an error
// wrapping ErrNoIndex; a damaged one an error wrapping ErrCorrupt that names
// `workbench index --rebuild`; an index held by another process an error
// wrapping ErrLocked, after about a second.
func Open(path string, opts OpenOptions) (ix *Index, err error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w at %s", ErrNoIndex, path)
		}
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	if !st.IsDir() {
		return nil, corrupt(path, errors.New("not a folder"))
	}
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err != nil {
		return nil, corrupt(path, errors.New("index_meta.json is missing"))
	}
	defer func() {
		if r := recover(); r != nil {
			ix = nil
			err = corrupt(path, fmt.Errorf("%v", r))
		}
	}()
	cfg := map[string]interface{}{"bolt_timeout": lockTimeout.String()}
	if opts.ReadOnly {
		cfg["read_only"] = true
	}
	bi, err := bleve.OpenUsing(path, cfg)
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, lockedError(path)
		}
		if errors.Is(err, fs.ErrPermission) {
			return nil, fmt.Errorf("index %s: %w (check the permissions of the workspace)", path, err)
		}
		return nil, corrupt(path, err)
	}
	ix = newIndex(path, bi, opts.ReadOnly)
	// bleve falls back to an older snapshot, silently, when the newest one
	// has a damaged segment: the count we recorded after the last write
	// tells.
	if want, ok := readState(path); ok {
		if have, err := bi.DocCount(); err == nil && have < want {
			bi.Close()
			return nil, corrupt(path, fmt.Errorf("it holds %d of the %d entries written last: segment files are damaged or missing", have, want))
		}
	}
	// A damaged segment shows itself on the first read: check now, so the
	// caller gets one clear error instead of failing searches.
	if _, err := ix.Count(); err != nil {
		bi.Close()
		return nil, corrupt(path, err)
	}
	if !opts.ReadOnly {
		fixModes(path)
	}
	return ix, nil
}

func corrupt(path string, cause error) error {
	return fmt.Errorf("%w: %s cannot be read (%v): %s", ErrCorrupt, path, cause, RebuildHint)
}

// lockedError names the process holding the index's lock when /proc/locks
// tells it.
func lockedError(path string) error {
	pid := lockHolder(filepath.Join(path, "store", "root.bolt"))
	return fmt.Errorf("%w by workbench (pid %s): the index %s is open in another process; close it or wait for it to finish, and try again", ErrLocked, pid, path)
}

// lockHolder finds the pid holding a flock on file in /proc/locks (Linux).
func lockHolder(file string) string {
	st, err := os.Stat(file)
	if err != nil {
		return "unknown"
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return "unknown"
	}
	b, err := os.ReadFile("/proc/locks")
	if err != nil {
		return "unknown"
	}
	suffix := fmt.Sprintf(":%d", sys.Ino)
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		// 1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF
		if len(f) >= 6 && strings.HasSuffix(f[5], suffix) && f[4] != fmt.Sprint(os.Getpid()) {
			return f[4]
		}
	}
	return "unknown"
}

// fixModes makes the index's folders 0700 and files 0600 (bleve creates
// index_meta.json world-readable).
func fixModes(path string) {
	filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			os.Chmod(p, 0o700)
		} else if info, err := d.Info(); err == nil && info.Mode().Perm()&0o077 != 0 {
			os.Chmod(p, 0o600)
		}
		return nil
	})
}

// SetActorResolver makes @name and actor:name in queries accept what f
// resolves (names and aliases of the actor registry, e.g.
// analyze.Registry.Lookup) besides actor ids. Call it before searching.
func (ix *Index) SetActorResolver(f func(name string) (id string, ok bool)) {
	ix.mu.Lock()
	ix.resolve = f
	ix.mu.Unlock()
}

// Path is the index folder.
func (ix *Index) Path() string { return ix.path }

// Close closes the index; every Put that returned is on disk.
func (ix *Index) Close() error {
	err := ix.bi.Close()
	if !ix.readOnly {
		fixModes(ix.path)
	}
	return err
}

func (ix *Index) bump() {
	ix.mu.Lock()
	ix.gen++
	ix.expand = nil
	ix.allCache = nil
	ix.mu.Unlock()
}

// guard turns a panic inside bleve (a damaged segment) into an error.
func (ix *Index) guard(err *error) {
	if r := recover(); r != nil {
		*err = corrupt(ix.path, fmt.Errorf("%v", r))
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

// Hashes returns id -> content hash of every article.
func (ix *Index) Hashes(ctx context.Context) (m map[string]string, err error) {
	defer ix.guard(&err)
	n, err := ix.Count()
	if err != nil {
		return nil, err
	}
	m = make(map[string]string, n)
	const page = 10000
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(kindQuery(kindArticle), page, 0, false)
		req.Score = "none"
		req.Fields = []string{fHash}
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SearchAfter = after
		}
		res, err := ix.bi.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			s, _ := h.Fields[fHash].(string)
			m[h.ID] = s
		}
		if len(res.Hits) < page {
			return m, nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// Put indexes docs in one bleve batch, replacing documents (and their
// quotes) with the same ids. When it returns, the batch is on disk.
func (ix *Index) Put(ctx context.Context, docs []Doc) (err error) {
	defer ix.guard(&err)
	if len(docs) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	b := ix.bi.NewBatch()
	for i := range docs {
		d := &docs[i]
		if d.ID == "" {
			return fmt.Errorf("document without id (title %q)", d.Title)
		}
		if err := b.Index(d.ID, articleDoc(d)); err != nil {
			return fmt.Errorf("document %s: %w", d.ID, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return ix.commit(b, 0)
}

// commit writes a batch and records the entry count (see readState). A batch
// that deletes lowers the record first, so a crash in between never makes a
// sound index look damaged.
//
// bleve counts batches of other writers that are introduced but not yet on
// disk, so the count is recorded only by the last of concurrent commits to
// finish, when every introduced batch has been persisted.
func (ix *Index) commit(b *bleve.Batch, deletes int) error {
	ix.stateMu.Lock()
	if deletes > 0 {
		if n, err := ix.bi.DocCount(); err == nil {
			writeState(ix.path, n-min(n, uint64(deletes)))
		}
	}
	ix.inflight++
	ix.stateMu.Unlock()
	err := ix.bi.Batch(b)
	ix.bump()
	ix.stateMu.Lock()
	defer ix.stateMu.Unlock()
	ix.inflight--
	if err != nil {
		return err
	}
	if ix.inflight == 0 {
		if n, err := ix.bi.DocCount(); err == nil {
			writeState(ix.path, n)
		}
	}
	return nil
}

const stateFile = "workbench-state.json"

type indexState struct {
	Entries uint64 `json:"entries"`
}

// readState returns the entry count recorded after the last write.
func readState(path string) (uint64, bool) {
	b, err := os.ReadFile(filepath.Join(path, stateFile))
	if err != nil {
		return 0, false
	}
	var st indexState
	if json.Unmarshal(b, &st) != nil {
		return 0, false
	}
	return st.Entries, true
}

func writeState(path string, n uint64) {
	b, _ := json.Marshal(indexState{Entries: n})
	tmp := filepath.Join(path, "."+stateFile+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	f.Close()
	if err == nil {
		os.Rename(tmp, filepath.Join(path, stateFile))
	}
}

func articleDoc(d *Doc) map[string]any {
	m := TextDocument(d.Article)
	m["_type"] = typeArticle
	m[fKind] = kindArticle
	if !d.Date.IsZero() {
		m[fDate] = d.Date.UTC()
	}
	if d.Source != "" {
		m[fSource] = d.Source
	}
	if d.URL != "" {
		m[fURL] = d.URL
	}
	if d.Path != "" {
		m[fPath] = d.Path
	}
	if a := actorIDs(d.Analysis.Mentions); len(a) > 0 {
		m[fActors] = a
	}
	if qs := d.Analysis.Quotes; len(qs) > 0 {
		m[fKind] = []string{kindArticle, kindQuotes}
		var spk, names, qacts []string
		seen := map[string]bool{}
		once := func(kind, v string, list *[]string) {
			if v != "" && !seen[kind+v] {
				seen[kind+v] = true
				*list = append(*list, v)
			}
		}
		for _, q := range qs {
			for _, k := range speakerKeys(q) {
				once("k", k, &spk)
			}
			once("n", q.Speaker, &names)
			for _, a := range quoteActors(d.Analysis.Mentions, q) {
				once("a", a, &qacts)
			}
		}
		if len(spk) > 0 {
			m[fSpeakers] = spk
		}
		if len(names) > 0 {
			m[fQSpk] = names
		}
		if len(qacts) > 0 {
			m[fQActors] = qacts
		}
	}
	an := d.Analysis
	if an.Mentions == nil {
		an.Mentions = []model.Mention{}
	}
	if an.Quotes == nil {
		an.Quotes = []model.Quote{}
	}
	js, _ := json.Marshal(storedAnalysis{an.Mentions, toStoredQuotes(an.Quotes)})
	m[fAnalysis] = string(js)
	m[fHash] = d.Hash
	return m
}

// storedQuote keeps the fields model.Quote hides from JSON.
type storedQuote struct {
	model.Quote
	SpeakerActor string `json:"speaker_actor,omitempty"`
}

type storedAnalysis struct {
	Mentions []model.Mention `json:"mentions"`
	Quotes   []storedQuote   `json:"quotes"`
}

func toStoredQuotes(qs []model.Quote) []storedQuote {
	out := make([]storedQuote, len(qs))
	for i, q := range qs {
		out[i] = storedQuote{q, q.SpeakerActor}
	}
	return out
}

func fromStoredQuotes(qs []storedQuote) []model.Quote {
	out := make([]model.Quote, len(qs))
	for i, q := range qs {
		out[i] = q.Quote
		out[i].SpeakerActor = q.SpeakerActor
	}
	return out
}

func actorIDs(ms []model.Mention) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range ms {
		if m.Actor != "" && !seen[m.Actor] {
			seen[m.Actor] = true
			out = append(out, m.Actor)
		}
	}
	return out
}

// speakerKeys are the terms a quote's speaker is found by: the actor id and
// the lower-cased name and its last word.
func speakerKeys(q model.Quote) []string {
	var out []string
	if q.SpeakerActor != "" {
		out = append(out, q.SpeakerActor)
	}
	if s := strings.ToLower(strings.TrimSpace(q.Speaker)); s != "" {
		out = append(out, s)
		if f := strings.Fields(s); len(f) > 1 {
			out = append(out, f[len(f)-1])
		}
	}
	return out
}

// quoteActors are the actors mentioned inside a quote.
func quoteActors(ms []model.Mention, q model.Quote) []string {
	var out []string
	for _, mn := range ms {
		if mn.Start >= q.Start && mn.End <= q.End && mn.Actor != "" && !slices.Contains(out, mn.Actor) {
			out = append(out, mn.Actor)
		}
	}
	return out
}

// Delete removes articles and their quotes.
func (ix *Index) Delete(ctx context.Context, ids []string) (err error) {
	defer ix.guard(&err)
	if len(ids) == 0 {
		return nil
	}
	b := ix.bi.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	return ix.commit(b, len(ids))
}

// Get returns one article with its analysis.
func (ix *Index) Get(ctx context.Context, id string) (d *Doc, err error) {
	defer ix.guard(&err)
	q := bleve.NewDocIDQuery([]string{id})
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, kindQuery(kindArticle)), 1, 0, false)
	req.Fields = []string{"*"}
	req.Score = "none"
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	f := res.Hits[0].Fields
	d = &Doc{}
	d.ID = id
	d.Title = str(f[fTitle])
	d.Body = str(f[fContent])
	d.Source = str(f[fSource])
	d.URL = str(f[fURL])
	d.Path = str(f[fPath])
	d.Date = parseDate(f[fDate])
	d.Hash = str(f[fHash])
	var sa storedAnalysis
	if s := str(f[fAnalysis]); s != "" {
		if err := json.Unmarshal([]byte(s), &sa); err != nil {
			return nil, corrupt(ix.path, fmt.Errorf("document %s: analysis: %v", id, err))
		}
	}
	d.Analysis = model.Analysis{Mentions: sa.Mentions, Quotes: fromStoredQuotes(sa.Quotes)}
	if d.Analysis.Mentions == nil {
		d.Analysis.Mentions = []model.Mention{}
	}
	return d, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func parseDate(v any) time.Time {
	s, _ := v.(string)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// Remove deletes the index at path, even one too damaged to open: it is
// first renamed aside, so a crash half-way never leaves a half-removed index
// at path. It refuses a folder that does not look like an index.
func Remove(path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("index %s: %w", path, err)
	}
	if st.IsDir() {
		ents, err := os.ReadDir(path)
		if err != nil {
			return fmt.Errorf("index %s: %w", path, err)
		}
		for _, e := range ents {
			switch e.Name() {
			case "index_meta.json", "store", stateFile, "." + stateFile + ".tmp":
			default:
				return fmt.Errorf("%s does not look like a workbench index (it holds %s): not removing it", path, e.Name())
			}
		}
	}
	aside := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".old-"+fmt.Sprint(time.Now().UnixNano()))
	if err := os.Rename(path, aside); err != nil {
		return fmt.Errorf("index %s: cannot move it aside: %w", path, err)
	}
	if err := os.RemoveAll(aside); err != nil {
		return fmt.Errorf("index %s: moved to %s but cannot remove it: %w", path, aside, err)
	}
	return nil
}
