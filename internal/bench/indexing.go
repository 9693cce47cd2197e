package bench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// BatchSize is the number of documents per bleve batch, for workbench and
// the baseline alike.
const BatchSize = 1000

// indexWorkbench indexes the benchmark corpus into the workspace's index:
// ingest, analysis on every core, index.Put in batches.
func indexWorkbench(ctx context.Context, dir string) (*phaseIndex, error) {
	path := filepath.Join(dir, "index.bleve")
	os.RemoveAll(path)
	ws := &workspace.Workspace{Dir: dir}
	toml, err := os.ReadFile(ws.ActorsPath())
	if err != nil {
		return nil, err
	}
	reg, err := analyze.LoadRegistry(toml)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ws.ActorsPath(), err)
	}
	an := analyze.New(reg)
	ix, err := index.Create(path)
	if err != nil {
		return nil, err
	}
	arts := make(chan model.Article, 256)
	docs := make(chan index.Doc, 256)
	var rerr error
	go func() {
		defer close(arts)
		rerr = ingest.Walk(ctx, []string{corpusPath(dir)}, ingest.Options{}, func(a model.Article) error {
			select {
			case arts <- a:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, nil)
	}()
	var wg sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range arts {
				sum := sha256.Sum256([]byte(a.Title + "\x00" + a.Body))
				docs <- index.Doc{Article: a, Analysis: an.AnalyzeDoc(a.ID, a.Body), Hash: hex.EncodeToString(sum[:])}
			}
		}()
	}
	go func() { wg.Wait(); close(docs) }()
	res := &phaseIndex{BatchSize: BatchSize}
	var perr error
	batch := make([]index.Doc, 0, BatchSize)
	flush := func() {
		if perr == nil && len(batch) > 0 {
			perr = ix.Put(ctx, batch)
		}
		batch = batch[:0]
	}
	for d := range docs {
		res.Docs++
		res.Quotes += len(d.Analysis.Quotes)
		batch = append(batch, d)
		if len(batch) >= BatchSize {
			flush()
		}
	}
	flush()
	err = errors.Join(rerr, perr, ix.Close())
	if err != nil {
		return nil, err
	}
	return res, nil
}
