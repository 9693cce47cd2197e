package index

// The English analyzer of new indexes (issue 17: indexing CPU per document).
//
// fastEnName ("workbench-en") gives exactly the tokens of bleve's "en"
// analyzer (unicode tokenizer, possessive_en, to_lower, stop_en,
// stemmer_porter): the same terms, positions, byte offsets and types
// (TestFastEnMatchesBleve*, FuzzFastEnMatchesBleve). It is faster in two
// places that the CPU profile of indexing pointed at:
//
//   - the tokenizer: text between ASCII white space that is all ASCII is
//     split by a byte-table scanner equal to the UAX #29 word segmenter of
//     blevesearch/segment on ASCII (tokenize.go); any other stretch goes
//     through that segmenter itself;
//   - stop words and the Porter stemmer: what they make of a word is
//     worked out once and kept in a bounded cache (the vocabulary of a
//     corpus is small next to its number of words).
//
// An index's mapping names its analyzer, so only indexes created since use
// it (buildMapping); older ones keep "en", and queries analyse with the
// field's analyzer either way. The raw-bleve baseline of the benchmark
// (TextMapping) keeps stock "en". bleve finds analyzers by name in its
// registry: registerAnalysis adds this one once, before any index of this
// package is created or opened (not in init).

import (
	"bytes"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// fastEnName is the registered name of the analyzer.
const fastEnName = "workbench-en"

// stemCacheMax bounds the words a cache keeps (about 80 bytes each).
const stemCacheMax = 1 << 17

var analysisOnce sync.Once

// registerAnalysis registers fastEnName with bleve (once per process).
func registerAnalysis() {
	analysisOnce.Do(func() {
		if err := registry.RegisterAnalyzer(fastEnName, fastEnConstructor); err != nil {
			panic(err) // only if the name were taken: a programming error
		}
	})
}

func fastEnConstructor(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	stop, err := cache.TokenMapNamed(en.StopName)
	if err != nil {
		return nil, err
	}
	return newFastEn(stop), nil
}

// fastEn is the analyzer: see the top of this file.
type fastEn struct {
	stop  analysis.TokenMap
	lower *lowercase.LowerCaseFilter
	// words holds *wordCache: one per goroutine analysing at a time, each
	// filled as it goes (a plain map is several times cheaper to look up
	// than a shared concurrent one, and a corpus's vocabulary warms it
	// within a few documents).
	words sync.Pool
}

// wordCache maps a lower-cased word to its stem's entry (stopEntry for a
// stop word), and a stem to its entry (words with the same stem share
// it); at stemCacheMax words it starts again, between two texts.
type wordCache struct {
	words map[string]*stemEntry
	stems map[string]*stemEntry
	text  uint64 // the text being counted by frequencies
}

// stemEntry is a stem, and the index of its frequency among those of the
// text being counted (slot, valid while text is the cache's; no pointer
// into a text's frequencies, which would keep them alive).
type stemEntry struct {
	term []byte // len == cap: an append copies
	key  string
	text uint64
	slot int
}

// stopEntry is the entry of every stop word.
var stopEntry = &stemEntry{}

func newFastEn(stop analysis.TokenMap) *fastEn {
	a := &fastEn{stop: stop, lower: lowercase.NewLowerCaseFilter()}
	a.words.New = func() any {
		return &wordCache{words: make(map[string]*stemEntry, 4096), stems: make(map[string]*stemEntry, 4096)}
	}
	return a
}

// cache takes a word cache for one text (put it back with a.words.Put).
func (a *fastEn) cache() *wordCache {
	c := a.words.Get().(*wordCache)
	if len(c.words) >= stemCacheMax {
		clear(c.words)
		clear(c.stems)
	}
	return c
}

// entry is what possessive_en, to_lower, stop_en and stemmer_porter make
// of a word: nil for a stop word. The word's bytes are lowered in place,
// as to_lower does.
func (a *fastEn) entry(c *wordCache, t *analysis.Token) *stemEntry {
	t.Term = possessive(t.Term)
	if !lowerASCII(t.Term) {
		one := [1]*analysis.Token{t}
		a.lower.Filter(one[:])
	}
	e, ok := c.words[string(t.Term)]
	if !ok {
		e = stopEntry
		if _, stop := a.stop[string(t.Term)]; !stop {
			st := porterStem(t.Term)
			if e, ok = c.stems[string(st)]; !ok {
				e = &stemEntry{term: st, key: string(st)}
				c.stems[e.key] = e
			}
		}
		c.words[string(t.Term)] = e
	}
	if e == stopEntry {
		return nil
	}
	return e
}

// Analyze runs the chain of bleve's "en" on input, token by token.
func (a *fastEn) Analyze(input []byte) analysis.TokenStream {
	ts := tokenize(input)
	c := a.cache()
	j := 0
	for _, t := range ts {
		e := a.entry(c, t)
		if e == nil {
			continue
		}
		if !t.KeyWord {
			t.Term = e.term
		}
		ts[j] = t
		j++
	}
	a.words.Put(c)
	return ts[:j]
}

// possessive is bleve's possessive_en on one term.
func possessive(term []byte) []byte {
	last, size := utf8.DecodeLastRune(term)
	if last != 's' && last != 'S' {
		return term
	}
	prev, psize := utf8.DecodeLastRune(term[:len(term)-size])
	if prev == '’' || prev == '\'' || prev == '＇' {
		return term[:len(term)-size-psize]
	}
	return term
}

// lowerASCII lowers b in place when it is all ASCII (what to_lower does to
// it) and reports whether it was.
func lowerASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return true
}

// porterStem is what bleve's porter filter makes of term, in a slice of its
// own whose capacity is its length (shared by the cache: an append copies).
func porterStem(term []byte) []byte {
	st := analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(term)))
	return st[:len(st):len(st)]
}
