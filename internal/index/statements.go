package index

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/model"
)

// analysisVersion is the version of the stored analysis: 1 stores the
// statements. A document stored before (version 0) lists its quotes as
// statements and no turns, and is Stale until `workbench index` re-analyses
// it (the pipeline's content hash changed with it).
const analysisVersion = 1

// storedStatement is a statement without what the document already holds:
// its id and text come from the body (a quote's from the quote).
type storedStatement struct {
	Kind          string  `json:"k"`
	Start         int     `json:"s"`
	End           int     `json:"e"`
	Speaker       string  `json:"sp,omitempty"`
	SpeakerSource string  `json:"src,omitempty"`
	Confidence    float64 `json:"c,omitempty"`
	SpeakerActor  string  `json:"a,omitempty"`
}

func toStoredStatements(sts []model.Statement) []storedStatement {
	if len(sts) == 0 {
		return nil
	}
	out := make([]storedStatement, len(sts))
	for i, s := range sts {
		out[i] = storedStatement{s.Kind, s.Start, s.End, s.Speaker, s.SpeakerSource, s.Confidence, s.SpeakerActor}
	}
	return out
}

// statements rebuilds the statements of a stored document; body is its
// text as code points (turn texts are slices of it).
func (sa *storedAnalysis) statements(docID string, quotes []model.Quote, body []rune) []model.Statement {
	if sa.Version < analysisVersion {
		out := make([]model.Statement, 0, len(quotes))
		for _, q := range quotes {
			out = append(out, quoteStatement(docID, q))
		}
		return out
	}
	byID := make(map[string]int, len(quotes))
	for i, q := range quotes {
		byID[q.ID] = i
	}
	out := make([]model.Statement, 0, len(sa.Statements))
	have := make(map[string]bool, len(sa.Statements))
	for _, s := range sa.Statements {
		st := model.Statement{ID: model.StatementID(docID, s.Start, s.End), DocID: docID, Kind: s.Kind, Start: s.Start, End: s.End,
			Speaker: s.Speaker, SpeakerSource: s.SpeakerSource, Confidence: s.Confidence, SpeakerActor: s.SpeakerActor}
		if i, ok := byID[st.ID]; ok && s.Kind == model.StatementQuote {
			st.Text = quotes[i].Text
		} else if s.Start >= 0 && s.Start <= s.End && s.End <= len(body) {
			st.Text = string(body[s.Start:s.End])
		}
		have[st.ID] = true
		out = append(out, st)
	}
	// Every quote is a statement, even when the analysis was put without
	// statements (hand-made analyses).
	added := false
	for _, q := range quotes {
		if !have[q.ID] {
			out = append(out, quoteStatement(docID, q))
			added = true
		}
	}
	if added {
		sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	}
	return out
}

// quoteStatement is a quote as a statement (documents stored before
// statements).
func quoteStatement(docID string, q model.Quote) model.Statement {
	src := model.SourceCue
	switch {
	case q.Speaker == "":
		src = ""
	case strings.HasPrefix(q.Rule, "transcript-turn") || strings.Contains(q.Rule, "+turn"):
		src = model.SourceTurn
	case strings.Contains(q.Rule, "+role"):
		src = model.SourceRole
	}
	return model.Statement{ID: q.ID, DocID: docID, Kind: model.StatementQuote, Start: q.Start, End: q.End, Text: q.Text,
		Speaker: q.Speaker, SpeakerSource: src, Confidence: q.Confidence, SpeakerActor: q.SpeakerActor}
}

// SpeakerOverride is an analyst's speaker for a statement: Speaker "" says
// nobody (a cleared speaker). SpeakerActor is the registry id when the name
// resolves.
type SpeakerOverride struct {
	Speaker, SpeakerActor string
}

// StatementRequest selects statements: quotes and turns from the analysis,
// spans from the tag store (Extra), each with the analyst's speaker when
// there is one (Overrides). The query's text searches the statement text;
// @actor keeps statements mentioning the actor inside them; speaker: the
// statements of that speaker; dates the articles' dates.
type StatementRequest struct {
	Query         model.Query
	Limit, Offset int
	// Kinds keeps these kinds (model.StatementQuote, ...); empty is all.
	Kinds []string
	// DocFilter, when non-nil, restricts to these articles; NotDocs
	// excludes articles.
	DocFilter, NotDocs []string
	// StatementFilter, when non-nil, restricts to these statement ids
	// (#label); NotStatements excludes statements (-#label).
	StatementFilter, NotStatements []string
	// Extra are the analyst's spans per document (DocID, Start, End; a
	// span that is also a quote or a turn of the document is that
	// statement). Their text is taken from the body and their speaker is
	// the one of the turn or quote holding them (speaker_source turn or
	// cue) unless overridden.
	Extra map[string][]model.Statement
	// Overrides are the analyst's speakers by statement id.
	Overrides map[string]SpeakerOverride
	// Exact: see QuoteRequest.
	Exact bool
}

// Statements lists the statements matching r, newest first (then by
// article id and position), with their number.
func (ix *Index) Statements(ctx context.Context, r StatementRequest) (res *model.StatementResult, err error) {
	defer ix.guard(&err)
	if r.Limit <= 0 {
		r.Limit = defaultLimit
	}
	r.Offset = max(r.Offset, 0)
	res = &model.StatementResult{Query: r.Query, Hits: []model.StatementHit{}}
	if (r.DocFilter != nil && len(r.DocFilter) == 0) || (r.StatementFilter != nil && len(r.StatementFilter) == 0) {
		return res, nil
	}
	q, match, err := ix.statementQuery(r)
	if err != nil {
		return nil, err
	}
	var matched uint64
	fields := []string{fTitle, fDate, fURL, fAnalysis, fContent}
	full := func() bool { return len(res.Hits) >= r.Limit }
	scanned, articles, complete, err := ix.scanNewest(ctx, q, r.Query.Raw, fields, r.Exact, full, func(h *search.DocumentMatch, sa *storedAnalysis) {
		if sa.Version < analysisVersion {
			res.Stale = true
		}
		body := []rune(str(h.Fields[fContent]))
		sts := MergeStatements(sa.statements(h.ID, fromStoredQuotes(sa.Quotes), body), r.Extra[h.ID], body, r.Overrides)
		title, date, url := str(h.Fields[fTitle]), parseDate(h.Fields[fDate]), str(h.Fields[fURL])
		for _, st := range sts {
			if !match(st, sa.Mentions) {
				continue
			}
			matched++
			if matched > uint64(r.Offset) && len(res.Hits) < r.Limit {
				res.Hits = append(res.Hits, model.StatementHit{Statement: st, Title: title, Date: date, URL: url})
			}
		}
	})
	if err != nil {
		return nil, err
	}
	res.Total, res.Estimated = estimate(matched, scanned, articles, complete)
	return res, nil
}

// MergeStatements adds the analyst's spans (extra) to a document's
// statements and applies the analyst's speakers: a span that is a quote or
// a turn is that statement; another span takes its text from body (a span
// outside the body is left out: the caller lists it as orphaned) and the
// speaker of the turn or quote holding it (the innermost: a quote inside a
// turn wins), with that statement's speaker source (a turn's is turn, a
// quote's cue or role; analyst when the analyst corrected it). The result
// is sorted by start, then end; sts is not modified.
func MergeStatements(sts, extra []model.Statement, body []rune, overrides map[string]SpeakerOverride) []model.Statement {
	override := func(sts []model.Statement) {
		for i := range sts {
			if o, ok := overrides[sts[i].ID]; ok {
				sts[i].Speaker, sts[i].SpeakerActor, sts[i].SpeakerSource, sts[i].Confidence = o.Speaker, o.SpeakerActor, model.SourceAnalyst, 1
			}
		}
	}
	if len(overrides) > 0 {
		// First the quotes and turns: a span inside a corrected turn
		// inherits the analyst's speaker.
		sts = slices.Clone(sts)
		override(sts)
	}
	if len(extra) > 0 {
		have := make(map[string]bool, len(sts))
		for _, s := range sts {
			have[s.ID] = true
		}
		base := sts
		sts = slices.Clone(sts)
		for _, e := range extra {
			id := model.StatementID(e.DocID, e.Start, e.End)
			if have[id] || e.Start < 0 || e.End <= e.Start || e.End > len(body) {
				continue
			}
			have[id] = true
			sp := model.Statement{ID: id, DocID: e.DocID, Kind: model.StatementSpan, Start: e.Start, End: e.End,
				Text: string(body[e.Start:e.End]), Confidence: 1}
			var in *model.Statement
			for i := range base {
				b := &base[i]
				if b.Start <= e.Start && e.End <= b.End && (in == nil || b.End-b.Start < in.End-in.Start) {
					in = b
				}
			}
			if in != nil && (in.Speaker != "" || in.SpeakerSource == model.SourceAnalyst) {
				sp.Speaker, sp.SpeakerActor, sp.SpeakerSource, sp.Confidence = in.Speaker, in.SpeakerActor, in.SpeakerSource, in.Confidence
				if sp.SpeakerSource == "" {
					sp.SpeakerSource = model.SourceCue
				}
			}
			sts = append(sts, sp)
		}
		sort.SliceStable(sts, func(i, j int) bool {
			if sts[i].Start != sts[j].Start {
				return sts[i].Start < sts[j].Start
			}
			return sts[i].End < sts[j].End
		})
	}
	if len(overrides) > 0 {
		override(sts)
	}
	return sts
}

// statementQuery is the article query for r, and the test each statement
// of a matching article must pass.
func (ix *Index) statementQuery(r StatementRequest) (query.Query, func(model.Statement, []model.Mention) bool, error) {
	pq := r.Query
	textQ, termSet, err := ix.spanText(pq)
	if err != nil {
		return nil, nil, err
	}
	docs := r.DocFilter
	stSet := idSet(r.StatementFilter)
	if r.StatementFilter != nil {
		ids := docsOfSpans(r.StatementFilter)
		if docs == nil {
			docs = ids
		} else {
			docs = intersectIDs(docs, ids)
		}
	}
	// Documents whose statements the analyst changed or added: a speaker
	// filter cannot rule them out by the article's speakers.
	var analystDocs []string
	seenDoc := map[string]bool{}
	for d := range r.Extra {
		if !seenDoc[d] {
			seenDoc[d] = true
			analystDocs = append(analystDocs, d)
		}
	}
	for id := range r.Overrides {
		if d, _, _, err := model.ParseQuoteID(id); err == nil && !seenDoc[d] {
			seenDoc[d] = true
			analystDocs = append(analystDocs, d)
		}
	}
	sort.Strings(analystDocs)
	// Article-level filters. Actors: mentioned anywhere in the article
	// (the statement test checks inside); exclusions of actors and
	// speakers are statement-level only.
	artQ := pq
	artQ.NotActors, artQ.NotSpeakers, artQ.Speakers = nil, nil, nil
	must, not := ix.filters(artQ, fActors, docs, r.NotDocs)
	for _, s := range pq.Speakers {
		sq := query.Query(termQuery(fSpeakers, strings.ToLower(s)))
		if len(analystDocs) > 0 {
			sq = bleve.NewDisjunctionQuery(sq, bleve.NewDocIDQuery(analystDocs))
		}
		must = append(must, sq)
	}
	kindQ := query.Query(kindQuery(kindStatements))
	if len(r.Extra) > 0 {
		var ds []string
		for d := range r.Extra {
			ds = append(ds, d)
		}
		sort.Strings(ds)
		kindQ = bleve.NewDisjunctionQuery(kindQ, bleve.NewDocIDQuery(ds))
	}
	// Documents stored before statements still list their quotes.
	kindQ = bleve.NewDisjunctionQuery(kindQ, kindQuery(kindQuotes))
	must = append(must, kindQ)
	if len(not) > 0 {
		must = append(must, exclude(not))
	}
	var q query.Query
	switch {
	case textQ != nil:
		q = withFilters(textQ, must)
	case len(must) == 1:
		q = must[0]
	default:
		q = bleve.NewConjunctionQuery(must...)
	}
	notSt := idSet(r.NotStatements)
	match := func(st model.Statement, ms []model.Mention) bool {
		if len(r.Kinds) > 0 && !slices.Contains(r.Kinds, st.Kind) {
			return false
		}
		if stSet != nil && !stSet[st.ID] || notSt[st.ID] {
			return false
		}
		if len(pq.Speakers)+len(pq.NotSpeakers) > 0 {
			keys := speakerKeysOf(st.SpeakerActor, st.Speaker)
			for _, s := range pq.Speakers {
				if !slices.Contains(keys, strings.ToLower(s)) {
					return false
				}
			}
			for _, s := range pq.NotSpeakers {
				if slices.Contains(keys, strings.ToLower(s)) {
					return false
				}
			}
		}
		return ix.spanMatches(pq, textQ, termSet, ms, st.Start, st.End, st.Text)
	}
	return q, match, nil
}

// intersectIDs is the ids of a that b has, in a's order.
func intersectIDs(a, b []string) []string {
	in := idSet(b)
	out := []string{}
	for _, id := range a {
		if in[id] {
			out = append(out, id)
		}
	}
	return out
}

// kinds is the kind field's value as a list.
func kinds(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []string:
		return x
	}
	return nil
}

// SpeakerKeysOf are the keys speaker: finds a statement's speaker by: the
// actor id, the lower-cased name and its last word.
func SpeakerKeysOf(actor, speaker string) []string { return speakerKeysOf(actor, speaker) }

// withSpeakerDocs widens each speaker: filter to the articles where an
// analyst gave a statement that speaker.
func withSpeakerDocs(filters []query.Query, docs map[string][]string) []query.Query {
	if len(docs) == 0 {
		return filters
	}
	for i, f := range filters {
		tq, ok := f.(*query.TermQuery)
		if !ok || tq.Field() != fSpeakers || len(docs[tq.Term]) == 0 {
			continue
		}
		filters[i] = bleve.NewDisjunctionQuery(tq, bleve.NewDocIDQuery(docs[tq.Term]))
	}
	return filters
}
