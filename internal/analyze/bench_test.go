package analyze_test

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/analyze"
)

// kremlinBodies reads the bodies of the Kremlin corpus from the shared
// folder when present, else the embedded sample.
func kremlinBodies(b *testing.B) (bodies []string, source string) {
	shared := os.Getenv("WORKBENCH_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	var r io.Reader
	path := filepath.Join(shared, "corpus", "kremlin-en", "kremlin-en.jsonl.gz")
	if f, err := os.Open(path); err == nil {
		defer f.Close()
		gz, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		r, source = gz, path
	} else {
		f, err := data.Sample().Open("articles.jsonl")
		if err != nil {
			b.Fatal(err)
		}
		defer f.(fs.File).Close()
		r, source = f, "embedded sample"
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var rec struct {
			Body string `json:"body"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, rec.Body)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return bodies, source
}

// BenchmarkAnalyze measures mention finding plus quote extraction and
// attribution on the Kremlin corpus; MB/s is per core (one goroutine).
func BenchmarkAnalyze(b *testing.B) {
	reg, err := analyze.LoadRegistry(data.ActorsTOML())
	if err != nil {
		b.Fatal(err)
	}
	a := analyze.New(reg)
	bodies, source := kremlinBodies(b)
	var total int64
	for _, s := range bodies {
		total += int64(len(s))
	}
	b.Logf("%d documents, %.1f MB from %s", len(bodies), float64(total)/1e6, source)
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, s := range bodies {
			a.AnalyzeDoc("d", s)
		}
	}
	// On a busy machine wall time overstates the cost; CPU time of this
	// process (one goroutine, plus the GC) gives the per-core figure.
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/1e6/cpu, "MB/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
