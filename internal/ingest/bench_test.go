package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

// benchWalk ingests paths b.N times and reports documents per second.
func benchWalk(b *testing.B, paths []string, size int64) {
	b.Helper()
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	docs := 0
	for i := 0; i < b.N; i++ {
		err := Walk(context.Background(), paths, Options{},
			func(model.Article) error { docs++; return nil },
			func(p Problem) {
				if !p.Note {
					b.Fatalf("problem: %v", p)
				}
			})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkWalkJSONL reads a generated JSON Lines file of 10,000 news-sized
// records (~4 KB each).
func BenchmarkWalkJSONL(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	para := strings.Repeat("The minister said on Tuesday that talks would continue next week in Geneva. ", 13)
	for i := 0; i < 10000; i++ {
		rec := map[string]string{
			"id": fmt.Sprintf("doc-%d", i), "title": fmt.Sprintf("Headline number %d", i),
			"date": "2024-03-05", "source": "bench", "url": fmt.Sprintf("https://example.org/%d", i),
			"body": para + "\n\n" + para + "\n\n" + para + "\n\n" + para,
		}
		line, _ := json.Marshal(rec)
		w.Write(line)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	fi, _ := os.Stat(path)
	benchWalk(b, []string{path}, fi.Size())
}

// BenchmarkWalkHTML reads the kremlin.ru pages kept in testdata.
func BenchmarkWalkHTML(b *testing.B) {
	var paths []string
	var size int64
	for _, id := range []string{"17125", "39627", "47124", "55864"} {
		p := filepath.Join("testdata", "kremlin", id+".html")
		fi, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
		size += fi.Size()
	}
	benchWalk(b, paths, size)
}

// BenchmarkWalkKremlinCorpus reads the shared 7,077-document corpus
// (kremlin-en.jsonl.gz); skipped without it.
func BenchmarkWalkKremlinCorpus(b *testing.B) {
	p := filepath.Join(sharedDir(b), "corpus", "kremlin-en", "kremlin-en.jsonl.gz")
	fi, err := os.Stat(p)
	if err != nil {
		b.Skip(err)
	}
	benchWalk(b, []string{p}, fi.Size())
}
