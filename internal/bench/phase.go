package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/model"
)

// AnalyzeThroughput measures the analyzer on one core: the bodies of the
// first maxDocs documents of the corpus, analysed again and again for at
// least minTime, in MB (2^20 bytes) of body text per second.
func AnalyzeThroughput(ctx context.Context, an *analyze.Analyzer, corpus string, maxDocs int, minTime time.Duration) (float64, error) {
	var bodies []model.Article
	err := ingest.Walk(ctx, []string{corpus}, ingest.Options{}, func(a model.Article) error {
		bodies = append(bodies, a)
		if len(bodies) >= maxDocs {
			return errEnough
		}
		return nil
	}, nil)
	if err != nil && !errors.Is(err, errEnough) {
		return 0, err
	}
	if len(bodies) == 0 {
		return 0, errors.New("no documents to analyse")
	}
	var bytes int64
	start := time.Now()
	for time.Since(start) < minTime {
		for _, a := range bodies {
			an.AnalyzeDoc(a.ID, a.Body)
			bytes += int64(len(a.Body))
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
	}
	return round1(float64(bytes) / MB / time.Since(start).Seconds()), nil
}

// phaseIndex is what an indexing phase prints.
type phaseIndex struct {
	Docs      int     `json:"docs"`
	Quotes    int     `json:"quotes,omitempty"`
	Seconds   float64 `json:"seconds"`
	BatchSize int     `json:"batch_size,omitempty"`
}

// phaseSearch is what a search phase prints.
type phaseSearch struct {
	// AnonMB is RssAnon of /proc/self/status after the headline searches,
	// with the index still open: the memory the searching process holds
	// itself (the Go heap, stacks), without the mapped index pages.
	AnonMB float64    `json:"anon_mb,omitempty"`
	Run    *SearchRun `json:"run"`
	Cheap  *SearchRun `json:"cheap,omitempty"`
	Rich   *SearchRun `json:"rich,omitempty"`
	// First is the search line's first answer (FirstAnswer: titles and
	// fragments, budgeted on a big index; Run is then the exact answer),
	// FirstPartial how many of its answers, warm-up included, were
	// partial.
	First        *SearchRun `json:"first,omitempty"`
	FirstPartial int        `json:"first_partial,omitempty"`
}

// Phase runs one measured phase in this process and writes its JSON answer
// to w: "index" (the pipeline, with analysis), "baseline-index",
// "search", "baseline-search". The search phase opens the workspace through
// the application layer with ao (its defaults; Home is dir). exe is the
// workbench binary and the arguments before workbench's own, for phases
// that start workbench processes ("readers").
func Phase(ctx context.Context, phase, dir string, minQueries int, w io.Writer, ao app.Options, exe []string) error {
	// Phases rebuild indexes: only ever in a workspace made by Run.
	if _, err := os.Stat(corpusPath(dir)); err != nil {
		return fmt.Errorf("--phase %s: %s is not a benchmark workspace (no bench/corpus.jsonl): run `workbench bench --keep DIR` first", phase, dir)
	}
	var out any
	switch phase {
	case "index":
		res, err := indexWorkbench(ctx, dir)
		if err != nil {
			return err
		}
		out = res
	case "baseline-index", "baseline-index-1":
		writers := runtime.NumCPU()
		path := baselinePath(dir)
		if phase == "baseline-index-1" {
			writers, path = 1, path+"-1"
			defer os.RemoveAll(path)
		}
		res, err := indexBaselineAt(ctx, dir, path, writers)
		if err != nil {
			return err
		}
		out = res
	case "readers":
		// A search process beside `index --rebuild`, the indexer at normal
		// priority and at the default --nice, alternately.
		runs, err := Readers(ctx, dir, ReadersOptions{Command: exe, Nices: []int{0, 10, 0, 10}, WarmUp: time.Second})
		if err != nil {
			return err
		}
		out = runs
	case "search", "search-fragments":
		// Each run opens the index afresh: the index's caches start empty,
		// as in a new TUI session.
		// The search line's requests, through the application layer
		// (the query parsed and resolved as the TUI does it).
		reqs := []model.SearchRequest{
			{AsYouType: true, Limit: 20, Fragments: true},
			// The TUI runs two searches per keystroke: ids and titles
			// first, then fragments and facets; time both too.
			{AsYouType: true, Limit: 20},
			{AsYouType: true, Limit: 20, Fragments: true, Facets: true},
			// The first answer, what the analyst sees first (issue 17).
			{AsYouType: true, Limit: 20, Fragments: true, FirstAnswer: true},
		}
		if phase == "search-fragments" { // the headline request only (profiling)
			reqs = reqs[:1]
		}
		runs := make([]*SearchRun, len(reqs))
		var anon float64
		partial := 0
		for i, req := range reqs {
			o := ao
			o.Home = dir
			w, err := app.Open(o)
			if err != nil {
				return err
			}
			if _, err := w.Index(); err != nil {
				w.Close()
				return err
			}
			runs[i], err = TimeSearches(ctx, WarmupQueries, Queries, minQueries, appSearcherCounting(w, req, &partial))
			if i == 0 {
				anon = selfAnonMB()
			}
			w.Close()
			if err != nil {
				return err
			}
		}
		ps := phaseSearch{AnonMB: anon, Run: runs[0]}
		if len(runs) == 4 {
			ps.Cheap, ps.Rich, ps.First, ps.FirstPartial = runs[1], runs[2], runs[3], partial
		}
		out = ps
	case "insights":
		o := ao
		o.Home = dir
		w, err := app.Open(o)
		if err != nil {
			return err
		}
		defer w.Close()
		res, err := timeInsights(ctx, w)
		if err != nil {
			return err
		}
		out = res
	case "fts5-index":
		res, err := indexFTS5(ctx, dir)
		if err != nil {
			return err
		}
		out = res
	case "fts5-search":
		f, err := openFTS5(fts5Path(dir), true)
		if err != nil {
			return err
		}
		defer f.Close()
		run, err := TimeSearches(ctx, WarmupQueries, Queries, minQueries, FTS5Searcher(f))
		if err != nil {
			return err
		}
		out = phaseSearch{Run: run}
	case "baseline-search":
		b, err := OpenBaseline(baselinePath(dir))
		if err != nil {
			return err
		}
		defer b.Close()
		run, err := TimeSearches(ctx, WarmupQueries, Queries, minQueries, BaselineSearcher(b))
		if err != nil {
			return err
		}
		out = phaseSearch{Run: run}
	default:
		return fmt.Errorf("unknown phase %q: want index, baseline-index, search, insights, baseline-search, fts5-index, fts5-search or readers", phase)
	}
	return json.NewEncoder(w).Encode(out)
}

// appSearcherCounting runs req with the typed text as its query through the
// application layer, as the search line does at each keystroke, counting
// the partial answers.
func appSearcherCounting(w *app.App, req model.SearchRequest, partial *int) Searcher {
	return func(ctx context.Context, typed string) (uint64, error) {
		r := req
		r.Query = typed
		res, err := w.Search(ctx, r)
		if err == nil && res.Partial {
			*partial++
		}
		if err != nil {
			var qe *model.QueryError
			if errors.As(err, &qe) {
				return 0, nil // the search line shows the error and keeps its results
			}
			return 0, err
		}
		return res.Total, nil
	}
}

// BaselineSearcher runs the same typed text against the baseline.
func BaselineSearcher(b *Baseline) Searcher {
	return func(ctx context.Context, typed string) (uint64, error) {
		_, total, err := b.Search(ctx, typed, 20)
		return total, err
	}
}

// indexBaselineAt indexes the corpus of dir into a new baseline at path
// with writers concurrent batches.
func indexBaselineAt(ctx context.Context, dir, path string, writers int) (*phaseIndex, error) {
	os.RemoveAll(path)
	b, err := CreateBaseline(path)
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	n, err := b.Index(ctx, BatchSize, writers, func(emit func(model.Article) error) error {
		return ingest.Walk(ctx, []string{corpusPath(dir)}, ingest.Options{}, emit, nil)
	})
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return &phaseIndex{Docs: n, Seconds: time.Since(t0).Seconds(), BatchSize: BatchSize}, nil
}
