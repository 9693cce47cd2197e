package bench

import (
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
	"github.com/workbench-dev/workbench/internal/ui/reader"
)

// longArticle is a ~127 KB article (a long transcript's size): 35 generated
// bodies end to end, with its analysis.
func longArticle(tb testing.TB) *model.Doc {
	g := NewGenerator(testStats(tb), testRegistry(tb).Actors(), DefaultSeed)
	var b strings.Builder
	for i := 0; i < 35; i++ {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(g.Doc(i).Body)
	}
	a := g.Doc(0)
	a.ID, a.Body = "long-article", b.String()
	an := analyze.New(testRegistry(tb)).AnalyzeDoc(a.ID, a.Body)
	return &model.Doc{Article: a, Analysis: an}
}

// BenchmarkReaderView renders the reader pane (120x40) of a long article:
// open (wrap, badges, highlights) and draw, and redraw only.
func BenchmarkReaderView(b *testing.B) {
	doc := longArticle(b)
	c := common.New(nil, testRegistry(b).Actors(), true, false)
	b.Run("open", func(b *testing.B) {
		b.SetBytes(int64(len(doc.Body)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			r := reader.New(c)
			r.SetSize(120, 40)
			r.SetDoc(doc, []model.Tag(nil))
			r.SetMarks([]model.Span{{Start: 10, End: 18}, {Start: 400, End: 408}})
			if r.View() == "" {
				b.Fatal("empty view")
			}
		}
	})
	b.Run("redraw", func(b *testing.B) {
		r := reader.New(c)
		r.SetSize(120, 40)
		r.SetDoc(doc, nil)
		r.SetMarks([]model.Span{{Start: 10, End: 18}, {Start: 400, End: 408}})
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if r.View() == "" {
				b.Fatal("empty view")
			}
		}
	})
}

func TestLongArticleForReaderBenchmark(t *testing.T) {
	doc := longArticle(t)
	if len(doc.Body) < 100000 || len(doc.Analysis.Quotes) < 50 {
		t.Fatalf("long article: %d bytes, %d quotes; want > 100 KB with many quotes", len(doc.Body), len(doc.Analysis.Quotes))
	}
	r := reader.New(common.New(nil, testRegistry(t).Actors(), true, false))
	r.SetSize(120, 40)
	r.SetDoc(doc, nil)
	if r.Lines() < 500 || !strings.Contains(r.View(), doc.Body[:20]) {
		t.Fatalf("reader view of the long article: %d lines", r.Lines())
	}
}
