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
	fs := newFreqSink(a, c, arrayPositions, opts, len(input)/8+1)
	if !scanWords(input, fs) {
		// Not valid UTF-8: bleve's tokenizer, counted afresh.
		fs = newFreqSink(a, c, arrayPositions, opts, fs.guess)
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
	tfs     []*bindex.TokenFreq // by stemEntry.slot
	ap      []uint64
	vectors bool
	norm    bool
	n       int // tokens counted
	guess   int // tokens expected, for the first blocks
	locs    []bindex.TokenLocation
	freqs   []bindex.TokenFreq
	tok     analysis.Token
}

// newFreqSink starts counting a text in c.
func newFreqSink(a *fastEn, c *wordCache, ap []uint64, opts bindex.FieldIndexingOptions, guess int) *freqSink {
	c.text++
	return &freqSink{a: a, c: c, ap: ap, vectors: opts.IncludeTermVectors(), norm: !opts.SkipFreqNorm(), guess: guess,
		rv: make(bindex.TokenFrequencies, guess/2), tfs: make([]*bindex.TokenFreq, 0, guess/2)}
}

func (fs *freqSink) add(term []byte, start, end, pos int, _ analysis.TokenType) {
	fs.tok.Term = term
	e := fs.a.entry(fs.c, &fs.tok)
	if e == nil {
		return
	}
	fs.n++
	var tf *bindex.TokenFreq
	if e.text != fs.c.text {
		if len(fs.freqs) == 0 {
			fs.freqs = make([]bindex.TokenFreq, min(max(fs.guess/2-len(fs.tfs), 16), 512))
		}
		tf = &fs.freqs[0]
		fs.freqs = fs.freqs[1:]
		tf.Term = e.term
		e.text, e.slot = fs.c.text, len(fs.tfs)
		fs.tfs = append(fs.tfs, tf)
		fs.rv[e.key] = tf
	} else {
		tf = fs.tfs[e.slot]
	}
	if fs.vectors {
		if len(fs.locs) == 0 {
			fs.locs = make([]bindex.TokenLocation, min(max(fs.guess-fs.n, 16), 1024))
		}
		l := &fs.locs[0]
		fs.locs = fs.locs[1:]
		*l = bindex.TokenLocation{ArrayPositions: fs.ap, Start: start, End: end, Position: pos}
		tf.Locations = append(tf.Locations, l)
	}
	if fs.norm {
		tf.SetFrequency(tf.Frequency() + 1)
	}
}
