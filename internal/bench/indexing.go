package bench

import (
	"context"
	"errors"
	"github.com/workbench-dev/workbench/internal/analyze"
	"path/filepath"
	"time"

	"github.com/workbench-dev/workbench/internal/pipeline"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// BatchSize is the number of documents per bleve batch, for workbench (the
// pipeline's default) and the baseline alike.
const BatchSize = pipeline.DefaultBatchSize

// indexWorkbench indexes the benchmark corpus into the workspace's index
// through the real pipeline: ingest, analysis on every core, batched writes.
func indexWorkbench(ctx context.Context, dir string) (*phaseIndex, error) {
	ws := &workspace.Workspace{Dir: dir}
	reg, regText, err := pipeline.LoadRegistry(ws, nil)
	if err != nil {
		return nil, err
	}
	an := analyze.New(reg)
	ix, err := pipeline.OpenOrCreate(filepath.Join(dir, "index.bleve"), true)
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	st, err := pipeline.Run(ctx, ix, an, pipeline.Source{Paths: []string{corpusPath(dir)}}, pipeline.Options{Registry: regText})
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if st.Failed > 0 {
		return nil, errors.New("the pipeline reported problems with the benchmark corpus")
	}
	// Close is part of the cost: it is when the last segments are on disk.
	return &phaseIndex{Docs: st.Indexed, Seconds: time.Since(t0).Seconds(), BatchSize: BatchSize}, nil
}
