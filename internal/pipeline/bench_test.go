package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/workbench-dev/workbench/data"
)

// sharedDir finds ../shared (or $WORKBENCH_SHARED); "" when absent.
func sharedDir() string {
	if d := os.Getenv("WORKBENCH_SHARED"); d != "" {
		return d
	}
	for _, d := range []string{"../../../shared", "../../shared"} {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return ""
}

// BenchmarkIndexKremlin indexes the 7,077 real kremlin.ru documents with
// analysis into a fresh index (the figure of docs/readme/search.md).
func BenchmarkIndexKremlin(b *testing.B) {
	sh := sharedDir()
	corpus := filepath.Join(sh, "corpus", "kremlin-en", "kremlin-en.jsonl.gz")
	if _, err := os.Stat(corpus); sh == "" || err != nil {
		b.Skip("needs ../shared/corpus/kremlin-en")
	}
	an := analyzer(b, data.ActorsTOML())
	for b.Loop() {
		b.StopTimer()
		p := filepath.Join(b.TempDir(), "ix")
		ix, err := OpenOrCreate(p, false)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := Run(context.Background(), ix, an, Source{Paths: []string{corpus}}, Options{Registry: data.ActorsTOML()})
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
		b.ReportMetric(st.DocsPerSecond(), "docs/s")
		b.ReportMetric(float64(dirSize(p))/(1<<20), "index_MB")
	}
}

func dirSize(p string) int64 {
	var n int64
	filepath.Walk(p, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}
