package index

import (
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/workbench-dev/workbench/internal/model"
)

// Field names.
const (
	fKind     = "kind"
	fTitle    = "title"
	fBody     = "body"
	fContent  = "content"
	fDate     = "date"
	fSource   = "source"
	fURL      = "url"
	fActors   = "actors"
	fSpeakers = "speakers"
	fAnalysis = "analysis"
	fHash     = "hash"
	fPath     = "path"

	fQSpk    = "qspk"
	fQActors = "qactors"

	kindArticle = "a"
	kindQuotes  = "q" // an article with quotes
	// kindStatements: an article with statements (quotes or turns). The
	// kind field is a keyword field of every index, so an index made
	// before statements takes it without a new mapping.
	kindStatements = "s"
	typeArticle    = "article"
)

func textField(store bool, analyzer string) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Store = store
	f.Index = true
	f.IncludeTermVectors = true // phrase queries need positions
	f.IncludeInAll = false
	f.DocValues = false // never sorted or faceted: doc values would double the cost
	return f
}

func storedOnly() *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = true
	f.Index = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

func keywordField(store, docValues bool) *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Store = store
	f.Index = true
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = docValues
	return f
}

func dateField(store bool) *mapping.FieldMapping {
	f := bleve.NewDateTimeFieldMapping()
	f.Store = store
	f.Index = true
	f.IncludeInAll = false
	f.DocValues = true
	return f
}

// textDocMapping is the text part shared with the raw-bleve baseline, with
// analyzer on title and body (en.AnalyzerName for the baseline, fastEnName,
// which gives the same tokens, for workbench's new indexes: analysis.go).
func textDocMapping(analyzer string) *mapping.DocumentMapping {
	dm := bleve.NewDocumentStaticMapping()
	// No _all composite field (bleve adds one unless disabled): the body
	// field already holds title + body.
	all := bleve.NewDocumentDisabledMapping()
	dm.AddSubDocumentMapping("_all", all)
	dm.AddFieldMappingsAt(fTitle, textField(true, analyzer))
	dm.AddFieldMappingsAt(fBody, textField(false, analyzer))
	dm.AddFieldMappingsAt(fContent, storedOnly())
	return dm
}

var (
	enOnce sync.Once
	enAn   analysis.Analyzer
)

// enAnalyzer is the English analyzer of the title and body fields (of
// every index: fastEnName gives the tokens of en.AnalyzerName).
func enAnalyzer() analysis.Analyzer {
	enOnce.Do(func() {
		registerAnalysis()
		enAn = newIndexMapping().AnalyzerNamed(fastEnName)
	})
	return enAn
}

func newIndexMapping() *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.DefaultAnalyzer = en.AnalyzerName
	im.DefaultField = fBody
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.TypeField = "_type"
	im.DefaultType = typeArticle
	// BM25 (not bleve's default, tf-idf): the only model bleve's global
	// scoring works with, so that a sharded index ranks as one index does
	// (docs/SCALING.md). It also saturates repeated words, which suits
	// long transcripts.
	im.ScoringModel = bindex.BM25Scoring
	return im
}

// TextMapping is the text-only mapping (title and body with the English
// analyzer, the body stored, the same options as the article type), for a
// raw-bleve baseline that indexes exactly the same text. Index documents made
// by TextDocument with it.
func TextMapping() mapping.IndexMapping {
	im := newIndexMapping()
	im.DefaultMapping = textDocMapping(en.AnalyzerName)
	return im
}

// TextDocument is the document TextMapping expects for an article.
func TextDocument(a model.Article) map[string]any {
	return map[string]any{
		fTitle:   a.Title,
		fBody:    a.Title + "\n" + a.Body,
		fContent: a.Body,
	}
}

func buildMapping() mapping.IndexMapping { return buildMappingWith(fastEnName) }

// buildMappingWith is the mapping of the workbench index with analyzer on
// the text fields (fastEnName since issue 17; indexes made before use
// en.AnalyzerName). It registers fastEnName with bleve.
func buildMappingWith(analyzer string) *mapping.IndexMappingImpl {
	registerAnalysis()
	im := newIndexMapping()

	art := textDocMapping(analyzer)
	art.AddFieldMappingsAt(fKind, keywordField(false, false))
	art.AddFieldMappingsAt(fDate, dateField(true))
	art.AddFieldMappingsAt(fSource, keywordField(true, true))
	art.AddFieldMappingsAt(fURL, storedOnly())
	art.AddFieldMappingsAt(fActors, keywordField(true, true))
	art.AddFieldMappingsAt(fSpeakers, keywordField(false, false))
	art.AddFieldMappingsAt(fAnalysis, storedOnly())
	art.AddFieldMappingsAt(fHash, storedOnly())
	art.AddFieldMappingsAt(fPath, storedOnly())
	art.AddFieldMappingsAt(fQSpk, keywordField(false, true))
	art.AddFieldMappingsAt(fQActors, keywordField(false, false))
	AddStatsMappings(art)
	im.AddDocumentMapping(typeArticle, art)
	im.DefaultMapping = art
	return im
}
