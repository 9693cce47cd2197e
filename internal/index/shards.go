package index

// A sharded index (issue 17, docs/SCALING.md): a folder holding N bleve
// indexes (shard-000, shard-001, ...) and a manifest, shards.json. A
// document lives in the shard of a hash of its id (FNV-1a, 32 bits, mod N),
// so Get, Put and Delete go to one shard. Searches go through bleve's own
// IndexAlias, which asks every shard in parallel and merges their top hits,
// with bleve's global scoring (the BM25 pre-search: document count and
// field lengths of all shards) and term facets counted over every term of
// each shard (so that the merged counts sum right), cut to the size asked
// for afterwards. Dictionary reads (prefix expansion, speaker keys, the
// statistics' counts, the date span) merge the shards' dictionaries.
//
// A folder without shards.json is today's layout: one bleve index, read and
// written without an alias.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// manifestFile names a sharded index's manifest.
const manifestFile = "shards.json"

// MaxShards bounds CreateOptions.Shards.
const MaxShards = 64

// partitionHash is the only partition: FNV-1a (32 bits) of the id, mod the
// number of shards.
const partitionHash = "fnv1a32-id"

type manifest struct {
	Version   int    `json:"version"`
	Shards    int    `json:"shards"`
	Partition string `json:"partition"`
}

// CreateOptions tune CreateWith.
type CreateOptions struct {
	// Shards is the number of bleve indexes the documents are spread
	// over, by a hash of their id; 0 or 1 is one index (today's layout,
	// no manifest).
	Shards int
}

// part is one bleve index of an Index, with the record of its entries
// (see commit).
type part struct {
	path     string
	bi       bleve.Index
	stateMu  sync.Mutex
	inflight int
}

// shardDir is the folder of shard i.
func shardDir(path string, i int) string { return filepath.Join(path, fmt.Sprintf("shard-%03d", i)) }

// isShardDir tells a shard's folder name (shard-NNN).
func isShardDir(name string) bool {
	var i int
	n, err := fmt.Sscanf(name, "shard-%03d", &i)
	return err == nil && n == 1 && name == fmt.Sprintf("shard-%03d", i)
}

// shardOf is the shard of a document id.
func shardOf(id string, n int) int {
	if n <= 1 {
		return 0
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}

// Shards is the number of bleve indexes behind the index (1: one index).
func (ix *Index) Shards() int { return len(ix.parts) }

// partOf is the part holding id.
func (ix *Index) partOf(id string) *part { return ix.parts[shardOf(id, len(ix.parts))] }

// CreateWith makes a new, empty index at path (which must not exist), one
// bleve index or opts.Shards of them with a manifest.
func CreateWith(path string, opts CreateOptions) (*Index, error) {
	if opts.Shards <= 1 {
		return Create(path)
	}
	if opts.Shards > MaxShards {
		return nil, fmt.Errorf("index %s: %d shards is more than %d", path, opts.Shards, MaxShards)
	}
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("index %s already exists", path)
	}
	if err := os.MkdirAll(path, 0o700); err != nil {
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	bis := make([]bleve.Index, 0, opts.Shards)
	fail := func(err error) (*Index, error) {
		for _, bi := range bis {
			bi.Close()
		}
		os.RemoveAll(path)
		return nil, fmt.Errorf("index %s: cannot create: %w", path, err)
	}
	registerShardType()
	for i := range opts.Shards {
		bi, err := bleve.NewUsing(shardDir(path, i), buildMapping(), shardIndexType, bleve.Config.DefaultKVStore,
			map[string]interface{}{"bolt_timeout": lockTimeout.String()})
		if err != nil {
			return fail(err)
		}
		bis = append(bis, bi)
	}
	// The manifest last: a folder without it is no index (Open says so),
	// never a sharded index missing shards.
	b, _ := json.MarshalIndent(manifest{Version: 1, Shards: opts.Shards, Partition: partitionHash}, "", "  ")
	if err := writeFileSync(filepath.Join(path, manifestFile), append(b, '\n')); err != nil {
		return fail(err)
	}
	fixModes(path)
	return newIndex(path, bis, false), nil
}

// readManifest reads path's manifest; ok is false when there is none.
func readManifest(path string) (m manifest, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(path, manifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return m, false, nil
	}
	if err != nil {
		return m, false, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, false, fmt.Errorf("%s: %v", manifestFile, err)
	}
	if m.Version != 1 || m.Partition != partitionHash || m.Shards < 2 || m.Shards > MaxShards {
		return m, false, fmt.Errorf("%s: version %d, %d shards, partition %q: not an index this workbench can read", manifestFile, m.Version, m.Shards, m.Partition)
	}
	return m, true, nil
}

// openSharded opens every shard of a sharded index.
func openSharded(path string, m manifest, opts OpenOptions) (*Index, error) {
	registerShardType()
	bis := make([]bleve.Index, 0, m.Shards)
	for i := range m.Shards {
		bi, err := openBleve(shardDir(path, i), opts)
		if err != nil {
			for _, b := range bis {
				b.Close()
			}
			return nil, err
		}
		bis = append(bis, bi)
	}
	return checkOpened(newIndex(path, bis, opts.ReadOnly), opts)
}

// ShardsOf tells how many shards the index at path has (1: one bleve
// index), without opening it; ErrNoIndex when there is none.
func ShardsOf(path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return 0, fmt.Errorf("%w at %s", ErrNoIndex, path)
		}
		return 0, fmt.Errorf("index %s: %w", path, err)
	}
	m, ok, err := readManifest(path)
	if err != nil {
		return 0, corrupt(path, err)
	}
	if ok {
		return m.Shards, nil
	}
	return 1, nil
}

// ShardsMismatchError: an existing index has another number of shards
// than asked for; it must be rebuilt to change.
type ShardsMismatchError struct {
	Path       string
	Have, Want int
}

func (e *ShardsMismatchError) Error() string {
	return fmt.Sprintf("the index %s has %d shard(s), not %d: run `workbench index --rebuild --shards %d PATH...` to rebuild it with %d (or leave --shards out to keep %d)",
		e.Path, e.Have, e.Want, e.Want, e.Want, e.Have)
}

// checkShards refuses to write the index at dir (an existing one: dir is
// not "") with another number of shards than asked for (0: any), unless it
// is being rebuilt.
func checkShards(dir string, rebuild bool, shards int) error {
	if dir == "" || rebuild || shards <= 0 {
		return nil
	}
	have, err := ShardsOf(dir)
	if err != nil || have == shards {
		return nil // Open says what is wrong with it
	}
	return &ShardsMismatchError{Path: dir, Have: have, Want: shards}
}

func writeFileSync(p string, b []byte) error {
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, p)
}

// shardAlias is bleve's alias over the shards, with global scoring and
// facets that sum right.
type shardAlias struct {
	bleve.IndexAlias
	parts []*part
	gen   func() uint64 // the index's write generation (Index.gen)

	mu       sync.Mutex
	terms    map[string]int // field -> distinct terms over the shards, for termsGen
	termsGen uint64
}

func newShardAlias(parts []*part) *shardAlias {
	bis := make([]bleve.Index, len(parts))
	for i, p := range parts {
		bis[i] = p.bi
	}
	a := bleve.NewIndexAlias(bis...)
	// Without the mapping, the alias never runs the pre-search, and each
	// shard scores with its own statistics, silently.
	a.SetIndexMapping(bis[0].Mapping())
	return &shardAlias{IndexAlias: a, parts: parts}
}

// fieldTerms is the number of distinct terms of field over every shard
// (cached until the next write). bleve's BM25 divides a field's "cardinality"
// (the size of its term dictionary, summed over segments) by the document
// count for the average field length; summed over shards, as bleve's
// pre-search does, each term is counted once per shard holding it (2.2x
// the union at 2 shards of 100 documents), and every score shifts. The
// union is what one index has once its segments are merged.
func (a *shardAlias) fieldTerms(field string) (int, error) {
	gen := a.gen()
	a.mu.Lock()
	if a.termsGen == gen+1 {
		if n, ok := a.terms[field]; ok {
			a.mu.Unlock()
			return n, nil
		}
	}
	a.mu.Unlock()
	m := &mergedDict{}
	defer m.Close()
	for _, p := range a.parts {
		fd, err := p.bi.FieldDict(field)
		if err != nil {
			return 0, err
		}
		m.dicts = append(m.dicts, fd)
		m.heads = append(m.heads, nil)
		if err := m.advance(len(m.heads) - 1); err != nil {
			return 0, err
		}
	}
	n := 0
	for {
		de, err := m.Next()
		if err != nil {
			return 0, err
		}
		if de == nil {
			break
		}
		n++
	}
	a.mu.Lock()
	if a.termsGen != gen+1 {
		a.terms, a.termsGen = map[string]int{}, gen+1
	}
	a.terms[field] = n
	a.mu.Unlock()
	return n, nil
}

func (a *shardAlias) Search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return a.SearchInContext(context.Background(), req)
}

// SearchInContext asks every shard. A scored search runs bleve's global
// scoring (see globalStats) with the terms' document frequencies summed
// over the shards (globaldf.go), so that scores equal one index's; each shard counts every term of a term facet
// (bleve's alias adds up each shard's top N, which under-counts a term
// outside one shard's top N), and the merged counts are cut to the size
// asked for. A shard that fails fails the search: bleve's alias would
// return the other shards' hits, silently.
func (a *shardAlias) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	r := *req
	if req.Score != "none" && req.PreSearchData == nil {
		st, err := a.globalStats(ctx, req)
		if err != nil {
			return nil, err
		}
		r.PreSearchData = map[string]any{search.BM25PreSearchDataKey: st}
		g := &globalDF{parts: a.parts}
		defer g.close()
		ctx = context.WithValue(ctx, globalDFKey{}, g)
	}
	if len(req.Facets) > 0 {
		r.Facets = make(bleve.FacetsRequest, len(req.Facets))
		for name, f := range req.Facets {
			cp := *f
			if len(f.NumericRanges) == 0 && len(f.DateTimeRanges) == 0 {
				cp.Size = math.MaxInt32
			}
			r.Facets[name] = &cp
		}
	}
	sr, err := a.IndexAlias.SearchInContext(ctx, &r)
	if err == nil {
		err = shardErrors(sr)
	}
	if err != nil {
		return nil, err
	}
	for name, f := range req.Facets {
		sr.Facets.Fixup(name, f.Size)
	}
	sr.Request = req
	return sr, nil
}

// globalStats is bleve's BM25 pre-search (the document count and the
// field lengths of every shard, summed), run by the alias as it does
// for search.GlobalScoring, with the fields' term counts made the union's
// (fieldTerms). It is run here, and its result handed to the search as
// PreSearchData, for that and one more reason: bleve v2.6.3 scores a filter
// that its "unadorned" optimisation turns into one term reader (a date
// range, a set of actors) under the field name "*", which the pre-search
// never counted, and each shard then fails with "field stat for bm25 not
// present *". Such a reader is never scored (a filter), so any count
// does; "*" gets 0.
func (a *shardAlias) globalStats(ctx context.Context, req *bleve.SearchRequest) (*search.BM25Stats, error) {
	pctx := context.WithValue(ctx, search.PreSearchKey, true)
	pr, err := a.IndexAlias.SearchInContext(pctx, &bleve.SearchRequest{Query: unbudgeted(req.Query)})
	if err == nil {
		err = shardErrors(pr)
	}
	if err != nil {
		return nil, err
	}
	st := &search.BM25Stats{FieldCardinality: map[string]int{}}
	if pr.BM25Stats != nil {
		st.DocCount = pr.BM25Stats.DocCount
		for f, n := range pr.BM25Stats.FieldCardinality {
			if f == "_id" || f == "*" {
				st.FieldCardinality[f] = n // never scored as text
				continue
			}
			if st.FieldCardinality[f], err = a.fieldTerms(f); err != nil {
				return nil, err
			}
		}
	}
	if _, ok := st.FieldCardinality["*"]; !ok {
		st.FieldCardinality["*"] = 0
	}
	return st, nil
}

// shardErrors is the failure of any shard in a result of the alias.
func shardErrors(sr *bleve.SearchResult) error {
	if sr == nil || sr.Status == nil || (len(sr.Status.Errors) == 0 && sr.Status.Failed == 0) {
		return nil
	}
	var errs []error
	for name, err := range sr.Status.Errors {
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	if len(errs) == 0 {
		errs = append(errs, fmt.Errorf("%d of %d shards failed", sr.Status.Failed, sr.Status.Total))
	}
	return errors.Join(errs...)
}

// dictPrefix iterates the terms of field starting with prefix over every
// shard, in order, each once with its count summed over the shards (a
// dictionary's count includes deleted documents, as one index's does).
func (ix *Index) dictPrefix(field, prefix string) (bindex.FieldDict, error) {
	if len(ix.parts) == 1 {
		return ix.parts[0].bi.FieldDictPrefix(field, []byte(prefix))
	}
	m := &mergedDict{}
	for _, p := range ix.parts {
		fd, err := p.bi.FieldDictPrefix(field, []byte(prefix))
		if err != nil {
			m.Close()
			return nil, err
		}
		m.dicts = append(m.dicts, fd)
		m.heads = append(m.heads, nil)
	}
	for i := range m.dicts {
		if err := m.advance(i); err != nil {
			m.Close()
			return nil, err
		}
	}
	return m, nil
}

// mergedDict merges sorted dictionaries (a k-way merge; k is small).
type mergedDict struct {
	dicts []bindex.FieldDict
	heads []*bindex.DictEntry
}

func (m *mergedDict) advance(i int) error {
	de, err := m.dicts[i].Next()
	if err != nil {
		return err
	}
	if de != nil {
		cp := *de
		de = &cp
	}
	m.heads[i] = de
	return nil
}

func (m *mergedDict) Next() (*bindex.DictEntry, error) {
	var out *bindex.DictEntry
	for _, h := range m.heads {
		if h != nil && (out == nil || h.Term < out.Term) {
			out = &bindex.DictEntry{Term: h.Term}
		}
	}
	if out == nil {
		return nil, nil
	}
	for i, h := range m.heads {
		if h != nil && h.Term == out.Term {
			out.Count += h.Count
			if err := m.advance(i); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func (m *mergedDict) Close() error {
	var errs []error
	for _, d := range m.dicts {
		errs = append(errs, d.Close())
	}
	return errors.Join(errs...)
}

func (m *mergedDict) Cardinality() int {
	n := 0
	for _, d := range m.dicts {
		n += d.Cardinality()
	}
	return n
}

func (m *mergedDict) BytesRead() uint64 {
	var n uint64
	for _, d := range m.dicts {
		n += d.BytesRead()
	}
	return n
}

// openReaders opens a reader (a snapshot) of each part; closeAll closes
// them. On an error none stays open.
func openReaders(parts []*part) (rds []bindex.IndexReader, closeAll func(), err error) {
	closeAll = func() {
		for _, r := range rds {
			r.Close()
		}
	}
	for _, p := range parts {
		adv, err := p.bi.Advanced()
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		r, err := adv.Reader()
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		rds = append(rds, r)
	}
	return rds, closeAll, nil
}

// termCount is the number of live documents with term in field, over
// every shard.
func (ix *Index) termCount(ctx context.Context, field, term string) (uint64, error) {
	rds, closeAll, err := openReaders(ix.parts)
	if err != nil {
		return 0, err
	}
	defer closeAll()
	var n uint64
	for _, r := range rds {
		k, err := readerTermCount(ctx, r, field, term)
		if err != nil {
			return 0, err
		}
		n += uint64(k)
	}
	return n, nil
}

// Scoring is the index's scoring model: "bm25", or "tf-idf" for an index
// built before workbench moved to BM25 (its mapping, stored in
// index_meta.json, keeps bleve's default).
func (ix *Index) Scoring() string {
	if m, ok := ix.parts[0].bi.Mapping().(*mapping.IndexMappingImpl); ok && m.ScoringModel == bindex.BM25Scoring {
		return bindex.BM25Scoring
	}
	return bindex.TFIDFScoring
}

// Notice is what an analyst should know about the index, or "": an index
// built before BM25 keeps working and keeps ranking with tf-idf (an
// incremental `workbench index` does not change a stored mapping); a
// rebuild ranks with BM25.
func (ix *Index) Notice() string {
	if ix.Scoring() == bindex.BM25Scoring {
		return ""
	}
	return "the index ranks results with tf-idf (it was built before workbench moved to BM25): run `workbench index --rebuild PATH...` to rank with BM25"
}
