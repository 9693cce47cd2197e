package index

// Indexing a text field analysed by fastEn: bleve's TextField.Analyze makes
// the token stream, then a map from each term to its frequency and
// locations (analysis.TokenFrequency, a string hash per token). fastField
// counts the frequencies as the words come from the tokenizer instead,
// through the word cache: one map lookup per word, one insert per distinct
// stem, no token stream. Its frequencies equal TokenFrequency's of
// Analyze's tokens (TestFastFieldMatchesBleve*).

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// indexDoc adds data to b as Batch.Index does (the mapping m makes the
// document), with its fastEn text fields counted by fastField.
func indexDoc(b *bleve.Batch, m mapping.IndexMapping, id string, data any) error {
	doc := document.NewDocument(id)
	if err := m.MapDocument(doc, data); err != nil {
		return err
	}
	for i, f := range doc.Fields {
		if tf, ok := f.(*document.TextField); ok {
			if an, ok := tf.Analyzer().(*fastEn); ok && tf.Options().IsIndexed() {
				doc.Fields[i] = &fastField{TextField: tf, an: an}
			}
		}
	}
	return b.IndexAdvanced(doc)
}

// fastField is a text field whose analyzer is fastEn.
type fastField struct {
	*document.TextField
	an     *fastEn
	length int
	freqs  bindex.TokenFrequencies
}

func (f *fastField) Analyze() {
	value := f.Value()
	if f.Options().IsStored() {
		value = append([]byte(nil), value...) // to_lower writes into it
	}
	f.freqs, f.length = f.an.frequencies(value, f.ArrayPositions(), f.Options())
}

func (f *fastField) AnalyzedLength() int { return f.length }

func (f *fastField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }

func (f *fastField) Size() int { return f.TextField.Size() + f.freqs.Size() }

// frequencies is analysis.TokenFrequency(a.Analyze(input), ...) and the
// number of tokens.
func (a *fastEn) frequencies(input []byte, arrayPositions []uint64, opts bindex.FieldIndexingOptions) (bindex.TokenFrequencies, int) {
	c := a.cache()
	defer a.words.Put(c)
	fs := &freqSink{a: a, c: c, ap: arrayPositions, vectors: opts.IncludeTermVectors(), norm: !opts.SkipFreqNorm(),
		guess: len(input)/8 + 1}
	c.text++
	fs.rv = make(bindex.TokenFrequencies, fs.guess/2)
	if !scanWords(input, fs) {
		// Not valid UTF-8: bleve's tokenizer, counted afresh.
		c.text++
		*fs = freqSink{a: a, c: c, ap: arrayPositions, vectors: fs.vectors, norm: fs.norm, guess: fs.guess,
			rv: make(bindex.TokenFrequencies)}
		for _, t := range unicode.NewUnicodeTokenizer().Tokenize(input) {
			fs.add(t.Term, t.Start, t.End, t.Position, t.Type)
		}
	}
	return fs.rv, fs.n
}

// freqSink is the wordSink of frequencies.
type freqSink struct {
	a       *fastEn
	c       *wordCache
	rv      bindex.TokenFrequencies
	ap      []uint64
	vectors bool
	norm    bool
	n       int // tokens counted
	guess   int // tokens expected, for the first block of locations
	locs    []bindex.TokenLocation
	tok     analysis.Token
}

func (fs *freqSink) add(term []byte, start, end, pos int, _ analysis.TokenType) {
	fs.tok.Term = term
	e := fs.a.entry(fs.c, &fs.tok)
	if e == nil {
		return
	}
	fs.n++
	if e.text != fs.c.text {
		e.text = fs.c.text
		e.tf = &bindex.TokenFreq{Term: e.term}
		fs.rv[e.key] = e.tf
	}
	if fs.vectors {
		if len(fs.locs) == 0 {
			fs.locs = make([]bindex.TokenLocation, min(max(fs.guess-fs.n, 16), 1024))
		}
		l := &fs.locs[0]
		fs.locs = fs.locs[1:]
		*l = bindex.TokenLocation{ArrayPositions: fs.ap, Start: start, End: end, Position: pos}
		e.tf.Locations = append(e.tf.Locations, l)
	}
	if fs.norm {
		e.tf.SetFrequency(e.tf.Frequency() + 1)
	}
}
