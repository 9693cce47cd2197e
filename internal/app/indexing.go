package app

import (
	"context"
	"time"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/pipeline"
)

// LockWait is how long a writer waits for the workspace's writer lock.
const LockWait = 2 * time.Second

// IndexSource ingests, analyses and indexes a source, holding the workspace's
// writer lock: the one way the CLI and the TUI (the sample on first run)
// index. Only new and changed documents are analysed again.
func (a *App) IndexSource(ctx context.Context, src pipeline.Source, rebuild bool, o pipeline.Options) (pipeline.Stats, error) {
	lock, err := a.ws.LockWrite(LockWait)
	if err != nil {
		return pipeline.Stats{}, err
	}
	defer lock.Unlock()
	// A new generation of the index: readers keep the current one until
	// Commit swaps (index/generation.go). A rebuild that did not finish
	// is dropped, the live index kept; an interrupted incremental run
	// keeps what it wrote, and the next run does the rest.
	w, err := index.BeginWrite(a.ws.Dir, rebuild)
	if err != nil {
		return pipeline.Stats{}, err
	}
	o.Registry = a.regText
	st, runErr := pipeline.Run(ctx, w.Index, analyze.New(a.reg), src, o)
	if rebuild && runErr != nil {
		w.Abort()
		return st, runErr
	}
	if err := w.Commit(); err != nil && runErr == nil {
		runErr = &CloseError{err}
	}
	a.indexWritten()
	return st, runErr
}

// CloseError: the index could not be closed after a run.
type CloseError struct{ err error }

func (e *CloseError) Error() string { return "closing the index: " + e.err.Error() }
func (e *CloseError) Unwrap() error { return e.err }
