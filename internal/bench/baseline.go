package bench

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
)

// Baseline is plain bleve: the text mapping of the workbench index
// (index.TextMapping: title and body with the English analyzer, the body
// stored), no analysis, no actors, no quotes, no caches. It is what the
// benchmark compares workbench against, with the same documents, the same
// batch size and the same queries.
type Baseline struct {
	bi bleve.Index
	an analysis.Analyzer
}

// CreateBaseline makes a new baseline index at path.
func CreateBaseline(path string) (*Baseline, error) {
	bi, err := bleve.New(path, index.TextMapping())
	if err != nil {
		return nil, fmt.Errorf("baseline index %s: %w", path, err)
	}
	return newBaseline(bi)
}

// OpenBaseline opens an existing baseline index.
func OpenBaseline(path string) (*Baseline, error) {
	bi, err := bleve.Open(path)
	if err != nil {
		return nil, fmt.Errorf("baseline index %s: %w", path, err)
	}
	return newBaseline(bi)
}

func newBaseline(bi bleve.Index) (*Baseline, error) {
	an := bi.Mapping().AnalyzerNamed(en.AnalyzerName)
	if an == nil {
		bi.Close()
		return nil, errors.New("baseline: English analyzer not registered")
	}
	return &Baseline{bi: bi, an: an}, nil
}

// Close closes the index.
func (b *Baseline) Close() error { return b.bi.Close() }

// Index writes docs from next (which returns false at the end) in batches of
// batchSize with writers concurrent bleve batches: raw bleve at its best on
// this machine. It returns the number of documents indexed.
func (b *Baseline) Index(ctx context.Context, batchSize, writers int, read func(emit func(model.Article) error) error) (int, error) {
	if batchSize <= 0 {
		batchSize = 1000
	}
	writers = max(writers, 1)
	batches := make(chan *bleve.Batch, writers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var werr error
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for bt := range batches {
				if err := b.bi.Batch(bt); err != nil {
					mu.Lock()
					werr = errors.Join(werr, err)
					mu.Unlock()
				}
			}
		}()
	}
	n := 0
	cur := b.bi.NewBatch()
	err := read(func(a model.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := cur.Index(a.ID, index.TextDocument(a)); err != nil {
			return fmt.Errorf("baseline: document %s: %w", a.ID, err)
		}
		n++
		if cur.Size() >= batchSize {
			batches <- cur
			cur = b.bi.NewBatch()
		}
		return nil
	})
	if err == nil && cur.Size() > 0 {
		batches <- cur
	}
	close(batches)
	wg.Wait()
	if err == nil {
		err = werr
	}
	return n, err
}

// Hit is one baseline result: what the results list shows.
type Hit struct {
	ID       string
	Title    string
	Fragment string
}

// Search runs what the search line would run for typed, the raw-bleve way:
// every complete word must match, the last word being typed is a prefix (or
// the word itself, since "zelensky" stems to "zelenski" in the index), a
// quoted part is a phrase; shortcuts such as @putin or speaker:ryabkov are
// plain words here. Top 20 by score, stored title, and one highlighted
// fragment per hit from bleve's term locations (the body field is not stored,
// so bleve's own highlighter has nothing to cut fragments from; this is its
// equivalent, done for the 20 hits shown).
func (b *Baseline) Search(ctx context.Context, typed string, limit int) ([]Hit, uint64, error) {
	q := b.Query(typed)
	if q == nil {
		return nil, 0, nil
	}
	req := bleve.NewSearchRequestOptions(q, limit, 0, false)
	req.Fields = []string{"title", "content"}
	req.IncludeLocations = true
	res, err := b.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, 0, err
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		title, _ := h.Fields["title"].(string)
		content, _ := h.Fields["content"].(string)
		hits = append(hits, Hit{ID: h.ID, Title: title, Fragment: fragment(content, len(title)+1, h.Locations["body"])})
	}
	return hits, res.Total, nil
}

// Query is the bleve query Search runs for typed, or nil for nothing to
// search.
func (b *Baseline) Query(typed string) query.Query {
	parts, open := splitTyped(typed)
	typing := typed != "" && !unicode.IsSpace(rune(typed[len(typed)-1]))
	var must []query.Query
	for i, p := range parts {
		last := i == len(parts)-1
		if p.phrase {
			if b.analyzes(p.text) {
				q := bleve.NewMatchPhraseQuery(p.text)
				q.SetField("body")
				must = append(must, q)
			}
			continue
		}
		if last && typing && !open {
			w := strings.ToLower(p.text)
			mq := bleve.NewMatchQuery(p.text)
			mq.SetField("body")
			pq := bleve.NewPrefixQuery(w)
			pq.SetField("body")
			must = append(must, bleve.NewDisjunctionQuery(mq, pq))
			continue
		}
		if b.analyzes(p.text) {
			q := bleve.NewMatchQuery(p.text)
			q.SetField("body")
			must = append(must, q)
		}
	}
	switch len(must) {
	case 0:
		return nil
	case 1:
		return must[0]
	}
	return bleve.NewConjunctionQuery(must...)
}

// analyzes reports whether text has a token after analysis (stop words have
// none: a match query on "the" would match nothing and sink the whole AND).
func (b *Baseline) analyzes(text string) bool {
	return len(b.an.Analyze([]byte(text))) > 0
}

type part struct {
	text   string
	phrase bool
}

// splitTyped splits the typed text into words and quoted phrases (an
// unclosed quote runs to the end; open reports it). Shortcut prefixes (@,
// #, field:) are dropped.
func splitTyped(s string) (parts []part, open bool) {
	for s != "" {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			break
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				if t := strings.TrimSpace(s[1:]); t != "" {
					parts = append(parts, part{t, true})
				}
				return parts, true
			}
			if t := strings.TrimSpace(s[1 : 1+end]); t != "" {
				parts = append(parts, part{t, true})
			}
			s = s[2+end:]
			continue
		}
		end := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
		if end < 0 {
			end = len(s)
		}
		w := s[:end]
		s = s[end:]
		w = strings.TrimLeft(w, "@#+-")
		if i := strings.IndexByte(w, ':'); i >= 0 {
			w = w[i+1:]
		}
		if w != "" {
			parts = append(parts, part{w, false})
		}
	}
	return parts, false
}

// fragment cuts about 160 bytes of content around the first matched term and
// marks the matches in it with « ». Locations are byte offsets into the body
// field, which is title + "\n" + content: skip is len(title)+1.
func fragment(content string, skip int, terms search.TermLocationMap) string {
	var spans [][2]int
	for _, locs := range terms {
		for _, l := range locs {
			s, e := int(l.Start)-skip, int(l.End)-skip
			if s >= 0 && e <= len(content) && s < e {
				spans = append(spans, [2]int{s, e})
			}
		}
	}
	if len(spans) == 0 {
		if len(content) > 160 {
			return trimToRunes(content, 0, 160)
		}
		return content
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	from := max(0, spans[0][0]-60)
	to := min(len(content), from+160)
	frag := trimToRunes(content, from, to)
	from = adjustStart(content, from)
	var sb strings.Builder
	pos := from
	for _, sp := range spans {
		if sp[0] < pos || sp[1] > from+len(frag) {
			continue
		}
		sb.WriteString(content[pos:sp[0]])
		sb.WriteString("«" + content[sp[0]:sp[1]] + "»")
		pos = sp[1]
	}
	sb.WriteString(content[pos : from+len(frag)])
	return sb.String()
}

// adjustStart moves a byte offset forward to a rune boundary.
func adjustStart(s string, i int) int {
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// trimToRunes returns s[from:to] moved inwards to rune boundaries.
func trimToRunes(s string, from, to int) string {
	from = adjustStart(s, from)
	for to > from && to < len(s) && !utf8.RuneStart(s[to]) {
		to--
	}
	return s[from:to]
}
