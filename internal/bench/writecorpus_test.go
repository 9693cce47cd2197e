package bench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/workbench-dev/workbench/data"
)

// TestWriteCorpusIsThePrefix: the first n documents written alone are the
// first n lines of a longer corpus (anspeed measures the bench's first
// 3,000 documents that way), and the default seed is applied.
func TestWriteCorpusIsThePrefix(t *testing.T) {
	dir := t.TempDir()
	o := Options{Sample: data.Sample(), SampleFiles: data.SampleFiles(), ActorsTOML: data.ActorsTOML()}
	write := func(n int) []byte {
		o.Docs = n
		p := filepath.Join(dir, "c.jsonl")
		got, err := WriteCorpus(context.Background(), o, p)
		if err != nil || got != n {
			t.Fatalf("WriteCorpus(%d): %d documents, %v", n, got, err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	short, long := write(20), write(60)
	if !bytes.HasPrefix(long, short) || bytes.Count(short, []byte("\n")) != 20 {
		t.Fatalf("20 documents are not the first 20 lines of 60 (%d bytes, %d bytes)", len(short), len(long))
	}
	o.Seed = DefaultSeed + 1
	if other := write(20); bytes.Equal(other, short) {
		t.Error("another seed wrote the same corpus: the default seed was not the one used")
	}
}
