package bench

// Helpers only the tests and benchmarks of this package use (the bench
// command's phases build the same things through Phase).

import (
	"context"
	"runtime"

	"github.com/workbench-dev/workbench/internal/index"
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
