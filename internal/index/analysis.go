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
//   - the Porter stemmer: a word's stem is computed once and kept in a
//     bounded concurrent cache (the vocabulary of a corpus is small next to
//     its number of words).
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
	"sync/atomic"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// fastEnName is the registered name of the analyzer.
const fastEnName = "workbench-en"

// stemCacheMax bounds the stems kept per analyzer (about 64 bytes each).
const stemCacheMax = 1 << 18

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
	stems sync.Map // string -> []byte (len == cap)
	nstem atomic.Int64
}

func newFastEn(stop analysis.TokenMap) *fastEn {
	return &fastEn{stop: stop, lower: lowercase.NewLowerCaseFilter()}
}

// Analyze runs the chain of bleve's "en" on input, token by token.
func (a *fastEn) Analyze(input []byte) analysis.TokenStream {
	ts := tokenize(input)
	j := 0
	var one [1]*analysis.Token
	for _, t := range ts {
		possessive(t)
		if !lowerASCII(t.Term) {
			one[0] = t
			a.lower.Filter(one[:])
		}
		if _, stop := a.stop[string(t.Term)]; stop {
			continue
		}
		if !t.KeyWord {
			t.Term = a.stem(t.Term)
		}
		ts[j] = t
		j++
	}
	return ts[:j]
}

// possessive is bleve's possessive_en on one token.
func possessive(t *analysis.Token) {
	last, size := utf8.DecodeLastRune(t.Term)
	if last != 's' && last != 'S' {
		return
	}
	prev, psize := utf8.DecodeLastRune(t.Term[:len(t.Term)-size])
	if prev == '’' || prev == '\'' || prev == '＇' {
		t.Term = t.Term[:len(t.Term)-size-psize]
	}
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

// stem is bleve's stemmer_porter on one term, through the cache.
func (a *fastEn) stem(term []byte) []byte {
	if v, ok := a.stems.Load(string(term)); ok {
		return v.([]byte)
	}
	s := porterStem(term)
	if a.nstem.Load() < stemCacheMax {
		if _, loaded := a.stems.LoadOrStore(string(term), s); !loaded {
			a.nstem.Add(1)
		}
	}
	return s
}

// porterStem is what bleve's porter filter makes of term, in a slice of its
// own whose capacity is its length (shared by the cache: an append copies).
func porterStem(term []byte) []byte {
	st := analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(term)))
	return st[:len(st):len(st)]
}
