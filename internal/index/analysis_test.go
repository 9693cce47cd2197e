package index

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/model"
)

// bleveEn is stock bleve's "en" analyzer.
func bleveEn(t testing.TB) analysis.Analyzer {
	an := bleve.NewIndexMapping().AnalyzerNamed(en.AnalyzerName)
	if an == nil {
		t.Fatal("no en analyzer")
	}
	return an
}

// fastEnAnalyzer is a new fastEn, as bleve builds it.
func fastEnAnalyzer(t testing.TB) analysis.Analyzer {
	registerAnalysis()
	an, ok := bleve.NewIndexMapping().AnalyzerNamed(fastEnName).(*fastEn)
	if !ok {
		t.Fatal("no workbench-en analyzer")
	}
	return an
}

// sameTokens reports the first difference between two token streams.
func sameTokens(want, got analysis.TokenStream) error {
	for i := 0; i < max(len(want), len(got)); i++ {
		if i >= len(want) || i >= len(got) {
			return fmt.Errorf("%d tokens, want %d (first extra: %v)", len(got), len(want), extra(want, got, i))
		}
		w, g := want[i], got[i]
		if string(w.Term) != string(g.Term) || w.Start != g.Start || w.End != g.End ||
			w.Position != g.Position || w.Type != g.Type || w.KeyWord != g.KeyWord {
			return fmt.Errorf("token %d: got %q %d-%d pos %d type %d, want %q %d-%d pos %d type %d",
				i, g.Term, g.Start, g.End, g.Position, g.Type, w.Term, w.Start, w.End, w.Position, w.Type)
		}
	}
	return nil
}

func extra(want, got analysis.TokenStream, i int) string {
	if i < len(want) {
		return "want " + want[i].String()
	}
	return "got " + got[i].String()
}

// compareAnalyzers analyses text with both (each on its own copy: to_lower
// writes into its input), and compares what an indexed field gets: bleve's
// token frequencies of want's tokens and fastEn's own count, with and
// without term vectors.
func compareAnalyzers(want, got analysis.Analyzer, text string) error {
	wt := want.Analyze([]byte(text))
	if err := sameTokens(wt, got.Analyze([]byte(text))); err != nil {
		return err
	}
	fe, ok := got.(*fastEn)
	if !ok {
		return nil
	}
	ap := []uint64{3}
	for _, opts := range []bindex.FieldIndexingOptions{bindex.IndexField | bindex.IncludeTermVectors, bindex.IndexField, bindex.IndexField | bindex.SkipFreqNorm} {
		wf := analysis.TokenFrequency(wt, ap, opts)
		gf, n := fe.frequencies([]byte(text), ap, opts)
		if n != len(wt) {
			return fmt.Errorf("frequencies (options %v): length %d, want %d", opts, n, len(wt))
		}
		if err := sameFrequencies(wf, gf); err != nil {
			return fmt.Errorf("frequencies (options %v): %v", opts, err)
		}
	}
	return nil
}

func sameFrequencies(want, got bindex.TokenFrequencies) error {
	if len(want) != len(got) {
		return fmt.Errorf("%d terms, want %d", len(got), len(want))
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			return fmt.Errorf("term %q missing", k)
		}
		if string(g.Term) != string(w.Term) || g.Frequency() != w.Frequency() || len(g.Locations) != len(w.Locations) {
			return fmt.Errorf("term %q: got %q freq %d, %d locations; want %q freq %d, %d locations",
				k, g.Term, g.Frequency(), len(g.Locations), w.Term, w.Frequency(), len(w.Locations))
		}
		for i, wl := range w.Locations {
			gl := g.Locations[i]
			if gl.Field != wl.Field || gl.Start != wl.Start || gl.End != wl.End || gl.Position != wl.Position ||
				fmt.Sprint(gl.ArrayPositions) != fmt.Sprint(wl.ArrayPositions) {
				return fmt.Errorf("term %q location %d: got %+v, want %+v", k, i, *gl, *wl)
			}
		}
	}
	return nil
}

func compareTokenizers(text string) error {
	return sameTokens(unicode.NewUnicodeTokenizer().Tokenize([]byte(text)), tokenize([]byte(text)))
}

var analysisSeeds = []string{
	"", " ", "a", "Putin's visit", "Putin’s", "PUTIN'S", "it's", "'s", "s", "’s",
	"U.S. and U.K.", "3.14 1,000,000 2;3 4'5 6:7", "a:b c.d e'f g,h", "a_b _x_ __ _1_ 1_a",
	"e-mail co-operation", "don't", "rock 'n' roll", "end.", "x..y", "1..2", "a1.2 a1.b 1a.b",
	"Zelenskyy, Zelensky; Zelenskiy!", "Ⱥpple", "ΟΔΥΣΣΕΥΣ", "naïve café résumé", "Crème brûlée.",
	"\u0301abc", " \u0301abc", "a\u0301b", "word\u200bword", "a\u00adb", "日本語のテキスト", "한국어",
	"emoji 👍🏽 here", "🇺🇦 flag", "\r\n\r\nline\rbreak\nend\v\f", "tab\there", "«quote» „German“",
	"Ｆｕｌｌｗｉｄｔｈ", "x＇s", "\xff bad utf8 after", "ok then \xc3", "1st 2nd 3rd 21st",
	"Mr. Peskov: 'We won't.'", "‘single’ “double”", "M\u00e4rz", "İstanbul", "ǅemal",
	"the and of a to in", "running runs ran runner generalizations", "sky's skies",
}

func TestFastEnTokenizerExhaustive(t *testing.T) {
	// Every string of up to 5 of these characters (up to 4 with the
	// non-ASCII ones), through both tokenizers.
	ascii := []string{"a", "B", "1", ":", ".", "'", ",", ";", "_", " ", "-", "\n"}
	mixed := append(append([]string{}, ascii...), "é", "’", "\u0301", "ー")
	n := 0
	var walk func(alpha []string, prefix string, depth int)
	walk = func(alpha []string, prefix string, depth int) {
		if err := compareTokenizers(prefix); err != nil {
			t.Fatalf("%q: %v", prefix, err)
		}
		n++
		if depth == 0 {
			return
		}
		for _, c := range alpha {
			walk(alpha, prefix+c, depth-1)
		}
	}
	walk(ascii, "", 5)
	walk(mixed, "", 4)
	if n < 100000 {
		t.Fatalf("only %d strings compared", n)
	}
}

func TestFastEnMatchesBleveSeeds(t *testing.T) {
	want, got := bleveEn(t), fastEnAnalyzer(t)
	for _, s := range analysisSeeds {
		if err := compareTokenizers(s); err != nil {
			t.Errorf("tokenizer %q: %v", s, err)
		}
		if err := compareAnalyzers(want, got, s); err != nil {
			t.Errorf("analyzer %q: %v", s, err)
		}
	}
	// The cache gives the same stems the second time.
	for _, s := range analysisSeeds {
		if err := compareAnalyzers(want, got, s); err != nil {
			t.Errorf("analyzer, cached %q: %v", s, err)
		}
	}
}

// TestFastEnMatchesBleveOnSample compares every title and body of the
// embedded sample corpus.
func TestFastEnMatchesBleveOnSample(t *testing.T) {
	want, got := bleveEn(t), fastEnAnalyzer(t)
	n := 0
	for _, name := range data.SampleFiles() {
		f, err := data.Sample().Open(name)
		if err != nil {
			t.Fatal(err)
		}
		n += compareJSONL(t, want, got, f, 0)
		f.Close()
	}
	if n < 300 {
		t.Fatalf("only %d articles compared", n)
	}
}

// TestFastEnMatchesBleveOnShared compares the corpora of ../shared when
// present (kremlin-en: long transcripts with typographic quotes and
// dashes).
func TestFastEnMatchesBleveOnShared(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".jsonl") || strings.HasSuffix(p, ".jsonl.gz")) {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("no ../shared corpora")
	}
	limit := 3000
	if testing.Short() {
		limit = 300
	}
	want, got := bleveEn(t), fastEnAnalyzer(t)
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		var r io.Reader = f
		if strings.HasSuffix(p, ".gz") {
			gz, err := gzip.NewReader(f)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			r = gz
		}
		n := compareJSONL(t, want, got, r, limit)
		f.Close()
		t.Logf("%s: %d articles identical", filepath.Base(p), n)
	}
}

// compareJSONL compares the title and title+body (the body field) of up
// to limit (0: all) articles of a JSONL stream; it returns how many.
func compareJSONL(t *testing.T, want, got analysis.Analyzer, r io.Reader, limit int) int {
	t.Helper()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() && (limit == 0 || n < limit) {
		var a struct{ ID, Title, Body, Text, Content string }
		if json.Unmarshal(sc.Bytes(), &a) != nil {
			continue
		}
		body := a.Body + a.Text + a.Content
		for _, s := range []string{a.Title, a.Title + "\n" + body} {
			if err := compareAnalyzers(want, got, s); err != nil {
				t.Fatalf("article %s: %v", a.ID, err)
			}
		}
		n++
	}
	return n
}

func FuzzFastEnMatchesBleve(f *testing.F) {
	for _, s := range analysisSeeds {
		f.Add(s)
	}
	want, got := bleveEn(f), fastEnAnalyzer(f)
	f.Fuzz(func(t *testing.T, s string) {
		if err := compareTokenizers(s); err != nil {
			t.Fatalf("tokenizer %q: %v", s, err)
		}
		if err := compareAnalyzers(want, got, s); err != nil {
			t.Fatalf("analyzer %q: %v", s, err)
		}
	})
}

// TestNewIndexUsesFastEn: a new index names workbench-en in its mapping;
// an index made with "en" (before issue 17) keeps it, takes new documents
// and finds them, and both find the same words.
func TestNewIndexUsesFastEn(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	newer, err := Create(filepath.Join(dir, "new"))
	if err != nil {
		t.Fatal(err)
	}
	oldPath := filepath.Join(dir, "old")
	bi, err := bleve.NewUsing(oldPath, buildMappingWith(en.AnalyzerName), bleve.Config.DefaultIndexType,
		bleve.Config.DefaultKVStore, nil)
	if err != nil {
		t.Fatal(err)
	}
	bi.Close()
	older, err := Open(oldPath, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ix       *Index
		analyzer string
	}{{newer, fastEnName}, {older, en.AnalyzerName}} {
		if got := c.ix.parts[0].bi.Mapping().AnalyzerNameForPath(fBody); got != c.analyzer {
			t.Errorf("%s: body analyzer %q, want %q", c.ix.Path(), got, c.analyzer)
		}
		docs := []Doc{
			{Article: model.Article{ID: "a1", Title: "Kremlin's statements", Body: "The spokesman's remarks on negotiations.", Date: day("2022-03-01")}},
			{Article: model.Article{ID: "a2", Title: "Weather", Body: "Sunny skies over Kyiv.", Date: day("2022-03-02")}},
		}
		if err := c.ix.Put(ctx, docs); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]string{"negotiation": "a1", "kremlin": "a1", "spokesman": "a1", "skies": "a2", "\"sunny skies\"": "a2"} {
			res := doSearch(t, c.ix, Request{Query: Q(q, false), Limit: 10})
			if got := ids(res.Hits); len(got) != 1 || got[0] != want {
				t.Errorf("%s: %s found %v, want [%s]", c.analyzer, q, got, want)
			}
		}
		c.ix.Close()
	}
}

// BenchmarkAnalyzers: bleve's en and workbench-en on the sample corpus's
// title+body texts (MB/s), each with what indexing a field adds: the token
// frequencies with term vectors (bleve's TokenFrequency of the tokens, and
// fastEn's own count).
func BenchmarkAnalyzers(b *testing.B) {
	var texts []string
	var size int64
	for _, name := range data.SampleFiles() {
		f, err := data.Sample().Open(name)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var a struct{ Title, Body string }
			if json.Unmarshal(sc.Bytes(), &a) == nil {
				texts = append(texts, a.Title+"\n"+a.Body)
				size += int64(len(texts[len(texts)-1]))
			}
		}
		f.Close()
	}
	opts := bindex.IndexField | bindex.IncludeTermVectors
	fe, ben := fastEnAnalyzer(b).(*fastEn), bleveEn(b)
	for _, c := range []struct {
		name string
		an   analysis.Analyzer
		freq func([]byte)
	}{
		{"en", ben, nil},
		{"workbench-en", fe, nil},
		{"en+freq", nil, func(t []byte) { analysis.TokenFrequency(ben.Analyze(t), nil, opts) }},
		{"workbench-en+tokenfreq", nil, func(t []byte) { analysis.TokenFrequency(fe.Analyze(t), nil, opts) }},
		{"workbench-en+freq", nil, func(t []byte) { fe.frequencies(t, nil, opts) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				for _, s := range texts {
					if c.freq != nil {
						c.freq([]byte(s))
					} else {
						c.an.Analyze([]byte(s))
					}
				}
			}
		})
	}
}
