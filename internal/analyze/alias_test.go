package analyze

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/workbench-dev/workbench/data"
)

// aliasBodies: the embedded sample's bodies, and up to 1,500 kremlin-en
// bodies when ../shared has them.
func aliasBodies(t *testing.T) []string {
	t.Helper()
	var bodies []string
	read := func(r io.Reader, max int) {
		sc := bufio.NewScanner(r)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() && len(bodies) < max {
			var rec struct{ Body string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Body != "" {
				bodies = append(bodies, rec.Body)
			}
		}
	}
	f, err := data.Sample().Open("articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	read(f.(fs.File), 1<<30)
	f.Close()
	if g, err := os.Open(filepath.Join("..", "..", "..", "shared", "corpus", "kremlin-en", "kremlin-en.jsonl.gz")); err == nil {
		defer g.Close()
		if gz, err := gzip.NewReader(g); err == nil {
			read(gz, len(bodies)+1500)
		}
	}
	return bodies
}

// TestAnalysisOutlivesScratch: the analyser reuses pooled buffers between
// documents (runes, tokens, folded words read through unsafe.String). What
// it returns must never alias them: an analysis kept from an earlier
// document stays byte for byte what it was after many more documents are
// analysed, one after another and on several goroutines at once.
func TestAnalysisOutlivesScratch(t *testing.T) {
	a := New(defaultRegistry(t))
	bodies := aliasBodies(t)
	if len(bodies) < 5 {
		t.Fatalf("%d bodies", len(bodies))
	}
	first := make([][]byte, len(bodies))
	kept := make([]any, len(bodies))
	for i, b := range bodies {
		an := a.AnalyzeDoc("d", b)
		kept[i] = an
		js, err := json.Marshal(an)
		if err != nil {
			t.Fatal(err)
		}
		first[i] = js
	}
	// More documents through the same pools, concurrently.
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := len(bodies) - 1; i >= 0; i-- {
				if (i+g)%2 == 0 {
					a.AnalyzeDoc("d", bodies[i])
				}
			}
		}(g)
	}
	wg.Wait()
	for i, an := range kept {
		js, _ := json.Marshal(an)
		if string(js) != string(first[i]) {
			t.Fatalf("document %d: its analysis changed after later documents were analysed:\nbefore %.300s\nafter  %.300s", i, first[i], js)
		}
	}
}
