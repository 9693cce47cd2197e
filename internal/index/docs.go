package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/workbench-dev/workbench/internal/diskspace"
	"github.com/workbench-dev/workbench/internal/model"
)

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
	free := ix.freeSpace
	if free == nil {
		free = diskspace.Free
	}
	if err := checkSpace(ix.path, docs, free); err != nil {
		return err
	}
	bs := ix.batches()
	for i := range docs {
		d := &docs[i]
		if d.ID == "" {
			return fmt.Errorf("document without id (title %q)", d.Title)
		}
		k := shardOf(d.ID, len(bs))
		if err := indexDoc(bs[k], ix.parts[k].bi.Mapping(), d.ID, articleDoc(d)); err != nil {
			return fmt.Errorf("document %s: %w", d.ID, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return ix.commitAll(bs, nil)
}

// batches is a new batch per part.
func (ix *Index) batches() []*bleve.Batch {
	bs := make([]*bleve.Batch, len(ix.parts))
	for i, p := range ix.parts {
		bs[i] = p.bi.NewBatch()
	}
	return bs
}

// commitAll writes each part's batch, the shards in parallel (one writer
// each). deletes[i] is the number of deletions in batch i.
func (ix *Index) commitAll(bs []*bleve.Batch, deletes []int) error {
	del := func(i int) int {
		if deletes == nil {
			return 0
		}
		return deletes[i]
	}
	if len(bs) == 1 {
		return ix.parts[0].commit(ix, bs[0], del(0))
	}
	errs := make([]error, len(bs))
	var wg sync.WaitGroup
	for i, b := range bs {
		if b.Size() == 0 {
			continue
		}
		wg.Go(func() { errs[i] = ix.parts[i].commit(ix, b, del(i)) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// commit writes a batch and records the entry count (see readState). A batch
// that deletes lowers the record first, so a crash in between never makes a
// sound index look damaged.
//
// bleve counts batches of other writers that are introduced but not yet on
// disk, so the count is recorded only by the last of concurrent commits to
// finish, when every introduced batch has been persisted.
func (p *part) commit(ix *Index, b *bleve.Batch, deletes int) error {
	p.stateMu.Lock()
	if deletes > 0 {
		if n, err := p.bi.DocCount(); err == nil {
			writeState(p.path, n-min(n, uint64(deletes)))
		}
	}
	p.inflight++
	p.stateMu.Unlock()
	err := p.bi.Batch(b)
	ix.bump()
	p.stateMu.Lock()
	defer p.stateMu.Unlock()
	p.inflight--
	if err != nil {
		return err
	}
	if p.inflight == 0 {
		if n, err := p.bi.DocCount(); err == nil {
			writeState(p.path, n)
		}
	}
	return nil
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
	var spk []string
	seen := map[string]bool{}
	once := func(kind, v string, list *[]string) {
		if v != "" && !seen[kind+v] {
			seen[kind+v] = true
			*list = append(*list, v)
		}
	}
	if qs := d.Analysis.Quotes; len(qs) > 0 {
		m[fKind] = []string{kindArticle, kindQuotes}
		var names, qacts []string
		for _, q := range qs {
			for _, k := range speakerKeys(q) {
				once("k", k, &spk)
			}
			once("n", q.Speaker, &names)
			for _, a := range quoteActors(d.Analysis.Mentions, q) {
				once("a", a, &qacts)
			}
		}
		if len(names) > 0 {
			m[fQSpk] = names
		}
		if len(qacts) > 0 {
			m[fQActors] = qacts
		}
	}
	if sts := d.Analysis.Statements; len(sts) > 0 {
		// The speakers of turns are found by speaker: as the quotes' are.
		m[fKind] = append(kinds(m[fKind]), kindStatements)
		for _, st := range sts {
			for _, k := range speakerKeysOf(st.SpeakerActor, st.Speaker) {
				once("k", k, &spk)
			}
		}
	}
	if len(spk) > 0 {
		m[fSpeakers] = spk
	}
	an := d.Analysis
	if an.Mentions == nil {
		an.Mentions = []model.Mention{}
	}
	if an.Quotes == nil {
		an.Quotes = []model.Quote{}
	}
	js, _ := json.Marshal(storedAnalysis{Mentions: an.Mentions, Quotes: toStoredQuotes(an.Quotes),
		Statements: toStoredStatements(an.Statements), Version: analysisVersion})
	m[fAnalysis] = string(js)
	m[fHash] = d.Hash
	maps.Copy(m, StatsFields(d))
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
	// Statements (without their text: see statements.go) and the version
	// of the stored analysis (0: before statements).
	Statements []storedStatement `json:"statements,omitempty"`
	Version    int               `json:"v,omitempty"`
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
func speakerKeys(q model.Quote) []string { return speakerKeysOf(q.SpeakerActor, q.Speaker) }

// speakerKeysOf are the speaker keys of a statement's speaker.
func speakerKeysOf(actor, speaker string) []string {
	var out []string
	if actor != "" {
		out = append(out, actor)
	}
	if s := strings.ToLower(strings.TrimSpace(speaker)); s != "" {
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
	bs := ix.batches()
	deletes := make([]int, len(bs))
	for _, id := range ids {
		i := shardOf(id, len(bs))
		bs[i].Delete(id)
		deletes[i]++
	}
	return ix.commitAll(bs, deletes)
}

// Get returns one article with its analysis.
func (ix *Index) Get(ctx context.Context, id string) (d *Doc, err error) {
	defer ix.guard(&err)
	q := bleve.NewDocIDQuery([]string{id})
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, kindQuery(kindArticle)), 1, 0, false)
	req.Fields = []string{"*"}
	req.Score = "none"
	// One lookup: the shard that holds id.
	res, err := ix.partOf(id).bi.SearchInContext(ctx, req)
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
	d.Analysis.Statements = sa.statements(id, d.Analysis.Quotes, []rune(d.Body))
	d.Stale = sa.Version < analysisVersion
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
