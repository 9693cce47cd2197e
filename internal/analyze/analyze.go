package analyze

import (
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

// scratch holds per-document buffers reused across documents; every string
// that leaves AnalyzeDoc is copied out of them.
type scratch struct {
	runes  []rune
	toks   []token
	paraOf []int32
	cue    []int8
	// memo of doc.word
	wbuf     []byte
	wlo, whi []int32
	// byteAt[k] is the byte offset in the body of rune k*byteAtStep.
	byteAt []int
	// The document's body and whether it is valid UTF-8 (see substr),
	// during the analysis only.
	body  string
	valid bool
}

const byteAtStep = 64

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxKeptScratch is the largest rune buffer kept for reuse.
const maxKeptScratch = 1 << 20

// Analyzer finds mentions, quotes and turns. Apart from a cache of parsed
// speaker labels it is immutable after New, and it is safe for
// concurrent use by many goroutines.
type Analyzer struct {
	reg         *Registry
	pats        []pattern
	patKey      []string           // folded pattern text
	titleGroups map[string][]int32 // folded title -> title patterns
	auto        *automaton
	roleTitle   map[string]string // folded description -> folded role title
	labels      sync.Map          // label text -> labelInfo (see parseLabelCached)
	nlabels     atomic.Int64
}

// New builds an analyzer for the actors of r. A nil registry gives an
// analyzer that finds quotes but no mentions.
func New(r *Registry) *Analyzer {
	if r == nil {
		r = &Registry{byKey: map[string]int{}}
	}
	a := &Analyzer{reg: r, titleGroups: map[string][]int32{}}
	var folded [][]rune
	add := func(actor int, s string, title, caseSen bool) {
		k := foldString(s)
		rs := []rune(k)
		if len(rs) == 0 || len(rs) >= maxPatternRunes {
			return
		}
		pi := int32(len(a.pats))
		a.pats = append(a.pats, pattern{actor: actor, runes: len(rs), surface: []rune(s), title: title, caseSen: caseSen})
		a.patKey = append(a.patKey, k)
		folded = append(folded, rs)
		if title {
			a.titleGroups[k] = append(a.titleGroups[k], pi)
		}
	}
	for i, ac := range r.actors {
		add(i, ac.Name, false, ac.CaseSensitive)
		for _, al := range ac.Aliases {
			add(i, al, false, ac.CaseSensitive)
		}
		for _, t := range ac.Titles {
			add(i, t, true, false)
		}
	}
	if len(folded) > 0 {
		a.auto = buildAutomaton(folded)
	}
	a.roleTitle = roleTitles(r)
	return a
}

// Registry returns the registry the analyzer was built from.
func (a *Analyzer) Registry() *Registry { return a.reg }

// AnalyzeDoc finds the mentions and quotes of one document. Mentions and
// quotes are sorted by start; quote IDs are model.QuoteID(docID, start, end).
func (a *Analyzer) AnalyzeDoc(docID, body string) model.Analysis {
	return a.analyze(docID, body, docContext{})
}

func (a *Analyzer) analyze(docID, body string, c docContext) model.Analysis {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	// One pass: a body has at most as many runes as bytes.
	if cap(sc.runes) < len(body) {
		sc.runes = make([]rune, len(body))
	}
	text := sc.runes[:len(body)]
	k := 0
	sc.byteAt = sc.byteAt[:0]
	for bi, r := range body {
		if k&(byteAtStep-1) == 0 {
			sc.byteAt = append(sc.byteAt, bi)
		}
		text[k] = r
		k++
	}
	text = text[:k]
	sc.runes = text
	sc.body, sc.valid = body, utf8.ValidString(body)
	defer func() { sc.body = "" }()
	mentions := a.findMentions(text, a.scan(text))
	turns := a.findTurns(text)
	quotes := a.findQuotes(docID, text, mentions, turns, c, sc)
	if cap(sc.runes) > maxKeptScratch {
		sc.runes = nil // do not keep a huge document's buffers alive
		sc.toks, sc.paraOf, sc.cue = nil, nil, nil
		sc.wbuf, sc.wlo, sc.whi = nil, nil, nil
		sc.byteAt = nil
	}
	if mentions == nil {
		mentions = []model.Mention{}
	}
	if quotes == nil {
		quotes = []model.Quote{}
	}
	return model.Analysis{Mentions: mentions, Quotes: quotes, Statements: a.statements(docID, body, text, sc.byteAt, quotes, turns)}
}

// AnalyzeArticle analyses an article, using its date and source (or URL) to
// resolve descriptions such as "the President" by the roles of the registry.
func (a *Analyzer) AnalyzeArticle(art model.Article) model.Analysis {
	return a.analyze(art.ID, art.Body, contextOf(art))
}
