package bench

// Helpers only the tests and benchmarks of this package use (the bench
// command's phases build the same things through Phase).

import (
	"context"
	"errors"
	"runtime"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/qlang"
)

// WorkbenchSearcher searches the way the search line does at each
// keystroke: as you type, top 20, stored fields and fragments (the first
// request of the "search" phase).
func WorkbenchSearcher(ix *index.Index) Searcher {
	return searcherWith(ix, index.Request{Limit: 20, Fragments: true})
}

// indexBaseline indexes the corpus of dir into the baseline with one writer
// per core, as the "baseline-index" phase does.
func indexBaseline(ctx context.Context, dir string) (*phaseIndex, error) {
	return indexBaselineAt(ctx, dir, baselinePath(dir), runtime.NumCPU())
}

// searcherWith runs req on an index with the typed text as its query,
// parsed as the search line parses it but with names as written (the
// generated corpus uses actor ids): for tests on a bare index.
func searcherWith(ix *index.Index, req index.Request) Searcher {
	return func(ctx context.Context, typed string) (uint64, error) {
		var qe *model.QueryError
		pq, err := qlang.Parse(typed, qlang.Options{AsYouType: true}, qlang.Resolver{})
		if err != nil {
			if errors.As(err, &qe) {
				return 0, nil // the search line shows the error and keeps its results
			}
			return 0, err
		}
		r := req
		r.Query = pq
		res, err := ix.Search(ctx, r)
		if err != nil {
			if errors.As(err, &qe) {
				return 0, nil
			}
			return 0, err
		}
		return res.Total, nil
	}
}
