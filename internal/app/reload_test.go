package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/pipeline"
)

// corpusDir writes n generated articles about grain exports.
func corpusDir(t *testing.T, prefix string, n int) string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	for i := range n {
		js, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("%s-%d", prefix, i), "title": fmt.Sprintf("Grain report %d", i),
			"date": "2025-03-01",
			"body": fmt.Sprintf(`Day %d. "Grain exports resume," the minister said. %s`, i, strings.Repeat("Ships left the ports of Odesa with wheat and maize. ", 10))})
		b.Write(js)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(filepath.Join(dir, prefix+".jsonl"), []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func openApp(t *testing.T, dir string) *app.App {
	t.Helper()
	a, err := app.Open(app.Options{Home: dir, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// A reader started while `index` runs (another App, as another process
// would be) gets its results from the last complete generation at once,
// not after the indexing ends; an App open all along picks up the new
// documents when it refreshes, without being reopened.
func TestReaderDuringIndexing(t *testing.T) {
	env := apptest.New(t)
	ctx := context.Background()
	n0, err := env.App.Count() // the TUI has its index open
	if err != nil {
		t.Fatal(err)
	}
	const n = 3000
	src := corpusDir(t, "grain", n)
	// The same reader with no writer running: the baseline.
	start := time.Now()
	idle := openApp(t, env.Dir)
	if _, err := idle.Search(ctx, model.SearchRequest{Query: "talks", Limit: 10}); err != nil {
		t.Fatal(err)
	}
	base := time.Since(start)
	writer := openApp(t, env.Dir)
	started := make(chan struct{})
	done := make(chan struct{})
	var once sync.Once
	var st pipeline.Stats
	var runErr error
	go func() {
		defer close(done)
		st, runErr = writer.IndexSource(ctx, pipeline.Source{Paths: []string{src}}, false, pipeline.Options{
			BatchSize: 200,
			Progress: func(p pipeline.Progress) {
				if p.Indexed > 0 {
					once.Do(func() { close(started) })
				}
			},
		})
		once.Do(func() { close(started) })
	}()
	<-started
	start = time.Now()
	reader := openApp(t, env.Dir)
	res, err := reader.Search(ctx, model.SearchRequest{Query: "talks", Limit: 10})
	ttfr := time.Since(start)
	select {
	case <-done:
		t.Fatalf("the indexing ended before the reader's results: the test proves nothing (%v)", runErr)
	default:
	}
	if err != nil {
		t.Fatalf("reader during indexing: %v", err)
	}
	if res.Total == 0 {
		t.Fatal("reader during indexing found nothing")
	}
	if c, _ := reader.Count(); c != n0 {
		t.Errorf("reader during indexing sees %d documents, want the %d of the last complete index", c, n0)
	}
	<-done
	if runErr != nil {
		t.Fatal(runErr)
	}
	t.Logf("time to first result of a reader started mid-run: %v (open + search; %.1fx the %v of the same reader with no writer); the run took %v",
		ttfr, float64(ttfr)/float64(base), base, st.Took)

	// The open App still reads its generation until it refreshes.
	if c, _ := env.App.Count(); c != n0 {
		t.Fatalf("the open App changed under its calls: %d", c)
	}
	ch, err := env.App.RefreshIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !ch.Changed || ch.Added != n || ch.Count != n0+n {
		t.Fatalf("refresh: %+v, want %d added", ch, n)
	}
	if c, _ := env.App.Count(); c != n0+n {
		t.Errorf("after refresh: %d documents", c)
	}
	if ch, _ := env.App.RefreshIndex(ctx); ch.Changed {
		t.Error("a second refresh found a change")
	}
}

// Searches in flight while the App swaps generations finish on the one
// they started with; a replaced generation closes once unused.
func TestSwapWhileSearching(t *testing.T) {
	env := apptest.New(t)
	ctx := context.Background()
	if _, err := env.App.Count(); err != nil {
		t.Fatal(err)
	}
	writer := openApp(t, env.Dir)
	stop := make(chan struct{})
	var failures atomic.Int64
	var searches atomic.Int64
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := env.App.Search(ctx, model.SearchRequest{Query: "peace OR grain", Limit: 20, Fragments: true}); err != nil {
					failures.Add(1)
					t.Error(err)
				}
				searches.Add(1)
			}
		}()
	}
	for i := range 4 {
		src := corpusDir(t, fmt.Sprintf("b%d", i), 50)
		if _, err := writer.IndexSource(ctx, pipeline.Source{Paths: []string{src}}, false, pipeline.Options{}); err != nil {
			t.Fatal(err)
		}
		ch, err := env.App.RefreshIndex(ctx)
		if err != nil || !ch.Changed || ch.Added != 50 {
			t.Fatalf("refresh %d: %+v %v", i, ch, err)
		}
		env.App.AgeReplacedIndexes()
	}
	close(stop)
	wg.Wait()
	if failures.Load() > 0 || searches.Load() == 0 {
		t.Fatalf("%d of %d searches failed", failures.Load(), searches.Load())
	}
	env.App.RefreshIndex(ctx) // reaps
	if n := env.App.OpenIndexes(); n != 1 {
		t.Errorf("%d generations open, want the current one only", n)
	}
	if c, _ := env.App.Count(); c != int64(len(env.Docs)+200) {
		t.Errorf("count %d", c)
	}
}
